import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";
import type { AutoScalingArgs } from "../../../src/scaling";

/** Spot allocation strategies EC2 Auto Scaling offers. */
export type SpotAllocationStrategy =
    | "price-capacity-optimized"
    | "capacity-optimized"
    | "capacity-optimized-prioritized"
    | "lowest-price";

/** Spot purchasing for a mixed-instances group. */
export interface AutoScalingSpotArgs {
    /**
     * On-Demand instances the group always keeps before any Spot.
     * Known at plan time.
     * @default 0
     */
    onDemandBaseCapacity?: number;
    /**
     * Percent of capacity above the base that is On-Demand (the rest is Spot), 0–100.
     * Known at plan time.
     * @default 0 (all Spot above the base)
     */
    onDemandPercentageAboveBaseCapacity?: number;
    /**
     * How Spot capacity is chosen across the instance types.
     * Known at plan time.
     * @default "price-capacity-optimized" (AWS's recommendation: fewer interruptions at low price)
     */
    allocationStrategy?: SpotAllocationStrategy;
}

/** EBS volume types a root volume may use (HDD types st1/sc1 cannot be boot volumes). */
export type RootVolumeType = "gp3" | "gp2" | "io1" | "io2";

/** The instances' root EBS volume. It is always encrypted and deleted with the instance. */
export interface AutoScalingRootVolumeArgs {
    /**
     * Size in GiB: gp3 1–65,536, gp2 1–16,384, io1 4–16,384, io2 4–65,536; at least 8 with the
     * default Amazon Linux 2023 image.
     * Known at plan time.
     * @default required
     */
    sizeGb: number;
    /**
     * The volume type.
     * Known at plan time.
     * @default "gp3"
     */
    type?: RootVolumeType;
    /**
     * Provisioned IOPS: required for io1 and io2, optional for gp3 (3,000 included), not for gp2.
     * Known at plan time.
     * @default none (gp3: the 3,000 baseline)
     */
    iops?: number;
}

/** Rolling instance refresh when the launch template changes. */
export interface AutoScalingInstanceRefreshArgs {
    /**
     * Replace instances automatically when the launch template changes.
     * Known at plan time.
     * @default true
     */
    enabled?: boolean;
    /**
     * Percent of desired capacity that stays in service during the refresh, 0–100.
     * Known at plan time.
     * @default 90
     */
    minHealthyPercentage?: number;
    /**
     * Percent of desired capacity the group may grow to during the refresh, 100–200, at most
     * `minHealthyPercentage` + 100.
     * Known at plan time.
     * @default the AWS default (100: replace in place)
     */
    maxHealthyPercentage?: number;
    /**
     * Seconds a new instance needs before it counts as in service.
     * Known at plan time.
     * @default the group's health-check grace period
     */
    instanceWarmupSeconds?: number;
}

/** The state warm-pool instances wait in. */
export type WarmPoolState = "Stopped" | "Running" | "Hibernated";

/**
 * A warm pool: pre-initialised instances that wait beside the group, so a scale-out starts in
 * seconds rather than minutes. AWS doesn't allow one on a group with a mixed instances policy or
 * Spot Instances (so not with `instanceTypes` or `spot`).
 */
export interface AutoScalingWarmPoolArgs {
    /**
     * The state instances wait in: `Stopped` (pay for volumes only), `Running` (pay for the
     * instances; fastest) or `Hibernated` (memory kept on the encrypted root volume; the instance
     * type must support hibernation and the root volume must hold its RAM).
     * Known at plan time.
     * @default "Stopped"
     */
    state?: WarmPoolState;
    /**
     * The fewest instances kept in the pool, 0 or more.
     * Known at plan time.
     * @default 0
     */
    minSize?: number;
    /**
     * The most instances in the pool and the group together (any state but Terminated); at
     * least the group's `autoScaling.min` and the pool's `minSize`.
     * Known at plan time.
     * @default the group's `autoScaling.max` (AWS's default: the pool holds max − desired)
     */
    maxPreparedCapacity?: number;
    /**
     * Return instances to the pool on scale-in instead of terminating them.
     * Known at plan time.
     * @default false
     */
    reuseOnScaleIn?: boolean;
}

/** Where a lifecycle hook's notifications go, besides EventBridge (which always gets them). */
export interface LifecycleHookTargetArgs {
    /**
     * The target's service: an SNS topic or an SQS queue. The component creates the role Auto
     * Scaling assumes to publish to it, allowed exactly `sns:Publish` or `sqs:SendMessage` on it.
     * Plan-time.
     * @default required
     */
    service: "sns" | "sqs";
    /**
     * The topic's or queue's ARN (may be an Output).
     * @default required
     */
    arn: pulumi.Input<string>;
}

/**
 * A lifecycle hook: Auto Scaling pauses an instance as it launches or terminates until your
 * code completes the action (or the heartbeat times out), e.g. to warm a cache or drain
 * connections. Hooks are created with the group (`initialLifecycleHooks`), so they apply to its
 * first instances too.
 */
export interface AutoScalingLifecycleHookArgs {
    /**
     * `launch` (`autoscaling:EC2_INSTANCE_LAUNCHING`) or `terminate`
     * (`autoscaling:EC2_INSTANCE_TERMINATING`).
     * Known at plan time.
     * @default required
     */
    transition: "launch" | "terminate";
    /**
     * Seconds an instance waits for the action to complete, 30–7200.
     * Known at plan time.
     * @default 3600 (AWS's default)
     */
    heartbeatTimeoutSeconds?: number;
    /**
     * What happens when the heartbeat times out: `CONTINUE` or `ABANDON` (a launching instance
     * is terminated either way when ABANDON).
     * Known at plan time.
     * @default "ABANDON"
     */
    defaultResult?: "CONTINUE" | "ABANDON";
    /**
     * Text sent with each notification, at most 1023 characters.
     * Known at plan time.
     * @default none
     */
    metadata?: string;
    /**
     * An SNS topic or SQS queue to notify. Without one, the events go to EventBridge only
     * (rule on `detail-type: "EC2 Instance-launch Lifecycle Action"`).
     * Known at plan time.
     * @default none (EventBridge)
     */
    target?: LifecycleHookTargetArgs;
}

/** Who may reach the instances: security groups and the TCP ports they may connect to. */
export interface AutoScalingAllowFromArgs {
    /**
     * The security groups admitted, e.g. `[alb.securityGroup.id]`; 1–60 (ids may be Outputs).
     * @default required
     */
    securityGroupIds: pulumi.Input<string>[];
    /**
     * The TCP ports they may connect to, 1–65535, e.g. `[80]`; at most 60 rules in all
     * (groups × ports), AWS's default inbound-rule quota per security group.
     * Known at plan time.
     * @default required
     */
    ports: number[];
}

/** The args of `AutoScalingGroup`. */
export interface AutoScalingGroupArgs {
    /**
     * The VPC; required when `securityGroupIds` is absent, to create the group's security group.
     * May be an Output.
     * @default none
     */
    vpcId?: pulumi.Input<string>;
    /**
     * Subnets (one per Availability Zone, usually private) the group spreads its instances over.
     * May be an Output.
     * @default required
     */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Security groups for the instances. When absent, one is created in `vpcId` with all egress
     * and ingress only from `allowFrom`.
     * May be an Output.
     * @default a new egress-only security group
     */
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Security groups (e.g. the ALB's, `alb.securityGroup.id`) admitted to the instances on TCP
     * `ports`: one ingress rule per group and port on the group's own security group. Only with
     * the created security group (not with `securityGroupIds`). Plan-time list (each entry makes
     * rules); the group ids may be Outputs.
     * @default none (no ingress at all)
     */
    allowFrom?: AutoScalingAllowFromArgs;
    /**
     * The instance type (single-type groups). Not together with `instanceTypes`.
     * May be an Output.
     * @default "t3.medium"
     */
    instanceType?: pulumi.Input<string>;
    /**
     * Several instance types for a mixed-instances policy (up to 40, one CPU architecture).
     * Not together with `instanceType`.
     * The list is known at plan time (it decides the mixed-instances policy); the types may be Outputs.
     * @default none (single-type group)
     */
    instanceTypes?: pulumi.Input<string>[];
    /**
     * Buy Spot capacity through a mixed-instances policy with capacity rebalancing on.
     * Known at plan time.
     * @default none (On-Demand only)
     */
    spot?: AutoScalingSpotArgs;
    /**
     * The AMI.
     * May be an Output.
     * @default the latest Amazon Linux 2023 AMI for the instance types' architecture, from its
     * public SSM parameter `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-<arch>`,
     * read at every `pulumi up`: a newly published AMI makes a new launch-template version and,
     * with `instanceRefresh` on, a rolling replacement of the instances. Pin `imageId` to control
     * when that happens.
     */
    imageId?: pulumi.Input<string>;
    /**
     * User data as plain text (the component base64-encodes it), at most 16 KB.
     * May be an Output.
     * @default none
     */
    userData?: pulumi.Input<string>;
    /**
     * The root volume; always encrypted.
     * Known at plan time.
     * @default the image's size, gp3, encrypted
     */
    rootVolume?: AutoScalingRootVolumeArgs;
    /**
     * The group's bounds and its scaling policies, in the shared scaling vocabulary: `min` and
     * `max` ARE the group's `minSize` and `maxSize` (there is no other field for them), and the
     * policies (target tracking, steps, schedules, predictive) scale between them. A group
     * without policies is a fixed-range group: `{ min: 2, max: 2 }`. When a policy changes
     * capacity, `desiredCapacity` is in `ignoreChanges`; `minSize` / `maxSize` are too when a
     * schedule sets `minCapacity` / `maxCapacity` (the schedules own them from then on).
     * Plan-time: the policies decide which children exist.
     * @default required
     */
    autoScaling: AutoScalingArgs;
    /**
     * Instances to start with, `autoScaling.min` ≤ `desiredCapacity` ≤ `autoScaling.max`.
     * Ignored after creation when `autoScaling` changes capacity (target tracking, steps,
     * schedules, or predictive scaling in `ForecastAndScale` mode): the autoscaler owns it.
     * Plan-time (checked against the bounds).
     * @default `autoScaling.min` (AWS's default)
     */
    desiredCapacity?: number;
    /**
     * ALB/NLB target groups the instances register with.
     * May be an Output.
     * @default none
     */
    targetGroupArns?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * `EC2` (instance status checks) or `ELB` (also the load balancer's health checks).
     * Known at plan time.
     * @default "ELB" when `targetGroupArns` is given, else "EC2"
     */
    healthCheckType?: "EC2" | "ELB";
    /**
     * Seconds after launch before health checks count.
     * Known at plan time.
     * @default 300
     */
    healthCheckGracePeriodSeconds?: number;
    /**
     * Protect new instances from scale-in, so that only their owner terminates them. Turn it on
     * when the group backs an ECS capacity provider with managed termination protection (then ECS
     * decides which instances are empty enough to go); AWS refuses that combination otherwise.
     * Known at plan time.
     * @default false
     */
    protectFromScaleIn?: boolean;
    /**
     * Rolling instance refresh on launch-template changes.
     * Known at plan time.
     * @default enabled, rolling, minHealthyPercentage 90
     */
    instanceRefresh?: AutoScalingInstanceRefreshArgs;
    /**
     * A warm pool of pre-initialised instances (not with `instanceTypes` or `spot`). Plan-time.
     * @default none
     */
    warmPool?: AutoScalingWarmPoolArgs;
    /**
     * Lifecycle hooks by name (1–255 letters, digits, `-`, `_`, `/`; at most 50). Plan-time keys.
     * @default none
     */
    lifecycleHooks?: Record<string, AutoScalingLifecycleHookArgs>;
    /**
     * Tags for every child; propagated to instances at launch. Values, or the whole map, may be
     * Outputs; the default tags are kept either way.
     * @default {} (plus the default `managed-by` and `component` tags)
     */
    tags?: pulumi.Input<Tags>;
}
