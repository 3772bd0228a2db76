import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../src/core";
import { toEc2AutoScaling } from "../../src/scaling";
import { AutoScalingGroupArgs } from "./args";
import { AL2023_ROOT_DEVICE, planAutoScalingGroup } from "./plan";

/**
 * An EC2 Auto Scaling group with secure instance defaults: a launch template with IMDSv2
 * required (hop limit 1), an encrypted gp3 root volume, no public IP and detailed monitoring;
 * an instance role with only the SSM managed-instance policy (no key pair, no port 22); an
 * egress-only security group unless you give your own; rolling instance refresh; and scaling
 * policies, alarms and schedules from the shared scaling vocabulary, with `desiredCapacity` in
 * `ignoreChanges` whenever anything else scales the group (and `minSize` / `maxSize` when
 * scheduled actions set them).
 */
export class AutoScalingGroup extends pulumi.ComponentResource {
    /** The Auto Scaling group. */
    readonly group: aws.autoscaling.Group;
    /** The launch template the group launches from. */
    readonly launchTemplate: aws.ec2.LaunchTemplate;
    /** The instances' IAM role (AmazonSSMManagedInstanceCore only); attach more policies to it. */
    readonly role: aws.iam.Role;
    /** The instance profile wrapping `role`. */
    readonly instanceProfile: aws.iam.InstanceProfile;
    /** The security group the component created, or undefined when `securityGroupIds` was given. */
    readonly securityGroup?: aws.ec2.SecurityGroup;
    /** Scaling policies by key (`target-cpu`, `step-0`, `predictive`). */
    readonly policies: Record<string, aws.autoscaling.Policy>;
    /** Step-scaling alarms by key (`step-0-alarm`). */
    readonly alarms: Record<string, aws.cloudwatch.MetricAlarm>;
    /** Scheduled actions by key (`schedule-<name>`). */
    readonly scheduledActions: Record<string, aws.autoscaling.Schedule>;
    /** The group's name. */
    readonly groupName: pulumi.Output<string>;
    /** The group's ARN. */
    readonly groupArn: pulumi.Output<string>;

    constructor(name: string, args: AutoScalingGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything, the component included, is registered.
        const plan = planAutoScalingGroup(name, args);
        super("compute-layer:index:AutoScalingGroup", name, {}, opts);
        const parent = { parent: this };
        const tags = plan.tags;

        // The instance role: SSM Session Manager instead of SSH, nothing else.
        this.role = new aws.iam.Role(
            childName(name, "role"),
            {
                description: `EC2 instances of ${name} (compute-layer)`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
                tags,
            },
            parent,
        );
        const partition = aws.getPartitionOutput({}, parent).partition;
        const ssmCore = new aws.iam.RolePolicyAttachment(
            childName(name, "ssm"),
            { role: this.role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore` },
            parent,
        );
        this.instanceProfile = new aws.iam.InstanceProfile(childName(name, "profile"), { role: this.role.name, tags }, parent);

        // The security group: no ingress at all (no port 22); all egress.
        let securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
        if (plan.createSecurityGroup) {
            this.securityGroup = new aws.ec2.SecurityGroup(
                childName(name, "sg"),
                { vpcId: args.vpcId, description: `Instances of ${name} (compute-layer): no ingress unless added`, tags },
                parent,
            );
            new aws.vpc.SecurityGroupEgressRule(
                childName(name, "sg-egress"),
                { securityGroupId: this.securityGroup.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "All outbound traffic", tags },
                parent,
            );
            securityGroupIds = [this.securityGroup.id];
        } else {
            securityGroupIds = args.securityGroupIds!;
        }

        // The image and its root device.
        const imageId = plan.imageId ?? aws.ssm.getParameterOutput({ name: plan.amiParameter }, parent).value;
        const rootDevice =
            plan.imageId === undefined
                ? pulumi.output(AL2023_ROOT_DEVICE)
                : aws.ec2.getAmiOutput({ filters: [{ name: "image-id", values: [plan.imageId] }] }, parent).rootDeviceName;

        this.launchTemplate = new aws.ec2.LaunchTemplate(
            childName(name, "lt"),
            {
                description: `Launch template of ${name} (compute-layer)`,
                imageId,
                ...(plan.instanceType !== undefined ? { instanceType: plan.instanceType } : {}),
                ...(plan.userData !== undefined ? { userData: pulumi.output(plan.userData).apply((s) => Buffer.from(s, "utf8").toString("base64")) } : {}),
                iamInstanceProfile: { arn: this.instanceProfile.arn },
                // IMDSv2 only; hop limit 1 keeps the credentials away from containers on the host.
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                monitoring: { enabled: true },
                networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: securityGroupIds }],
                blockDeviceMappings: [
                    {
                        deviceName: rootDevice,
                        ebs: {
                            volumeType: plan.rootVolume.type,
                            ...(plan.rootVolume.sizeGb !== undefined ? { volumeSize: plan.rootVolume.sizeGb } : {}),
                            ...(plan.rootVolume.iops !== undefined ? { iops: plan.rootVolume.iops } : {}),
                            encrypted: "true",
                            deleteOnTermination: "true",
                        },
                    },
                ],
                tagSpecifications: [{ resourceType: "volume", tags }],
                updateDefaultVersion: true,
                tags,
            },
            { parent: this, dependsOn: [ssmCore] },
        );

        const version = this.launchTemplate.latestVersion.apply((n) => String(n));
        const mixed = plan.mixed;
        this.group = new aws.autoscaling.Group(
            childName(name, "asg"),
            {
                vpcZoneIdentifiers: args.subnetIds,
                minSize: args.minSize,
                maxSize: args.maxSize,
                ...(args.desiredCapacity !== undefined ? { desiredCapacity: args.desiredCapacity } : {}),
                ...(mixed
                    ? {
                          mixedInstancesPolicy: {
                              instancesDistribution: {
                                  onDemandBaseCapacity: mixed.onDemandBaseCapacity,
                                  onDemandPercentageAboveBaseCapacity: mixed.onDemandPercentageAboveBaseCapacity,
                                  spotAllocationStrategy: mixed.spotAllocationStrategy,
                              },
                              launchTemplate: {
                                  launchTemplateSpecification: { launchTemplateId: this.launchTemplate.id, version },
                                  overrides: mixed.instanceTypes.map((instanceType) => ({ instanceType })),
                              },
                          },
                          capacityRebalance: mixed.capacityRebalance,
                      }
                    : { launchTemplate: { id: this.launchTemplate.id, version } }),
                ...(args.targetGroupArns !== undefined ? { targetGroupArns: args.targetGroupArns } : {}),
                healthCheckType: plan.healthCheckType,
                healthCheckGracePeriod: plan.healthCheckGracePeriodSeconds,
                ...(args.protectFromScaleIn ? { protectFromScaleIn: true } : {}),
                ...(plan.instanceRefresh
                    ? {
                          instanceRefresh: {
                              strategy: "Rolling",
                              preferences: {
                                  minHealthyPercentage: plan.instanceRefresh.minHealthyPercentage,
                                  ...(plan.instanceRefresh.maxHealthyPercentage !== undefined ? { maxHealthyPercentage: plan.instanceRefresh.maxHealthyPercentage } : {}),
                                  ...(plan.instanceRefresh.instanceWarmupSeconds !== undefined ? { instanceWarmup: String(plan.instanceRefresh.instanceWarmupSeconds) } : {}),
                              },
                          },
                      }
                    : {}),
                metricsGranularity: "1Minute",
                enabledMetrics: ["GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances"],
                tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
            },
            { parent: this, ignoreChanges: [...plan.ignoreChanges] },
        );
        this.groupName = this.group.name;
        this.groupArn = this.group.arn;

        // Scaling: the planner validated the policies; translate again now that the group's name exists.
        const scaling = toEc2AutoScaling(args.scaling, { alarmDimensions: { AutoScalingGroupName: this.group.name } });
        this.policies = {};
        for (const p of scaling.policies) {
            this.policies[p.key] = new aws.autoscaling.Policy(childName(name, p.key), { ...p.args, autoscalingGroupName: this.group.name }, parent);
        }
        this.alarms = {};
        for (const a of scaling.alarms) {
            this.alarms[a.key] = new aws.cloudwatch.MetricAlarm(childName(name, a.key), { ...a.args, alarmActions: [this.policies[a.policyKey].arn], tags }, parent);
        }
        this.scheduledActions = {};
        for (const s of scaling.scheduledActions) {
            this.scheduledActions[s.key] = new aws.autoscaling.Schedule(childName(name, s.key), { ...s.args, autoscalingGroupName: this.group.name }, parent);
        }

        this.registerOutputs({
            groupName: this.groupName,
            groupArn: this.groupArn,
            launchTemplateId: this.launchTemplate.id,
            roleArn: this.role.arn,
            securityGroupId: this.securityGroup?.id,
        });
    }
}
