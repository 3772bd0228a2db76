export * from "./args";
export { AutoScalingGroup } from "./auto-scaling-group";
export type { AutoScalingGroupPlan, PlannedLifecycleHook } from "./plan";
export {
    AL2023_PARAMETERS,
    architectureOf,
    DEFAULT_INSTANCE_TYPE,
    hookTargetStatements,
    MAX_INSTANCE_TYPES,
    planAutoScalingGroup,
    ROOT_VOLUME_SIZES,
} from "./plan";
export { ASG_LIST_LIMITS, autoScalingGroupArgsSchema } from "./schema";
