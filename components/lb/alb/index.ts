// ApplicationLoadBalancer: its class, Args types, planner and plan shape.

export { ApplicationLoadBalancer } from "./application-load-balancer";
export * from "./args";
export type {
    ApplicationLoadBalancerPlan,
    PlannedAction,
    PlannedListener,
    PlannedRule,
    PlannedTargetGroup,
} from "./plan";
export { assignPriorities, planApplicationLoadBalancer } from "./plan";
export { ALB_LIST_LIMITS, applicationLoadBalancerArgsSchema } from "./schema";
