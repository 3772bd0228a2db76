export * from "./args";
export { EcsCluster } from "./ecs-cluster";
export type { EcsClusterPlan, PlannedEc2CapacityProvider, PlannedStrategyItem } from "./plan";
export { planEcsCluster } from "./plan";
export { ecsClusterArgsSchema } from "./schema";
