import { input, int, type MutuallyAssignable, obj, planTime, tagsSchema, z } from "../../../src/core/shape";
import { autoScalingSchema } from "../../../src/scaling/schema";
import type { AutoScalingGroupArgs } from "./args";

/**
 * AWS limits the shape enforces, each with its source:
 * - instance types: "The maximum number of instance types that can be associated with an Auto
 *   Scaling group is 40" (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateOverrides.html);
 * - security groups per network interface: 5 by default, 16 at most
 *   (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups);
 * - inbound rules per security group: 60 by default (same page), so `allowFrom` groups × ports ≤ 60;
 * - target groups per Auto Scaling group: 100 (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-quotas.html);
 * - lifecycle hooks per Auto Scaling group: 50 (same page).
 */
export const ASG_LIST_LIMITS = {
    instanceTypes: 40,
    securityGroups: 16,
    inboundRules: 60,
    targetGroups: 100,
    lifecycleHooks: 50,
} as const;

const id = z.string().min(1);
const ids = (max: number) => input(z.array(input(id)).min(1).max(max));

const allowFromSchema = obj({
    securityGroupIds: z.array(input(id)).min(1).max(ASG_LIST_LIMITS.inboundRules),
    ports: z.array(int().min(1).max(65535)).min(1).max(ASG_LIST_LIMITS.inboundRules),
});

const spotSchema = obj({
    onDemandBaseCapacity: int().min(0).optional(),
    onDemandPercentageAboveBaseCapacity: int().min(0).max(100).optional(),
    allocationStrategy: z
        .enum(["price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price"])
        .optional(),
});

const rootVolumeSchema = obj({
    sizeGb: int(),
    type: z.enum(["gp3", "gp2", "io1", "io2"]).optional(),
    iops: int().optional(),
});

const instanceRefreshSchema = obj({
    enabled: z.boolean().optional(),
    minHealthyPercentage: int().min(0).max(100).optional(),
    maxHealthyPercentage: int().min(100).max(200).optional(),
    instanceWarmupSeconds: int().min(0).optional(),
});

const warmPoolSchema = obj({
    state: z.enum(["Stopped", "Running", "Hibernated"]).optional(),
    minSize: int().min(0).optional(),
    maxPreparedCapacity: int().min(0).optional(),
    reuseOnScaleIn: z.boolean().optional(),
});

const lifecycleHookSchema = obj({
    transition: z.enum(["launch", "terminate"]),
    heartbeatTimeoutSeconds: int().min(30).max(7200).optional(),
    defaultResult: z.enum(["CONTINUE", "ABANDON"]).optional(),
    metadata: z.string().max(1023).optional(),
    target: obj({ service: z.enum(["sns", "sqs"]), arn: input(id) }).optional(),
});

/** The runtime shape of {@link AutoScalingGroupArgs}. */
export const autoScalingGroupArgsSchema = obj({
    vpcId: input(id).optional(),
    subnetIds: input(z.array(input(id)).min(1)),
    securityGroupIds: ids(ASG_LIST_LIMITS.securityGroups).optional(),
    allowFrom: planTime(allowFromSchema, "each security group and port makes an ingress rule").optional(),
    instanceType: input(z.string()).optional(),
    instanceTypes: planTime(
        z.array(input(z.string())).min(1).max(ASG_LIST_LIMITS.instanceTypes),
        "the list decides whether the group has a mixed-instances policy",
    ).optional(),
    spot: spotSchema.optional(),
    imageId: input(id).optional(),
    userData: input(z.string()).optional(),
    rootVolume: rootVolumeSchema.optional(),
    autoScaling: planTime(
        autoScalingSchema,
        "the bounds and policies decide the group's size and its scaling children",
    ),
    desiredCapacity: int().min(0).optional(),
    targetGroupArns: input(z.array(input(id)).max(ASG_LIST_LIMITS.targetGroups)).optional(),
    healthCheckType: z.enum(["EC2", "ELB"]).optional(),
    healthCheckGracePeriodSeconds: int().min(0).optional(),
    protectFromScaleIn: z.boolean().optional(),
    instanceRefresh: instanceRefreshSchema.optional(),
    warmPool: planTime(warmPoolSchema, "a warm pool is a child of its own").optional(),
    lifecycleHooks: planTime(z.record(z.string(), lifecycleHookSchema), "each key names a lifecycle hook").optional(),
    tags: input(tagsSchema).optional(),
});

const drift: MutuallyAssignable<z.input<typeof autoScalingGroupArgsSchema>, AutoScalingGroupArgs> = true;
void drift;
