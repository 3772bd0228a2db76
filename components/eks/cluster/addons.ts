import { isKnown, joinPath, type Validator } from "../../../src/core";
import { managedPolicyArn, type PolicyDocument, serviceAccountRole } from "../shared";
import type { EksAddonArgs, EksAddonName, EksClusterArgs } from "./args";

/** The managed add-ons `EksCluster.addons` installs. */
export const EKS_ADDON_NAMES = [
    "vpc-cni",
    "coredns",
    "kube-proxy",
    "aws-ebs-csi-driver",
    "eks-pod-identity-agent",
    "metrics-server",
] as const;

/**
 * What each add-on needs from AWS, and when it can be created. vpc-cni, kube-proxy and the Pod
 * Identity agent are node-level and go in before the node groups (so nodes come up with them);
 * coredns and the EBS CSI driver run as Deployments and need nodes to become healthy.
 * IAM: "Amazon EKS add-ons" and each add-on's page in the EKS user guide
 * (https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html).
 */
export const EKS_ADDONS: Record<
    EksAddonName,
    { beforeNodes: boolean; iam?: { namespace: string; serviceAccount: string; managedPolicy: string } }
> = {
    // The CNI's aws-node DaemonSet: AmazonEKS_CNI_Policy (IPv4), on its own role instead of the node role
    // ("Configure Amazon VPC CNI plugin to use IRSA", EKS best practices).
    "vpc-cni": {
        beforeNodes: true,
        iam: { namespace: "kube-system", serviceAccount: "aws-node", managedPolicy: "AmazonEKS_CNI_Policy" },
    },
    "kube-proxy": { beforeNodes: true },
    "eks-pod-identity-agent": { beforeNodes: true },
    coredns: { beforeNodes: false },
    // The EKS community add-on: a Deployment that needs nodes, and no AWS permissions.
    "metrics-server": { beforeNodes: false },
    "aws-ebs-csi-driver": {
        beforeNodes: false,
        iam: {
            namespace: "kube-system",
            serviceAccount: "ebs-csi-controller-sa",
            managedPolicy: "service-role/AmazonEBSCSIDriverPolicy",
        },
    },
};

/** One managed add-on: the final inputs of the `aws.eks.Addon`, and of its IAM role when it has one. */
export interface AddonPlan {
    name: EksAddonName;
    /** Created before the node groups (which depend on it), or after them. */
    beforeNodes: boolean;
    /** How the version is chosen: a pinned one, EKS's default for the cluster's version, or the newest (looked up at deploy time). */
    version: { pinned: string } | { default: true } | { latest: true };
    resolveConflictsOnCreate: "NONE" | "OVERWRITE";
    resolveConflictsOnUpdate: "NONE" | "OVERWRITE" | "PRESERVE";
    /** JSON text. */
    configurationValues?: string;
    /** The add-on's role, when it needs AWS permissions. */
    role?: {
        binding: "podIdentity" | "irsa";
        namespace: string;
        serviceAccount: string;
        description: string;
        assumeRolePolicy: PolicyDocument;
        policyArn: string;
    };
}

/** `v<major>.<minor>.<patch>-eksbuild.<n>`, as `aws eks describe-addon-versions` lists them. */
const ADDON_VERSION = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

/** Problems with a value that must become JSON (no undefined, functions, non-finite numbers). */
function jsonProblem(value: unknown, at = ""): string | undefined {
    if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
    if (typeof value === "number")
        return Number.isFinite(value) ? undefined : `${at || "the value"} is ${value}, which JSON can't hold`;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const p = jsonProblem(value[i], `${at}[${i}]`);
            if (p) return p;
        }
        return undefined;
    }
    if (typeof value === "object" && !isKnown(value as never))
        return `${at || "the value"} is an Output; give the configuration as plain values`;
    if (typeof value === "object") {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            const p = jsonProblem(v, at ? `${at}.${k}` : k);
            if (p) return p;
        }
        return undefined;
    }
    return `${at || "the value"} is ${typeof value === "undefined" ? "undefined" : `a ${typeof value}`}, which JSON can't hold`;
}

/** Checks `addons` and returns the add-ons to create, in a stable order. */
export function planAddons(v: Validator, args: EksClusterArgs, clusterName: string): AddonPlan[] {
    const addons = args.addons ?? {};
    const names = EKS_ADDON_NAMES.filter((n) => addons[n] !== undefined);
    const hasAgent = names.includes("eks-pod-identity-agent");
    return names.map((name) => {
        const a = addons[name] as EksAddonArgs;
        const p = (...rest: (string | number)[]) => joinPath("addons", name, ...rest);
        const spec = EKS_ADDONS[name];

        const version: AddonPlan["version"] =
            a.version === undefined || a.version === "default"
                ? { default: true }
                : a.version === "latest"
                  ? { latest: true }
                  : { pinned: a.version };
        if ("pinned" in version && !ADDON_VERSION.test(version.pinned)) {
            v.add(
                p("version"),
                `must be "default", "latest" or a version such as "v1.19.2-eksbuild.1" (aws eks describe-addon-versions) (got ${JSON.stringify(a.version)})`,
            );
        }

        let configurationValues: string | undefined;
        if (typeof a.configurationValues === "string") {
            try {
                const parsed: unknown = JSON.parse(a.configurationValues);
                if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
                    v.add(
                        p("configurationValues"),
                        "must be a JSON object (the add-on's configuration schema is an object)",
                    );
                }
                configurationValues = a.configurationValues;
            } catch (e) {
                v.add(p("configurationValues"), `must be valid JSON: ${(e as Error).message}`);
            }
        } else if (a.configurationValues !== undefined) {
            const problem = jsonProblem(a.configurationValues);
            if (problem) v.add(p("configurationValues"), `must be JSON: ${problem}`);
            else configurationValues = JSON.stringify(a.configurationValues);
        }

        let role: AddonPlan["role"];
        if (spec.iam) {
            const { namespace, serviceAccount, managedPolicy } = spec.iam;
            if (a.iam === "podIdentity" && name === "vpc-cni") {
                v.add(
                    p("iam"),
                    'the VPC CNI must have its permissions before any node (and so the Pod Identity agent) runs: use "irsa"',
                );
            }
            const bound = serviceAccountRole(v, p("iam"), {
                // The VPC CNI defaults to IRSA: it runs before the Pod Identity agent can.
                iam: a.iam ?? (name === "vpc-cni" ? "irsa" : undefined),
                hasPodIdentityAgent: hasAgent,
                clusterName,
                namespace,
                serviceAccount,
                of: `the ${name} add-on`,
            });
            role = {
                binding: bound.binding,
                namespace,
                serviceAccount,
                ...bound.role,
                policyArn: managedPolicyArn(managedPolicy),
            };
        } else if (a.iam !== undefined) {
            v.add(p("iam"), `${name} needs no AWS permissions; remove iam`);
        }

        return {
            name,
            beforeNodes: spec.beforeNodes,
            version,
            // The program is the source of truth: it takes over the self-managed copies EKS installs
            // with a new cluster, and its configuration wins over edits made with kubectl.
            resolveConflictsOnCreate: a.resolveConflictsOnCreate ?? "OVERWRITE",
            resolveConflictsOnUpdate: a.resolveConflictsOnUpdate ?? "OVERWRITE",
            ...(configurationValues !== undefined ? { configurationValues } : {}),
            ...(role ? { role } : {}),
        };
    });
}
