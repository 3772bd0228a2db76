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

/** An EC2 Auto Scaling policy to create; the tier adds `autoscalingGroupName`. */
export interface Ec2PolicyPlan {
    /** Stable suffix for the policy's resource name: `target-cpu`, `step-0`, `predictive`. */
    key: string;
    /** `aws.autoscaling.Policy` inputs without `autoscalingGroupName`. */
    args: Omit<aws.autoscaling.PolicyArgs, "autoscalingGroupName">;
}

/** An EC2 Auto Scaling scheduled action to create; the tier adds `autoscalingGroupName`. */
export interface Ec2SchedulePlan {
    /** Stable suffix for the action's resource name: `schedule-<name>`. */
    key: string;
    /** `aws.autoscaling.Schedule` inputs without `autoscalingGroupName`. */
    args: Omit<aws.autoscaling.ScheduleArgs, "autoscalingGroupName">;
}

/** What {@link toEc2AutoScaling} returns: problems (paths from the policies' root) or the plan. */
export interface Ec2ScalingPlan {
    problems: Problem[];
    policies: Ec2PolicyPlan[];
    /** One alarm per step-scaling policy. */
    alarms: ScalingAlarmPlan[];
    scheduledActions: Ec2SchedulePlan[];
}

export interface Ec2ScalingOptions {
    /**
     * Dimensions step alarms in `AWS/EC2` get when they give none: the group,
     * `{ AutoScalingGroupName: group.name }`.
     * @default none
     */
    alarmDimensions?: Record<string, pulumi.Input<string>>;
}

const PREDEFINED: Record<string, string> = {
    cpu: "ASGAverageCPUUtilization",
    networkIn: "ASGAverageNetworkIn",
    networkOut: "ASGAverageNetworkOut",
    requestCountPerTarget: "ALBRequestCountPerTarget",
};

/** Predictive metric pairs: https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PredictiveScalingPredefinedMetricPair.html */
const PREDICTIVE_PAIR: Record<string, string> = {
    cpu: "ASGCPUUtilization",
    networkIn: "ASGNetworkIn",
    networkOut: "ASGNetworkOut",
    requestCountPerTarget: "ALBRequestCount",
};

/**
 * Translates {@link ScalingPolicies} into EC2 Auto Scaling policies, CloudWatch alarms and
 * scheduled actions (plain data; the tier creates the resources). When `problems` is not
 * empty, the lists are empty.
 */
export function toEc2AutoScaling(p: ScalingPolicies | undefined, opts: Ec2ScalingOptions = {}): Ec2ScalingPlan {
    const problems = validateScalingPolicies(p, "ec2");
    const plan: Ec2ScalingPlan = { problems, policies: [], alarms: [], scheduledActions: [] };
    if (!p || problems.length > 0) return plan;

    const tt = p.targetTracking ?? [];
    const keys = targetTrackingKeys(tt);
    tt.forEach((t, i) => {
        const config: aws.types.input.autoscaling.PolicyTargetTrackingConfiguration = {
            targetValue: t.target,
            ...trackedMetric(t, PREDEFINED[t.metric], "metricDimensions"),
            ...optional("disableScaleIn", t.disableScaleIn),
        };
        plan.policies.push({
            key: keys[i],
            args: { policyType: "TargetTrackingScaling", targetTrackingConfiguration: config },
        });
    });

    const steps = planSteps(p.steps, { namespace: "AWS/EC2", dimensions: opts.alarmDimensions }, (fields) => ({
        policyType: "StepScaling",
        ...fields,
    }));
    plan.policies.push(...steps.policies);
    plan.alarms.push(...steps.alarms);

    for (const s of p.schedules ?? []) {
        plan.scheduledActions.push({
            key: scheduleKey(s.name),
            args: {
                scheduledActionName: s.name,
                recurrence: s.cron.trim(),
                timeZone: s.timezone ?? "UTC",
                // The provider reads a missing size as 0, not "unchanged"; -1 leaves it as it is.
                minSize: s.minCapacity ?? -1,
                maxSize: s.maxCapacity ?? -1,
                desiredCapacity: s.desiredCapacity ?? -1,
            },
        });
    }

    const pr = p.predictive;
    if (pr) {
        plan.policies.push({
            key: "predictive",
            args: {
                policyType: "PredictiveScaling",
                predictiveScalingConfiguration: {
                    metricSpecification: {
                        targetValue: pr.target,
                        predefinedMetricPairSpecification: metricPair(pr, PREDICTIVE_PAIR[pr.metric]),
                    },
                    mode: pr.mode ?? "ForecastOnly",
                    ...optional(
                        "schedulingBufferTime",
                        pr.schedulingBufferSeconds === undefined ? undefined : String(pr.schedulingBufferSeconds),
                    ),
                },
            },
        });
    }
    return plan;
}
