import * as pulumi from "@pulumi/pulumi";
import { defaultTags, isKnown, joinPath, known, knownList, Tags, validateTags, Validator } from "../../src/core";
import { checkCapacityOrder, Ec2ScalingPlan, hasDynamicScaling, toEc2AutoScaling } from "../../src/scaling";
import { AutoScalingGroupArgs, RootVolumeType, SpotAllocationStrategy } from "./args";

/** The instance type a group uses when none is given. */
export const DEFAULT_INSTANCE_TYPE = "t3.medium";
/** The public SSM parameters of the latest Amazon Linux 2023 AMI, by architecture. */
export const AL2023_PARAMETERS = {
    x86_64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    arm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
} as const;
/** Amazon Linux 2023's root device. */
export const AL2023_ROOT_DEVICE = "/dev/xvda";
/** Amazon Linux 2023 AMIs ship an 8 GiB root snapshot; a volume cannot be smaller than its snapshot. */
const AL2023_ROOT_SNAPSHOT_GIB = 8;
/**
 * At most 40 instance types per Auto Scaling group (LaunchTemplateOverrides: "The maximum number
 * of instance types that can be associated with an Auto Scaling group is 40").
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateOverrides.html
 */
export const MAX_INSTANCE_TYPES = 40;
/**
 * Volume sizes in GiB per type (EC2 API, CreateVolume / ModifyVolume `Size`).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html
 */
export const ROOT_VOLUME_SIZES: Record<RootVolumeType, [number, number]> = {
    gp3: [1, 65536],
    gp2: [1, 16384],
    io1: [4, 16384],
    io2: [4, 65536],
};
/** User data is limited to 16 KB before base64 encoding (EC2 User Guide, "Instance user data"). */
const MAX_USER_DATA_BYTES = 16 * 1024;
const SPOT_STRATEGIES: readonly SpotAllocationStrategy[] = ["price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price"];
const HEALTH_CHECK_TYPES = ["EC2", "ELB"] as const;

/** Graviton (arm64) families have a `g` right after the generation number: t4g, m7g, c6gn, x2gd, im4gn. */
export function architectureOf(instanceType: string): "arm64" | "x86_64" {
    return /^[a-z]+\d+g[a-z-]*\./.test(instanceType) ? "arm64" : "x86_64";
}

/** What {@link AutoScalingGroup} creates, with every default applied. */
export interface AutoScalingGroupPlan {
    /** True when the component creates the instances' security group (no `securityGroupIds`). */
    createSecurityGroup: boolean;
    /** The launch template's instance type; undefined for a mixed-instances group. */
    instanceType?: pulumi.Input<string>;
    /** The mixed-instances policy: its instance types and distribution; undefined for a single-type group. */
    mixed?: {
        instanceTypes: pulumi.Input<string>[];
        onDemandBaseCapacity: number;
        onDemandPercentageAboveBaseCapacity: number;
        spotAllocationStrategy: SpotAllocationStrategy;
        /** On for Spot: replace instances at elevated interruption risk before they are interrupted. */
        capacityRebalance: boolean;
    };
    /** The user's AMI; when undefined, the AMI is read from `amiParameter`. */
    imageId?: pulumi.Input<string>;
    /** The public SSM parameter of the default AMI (Amazon Linux 2023, matching architecture). */
    amiParameter: string;
    /** The root volume: always encrypted gp3 unless told otherwise. */
    rootVolume: { sizeGb?: number; type: RootVolumeType; iops?: number };
    /** The user data, base64-encoded by the component. */
    userData?: pulumi.Input<string>;
    healthCheckType: "EC2" | "ELB";
    healthCheckGracePeriodSeconds: number;
    /** Rolling refresh preferences; undefined when turned off. */
    instanceRefresh?: { minHealthyPercentage: number; maxHealthyPercentage?: number; instanceWarmupSeconds?: number };
    /** True when scaling is configured: the group's desiredCapacity goes into ignoreChanges. */
    ignoreDesiredCapacity: boolean;
    /**
     * The group's `ignoreChanges`: `desiredCapacity` when anything scales the group, and `minSize`
     * / `maxSize` when a scheduled action sets them (the schedules own them from then on, so
     * `pulumi up` in the middle of a scheduled window does not put them back).
     */
    ignoreChanges: ("desiredCapacity" | "minSize" | "maxSize")[];
    /** The scaling policies, alarms and schedules (alarms without the group's dimension yet). */
    scaling: Ec2ScalingPlan;
    /** Tags for every child. */
    tags: Tags;
}

/**
 * Applies the defaults to an {@link AutoScalingGroupArgs}, checks it against AWS's limits and
 * its own rules, and returns what to create. Throws one `InputPropertiesError` listing every
 * problem. Pure: no Pulumi resources.
 */
export function planAutoScalingGroup(name: string, args: AutoScalingGroupArgs): AutoScalingGroupPlan {
    const v = new Validator(`AutoScalingGroup "${name}"`);

    // Placement.
    const subnets = knownList(args.subnetIds);
    if (args.subnetIds === undefined) v.required(undefined, "subnetIds", "at least one subnet id");
    else v.count(subnets, "subnetIds", 1, Number.MAX_SAFE_INTEGER, "subnets");
    const createSecurityGroup = args.securityGroupIds === undefined;
    if (createSecurityGroup && (args.vpcId === undefined || args.vpcId === "")) {
        v.add("vpcId", "is required when securityGroupIds is absent: the component creates the instances' security group in this VPC");
    }
    if (!createSecurityGroup) v.count(knownList(args.securityGroupIds), "securityGroupIds", 1, Number.MAX_SAFE_INTEGER, "security groups");

    // Capacity.
    v.min(args.minSize, "minSize", 0);
    v.min(args.maxSize, "maxSize", 1);
    v.min(args.desiredCapacity, "desiredCapacity", 0);
    checkCapacityOrder(v, { min: args.minSize, max: args.maxSize, desired: args.desiredCapacity }, { min: "minSize", max: "maxSize", desired: "desiredCapacity" }, { min: "minSize", max: "maxSize", desired: "desiredCapacity" });

    // Instances.
    if (args.instanceType !== undefined && args.instanceTypes !== undefined) {
        v.add("instanceTypes", "give either instanceType (one type) or instanceTypes (a mixed-instances group), not both");
    }
    const types = args.instanceTypes;
    if (types !== undefined) {
        v.count(types, "instanceTypes", 1, MAX_INSTANCE_TYPES, "instance types (AWS allows at most 40 per Auto Scaling group)");
        v.unique(types.map((t, i) => ({ value: known(t), path: joinPath("instanceTypes", i) })), "instance type");
    }
    const knownTypes = (types ?? [args.instanceType ?? DEFAULT_INSTANCE_TYPE]).map((t) => known(t)).filter((t): t is string => t !== undefined);
    (types ?? []).forEach((t, i) => {
        if (isKnown(t) && !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(t)) v.add(joinPath("instanceTypes", i), `must be an EC2 instance type such as "m5.large" (got ${JSON.stringify(t)})`);
    });
    if (isKnown(args.instanceType) && !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(args.instanceType)) {
        v.add("instanceType", `must be an EC2 instance type such as "t3.medium" (got ${JSON.stringify(args.instanceType)})`);
    }
    const arches = new Set(knownTypes.map(architectureOf));
    if (arches.size > 1) {
        v.add("instanceTypes", `must share one CPU architecture, since the group has one image (got both arm64 and x86_64: ${knownTypes.join(", ")})`);
    }
    const arch = arches.size === 1 ? [...arches][0] : "x86_64";

    const spot = args.spot;
    if (spot) {
        v.min(spot.onDemandBaseCapacity, "spot.onDemandBaseCapacity", 0);
        v.range(spot.onDemandPercentageAboveBaseCapacity, "spot.onDemandPercentageAboveBaseCapacity", 0, 100, { unit: "percent" });
        v.oneOf(spot.allocationStrategy, "spot.allocationStrategy", SPOT_STRATEGIES);
    }

    // Image, volume, user data.
    const volumeType = args.rootVolume?.type ?? "gp3";
    if (args.rootVolume) {
        const rv = args.rootVolume;
        v.oneOf(rv.type, "rootVolume.type", Object.keys(ROOT_VOLUME_SIZES) as RootVolumeType[]);
        const bounds = ROOT_VOLUME_SIZES[volumeType];
        if (bounds) {
            const min = args.imageId === undefined ? Math.max(bounds[0], AL2023_ROOT_SNAPSHOT_GIB) : bounds[0];
            v.range(rv.sizeGb, "rootVolume.sizeGb", min, bounds[1], { unit: `GiB for ${volumeType}${min > bounds[0] ? " with the default Amazon Linux 2023 image (8 GiB snapshot)" : ""}` });
        }
        if ((volumeType === "io1" || volumeType === "io2") && rv.iops === undefined) v.add("rootVolume.iops", `is required for ${volumeType} volumes: give the provisioned IOPS`);
        if (volumeType === "gp2" && rv.iops !== undefined) v.add("rootVolume.iops", "gp2 volumes take no provisioned IOPS (their IOPS follow the size); remove it or use gp3");
        // Minimum provisioned IOPS: gp3 3,000, io1/io2 100 (EBS volume types).
        if (rv.iops !== undefined) v.min(rv.iops, "rootVolume.iops", volumeType === "gp3" ? 3000 : 100);
    }
    if (isKnown(args.userData) && Buffer.byteLength(args.userData, "utf8") > MAX_USER_DATA_BYTES) {
        v.add("userData", `must be at most 16 KB before base64 encoding (got ${Buffer.byteLength(args.userData, "utf8")} bytes); fetch larger scripts from S3`);
    }

    // Health.
    v.oneOf(args.healthCheckType, "healthCheckType", HEALTH_CHECK_TYPES);
    v.min(args.healthCheckGracePeriodSeconds, "healthCheckGracePeriodSeconds", 0, { unit: "seconds" });
    const targetGroups = knownList(args.targetGroupArns);
    const hasTargetGroups = args.targetGroupArns !== undefined && (targetGroups === undefined || targetGroups.length > 0);

    // Instance refresh: min 0–100, max 100–200, and max − min ≤ 100 (InstanceRefresh RefreshPreferences).
    // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html
    const ir = args.instanceRefresh;
    const refreshOn = ir?.enabled ?? true;
    const minHealthy = ir?.minHealthyPercentage ?? 90;
    if (ir) {
        v.range(ir.minHealthyPercentage, "instanceRefresh.minHealthyPercentage", 0, 100, { unit: "percent" });
        v.range(ir.maxHealthyPercentage, "instanceRefresh.maxHealthyPercentage", 100, 200, { unit: "percent" });
        if (ir.maxHealthyPercentage !== undefined && ir.maxHealthyPercentage - minHealthy > 100) {
            v.add("instanceRefresh.maxHealthyPercentage", `must be at most minHealthyPercentage + 100 = ${minHealthy + 100} (got ${ir.maxHealthyPercentage})`);
        }
        v.min(ir.instanceWarmupSeconds, "instanceRefresh.instanceWarmupSeconds", 0, { unit: "seconds" });
    }

    // Scaling and tags.
    const scaling = toEc2AutoScaling(args.scaling);
    const schedules = args.scaling?.schedules ?? [];
    v.merge(scaling.problems, "scaling");
    validateTags(v, args.tags);
    v.throwIfAny();

    const mixed =
        types !== undefined || spot !== undefined
            ? {
                  instanceTypes: types ?? [args.instanceType ?? DEFAULT_INSTANCE_TYPE],
                  onDemandBaseCapacity: spot ? (spot.onDemandBaseCapacity ?? 0) : 0,
                  onDemandPercentageAboveBaseCapacity: spot ? (spot.onDemandPercentageAboveBaseCapacity ?? 0) : 100,
                  spotAllocationStrategy: spot?.allocationStrategy ?? "price-capacity-optimized",
                  capacityRebalance: spot !== undefined,
              }
            : undefined;

    return {
        createSecurityGroup,
        instanceType: mixed ? undefined : (args.instanceType ?? DEFAULT_INSTANCE_TYPE),
        mixed,
        imageId: args.imageId,
        amiParameter: AL2023_PARAMETERS[arch],
        rootVolume: { type: volumeType, ...(args.rootVolume ? { sizeGb: args.rootVolume.sizeGb } : {}), ...(args.rootVolume?.iops !== undefined ? { iops: args.rootVolume.iops } : {}) },
        userData: args.userData,
        healthCheckType: args.healthCheckType ?? (hasTargetGroups ? "ELB" : "EC2"),
        healthCheckGracePeriodSeconds: args.healthCheckGracePeriodSeconds ?? 300,
        instanceRefresh: refreshOn
            ? {
                  minHealthyPercentage: minHealthy,
                  ...(ir?.maxHealthyPercentage !== undefined ? { maxHealthyPercentage: ir.maxHealthyPercentage } : {}),
                  ...(ir?.instanceWarmupSeconds !== undefined ? { instanceWarmupSeconds: ir.instanceWarmupSeconds } : {}),
              }
            : undefined,
        ignoreDesiredCapacity: hasDynamicScaling(args.scaling),
        ignoreChanges: [
            ...(hasDynamicScaling(args.scaling) ? (["desiredCapacity"] as const) : []),
            ...(schedules.some((s) => s.minCapacity !== undefined) ? (["minSize"] as const) : []),
            ...(schedules.some((s) => s.maxCapacity !== undefined) ? (["maxSize"] as const) : []),
        ],
        scaling,
        tags: defaultTags(name, args.tags),
    };
}
