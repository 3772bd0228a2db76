import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";

/** How a taint repels pods, in the EKS API's spelling. */
export type EksTaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

/** A Kubernetes taint every node of a managed node group carries. */
export interface EksNodeGroupTaint {
    /**
     * The taint key, 1 to 63 characters (EKS API `Taint.key`) in Kubernetes label-key syntax
     * (`[prefix/]name`, e.g. `dedicated` or `example.com/gpu`).
     * @default required
     */
    key: string;
    /**
     * The taint value, up to 63 characters in Kubernetes label-value syntax.
     * @default none (a taint without a value)
     */
    value?: string;
    /**
     * `NO_SCHEDULE`, `NO_EXECUTE` or `PREFER_NO_SCHEDULE`.
     * @default required
     */
    effect: EksTaintEffect;
}

/** One EKS managed node group (an in-process `aws.eks.NodeGroup`). */
export interface EksNodeGroupArgs {
    /**
     * EC2 instance types, 1 to 20. For Spot, list several of the same size (e.g. `m5.large`,
     * `m5a.large`, `m4.large`) so capacity can come from more than one Spot pool.
     * @default required
     */
    instanceTypes: string[];
    /**
     * `ON_DEMAND` or `SPOT`.
     * @default "ON_DEMAND"
     */
    capacityType?: "ON_DEMAND" | "SPOT";
    /**
     * Fewest nodes, at least 0.
     * @default required
     */
    minSize: number;
    /**
     * Most nodes, at least 1 and at least `minSize`.
     * @default required
     */
    maxSize: number;
    /**
     * Nodes at creation, between `minSize` and `maxSize`. Only the first value is applied:
     * later changes are ignored (`ignoreChanges: ["scalingConfig.desiredSize"]`), because the
     * cluster autoscaler owns the count once the group exists.
     * @default minSize
     */
    desiredSize?: number;
    /**
     * Root volume size in GiB (gp3, encrypted), 20 to 16384.
     * @default 50
     */
    diskSizeGb?: number;
    /**
     * Kubernetes labels on every node of the group. EKS allows keys of 1 to 63 characters (prefix
     * included) and values of 1 to 63.
     * @default {}
     */
    labels?: Record<string, string>;
    /**
     * Kubernetes taints on every node of the group, at most 50.
     * @default []
     */
    taints?: EksNodeGroupTaint[];
    /**
     * Share of nodes that may be unavailable during a node group update, 1 to 100.
     * @default none: one node at a time (`updateConfig.maxUnavailable: 1`)
     */
    maxUnavailablePercentage?: number;
    /**
     * The EKS AMI type, e.g. `AL2023_x86_64_STANDARD`, `AL2023_ARM_64_STANDARD`,
     * `BOTTLEROCKET_x86_64`. Set it for Graviton or GPU instance types.
     * @default none: EKS chooses (Amazon Linux 2023 for x86_64 on Kubernetes 1.30 and later)
     */
    amiType?: string;
    /**
     * IMDSv2 response hop limit on the nodes, 1 to 64. With 1, pods that are not on the host
     * network cannot reach the instance metadata service and so cannot use the node role's
     * credentials; workloads use IRSA instead (EKS best practices, "Restrict access to the
     * instance profile assigned to the worker node"). Set 2 for pods that must read IMDS
     * (e.g. an AWS SDK without IRSA or a region setting).
     * @default 1
     */
    metadataHopLimit?: number;
    /**
     * Attach `AmazonSSMManagedInstanceCore` to the node role, for Session Manager access
     * without SSH.
     * @default false
     */
    ssmAccess?: boolean;
    /**
     * Policies for add-ons that use the node role, as eksctl's `iam.withAddonPolicies`: `ebs`
     * attaches `AmazonEBSCSIDriverPolicy`, `cloudWatch` attaches `CloudWatchAgentServerPolicy`
     * (the CloudWatch agent / Container Insights). eksctl's `autoScaler` has no counterpart: the
     * cluster autoscaler has a role of its own (IRSA). Prefer `addons["aws-ebs-csi-driver"]`, whose
     * role only the driver's service account can use.
     * @default {}
     */
    addonPolicies?: EksNodeAddonPoliciesArgs;
    /**
     * Tags on the node group, its instances and their volumes (eksctl's node group `tags`), over
     * the component's tags. At most 46 together with `tags` (2 default and 2 autoscaler tags).
     * @default {}
     */
    tags?: Record<string, string>;
}

/** eksctl's `withAddonPolicies`, for node roles. */
export interface EksNodeAddonPoliciesArgs {
    /**
     * `AmazonEBSCSIDriverPolicy`: the EBS CSI driver may use the node role.
     * @default false
     */
    ebs?: boolean;
    /**
     * `CloudWatchAgentServerPolicy`: the CloudWatch agent may publish metrics and logs.
     * @default false
     */
    cloudWatch?: boolean;
}

/** The EKS managed add-ons {@link EksCluster} can install. */
export type EksAddonName =
    | "vpc-cni"
    | "coredns"
    | "kube-proxy"
    | "aws-ebs-csi-driver"
    | "eks-pod-identity-agent"
    | "metrics-server";

/** One EKS managed add-on. */
export interface EksAddonArgs {
    /**
     * `"default"` (EKS's default version for the cluster's Kubernetes version), `"latest"` (the
     * newest for it, looked up at deploy time, so a later deploy may upgrade it) or a pinned
     * version such as `"v1.19.2-eksbuild.1"` (`aws eks describe-addon-versions`).
     * @default "default"
     */
    version?: string;
    /**
     * What EKS does when the add-on's objects already exist at creation (e.g. the self-managed
     * copies a new cluster comes with): `OVERWRITE` takes them over, `NONE` fails.
     * @default "OVERWRITE"
     */
    resolveConflictsOnCreate?: "NONE" | "OVERWRITE";
    /**
     * What EKS does with values changed outside the add-on on an update: `OVERWRITE` resets
     * them to the add-on's configuration, `PRESERVE` keeps them, `NONE` fails.
     * @default "OVERWRITE"
     */
    resolveConflictsOnUpdate?: "NONE" | "OVERWRITE" | "PRESERVE";
    /**
     * The add-on's configuration (`aws eks describe-addon-configuration` gives its schema), as an
     * object or as JSON text; checked to be a JSON object.
     * @default none: the add-on's defaults
     */
    configurationValues?: string | Record<string, unknown>;
    /**
     * How the add-on's role is bound to its service account, for add-ons that need AWS
     * permissions (vpc-cni, aws-ebs-csi-driver): `podIdentity` (needs the
     * `eks-pod-identity-agent` add-on) or `irsa`. vpc-cni always uses IRSA: it must work before
     * the Pod Identity agent runs.
     * @default "podIdentity" with the eks-pod-identity-agent add-on, else "irsa"
     */
    iam?: "podIdentity" | "irsa";
}

/** One pod selector of a Fargate profile. */
export interface EksFargateSelector {
    /**
     * The Kubernetes namespace the selector matches (`*` and `?` wildcards are allowed).
     * @default required
     */
    namespace: string;
    /**
     * Labels a pod must all carry to match, at most 5.
     * @default {} (every pod in the namespace)
     */
    labels?: Record<string, string>;
}

/** One Fargate profile. Its pods run in the cluster's private subnets only. */
export interface EksFargateProfileArgs {
    /**
     * 1 to 5 selectors; a pod that matches any of them runs on Fargate.
     * @default required
     */
    selectors: EksFargateSelector[];
}

/** The Kubernetes cluster autoscaler the component installs in `kube-system`. */
export interface EksClusterAutoscalerArgs {
    /**
     * Install it.
     * @default true when there is at least one node group, else false
     */
    enabled?: boolean;
    /**
     * The cluster-autoscaler release, `<major>.<minor>.<patch>`; its minor must match the
     * cluster's Kubernetes minor.
     * @default the release that matches `version` (e.g. "1.35.1" for Kubernetes 1.35)
     */
    version?: string;
    /**
     * The expander, or a comma-separated chain of them: `least-waste`, `most-pods`,
     * `random`, `priority`, `least-nodes`. `priority` needs the
     * `cluster-autoscaler-priority-expander` ConfigMap in `kube-system`.
     * @default "least-waste"
     */
    expander?: string;
}

/**
 * Who can reach the Kubernetes API server (port 443). The private endpoint answers inside the VPC
 * (and networks routed to it) on the cluster security group; the public endpoint answers on the
 * internet, limited to `publicAccessCidrs`.
 * https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
 */
export interface EksApiAccessArgs {
    /**
     * Keep the private endpoint. Nodes and Fargate pods reach the API through it; without it they
     * go through the public endpoint (and a NAT gateway), so `false` needs `publicAccessCidrs`.
     * @default true
     */
    privateEndpoint?: boolean;
    /**
     * Security groups allowed to reach 443 on the cluster security group through the private
     * endpoint, e.g. a self-hosted CI runner's or a bastion's. Each becomes an ingress rule; the
     * list must be known at plan time, its ids may be Outputs. At most 59 together with
     * `privateAccessCidrs` (60 inbound rules a security group, one is EKS's own).
     * @default []
     */
    privateAccessSecurityGroupIds?: pulumi.Input<string>[];
    /**
     * IPv4 CIDR blocks allowed to reach 443 on the cluster security group through the private
     * endpoint: a VPN, a peered VPC, the subnet of a CI runner. Plan-time values.
     * @default []
     */
    privateAccessCidrs?: string[];
    /**
     * Turns the public endpoint on for these IPv4 CIDR blocks only, 1 to 40 (an EKS quota that
     * cannot be raised). `0.0.0.0/0` needs `allowPublicEndpointFromAnywhere: true`.
     * @default none: no public endpoint
     */
    publicAccessCidrs?: string[];
    /**
     * Acknowledge that `publicAccessCidrs` contains `0.0.0.0/0`, opening the Kubernetes API
     * endpoint to the whole internet (authentication still applies).
     * @default false
     */
    allowPublicEndpointFromAnywhere?: boolean;
}

/** The most a Karpenter NodePool may launch in total. */
export interface EksKarpenterLimitsArgs {
    /**
     * CPU cores, at least 1.
     * @default 1000
     */
    cpu?: number;
    /**
     * Memory, as a Kubernetes quantity such as `1000Gi`.
     * @default no limit
     */
    memory?: string;
}

/** Karpenter's default NodePool: which instances it may launch, how many, and for how long. */
export interface EksKarpenterNodePoolArgs {
    /**
     * EC2 instance categories (`karpenter.k8s.aws/instance-category`), e.g. `c`, `m`, `r`.
     * Generations after the second only.
     * @default ["c", "m", "r"]
     */
    instanceCategories?: string[];
    /**
     * EC2 instance sizes (`karpenter.k8s.aws/instance-size`), e.g. `large`, `xlarge`, `2xlarge`.
     * @default any size
     */
    instanceSizes?: string[];
    /**
     * `karpenter.sh/capacity-type`: `on-demand`, `spot` (Karpenter prefers it when allowed) or `reserved`.
     * @default ["on-demand"]
     */
    capacityTypes?: ("on-demand" | "spot" | "reserved")[];
    /**
     * CPU architectures (`kubernetes.io/arch`).
     * @default ["amd64"]
     */
    architectures?: ("amd64" | "arm64")[];
    /**
     * The most the pool may launch in total.
     * @default { cpu: 1000 }
     */
    limits?: EksKarpenterLimitsArgs;
    /**
     * `WhenEmptyOrUnderutilized` (replace or remove nodes to pack pods tighter) or `WhenEmpty`.
     * @default "WhenEmptyOrUnderutilized"
     */
    consolidationPolicy?: "WhenEmptyOrUnderutilized" | "WhenEmpty";
    /**
     * How long a node must be consolidatable before Karpenter acts, e.g. `30s`, `1m`, or `Never`.
     * @default "1m"
     */
    consolidateAfter?: string;
    /**
     * Node lifetime before Karpenter replaces it (e.g. `720h`), or `Never`.
     * @default "720h"
     */
    expireAfter?: string;
}

/** Karpenter's default EC2NodeClass: the AMI, metadata service and root volume of its nodes. */
export interface EksKarpenterNodeClassArgs {
    /**
     * `AL2023` or `Bottlerocket`.
     * @default "AL2023"
     */
    amiFamily?: "AL2023" | "Bottlerocket";
    /**
     * The AMI release: `latest`, or a pinned one (e.g. `v20251120` for AL2023), which production
     * clusters should prefer so that nodes only change when you say so.
     * @default "latest"
     */
    amiVersion?: string;
    /**
     * IMDSv2 (always required) response hop limit, 1 to 64. With 1, pods cannot use the node role.
     * @default 1
     */
    metadataHopLimit?: number;
    /**
     * Root (AL2023) or data (Bottlerocket) volume size in GiB, encrypted gp3, 20 to 16384.
     * @default 50
     */
    volumeSizeGb?: number;
}

/** Karpenter, when `nodeAutoscaler` is `"karpenter"`. */
export interface EksKarpenterArgs {
    /**
     * The Karpenter release (controller, chart and CRDs). Only the pinned release is accepted: the
     * controller's IAM is the one documented for it.
     * @default "1.13.0"
     */
    version?: string;
    /**
     * How the controller's role is bound: `podIdentity` (needs the eks-pod-identity-agent add-on) or `irsa`.
     * @default "podIdentity" with the eks-pod-identity-agent add-on, else "irsa"
     */
    iam?: "podIdentity" | "irsa";
    /** The default NodePool. @default the defaults of each field */
    nodePool?: EksKarpenterNodePoolArgs;
    /** The default EC2NodeClass. @default the defaults of each field */
    nodeClass?: EksKarpenterNodeClassArgs;
}

/** The AWS Load Balancer Controller (Ingress → ALB, Service → NLB). */
export interface EksLoadBalancerControllerArgs {
    /**
     * The chart version (eks-charts `aws-load-balancer-controller`). Only the pinned release is
     * accepted: the controller's IAM policy is the one AWS publishes for it.
     * @default "3.5.0"
     */
    version?: string;
    /**
     * How the controller's role is bound: `podIdentity` (needs the eks-pod-identity-agent add-on) or `irsa`.
     * @default "podIdentity" with the eks-pod-identity-agent add-on, else "irsa"
     */
    iam?: "podIdentity" | "irsa";
    /**
     * Controller replicas (one leads, the others stand by), at least 1.
     * @default 2
     */
    replicas?: number;
}

/** KEDA, the event-driven autoscaler (ScaledObjects, e.g. on an SQS queue's length). */
export interface EksKedaArgs {
    /**
     * The chart version (kedacore/charts `keda`).
     * @default "2.20.2"
     */
    version?: string;
    /**
     * How the operator's role is bound: `podIdentity` (needs the eks-pod-identity-agent add-on) or `irsa`.
     * @default "podIdentity" with the eks-pod-identity-agent add-on, else "irsa"
     */
    iam?: "podIdentity" | "irsa";
    /**
     * SQS queues whose length the operator may read (`sqs:GetQueueAttributes`), for
     * `aws-sqs-queue` triggers with `identityOwner: operator`. The list is known at plan time;
     * the ARNs may be Outputs. At most 100.
     * @default []
     */
    sqsQueueArns?: pulumi.Input<string>[];
}

/** An access policy EKS publishes (see `EKS_ACCESS_POLICIES`). */
export type EksAccessPolicyName =
    | "AmazonAIOpsAssistantPolicy"
    | "AmazonARCRegionSwitchScalingPolicy"
    | "AmazonEKSAdminPolicy"
    | "AmazonEKSAdminViewPolicy"
    | "AmazonEKSAutoNodePolicy"
    | "AmazonEKSBlockStoragePolicy"
    | "AmazonEKSClusterAdminPolicy"
    | "AmazonEKSClusterInsightsPolicy"
    | "AmazonEKSComputePolicy"
    | "AmazonEKSEditPolicy"
    | "AmazonEKSHybridPolicy"
    | "AmazonEKSLoadBalancingPolicy"
    | "AmazonEKSNetworkingPolicy"
    | "AmazonEKSSecretReaderPolicy"
    | "AmazonEKSViewPolicy"
    | "AmazonEMRJobPolicy";

/** The type of an access entry (EKS CreateAccessEntry `type`). */
export type EksAccessEntryType =
    | "STANDARD"
    | "EC2"
    | "EC2_LINUX"
    | "EC2_WINDOWS"
    | "FARGATE_LINUX"
    | "HYBRID_LINUX"
    | "HYPERPOD_LINUX";

/** One access policy associated with an access entry. */
export interface EksAccessPolicyArgs {
    /**
     * The access policy, by the name AWS publishes, e.g. `AmazonEKSClusterAdminPolicy`,
     * `AmazonEKSAdminPolicy`, `AmazonEKSEditPolicy`, `AmazonEKSViewPolicy`.
     * @default required
     */
    policy: EksAccessPolicyName;
    /**
     * Limit the policy to these Kubernetes namespaces (a trailing `*` matches a prefix, e.g.
     * `team-a-*`). Leave it out for the whole cluster.
     * @default none: cluster scope
     */
    namespaces?: string[];
}

/** One EKS access entry: an IAM principal, and what it may do in the cluster. */
export interface EksAccessEntryArgs {
    /**
     * The IAM role or user ARN (not an STS session ARN). May be an Output.
     * @default required
     */
    principalArn: pulumi.Input<string>;
    /**
     * The entry type. Only `STANDARD` takes Kubernetes groups, a username and (with `EC2`) access
     * policies; the node types get their permissions from EKS.
     * @default "STANDARD"
     */
    type?: EksAccessEntryType;
    /**
     * Kubernetes groups the principal joins, for your own RBAC bindings. Not `system:` (EKS
     * reserves it).
     * @default none
     */
    kubernetesGroups?: string[];
    /**
     * The Kubernetes username. Not starting with `system:`, `eks:`, `aws:`, `amazon:` or `iam:`.
     * @default EKS derives one from the principal
     */
    username?: string;
    /**
     * Access policies, each at cluster or namespace scope.
     * @default none
     */
    policies?: EksAccessPolicyArgs[];
}

/**
 * Who may use the Kubernetes API: EKS access entries (the cluster's authentication mode is `API`).
 * https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
 */
export interface EksAccessArgs {
    /**
     * The IAM role that runs `pulumi up` and creates the cluster. EKS makes a cluster's creator a
     * cluster admin through an access entry it creates with the cluster (`@pulumi/eks` always asks
     * for that, pulumi-eks#2373); this makes the grant explicit in the program: an access policy
     * association `deployer` of `AmazonEKSClusterAdminPolicy` at cluster scope for this principal,
     * which every Kubernetes object applied through {@link EksCluster.provider} waits for. It must
     * be the creator's role ARN (not an STS session ARN), and no entry in `entries` may repeat it.
     * May be an Output.
     * @default none: the creator's implicit access entry only
     */
    deployerPrincipalArn?: pulumi.Input<string>;
    /**
     * Access entries, by key (the key names the entry's resources). Known at plan time.
     * @default {}
     */
    entries?: Record<string, EksAccessEntryArgs>;
}

/** Arguments of {@link EksCluster}. */
export interface EksClusterArgs {
    /**
     * The VPC of the cluster. May be an Output.
     * @default required
     */
    vpcId: pulumi.Input<string>;
    /**
     * Private subnets (at least 2, in different Availability Zones): every node group and every
     * Fargate profile go here, and the control plane's network interfaces. May be an Output.
     * @default required
     */
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Public subnets. `@pulumi/eks` adds them to the control plane's subnets (EKS may place its
     * network interfaces there too, without public IPs); no node or Fargate pod runs in them.
     * May be an Output.
     * @default none
     */
    publicSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The EKS cluster name, 1 to 100 letters, digits, `-` and `_`, starting with a letter or digit.
     * Known at plan time (it is part of IAM conditions, tags and the log group name).
     * @default `<name>-<stack>`, shortened with a hash when longer than 100 characters
     */
    clusterName?: string;
    /**
     * The Kubernetes minor version, pinned: one of "1.32", "1.33", "1.34", "1.35", "1.36"
     * (the versions in EKS standard or extended support on 2026-11-26). Known at plan time.
     * @default "1.35"
     */
    version?: string;
    /**
     * Who can reach the Kubernetes API, and through which endpoint. Whoever runs `pulumi up` must
     * be among them: every Kubernetes object and Helm release is applied through this endpoint.
     * Must be known at plan time (each allowed security group and CIDR becomes a security group rule).
     * @default the private endpoint only, with nothing outside the cluster allowed to reach it (a warning says how to open it)
     */
    apiAccess?: EksApiAccessArgs;
    /**
     * Access entries for IAM principals, and the deployer's explicit cluster-admin grant. Known at
     * plan time (the principal ARNs may be Outputs).
     * @default no entries besides the cluster creator's
     */
    access?: EksAccessArgs;
    /**
     * EKS managed add-ons, by name: `vpc-cni`, `coredns`, `kube-proxy`, `aws-ebs-csi-driver`,
     * `eks-pod-identity-agent`, and the community add-on `metrics-server` (the resource metrics every
     * CPU or memory HorizontalPodAutoscaler reads; EKS installs none). Each gets the IAM it needs (its
     * own role, bound by Pod Identity or IRSA). With `vpc-cni` managed, node roles no longer carry
     * `AmazonEKS_CNI_Policy`. Known at plan time.
     * @default none: the self-managed copies EKS installs with a new cluster
     */
    addons?: Partial<Record<EksAddonName, EksAddonArgs>>;
    /**
     * Managed node groups, by key. The key names the group's resources. Known at plan time.
     * @default {}
     */
    nodeGroups?: Record<string, EksNodeGroupArgs>;
    /**
     * Fargate profiles, by key. The key names the profile's resources. Known at plan time.
     * @default {}
     */
    fargateProfiles?: Record<string, EksFargateProfileArgs>;
    /**
     * What adds and removes nodes: the Kubernetes cluster autoscaler (scales the managed node
     * groups) or Karpenter (launches instances itself, from a NodePool; its controller runs on the
     * node groups or a Fargate profile). Known at plan time.
     * @default "clusterAutoscaler"
     */
    nodeAutoscaler?: "clusterAutoscaler" | "karpenter";
    /**
     * Karpenter's settings, with `nodeAutoscaler: "karpenter"`. Known at plan time.
     * @default the defaults of each field
     */
    karpenter?: EksKarpenterArgs;
    /**
     * The Kubernetes cluster autoscaler, with `nodeAutoscaler: "clusterAutoscaler"`. Known at plan time.
     * @default on when there are node groups, with the "least-waste" expander
     */
    clusterAutoscaler?: EksClusterAutoscalerArgs;
    /**
     * Install the AWS Load Balancer Controller (its IAM policy as AWS publishes it, the Helm
     * release, the cluster's VPC and region), so Ingresses get ALBs and Services NLBs. Known at plan time.
     * @default not installed
     */
    loadBalancerController?: EksLoadBalancerControllerArgs;
    /**
     * Install KEDA, with an operator role that may read the given SQS queues. Known at plan time.
     * @default not installed
     */
    keda?: EksKedaArgs;
    /**
     * Days to keep the control-plane logs (all five types are on), one of the CloudWatch
     * Logs retention values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
     * 1096, 1827, 2192, 2557, 2922, 3288, 3653). Known at plan time.
     * @default 90
     */
    logRetentionDays?: number;
    /**
     * Refuse to delete the cluster until this is turned off. Known at plan time.
     * @default true
     */
    deletionProtection?: boolean;
    /**
     * Tags for every AWS resource the component creates, merged over the default tags; at
     * most 48, or 46 with node groups (which also carry the 2 cluster-autoscaler tags). May be an
     * Output; the default tags are kept either way.
     * @default {}
     */
    tags?: pulumi.Input<Tags>;
}
