// The shared scaling vocabulary (issue 3): one args shape, translated per tier.

export * from "./appautoscaling";
export type { AlarmDefaults, ScalingAlarmPlan } from "./common";
export * from "./ec2";
export * from "./hpa";
export { appAutoScalingScheduleProblem, timezoneProblem, unixCronProblem } from "./schedule";
export { autoScalingSchema, SCALING_LIST_LIMITS, scalingPoliciesSchema } from "./schema";
export * from "./types";
export {
    checkCapacityOrder,
    hasDynamicScaling,
    PREDICTIVE_METRICS,
    TARGET_TRACKING_METRICS,
    TIER_NAMES,
    validateScalingPolicies,
} from "./validate";
