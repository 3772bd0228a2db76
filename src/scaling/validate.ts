import { isKnown, joinPath, type Problem, Validator } from "../core";
import { describeValue, shapeProblems, z } from "../core/shape";
import { DEFAULT_ALARM_PERIOD, DEFAULT_EVALUATION_PERIODS, scheduleKey } from "./common";
import { appAutoScalingScheduleProblem, timezoneProblem, unixCronProblem } from "./schedule";
import { SCALING_VALUES, scalingPoliciesShape } from "./schema";
import type {
    PredictiveMetric,
    ScalingPolicies,
    ScalingTarget,
    StepAdjustment,
    StepScalingPolicy,
    TargetTrackingMetric,
    TargetTrackingPolicy,
} from "./types";

const looseScalingPolicies = z.object(scalingPoliciesShape);

/** How each tier is named in error messages. */
export const TIER_NAMES: Record<ScalingTarget, string> = {
    ec2: "EC2 Auto Scaling",
    ecs: "ECS service auto scaling",
    lambda: "Lambda provisioned-concurrency scaling",
    hpa: "the Kubernetes HorizontalPodAutoscaler",
};

/** The target-tracking metrics each tier offers. */
export const TARGET_TRACKING_METRICS: Record<ScalingTarget, readonly TargetTrackingMetric[]> = {
    ec2: ["cpu", "networkIn", "networkOut", "requestCountPerTarget", "custom"],
    ecs: ["cpu", "memory", "requestCountPerTarget", "custom"],
    lambda: ["provisionedConcurrencyUtilization", "custom"],
    hpa: ["cpu", "memory", "custom"],
};

/**
 * The predictive-scaling metric pairs each tier offers. Application Auto Scaling has predictive
 * scaling for ECS services (since November 2024), not for Lambda:
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredictiveScalingPredefinedMetricPairSpecification.html
 */
export const PREDICTIVE_METRICS: Record<ScalingTarget, readonly PredictiveMetric[]> = {
    ec2: ["cpu", "networkIn", "networkOut", "requestCountPerTarget"],
    ecs: ["cpu", "memory", "requestCountPerTarget"],
    lambda: [],
    hpa: [],
};

const {
    statistics: STATISTICS,
    comparisons: COMPARISONS,
    adjustmentTypes: ADJUSTMENT_TYPES,
    aggregations: AGGREGATIONS,
    modes: MODES,
} = SCALING_VALUES;
/** The HPA's stabilization window is at most one hour (autoscaling/v2 HPAScalingRules). */
const HPA_MAX_WINDOW = 3600;
/** EC2 and Application Auto Scaling: SchedulingBufferTime 0–3600 seconds (PredictiveScalingConfiguration). */
const MAX_SCHEDULING_BUFFER = 3600;

function metricHint(metric: TargetTrackingMetric, target: ScalingTarget): string {
    if (target === "ec2" && metric === "memory") {
        return 'EC2 publishes no memory metric: install the CloudWatch agent and use metric "custom" with customMetric {namespace: "CWAgent", metricName: "mem_used_percent", statistic: "Average"}';
    }
    if (target === "hpa") return 'use metric "custom" with an External metric your metrics adapter serves';
    return 'use metric "custom" with a CloudWatch metric';
}

function list(values: readonly string[]): string {
    return values.map((v) => JSON.stringify(v)).join(", ");
}

/** Checks a target value for a metric: percent 1–100, fraction 0.1–0.9, else positive. */
function checkTarget(v: Validator, metric: string, value: number, path: string): void {
    if (typeof value !== "number" || !Number.isFinite(value)) {
        v.add(path, `must be a finite number (got ${describeValue(value)})`);
    } else if (metric === "cpu" || metric === "memory") {
        v.range(value, path, 1, 100, { integer: false, unit: "percent" });
    } else if (metric === "provisionedConcurrencyUtilization") {
        // Utilization of provisioned concurrency is a fraction; AWS's Lambda guide uses 0.1–0.9.
        // https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
        v.range(value, path, 0.1, 0.9, { integer: false });
    } else if (value <= 0) {
        v.add(path, `must be greater than 0 (got ${value})`);
    }
}

function checkTargetTracking(v: Validator, t: TargetTrackingPolicy, i: number, target: ScalingTarget): void {
    const at = (field?: string) => joinPath("targetTracking", i, field);
    const offered = TARGET_TRACKING_METRICS[target];
    const all: readonly TargetTrackingMetric[] = SCALING_VALUES.targetTrackingMetrics;
    if (!all.includes(t.metric)) {
        v.add(
            at("metric"),
            `must be one of ${list(offered)} for ${TIER_NAMES[target]} (got ${JSON.stringify(t.metric)})`,
        );
    } else if (!offered.includes(t.metric)) {
        v.add(
            at("metric"),
            `${JSON.stringify(t.metric)} is not available for ${TIER_NAMES[target]}: ${metricHint(t.metric, target)}; allowed: ${list(offered)}`,
        );
    }
    checkTarget(v, t.metric, t.target, at("target"));
    if (
        target === "hpa" &&
        (t.metric === "cpu" || t.metric === "memory") &&
        typeof t.target === "number" &&
        !Number.isInteger(t.target)
    ) {
        v.add(at("target"), `must be a whole percent from 1 to 100 for the HPA's averageUtilization (got ${t.target})`);
    }

    if (t.metric === "requestCountPerTarget") {
        if (target !== "hpa" && (t.resourceLabel === undefined || t.resourceLabel === "")) {
            v.add(
                at("resourceLabel"),
                'is required for "requestCountPerTarget": give "<load balancer arnSuffix>/<target group arnSuffix>"',
            );
        }
    } else if (t.resourceLabel !== undefined) {
        v.add(
            at("resourceLabel"),
            `applies only to metric "requestCountPerTarget" (metric is ${JSON.stringify(t.metric)}); remove it`,
        );
    }
    if (t.metric === "custom") {
        const c = t.customMetric;
        if (!c) {
            v.add(at("customMetric"), 'is required for metric "custom": give {metricName, namespace, statistic}');
        } else {
            v.required(c.metricName, at("customMetric.metricName"), "the metric name");
            if (target !== "hpa") {
                v.required(c.namespace, at("customMetric.namespace"), "the CloudWatch namespace");
                v.oneOf(c.statistic, at("customMetric.statistic"), STATISTICS);
            }
        }
    } else if (t.customMetric !== undefined) {
        v.add(at("customMetric"), `applies only to metric "custom" (metric is ${JSON.stringify(t.metric)}); remove it`);
    }

    for (const key of ["scaleInCooldownSeconds", "scaleOutCooldownSeconds"] as const) {
        const value = t[key];
        if (value === undefined) continue;
        if (target === "ec2") {
            v.add(
                at(key),
                "EC2 Auto Scaling target tracking has no cooldowns (AWS uses instance warm-up instead); remove it",
            );
        } else if (target === "hpa") {
            v.range(value, at(key), 0, HPA_MAX_WINDOW, { unit: "seconds (the HPA stabilization window)" });
        } else {
            v.min(value, at(key), 0, { unit: "seconds" });
        }
    }
}

/** Bands sorted by lower bound; checks they are contiguous, non-overlapping and open at most once each side. */
function checkAdjustments(v: Validator, adjustments: StepAdjustment[], base: string, adjustmentType: string): void {
    if (!Array.isArray(adjustments) || adjustments.length === 0) {
        v.add(joinPath(base, "adjustments"), "must have at least 1 step adjustment");
        return;
    }
    const at = (j: number, field?: string) => joinPath(base, "adjustments", j, field);
    let openLower = 0;
    let openUpper = 0;
    adjustments.forEach((a, j) => {
        const lo = a.lowerBound;
        const hi = a.upperBound;
        if (!Number.isInteger(a.change))
            v.add(at(j, "change"), `must be a whole number (got ${JSON.stringify(a.change)})`);
        else if (adjustmentType === "ExactCapacity" && a.change < 0)
            v.add(at(j, "change"), `must be 0 or more with adjustmentType "ExactCapacity" (got ${a.change})`);
        if (lo === undefined && hi === undefined) {
            v.add(
                at(j),
                "must bound at least one side: give lowerBound, upperBound or both (AWS forbids a step open on both sides)",
            );
        }
        if (lo !== undefined && hi !== undefined && !(lo < hi))
            v.add(at(j, "upperBound"), `must be greater than lowerBound ${lo} (got ${hi})`);
        if (lo === undefined && ++openLower > 1)
            v.add(at(j, "lowerBound"), "only one step may leave lowerBound open (negative infinity)");
        if (hi === undefined && ++openUpper > 1)
            v.add(at(j, "upperBound"), "only one step may leave upperBound open (positive infinity)");
    });
    // AWS (StepAdjustment): "If one step adjustment has a negative lower bound, then there must be
    // a step adjustment with a null lower bound", and likewise a positive upper bound needs a null
    // upper bound. https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_StepAdjustment.html
    if (openLower === 0) {
        const j = adjustments.findIndex((a) => a.lowerBound !== undefined && a.lowerBound < 0);
        if (j >= 0)
            v.add(
                at(j, "lowerBound"),
                `is negative (${adjustments[j].lowerBound}), so AWS requires one step with an open lowerBound below it (negative infinity); add it or start the steps at 0 or above`,
            );
    }
    if (openUpper === 0) {
        const j = adjustments.findIndex((a) => a.upperBound !== undefined && a.upperBound > 0);
        if (j >= 0)
            v.add(
                at(j, "upperBound"),
                `is positive (${adjustments[j].upperBound}), so AWS requires one step with an open upperBound above it (positive infinity); add it or end the steps at 0 or below`,
            );
    }
    const sorted = adjustments
        .map((a, j) => ({ a, j }))
        .sort((x, y) => (x.a.lowerBound ?? -Infinity) - (y.a.lowerBound ?? -Infinity));
    for (let k = 1; k < sorted.length; k++) {
        const prev = sorted[k - 1];
        const cur = sorted[k];
        const prevHi = prev.a.upperBound ?? Infinity;
        const curLo = cur.a.lowerBound ?? -Infinity;
        if (prevHi > curLo) {
            v.add(
                at(cur.j, "lowerBound"),
                `overlaps step ${joinPath("adjustments", prev.j)} (which ends at ${prevHi === Infinity ? "infinity" : prevHi}); steps must not overlap`,
            );
            // Either bound of the pair may be the wrong one: name both.
            v.add(
                at(prev.j, "upperBound"),
                `overlaps step ${joinPath("adjustments", cur.j)} (which starts at ${curLo === -Infinity ? "negative infinity" : curLo}); steps must not overlap`,
            );
        } else if (prevHi < curLo) {
            v.add(
                at(cur.j, "lowerBound"),
                `leaves a gap after step ${joinPath("adjustments", prev.j)} (which ends at ${prevHi}); steps must be contiguous, so this one must start at ${prevHi}`,
            );
            v.add(
                at(prev.j, "upperBound"),
                `leaves a gap before step ${joinPath("adjustments", cur.j)} (which starts at ${curLo}); steps must be contiguous, so this one must end at ${curLo}`,
            );
        }
    }
}

function checkStep(v: Validator, s: StepScalingPolicy, i: number, target: ScalingTarget): void {
    const at = (field?: string) => joinPath("steps", i, field);
    const alarm = s.alarm;
    if (!alarm) {
        v.add(at("alarm"), "is required: give the CloudWatch alarm {metric, threshold, comparison}");
    } else {
        v.required(alarm.metric, at("alarm.metric"), 'the CloudWatch metric name, e.g. "CPUUtilization"');
        if (typeof alarm.threshold !== "number" || !Number.isFinite(alarm.threshold))
            v.add(at("alarm.threshold"), `must be a finite number (got ${describeValue(alarm.threshold)})`);
        if (alarm.comparison === undefined) v.add(at("alarm.comparison"), `is required: one of ${list(COMPARISONS)}`);
        else v.oneOf(alarm.comparison, at("alarm.comparison"), COMPARISONS);
        v.oneOf(alarm.statistic, at("alarm.statistic"), STATISTICS);
        v.min(alarm.evaluationPeriods, at("alarm.evaluationPeriods"), 1);
        // CloudWatch PutMetricAlarm, Period: "Valid values are 10, 20, 30, and any multiple of 60",
        // and Period × EvaluationPeriods is at most 86,400 s for periods under an hour, else 604,800 s.
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
        const period = alarm.periodSeconds;
        if (
            period !== undefined &&
            !(
                period === 10 ||
                period === 20 ||
                period === 30 ||
                (Number.isInteger(period) && period >= 60 && period % 60 === 0)
            )
        ) {
            v.add(at("alarm.periodSeconds"), `must be 10, 20, 30 or a multiple of 60 seconds (got ${period})`);
        } else {
            const p = period ?? DEFAULT_ALARM_PERIOD;
            const n = alarm.evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS;
            const limit = p < 3600 ? 86_400 : 604_800;
            if (Number.isInteger(n) && n >= 1 && p * n > limit) {
                v.add(
                    at("alarm.evaluationPeriods"),
                    `times periodSeconds (${n} × ${p} = ${p * n} s) must be at most ${limit} s (CloudWatch: one day for periods under an hour, else seven days)`,
                );
            }
        }
    }
    v.oneOf(s.adjustmentType, at("adjustmentType"), ADJUSTMENT_TYPES);
    v.oneOf(s.metricAggregationType, at("metricAggregationType"), AGGREGATIONS);
    if (s.cooldownSeconds !== undefined) {
        if (target === "ec2")
            v.add(
                at("cooldownSeconds"),
                "EC2 Auto Scaling step scaling has no cooldown (AWS allows Cooldown only on simple scaling; it uses instance warm-up); remove it",
            );
        else v.min(s.cooldownSeconds, at("cooldownSeconds"), 0, { unit: "seconds" });
    }
    checkAdjustments(v, s.adjustments, at(), s.adjustmentType ?? "ChangeInCapacity");
}

function checkSchedules(v: Validator, p: ScalingPolicies, target: ScalingTarget): void {
    const schedules = p.schedules ?? [];
    const app = target === "ecs" || target === "lambda";
    v.unique(
        schedules.map((s, i) => ({ value: s.name, path: joinPath("schedules", i, "name") })),
        "schedule name",
    );
    // Distinct names that map to one resource name (`a b` and `a-b` are both `schedule-a-b`)
    // would register two resources with one URN.
    const keys = new Map<string, number>();
    schedules.forEach((s, i) => {
        if (typeof s.name !== "string" || s.name === "") return;
        const key = scheduleKey(s.name);
        const first = keys.get(key);
        if (first === undefined) keys.set(key, i);
        else if (schedules[first].name !== s.name) {
            v.add(
                joinPath("schedules", i, "name"),
                `${JSON.stringify(s.name)} gives the same resource name (${key}) as schedules[${first}].name ${JSON.stringify(schedules[first].name)}; use names that differ in letters, digits, "_", "." or "-"`,
            );
        }
    });
    schedules.forEach((s, i) => {
        const at = (field?: string) => joinPath("schedules", i, field);
        if (!s.name) v.add(at("name"), "is required: give a unique name for the scheduled action");
        // EC2 ScheduledActionName and Application Auto Scaling ScheduledActionName: 1–255 / 1–256 characters.
        else if (s.name.length > 255) v.add(at("name"), `must be at most 255 characters (got ${s.name.length})`);
        if (typeof s.cron !== "string" || s.cron.trim() === "") {
            v.add(
                at("cron"),
                app
                    ? 'is required: give "cron(...)", "rate(...)" or "at(...)"'
                    : 'is required: give a 5-field cron expression such as "0 9 * * MON-FRI"',
            );
        } else {
            const problem = app ? appAutoScalingScheduleProblem(s.cron) : unixCronProblem(s.cron);
            if (problem) v.add(at("cron"), problem);
        }
        if (s.timezone !== undefined) {
            const problem = timezoneProblem(s.timezone);
            if (problem) v.add(at("timezone"), problem);
        }
        v.min(s.minCapacity, at("minCapacity"), 0);
        v.min(s.maxCapacity, at("maxCapacity"), 0);
        if (app && s.desiredCapacity !== undefined) {
            v.add(
                at("desiredCapacity"),
                "Application Auto Scaling scheduled actions set only minCapacity and maxCapacity; remove desiredCapacity and set minCapacity instead",
            );
        } else {
            v.min(s.desiredCapacity, at("desiredCapacity"), 0);
        }
        const none =
            s.minCapacity === undefined && s.maxCapacity === undefined && (app || s.desiredCapacity === undefined);
        if (none)
            v.add(
                at(),
                app
                    ? "must set minCapacity, maxCapacity or both"
                    : "must set at least one of minCapacity, maxCapacity and desiredCapacity",
            );
        checkCapacityOrder(
            v,
            { min: s.minCapacity, max: s.maxCapacity, desired: app ? undefined : s.desiredCapacity },
            { min: at("minCapacity"), max: at("maxCapacity"), desired: at("desiredCapacity") },
            { min: "minCapacity", max: "maxCapacity", desired: "desiredCapacity" },
        );
    });
}

/**
 * min ≤ desired ≤ max for whichever of the three are known numbers. A broken order is reported
 * at both fields of the pair, so whichever of them is wrong is named.
 */
export function checkCapacityOrder(
    v: Validator,
    values: { min?: unknown; max?: unknown; desired?: unknown },
    paths: { min: string; max: string; desired: string },
    names: { min: string; max: string; desired: string },
): void {
    const num = (x: unknown): number | undefined => (isKnown(x) && typeof x === "number" ? x : undefined);
    const min = num(values.min);
    const max = num(values.max);
    const desired = num(values.desired);
    const order = `${names.min} ≤ ${names.desired} ≤ ${names.max}`;
    if (min !== undefined && max !== undefined && min > max) {
        v.add(paths.min, `must be at most ${names.max} ${max} (got ${min})`);
        v.add(paths.max, `must be at least ${names.min} ${min} (got ${max})`);
    }
    if (desired !== undefined && min !== undefined && desired < min) {
        v.add(paths.desired, `must be at least ${names.min} ${min} (got ${desired}); ${order}`);
        v.add(paths.min, `must be at most ${names.desired} ${desired} (got ${min}); ${order}`);
    }
    if (desired !== undefined && max !== undefined && desired > max) {
        v.add(paths.desired, `must be at most ${names.max} ${max} (got ${desired}); ${order}`);
        v.add(paths.max, `must be at least ${names.desired} ${desired} (got ${max}); ${order}`);
    }
}

function checkPredictive(v: Validator, p: ScalingPolicies, target: ScalingTarget): void {
    const pr = p.predictive;
    if (!pr) return;
    const offered = PREDICTIVE_METRICS[target];
    if (offered.length === 0) {
        const alt =
            target === "hpa"
                ? "use targetTracking (an external predictive autoscaler, e.g. KEDA, is outside the HPA)"
                : "use targetTracking and schedules";
        v.add(
            "predictive",
            `${TIER_NAMES[target]} has no predictive scaling (AWS offers it for EC2 Auto Scaling groups and ECS services only); ${alt}`,
        );
        return;
    }
    if (!offered.includes(pr.metric))
        v.add(
            "predictive.metric",
            `must be one of ${list(offered)} for ${TIER_NAMES[target]} predictive scaling (got ${JSON.stringify(pr.metric)})`,
        );
    checkTarget(v, pr.metric, pr.target, "predictive.target");
    if (pr.metric === "requestCountPerTarget") {
        if (pr.resourceLabel === undefined || pr.resourceLabel === "")
            v.add(
                "predictive.resourceLabel",
                'is required for "requestCountPerTarget": give "<load balancer arnSuffix>/<target group arnSuffix>"',
            );
    } else if (pr.resourceLabel !== undefined) {
        v.add(
            "predictive.resourceLabel",
            `applies only to metric "requestCountPerTarget" (metric is ${JSON.stringify(pr.metric)}); remove it`,
        );
    }
    v.oneOf(pr.mode, "predictive.mode", MODES);
    v.range(pr.schedulingBufferSeconds, "predictive.schedulingBufferSeconds", 0, MAX_SCHEDULING_BUFFER, {
        unit: "seconds",
    });
}

/** On the HPA, per-policy cooldowns and disableScaleIn become one `behavior`: they must agree. */
function checkHpaAgreement(v: Validator, p: ScalingPolicies): void {
    const tt = p.targetTracking ?? [];
    for (const key of ["scaleInCooldownSeconds", "scaleOutCooldownSeconds", "disableScaleIn"] as const) {
        let first: { value: unknown; i: number } | undefined;
        tt.forEach((t, i) => {
            const value = key === "disableScaleIn" ? (t.disableScaleIn ?? false) : t[key];
            if (value === undefined) return;
            if (!first) first = { value, i };
            else if (first.value !== value) {
                v.add(
                    joinPath("targetTracking", i, key),
                    `the HPA has one behavior for all metrics: must equal targetTracking[${first.i}].${key} (${String(first.value)}), got ${String(value)}`,
                );
                v.add(
                    joinPath("targetTracking", first.i, key),
                    `the HPA has one behavior for all metrics: must equal targetTracking[${i}].${key} (${String(value)}), got ${String(first.value)}`,
                );
            }
        });
    }
}

/**
 * Checks a {@link ScalingPolicies} for one tier. Paths are relative to the policies' root
 * (`targetTracking[0].target`, `steps[1].adjustments[2].lowerBound`); a tier merges them under
 * its own field with `validator.merge(problems, "scaling")`.
 */
export function validateScalingPolicies(p: ScalingPolicies | undefined, target: ScalingTarget): Problem[] {
    const v = new Validator("scaling");
    if (p === undefined) return [];
    // The shape first (any caller: plain JavaScript, config values, `as any`): the checks below
    // read it. Keys beyond the policies (a tier's min/max and extras) are the tier's to check.
    const shape = shapeProblems(looseScalingPolicies, p);
    v.attempt(shape.length === 0, () => semanticChecks(v, p, target));
    // One reason per value: the tier's own check names the tier's allowed values, so it wins; the
    // shape's reason covers what those checks can't read.
    const checked = new Set(v.problems.map((x) => x.propertyPath));
    return [...v.problems, ...shape.filter((x) => !checked.has(x.propertyPath))];
}

function semanticChecks(v: Validator, p: ScalingPolicies, target: ScalingTarget): void {
    for (const [i, t] of (p.targetTracking ?? []).entries()) checkTargetTracking(v, t, i, target);
    if (target === "hpa") {
        checkHpaAgreement(v, p);
        if (p.steps !== undefined && p.steps.length > 0) {
            v.add(
                "steps",
                "the Kubernetes HPA has no step scaling; use targetTracking (cpu, memory or custom) and tune scale speed with scaleInCooldownSeconds / scaleOutCooldownSeconds (the HPA behavior)",
            );
        }
        if (p.schedules !== undefined && p.schedules.length > 0) {
            v.add(
                "schedules",
                "the Kubernetes HPA has no scheduled scaling; use targetTracking, or a scheduler outside the HPA (e.g. a KEDA cron trigger)",
            );
        }
    } else {
        for (const [i, s] of (p.steps ?? []).entries()) checkStep(v, s, i, target);
        checkSchedules(v, p, target);
    }
    checkPredictive(v, p, target);
}

/**
 * True when anything configured changes capacity outside `pulumi up` (target tracking, steps,
 * schedules, predictive scaling in `ForecastAndScale` mode): the tier then puts its desired count
 * in `ignoreChanges`.
 */
export function hasDynamicScaling(p: ScalingPolicies | undefined): boolean {
    if (!p) return false;
    // Predictive scaling in "ForecastOnly" mode (the default) only publishes forecasts.
    const predictiveScales = p.predictive !== undefined && p.predictive.mode === "ForecastAndScale";
    return (
        (p.targetTracking?.length ?? 0) > 0 ||
        (p.steps?.length ?? 0) > 0 ||
        predictiveScales ||
        (p.schedules?.length ?? 0) > 0
    );
}
