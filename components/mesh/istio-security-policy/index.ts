export * from "./args";
export { IstioSecurityPolicy } from "./istio-security-policy";
export {
    authorizationPolicySpec,
    type IstioAuthorizationPolicySpec,
    type IstioAuthorizationRuleSpec,
    type IstioPeerAuthenticationSpec,
    type IstioPlannedObject,
    type IstioSecurityPolicyPlan,
    planIstioSecurityPolicy,
} from "./plan";
export { istioSecurityPolicyArgsSchema } from "./schema";
