import type * as pulumi from "@pulumi/pulumi";

/**
 * The one scaling vocabulary of compute-layer. Every tier takes this shape (`scaling` on the
 * EC2 group, the ECS service and the Lambda function; `autoScaling` on Kubernetes workloads)
 * and translates it into its own service's terms. A tier that cannot express a field rejects
 * it at construction with an error naming the supported alternative.
 */
export interface ScalingPolicies {
    /**
     * Target-tracking policies: keep a metric at a target value. The simplest and usually the
     * right choice.
     * @default none (no target tracking)
     */
    targetTracking?: TargetTrackingPolicy[];
    /**
     * Step-scaling policies: a CloudWatch alarm and the capacity change for each band of how far
     * the metric is past the alarm threshold. Not available on the Kubernetes HPA.
     * @default none (no step scaling)
     */
    steps?: StepScalingPolicy[];
    /**
     * Scheduled capacity changes (cron). Not available on the Kubernetes HPA.
     * @default none (no scheduled actions)
     */
    schedules?: ScheduledScaling[];
    /**
     * Predictive scaling from the metric's history. EC2 Auto Scaling groups and ECS services only.
     * @default none (no predictive scaling)
     */
    predictive?: PredictiveScaling;
}

/**
 * The metrics target tracking understands. Which ones a tier offers:
 * - EC2: `cpu`, `networkIn`, `networkOut`, `requestCountPerTarget`, `custom` (EC2 publishes no
 *   memory metric: use `custom` with the CloudWatch agent's `mem_used_percent`).
 * - ECS: `cpu`, `memory`, `requestCountPerTarget`, `custom`.
 * - Lambda (provisioned concurrency): `provisionedConcurrencyUtilization`, `custom`.
 * - Kubernetes HPA: `cpu`, `memory`, `custom` (an External metric).
 */
export type TargetTrackingMetric =
    | "cpu"
    | "memory"
    | "requestCountPerTarget"
    | "networkIn"
    | "networkOut"
    | "custom"
    | "provisionedConcurrencyUtilization";

/** CloudWatch statistics. */
export type MetricStatistic = "Average" | "Minimum" | "Maximum" | "Sum" | "SampleCount";

/** A CloudWatch metric (or, on the HPA, an External metric) named by the user. */
export interface CustomMetric {
    /**
     * The metric's name, e.g. `mem_used_percent` or `ApproximateNumberOfMessagesVisible`.
     * @default required
     */
    metricName: string;
    /**
     * The CloudWatch namespace, e.g. `CWAgent` or `AWS/SQS`. Ignored by the HPA.
     * @default required
     */
    namespace: string;
    /**
     * The statistic to track. Ignored by the HPA.
     * @default required
     */
    statistic: MetricStatistic;
    /**
     * The metric's dimensions (on the HPA: the External metric's label selector).
     * @default none
     */
    dimensions?: Record<string, pulumi.Input<string>>;
    /**
     * The metric's CloudWatch unit, e.g. `Percent` or `Count`. Ignored by the HPA.
     * @default none
     */
    unit?: string;
}

/** Keep one metric at a target value. */
export interface TargetTrackingPolicy {
    /**
     * What to track; see {@link TargetTrackingMetric} for what each tier offers.
     * @default required
     */
    metric: TargetTrackingMetric;
    /**
     * The value to hold the metric at: a percentage 1–100 for `cpu` and `memory`, a fraction
     * 0.1–0.9 for `provisionedConcurrencyUtilization`, requests per target per minute for
     * `requestCountPerTarget`, bytes for the network metrics, the metric's own unit for `custom`.
     * @default required
     */
    target: number;
    /**
     * For `requestCountPerTarget` only (required there): the ALB and target group,
     * `app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>` (the load balancer's `arnSuffix`, `/`,
     * the target group's `arnSuffix`).
     * @default none
     */
    resourceLabel?: pulumi.Input<string>;
    /**
     * For `custom` only (required there): the metric to track.
     * @default none
     */
    customMetric?: CustomMetric;
    /**
     * Seconds after a scale-in before another scale-in. ECS: default 300. HPA: the scale-down
     * stabilization window. EC2 Auto Scaling target tracking has no cooldowns (it uses instance
     * warm-up) and rejects this field.
     * @default the tier's default (ECS 300; Lambda and HPA: the service default)
     */
    scaleInCooldownSeconds?: number;
    /**
     * Seconds after a scale-out before another scale-out. ECS: default 60. HPA: the scale-up
     * stabilization window. Rejected on EC2 (see `scaleInCooldownSeconds`).
     * @default the tier's default (ECS 60; Lambda and HPA: the service default)
     */
    scaleOutCooldownSeconds?: number;
    /**
     * Never remove capacity because of this policy (scale in by other means).
     * @default false
     */
    disableScaleIn?: boolean;
}

/** CloudWatch alarm comparison operators a step-scaling alarm may use. */
export type AlarmComparison =
    | "GreaterThanOrEqualToThreshold"
    | "GreaterThanThreshold"
    | "LessThanThreshold"
    | "LessThanOrEqualToThreshold";

/** The CloudWatch alarm that triggers a step-scaling policy. */
export interface StepAlarm {
    /**
     * The CloudWatch metric name, e.g. `CPUUtilization`.
     * @default required
     */
    metric: string;
    /**
     * The CloudWatch namespace.
     * @default the tier's own: `AWS/EC2` (EC2), `AWS/ECS` (ECS), `AWS/Lambda` (Lambda)
     */
    namespace?: string;
    /**
     * The statistic the alarm evaluates.
     * @default "Average"
     */
    statistic?: MetricStatistic;
    /**
     * The metric's dimensions.
     * @default when `namespace` is the tier's own: the scaled resource (`AutoScalingGroupName`;
     * `ClusterName` + `ServiceName`; `FunctionName` + `Resource`); otherwise none
     */
    dimensions?: Record<string, pulumi.Input<string>>;
    /**
     * The alarm threshold; step bounds are relative to it.
     * @default required
     */
    threshold: number;
    /**
     * How the metric is compared with the threshold.
     * @default required
     */
    comparison: AlarmComparison;
    /**
     * Consecutive periods the condition must hold, 1 or more; `evaluationPeriods × periodSeconds`
     * is at most one day (seven days for periods of an hour or more).
     * @default 2
     */
    evaluationPeriods?: number;
    /**
     * The period in seconds: 10, 20, 30 (high-resolution metrics only) or a multiple of 60.
     * @default 60
     */
    periodSeconds?: number;
}

/** One band of a step-scaling policy, relative to the alarm threshold. */
export interface StepAdjustment {
    /**
     * Lower bound of the band (inclusive), as a difference from the threshold.
     * @default none (negative infinity); only one step may leave it open
     */
    lowerBound?: number;
    /**
     * Upper bound of the band (exclusive), as a difference from the threshold.
     * @default none (positive infinity); only one step may leave it open
     */
    upperBound?: number;
    /**
     * The capacity change in this band, in the policy's `adjustmentType` (a whole number).
     * @default required
     */
    change: number;
}

/** How a step's `change` is applied. */
export type AdjustmentType = "ChangeInCapacity" | "PercentChangeInCapacity" | "ExactCapacity";

/** An alarm and the capacity changes for how far past its threshold the metric is. */
export interface StepScalingPolicy {
    /**
     * The alarm that triggers the policy.
     * @default required
     */
    alarm: StepAlarm;
    /**
     * How `change` is applied.
     * @default "ChangeInCapacity"
     */
    adjustmentType?: AdjustmentType;
    /**
     * The bands: contiguous, non-overlapping, at most one with an open lower bound and one with
     * an open upper bound. As AWS requires, a negative lower bound needs a band with an open
     * lower bound, and a positive upper bound needs a band with an open upper bound.
     * @default required
     */
    adjustments: StepAdjustment[];
    /**
     * Seconds after a scaling activity before another may start. ECS and Lambda only: EC2 step
     * scaling has no cooldown (AWS allows `Cooldown` only on simple scaling) and rejects it.
     * @default the service default
     */
    cooldownSeconds?: number;
    /**
     * How the alarm's metric data points are aggregated.
     * @default "Average"
     */
    metricAggregationType?: "Average" | "Minimum" | "Maximum";
}

/** A scheduled change of capacity. */
export interface ScheduledScaling {
    /**
     * Unique name of the scheduled action, at most 255 characters. It also names the Pulumi
     * resource (`<component>-schedule-<name>`, runs of other characters than letters, digits,
     * `_`, `.` and `-` become `-`), so two names must differ after that too.
     * @default required
     */
    name: string;
    /**
     * When it runs. EC2: a 5-field traditional Unix cron, e.g. `0 9 * * MON-FRI` (numbers, month
     * and day names, `*`, `,`, `-`, `/`; not `?`, `L`, `W`, `#` or `H`). ECS and Lambda
     * (Application Auto Scaling): `cron(m h dom mon dow year)` with `?` in day-of-month or
     * day-of-week, `rate(n unit)` or `at(yyyy-mm-ddThh:mm:ss)`.
     * @default required
     */
    cron: string;
    /**
     * IANA time zone the schedule is read in, e.g. `Europe/Berlin`.
     * @default "UTC"
     */
    timezone?: string;
    /**
     * The new minimum capacity.
     * @default unchanged
     */
    minCapacity?: number;
    /**
     * The new maximum capacity.
     * @default unchanged
     */
    maxCapacity?: number;
    /**
     * The new desired capacity. EC2 only: Application Auto Scaling schedules set min and max.
     * @default unchanged
     */
    desiredCapacity?: number;
}

/** The metrics predictive scaling understands (`memory`: ECS only; network: EC2 only). */
export type PredictiveMetric = "cpu" | "memory" | "networkIn" | "networkOut" | "requestCountPerTarget";

/** Capacity forecast from the metric's history, provisioned ahead of the load. */
export interface PredictiveScaling {
    /**
     * The metric pair to forecast. EC2: `cpu`, `networkIn`, `networkOut`,
     * `requestCountPerTarget`. ECS: `cpu`, `memory`, `requestCountPerTarget`.
     * @default required
     */
    metric: PredictiveMetric;
    /**
     * The target utilization (percent 1–100 for `cpu` and `memory`).
     * @default required
     */
    target: number;
    /**
     * For `requestCountPerTarget` only (required there): the ALB target group's resource label,
     * `app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>`.
     * @default none
     */
    resourceLabel?: pulumi.Input<string>;
    /**
     * `ForecastOnly` publishes forecasts without acting (AWS's recommended first step);
     * `ForecastAndScale` also scales.
     * @default "ForecastOnly"
     */
    mode?: "ForecastOnly" | "ForecastAndScale";
    /**
     * How many seconds ahead of the forecast capacity is launched, 0–3600.
     * @default the service default (300)
     */
    schedulingBufferSeconds?: number;
}

/** The services the vocabulary translates to. */
/**
 * The one scaling field every tier takes, as `autoScaling`, in this shape: the shared policies
 * plus the bounds they scale between. EC2 (instances), ECS (tasks), Lambda (provisioned
 * concurrency units) and the Kubernetes HPA (replicas) all read it the same way; a tier's own
 * extras extend it under the same names wherever they exist, and a part a tier can't do is
 * rejected by that tier's planner.
 */
export interface AutoScalingArgs extends ScalingPolicies {
    /**
     * The fewest units the policies may scale to (instances, tasks, provisioned-concurrency
     * units or replicas).
     * @default required
     */
    min: number;
    /**
     * The most units the policies may scale to; at least `min`.
     * @default required
     */
    max: number;
}

export type ScalingTarget = "ec2" | "ecs" | "lambda" | "hpa";
