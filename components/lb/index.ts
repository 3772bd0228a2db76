// The lb tier's public exports: the three load balancers, their Args types, planners and plan shapes.
export * from "./alb/args";
export * from "./nlb/args";
export * from "./gwlb/args";
export { ApplicationLoadBalancer } from "./alb/application-load-balancer";
export { NetworkLoadBalancer } from "./nlb/network-load-balancer";
export { GatewayLoadBalancer } from "./gwlb/gateway-load-balancer";
export { assignPriorities, planApplicationLoadBalancer } from "./alb/plan";
export type { ApplicationLoadBalancerPlan } from "./alb/plan";
export { planNetworkLoadBalancer } from "./nlb/plan";
export type { NetworkLoadBalancerPlan } from "./nlb/plan";
export { planGatewayLoadBalancer } from "./gwlb/plan";
export type { GatewayLoadBalancerPlan } from "./gwlb/plan";
export { DEFAULT_SSL_POLICY, TLS12_PLUS_POLICIES } from "./shared/policies";
export type { Tls12PlusPolicy } from "./shared/policies";
