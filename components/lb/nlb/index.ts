// NetworkLoadBalancer: its class, Args types, planner and plan shape.
export * from "./args";
export { NetworkLoadBalancer } from "./network-load-balancer";
export type { NetworkLoadBalancerPlan, PlannedNlbListener } from "./plan";
export { planNetworkLoadBalancer } from "./plan";
export { MAX_NLB_LISTENERS, networkLoadBalancerArgsSchema } from "./schema";
