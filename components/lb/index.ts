// The lb tier's public exports: the three load balancers, their Args types and planners.
export * from "./alb/args";
export { ApplicationLoadBalancer } from "./alb/application-load-balancer";
export { planApplicationLoadBalancer, assignPriorities } from "./alb/plan";
export type { ApplicationLoadBalancerPlan, PlannedAction, PlannedCondition, PlannedRule, PlannedTargetGroup, PlanContext } from "./alb/plan";
export { TLS12_PLUS_POLICIES, DEFAULT_SSL_POLICY } from "./shared/policies";
export type { Tls12PlusPolicy } from "./shared/policies";
