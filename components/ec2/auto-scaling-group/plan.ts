import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    checkShape,
    isKnown,
    joinPath,
    known,
    knownList,
    type PlanContext,
    type PolicyStatement,
    planTags,
    policyJson,
    type Tags,
    Validator,
    validateTags,
} from "../../../src/core";
import {
    checkCapacityOrder,
    type Ec2PolicyPlan,
    type Ec2SchedulePlan,
    hasDynamicScaling,
    type ScalingAlarmPlan,
    toEc2AutoScaling,
} from "../../../src/scaling";
import type { AutoScalingGroupArgs, RootVolumeType, SpotAllocationStrategy, WarmPoolState } from "./args";
import { ASG_LIST_LIMITS, autoScalingGroupArgsSchema } from "./schema";

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
/** At most 40 instance types per Auto Scaling group (see ./schema.ts). */
export const MAX_INSTANCE_TYPES = ASG_LIST_LIMITS.instanceTypes;
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
/** Lifecycle hook names: 1–255 of `[A-Za-z0-9\-_\/]` (PutLifecycleHook, LifecycleHookName). */
const HOOK_NAME = /^[A-Za-z0-9\-_/]{1,255}$/;
/** The AWS-managed policy the instance role carries: SSM Session Manager instead of SSH. */
export const SSM_CORE_POLICY = "AmazonSSMManagedInstanceCore";
/** The group-level metrics published every minute. */
const ENABLED_METRICS: aws.types.enums.autoscaling.Metric[] = [
    "GroupMinSize",
    "GroupMaxSize",
    "GroupDesiredCapacity",
    "GroupInServiceInstances",
    "GroupPendingInstances",
    "GroupTerminatingInstances",
    "GroupTotalInstances",
];

/** The group's tags, propagated to its instances at launch. */
function groupTags(
    tags: pulumi.Input<Tags>,
): pulumi.Input<{ key: string; value: pulumi.Input<string>; propagateAtLaunch: boolean }[]> {
    const list = (t: Tags) => Object.entries(t).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
    return isKnown(tags) ? list(tags) : pulumi.output(tags).apply(list);
}

/** An EC2 instance type's syntax: family and size, `m5.large`, `c6gn.16xlarge`, `u-6tb1.metal`. */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** Graviton (arm64) families have a `g` right after the generation number: t4g, m7g, c6gn, x2gd, im4gn. */
export function architectureOf(instanceType: string): "arm64" | "x86_64" {
    return /^[a-z]+\d+g[a-z-]*\./.test(instanceType) ? "arm64" : "x86_64";
}

/** One keyed child: a stable name suffix and its final inputs. */
export interface Keyed<A> {
    key: string;
    args: A;
}

/** A security-group rule's inputs; the component adds `securityGroupId` (or the source group, where it is its own). */
export interface PlannedRule {
    ipProtocol: string;
    fromPort?: number;
    toPort?: number;
    cidrIpv4?: string;
    referencedSecurityGroupId?: pulumi.Input<string>;
    description: string;
    tags: pulumi.Input<Tags>;
}

/** A step alarm; the component adds `alarmActions` and, when `resourceDimension` is set, that dimension's value. */
export interface PlannedAlarm extends ScalingAlarmPlan {
    /**
     * The dimension that names the scaled resource (`AutoScalingGroupName`, ECS's `ServiceName`),
     * whose value is the resource's name: known at deploy time only, so the component adds it.
     */
    resourceDimension?: string;
}

/** A lifecycle hook as `initialLifecycleHooks` takes it; the component adds `roleArn` when `role` is set. */
export interface PlannedLifecycleHook {
    name: string;
    lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING" | "autoscaling:EC2_INSTANCE_TERMINATING";
    heartbeatTimeout: number;
    defaultResult: "CONTINUE" | "ABANDON";
    notificationMetadata?: string;
    notificationTargetArn?: pulumi.Input<string>;
}

/**
 * What {@link AutoScalingGroup} creates: the final inputs of every child. The component adds only
 * Outputs: ids and ARNs of its other children, the AMI and partition it looks up, and the group's
 * name where children refer to it.
 */
export interface AutoScalingGroupPlan {
    /** The instance role (complete). */
    role: { description: string; assumeRolePolicy: string; tags: pulumi.Input<Tags> };
    /** The managed policy attached to the role; the component writes its ARN in the provider's partition. */
    managedPolicies: string[];
    /** The instance profile; the component adds `role`. */
    instanceProfile: { tags: pulumi.Input<Tags> };
    /** The security group, when the component creates it; undefined with `securityGroupIds`. */
    securityGroup?: { vpcId: pulumi.Input<string>; description: string; tags: pulumi.Input<Tags> };
    /** The all-egress rule of the created security group. */
    egressRule?: PlannedRule;
    /** `allowFrom`'s ingress rules, one per security group and port. */
    ingressRules: Keyed<PlannedRule>[];
    /** The given security groups, when none is created. */
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** The public SSM parameter the AMI is read from; undefined when `imageId` is given. */
    amiParameter?: string;
    /** User data known only at deploy time: the component base64-encodes it. */
    userDataToEncode?: pulumi.Input<string>;
    /**
     * The launch template. The component adds `imageId` (unless given), `iamInstanceProfile`, the
     * created security group on the network interface, and the root device name of a given image.
     */
    launchTemplate: {
        description: string;
        imageId?: pulumi.Input<string>;
        instanceType?: pulumi.Input<string>;
        userData?: string;
        metadataOptions: { httpEndpoint: "enabled"; httpTokens: "required"; httpPutResponseHopLimit: number };
        monitoring: { enabled: boolean };
        networkInterfaces: {
            deviceIndex: number;
            associatePublicIpAddress: "false";
            deleteOnTermination: "true";
            securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
        }[];
        blockDeviceMappings: {
            deviceName?: string;
            ebs: {
                volumeType: RootVolumeType;
                volumeSize?: number;
                iops?: number;
                encrypted: "true";
                deleteOnTermination: "true";
            };
        }[];
        tagSpecifications: { resourceType: string; tags: pulumi.Input<Tags> }[];
        updateDefaultVersion: boolean;
        tags: pulumi.Input<Tags>;
    };
    /**
     * The group. The component adds the launch template reference (`launchTemplate`, or
     * `mixedInstancesPolicy.launchTemplate.launchTemplateSpecification`) and the hooks' `roleArn`.
     */
    group: {
        vpcZoneIdentifiers: pulumi.Input<pulumi.Input<string>[]>;
        minSize: number;
        maxSize: number;
        desiredCapacity?: number;
        mixedInstancesPolicy?: {
            instancesDistribution: {
                onDemandBaseCapacity: number;
                onDemandPercentageAboveBaseCapacity: number;
                spotAllocationStrategy: SpotAllocationStrategy;
            };
            launchTemplate: { overrides: { instanceType: pulumi.Input<string> }[] };
        };
        capacityRebalance?: boolean;
        targetGroupArns?: pulumi.Input<pulumi.Input<string>[]>;
        healthCheckType: "EC2" | "ELB";
        healthCheckGracePeriod: number;
        protectFromScaleIn?: boolean;
        instanceRefresh?: {
            strategy: "Rolling";
            preferences: { minHealthyPercentage: number; maxHealthyPercentage?: number; instanceWarmup?: string };
        };
        warmPool?: {
            poolState: WarmPoolState;
            minSize: number;
            maxGroupPreparedCapacity?: number;
            instanceReusePolicy: { reuseOnScaleIn: boolean };
        };
        initialLifecycleHooks?: PlannedLifecycleHook[];
        metricsGranularity: "1Minute";
        enabledMetrics: aws.types.enums.autoscaling.Metric[];
        tags: pulumi.Input<{ key: string; value: pulumi.Input<string>; propagateAtLaunch: boolean }[]>;
    };
    /**
     * The group's `ignoreChanges`: `desiredCapacity` when anything scales the group, and `minSize`
     * / `maxSize` when a scheduled action sets them (the schedules own them from then on, so
     * `pulumi up` in the middle of a scheduled window does not put them back).
     */
    ignoreChanges: ("desiredCapacity" | "minSize" | "maxSize")[];
    /** The role lifecycle hooks with an SNS/SQS target use; undefined without such hooks. */
    hookRole?: { description: string; assumeRolePolicy: string; tags: pulumi.Input<Tags> };
    /** The hook role's inline policy statements; the component adds nothing (the targets' ARNs are in them). */
    hookTargets: { service: "sns" | "sqs"; arn: pulumi.Input<string> }[];
    /** Scaling policies; the component adds `autoscalingGroupName`. */
    policies: Ec2PolicyPlan[];
    /** Step alarms; see {@link PlannedAlarm}. */
    alarms: PlannedAlarm[];
    /** Scheduled actions; the component adds `autoscalingGroupName`. */
    scheduledActions: Ec2SchedulePlan[];
    /** Tags for every child. */
    tags: pulumi.Input<Tags>;
}

const TRUST_EC2 = policyJson([
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
]);
const TRUST_AUTOSCALING = policyJson([
    { Effect: "Allow", Principal: { Service: "autoscaling.amazonaws.com" }, Action: "sts:AssumeRole" },
]);

/** The statements of the hook role's policy: publish to exactly the hooks' targets. */
export function hookTargetStatements(targets: { service: "sns" | "sqs"; arn: string }[]): PolicyStatement[] {
    const of = (service: "sns" | "sqs") =>
        [...new Set(targets.filter((t) => t.service === service).map((t) => t.arn))].sort();
    const out: PolicyStatement[] = [];
    const topics = of("sns");
    const queues = of("sqs");
    if (topics.length > 0)
        out.push({ Sid: "PublishLifecycleEvents", Effect: "Allow", Action: "sns:Publish", Resource: topics });
    if (queues.length > 0) {
        out.push({
            Sid: "SendLifecycleEvents",
            Effect: "Allow",
            Action: ["sqs:SendMessage", "sqs:GetQueueUrl"],
            Resource: queues,
        });
    }
    return out;
}

/**
 * Applies the defaults to an {@link AutoScalingGroupArgs}, checks its shape, AWS's limits and its
 * own rules, and returns the final inputs of every child. Throws one `InputPropertiesError`
 * listing every problem. Pure: no Pulumi resources, no Outputs.
 */
export function planAutoScalingGroup(name: string, args: AutoScalingGroupArgs, ctx: PlanContext): AutoScalingGroupPlan {
    void ctx;
    const v = new Validator(`AutoScalingGroup "${name}"`);
    const ok = checkShape(v, autoScalingGroupArgsSchema, args);
    const plan = v.attempt(ok, () => planChecked(v, name, args));
    v.throwIfAny();
    return plan as AutoScalingGroupPlan;
}

function planChecked(v: Validator, name: string, args: AutoScalingGroupArgs): AutoScalingGroupPlan {
    const tags = planTags(name, args.tags);
    const scalingArgs = args.autoScaling;

    // Placement and the security group.
    const createSecurityGroup = args.securityGroupIds === undefined;
    if (createSecurityGroup && (args.vpcId === undefined || args.vpcId === "")) {
        v.add(
            "vpcId",
            "is required when securityGroupIds is absent: the component creates the instances' security group in this VPC",
        );
    }
    const allow = args.allowFrom;
    if (allow && !createSecurityGroup) {
        v.add(
            "allowFrom",
            "applies to the security group the component creates; with securityGroupIds, add the rules to your own groups",
        );
    }
    if (allow && allow.securityGroupIds.length * allow.ports.length > ASG_LIST_LIMITS.inboundRules) {
        v.add(
            "allowFrom",
            `makes ${allow.securityGroupIds.length * allow.ports.length} ingress rules (groups × ports); a security group has at most ${ASG_LIST_LIMITS.inboundRules} inbound rules`,
        );
    }
    if (allow)
        v.unique(
            allow.ports.map((p, i) => ({ value: p, path: joinPath("allowFrom.ports", i) })),
            "port",
        );

    // Capacity: the group's bounds are autoScaling.min / max.
    v.min(scalingArgs.max, "autoScaling.max", 1);
    checkCapacityOrder(
        v,
        { min: scalingArgs.min, max: scalingArgs.max, desired: args.desiredCapacity },
        { min: "autoScaling.min", max: "autoScaling.max", desired: "desiredCapacity" },
        { min: "autoScaling.min", max: "autoScaling.max", desired: "desiredCapacity" },
    );

    // Instances.
    if (args.instanceType !== undefined && args.instanceTypes !== undefined) {
        v.add(
            "instanceTypes",
            "give either instanceType (one type) or instanceTypes (a mixed-instances group), not both",
        );
    }
    const types = args.instanceTypes;
    if (types !== undefined) {
        v.unique(
            types.map((t, i) => ({ value: known(t), path: joinPath("instanceTypes", i) })),
            "instance type",
        );
        types.forEach((t, i) => {
            if (isKnown(t) && !INSTANCE_TYPE.test(t)) {
                v.add(
                    joinPath("instanceTypes", i),
                    `must be an EC2 instance type such as "m5.large" (got ${JSON.stringify(t)})`,
                );
            }
        });
    }
    if (isKnown(args.instanceType) && !INSTANCE_TYPE.test(args.instanceType)) {
        v.add(
            "instanceType",
            `must be an EC2 instance type such as "t3.medium" (got ${JSON.stringify(args.instanceType)})`,
        );
    }
    const knownTypes = (types ?? [args.instanceType ?? DEFAULT_INSTANCE_TYPE])
        .map((t) => known(t))
        .filter((t): t is string => t !== undefined);
    const arches = new Set(knownTypes.map(architectureOf));
    if (arches.size > 1) {
        v.add(
            "instanceTypes",
            `must share one CPU architecture, since the group has one image (got both arm64 and x86_64: ${knownTypes.join(", ")})`,
        );
    }
    const arch = arches.size === 1 ? [...arches][0] : "x86_64";
    const spot = args.spot;

    // Image, volume, user data.
    const rv = args.rootVolume;
    const volumeType = rv?.type ?? "gp3";
    if (rv) {
        const bounds = ROOT_VOLUME_SIZES[volumeType];
        const min = args.imageId === undefined ? Math.max(bounds[0], AL2023_ROOT_SNAPSHOT_GIB) : bounds[0];
        const why = min > bounds[0] ? " with the default Amazon Linux 2023 image (8 GiB snapshot)" : "";
        v.range(rv.sizeGb, "rootVolume.sizeGb", min, bounds[1], { unit: `GiB for ${volumeType}${why}` });
        if ((volumeType === "io1" || volumeType === "io2") && rv.iops === undefined)
            v.add("rootVolume.iops", `is required for ${volumeType} volumes: give the provisioned IOPS`);
        if (volumeType === "gp2" && rv.iops !== undefined)
            v.add(
                "rootVolume.iops",
                "gp2 volumes take no provisioned IOPS (their IOPS follow the size); remove it or use gp3",
            );
        // Minimum provisioned IOPS: gp3 3,000, io1/io2 100 (EBS volume types).
        if (rv.iops !== undefined) v.min(rv.iops, "rootVolume.iops", volumeType === "gp3" ? 3000 : 100);
    }
    const userData = args.userData;
    if (isKnown(userData) && Buffer.byteLength(userData, "utf8") > MAX_USER_DATA_BYTES) {
        v.add(
            "userData",
            `must be at most 16 KB before base64 encoding (got ${Buffer.byteLength(userData, "utf8")} bytes); fetch larger scripts from S3`,
        );
    }

    // Instance refresh: max − min ≤ 100 (RefreshPreferences).
    // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html
    const ir = args.instanceRefresh;
    const minHealthy = ir?.minHealthyPercentage ?? 90;
    if (ir?.maxHealthyPercentage !== undefined && ir.maxHealthyPercentage - minHealthy > 100) {
        v.add(
            "instanceRefresh.maxHealthyPercentage",
            `must be at most minHealthyPercentage + 100 = ${minHealthy + 100} (got ${ir.maxHealthyPercentage})`,
        );
        if (ir.minHealthyPercentage !== undefined) {
            v.add(
                "instanceRefresh.minHealthyPercentage",
                `must be at least maxHealthyPercentage - 100 = ${ir.maxHealthyPercentage - 100} (got ${minHealthy})`,
            );
        }
    }

    const warmPool = planWarmPool(v, args);
    const hooks = planLifecycleHooks(v, args);

    // Scaling, translated once: the alarms in AWS/EC2 that give no dimensions get the group's
    // name, which the component adds (`resourceDimension`).
    const groupDimensions: Record<string, pulumi.Input<string>> = {};
    const scaling = toEc2AutoScaling(scalingArgs, { alarmDimensions: groupDimensions });
    v.merge(scaling.problems, "autoScaling");
    validateTags(v, known(args.tags));

    const targetGroups = knownList(args.targetGroupArns);
    const hasTargetGroups =
        args.targetGroupArns !== undefined && (targetGroups === undefined || targetGroups.length > 0);
    const schedules = scalingArgs.schedules ?? [];
    const mixed = types !== undefined || spot !== undefined;
    const securityGroup = createSecurityGroup
        ? {
              vpcId: args.vpcId as pulumi.Input<string>,
              description: `Instances of ${name} (compute-layer): no ingress unless added`,
              tags,
          }
        : undefined;

    return {
        role: { description: `EC2 instances of ${name} (compute-layer)`, assumeRolePolicy: TRUST_EC2, tags },
        managedPolicies: [SSM_CORE_POLICY],
        instanceProfile: { tags },
        securityGroup,
        egressRule: securityGroup
            ? { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "All outbound traffic", tags }
            : undefined,
        ingressRules:
            allow && createSecurityGroup
                ? allow.securityGroupIds.flatMap((source, i) =>
                      allow.ports.map((port) => ({
                          key: `from-${i}-tcp-${port}`,
                          args: {
                              referencedSecurityGroupId: source,
                              ipProtocol: "tcp",
                              fromPort: port,
                              toPort: port,
                              description: `tcp/${port} from allowFrom.securityGroupIds[${i}]`,
                              tags,
                          },
                      })),
                  )
                : [],
        securityGroupIds: createSecurityGroup ? undefined : args.securityGroupIds,
        amiParameter: args.imageId === undefined ? AL2023_PARAMETERS[arch] : undefined,
        userDataToEncode: userData !== undefined && !isKnown(userData) ? userData : undefined,
        launchTemplate: {
            description: `Launch template of ${name} (compute-layer)`,
            ...(args.imageId !== undefined ? { imageId: args.imageId } : {}),
            ...(mixed ? {} : { instanceType: args.instanceType ?? DEFAULT_INSTANCE_TYPE }),
            ...(isKnown(userData) ? { userData: Buffer.from(userData, "utf8").toString("base64") } : {}),
            // IMDSv2 only; hop limit 1 keeps the credentials away from containers on the host.
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            monitoring: { enabled: true },
            networkInterfaces: [
                {
                    deviceIndex: 0,
                    associatePublicIpAddress: "false",
                    deleteOnTermination: "true",
                    ...(createSecurityGroup ? {} : { securityGroups: args.securityGroupIds }),
                },
            ],
            blockDeviceMappings: [
                {
                    ...(args.imageId === undefined ? { deviceName: AL2023_ROOT_DEVICE } : {}),
                    ebs: {
                        volumeType,
                        ...(rv ? { volumeSize: rv.sizeGb } : {}),
                        ...(rv?.iops !== undefined ? { iops: rv.iops } : {}),
                        encrypted: "true",
                        deleteOnTermination: "true",
                    },
                },
            ],
            tagSpecifications: [{ resourceType: "volume", tags }],
            updateDefaultVersion: true,
            tags,
        },
        group: {
            vpcZoneIdentifiers: args.subnetIds,
            minSize: scalingArgs.min,
            maxSize: scalingArgs.max,
            ...(args.desiredCapacity !== undefined ? { desiredCapacity: args.desiredCapacity } : {}),
            ...(mixed
                ? {
                      mixedInstancesPolicy: {
                          instancesDistribution: {
                              onDemandBaseCapacity: spot?.onDemandBaseCapacity ?? 0,
                              onDemandPercentageAboveBaseCapacity: spot
                                  ? (spot.onDemandPercentageAboveBaseCapacity ?? 0)
                                  : 100,
                              spotAllocationStrategy: spot?.allocationStrategy ?? "price-capacity-optimized",
                          },
                          launchTemplate: {
                              overrides: (types ?? [args.instanceType ?? DEFAULT_INSTANCE_TYPE]).map(
                                  (instanceType) => ({ instanceType }),
                              ),
                          },
                      },
                      // On for Spot: replace instances at elevated interruption risk before they are interrupted.
                      capacityRebalance: spot !== undefined,
                  }
                : {}),
            ...(args.targetGroupArns !== undefined ? { targetGroupArns: args.targetGroupArns } : {}),
            healthCheckType: args.healthCheckType ?? (hasTargetGroups ? "ELB" : "EC2"),
            healthCheckGracePeriod: args.healthCheckGracePeriodSeconds ?? 300,
            ...(args.protectFromScaleIn ? { protectFromScaleIn: true } : {}),
            ...((ir?.enabled ?? true)
                ? {
                      instanceRefresh: {
                          strategy: "Rolling" as const,
                          preferences: {
                              minHealthyPercentage: minHealthy,
                              ...(ir?.maxHealthyPercentage !== undefined
                                  ? { maxHealthyPercentage: ir.maxHealthyPercentage }
                                  : {}),
                              // The provider takes the warm-up as a string.
                              ...(ir?.instanceWarmupSeconds !== undefined
                                  ? { instanceWarmup: String(ir.instanceWarmupSeconds) }
                                  : {}),
                          },
                      },
                  }
                : {}),
            ...(warmPool ? { warmPool } : {}),
            ...(hooks.length > 0 ? { initialLifecycleHooks: hooks } : {}),
            metricsGranularity: "1Minute",
            enabledMetrics: [...ENABLED_METRICS],
            tags: groupTags(tags),
        },
        ignoreChanges: [
            ...(hasDynamicScaling(scalingArgs) ? (["desiredCapacity"] as const) : []),
            ...(schedules.some((s) => s.minCapacity !== undefined) ? (["minSize"] as const) : []),
            ...(schedules.some((s) => s.maxCapacity !== undefined) ? (["maxSize"] as const) : []),
        ],
        ...planHookRole(name, args, tags),
        policies: scaling.policies,
        alarms: scaling.alarms.map((a) =>
            a.args.dimensions === groupDimensions
                ? { ...a, args: { ...a.args, dimensions: {}, tags }, resourceDimension: "AutoScalingGroupName" }
                : { ...a, args: { ...a.args, tags } },
        ),
        scheduledActions: scaling.scheduledActions,
        tags,
    };
}

/**
 * The warm pool. AWS refuses one on a group with a mixed instances policy or Spot Instances
 * (PutWarmPool: "cannot be called on an Auto Scaling group that has a mixed instances policy or a
 * launch template … that requests Spot Instances").
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutWarmPool.html
 */
function planWarmPool(v: Validator, args: AutoScalingGroupArgs): AutoScalingGroupPlan["group"]["warmPool"] {
    const w = args.warmPool;
    if (!w) return undefined;
    if (args.instanceTypes !== undefined || args.spot !== undefined) {
        v.add(
            "warmPool",
            "AWS doesn't allow a warm pool on a group with a mixed instances policy or Spot Instances; remove instanceTypes and spot, or the warm pool",
        );
    }
    const minSize = w.minSize ?? 0;
    if (w.maxPreparedCapacity !== undefined) {
        if (w.maxPreparedCapacity < minSize) {
            v.add(
                "warmPool.maxPreparedCapacity",
                `must be at least warmPool.minSize ${minSize} (got ${w.maxPreparedCapacity})`,
            );
            v.add(
                "warmPool.minSize",
                `must be at most warmPool.maxPreparedCapacity ${w.maxPreparedCapacity} (got ${minSize})`,
            );
        }
        if (w.maxPreparedCapacity < args.autoScaling.min) {
            v.add(
                "warmPool.maxPreparedCapacity",
                `must be at least the group's autoScaling.min ${args.autoScaling.min} (got ${w.maxPreparedCapacity})`,
            );
        }
    }
    return {
        poolState: w.state ?? "Stopped",
        minSize,
        ...(w.maxPreparedCapacity !== undefined ? { maxGroupPreparedCapacity: w.maxPreparedCapacity } : {}),
        instanceReusePolicy: { reuseOnScaleIn: w.reuseOnScaleIn ?? false },
    };
}

const TRANSITIONS = {
    launch: "autoscaling:EC2_INSTANCE_LAUNCHING",
    terminate: "autoscaling:EC2_INSTANCE_TERMINATING",
} as const;

/** Lifecycle hooks, at most 50 a group (EC2 Auto Scaling quotas). */
function planLifecycleHooks(v: Validator, args: AutoScalingGroupArgs): PlannedLifecycleHook[] {
    const entries = Object.entries(args.lifecycleHooks ?? {});
    if (entries.length > ASG_LIST_LIMITS.lifecycleHooks) {
        v.add(
            "lifecycleHooks",
            `must have at most ${ASG_LIST_LIMITS.lifecycleHooks} hooks, AWS's limit per group (got ${entries.length})`,
        );
    }
    return entries.map(([hookName, h]) => {
        if (!HOOK_NAME.test(hookName)) {
            v.add(
                joinPath("lifecycleHooks", hookName),
                `hook names must be 1–255 letters, digits, "-", "_" or "/" (got ${JSON.stringify(hookName)})`,
            );
        }
        const arn = h.target ? known(h.target.arn) : undefined;
        if (h.target && arn !== undefined && arn.split(":")[2] !== h.target.service) {
            v.add(
                joinPath("lifecycleHooks", hookName, "target", "arn"),
                `must be an ${h.target.service.toUpperCase()} ARN (arn:aws:${h.target.service}:<region>:<account>:<name>) (got ${JSON.stringify(arn)})`,
            );
        }
        return {
            name: hookName,
            lifecycleTransition: TRANSITIONS[h.transition],
            heartbeatTimeout: h.heartbeatTimeoutSeconds ?? 3600,
            defaultResult: h.defaultResult ?? "ABANDON",
            ...(h.metadata !== undefined ? { notificationMetadata: h.metadata } : {}),
            ...(h.target ? { notificationTargetArn: h.target.arn } : {}),
        };
    });
}

function planHookRole(
    name: string,
    args: AutoScalingGroupArgs,
    tags: pulumi.Input<Tags>,
): Pick<AutoScalingGroupPlan, "hookRole" | "hookTargets"> {
    const hookTargets = Object.values(args.lifecycleHooks ?? {}).flatMap((h) =>
        h.target ? [{ service: h.target.service, arn: h.target.arn }] : [],
    );
    if (hookTargets.length === 0) return { hookTargets };
    return {
        hookRole: {
            description: `Auto Scaling lifecycle notifications of ${name} (compute-layer)`,
            assumeRolePolicy: TRUST_AUTOSCALING,
            tags,
        },
        hookTargets,
    };
}
