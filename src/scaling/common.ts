import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { CustomMetric, PredictiveScaling, StepAdjustment, StepScalingPolicy, TargetTrackingPolicy } from "./types";

/** A step alarm's period in seconds when none is given. */
export const DEFAULT_ALARM_PERIOD = 60;
/** A step alarm's evaluation periods when none are given. */
export const DEFAULT_EVALUATION_PERIODS = 2;

/** A CloudWatch alarm a translator plans for a step-scaling policy; the tier adds `alarmActions: [policy.arn]`. */
export interface ScalingAlarmPlan {
    /** Stable suffix for the alarm's resource name, e.g. `step-0-alarm`. */
    key: string;
    /** The `key` of the policy the alarm triggers. */
    policyKey: string;
    /** `aws.cloudwatch.MetricAlarm` inputs without `alarmActions`. */
    args: Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions">;
}

/** Where a tier's own metrics live, so step alarms default to the scaled resource. */
export interface AlarmDefaults {
    /** The tier's CloudWatch namespace, e.g. `AWS/EC2`. */
    namespace: string;
    /** The dimensions that name the scaled resource (used when the alarm is in `namespace` and gives none). */
    dimensions?: Record<string, pulumi.Input<string>>;
}

/** Dimensions as the `{name, value}` list scaling APIs take. */
export function dimensionList(
    dimensions: Record<string, pulumi.Input<string>> | undefined,
): { name: string; value: pulumi.Input<string> }[] | undefined {
    if (!dimensions) return undefined;
    const out = Object.entries(dimensions).map(([name, value]) => ({ name, value }));
    return out.length > 0 ? out : undefined;
}

function customMetricFields(c: CustomMetric): {
    metricName: string;
    namespace: string;
    statistic: string;
    unit?: string;
} {
    return {
        metricName: c.metricName,
        namespace: c.namespace,
        statistic: c.statistic,
        ...(c.unit !== undefined ? { unit: c.unit } : {}),
    };
}

/**
 * The metric half of a target-tracking configuration, the same for EC2 and Application Auto
 * Scaling except the name of the custom metric's dimension list.
 */
export function trackedMetric<D extends string>(
    t: TargetTrackingPolicy,
    predefinedMetricType: string,
    dimensionsKey: D,
):
    | {
          customizedMetricSpecification: ReturnType<typeof customMetricFields> & {
              [K in D]?: { name: string; value: pulumi.Input<string> }[];
          };
      }
    | { predefinedMetricSpecification: { predefinedMetricType: string; resourceLabel?: pulumi.Input<string> } } {
    if (t.metric === "custom" && t.customMetric) {
        return {
            customizedMetricSpecification: {
                ...customMetricFields(t.customMetric),
                ...optional(dimensionsKey, dimensionList(t.customMetric.dimensions)),
            },
        };
    }
    return { predefinedMetricSpecification: { predefinedMetricType, ...optional("resourceLabel", t.resourceLabel) } };
}

/** A predictive policy's predefined metric pair. */
export function metricPair(
    pr: PredictiveScaling,
    predefinedMetricType: string,
): { predefinedMetricType: string; resourceLabel?: pulumi.Input<string> } {
    return { predefinedMetricType, ...optional("resourceLabel", pr.resourceLabel) };
}

/** The fields of a step-scaling policy both services share, defaults applied. */
export interface StepFields {
    adjustmentType: string;
    metricAggregationType: string;
    stepAdjustments: ReturnType<typeof stepAdjustmentList>;
}

/**
 * Plans one policy (shaped by `toArgs`) and one alarm per step-scaling policy: keys `step-<i>`
 * and `step-<i>-alarm`.
 */
export function planSteps<A>(
    steps: StepScalingPolicy[] | undefined,
    defaults: AlarmDefaults,
    toArgs: (fields: StepFields, s: StepScalingPolicy) => A,
): { policies: { key: string; args: A }[]; alarms: ScalingAlarmPlan[] } {
    const out: { policies: { key: string; args: A }[]; alarms: ScalingAlarmPlan[] } = { policies: [], alarms: [] };
    (steps ?? []).forEach((s, i) => {
        const key = `step-${i}`;
        const fields: StepFields = {
            adjustmentType: s.adjustmentType ?? "ChangeInCapacity",
            metricAggregationType: s.metricAggregationType ?? "Average",
            stepAdjustments: stepAdjustmentList(s.adjustments),
        };
        out.policies.push({ key, args: toArgs(fields, s) });
        out.alarms.push(stepAlarm(s, `${key}-alarm`, key, defaults));
    });
    return out;
}

/** Step bands as AWS takes them: bounds are strings, open bounds are left out. */
export function stepAdjustmentList(
    adjustments: StepAdjustment[],
): { metricIntervalLowerBound?: string; metricIntervalUpperBound?: string; scalingAdjustment: number }[] {
    return adjustments.map((a) => ({
        ...(a.lowerBound !== undefined ? { metricIntervalLowerBound: String(a.lowerBound) } : {}),
        ...(a.upperBound !== undefined ? { metricIntervalUpperBound: String(a.upperBound) } : {}),
        scalingAdjustment: a.change,
    }));
}

/** The CloudWatch alarm of a step-scaling policy. */
export function stepAlarm(
    s: StepScalingPolicy,
    key: string,
    policyKey: string,
    defaults: AlarmDefaults,
): ScalingAlarmPlan {
    const a = s.alarm;
    const namespace = a.namespace ?? defaults.namespace;
    const dimensions = a.dimensions ?? (namespace === defaults.namespace ? defaults.dimensions : undefined);
    return {
        key,
        policyKey,
        args: {
            alarmDescription: `compute-layer step scaling: ${a.metric} ${a.comparison} ${a.threshold}`,
            metricName: a.metric,
            namespace,
            statistic: a.statistic ?? "Average",
            ...(dimensions ? { dimensions } : {}),
            threshold: a.threshold,
            comparisonOperator: a.comparison,
            evaluationPeriods: a.evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS,
            period: a.periodSeconds ?? DEFAULT_ALARM_PERIOD,
        },
    };
}

/**
 * Resource-name suffixes for target-tracking policies, from the metric so that adding or
 * removing another policy does not rename (and replace) this one: `target-cpu`,
 * `target-custom-mem_used_percent`; a repeated suffix gets its index.
 */
export function targetTrackingKeys(policies: TargetTrackingPolicy[]): string[] {
    const bases = policies.map((t) =>
        t.metric === "custom" && t.customMetric
            ? `target-custom-${sanitize(t.customMetric.metricName)}`
            : `target-${t.metric}`,
    );
    return bases.map((b, i) => (bases.filter((x) => x === b).length > 1 ? `${b}-${i}` : b));
}

/** A resource-name suffix for a scheduled action: `schedule-<name>`. */
export function scheduleKey(name: string): string {
    return `schedule-${sanitize(name)}`;
}

/** `{ [key]: value }` when value is defined, else `{}`: keeps unset inputs out of the plan. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function sanitize(s: string): string {
    return s.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "");
}
