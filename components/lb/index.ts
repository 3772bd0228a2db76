// The lb tier's public exports: the three load balancers, their Args types, planners and plan shapes.
export * from "./alb";
export * from "./gwlb";
export * from "./nlb";
export type { Tls12PlusPolicy } from "./shared/policies";
export { DEFAULT_SSL_POLICY, TLS12_PLUS_POLICIES } from "./shared/policies";
