import { input, int, type MutuallyAssignable, obj, z } from "../core/shape";
import type {
    AutoScalingArgs,
    CustomMetric,
    PredictiveScaling,
    ScalingPolicies,
    ScheduledScaling,
    StepAlarm,
    StepScalingPolicy,
    TargetTrackingPolicy,
} from "./types";

/**
 * The runtime shape of the shared scaling vocabulary (see ./types.ts), for every tier's
 * `autoScaling` field. Ranges that differ by tier (metrics offered, cooldowns, cron dialects)
 * stay in `validateScalingPolicies`; this only guarantees the shape those checks read.
 *
 * List limits: "Scaling policies per Auto Scaling group: 50" and "Step adjustments per step
 * policy: 20" (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-quotas.html);
 * "Scaling policies per scalable target: 50" and "Scheduled actions per scalable target: 200"
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-limits.html).
 */
export const SCALING_LIST_LIMITS = { policies: 50, stepAdjustments: 20, schedules: 200 } as const;

/** The values of the vocabulary's enums; `validateScalingPolicies` names them in its reasons. */
export const SCALING_VALUES = {
    targetTrackingMetrics: [
        "cpu",
        "memory",
        "requestCountPerTarget",
        "networkIn",
        "networkOut",
        "custom",
        "provisionedConcurrencyUtilization",
    ],
    predictiveMetrics: ["cpu", "memory", "networkIn", "networkOut", "requestCountPerTarget"],
    statistics: ["Average", "Minimum", "Maximum", "Sum", "SampleCount"],
    comparisons: [
        "GreaterThanOrEqualToThreshold",
        "GreaterThanThreshold",
        "LessThanThreshold",
        "LessThanOrEqualToThreshold",
    ],
    adjustmentTypes: ["ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity"],
    aggregations: ["Average", "Minimum", "Maximum"],
    modes: ["ForecastOnly", "ForecastAndScale"],
} as const;

const statistic = z.enum(SCALING_VALUES.statistics);
const dimensions = z.record(z.string(), input(z.string()));

const customMetricSchema = obj({
    metricName: z.string().min(1),
    namespace: z.string().min(1),
    statistic,
    dimensions: dimensions.optional(),
    unit: z.string().optional(),
});

const targetTrackingSchema = obj({
    metric: z.enum(SCALING_VALUES.targetTrackingMetrics),
    target: z.number(),
    resourceLabel: input(z.string()).optional(),
    customMetric: customMetricSchema.optional(),
    scaleInCooldownSeconds: int().min(0).optional(),
    scaleOutCooldownSeconds: int().min(0).optional(),
    disableScaleIn: z.boolean().optional(),
});

const stepAlarmSchema = obj({
    metric: z.string().min(1),
    namespace: z.string().min(1).optional(),
    statistic: statistic.optional(),
    dimensions: dimensions.optional(),
    threshold: z.number(),
    comparison: z.enum(SCALING_VALUES.comparisons),
    evaluationPeriods: int().min(1).optional(),
    periodSeconds: int().min(1).optional(),
});

const stepSchema = obj({
    alarm: stepAlarmSchema,
    adjustmentType: z.enum(SCALING_VALUES.adjustmentTypes).optional(),
    adjustments: z
        .array(obj({ lowerBound: z.number().optional(), upperBound: z.number().optional(), change: int() }))
        .min(1)
        .max(SCALING_LIST_LIMITS.stepAdjustments),
    cooldownSeconds: int().min(0).optional(),
    metricAggregationType: z.enum(SCALING_VALUES.aggregations).optional(),
});

const scheduleSchema = obj({
    name: z.string().min(1),
    cron: z.string().min(1),
    timezone: z.string().min(1).optional(),
    minCapacity: int().min(0).optional(),
    maxCapacity: int().min(0).optional(),
    desiredCapacity: int().min(0).optional(),
});

const predictiveSchema = obj({
    metric: z.enum(SCALING_VALUES.predictiveMetrics),
    target: z.number(),
    resourceLabel: input(z.string()).optional(),
    mode: z.enum(SCALING_VALUES.modes).optional(),
    schedulingBufferSeconds: int().min(0).optional(),
});

/** The shape of {@link ScalingPolicies}. Plain values only: the policies decide which children exist. */
export const scalingPoliciesShape = {
    targetTracking: z.array(targetTrackingSchema).max(SCALING_LIST_LIMITS.policies).optional(),
    steps: z.array(stepSchema).max(SCALING_LIST_LIMITS.policies).optional(),
    schedules: z.array(scheduleSchema).max(SCALING_LIST_LIMITS.schedules).optional(),
    predictive: predictiveSchema.optional(),
};

/** The runtime shape of {@link ScalingPolicies}. */
export const scalingPoliciesSchema = obj(scalingPoliciesShape);

/**
 * The runtime shape of {@link AutoScalingArgs}: the policies plus `min` / `max` (whole numbers,
 * 0 or more). A tier with extras extends it: `autoScalingSchema.extend({ ... })`.
 */
export const autoScalingSchema = obj({
    ...scalingPoliciesShape,
    min: int().min(0),
    max: int().min(0),
});

// The schemas and the interfaces can't drift apart: each pair must be mutually assignable.
const drift: [
    MutuallyAssignable<z.input<typeof customMetricSchema>, CustomMetric>,
    MutuallyAssignable<z.input<typeof targetTrackingSchema>, TargetTrackingPolicy>,
    MutuallyAssignable<z.input<typeof stepAlarmSchema>, StepAlarm>,
    MutuallyAssignable<z.input<typeof stepSchema>, StepScalingPolicy>,
    MutuallyAssignable<z.input<typeof scheduleSchema>, ScheduledScaling>,
    MutuallyAssignable<z.input<typeof predictiveSchema>, PredictiveScaling>,
    MutuallyAssignable<z.input<typeof scalingPoliciesSchema>, ScalingPolicies>,
    MutuallyAssignable<z.input<typeof autoScalingSchema>, AutoScalingArgs>,
] = [true, true, true, true, true, true, true, true];
void drift;
