export * from "./args";
export { IstioSecurityPolicy } from "./istio-security-policy";
export {
    planIstioSecurityPolicy,
    authorizationPolicySpec,
    type IstioSecurityPolicyPlan,
    type IstioPeerAuthenticationSpec,
    type IstioAuthorizationPolicySpec,
    type IstioAuthorizationRuleSpec,
    type IstioPlannedObject,
} from "./plan";
export { istioSecurityPolicyArgsSchema } from "./schema";
