export * from "./args";
export { istioTrafficPolicyArgsSchema } from "./schema";
export { IstioTrafficPolicy } from "./istio-traffic-policy";
export {
    planIstioTrafficPolicy,
    type IstioTrafficPolicyPlan,
    type IstioVirtualServiceSpec,
    type IstioDestinationRuleSpec,
    type IstioHttpRouteSpec,
    type IstioTrafficPolicySpec,
    type IstioStringMatchSpec,
} from "./plan";
