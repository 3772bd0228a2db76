export * from "./args";
export { IstioGateway } from "./istio-gateway";
export {
    DEFAULT_GATEWAY_SELECTOR,
    type IstioGatewayPlan,
    type IstioGatewayServerSpec,
    type IstioGatewaySpec,
    type IstioRequestAuthenticationSpec,
    planIstioGateway,
} from "./plan";
export { istioGatewayArgsSchema } from "./schema";
