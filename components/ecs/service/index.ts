export * from "./args";
export { EcsService } from "./ecs-service";
export type { EcsServicePlan, PlannedEfsAccess, PlannedListenerRule } from "./plan";
export { planEcsService } from "./plan";
export { ECS_SERVICE_LIST_LIMITS, ecsServiceArgsSchema } from "./schema";
