// The shared scaling vocabulary (issue 3): one args shape, translated per tier.
export * from "./types";
export {
    validateScalingPolicies,
    hasDynamicScaling,
    checkCapacityOrder,
    TIER_NAMES,
    TARGET_TRACKING_METRICS,
    PREDICTIVE_METRICS,
} from "./validate";
export { unixCronProblem, appAutoScalingScheduleProblem, timezoneProblem } from "./schedule";
export type { ScalingAlarmPlan, AlarmDefaults } from "./common";
export * from "./ec2";
export * from "./appautoscaling";
export * from "./hpa";
export { scalingPoliciesSchema, autoScalingSchema, SCALING_LIST_LIMITS } from "./schema";
