// GatewayLoadBalancer: its class, Args types, planner and plan shape.
export * from "./args";
export { GatewayLoadBalancer } from "./gateway-load-balancer";
export type { GatewayLoadBalancerPlan } from "./plan";
export { planGatewayLoadBalancer } from "./plan";
export { gatewayLoadBalancerArgsSchema } from "./schema";
