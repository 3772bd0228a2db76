import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Problem } from "../core";
import {
    metricPair,
    optional,
    planSteps,
    type ScalingAlarmPlan,
    scheduleKey,
    targetTrackingKeys,
    trackedMetric,
} from "./common";
import type { ScalingPolicies } from "./types";
import { validateScalingPolicies } from "./validate";

/** The Application Auto Scaling services the vocabulary translates to. */
export type AppAutoScalingService = "ecs" | "lambda";

/** The resource fields every Application Auto Scaling policy and action takes from the scalable target. */
type TargetFields = "resourceId" | "scalableDimension" | "serviceNamespace";

/** An Application Auto Scaling policy to create; the tier adds the scalable target's fields. */
export interface AppPolicyPlan {
    /** Stable suffix for the policy's resource name: `target-cpu`, `step-0`, `predictive`. */
    key: string;
    /** `aws.appautoscaling.Policy` inputs without `resourceId`, `scalableDimension`, `serviceNamespace`. */
    args: Omit<aws.appautoscaling.PolicyArgs, TargetFields>;
}

/** An Application Auto Scaling scheduled action; the tier adds the scalable target's fields. */
export interface AppScheduledActionPlan {
    /** Stable suffix for the action's resource name: `schedule-<name>`. */
    key: string;
    /** `aws.appautoscaling.ScheduledAction` inputs without `resourceId`, `scalableDimension`, `serviceNamespace`. */
    args: Omit<aws.appautoscaling.ScheduledActionArgs, TargetFields>;
}

/** What {@link toApplicationAutoScaling} returns: problems (paths from the policies' root) or the plan. */
export interface AppAutoScalingPlan {
    problems: Problem[];
    /** The scalable target's namespace and dimension; the tier adds `resourceId`, `minCapacity`, `maxCapacity`. */
    target: { serviceNamespace: AppAutoScalingService; scalableDimension: string };
    policies: AppPolicyPlan[];
    /** One alarm per step-scaling policy. */
    alarms: ScalingAlarmPlan[];
    scheduledActions: AppScheduledActionPlan[];
}

export interface AppAutoScalingOptions {
    /**
     * The scaled service: an ECS service's desired count, or a Lambda alias's provisioned concurrency.
     * @default required
     */
    service: AppAutoScalingService;
    /**
     * Dimensions step alarms in the service's namespace get when they give none: ECS
     * `{ClusterName, ServiceName}`, Lambda `{FunctionName, Resource: "<function>:<alias>"}`.
     * @default none
     */
    alarmDimensions?: Record<string, pulumi.Input<string>>;
}

const SERVICE = {
    ecs: {
        scalableDimension: "ecs:service:DesiredCount",
        namespace: "AWS/ECS",
        predefined: {
            cpu: "ECSServiceAverageCPUUtilization",
            memory: "ECSServiceAverageMemoryUtilization",
            requestCountPerTarget: "ALBRequestCountPerTarget",
        } as Record<string, string>,
        // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredictiveScalingPredefinedMetricPairSpecification.html
        predictivePair: {
            cpu: "ECSServiceCPUUtilization",
            memory: "ECSServiceMemoryUtilization",
            requestCountPerTarget: "ALBRequestCount",
        } as Record<string, string>,
        // compute-layer's ECS defaults: scale out quickly, scale in slowly.
        cooldowns: { scaleIn: 300, scaleOut: 60 } as { scaleIn?: number; scaleOut?: number },
    },
    lambda: {
        scalableDimension: "lambda:function:ProvisionedConcurrency",
        namespace: "AWS/Lambda",
        predefined: { provisionedConcurrencyUtilization: "LambdaProvisionedConcurrencyUtilization" } as Record<
            string,
            string
        >,
        predictivePair: {} as Record<string, string>,
        cooldowns: {} as { scaleIn?: number; scaleOut?: number },
    },
} as const;

/**
 * Translates {@link ScalingPolicies} into Application Auto Scaling policies, CloudWatch alarms
 * and scheduled actions for an ECS service or a Lambda alias's provisioned concurrency (plain
 * data; the tier creates the scalable target and the resources). When `problems` is not empty,
 * the lists are empty.
 */
export function toApplicationAutoScaling(
    p: ScalingPolicies | undefined,
    opts: AppAutoScalingOptions,
): AppAutoScalingPlan {
    const svc = SERVICE[opts.service];
    const problems = validateScalingPolicies(p, opts.service);
    const plan: AppAutoScalingPlan = {
        problems,
        target: { serviceNamespace: opts.service, scalableDimension: svc.scalableDimension },
        policies: [],
        alarms: [],
        scheduledActions: [],
    };
    if (!p || problems.length > 0) return plan;

    const tt = p.targetTracking ?? [];
    const keys = targetTrackingKeys(tt);
    tt.forEach((t, i) => {
        const config: aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration = {
            targetValue: t.target,
            ...trackedMetric(t, svc.predefined[t.metric], "dimensions"),
            ...optional("scaleInCooldown", t.scaleInCooldownSeconds ?? svc.cooldowns.scaleIn),
            ...optional("scaleOutCooldown", t.scaleOutCooldownSeconds ?? svc.cooldowns.scaleOut),
            ...optional("disableScaleIn", t.disableScaleIn),
        };
        plan.policies.push({
            key: keys[i],
            args: { policyType: "TargetTrackingScaling", targetTrackingScalingPolicyConfiguration: config },
        });
    });

    const steps = planSteps(p.steps, { namespace: svc.namespace, dimensions: opts.alarmDimensions }, (fields, s) => ({
        policyType: "StepScaling",
        stepScalingPolicyConfiguration: { ...fields, ...optional("cooldown", s.cooldownSeconds) },
    }));
    plan.policies.push(...steps.policies);
    plan.alarms.push(...steps.alarms);

    for (const s of p.schedules ?? []) {
        plan.scheduledActions.push({
            key: scheduleKey(s.name),
            args: {
                name: s.name,
                schedule: s.cron.trim(),
                timezone: s.timezone ?? "UTC",
                scalableTargetAction: {
                    ...optional("minCapacity", s.minCapacity),
                    ...optional("maxCapacity", s.maxCapacity),
                },
            },
        });
    }

    const pr = p.predictive;
    if (pr) {
        plan.policies.push({
            key: "predictive",
            args: {
                policyType: "PredictiveScaling",
                predictiveScalingPolicyConfiguration: {
                    metricSpecifications: [
                        {
                            // The provider takes this target as a string.
                            targetValue: String(pr.target),
                            predefinedMetricPairSpecification: metricPair(pr, svc.predictivePair[pr.metric]),
                        },
                    ],
                    mode: pr.mode ?? "ForecastOnly",
                    ...optional("schedulingBufferTime", pr.schedulingBufferSeconds),
                },
            },
        });
    }
    return plan;
}
