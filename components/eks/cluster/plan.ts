import {
    checkShape,
    isIpv4Cidr,
    isKnown,
    joinPath,
    LOG_RETENTION_DAYS,
    labelKeyProblem,
    labelValueProblem,
    type PlanContext,
    physicalName,
    Validator,
    validateTags,
} from "../../../src/core";
import {
    AWS_REFS,
    checkable,
    EKS_DEFAULT_VERSION,
    EKS_SUPPORTED_VERSIONS,
    managedPolicyArn,
    type PolicyDocument,
    policyDocument,
} from "../shared";
import { type AccessEntryPlan, planAccess } from "./access";
import { type AddonPlan, planAddons } from "./addons";
import type { EksApiAccessArgs, EksClusterArgs, EksNodeGroupArgs, EksTaintEffect } from "./args";
import {
    autoscalerDiscoveryTags,
    CLUSTER_AUTOSCALER_EXPANDERS,
    CLUSTER_AUTOSCALER_VERSIONS,
    type ClusterAutoscalerPlan,
    renderClusterAutoscaler,
} from "./autoscaler";
import { KARPENTER_NAMESPACE, type KarpenterPlan, planKarpenter } from "./karpenter";
import { type KedaPlan, planKeda } from "./keda";
import { type LoadBalancerControllerPlan, planLoadBalancerController } from "./load-balancer-controller";
import { eksClusterArgsSchema } from "./schema";

/** The five EKS control-plane log types. https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** The final inputs of a node group's launch template. */
export interface LaunchTemplatePlan {
    description: string;
    updateDefaultVersion: true;
    metadataOptions: { httpEndpoint: "enabled"; httpTokens: "required"; httpPutResponseHopLimit: number };
    blockDeviceMappings: {
        deviceName: string;
        ebs: { volumeSize: number; volumeType: "gp3"; encrypted: "true"; deleteOnTermination: "true" };
    }[];
}

/** One node group, with every default applied, and the final inputs of its children. */
export interface NodeGroupPlan {
    key: string;
    /** The EKS node group name prefix (the provider appends a unique suffix, so updates that replace the group can create the new one first). */
    namePrefix: string;
    instanceTypes: string[];
    capacityType: "ON_DEMAND" | "SPOT";
    minSize: number;
    maxSize: number;
    desiredSize: number;
    diskSizeGb: number;
    labels: Record<string, string>;
    taints: { key: string; value?: string; effect: EksTaintEffect }[];
    updateConfig: { maxUnavailable?: number; maxUnavailablePercentage?: number };
    amiType?: string;
    metadataHopLimit: number;
    ssmAccess: boolean;
    /** The node role: description and trust (EC2). */
    role: { description: string; assumeRolePolicy: PolicyDocument };
    /** The managed policies attached to the node role, by the short name of the attachment. */
    policyArns: Record<string, string>;
    launchTemplate: LaunchTemplatePlan;
    /** Tags the node group's instances and volumes carry besides the component's (the group's own `tags`). */
    instanceTags: Record<string, string>;
    /** Tags the node group carries besides the component's (its own `tags` and the autoscaler's discovery tags). */
    extraTags: Record<string, string>;
}

/** One Fargate profile, with every default applied. */
export interface FargateProfilePlan {
    key: string;
    selectors: { namespace: string; labels?: Record<string, string> }[];
}

/** An ingress rule on the cluster security group, port 443. */
export interface ApiIngressPlan {
    /** The suffix of the rule's name. */
    key: string;
    description: string;
    ipProtocol: "tcp";
    fromPort: 443;
    toPort: 443;
    cidrIpv4?: string;
    /** Index into `apiAccess.privateAccessSecurityGroupIds` (the id may be an Output). */
    securityGroupIndex?: number;
}

/** The final plain inputs of the `@pulumi/eks` control plane. */
export interface ControlPlanePlan {
    name: string;
    version: string;
    skipDefaultNodeGroup: true;
    /** Managed node groups and Fargate use the security group EKS creates for the cluster. */
    skipDefaultSecurityGroups: true;
    authenticationMode: "API";
    enabledClusterLogTypes: string[];
    endpointPrivateAccess: boolean;
    endpointPublicAccess: boolean;
    publicAccessCidrs?: string[];
    createOidcProvider: true;
    deletionProtection: boolean;
}

/** What {@link EksCluster} creates, as plain data: the final inputs of every child, Outputs aside. */
export interface EksClusterPlan {
    clusterName: string;
    version: string;
    endpointPrivateAccess: boolean;
    endpointPublicAccess: boolean;
    publicAccessCidrs?: string[];
    logTypes: string[];
    logRetentionDays: number;
    deletionProtection: boolean;
    secretsKey: { description: string; enableKeyRotation: true; deletionWindowInDays: number };
    logGroup: { name: string; retentionInDays: number };
    controlPlane: ControlPlanePlan;
    /** Rules that let the allowed security groups and CIDRs reach the private endpoint. */
    apiIngress: ApiIngressPlan[];
    nodeGroups: NodeGroupPlan[];
    fargateProfiles: FargateProfilePlan[];
    /** The pod execution role all Fargate profiles share, when there are profiles. */
    fargatePodRole?: { description: string; assumeRolePolicy: PolicyDocument; policyArn: string };
    clusterAutoscaler?: ClusterAutoscalerPlan;
    /** Karpenter, with `nodeAutoscaler: "karpenter"`. */
    karpenter?: KarpenterPlan;
    /** The AWS Load Balancer Controller, when installed. */
    loadBalancerController?: LoadBalancerControllerPlan;
    /** KEDA, when installed. */
    keda?: KedaPlan;
    /** Managed add-ons, in a stable order. */
    addons: AddonPlan[];
    /** Access entries and access policy associations (the deployer's first, when given). */
    access: AccessEntryPlan[];
    /** Things that will work but probably not as meant; the component logs them as warnings. */
    warnings: string[];
}

/** The AWS managed policies of a node role, by the short name of the attachment. */
const NODE_POLICIES: Record<string, string> = {
    worker: "AmazonEKSWorkerNodePolicy",
    cni: "AmazonEKS_CNI_Policy",
    ecr: "AmazonEC2ContainerRegistryReadOnly",
};

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const CLUSTER_NAME_PATTERN = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
const INSTANCE_TYPE_PATTERN = /^[a-z0-9][a-z0-9-]*\.[a-z0-9]+$/;
/** Checks Kubernetes labels; each problem is reported at the label's own path. */
function checkLabels(v: Validator, path: string, labels: Record<string, string> | undefined): void {
    if (labels === undefined) return;
    for (const [k, value] of Object.entries(labels)) {
        const lp = joinPath(path, k);
        const kp = labelKeyProblem(k);
        if (kp) v.add(lp, `the key ${kp}`);
        const vp = labelValueProblem(value);
        if (vp) v.add(lp, `the value ${vp}`);
    }
}

function planNodeGroup(
    v: Validator,
    key: string,
    ng: EksNodeGroupArgs,
    clusterName: string,
    cniOnNodeRole: boolean,
): NodeGroupPlan {
    const p = (field?: string | number) => joinPath("nodeGroups", key, field);
    if (!KEY_PATTERN.test(key) || key.length > 36) {
        v.add(
            p(),
            `node group keys must be 1 to 36 letters, digits, "-" and "_", starting with a letter or digit (got ${JSON.stringify(key)}); the key is the EKS node group name prefix, 63 characters with the unique suffix`,
        );
    }
    const instanceTypes = ng.instanceTypes ?? [];
    checkable(instanceTypes, 20).forEach((t, i) => {
        if (!INSTANCE_TYPE_PATTERN.test(t))
            v.add(
                joinPath(p("instanceTypes"), i),
                `must be an EC2 instance type such as "m5.large" (got ${JSON.stringify(t)})`,
            );
    });
    v.unique(
        checkable(instanceTypes, 20).map((t, i) => ({ value: t, path: joinPath(p("instanceTypes"), i) })),
        "instance type",
    );

    // Sizes, disk, update share and hop limit are bounded by the schema; their order here.
    const sizesOk = typeof ng.minSize === "number" && typeof ng.maxSize === "number";
    if (sizesOk && ng.minSize > ng.maxSize) {
        v.add(p("maxSize"), `must be at least minSize (${ng.minSize}) (got ${ng.maxSize})`);
        v.add(p("minSize"), `must be at most maxSize (${ng.maxSize}) (got ${ng.minSize})`);
    }
    if (sizesOk && typeof ng.desiredSize === "number" && (ng.desiredSize < ng.minSize || ng.desiredSize > ng.maxSize)) {
        v.add(
            p("desiredSize"),
            `must be from minSize (${ng.minSize}) to maxSize (${ng.maxSize}) (got ${ng.desiredSize})`,
        );
    }
    checkLabels(v, p("labels"), ng.labels);
    // The EKS API is stricter than Kubernetes here: a node group label key is 1 to 63 characters
    // with its prefix, and a value 1 to 63 (not empty).
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html#AmazonEKS-CreateNodegroup-request-labels
    for (const [k, value] of Object.entries(ng.labels ?? {})) {
        if (k.length > 63)
            v.add(
                joinPath(p("labels"), k),
                `EKS accepts node group label keys of at most 63 characters, prefix included (got ${k.length})`,
            );
        if (value === "")
            v.add(
                joinPath(p("labels"), k),
                "EKS does not accept an empty node group label value: give 1 to 63 characters",
            );
    }

    // EKS Taint: key 1-63, value 0-63, effect NO_SCHEDULE | NO_EXECUTE | PREFER_NO_SCHEDULE
    // (https://docs.aws.amazon.com/eks/latest/APIReference/API_Taint.html); at most 50 taints a node
    // group (https://docs.aws.amazon.com/eks/latest/userguide/node-taints-managed-node-groups.html).
    const taints = ng.taints ?? [];
    taints.forEach((t, i) => {
        const tp = (f: string) => joinPath(p("taints"), i, f);
        // Kubernetes also requires label-key syntax for the key and label-value syntax for the value;
        // EKS passes the taint to the kubelet, so a bad one fails only when nodes try to register.
        if (t.key.length < 1 || t.key.length > 63)
            v.add(tp("key"), `must be 1 to 63 characters (got ${JSON.stringify(t.key)})`);
        else {
            const kp = labelKeyProblem(t.key);
            if (kp) v.add(tp("key"), kp);
        }
        if (t.value !== undefined) {
            const vp = labelValueProblem(t.value);
            if (vp) v.add(tp("value"), vp);
        }
    });

    const minSize = typeof ng.minSize === "number" ? ng.minSize : 0;
    const diskSizeGb = ng.diskSizeGb ?? 50;
    // Bottlerocket keeps the OS on /dev/xvda and containers on the data volume /dev/xvdb.
    const deviceName = ng.amiType?.startsWith("BOTTLEROCKET") ? "/dev/xvdb" : "/dev/xvda";
    const metadataHopLimit = ng.metadataHopLimit ?? 1;
    const ssmAccess = ng.ssmAccess ?? false;
    const { cni, ...always } = NODE_POLICIES;
    const policies = {
        ...always,
        // Without a managed vpc-cni add-on (which has a role of its own), aws-node uses the node role.
        ...(cniOnNodeRole ? { cni } : {}),
        ...(ssmAccess ? { ssm: "AmazonSSMManagedInstanceCore" } : {}),
        // eksctl withAddonPolicies (REFERENCE.md, "Node Groups").
        ...(ng.addonPolicies?.ebs ? { ebs: "service-role/AmazonEBSCSIDriverPolicy" } : {}),
        ...(ng.addonPolicies?.cloudWatch ? { cloudwatch: "CloudWatchAgentServerPolicy" } : {}),
    };
    validateTags(v, ng.tags, p("tags"));
    return {
        key,
        namePrefix: `${physicalName([key], { maxLength: 36 })}-`,
        instanceTypes: [...instanceTypes],
        capacityType: ng.capacityType ?? "ON_DEMAND",
        minSize,
        maxSize: typeof ng.maxSize === "number" ? ng.maxSize : 1,
        desiredSize: ng.desiredSize ?? minSize,
        diskSizeGb,
        labels: { ...(ng.labels ?? {}) },
        taints: taints.map((t) => ({
            key: t.key,
            ...(t.value !== undefined ? { value: t.value } : {}),
            effect: t.effect,
        })),
        updateConfig:
            ng.maxUnavailablePercentage !== undefined
                ? { maxUnavailablePercentage: ng.maxUnavailablePercentage }
                : { maxUnavailable: 1 },
        ...(ng.amiType !== undefined ? { amiType: ng.amiType } : {}),
        metadataHopLimit,
        ssmAccess,
        role: {
            description: `Node role of EKS node group ${key}`,
            assumeRolePolicy: policyDocument([
                { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]),
        },
        policyArns: Object.fromEntries(
            Object.entries(policies).map(([short, policy]) => [short, managedPolicyArn(policy)]),
        ),
        launchTemplate: {
            description: `Launch template of EKS node group ${key}`,
            updateDefaultVersion: true,
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: metadataHopLimit,
            },
            blockDeviceMappings: [
                {
                    deviceName,
                    ebs: { volumeSize: diskSizeGb, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
                },
            ],
        },
        instanceTags: { ...(ng.tags ?? {}) },
        extraTags: { ...(ng.tags ?? {}), ...autoscalerDiscoveryTags(clusterName) },
    };
}

/** Applies the defaults of {@link EksClusterArgs}, checks every input and returns the final inputs of every child. */
export function planEksCluster(name: string, args: EksClusterArgs, ctx: PlanContext): EksClusterPlan {
    const v = new Validator(`EksCluster "${name}"`);
    const ok = checkShape(v, eksClusterArgsSchema, args);
    const plan = v.attempt(ok, () => planChecked(v, name, args ?? ({} as EksClusterArgs), ctx));
    v.throwIfAny();
    return plan as EksClusterPlan;
}

function planChecked(v: Validator, name: string, args: EksClusterArgs, ctx: PlanContext): EksClusterPlan {
    // EKS needs subnets in at least two Availability Zones.
    // https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html#network-requirements-subnets
    if (isKnown(args.privateSubnetIds)) {
        v.count(
            args.privateSubnetIds,
            "privateSubnetIds",
            2,
            Number.MAX_SAFE_INTEGER,
            "subnets, in at least two Availability Zones",
        );
    }

    // EKS CreateCluster name: 1-100 characters, [0-9A-Za-z][A-Za-z0-9-_]*.
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html#AmazonEKS-CreateCluster-request-name
    const clusterName =
        args.clusterName ?? physicalName([name, ctx.stack], { maxLength: 100, invalid: /[^a-zA-Z0-9_-]/g });
    if (
        args.clusterName !== undefined &&
        (args.clusterName.length > 100 || !CLUSTER_NAME_PATTERN.test(args.clusterName))
    ) {
        v.add(
            "clusterName",
            `must be 1 to 100 letters, digits, "-" and "_", starting with a letter or digit (got ${JSON.stringify(args.clusterName)})`,
        );
    }

    const version = args.version ?? EKS_DEFAULT_VERSION;
    v.oneOf(args.version, "version", EKS_SUPPORTED_VERSIONS);

    const access = planApiAccess(v, args.apiAccess ?? {});
    const accessEntries = planAccess(v, args.access ?? {});

    v.oneOf(args.logRetentionDays, "logRetentionDays", LOG_RETENTION_DAYS);
    const tags = isKnown(args.tags) ? args.tags : undefined;
    validateTags(v, tags);

    const addons = planAddons(v, args, clusterName);
    const cniOnNodeRole = !addons.some((a) => a.name === "vpc-cni" && a.role);
    const nodeGroups = Object.entries(args.nodeGroups ?? {}).map(([key, ng]) =>
        planNodeGroup(v, key, ng, clusterName, cniOnNodeRole),
    );
    // Node groups carry the 2 default tags, the 2 autoscaler discovery tags and the user's: at most 50.
    const userTags = Object.keys(tags ?? {}).length;
    if (nodeGroups.length > 0 && userTags > 46 && userTags <= 48) {
        v.add(
            "tags",
            `must have at most 46 tags when there are node groups, leaving room for the 2 default and 2 cluster-autoscaler tags (got ${userTags})`,
        );
    }
    for (const ng of nodeGroups) {
        const all = new Set([...Object.keys(tags ?? {}), ...Object.keys(ng.instanceTags)]).size;
        if (Object.keys(ng.instanceTags).length > 0 && all > 46) {
            v.add(
                joinPath("nodeGroups", ng.key, "tags"),
                `with the component's tags makes ${all}; at most 46 leave room for the 2 default and 2 cluster-autoscaler tags`,
            );
        }
    }

    // Fargate profiles: 1 to 5 selectors, each with a namespace; at most 5 labels a selector.
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateFargateProfile.html
    const fargateProfiles: FargateProfilePlan[] = Object.entries(args.fargateProfiles ?? {}).map(([key, fp]) => {
        const p = (...rest: (string | number)[]) => joinPath("fargateProfiles", key, ...rest);
        if (!KEY_PATTERN.test(key) || key.length > 63) {
            v.add(
                p(),
                `Fargate profile keys must be 1 to 63 letters, digits, "-" and "_", starting with a letter or digit (got ${JSON.stringify(key)})`,
            );
        }
        const selectors = fp.selectors ?? [];
        selectors.forEach((s, i) => {
            if (s.namespace === "")
                v.add(
                    p("selectors", i, "namespace"),
                    "is required: every Fargate selector names a Kubernetes namespace",
                );
            else if (s.namespace.length > 63)
                v.add(p("selectors", i, "namespace"), `must be at most 63 characters (got ${s.namespace.length})`);
            if (s.labels !== undefined) {
                const n = Object.keys(s.labels).length;
                if (n > 5) v.add(p("selectors", i, "labels"), `must have at most 5 labels (got ${n})`);
                checkLabels(v, p("selectors", i, "labels"), s.labels);
            }
        });
        return {
            key,
            selectors: selectors.map((s) => ({
                namespace: s.namespace,
                ...(s.labels && Object.keys(s.labels).length > 0 ? { labels: { ...s.labels } } : {}),
            })),
        };
    });

    // The node autoscaler: the cluster autoscaler (the default) or Karpenter.
    const karpenterOn = args.nodeAutoscaler === "karpenter";
    const ca = args.clusterAutoscaler ?? {};
    const caEnabled = !karpenterOn && (ca.enabled ?? nodeGroups.length > 0);
    if (karpenterOn && ca.enabled === true) {
        v.add(
            "clusterAutoscaler.enabled",
            'is for nodeAutoscaler: "clusterAutoscaler"; with Karpenter the cluster autoscaler is not installed: remove it',
        );
    }
    if (!karpenterOn && args.karpenter !== undefined) {
        v.add("karpenter", 'is for nodeAutoscaler: "karpenter": set it, or remove karpenter');
    }
    if (
        karpenterOn &&
        nodeGroups.length === 0 &&
        !fargateProfiles.some((f) => f.selectors.some((x) => x.namespace === KARPENTER_NAMESPACE && !x.labels))
    ) {
        v.add(
            "nodeAutoscaler",
            `Karpenter's controller must run on capacity it does not manage: add a node group, or a Fargate profile selecting the ${KARPENTER_NAMESPACE} namespace`,
        );
    }
    const hasPodIdentityAgent = addons.some((a) => a.name === "eks-pod-identity-agent");
    const karpenter = karpenterOn
        ? planKarpenter(v, args.karpenter ?? {}, clusterName, { hasPodIdentityAgent, cniOnNodeRole })
        : undefined;
    const loadBalancerController = args.loadBalancerController
        ? planLoadBalancerController(v, args.loadBalancerController, clusterName, hasPodIdentityAgent)
        : undefined;
    const keda = args.keda ? planKeda(v, args.keda, clusterName, hasPodIdentityAgent) : undefined;
    if (!karpenterOn && ca.enabled === true && nodeGroups.length === 0) {
        v.add(
            "clusterAutoscaler.enabled",
            "needs at least one node group to scale: add nodeGroups, or set clusterAutoscaler.enabled: false",
        );
    }
    const minor = (EKS_SUPPORTED_VERSIONS as readonly string[]).includes(version) ? version : EKS_DEFAULT_VERSION;
    const caVersion = ca.version ?? CLUSTER_AUTOSCALER_VERSIONS[minor];
    if (ca.version !== undefined) {
        const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(ca.version);
        if (!m)
            v.add(
                "clusterAutoscaler.version",
                `must be a release such as "${CLUSTER_AUTOSCALER_VERSIONS[minor]}" (got ${JSON.stringify(ca.version)})`,
            );
        else if (`${m[1]}.${m[2]}` !== minor) {
            v.add(
                "clusterAutoscaler.version",
                `must be a ${minor}.x release to match Kubernetes ${minor}, e.g. "${CLUSTER_AUTOSCALER_VERSIONS[minor]}" (got ${JSON.stringify(ca.version)})`,
            );
        }
    }
    const expander = ca.expander ?? "least-waste";
    if (ca.expander !== undefined) {
        const parts = ca.expander.split(",");
        const bad = parts.filter((e) => !(CLUSTER_AUTOSCALER_EXPANDERS as readonly string[]).includes(e));
        if (bad.length > 0 || new Set(parts).size !== parts.length) {
            v.add(
                "clusterAutoscaler.expander",
                `must be one of ${CLUSTER_AUTOSCALER_EXPANDERS.map((e) => JSON.stringify(e)).join(", ")}, or a comma-separated chain of distinct ones (got ${JSON.stringify(ca.expander)})`,
            );
        }
    }

    const logRetentionDays = args.logRetentionDays ?? 90;
    const deletionProtection = args.deletionProtection ?? true;
    const logTypes = [...EKS_LOG_TYPES];
    const { partition, region, accountId } = AWS_REFS;
    return {
        clusterName,
        version,
        endpointPrivateAccess: access.endpointPrivateAccess,
        endpointPublicAccess: access.endpointPublicAccess,
        ...(access.publicAccessCidrs ? { publicAccessCidrs: access.publicAccessCidrs } : {}),
        logTypes,
        logRetentionDays,
        deletionProtection,
        secretsKey: {
            description: `Kubernetes secrets encryption for EKS cluster ${clusterName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
        },
        // EKS writes control-plane logs here; created first so they do not live forever.
        logGroup: { name: `/aws/eks/${clusterName}/cluster`, retentionInDays: logRetentionDays },
        controlPlane: {
            name: clusterName,
            version,
            skipDefaultNodeGroup: true,
            skipDefaultSecurityGroups: true,
            authenticationMode: "API",
            enabledClusterLogTypes: logTypes,
            endpointPrivateAccess: access.endpointPrivateAccess,
            endpointPublicAccess: access.endpointPublicAccess,
            ...(access.publicAccessCidrs ? { publicAccessCidrs: access.publicAccessCidrs } : {}),
            createOidcProvider: true,
            deletionProtection,
        },
        apiIngress: access.ingress,
        nodeGroups,
        fargateProfiles,
        ...(fargateProfiles.length > 0
            ? {
                  fargatePodRole: {
                      description: `Fargate pod execution role for EKS cluster ${clusterName}`,
                      // Only Fargate profiles of this cluster may use the role (confused-deputy protection).
                      // https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html
                      assumeRolePolicy: policyDocument([
                          {
                              Effect: "Allow",
                              Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                              Action: "sts:AssumeRole",
                              Condition: {
                                  ArnLike: {
                                      "aws:SourceArn": `arn:${partition}:eks:${region}:${accountId}:fargateprofile/${clusterName}/*`,
                                  },
                              },
                          },
                      ]),
                      policyArn: managedPolicyArn("AmazonEKSFargatePodExecutionRolePolicy"),
                  },
              }
            : {}),
        ...(karpenter ? { karpenter } : {}),
        ...(loadBalancerController ? { loadBalancerController } : {}),
        ...(keda ? { keda } : {}),
        ...(caEnabled
            ? { clusterAutoscaler: renderClusterAutoscaler(clusterName, caVersion.replace(/^v/, ""), expander) }
            : {}),
        access: accessEntries,
        addons,
        warnings: access.warnings.map((w) => `EksCluster "${name}": ${w}`),
    };
}

interface ApiAccessPlan {
    endpointPrivateAccess: boolean;
    endpointPublicAccess: boolean;
    publicAccessCidrs?: string[];
    ingress: ApiIngressPlan[];
    warnings: string[];
}

/**
 * The endpoints and who may reach them. The EKS default for publicAccessCidrs is 0.0.0.0/0; at
 * most 40 CIDR blocks ("Public endpoint access CIDR ranges per cluster", a quota that cannot be raised).
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html
 * https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html
 */
function planApiAccess(v: Validator, a: EksApiAccessArgs): ApiAccessPlan {
    const p = (...rest: (string | number)[]) => joinPath("apiAccess", ...rest);
    const privateEndpoint = a.privateEndpoint ?? true;
    const sgs = a.privateAccessSecurityGroupIds ?? [];
    const privateCidrs = a.privateAccessCidrs ?? [];
    const publicCidrs = a.publicAccessCidrs;
    const publicEndpoint = publicCidrs !== undefined;

    checkable(publicCidrs ?? [], 40).forEach((c, i) => {
        if (!isIpv4Cidr(c))
            v.add(
                p("publicAccessCidrs", i),
                `must be an IPv4 CIDR block such as "203.0.113.0/24" (got ${JSON.stringify(c)})`,
            );
        else if (c === "0.0.0.0/0" && a.allowPublicEndpointFromAnywhere !== true) {
            v.add(
                p("publicAccessCidrs", i),
                '"0.0.0.0/0" opens the Kubernetes API to the whole internet: use narrower CIDR blocks, or set apiAccess.allowPublicEndpointFromAnywhere: true to accept that',
            );
        }
    });
    if (a.allowPublicEndpointFromAnywhere === true && !(publicCidrs ?? []).includes("0.0.0.0/0")) {
        v.add(
            p("allowPublicEndpointFromAnywhere"),
            'only acknowledges "0.0.0.0/0" in apiAccess.publicAccessCidrs, which is not there: remove it',
        );
    }
    checkable(privateCidrs, 59).forEach((c, i) => {
        if (!isIpv4Cidr(c))
            v.add(
                p("privateAccessCidrs", i),
                `must be an IPv4 CIDR block such as "10.20.0.0/16" (got ${JSON.stringify(c)})`,
            );
    });
    v.unique(
        checkable(privateCidrs, 59).map((c, i) => ({ value: c, path: p("privateAccessCidrs", i) })),
        "CIDR block",
    );
    v.unique(
        checkable(sgs, 59).map((g, i) => ({
            value: isKnown(g) ? g : undefined,
            path: p("privateAccessSecurityGroupIds", i),
        })),
        "security group",
    );
    // 60 inbound rules a security group by default; EKS's own self-referencing rule takes one.
    // https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
    if (sgs.length + privateCidrs.length > 59) {
        v.add(
            p(),
            `allows at most 59 security groups and CIDR blocks together on the private endpoint (60 inbound rules a security group, one is EKS's own) (got ${sgs.length + privateCidrs.length})`,
        );
    }
    if (!privateEndpoint) {
        if (!publicEndpoint) {
            v.add(
                p("privateEndpoint"),
                "false leaves the cluster without any API endpoint: keep the private endpoint, or set apiAccess.publicAccessCidrs",
            );
        }
        if (sgs.length > 0)
            v.add(
                p("privateAccessSecurityGroupIds"),
                "reach the private endpoint, which apiAccess.privateEndpoint: false turns off: remove them, or keep the private endpoint",
            );
        if (privateCidrs.length > 0)
            v.add(
                p("privateAccessCidrs"),
                "reach the private endpoint, which apiAccess.privateEndpoint: false turns off: remove them, or keep the private endpoint",
            );
    }

    const warnings: string[] = [];
    if (privateEndpoint && !publicEndpoint && sgs.length === 0 && privateCidrs.length === 0) {
        warnings.push(
            "the Kubernetes API has a private endpoint only and nothing outside the cluster may reach it on 443, so " +
                "`pulumi up` cannot apply Kubernetes objects unless it runs on the cluster's own nodes. Set " +
                "apiAccess.privateAccessSecurityGroupIds (e.g. a self-hosted CI runner's security group) or " +
                "apiAccess.privateAccessCidrs (a VPN, or the runner's subnet), or apiAccess.publicAccessCidrs.",
        );
    }
    const ingress: ApiIngressPlan[] = [
        ...sgs.map((g, i) => ({
            key: `api-from-sg-${i}`,
            description: `Kubernetes API (443) from ${isKnown(g) ? g : `apiAccess.privateAccessSecurityGroupIds[${i}]`}`,
            ipProtocol: "tcp" as const,
            fromPort: 443 as const,
            toPort: 443 as const,
            securityGroupIndex: i,
        })),
        ...privateCidrs.map((c) => ({
            key: `api-from-${c.replace(/[./]/g, "-")}`,
            description: `Kubernetes API (443) from ${c}`,
            ipProtocol: "tcp" as const,
            fromPort: 443 as const,
            toPort: 443 as const,
            cidrIpv4: c,
        })),
    ];
    return {
        endpointPrivateAccess: privateEndpoint,
        endpointPublicAccess: publicEndpoint,
        ...(publicEndpoint ? { publicAccessCidrs: [...publicCidrs] } : {}),
        ingress,
        warnings,
    };
}
