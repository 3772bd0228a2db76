// GatewayLoadBalancer: its class, Args types, planner and plan shape.
export * from "./args";
export { GatewayLoadBalancer } from "./gateway-load-balancer";
export { planGatewayLoadBalancer } from "./plan";
export type { GatewayLoadBalancerPlan } from "./plan";
export { gatewayLoadBalancerArgsSchema } from "./schema";
