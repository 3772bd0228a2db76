export * from "./args";
export { IstioGateway } from "./istio-gateway";
export {
    planIstioGateway,
    DEFAULT_GATEWAY_SELECTOR,
    type IstioGatewayPlan,
    type IstioGatewaySpec,
    type IstioGatewayServerSpec,
    type IstioRequestAuthenticationSpec,
} from "./plan";
export { istioGatewayArgsSchema } from "./schema";
