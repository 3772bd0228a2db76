export * from "./args";
export { IstioTrafficPolicy } from "./istio-traffic-policy";
export {
    type IstioDestinationRuleSpec,
    type IstioHttpRouteSpec,
    type IstioStringMatchSpec,
    type IstioTrafficPolicyPlan,
    type IstioTrafficPolicySpec,
    type IstioVirtualServiceSpec,
    planIstioTrafficPolicy,
} from "./plan";
export { istioTrafficPolicyArgsSchema } from "./schema";
