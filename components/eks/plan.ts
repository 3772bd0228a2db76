import { isIpv4Cidr, isKnown, joinPath, labelKeyProblem, labelValueProblem, LOG_RETENTION_DAYS, physicalName, validateTags, Validator } from "../../src/core";
import type { EksClusterArgs, EksNodeGroupArgs, EksTaintEffect } from "./args";

/**
 * Kubernetes versions a new EKS cluster can be created on, as of 2026-11-26.
 * Standard support (14 months): 1.34 until 2026-12-02, 1.35 until 2027-03-27, 1.36.
 * Extended support (12 more months): 1.32 until 2027-03-23, 1.33 until 2027-07-29.
 * 1.31 leaves extended support on 2026-11-26 and is not offered.
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar
 */
export const EKS_SUPPORTED_VERSIONS = ["1.32", "1.33", "1.34", "1.35", "1.36"] as const;

/** The pinned default: the newest version with a published end-of-standard-support date (2027-03-27). */
export const EKS_DEFAULT_VERSION = "1.35";

/**
 * The cluster-autoscaler release for each Kubernetes minor. The autoscaler's minor must match the
 * cluster's ("use the version that matches your Kubernetes minor", cluster-autoscaler FAQ); patch
 * releases per registry.k8s.io promotions (kubernetes/k8s.io#9676, 2026-07: v1.36.0, v1.35.1,
 * v1.34.4, v1.33.5; kubernetes/k8s.io#8815: v1.32.5).
 */
export const CLUSTER_AUTOSCALER_VERSIONS: Record<string, string> = {
    "1.32": "1.32.5",
    "1.33": "1.33.5",
    "1.34": "1.34.4",
    "1.35": "1.35.1",
    "1.36": "1.36.0",
};

/** The cluster-autoscaler image repository. */
export const CLUSTER_AUTOSCALER_IMAGE = "registry.k8s.io/autoscaling/cluster-autoscaler";

/** Expanders the cluster autoscaler offers on AWS (`--expander`). */
export const CLUSTER_AUTOSCALER_EXPANDERS = ["least-waste", "most-pods", "random", "priority", "least-nodes"] as const;

/** The five EKS control-plane log types. https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;


const TAINT_EFFECTS: readonly EksTaintEffect[] = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"];

/** Where the cluster autoscaler runs and under which names. */
export const CLUSTER_AUTOSCALER_NAMESPACE = "kube-system";
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";

/** The auto-discovery tag keys the cluster autoscaler looks for on node group ASGs. */
export function autoscalerDiscoveryTags(clusterName: string): Record<string, string> {
    return { "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned" };
}

/** One node group, with every default applied. */
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
}

/** One Fargate profile, with every default applied. */
export interface FargateProfilePlan {
    key: string;
    selectors: { namespace: string; labels?: Record<string, string> }[];
}

/** The cluster autoscaler's settings, when it is on. */
export interface ClusterAutoscalerPlan {
    version: string;
    image: string;
    expander: string;
    namespace: string;
    serviceAccountName: string;
    /** The container command: the binary and its flags. */
    command: string[];
    resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
}

/** What {@link EksCluster} creates, as plain data. */
export interface EksClusterPlan {
    clusterName: string;
    version: string;
    endpointPublicAccess: boolean;
    publicAccessCidrs?: string[];
    logTypes: string[];
    logRetentionDays: number;
    deletionProtection: boolean;
    nodeGroups: NodeGroupPlan[];
    fargateProfiles: FargateProfilePlan[];
    clusterAutoscaler?: ClusterAutoscalerPlan;
}

/** Options of the planner that do not come from args. */
export interface PlanEksClusterOptions {
    /** The stack name, part of the default cluster name. @default none */
    stack?: string;
}

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

function planNodeGroup(v: Validator, key: string, ng: EksNodeGroupArgs): NodeGroupPlan {
    const p = (field?: string | number) => joinPath("nodeGroups", key, field);
    if (!KEY_PATTERN.test(key) || key.length > 36) {
        v.add(p(), `node group keys must be 1 to 36 letters, digits, "-" and "_", starting with a letter or digit (got ${JSON.stringify(key)}); the key is the EKS node group name prefix, 63 characters with the unique suffix`);
    }
    // EKS CreateNodegroup: instanceTypes; this library allows 1 to 20 (issue 6).
    const instanceTypes = ng.instanceTypes ?? [];
    v.required(ng.instanceTypes, p("instanceTypes"), "a list of 1 to 20 EC2 instance types");
    if (ng.instanceTypes !== undefined) v.count(instanceTypes, p("instanceTypes"), 1, 20, "instance types");
    instanceTypes.forEach((t, i) => {
        if (isKnown(t) && !INSTANCE_TYPE_PATTERN.test(t)) v.add(joinPath(p("instanceTypes"), i), `must be an EC2 instance type such as "m5.large" (got ${JSON.stringify(t)})`);
    });
    v.unique(instanceTypes.map((t, i) => ({ value: t, path: joinPath(p("instanceTypes"), i) })), "instance type");
    v.oneOf(ng.capacityType, p("capacityType"), ["ON_DEMAND", "SPOT"]);

    // EKS NodegroupScalingConfig: minSize >= 0, maxSize >= 1, desiredSize >= 0.
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupScalingConfig.html
    v.required(ng.minSize, p("minSize"), "the fewest nodes, 0 or more");
    v.required(ng.maxSize, p("maxSize"), "the most nodes, 1 or more");
    v.min(ng.minSize, p("minSize"), 0);
    v.min(ng.maxSize, p("maxSize"), 1);
    if (ng.desiredSize !== undefined) v.min(ng.desiredSize, p("desiredSize"), 0);
    const sizesOk = typeof ng.minSize === "number" && typeof ng.maxSize === "number";
    if (sizesOk && ng.minSize > ng.maxSize) v.add(p("maxSize"), `must be at least minSize (${ng.minSize}) (got ${ng.maxSize})`);
    if (sizesOk && typeof ng.desiredSize === "number" && (ng.desiredSize < ng.minSize || ng.desiredSize > ng.maxSize)) {
        v.add(p("desiredSize"), `must be from minSize (${ng.minSize}) to maxSize (${ng.maxSize}) (got ${ng.desiredSize})`);
    }
    // gp3 volumes are 1 GiB to 16 TiB; the EKS-optimized AMI snapshots are 20 GiB, so less fails to launch.
    // https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type
    v.range(ng.diskSizeGb, p("diskSizeGb"), 20, 16384, { unit: "GiB" });
    // EKS NodegroupUpdateConfig.maxUnavailablePercentage: 1 to 100.
    v.range(ng.maxUnavailablePercentage, p("maxUnavailablePercentage"), 1, 100, { unit: "percent" });
    // EC2 InstanceMetadataOptionsRequest.HttpPutResponseHopLimit: 1 to 64.
    v.range(ng.metadataHopLimit, p("metadataHopLimit"), 1, 64);
    checkLabels(v, p("labels"), ng.labels);
    // The EKS API is stricter than Kubernetes here: a node group label key is 1 to 63 characters
    // with its prefix, and a value 1 to 63 (not empty).
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html#AmazonEKS-CreateNodegroup-request-labels
    for (const [k, value] of Object.entries(ng.labels ?? {})) {
        if (k.length > 63) v.add(joinPath(p("labels"), k), `EKS accepts node group label keys of at most 63 characters, prefix included (got ${k.length})`);
        if (value === "") v.add(joinPath(p("labels"), k), "EKS does not accept an empty node group label value: give 1 to 63 characters");
    }

    // EKS Taint: key 1-63, value 0-63, effect NO_SCHEDULE | NO_EXECUTE | PREFER_NO_SCHEDULE
    // (https://docs.aws.amazon.com/eks/latest/APIReference/API_Taint.html); at most 50 taints a node
    // group (https://docs.aws.amazon.com/eks/latest/userguide/node-taints-managed-node-groups.html).
    const taints = ng.taints ?? [];
    v.count(taints, p("taints"), 0, 50, "taints");
    taints.forEach((t, i) => {
        const tp = (f: string) => joinPath(p("taints"), i, f);
        // Kubernetes also requires label-key syntax for the key and label-value syntax for the value;
        // EKS passes the taint to the kubelet, so a bad one fails only when nodes try to register.
        if (typeof t.key !== "string" || t.key.length < 1 || t.key.length > 63) v.add(tp("key"), `must be 1 to 63 characters (got ${JSON.stringify(t.key)})`);
        else {
            const kp = labelKeyProblem(t.key);
            if (kp) v.add(tp("key"), kp);
        }
        if (t.value !== undefined) {
            const vp = labelValueProblem(t.value);
            if (vp) v.add(tp("value"), vp);
        }
        v.required(t.effect, tp("effect"), `one of ${TAINT_EFFECTS.map((e) => JSON.stringify(e)).join(", ")}`);
        v.oneOf(t.effect, tp("effect"), TAINT_EFFECTS);
    });

    const minSize = typeof ng.minSize === "number" ? ng.minSize : 0;
    return {
        key,
        namePrefix: `${physicalName([key], { maxLength: 36 })}-`,
        instanceTypes: [...instanceTypes],
        capacityType: ng.capacityType ?? "ON_DEMAND",
        minSize,
        maxSize: typeof ng.maxSize === "number" ? ng.maxSize : 1,
        desiredSize: ng.desiredSize ?? minSize,
        diskSizeGb: ng.diskSizeGb ?? 50,
        labels: { ...(ng.labels ?? {}) },
        taints: taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
        updateConfig: ng.maxUnavailablePercentage !== undefined ? { maxUnavailablePercentage: ng.maxUnavailablePercentage } : { maxUnavailable: 1 },
        ...(ng.amiType !== undefined ? { amiType: ng.amiType } : {}),
        metadataHopLimit: ng.metadataHopLimit ?? 1,
        ssmAccess: ng.ssmAccess ?? false,
    };
}

/** Applies the defaults of {@link EksClusterArgs}, checks every plain input and returns what to create. */
export function planEksCluster(name: string, args: EksClusterArgs, options: PlanEksClusterOptions = {}): EksClusterPlan {
    const v = new Validator(`EksCluster "${name}"`);

    v.required(args.vpcId, "vpcId", "the VPC id");
    v.required(args.privateSubnetIds, "privateSubnetIds", "at least 2 private subnet ids");
    // EKS needs subnets in at least two Availability Zones.
    // https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html#network-requirements-subnets
    if (isKnown(args.privateSubnetIds)) v.count(args.privateSubnetIds, "privateSubnetIds", 2, Number.MAX_SAFE_INTEGER, "subnets, in at least two Availability Zones");

    // EKS CreateCluster name: 1-100 characters, [0-9A-Za-z][A-Za-z0-9-_]*.
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html#AmazonEKS-CreateCluster-request-name
    const clusterName = args.clusterName ?? physicalName([name, options.stack ?? ""], { maxLength: 100, invalid: /[^a-zA-Z0-9_-]/g });
    if (args.clusterName !== undefined && (args.clusterName.length > 100 || !CLUSTER_NAME_PATTERN.test(args.clusterName))) {
        v.add("clusterName", `must be 1 to 100 letters, digits, "-" and "_", starting with a letter or digit (got ${JSON.stringify(args.clusterName)})`);
    }

    const version = args.version ?? EKS_DEFAULT_VERSION;
    v.oneOf(args.version, "version", EKS_SUPPORTED_VERSIONS);

    // Endpoint access. The EKS default for publicAccessCidrs is 0.0.0.0/0; at most 40 CIDR blocks
    // ("Public endpoint access CIDR ranges per cluster", a quota that cannot be raised).
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html
    // https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html
    const endpointPublicAccess = args.endpointPublicAccess ?? false;
    const cidrs = args.publicAccessCidrs;
    if (!endpointPublicAccess && cidrs !== undefined) {
        v.add("publicAccessCidrs", "only applies to the public endpoint: set endpointPublicAccess: true, or remove publicAccessCidrs");
    }
    if (cidrs !== undefined) {
        v.count(cidrs, "publicAccessCidrs", 1, 40, "CIDR blocks");
        cidrs.forEach((c, i) => {
            if (!isIpv4Cidr(c)) v.add(joinPath("publicAccessCidrs", i), `must be an IPv4 CIDR block such as "203.0.113.0/24" (got ${JSON.stringify(c)})`);
        });
    }
    if (endpointPublicAccess && !args.allowPublicEndpointFromAnywhere) {
        if (cidrs === undefined) {
            v.add("endpointPublicAccess", 'opens the Kubernetes API to 0.0.0.0/0 (the EKS default): set publicAccessCidrs to the networks that need it, or set allowPublicEndpointFromAnywhere: true to accept that');
        } else {
            cidrs.forEach((c, i) => {
                if (c === "0.0.0.0/0") v.add(joinPath("publicAccessCidrs", i), '"0.0.0.0/0" opens the Kubernetes API to the whole internet: use narrower CIDR blocks, or set allowPublicEndpointFromAnywhere: true to accept that');
            });
        }
    }

    v.oneOf(args.logRetentionDays, "logRetentionDays", LOG_RETENTION_DAYS);
    validateTags(v, args.tags);

    const nodeGroups = Object.entries(args.nodeGroups ?? {}).map(([key, ng]) => planNodeGroup(v, key, ng));
    // Node groups carry the 2 default tags, the 2 autoscaler discovery tags and the user's: at most 50.
    const userTags = Object.keys(args.tags ?? {}).length;
    if (nodeGroups.length > 0 && userTags > 46 && userTags <= 48) {
        v.add("tags", `must have at most 46 tags when there are node groups, leaving room for the 2 default and 2 cluster-autoscaler tags (got ${userTags})`);
    }

    // Fargate profiles: 1 to 5 selectors, each with a namespace; at most 5 labels a selector.
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateFargateProfile.html
    const fargateProfiles: FargateProfilePlan[] = Object.entries(args.fargateProfiles ?? {}).map(([key, fp]) => {
        const p = (...rest: (string | number)[]) => joinPath("fargateProfiles", key, ...rest);
        if (!KEY_PATTERN.test(key) || key.length > 63) {
            v.add(p(), `Fargate profile keys must be 1 to 63 letters, digits, "-" and "_", starting with a letter or digit (got ${JSON.stringify(key)})`);
        }
        const selectors = fp.selectors ?? [];
        v.required(fp.selectors, p("selectors"), "1 to 5 selectors, each with a namespace");
        if (fp.selectors !== undefined) v.count(selectors, p("selectors"), 1, 5, "selectors");
        selectors.forEach((s, i) => {
            if (typeof s.namespace !== "string" || s.namespace.length === 0) v.add(p("selectors", i, "namespace"), "is required: every Fargate selector names a Kubernetes namespace");
            else if (s.namespace.length > 63) v.add(p("selectors", i, "namespace"), `must be at most 63 characters (got ${s.namespace.length})`);
            if (s.labels !== undefined) {
                const n = Object.keys(s.labels).length;
                if (n > 5) v.add(p("selectors", i, "labels"), `must have at most 5 labels (got ${n})`);
                checkLabels(v, p("selectors", i, "labels"), s.labels);
            }
        });
        return { key, selectors: selectors.map((s) => ({ namespace: s.namespace, ...(s.labels && Object.keys(s.labels).length > 0 ? { labels: { ...s.labels } } : {}) })) };
    });

    // The cluster autoscaler.
    const ca = args.clusterAutoscaler ?? {};
    const caEnabled = ca.enabled ?? nodeGroups.length > 0;
    if (ca.enabled === true && nodeGroups.length === 0) {
        v.add("clusterAutoscaler.enabled", "needs at least one node group to scale: add nodeGroups, or set clusterAutoscaler.enabled: false");
    }
    const minor = (EKS_SUPPORTED_VERSIONS as readonly string[]).includes(version) ? version : EKS_DEFAULT_VERSION;
    const caVersion = ca.version ?? CLUSTER_AUTOSCALER_VERSIONS[minor];
    if (ca.version !== undefined) {
        const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(ca.version);
        if (!m) v.add("clusterAutoscaler.version", `must be a release such as "${CLUSTER_AUTOSCALER_VERSIONS[minor]}" (got ${JSON.stringify(ca.version)})`);
        else if (`${m[1]}.${m[2]}` !== minor) {
            v.add("clusterAutoscaler.version", `must be a ${minor}.x release to match Kubernetes ${minor}, e.g. "${CLUSTER_AUTOSCALER_VERSIONS[minor]}" (got ${JSON.stringify(ca.version)})`);
        }
    }
    const expander = ca.expander ?? "least-waste";
    if (ca.expander !== undefined) {
        const parts = ca.expander.split(",");
        const bad = parts.filter((e) => !(CLUSTER_AUTOSCALER_EXPANDERS as readonly string[]).includes(e));
        if (bad.length > 0 || new Set(parts).size !== parts.length) {
            v.add("clusterAutoscaler.expander", `must be one of ${CLUSTER_AUTOSCALER_EXPANDERS.map((e) => JSON.stringify(e)).join(", ")}, or a comma-separated chain of distinct ones (got ${JSON.stringify(ca.expander)})`);
        }
    }

    v.throwIfAny();

    const cleanVersion = caVersion.replace(/^v/, "");
    const clusterAutoscaler: ClusterAutoscalerPlan | undefined = caEnabled
        ? {
              version: cleanVersion,
              image: `${CLUSTER_AUTOSCALER_IMAGE}:v${cleanVersion}`,
              expander,
              namespace: CLUSTER_AUTOSCALER_NAMESPACE,
              serviceAccountName: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
              command: [
                  "./cluster-autoscaler",
                  "--v=4",
                  "--stderrthreshold=info",
                  "--cloud-provider=aws",
                  `--expander=${expander}`,
                  `--node-group-auto-discovery=asg:tag=${Object.keys(autoscalerDiscoveryTags(clusterName)).join(",")}`,
                  "--balance-similar-node-groups",
                  "--skip-nodes-with-system-pods=false",
                  "--skip-nodes-with-local-storage=false",
              ],
              // The upstream AWS example's requests and limits.
              resources: { requests: { cpu: "100m", memory: "600Mi" }, limits: { cpu: "100m", memory: "600Mi" } },
          }
        : undefined;

    return {
        clusterName,
        version,
        endpointPublicAccess,
        ...(endpointPublicAccess ? { publicAccessCidrs: cidrs ?? ["0.0.0.0/0"] } : {}),
        logTypes: [...EKS_LOG_TYPES],
        logRetentionDays: args.logRetentionDays ?? 90,
        deletionProtection: args.deletionProtection ?? true,
        nodeGroups,
        fargateProfiles,
        ...(clusterAutoscaler ? { clusterAutoscaler } : {}),
    };
}
