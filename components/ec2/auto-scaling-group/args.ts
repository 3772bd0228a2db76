import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../src/core";
import type { ScalingPolicies } from "../../src/scaling";

/** Spot allocation strategies EC2 Auto Scaling offers. */
export type SpotAllocationStrategy = "price-capacity-optimized" | "capacity-optimized" | "capacity-optimized-prioritized" | "lowest-price";

/** Spot purchasing for a mixed-instances group. */
export interface AutoScalingSpotArgs {
    /**
     * On-Demand instances the group always keeps before any Spot.
     * @default 0
     */
    onDemandBaseCapacity?: number;
    /**
     * Percent of capacity above the base that is On-Demand (the rest is Spot), 0–100.
     * @default 0 (all Spot above the base)
     */
    onDemandPercentageAboveBaseCapacity?: number;
    /**
     * How Spot capacity is chosen across the instance types.
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
     * @default required
     */
    sizeGb: number;
    /**
     * The volume type.
     * @default "gp3"
     */
    type?: RootVolumeType;
    /**
     * Provisioned IOPS: required for io1 and io2, optional for gp3 (3,000 included), not for gp2.
     * @default none (gp3: the 3,000 baseline)
     */
    iops?: number;
}

/** Rolling instance refresh when the launch template changes. */
export interface AutoScalingInstanceRefreshArgs {
    /**
     * Replace instances automatically when the launch template changes.
     * @default true
     */
    enabled?: boolean;
    /**
     * Percent of desired capacity that stays in service during the refresh, 0–100.
     * @default 90
     */
    minHealthyPercentage?: number;
    /**
     * Percent of desired capacity the group may grow to during the refresh, 100–200, at most
     * `minHealthyPercentage` + 100.
     * @default the AWS default (100: replace in place)
     */
    maxHealthyPercentage?: number;
    /**
     * Seconds a new instance needs before it counts as in service.
     * @default the group's health-check grace period
     */
    instanceWarmupSeconds?: number;
}

/** Args of {@link AutoScalingGroup}. */
export interface AutoScalingGroupArgs {
    /**
     * The VPC; required when `securityGroupIds` is absent, to create the group's security group.
     * @default none
     */
    vpcId?: pulumi.Input<string>;
    /**
     * Subnets (one per Availability Zone, usually private) the group spreads its instances over.
     * @default required
     */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Security groups for the instances. When absent, one is created in `vpcId` with no ingress
     * and all egress (expose it as `securityGroup` to allow traffic from your load balancer).
     * @default a new egress-only security group
     */
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The instance type (single-type groups). Not together with `instanceTypes`.
     * @default "t3.medium"
     */
    instanceType?: pulumi.Input<string>;
    /**
     * Several instance types for a mixed-instances policy (up to 40, one CPU architecture).
     * Not together with `instanceType`.
     * @default none (single-type group)
     */
    instanceTypes?: pulumi.Input<string>[];
    /**
     * Buy Spot capacity through a mixed-instances policy with capacity rebalancing on.
     * @default none (On-Demand only)
     */
    spot?: AutoScalingSpotArgs;
    /**
     * The AMI.
     * @default the latest Amazon Linux 2023 AMI for the instance types' architecture, from its
     * public SSM parameter `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-<arch>`,
     * read at every `pulumi up`: a newly published AMI makes a new launch-template version and,
     * with `instanceRefresh` on, a rolling replacement of the instances. Pin `imageId` to control
     * when that happens.
     */
    imageId?: pulumi.Input<string>;
    /**
     * User data as plain text (the component base64-encodes it), at most 16 KB.
     * @default none
     */
    userData?: pulumi.Input<string>;
    /**
     * The root volume; always encrypted.
     * @default the image's size, gp3, encrypted
     */
    rootVolume?: AutoScalingRootVolumeArgs;
    /**
     * Minimum number of instances, 0 or more. Ignored after creation when a scheduled action in
     * `scaling.schedules` sets `minCapacity` (the schedules own it; change them instead).
     * @default required
     */
    minSize: pulumi.Input<number>;
    /**
     * Maximum number of instances, 1 or more and at least `minSize`. Ignored after creation when
     * a scheduled action sets `maxCapacity`.
     * @default required
     */
    maxSize: pulumi.Input<number>;
    /**
     * Instances to start with, `minSize` ≤ `desiredCapacity` ≤ `maxSize`. Ignored after creation
     * when `scaling` changes capacity (target tracking, steps, schedules, or predictive scaling
     * in `ForecastAndScale` mode): the autoscaler owns it.
     * @default minSize (AWS's default)
     */
    desiredCapacity?: pulumi.Input<number>;
    /**
     * ALB/NLB target groups the instances register with.
     * @default none
     */
    targetGroupArns?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * `EC2` (instance status checks) or `ELB` (also the load balancer's health checks).
     * @default "ELB" when `targetGroupArns` is given, else "EC2"
     */
    healthCheckType?: "EC2" | "ELB";
    /**
     * Seconds after launch before health checks count.
     * @default 300
     */
    healthCheckGracePeriodSeconds?: number;
    /**
     * Protect new instances from scale-in, so that only their owner terminates them. Turn it on
     * when the group backs an ECS capacity provider with managed termination protection (then ECS
     * decides which instances are empty enough to go); AWS refuses that combination otherwise.
     * @default false
     */
    protectFromScaleIn?: boolean;
    /**
     * Rolling instance refresh on launch-template changes.
     * @default enabled, rolling, minHealthyPercentage 90
     */
    instanceRefresh?: AutoScalingInstanceRefreshArgs;
    /**
     * Scaling policies in the shared vocabulary (target tracking, steps, schedules, predictive).
     * When any of them changes capacity, the group's `desiredCapacity` is in `ignoreChanges`;
     * `minSize` / `maxSize` are too when a schedule sets them.
     * @default none (fixed size)
     */
    scaling?: ScalingPolicies;
    /**
     * Tags for every child; propagated to instances at launch.
     * @default {} (plus the default `managed-by` and `component` tags)
     */
    tags?: Tags;
}
