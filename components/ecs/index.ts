// The ecs tier's public exports.
export * from "./args";
export { EcsCluster } from "./cluster";
export { EcsService } from "./service";
export { planEcsCluster, planEcsService } from "./plan";
export type { EcsClusterPlan, EcsServicePlan, EcsServicePlanOptions, PlannedContainer, PlannedPortMapping, PlannedHealthCheck, PlannedEc2CapacityProvider, PlannedStrategyItem } from "./plan";
