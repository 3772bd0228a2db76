// ApplicationLoadBalancer: its class, Args types, planner and plan shape.
export * from "./args";
export { ApplicationLoadBalancer } from "./application-load-balancer";
export { assignPriorities, planApplicationLoadBalancer } from "./plan";
export type { ApplicationLoadBalancerPlan, PlannedAction, PlannedListener, PlannedRule, PlannedTargetGroup } from "./plan";
export { ALB_LIST_LIMITS, applicationLoadBalancerArgsSchema } from "./schema";
