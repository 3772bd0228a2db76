import type * as pulumi from "@pulumi/pulumi";
import type { Problem } from "../core";
import type { ScalingPolicies } from "./types";
import { validateScalingPolicies } from "./validate";

/** One `autoscaling/v2` HPA metric (`spec.metrics[]`). */
export interface HpaMetric {
    type: "Resource" | "External";
    /** For cpu and memory: average utilization of the pods' requests. */
    resource?: { name: "cpu" | "memory"; target: { type: "Utilization"; averageUtilization: number } };
    /** For custom metrics: an External metric, averaged over the pods. */
    external?: {
        metric: { name: string; selector?: { matchLabels: Record<string, pulumi.Input<string>> } };
        target: { type: "AverageValue"; averageValue: string };
    };
}

/** The `autoscaling/v2` HPA `spec.behavior` the vocabulary can express. */
export interface HpaBehavior {
    scaleUp?: { stabilizationWindowSeconds: number };
    scaleDown?: { stabilizationWindowSeconds?: number; selectPolicy?: "Disabled" };
}

/** What {@link toHpa} returns: problems (paths from the policies' root) or the HPA's metrics and behavior. */
export interface HpaScalingPlan {
    problems: Problem[];
    metrics: HpaMetric[];
    /** Only set when a cooldown or `disableScaleIn` is given. */
    behavior?: HpaBehavior;
}

/**
 * Translates {@link ScalingPolicies} into HorizontalPodAutoscaler v2 `metrics` and `behavior`:
 * cpu/memory → Resource metrics at an average utilization, custom → an External metric at an
 * average value per pod (its dimensions become the label selector). Cooldowns become the
 * stabilization windows (scale-in → scaleDown, scale-out → scaleUp) and `disableScaleIn`
 * becomes `scaleDown.selectPolicy: Disabled`. Steps, schedules and predictive scaling are
 * rejected. When `problems` is not empty, `metrics` is empty.
 */
export function toHpa(p: ScalingPolicies | undefined): HpaScalingPlan {
    const problems = validateScalingPolicies(p, "hpa");
    const plan: HpaScalingPlan = { problems, metrics: [] };
    if (!p || problems.length > 0) return plan;
    const tt = p.targetTracking ?? [];
    for (const t of tt) {
        if (t.metric === "cpu" || t.metric === "memory") {
            plan.metrics.push({
                type: "Resource",
                resource: { name: t.metric, target: { type: "Utilization", averageUtilization: t.target } },
            });
        } else if (t.metric === "custom" && t.customMetric) {
            const labels = t.customMetric.dimensions;
            plan.metrics.push({
                type: "External",
                external: {
                    metric: {
                        name: t.customMetric.metricName,
                        ...(labels && Object.keys(labels).length > 0 ? { selector: { matchLabels: labels } } : {}),
                    },
                    target: { type: "AverageValue", averageValue: String(t.target) },
                },
            });
        }
    }
    // Validation made these agree across policies; the first one set is the HPA's.
    const scaleIn = tt.find((t) => t.scaleInCooldownSeconds !== undefined)?.scaleInCooldownSeconds;
    const scaleOut = tt.find((t) => t.scaleOutCooldownSeconds !== undefined)?.scaleOutCooldownSeconds;
    const disableScaleIn = tt.some((t) => t.disableScaleIn === true);
    const behavior: HpaBehavior = {};
    if (scaleOut !== undefined) behavior.scaleUp = { stabilizationWindowSeconds: scaleOut };
    if (scaleIn !== undefined || disableScaleIn) {
        behavior.scaleDown = {
            ...(scaleIn !== undefined ? { stabilizationWindowSeconds: scaleIn } : {}),
            ...(disableScaleIn ? { selectPolicy: "Disabled" as const } : {}),
        };
    }
    if (behavior.scaleUp || behavior.scaleDown) plan.behavior = behavior;
    return plan;
}
