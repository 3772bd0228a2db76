// NetworkLoadBalancer: its class, Args types, planner and plan shape.
export * from "./args";
export { NetworkLoadBalancer } from "./network-load-balancer";
export { planNetworkLoadBalancer } from "./plan";
export type { NetworkLoadBalancerPlan, PlannedNlbListener } from "./plan";
export { MAX_NLB_LISTENERS, networkLoadBalancerArgsSchema } from "./schema";
