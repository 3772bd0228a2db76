import * as pulumi from "@pulumi/pulumi";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { describe, expect, it } from "vitest";
import { type ScalingPolicies, toApplicationAutoScaling, toEc2AutoScaling, toHpa } from "../../src/scaling";

// The reference configurations (../shared/REFERENCE.md, "3. Auto Scaling").
const cpu70: ScalingPolicies = { targetTracking: [{ metric: "cpu", target: 70 }] };
const steps: ScalingPolicies = {
    steps: [
        {
            alarm: { metric: "CPUUtilization", threshold: 70, comparison: "GreaterThanOrEqualToThreshold" },
            adjustments: [
                { lowerBound: 0, upperBound: 10, change: 1 },
                { lowerBound: 10, upperBound: 20, change: 2 },
                { lowerBound: 20, change: 3 },
            ],
        },
    ],
};
const schedules: ScalingPolicies = {
    schedules: [
        { name: "business-hours", cron: "0 9 * * MON-FRI", desiredCapacity: 20, minCapacity: 10, maxCapacity: 30 },
        { name: "night", cron: "0 20 * * *", desiredCapacity: 4, minCapacity: 2, maxCapacity: 10 },
    ],
};

describe("toEc2AutoScaling", () => {
    it("target tracking on average CPU at 70% is an ASGAverageCPUUtilization TargetTrackingScaling policy", () => {
        const plan = toEc2AutoScaling(cpu70);
        expect(plan.problems).toEqual([]);
        expect(plan.policies).toEqual([
            {
                key: "target-cpu",
                args: {
                    policyType: "TargetTrackingScaling",
                    targetTrackingConfiguration: {
                        targetValue: 70,
                        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                    },
                },
            },
        ]);
        expect(plan.alarms).toEqual([]);
    });

    it("maps network, ALB request count and custom metrics", () => {
        const plan = toEc2AutoScaling({
            targetTracking: [
                { metric: "networkIn", target: 5e6 },
                { metric: "networkOut", target: 5e6, disableScaleIn: true },
                { metric: "requestCountPerTarget", target: 1000, resourceLabel: "app/web/123/targetgroup/api/456" },
                {
                    metric: "custom",
                    target: 80,
                    customMetric: {
                        metricName: "mem_used_percent",
                        namespace: "CWAgent",
                        statistic: "Average",
                        dimensions: { AutoScalingGroupName: "web" },
                        unit: "Percent",
                    },
                },
            ],
        });
        expect(plan.problems).toEqual([]);
        const configs = plan.policies.map((p) => p.args.targetTrackingConfiguration);
        expect(plan.policies.map((p) => p.key)).toEqual([
            "target-networkIn",
            "target-networkOut",
            "target-requestCountPerTarget",
            "target-custom-mem_used_percent",
        ]);
        expect(configs[0]).toEqual({
            targetValue: 5e6,
            predefinedMetricSpecification: { predefinedMetricType: "ASGAverageNetworkIn" },
        });
        expect(configs[1]).toEqual({
            targetValue: 5e6,
            predefinedMetricSpecification: { predefinedMetricType: "ASGAverageNetworkOut" },
            disableScaleIn: true,
        });
        expect(configs[2]).toEqual({
            targetValue: 1000,
            predefinedMetricSpecification: {
                predefinedMetricType: "ALBRequestCountPerTarget",
                resourceLabel: "app/web/123/targetgroup/api/456",
            },
        });
        expect(configs[3]).toEqual({
            targetValue: 80,
            customizedMetricSpecification: {
                metricName: "mem_used_percent",
                namespace: "CWAgent",
                statistic: "Average",
                unit: "Percent",
                metricDimensions: [{ name: "AutoScalingGroupName", value: "web" }],
            },
        });
    });

    it("names policies by metric so that adding one does not rename another; repeats get their index", () => {
        const keys = toEc2AutoScaling({
            targetTracking: [
                { metric: "cpu", target: 50 },
                { metric: "networkIn", target: 1e6 },
                { metric: "cpu", target: 80, disableScaleIn: true },
            ],
        }).policies.map((p) => p.key);
        expect(keys).toEqual(["target-cpu-0", "target-networkIn", "target-cpu-2"]);
    });

    it("passes an Output resource label through untouched", () => {
        const label = pulumi.output("app/web/1/targetgroup/api/2");
        const plan = toEc2AutoScaling({
            targetTracking: [{ metric: "requestCountPerTarget", target: 500, resourceLabel: label }],
        });
        expect(plan.problems).toEqual([]);
        expect(plan.policies[0].args.targetTrackingConfiguration).toEqual({
            targetValue: 500,
            predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: label },
        });
    });

    it("step scaling from a 70% CPU alarm with steps [0,10)+1, [10,20)+2, [20,∞)+3", () => {
        const plan = toEc2AutoScaling(steps, { alarmDimensions: { AutoScalingGroupName: "web-asg" } });
        expect(plan.problems).toEqual([]);
        expect(plan.policies).toEqual([
            {
                key: "step-0",
                args: {
                    policyType: "StepScaling",
                    adjustmentType: "ChangeInCapacity",
                    metricAggregationType: "Average",
                    stepAdjustments: [
                        { metricIntervalLowerBound: "0", metricIntervalUpperBound: "10", scalingAdjustment: 1 },
                        { metricIntervalLowerBound: "10", metricIntervalUpperBound: "20", scalingAdjustment: 2 },
                        { metricIntervalLowerBound: "20", scalingAdjustment: 3 },
                    ],
                },
            },
        ]);
        expect(plan.alarms).toHaveLength(1);
        expect(plan.alarms[0]).toMatchObject({
            key: "step-0-alarm",
            policyKey: "step-0",
            args: {
                metricName: "CPUUtilization",
                namespace: "AWS/EC2",
                statistic: "Average",
                dimensions: { AutoScalingGroupName: "web-asg" },
                threshold: 70,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                evaluationPeriods: 2,
                period: 60,
            },
        });
    });

    it("an alarm in another namespace gets no default dimensions", () => {
        const plan = toEc2AutoScaling(
            {
                steps: [
                    {
                        alarm: {
                            metric: "ApproximateNumberOfMessagesVisible",
                            namespace: "AWS/SQS",
                            threshold: 100,
                            comparison: "GreaterThanThreshold",
                            statistic: "Sum",
                            evaluationPeriods: 1,
                            periodSeconds: 300,
                        },
                        adjustments: [{ lowerBound: 0, change: 2 }],
                    },
                ],
            },
            { alarmDimensions: { AutoScalingGroupName: "web-asg" } },
        );
        expect(plan.alarms[0].args).not.toHaveProperty("dimensions");
        expect(plan.alarms[0].args).toMatchObject({
            namespace: "AWS/SQS",
            statistic: "Sum",
            evaluationPeriods: 1,
            period: 300,
        });
    });

    it("schedules '0 9 * * MON-FRI' 20/10/30 and '0 20 * * *' 4/2/10 as recurrences in UTC", () => {
        const plan = toEc2AutoScaling(schedules);
        expect(plan.problems).toEqual([]);
        expect(plan.scheduledActions).toEqual([
            {
                key: "schedule-business-hours",
                args: {
                    scheduledActionName: "business-hours",
                    recurrence: "0 9 * * MON-FRI",
                    timeZone: "UTC",
                    desiredCapacity: 20,
                    minSize: 10,
                    maxSize: 30,
                },
            },
            {
                key: "schedule-night",
                args: {
                    scheduledActionName: "night",
                    recurrence: "0 20 * * *",
                    timeZone: "UTC",
                    desiredCapacity: 4,
                    minSize: 2,
                    maxSize: 10,
                },
            },
        ]);
    });

    it("a schedule that leaves a size unset passes -1 (the provider reads a missing size as 0)", () => {
        const plan = toEc2AutoScaling({
            schedules: [{ name: "weekend", cron: "0 0 * * SAT", timezone: "Europe/Berlin", maxCapacity: 5 }],
        });
        expect(plan.scheduledActions[0].args).toEqual({
            scheduledActionName: "weekend",
            recurrence: "0 0 * * SAT",
            timeZone: "Europe/Berlin",
            minSize: -1,
            maxSize: 5,
            desiredCapacity: -1,
        });
    });

    it("predictive scaling on CPU is a PredictiveScaling policy with the ASGCPUUtilization metric pair", () => {
        const plan = toEc2AutoScaling({
            predictive: { metric: "cpu", target: 70, mode: "ForecastAndScale", schedulingBufferSeconds: 600 },
        });
        expect(plan.problems).toEqual([]);
        expect(plan.policies).toEqual([
            {
                key: "predictive",
                args: {
                    policyType: "PredictiveScaling",
                    predictiveScalingConfiguration: {
                        metricSpecification: {
                            targetValue: 70,
                            predefinedMetricPairSpecification: { predefinedMetricType: "ASGCPUUtilization" },
                        },
                        mode: "ForecastAndScale",
                        schedulingBufferTime: "600",
                    },
                },
            },
        ]);
        const byDefault = toEc2AutoScaling({
            predictive: { metric: "requestCountPerTarget", target: 1000, resourceLabel: "app/a/1/targetgroup/b/2" },
        });
        expect(byDefault.policies[0].args.predictiveScalingConfiguration).toEqual({
            metricSpecification: {
                targetValue: 1000,
                predefinedMetricPairSpecification: {
                    predefinedMetricType: "ALBRequestCount",
                    resourceLabel: "app/a/1/targetgroup/b/2",
                },
            },
            mode: "ForecastOnly",
        });
    });

    it("rejects memory on EC2, naming the CloudWatch agent alternative, and plans nothing", () => {
        const plan = toEc2AutoScaling({
            targetTracking: [{ metric: "memory", target: 70 }],
            schedules: schedules.schedules,
        });
        expect(plan.problems.map((p) => p.propertyPath)).toEqual(["targetTracking[0].metric"]);
        expect(plan.problems[0].reason).toMatch(/CloudWatch agent.*"custom"/);
        expect(plan.policies).toEqual([]);
        expect(plan.scheduledActions).toEqual([]);
    });

    it("rejects cooldowns, which EC2 target tracking and step scaling do not have", () => {
        const plan = toEc2AutoScaling({
            targetTracking: [{ metric: "cpu", target: 50, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 }],
            steps: [{ ...steps.steps![0], cooldownSeconds: 120 }],
        });
        expect(plan.problems.map((p) => p.propertyPath)).toEqual([
            "targetTracking[0].scaleInCooldownSeconds",
            "targetTracking[0].scaleOutCooldownSeconds",
            "steps[0].cooldownSeconds",
        ]);
    });

    it("rejects an Application Auto Scaling schedule and a 6-field cron", () => {
        const plan = toEc2AutoScaling({
            schedules: [
                { name: "a", cron: "cron(0 9 ? * MON-FRI *)", minCapacity: 1 },
                { name: "b", cron: "0 0 9 * * *", minCapacity: 1 },
            ],
        });
        expect(plan.problems.map((p) => p.propertyPath)).toEqual(["schedules[0].cron", "schedules[1].cron"]);
        expect(plan.problems[1].reason).toMatch(/5-field/);
    });
});

describe("toApplicationAutoScaling (ECS)", () => {
    it("CPU 70 / memory 80 / ALB 1000 per target as in the reference, with ECS cooldowns 300 in / 60 out", () => {
        const plan = toApplicationAutoScaling(
            {
                targetTracking: [
                    { metric: "cpu", target: 70 },
                    { metric: "memory", target: 80, scaleInCooldownSeconds: 600 },
                    { metric: "requestCountPerTarget", target: 1000, resourceLabel: "app/web/1/targetgroup/api/2" },
                ],
            },
            { service: "ecs" },
        );
        expect(plan.problems).toEqual([]);
        expect(plan.target).toEqual({ serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount" });
        expect(plan.policies).toEqual([
            {
                key: "target-cpu",
                args: {
                    policyType: "TargetTrackingScaling",
                    targetTrackingScalingPolicyConfiguration: {
                        targetValue: 70,
                        predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                        scaleInCooldown: 300,
                        scaleOutCooldown: 60,
                    },
                },
            },
            {
                key: "target-memory",
                args: {
                    policyType: "TargetTrackingScaling",
                    targetTrackingScalingPolicyConfiguration: {
                        targetValue: 80,
                        predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageMemoryUtilization" },
                        scaleInCooldown: 600,
                        scaleOutCooldown: 60,
                    },
                },
            },
            {
                key: "target-requestCountPerTarget",
                args: {
                    policyType: "TargetTrackingScaling",
                    targetTrackingScalingPolicyConfiguration: {
                        targetValue: 1000,
                        predefinedMetricSpecification: {
                            predefinedMetricType: "ALBRequestCountPerTarget",
                            resourceLabel: "app/web/1/targetgroup/api/2",
                        },
                        scaleInCooldown: 300,
                        scaleOutCooldown: 60,
                    },
                },
            },
        ]);
    });

    it("steps become a stepScalingPolicyConfiguration and an AWS/ECS alarm on the service", () => {
        const plan = toApplicationAutoScaling(
            { steps: [{ ...steps.steps![0], cooldownSeconds: 120 }] },
            { service: "ecs", alarmDimensions: { ClusterName: "main", ServiceName: "web" } },
        );
        expect(plan.problems).toEqual([]);
        expect(plan.policies[0].args).toEqual({
            policyType: "StepScaling",
            stepScalingPolicyConfiguration: {
                adjustmentType: "ChangeInCapacity",
                metricAggregationType: "Average",
                cooldown: 120,
                stepAdjustments: [
                    { metricIntervalLowerBound: "0", metricIntervalUpperBound: "10", scalingAdjustment: 1 },
                    { metricIntervalLowerBound: "10", metricIntervalUpperBound: "20", scalingAdjustment: 2 },
                    { metricIntervalLowerBound: "20", scalingAdjustment: 3 },
                ],
            },
        });
        expect(plan.alarms[0].args).toMatchObject({
            namespace: "AWS/ECS",
            metricName: "CPUUtilization",
            dimensions: { ClusterName: "main", ServiceName: "web" },
            threshold: 70,
        });
    });

    it("schedules take cron(...), rate(...) and at(...) with min/max only", () => {
        const plan = toApplicationAutoScaling(
            {
                schedules: [
                    {
                        name: "business-hours",
                        cron: "cron(0 9 ? * MON-FRI *)",
                        timezone: "America/New_York",
                        minCapacity: 10,
                        maxCapacity: 30,
                    },
                    { name: "hourly", cron: "rate(1 hour)", maxCapacity: 10 },
                    { name: "launch", cron: "at(2027-01-15T08:00:00)", minCapacity: 5 },
                ],
            },
            { service: "ecs" },
        );
        expect(plan.problems).toEqual([]);
        expect(plan.scheduledActions).toEqual([
            {
                key: "schedule-business-hours",
                args: {
                    name: "business-hours",
                    schedule: "cron(0 9 ? * MON-FRI *)",
                    timezone: "America/New_York",
                    scalableTargetAction: { minCapacity: 10, maxCapacity: 30 },
                },
            },
            {
                key: "schedule-hourly",
                args: {
                    name: "hourly",
                    schedule: "rate(1 hour)",
                    timezone: "UTC",
                    scalableTargetAction: { maxCapacity: 10 },
                },
            },
            {
                key: "schedule-launch",
                args: {
                    name: "launch",
                    schedule: "at(2027-01-15T08:00:00)",
                    timezone: "UTC",
                    scalableTargetAction: { minCapacity: 5 },
                },
            },
        ]);
    });

    it("rejects desiredCapacity and 5-field cron on Application Auto Scaling schedules", () => {
        const plan = toApplicationAutoScaling(
            { schedules: [{ name: "a", cron: "0 9 * * MON-FRI", minCapacity: 1, desiredCapacity: 2 }] },
            { service: "ecs" },
        );
        expect(plan.problems.map((p) => p.propertyPath).sort()).toEqual([
            "schedules[0].cron",
            "schedules[0].desiredCapacity",
        ]);
        expect(plan.problems.find((p) => p.propertyPath.endsWith("desiredCapacity"))!.reason).toMatch(/minCapacity/);
    });

    it("predictive scaling on ECS (supported by Application Auto Scaling since 2024) uses the ECSServiceCPUUtilization pair", () => {
        const plan = toApplicationAutoScaling(
            { predictive: { metric: "cpu", target: 40, schedulingBufferSeconds: 3600 } },
            { service: "ecs" },
        );
        expect(plan.problems).toEqual([]);
        expect(plan.policies[0]).toEqual({
            key: "predictive",
            args: {
                policyType: "PredictiveScaling",
                predictiveScalingPolicyConfiguration: {
                    metricSpecifications: [
                        {
                            targetValue: "40",
                            predefinedMetricPairSpecification: { predefinedMetricType: "ECSServiceCPUUtilization" },
                        },
                    ],
                    mode: "ForecastOnly",
                    schedulingBufferTime: 3600,
                },
            },
        });
    });

    it("rejects network metrics on ECS", () => {
        const plan = toApplicationAutoScaling(
            {
                targetTracking: [{ metric: "networkIn", target: 100 }],
                predictive: { metric: "networkOut", target: 10 },
            },
            { service: "ecs" },
        );
        expect(plan.problems.map((p) => p.propertyPath)).toEqual(["targetTracking[0].metric", "predictive.metric"]);
    });
});

describe("toApplicationAutoScaling (Lambda)", () => {
    it("tracks LambdaProvisionedConcurrencyUtilization on the provisioned-concurrency dimension", () => {
        const plan = toApplicationAutoScaling(
            { targetTracking: [{ metric: "provisionedConcurrencyUtilization", target: 0.7 }] },
            { service: "lambda" },
        );
        expect(plan.problems).toEqual([]);
        expect(plan.target).toEqual({
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
        });
        expect(plan.policies).toEqual([
            {
                key: "target-provisionedConcurrencyUtilization",
                args: {
                    policyType: "TargetTrackingScaling",
                    targetTrackingScalingPolicyConfiguration: {
                        targetValue: 0.7,
                        predefinedMetricSpecification: {
                            predefinedMetricType: "LambdaProvisionedConcurrencyUtilization",
                        },
                    },
                },
            },
        ]);
    });

    it("rejects utilization targets outside 0.1–0.9, cpu, and predictive scaling", () => {
        const plan = toApplicationAutoScaling(
            {
                targetTracking: [
                    { metric: "provisionedConcurrencyUtilization", target: 70 },
                    { metric: "cpu", target: 50 },
                ],
                predictive: { metric: "cpu", target: 50 },
            },
            { service: "lambda" },
        );
        expect(plan.problems.map((p) => p.propertyPath)).toEqual([
            "targetTracking[0].target",
            "targetTracking[1].metric",
            "predictive",
        ]);
        expect(plan.problems[2].reason).toMatch(/no predictive scaling/);
    });
});

describe("toHpa", () => {
    it("cpu 70 and memory 80 become Resource Utilization metrics, as in the reference HPA", () => {
        const plan = toHpa({
            targetTracking: [
                { metric: "cpu", target: 70 },
                { metric: "memory", target: 80 },
            ],
        });
        expect(plan.problems).toEqual([]);
        expect(plan.metrics).toEqual([
            { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
            { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
        ]);
        expect(plan.behavior).toBeUndefined();
        const hpa = new HorizontalPodAutoscaler({
            metadata: { name: "web-hpa" },
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web-app" },
                minReplicas: 2,
                maxReplicas: 10,
                metrics: plan.metrics as never,
            },
        });
        expect(() => hpa.validate()).not.toThrow();
    });

    it("a custom metric is the reference's External sqs_queue_messages_visible at 30 per pod; cooldowns become the behavior", () => {
        const plan = toHpa({
            targetTracking: [
                {
                    metric: "custom",
                    target: 30,
                    customMetric: {
                        metricName: "sqs_queue_messages_visible",
                        namespace: "AWS/SQS",
                        statistic: "Average",
                        dimensions: { queue_name: "my-queue" },
                    },
                    scaleInCooldownSeconds: 300,
                    scaleOutCooldownSeconds: 0,
                    disableScaleIn: false,
                },
            ],
        });
        expect(plan.problems).toEqual([]);
        expect(plan.metrics).toEqual([
            {
                type: "External",
                external: {
                    metric: {
                        name: "sqs_queue_messages_visible",
                        selector: { matchLabels: { queue_name: "my-queue" } },
                    },
                    target: { type: "AverageValue", averageValue: "30" },
                },
            },
        ]);
        expect(plan.behavior).toEqual({
            scaleUp: { stabilizationWindowSeconds: 0 },
            scaleDown: { stabilizationWindowSeconds: 300 },
        });
        const hpa = new HorizontalPodAutoscaler({
            metadata: { name: "worker-hpa" },
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "worker" },
                minReplicas: 1,
                maxReplicas: 50,
                metrics: plan.metrics as never,
                behavior: plan.behavior,
            },
        });
        expect(() => hpa.validate()).not.toThrow();
    });

    it("disableScaleIn disables scale-down", () => {
        expect(toHpa({ targetTracking: [{ metric: "cpu", target: 60, disableScaleIn: true }] }).behavior).toEqual({
            scaleDown: { selectPolicy: "Disabled" },
        });
    });

    it("rejects steps, schedules and predictive scaling with the supported alternative", () => {
        const plan = toHpa({ ...steps, ...schedules, predictive: { metric: "cpu", target: 70 } });
        expect(plan.problems.map((p) => p.propertyPath)).toEqual(["steps", "schedules", "predictive"]);
        expect(plan.problems[0].reason).toMatch(/no step scaling.*targetTracking/);
        expect(plan.metrics).toEqual([]);
    });

    it("rejects request count and network metrics, fractional utilization, and disagreeing behaviors", () => {
        const plan = toHpa({
            targetTracking: [
                { metric: "requestCountPerTarget", target: 100 },
                { metric: "cpu", target: 70.5, scaleInCooldownSeconds: 300 },
                { metric: "memory", target: 80, scaleInCooldownSeconds: 60 },
                { metric: "networkIn", target: 10, scaleInCooldownSeconds: 300 },
            ],
        });
        expect(plan.problems.map((p) => p.propertyPath)).toEqual([
            "targetTracking[0].metric",
            "targetTracking[1].target",
            "targetTracking[3].metric",
            // A disagreement names both policies: either may be the wrong one.
            "targetTracking[2].scaleInCooldownSeconds",
            "targetTracking[1].scaleInCooldownSeconds",
        ]);
    });

    it("rejects a stabilization window over 3600 seconds", () => {
        expect(
            toHpa({ targetTracking: [{ metric: "cpu", target: 70, scaleOutCooldownSeconds: 3601 }] }).problems.map(
                (p) => p.propertyPath,
            ),
        ).toEqual(["targetTracking[0].scaleOutCooldownSeconds"]);
    });
});
