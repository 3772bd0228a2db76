import { beforeAll, describe, expect, it } from "vitest";
import { AutoScalingGroup, type AutoScalingGroupArgs } from "../../../components/ec2";
import { EcsCluster } from "../../../components/ecs";
import {
    childrenOf,
    expectInvalid,
    input,
    MOCK_AMI_ID,
    ofType,
    only,
    type Plan,
    resource,
    runPlan,
} from "../../support";

const TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
const POLICY = "aws:autoscaling/policy:Policy";
const SCHEDULE = "aws:autoscaling/schedule:Schedule";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const GROUP = "aws:autoscaling/group:Group";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
/** The physical name the offline plan gave the group (its auto-name). */
let GROUP_NAME: string;

// REFERENCE.md: the web-server Auto Scaling group (min 2, max 10, desired 4, ELB health checks
// with a 300 s grace period, one target group) and every scaling configuration of section 3.
const reference: AutoScalingGroupArgs = {
    vpcId: "vpc-0abc",
    subnetIds: ["subnet-private-1", "subnet-private-2"],
    desiredCapacity: 4,
    targetGroupArns: [TG],
    userData: "#!/bin/bash\nyum update -y\n",
    autoScaling: {
        min: 2,
        max: 10,
        targetTracking: [{ metric: "cpu", target: 70 }],
        steps: [
            {
                alarm: { metric: "CPUUtilization", threshold: 70, comparison: "GreaterThanOrEqualToThreshold" },
                adjustmentType: "ChangeInCapacity",
                metricAggregationType: "Average",
                adjustments: [
                    { lowerBound: 0, upperBound: 10, change: 1 },
                    { lowerBound: 10, upperBound: 20, change: 2 },
                    { lowerBound: 20, change: 3 },
                ],
            },
        ],
        schedules: [
            { name: "weekday-morning", cron: "0 9 * * MON-FRI", desiredCapacity: 20, minCapacity: 10, maxCapacity: 30 },
            { name: "night", cron: "0 20 * * *", desiredCapacity: 4, minCapacity: 2, maxCapacity: 10 },
        ],
        predictive: { metric: "cpu", target: 70 },
    },
};

describe("AutoScalingGroup: the reference configuration", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await runPlan(() => {
            new AutoScalingGroup("web", reference);
        });
        GROUP_NAME = String(only(plan, GROUP).outputs?.name);
        expect(GROUP_NAME).toMatch(/^web-asg-[0-9a-f]{7}$/);
    });

    it("registers the component and parents every child to it", () => {
        const component = only(plan, "compute-layer:index:AutoScalingGroup");
        expect(component.name).toBe("web");
        const others = plan.resources.filter((r) => r !== component);
        expect(others.every((r) => r.parent === component.urn)).toBe(true);
        expect(
            childrenOf(plan, component)
                .map((r) => r.type)
                .sort(),
        ).toEqual(
            [
                "aws:ec2/securityGroup:SecurityGroup",
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
                "aws:iam/role:Role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "aws:iam/instanceProfile:InstanceProfile",
                LT,
                GROUP,
                POLICY,
                POLICY,
                POLICY,
                ALARM,
                SCHEDULE,
                SCHEDULE,
            ].sort(),
        );
    });

    it("the group: min 2, max 10, desired 4 over both subnets, ELB health checks, 300 s grace, the target group", () => {
        const g = only(plan, GROUP);
        expect(g.inputs).toMatchObject({
            minSize: 2,
            maxSize: 10,
            desiredCapacity: 4,
            vpcZoneIdentifiers: ["subnet-private-1", "subnet-private-2"],
            healthCheckType: "ELB",
            healthCheckGracePeriod: 300,
            targetGroupArns: [TG],
            instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 90 } },
        });
        // The launch template's id and its latest version (the mock's first version is 1).
        expect(input(g, "launchTemplate.id")).toMatch(/^lt-[0-9a-f]{17}$/);
        expect(input(g, "launchTemplate.version")).toBe("1");
        expect(g.inputs.tags).toEqual([
            { key: "managed-by", value: "compute-layer", propagateAtLaunch: true },
            { key: "component", value: "web", propagateAtLaunch: true },
        ]);
    });

    it("puts desiredCapacity in ignoreChanges, since scaling owns it, and minSize / maxSize, which the schedules set", () => {
        expect(only(plan, GROUP).options.ignoreChanges).toEqual(["desiredCapacity", "minSize", "maxSize"]);
    });

    it("target tracking on average CPU at 70%", () => {
        const p = resource(plan, POLICY, "web-target-cpu");
        const groupName = GROUP_NAME;
        expect(p.inputs).toEqual({
            autoscalingGroupName: groupName,
            policyType: "TargetTrackingScaling",
            targetTrackingConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                targetValue: 70,
            },
        });
    });

    it("step scaling: a StepScaling policy with [0,10)+1, [10,20)+2, [20,∞)+3 and a 70% CPU alarm on the group that triggers it", () => {
        const groupName = GROUP_NAME;
        const p = resource(plan, POLICY, "web-step-0");
        expect(p.inputs).toEqual({
            autoscalingGroupName: groupName,
            policyType: "StepScaling",
            adjustmentType: "ChangeInCapacity",
            metricAggregationType: "Average",
            stepAdjustments: [
                { metricIntervalLowerBound: "0", metricIntervalUpperBound: "10", scalingAdjustment: 1 },
                { metricIntervalLowerBound: "10", metricIntervalUpperBound: "20", scalingAdjustment: 2 },
                { metricIntervalLowerBound: "20", scalingAdjustment: 3 },
            ],
        });
        const alarm = only(plan, ALARM);
        expect(alarm.name).toBe("web-step-0-alarm");
        expect(alarm.inputs).toMatchObject({
            metricName: "CPUUtilization",
            namespace: "AWS/EC2",
            statistic: "Average",
            threshold: 70,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            dimensions: { AutoScalingGroupName: groupName },
        });
        const policyArn = alarm.inputs.alarmActions as string[];
        expect(policyArn).toHaveLength(1);
        expect(policyArn[0]).toMatch(
            /^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:.*policyName\/web-step-0/,
        );
    });

    it("scheduled actions '0 9 * * MON-FRI' (20/10/30) and '0 20 * * *' (4/2/10)", () => {
        const groupName = GROUP_NAME;
        expect(resource(plan, SCHEDULE, "web-schedule-weekday-morning").inputs).toEqual({
            autoscalingGroupName: groupName,
            scheduledActionName: "weekday-morning",
            recurrence: "0 9 * * MON-FRI",
            timeZone: "UTC",
            desiredCapacity: 20,
            minSize: 10,
            maxSize: 30,
        });
        expect(resource(plan, SCHEDULE, "web-schedule-night").inputs).toEqual({
            autoscalingGroupName: groupName,
            scheduledActionName: "night",
            recurrence: "0 20 * * *",
            timeZone: "UTC",
            desiredCapacity: 4,
            minSize: 2,
            maxSize: 10,
        });
    });

    it("predictive scaling on CPU", () => {
        expect(resource(plan, POLICY, "web-predictive").inputs).toEqual({
            autoscalingGroupName: GROUP_NAME,
            policyType: "PredictiveScaling",
            predictiveScalingConfiguration: {
                metricSpecification: {
                    targetValue: 70,
                    predefinedMetricPairSpecification: { predefinedMetricType: "ASGCPUUtilization" },
                },
                mode: "ForecastOnly",
            },
        });
    });

    it("launch template: IMDSv2 tokens required with hop limit 1, no public IP, encrypted gp3 root, detailed monitoring, AL2023 AMI, no key pair", () => {
        const lt = only(plan, LT);
        expect(lt.inputs.metadataOptions).toEqual({
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
        });
        const nics = lt.inputs.networkInterfaces as { associatePublicIpAddress: string }[];
        expect(nics).toHaveLength(1);
        expect(nics.every((n) => n.associatePublicIpAddress === "false")).toBe(true);
        expect(lt.inputs.blockDeviceMappings).toEqual([
            { deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
        ]);
        expect(lt.inputs.monitoring).toEqual({ enabled: true });
        expect(lt.inputs.imageId).toBe(MOCK_AMI_ID);
        expect(lt.inputs.instanceType).toBe("t3.medium");
        expect(lt.inputs).not.toHaveProperty("keyName");
        expect(Buffer.from(lt.inputs.userData as string, "base64").toString("utf8")).toBe(
            "#!/bin/bash\nyum update -y\n",
        );
        expect(input(lt, "iamInstanceProfile.arn")).toMatch(/:instance-profile\/web-profile/);
    });

    it("the role trusts EC2 and carries only AmazonSSMManagedInstanceCore", () => {
        const role = only(plan, "aws:iam/role:Role");
        expect(JSON.parse(role.inputs.assumeRolePolicy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        expect(
            ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.policyArn),
        ).toEqual(["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]);
        expect(ofType(plan, "aws:iam/rolePolicy:RolePolicy")).toEqual([]);
    });

    it("the security group has no ingress (no port 22) and one all-egress rule", () => {
        const sg = only(plan, "aws:ec2/securityGroup:SecurityGroup");
        expect(sg.inputs.vpcId).toBe("vpc-0abc");
        expect(sg.inputs).not.toHaveProperty("ingress");
        expect(ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);
        const egress = only(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        expect(egress.inputs).toMatchObject({ ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });
        expect(input(only(plan, LT), "networkInterfaces.0.securityGroups")).toEqual([egress.inputs.securityGroupId]);
    });
});

describe("AutoScalingGroup: other shapes", () => {
    it("backs an ECS EC2 capacity provider with managed termination protection when it protects instances from scale-in", async () => {
        const plan = await runPlan(() => {
            const group = new AutoScalingGroup("ecs-hosts", {
                subnetIds: ["subnet-a", "subnet-b"],
                vpcId: "vpc-1",
                autoScaling: { min: 0, max: 10 },
                protectFromScaleIn: true,
            });
            new EcsCluster("hosts", { capacityProviders: { ec2: { autoScalingGroupArn: group.groupArn } } });
        });
        const g = only(plan, GROUP);
        expect(g.inputs.protectFromScaleIn).toBe(true);
        const provider = only(plan, "aws:ecs/capacityProvider:CapacityProvider");
        expect(input(provider, "autoScalingGroupProvider.managedTerminationProtection")).toBe("ENABLED");
        // The provider points at this group: its ARN ends in the group's (auto-)name.
        expect(String(input(provider, "autoScalingGroupProvider.autoScalingGroupArn"))).toMatch(
            new RegExp(`:autoScalingGroupName/${g.outputs?.name}$`),
        );
    });

    it("a Spot mixed-instances group over m5.large, m5a.large and m4.large with capacity rebalance", async () => {
        const plan = await runPlan(() => {
            new AutoScalingGroup("spot", {
                subnetIds: ["subnet-a"],
                securityGroupIds: ["sg-given"],
                autoScaling: { min: 0, max: 20 },
                desiredCapacity: 5,
                instanceTypes: ["m5.large", "m5a.large", "m4.large"],
                spot: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 20 },
            });
        });
        const g = only(plan, GROUP);
        const lt = only(plan, LT);
        expect(g.inputs.capacityRebalance).toBe(true);
        expect(g.inputs).not.toHaveProperty("launchTemplate");
        expect(g.inputs.mixedInstancesPolicy).toEqual({
            instancesDistribution: {
                onDemandBaseCapacity: 1,
                onDemandPercentageAboveBaseCapacity: 20,
                spotAllocationStrategy: "price-capacity-optimized",
            },
            launchTemplate: {
                launchTemplateSpecification: {
                    launchTemplateId: input(
                        g,
                        "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId",
                    ),
                    version: "1",
                },
                overrides: [{ instanceType: "m5.large" }, { instanceType: "m5a.large" }, { instanceType: "m4.large" }],
            },
        });
        expect(input(g, "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId")).toMatch(
            /^lt-/,
        );
        expect(lt.inputs).not.toHaveProperty("instanceType");
        // Given security groups: none created, and they go on the network interface.
        expect(ofType(plan, "aws:ec2/securityGroup:SecurityGroup")).toEqual([]);
        expect(input(lt, "networkInterfaces.0.securityGroups")).toEqual(["sg-given"]);
        // No scaling: desiredCapacity is managed by Pulumi.
        expect(g.options.ignoreChanges).toBeUndefined();
        expect(g.inputs.healthCheckType).toBe("EC2");
        expect(ofType(plan, POLICY)).toEqual([]);
    });

    it("a Graviton group reads the arm64 AL2023 parameter; a given image's root device comes from the AMI", async () => {
        const parameters: string[] = [];
        const plan = await runPlan(
            () => {
                new AutoScalingGroup("arm", {
                    vpcId: "vpc-1",
                    subnetIds: ["subnet-a"],
                    autoScaling: { min: 1, max: 2 },
                    instanceType: "m7g.large",
                    rootVolume: { sizeGb: 30, type: "io2", iops: 4000 },
                });
                new AutoScalingGroup("ubuntu", {
                    vpcId: "vpc-1",
                    subnetIds: ["subnet-a"],
                    autoScaling: { min: 1, max: 2 },
                    imageId: "ami-0ubuntu",
                });
            },
            {
                mocks: {
                    calls: {
                        "aws:ssm/getParameter:getParameter": (i) => {
                            parameters.push(String(i.name));
                            return {
                                name: i.name,
                                type: "String",
                                value: "ami-0arm64",
                                insecureValue: "ami-0arm64",
                                version: 1,
                            };
                        },
                        "aws:ec2/getAmi:getAmi": () => ({
                            id: "ami-0ubuntu",
                            imageId: "ami-0ubuntu",
                            rootDeviceName: "/dev/sda1",
                            architecture: "x86_64",
                        }),
                    },
                },
            },
        );
        expect(parameters).toEqual(["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"]);
        const arm = resource(plan, LT, "arm-lt");
        expect(arm.inputs.imageId).toBe("ami-0arm64");
        expect(arm.inputs.blockDeviceMappings).toEqual([
            {
                deviceName: "/dev/xvda",
                ebs: { volumeType: "io2", volumeSize: 30, iops: 4000, encrypted: "true", deleteOnTermination: "true" },
            },
        ]);
        const ubuntu = resource(plan, LT, "ubuntu-lt");
        expect(ubuntu.inputs.imageId).toBe("ami-0ubuntu");
        expect(input(ubuntu, "blockDeviceMappings.0.deviceName")).toBe("/dev/sda1");
    });

    it("autoScaling.min 3, desiredCapacity 2, autoScaling.max 5 throws an InputPropertiesError naming desiredCapacity, and registers nothing", async () => {
        const { errors, plan, message } = await expectInvalid(() => {
            new AutoScalingGroup("web", {
                vpcId: "vpc-1",
                subnetIds: ["subnet-a"],
                autoScaling: { min: 3, max: 5 },
                desiredCapacity: 2,
            });
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["desiredCapacity", "autoScaling.min"]);
        expect(errors[0].reason).toMatch(/at least autoScaling.min 3/);
        expect(message).toContain('AutoScalingGroup "web"');
        expect(plan.resources).toEqual([]);
    });

    it("invalid scaling throws with paths under autoScaling and registers nothing", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new AutoScalingGroup("web", {
                vpcId: "vpc-1",
                subnetIds: ["subnet-a"],
                autoScaling: {
                    min: 1,
                    max: 5,
                    steps: [
                        {
                            alarm: { metric: "CPUUtilization", threshold: 70, comparison: "GreaterThanThreshold" },
                            adjustments: [
                                { lowerBound: 0, upperBound: 10, change: 1 },
                                { lowerBound: 5, change: 2 },
                            ],
                        },
                    ],
                },
            });
        });
        expect(errors.map((e) => e.propertyPath)).toEqual([
            "autoScaling.steps[0].adjustments[1].lowerBound",
            "autoScaling.steps[0].adjustments[0].upperBound",
        ]);
        expect(plan.resources).toEqual([]);
    });
});
