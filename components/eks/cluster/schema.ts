import { input, int, obj, planTime, tagsSchema, z } from "../../../src/core";
import { EKS_ACCESS_ENTRY_TYPES, EKS_ACCESS_POLICIES } from "./access";
import { EKS_ADDON_NAMES } from "./addons";

const str = z.string();

const taintSchema = obj({
    key: str,
    value: str.optional(),
    effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
});

const nodeGroupSchema = obj({
    // EKS CreateNodegroup instanceTypes; this library allows 1 to 20 (issue 6).
    instanceTypes: z.array(str).min(1).max(20),
    capacityType: z.enum(["ON_DEMAND", "SPOT"]).optional(),
    // EKS NodegroupScalingConfig: minSize >= 0, maxSize >= 1, desiredSize >= 0.
    minSize: int().min(0),
    maxSize: int().min(1),
    desiredSize: int().min(0).optional(),
    // gp3 volumes are 1 GiB to 16 TiB; the EKS-optimized AMI snapshots are 20 GiB, so less fails to launch.
    diskSizeGb: int().min(20).max(16384).optional(),
    labels: z.record(str, str).optional(),
    // At most 50 taints a node group (EKS user guide, "Recipe: Prevent pods from being scheduled").
    taints: z.array(taintSchema).max(50).optional(),
    // EKS NodegroupUpdateConfig.maxUnavailablePercentage: 1 to 100.
    maxUnavailablePercentage: int().min(1).max(100).optional(),
    amiType: str.optional(),
    // EC2 InstanceMetadataOptionsRequest.HttpPutResponseHopLimit: 1 to 64.
    metadataHopLimit: int().min(1).max(64).optional(),
    ssmAccess: z.boolean().optional(),
    addonPolicies: obj({ ebs: z.boolean().optional(), cloudWatch: z.boolean().optional() }).optional(),
    tags: z.record(str, str).optional(),
});

const addonSchema = obj({
    version: str.optional(),
    resolveConflictsOnCreate: z.enum(["NONE", "OVERWRITE"]).optional(),
    resolveConflictsOnUpdate: z.enum(["NONE", "OVERWRITE", "PRESERVE"]).optional(),
    configurationValues: z.union([str, z.record(str, z.unknown())]).optional(),
    iam: z.enum(["podIdentity", "irsa"]).optional(),
});

const fargateProfileSchema = obj({
    // 1 to 5 selectors a profile (EKS CreateFargateProfile).
    selectors: z
        .array(obj({ namespace: str, labels: z.record(str, str).optional() }))
        .min(1)
        .max(5),
});

const clusterAutoscalerSchema = obj({
    enabled: z.boolean().optional(),
    version: str.optional(),
    expander: str.optional(),
});

const apiAccessSchema = obj({
    privateEndpoint: z.boolean().optional(),
    // 60 inbound rules a security group by default; the planner checks the two lists together.
    privateAccessSecurityGroupIds: planTime(
        z.array(input(str)).max(59),
        "each security group is an ingress rule",
    ).optional(),
    privateAccessCidrs: planTime(z.array(str).max(59), "each CIDR block is an ingress rule").optional(),
    // "Public endpoint access CIDR ranges per cluster": 40, not adjustable (EKS service quotas).
    publicAccessCidrs: z.array(str).min(1).max(40).optional(),
    allowPublicEndpointFromAnywhere: z.boolean().optional(),
});

const accessSchema = obj({
    deployerPrincipalArn: input(str).optional(),
    entries: z
        .record(
            str,
            obj({
                principalArn: input(str),
                type: z.enum(EKS_ACCESS_ENTRY_TYPES).optional(),
                kubernetesGroups: z.array(str).optional(),
                username: str.optional(),
                policies: z
                    .array(obj({ policy: z.enum(EKS_ACCESS_POLICIES), namespaces: z.array(str).optional() }))
                    .optional(),
            }),
        )
        .optional(),
});

const karpenterSchema = obj({
    version: str.optional(),
    iam: z.enum(["podIdentity", "irsa"]).optional(),
    nodePool: obj({
        instanceCategories: z.array(str).min(1).optional(),
        instanceSizes: z.array(str).min(1).optional(),
        capacityTypes: z
            .array(z.enum(["on-demand", "spot", "reserved"]))
            .min(1)
            .optional(),
        architectures: z
            .array(z.enum(["amd64", "arm64"]))
            .min(1)
            .max(2)
            .optional(),
        limits: obj({ cpu: int().min(1).optional(), memory: str.optional() }).optional(),
        consolidationPolicy: z.enum(["WhenEmptyOrUnderutilized", "WhenEmpty"]).optional(),
        consolidateAfter: str.optional(),
        expireAfter: str.optional(),
    }).optional(),
    nodeClass: obj({
        amiFamily: z.enum(["AL2023", "Bottlerocket"]).optional(),
        amiVersion: str.optional(),
        // EC2 InstanceMetadataOptionsRequest.HttpPutResponseHopLimit: 1 to 64.
        metadataHopLimit: int().min(1).max(64).optional(),
        // gp3: up to 16 TiB; the EKS-optimized AMI snapshots are 20 GiB.
        volumeSizeGb: int().min(20).max(16384).optional(),
    }).optional(),
});

/** The shape of {@link EksClusterArgs}, checked before anything else (issue 19). */
export const eksClusterArgsSchema = obj({
    vpcId: input(str),
    privateSubnetIds: input(z.array(input(str))),
    publicSubnetIds: input(z.array(input(str))).optional(),
    clusterName: planTime(str, "it names the cluster and its log group, node role policies and tags").optional(),
    version: planTime(str, "it picks the cluster autoscaler release and add-on versions").optional(),
    apiAccess: planTime(apiAccessSchema, "each allowed security group and CIDR is a security group rule").optional(),
    access: planTime(accessSchema, "each entry and policy association is a resource").optional(),
    addons: planTime(
        z.partialRecord(z.enum(EKS_ADDON_NAMES), addonSchema),
        "each add-on is a resource, and some decide the node roles' policies",
    ).optional(),
    nodeGroups: planTime(z.record(str, nodeGroupSchema), "each key names a node group and its role").optional(),
    fargateProfiles: planTime(z.record(str, fargateProfileSchema), "each key names a Fargate profile").optional(),
    nodeAutoscaler: planTime(
        z.enum(["clusterAutoscaler", "karpenter"]),
        "it decides which autoscaler is installed",
    ).optional(),
    karpenter: planTime(karpenterSchema, "it decides Karpenter's resources").optional(),
    loadBalancerController: planTime(
        obj({
            version: str.optional(),
            iam: z.enum(["podIdentity", "irsa"]).optional(),
            replicas: int().min(1).optional(),
        }),
        "it decides whether the controller is installed",
    ).optional(),
    keda: planTime(
        obj({
            version: str.optional(),
            iam: z.enum(["podIdentity", "irsa"]).optional(),
            // IAM's Resource list has no fixed count, but a role's inline policies share 10,240 characters.
            sqsQueueArns: planTime(
                z.array(input(str)).max(100),
                "each queue is a Resource of the operator's policy",
            ).optional(),
        }),
        "it decides whether KEDA is installed",
    ).optional(),
    clusterAutoscaler: planTime(clusterAutoscalerSchema, "it decides whether the autoscaler is installed").optional(),
    logRetentionDays: int().optional(),
    deletionProtection: z.boolean().optional(),
    tags: input(tagsSchema).optional(),
});
