import { joinPath, physicalName, type Validator } from "../../../src/core";
import {
    AWS_REFS,
    managedPolicyArn,
    type PolicyDocument,
    type PolicyStatement,
    policyDocument,
    ref,
    serviceAccountRole,
} from "../shared";
import type { EksKarpenterArgs } from "./args";

/**
 * The pinned Karpenter release: controller, Helm chart and CRDs. Its IAM below is the one the
 * Karpenter docs publish for it (website/content/en/v1.13/getting-started/getting-started-with-karpenter/
 * cloudformation.yaml in aws/karpenter-provider-aws; "export KARPENTER_VERSION=1.13.0").
 */
export const KARPENTER_VERSION = "1.13.0";
/** The chart, from Karpenter's public ECR registry. */
export const KARPENTER_CHART = "oci://public.ecr.aws/karpenter/karpenter";
export const KARPENTER_NAMESPACE = "kube-system";
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";

/** Deploy-time references the Karpenter plan uses, filled by the component. */
export const KARPENTER_REFS = {
    nodeRoleArn: ref("karpenterNodeRoleArn"),
    queueArn: ref("karpenterQueueArn"),
    controllerRoleArn: ref("karpenterControllerRoleArn"),
    clusterSecurityGroupId: ref("clusterSecurityGroupId"),
} as const;

/** `^(([0-9]+(s|m|h))+|Never)$`: Karpenter's duration pattern (NodePool CRD). */
const DURATION = /^(([0-9]+(s|m|h))+|Never)$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$/;
const INSTANCE_CATEGORY = /^[a-z]+$/;
const INSTANCE_SIZE = /^(nano|micro|small|medium|large|[0-9]*xlarge|metal(-[0-9]+xl)?)$/;
const AMI_VERSION = /^(latest|v[0-9][0-9.]*)$/;

/** A custom resource's final inputs. */
export interface CustomObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; labels?: Record<string, string> };
    spec: Record<string, unknown>;
}

/** Karpenter: its AWS side, Helm release and default NodePool / EC2NodeClass, as final inputs. */
export interface KarpenterPlan {
    version: string;
    binding: "podIdentity" | "irsa";
    nodeRole: {
        name: string;
        description: string;
        assumeRolePolicy: PolicyDocument;
        policyArns: Record<string, string>;
    };
    controllerRole: { description: string; assumeRolePolicy: PolicyDocument };
    /** The controller's inline policies, by name, as the Karpenter docs split them. */
    controllerPolicies: Record<string, PolicyDocument>;
    queue: { name: string; messageRetentionSeconds: number; sqsManagedSseEnabled: true };
    queuePolicy: PolicyDocument;
    /** EventBridge rules that feed the interruption queue, by short name. */
    rules: Record<string, { description: string; eventPattern: string }>;
    release: {
        chart: string;
        version: string;
        namespace: string;
        values: Record<string, unknown>;
    };
    /** The EC2NodeClass; the component adds the private subnets as `spec.subnetSelectorTerms`. */
    nodeClass: CustomObject;
    nodePool: CustomObject;
}

/** Checks `karpenter` and renders Karpenter for the cluster. */
export function planKarpenter(
    v: Validator,
    k: EksKarpenterArgs,
    clusterName: string,
    opts: { hasPodIdentityAgent: boolean; cniOnNodeRole: boolean },
): KarpenterPlan {
    const p = (...rest: (string | number)[]) => joinPath("karpenter", ...rest);
    const version = k.version ?? KARPENTER_VERSION;
    if (version !== KARPENTER_VERSION) {
        v.add(
            p("version"),
            `must be "${KARPENTER_VERSION}": the controller's IAM here is the one documented for that release (got ${JSON.stringify(version)})`,
        );
    }
    const { binding, role: controllerRole } = serviceAccountRole(v, p("iam"), {
        iam: k.iam,
        hasPodIdentityAgent: opts.hasPodIdentityAgent,
        clusterName,
        namespace: KARPENTER_NAMESPACE,
        serviceAccount: KARPENTER_SERVICE_ACCOUNT,
        of: "the Karpenter controller",
    });

    const pool = k.nodePool ?? {};
    const categories = pool.instanceCategories ?? ["c", "m", "r"];
    categories.forEach((c, i) => {
        if (!INSTANCE_CATEGORY.test(c))
            v.add(
                p("nodePool", "instanceCategories", i),
                `must be an EC2 instance category such as "c", "m" or "r" (got ${JSON.stringify(c)})`,
            );
    });
    (pool.instanceSizes ?? []).forEach((s, i) => {
        if (!INSTANCE_SIZE.test(s))
            v.add(
                p("nodePool", "instanceSizes", i),
                `must be an EC2 instance size such as "large", "2xlarge" or "metal" (got ${JSON.stringify(s)})`,
            );
    });
    const capacityTypes = pool.capacityTypes ?? ["on-demand"];
    v.unique(
        capacityTypes.map((c, i) => ({ value: c, path: p("nodePool", "capacityTypes", i) })),
        "capacity type",
    );
    const architectures = pool.architectures ?? ["amd64"];
    for (const [field, value] of [
        ["consolidateAfter", pool.consolidateAfter],
        ["expireAfter", pool.expireAfter],
    ] as const) {
        if (value !== undefined && !DURATION.test(value)) {
            v.add(
                p("nodePool", field),
                `must be a duration such as "30s", "1m" or "720h", or "Never" (got ${JSON.stringify(value)})`,
            );
        }
    }
    if (pool.limits?.memory !== undefined && !QUANTITY.test(pool.limits.memory)) {
        v.add(
            p("nodePool", "limits", "memory"),
            `must be a Kubernetes quantity such as "1000Gi" (got ${JSON.stringify(pool.limits.memory)})`,
        );
    }
    const nodeClass = k.nodeClass ?? {};
    const amiFamily = nodeClass.amiFamily ?? "AL2023";
    const amiVersion = nodeClass.amiVersion ?? "latest";
    if (!AMI_VERSION.test(amiVersion)) {
        v.add(
            p("nodeClass", "amiVersion"),
            `must be "latest" or a release such as "v20251120" (AL2023) or "v1.30.0" (Bottlerocket) (got ${JSON.stringify(amiVersion)})`,
        );
    }

    const { partition, region, accountId } = AWS_REFS;
    const arn = (service: string, resource: string, account = "*") =>
        `arn:${partition}:${service}:${region}:${account}:${resource}`;
    const ec2 = (resource: string) => arn("ec2", resource);
    const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: "owned" };
    const requestOwned = {
        [`aws:RequestTag/kubernetes.io/cluster/${clusterName}`]: "owned",
        "aws:RequestTag/eks:eks-cluster-name": clusterName,
    };
    const launched = [
        ec2("fleet/*"),
        ec2("instance/*"),
        ec2("volume/*"),
        ec2("network-interface/*"),
        ec2("launch-template/*"),
        ec2("spot-instances-request/*"),
    ];
    const instanceProfile = `arn:${partition}:iam::${accountId}:instance-profile/*`;
    const clusterArn = arn("eks", `cluster/${clusterName}`, accountId);
    const s = (statement: PolicyStatement): PolicyStatement => statement;
    // The controller's permissions, statement for statement as the v1.13 CloudFormation template
    // publishes them (its six managed policies become six inline policies of the controller role).
    const controllerPolicies: Record<string, PolicyDocument> = {
        "node-lifecycle": policyDocument([
            s({
                Sid: "AllowScopedEC2InstanceAccessActions",
                Effect: "Allow",
                Resource: [
                    `arn:${partition}:ec2:${region}::image/*`,
                    `arn:${partition}:ec2:${region}::snapshot/*`,
                    ec2("security-group/*"),
                    ec2("subnet/*"),
                    ec2("capacity-reservation/*"),
                    ec2("placement-group/*"),
                ],
                Action: ["ec2:RunInstances", "ec2:CreateFleet"],
            }),
            s({
                Sid: "AllowScopedEC2LaunchTemplateAccessActions",
                Effect: "Allow",
                Resource: ec2("launch-template/*"),
                Action: ["ec2:RunInstances", "ec2:CreateFleet"],
                Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
            }),
            s({
                Sid: "AllowScopedEC2InstanceActionsWithTags",
                Effect: "Allow",
                Resource: launched,
                Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
                Condition: { StringEquals: requestOwned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
            }),
            s({
                Sid: "AllowScopedResourceCreationTagging",
                Effect: "Allow",
                Resource: launched,
                Action: "ec2:CreateTags",
                Condition: {
                    StringEquals: {
                        ...requestOwned,
                        "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
                    },
                    StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
                },
            }),
            s({
                Sid: "AllowScopedResourceTagging",
                Effect: "Allow",
                Resource: ec2("instance/*"),
                Action: "ec2:CreateTags",
                Condition: {
                    StringEquals: owned,
                    StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
                    StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": clusterName },
                    "ForAllValues:StringEquals": {
                        "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"],
                    },
                },
            }),
            s({
                Sid: "AllowScopedDeletion",
                Effect: "Allow",
                Resource: [ec2("instance/*"), ec2("launch-template/*")],
                Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
                Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
            }),
        ]),
        "iam-integration": policyDocument([
            s({
                Sid: "AllowPassingInstanceRole",
                Effect: "Allow",
                Resource: KARPENTER_REFS.nodeRoleArn,
                Action: "iam:PassRole",
                Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
            }),
            s({
                Sid: "AllowScopedInstanceProfileCreationActions",
                Effect: "Allow",
                Resource: instanceProfile,
                Action: ["iam:CreateInstanceProfile"],
                Condition: {
                    StringEquals: { ...requestOwned, "aws:RequestTag/topology.kubernetes.io/region": region },
                    StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
                },
            }),
            s({
                Sid: "AllowScopedInstanceProfileTagActions",
                Effect: "Allow",
                Resource: instanceProfile,
                Action: ["iam:TagInstanceProfile"],
                Condition: {
                    StringEquals: {
                        ...owned,
                        "aws:ResourceTag/topology.kubernetes.io/region": region,
                        ...requestOwned,
                        "aws:RequestTag/topology.kubernetes.io/region": region,
                    },
                    StringLike: {
                        "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*",
                        "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*",
                    },
                },
            }),
            s({
                Sid: "AllowScopedInstanceProfileActions",
                Effect: "Allow",
                Resource: instanceProfile,
                Action: [
                    "iam:AddRoleToInstanceProfile",
                    "iam:RemoveRoleFromInstanceProfile",
                    "iam:DeleteInstanceProfile",
                ],
                Condition: {
                    StringEquals: { ...owned, "aws:ResourceTag/topology.kubernetes.io/region": region },
                    StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
                },
            }),
        ]),
        "eks-integration": policyDocument([
            s({
                Sid: "AllowAPIServerEndpointDiscovery",
                Effect: "Allow",
                Resource: clusterArn,
                Action: "eks:DescribeCluster",
            }),
        ]),
        interruption: policyDocument([
            s({
                Sid: "AllowInterruptionQueueActions",
                Effect: "Allow",
                Resource: KARPENTER_REFS.queueArn,
                Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
            }),
        ]),
        "zonal-shift": policyDocument([
            s({
                Sid: "AllowZonalShiftStatusReadOnly",
                Effect: "Allow",
                Resource: "*",
                Action: ["arc-zonal-shift:GetManagedResource"],
                Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArn } },
            }),
        ]),
        "resource-discovery": policyDocument([
            s({
                Sid: "AllowRegionalReadActions",
                Effect: "Allow",
                Resource: "*",
                Action: [
                    "ec2:DescribeCapacityReservations",
                    "ec2:DescribeImages",
                    "ec2:DescribeInstances",
                    "ec2:DescribeInstanceStatus",
                    "ec2:DescribeInstanceTypeOfferings",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeLaunchTemplates",
                    "ec2:DescribePlacementGroups",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeSpotPriceHistory",
                    "ec2:DescribeSubnets",
                ],
                Condition: { StringEquals: { "aws:RequestedRegion": region } },
            }),
            s({
                Sid: "AllowSSMReadActions",
                Effect: "Allow",
                Resource: `arn:${partition}:ssm:${region}::parameter/aws/service/*`,
                Action: "ssm:GetParameter",
            }),
            s({ Sid: "AllowPricingReadActions", Effect: "Allow", Resource: "*", Action: "pricing:GetProducts" }),
            s({
                Sid: "AllowUnscopedInstanceProfileListAction",
                Effect: "Allow",
                Resource: "*",
                Action: "iam:ListInstanceProfiles",
            }),
            s({
                Sid: "AllowInstanceProfileReadActions",
                Effect: "Allow",
                Resource: instanceProfile,
                Action: "iam:GetInstanceProfile",
            }),
        ]),
    };

    // The interruption queue (SQS names: 1 to 80 characters) and the rules that feed it.
    const queueName = physicalName([clusterName], { maxLength: 80, invalid: /[^a-zA-Z0-9_-]/g });
    const rule = (description: string, source: string, detailType: string) => ({
        description,
        eventPattern: JSON.stringify({ source: [source], "detail-type": [detailType] }),
    });
    const nodeRoleName = physicalName(["KarpenterNodeRole", clusterName], {
        maxLength: 64,
        invalid: /[^a-zA-Z0-9+=,.@_-]/g,
    });

    const requirements = [
        { key: "kubernetes.io/arch", operator: "In", values: [...architectures] },
        { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
        { key: "karpenter.sh/capacity-type", operator: "In", values: [...capacityTypes] },
        { key: "karpenter.k8s.aws/instance-category", operator: "In", values: [...categories] },
        // Current generations only, as the Karpenter getting-started NodePool.
        { key: "karpenter.k8s.aws/instance-generation", operator: "Gt", values: ["2"] },
        ...(pool.instanceSizes !== undefined
            ? [{ key: "karpenter.k8s.aws/instance-size", operator: "In", values: [...pool.instanceSizes] }]
            : []),
    ];
    const alias = `${amiFamily === "AL2023" ? "al2023" : "bottlerocket"}@${amiVersion}`;
    // Bottlerocket keeps the OS on /dev/xvda and containers on the data volume /dev/xvdb.
    const deviceName = amiFamily === "Bottlerocket" ? "/dev/xvdb" : "/dev/xvda";
    const labels = { "app.kubernetes.io/managed-by": "compute-layer" };

    return {
        version,
        binding,
        nodeRole: {
            name: nodeRoleName,
            description: `Node role of the Karpenter nodes of EKS cluster ${clusterName}`,
            assumeRolePolicy: policyDocument([
                { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]),
            policyArns: Object.fromEntries(
                Object.entries({
                    ...(opts.cniOnNodeRole ? { cni: "AmazonEKS_CNI_Policy" } : {}),
                    worker: "AmazonEKSWorkerNodePolicy",
                    ecr: "AmazonEC2ContainerRegistryPullOnly",
                    ssm: "AmazonSSMManagedInstanceCore",
                }).map(([key, name]) => [key, managedPolicyArn(name)]),
            ),
        },
        controllerRole,
        controllerPolicies,
        queue: { name: queueName, messageRetentionSeconds: 300, sqsManagedSseEnabled: true },
        queuePolicy: policyDocument([
            {
                Effect: "Allow",
                Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
                Action: "sqs:SendMessage",
                Resource: KARPENTER_REFS.queueArn,
            },
            {
                Sid: "DenyHTTP",
                Effect: "Deny",
                Action: "sqs:*",
                Resource: KARPENTER_REFS.queueArn,
                Condition: { Bool: { "aws:SecureTransport": false } },
                Principal: "*",
            },
        ]),
        rules: {
            "scheduled-change": rule("AWS Health scheduled changes, for Karpenter", "aws.health", "AWS Health Event"),
            "spot-interruption": rule(
                "EC2 Spot interruption warnings, for Karpenter",
                "aws.ec2",
                "EC2 Spot Instance Interruption Warning",
            ),
            rebalance: rule(
                "EC2 rebalance recommendations, for Karpenter",
                "aws.ec2",
                "EC2 Instance Rebalance Recommendation",
            ),
            "instance-state-change": rule(
                "EC2 instance state changes, for Karpenter",
                "aws.ec2",
                "EC2 Instance State-change Notification",
            ),
            "capacity-reservation-interruption": rule(
                "EC2 capacity reservation interruption warnings, for Karpenter",
                "aws.ec2",
                "EC2 Capacity Reservation Instance Interruption Warning",
            ),
        },
        release: {
            chart: KARPENTER_CHART,
            version,
            namespace: KARPENTER_NAMESPACE,
            values: {
                settings: { clusterName, interruptionQueue: queueName },
                serviceAccount: {
                    name: KARPENTER_SERVICE_ACCOUNT,
                    ...(binding === "irsa"
                        ? { annotations: { "eks.amazonaws.com/role-arn": KARPENTER_REFS.controllerRoleArn } }
                        : {}),
                },
                // The getting-started values: requests = limits, so the controller is never throttled or evicted.
                controller: {
                    resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
                },
            },
        },
        nodeClass: {
            apiVersion: "karpenter.k8s.aws/v1",
            kind: "EC2NodeClass",
            metadata: { name: "default", labels },
            spec: {
                role: nodeRoleName,
                amiSelectorTerms: [{ alias }],
                securityGroupSelectorTerms: [{ id: KARPENTER_REFS.clusterSecurityGroupId }],
                // IMDSv2 only; hop limit 1 keeps pods off the node role (EKS best practices).
                metadataOptions: {
                    httpEndpoint: "enabled",
                    httpProtocolIPv6: "disabled",
                    httpPutResponseHopLimit: nodeClass.metadataHopLimit ?? 1,
                    httpTokens: "required",
                },
                blockDeviceMappings: [
                    {
                        deviceName,
                        ebs: {
                            volumeSize: `${nodeClass.volumeSizeGb ?? 50}Gi`,
                            volumeType: "gp3",
                            encrypted: true,
                            deleteOnTermination: true,
                        },
                    },
                ],
            },
        },
        nodePool: {
            apiVersion: "karpenter.sh/v1",
            kind: "NodePool",
            metadata: { name: "default", labels },
            spec: {
                template: {
                    spec: {
                        requirements,
                        nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" },
                        expireAfter: pool.expireAfter ?? "720h",
                    },
                },
                limits: {
                    cpu: pool.limits?.cpu ?? 1000,
                    ...(pool.limits?.memory !== undefined ? { memory: pool.limits.memory } : {}),
                },
                disruption: {
                    consolidationPolicy: pool.consolidationPolicy ?? "WhenEmptyOrUnderutilized",
                    consolidateAfter: pool.consolidateAfter ?? "1m",
                },
            },
        },
    };
}
