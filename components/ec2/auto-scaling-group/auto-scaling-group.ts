import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext, childName, planContext, policyJson } from "../../../src/core";
import type { AutoScalingGroupArgs } from "./args";
import { hookTargetStatements, planAutoScalingGroup } from "./plan";

/**
 * An EC2 Auto Scaling group with secure instance defaults: a launch template with IMDSv2
 * required (hop limit 1), an encrypted gp3 root volume, no public IP and detailed monitoring;
 * an instance role with only the SSM managed-instance policy (no key pair, no port 22); an
 * egress-only security group (ingress only from `allowFrom`) unless you give your own; rolling
 * instance refresh; an optional warm pool and lifecycle hooks; and scaling policies, alarms and
 * schedules from the shared scaling vocabulary, with `desiredCapacity` in `ignoreChanges`
 * whenever anything else scales the group (and `minSize` / `maxSize` when scheduled actions set
 * them).
 */
export class AutoScalingGroup extends pulumi.ComponentResource {
    static readonly TYPE = "compute-layer:index:AutoScalingGroup";

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
    /** The `allowFrom` ingress rules, by key (`from-<i>-tcp-<port>`). */
    readonly ingressRules: Record<string, aws.vpc.SecurityGroupIngressRule>;
    /** The role Auto Scaling uses to notify lifecycle hooks' SNS/SQS targets, when any hook has one. */
    readonly lifecycleHookRole?: aws.iam.Role;
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
        const plan = planAutoScalingGroup(name, args, planContext());
        super(AutoScalingGroup.TYPE, name, {}, opts);
        const parent = { parent: this };

        // The instance role: SSM Session Manager instead of SSH, nothing else.
        this.role = new aws.iam.Role(childName(name, "role"), plan.role, parent);
        const { partition } = awsContext(this);
        const managed = plan.managedPolicies.map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    childName(name, "ssm"),
                    { role: this.role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}` },
                    parent,
                ),
        );
        this.instanceProfile = new aws.iam.InstanceProfile(
            childName(name, "profile"),
            { ...plan.instanceProfile, role: this.role.name },
            parent,
        );

        // The security group: ingress only from allowFrom (no port 22); all egress.
        this.ingressRules = {};
        if (plan.securityGroup) {
            const sg = new aws.ec2.SecurityGroup(childName(name, "sg"), plan.securityGroup, parent);
            this.securityGroup = sg;
            if (plan.egressRule) {
                new aws.vpc.SecurityGroupEgressRule(
                    childName(name, "sg-egress"),
                    { ...plan.egressRule, securityGroupId: sg.id },
                    parent,
                );
            }
            for (const r of plan.ingressRules) {
                this.ingressRules[r.key] = new aws.vpc.SecurityGroupIngressRule(
                    childName(name, r.key),
                    { ...r.args, securityGroupId: sg.id },
                    parent,
                );
            }
        }

        // The image and its root device: the planner knows them unless they must be looked up.
        const lt = plan.launchTemplate;
        const imageId =
            plan.amiParameter !== undefined
                ? aws.ssm.getParameterOutput({ name: plan.amiParameter }, parent).value
                : lt.imageId;
        const root = lt.blockDeviceMappings[0];
        const deviceName =
            root.deviceName ??
            aws.ec2.getAmiOutput(
                { filters: [{ name: "image-id", values: [lt.imageId as pulumi.Input<string>] }] },
                parent,
            ).rootDeviceName;
        const nic = lt.networkInterfaces[0];

        this.launchTemplate = new aws.ec2.LaunchTemplate(
            childName(name, "lt"),
            {
                ...lt,
                imageId,
                ...(plan.userDataToEncode !== undefined
                    ? {
                          userData: pulumi
                              .output(plan.userDataToEncode)
                              .apply((s) => Buffer.from(s, "utf8").toString("base64")),
                      }
                    : {}),
                iamInstanceProfile: { arn: this.instanceProfile.arn },
                networkInterfaces: [
                    { ...nic, securityGroups: this.securityGroup ? [this.securityGroup.id] : nic.securityGroups },
                ],
                blockDeviceMappings: [{ ...root, deviceName }],
            },
            { parent: this, dependsOn: managed },
        );

        // Lifecycle hooks' SNS/SQS targets: a role Auto Scaling assumes to publish to exactly them.
        let hookRoleArn: pulumi.Output<string> | undefined;
        let hookPolicy: aws.iam.RolePolicy | undefined;
        if (plan.hookRole) {
            this.lifecycleHookRole = new aws.iam.Role(childName(name, "hooks"), plan.hookRole, parent);
            hookPolicy = new aws.iam.RolePolicy(
                childName(name, "hooks"),
                {
                    role: this.lifecycleHookRole.id,
                    policy: pulumi
                        .output(plan.hookTargets)
                        .apply((targets) => policyJson(hookTargetStatements(targets))),
                },
                parent,
            );
            hookRoleArn = this.lifecycleHookRole.arn;
        }

        const version = this.launchTemplate.latestVersion.apply((n) => String(n));
        const { mixedInstancesPolicy: mixed, initialLifecycleHooks: hooks, ...g } = plan.group;
        const ltRef = { launchTemplateId: this.launchTemplate.id, version };
        this.group = new aws.autoscaling.Group(
            childName(name, "asg"),
            {
                ...g,
                ...(mixed
                    ? {
                          mixedInstancesPolicy: {
                              ...mixed,
                              launchTemplate: { ...mixed.launchTemplate, launchTemplateSpecification: ltRef },
                          },
                      }
                    : { launchTemplate: { id: this.launchTemplate.id, version } }),
                ...(hooks
                    ? {
                          initialLifecycleHooks: hooks.map((h) =>
                              h.notificationTargetArn !== undefined ? { ...h, roleArn: hookRoleArn } : h,
                          ),
                      }
                    : {}),
            },
            {
                parent: this,
                ignoreChanges: [...plan.ignoreChanges],
                ...(hookPolicy ? { dependsOn: [hookPolicy] } : {}),
            },
        );
        this.groupName = this.group.name;
        this.groupArn = this.group.arn;

        // Scaling, as the planner translated it; the component adds the group's name.
        const groupName = { autoscalingGroupName: this.group.name };
        this.policies = {};
        for (const p of plan.policies) {
            this.policies[p.key] = new aws.autoscaling.Policy(
                childName(name, p.key),
                { ...p.args, ...groupName },
                parent,
            );
        }
        this.alarms = {};
        for (const a of plan.alarms) {
            const dimensions = a.resourceDimension
                ? { dimensions: { ...a.args.dimensions, [a.resourceDimension]: this.group.name } }
                : {};
            this.alarms[a.key] = new aws.cloudwatch.MetricAlarm(
                childName(name, a.key),
                { ...a.args, ...dimensions, alarmActions: [this.policies[a.policyKey].arn] },
                parent,
            );
        }
        this.scheduledActions = {};
        for (const s of plan.scheduledActions) {
            this.scheduledActions[s.key] = new aws.autoscaling.Schedule(
                childName(name, s.key),
                { ...s.args, ...groupName },
                parent,
            );
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
