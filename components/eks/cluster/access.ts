import { isKnown, joinPath, type Validator } from "../../../src/core";
import { AWS_REFS } from "../shared";
import type { EksAccessArgs, EksAccessEntryType, EksAccessPolicyName } from "./args";

/**
 * The access policies EKS publishes (`aws eks list-access-policies`; "Review access policy
 * permissions", EKS user guide, 2026-11). They can't be modified and you can't create your own.
 * https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html
 */
export const EKS_ACCESS_POLICIES = [
    "AmazonAIOpsAssistantPolicy",
    "AmazonARCRegionSwitchScalingPolicy",
    "AmazonEKSAdminPolicy",
    "AmazonEKSAdminViewPolicy",
    "AmazonEKSAutoNodePolicy",
    "AmazonEKSBlockStoragePolicy",
    "AmazonEKSClusterAdminPolicy",
    "AmazonEKSClusterInsightsPolicy",
    "AmazonEKSComputePolicy",
    "AmazonEKSEditPolicy",
    "AmazonEKSHybridPolicy",
    "AmazonEKSLoadBalancingPolicy",
    "AmazonEKSNetworkingPolicy",
    "AmazonEKSSecretReaderPolicy",
    "AmazonEKSViewPolicy",
    "AmazonEMRJobPolicy",
] as const;

/**
 * Access entry types (EKS CreateAccessEntry `type`). Only `STANDARD` entries take Kubernetes
 * groups and a username; node types get their permissions from EKS.
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html
 */
export const EKS_ACCESS_ENTRY_TYPES = [
    "STANDARD",
    "EC2",
    "EC2_LINUX",
    "EC2_WINDOWS",
    "FARGATE_LINUX",
    "HYBRID_LINUX",
    "HYPERPOD_LINUX",
] as const;

/** The key of the deployer's access policy association. */
export const DEPLOYER_ACCESS_KEY = "deployer";

/** Access entries and their access policy associations, as the final inputs. */
export interface AccessEntryPlan {
    key: string;
    /** Index into the entries, or `deployer`, to find the principal ARN (which may be an Output). */
    principal: { entry: string } | { deployer: true };
    /** The entry itself; absent for the deployer, whose entry EKS creates with the cluster. */
    entry?: { type: EksAccessEntryType; kubernetesGroups?: string[]; userName?: string };
    policies: {
        key: string;
        policyArn: string;
        accessScope: { type: "cluster" | "namespace"; namespaces?: string[] };
    }[];
}

/**
 * An IAM role or user ARN, as access entries take them. An STS assumed-role ARN (what
 * `aws sts get-caller-identity` shows inside a role session) is not a principal EKS accepts.
 */
const PRINCIPAL_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-[a-z])?:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;
const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/.+$/;
/** Prefixes EKS reserves for usernames and Kubernetes groups of access entries. */
const RESERVED_PREFIXES = ["system:", "eks:", "aws:", "amazon:", "iam:"];
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\*?$|^[a-z0-9-]*\*$/;

function checkPrincipal(v: Validator, path: string, arn: unknown): void {
    if (!isKnown(arn) || typeof arn !== "string") return;
    const assumed = ASSUMED_ROLE.exec(arn);
    if (assumed) {
        v.add(
            path,
            `is an STS session ARN; access entries take the IAM role's ARN: "arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}" (with the role's path, if it has one)`,
        );
    } else if (!PRINCIPAL_ARN.test(arn)) {
        v.add(
            path,
            `must be an IAM role or user ARN such as "arn:aws:iam::123456789012:role/platform-admins" (got ${JSON.stringify(arn)})`,
        );
    }
}

/** Checks `access` and returns the entries and associations to create. */
export function planAccess(v: Validator, access: EksAccessArgs): AccessEntryPlan[] {
    const out: AccessEntryPlan[] = [];
    const policyArn = (name: EksAccessPolicyName) => `arn:${AWS_REFS.partition}:eks::aws:cluster-access-policy/${name}`;
    if (access.deployerPrincipalArn !== undefined) {
        checkPrincipal(v, "access.deployerPrincipalArn", access.deployerPrincipalArn);
        out.push({
            key: DEPLOYER_ACCESS_KEY,
            principal: { deployer: true },
            policies: [
                {
                    key: "cluster-admin",
                    policyArn: policyArn("AmazonEKSClusterAdminPolicy"),
                    accessScope: { type: "cluster" },
                },
            ],
        });
    }
    const seen = new Map<string, string>();
    if (isKnown(access.deployerPrincipalArn)) seen.set(access.deployerPrincipalArn, "access.deployerPrincipalArn");
    for (const [key, e] of Object.entries(access.entries ?? {})) {
        const p = (...rest: (string | number)[]) => joinPath("access.entries", key, ...rest);
        if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(key) || key.length > 40 || key === DEPLOYER_ACCESS_KEY) {
            v.add(
                p(),
                `access entry keys must be 1 to 40 lowercase letters, digits and "-", other than "${DEPLOYER_ACCESS_KEY}" (got ${JSON.stringify(key)})`,
            );
        }
        checkPrincipal(v, p("principalArn"), e.principalArn);
        if (isKnown(e.principalArn)) {
            const first = seen.get(e.principalArn);
            if (first)
                v.add(p("principalArn"), `is already given at ${first}; a principal has one access entry a cluster`);
            else seen.set(e.principalArn, p("principalArn"));
        }
        const type = e.type ?? "STANDARD";
        if (type !== "STANDARD") {
            if (e.kubernetesGroups !== undefined)
                v.add(p("kubernetesGroups"), `only STANDARD entries take Kubernetes groups (this one is ${type})`);
            if (e.username !== undefined)
                v.add(p("username"), `only STANDARD entries take a username (this one is ${type})`);
            if ((e.policies ?? []).length > 0 && type !== "EC2")
                v.add(p("policies"), `${type} entries take no access policies: EKS grants node permissions itself`);
        }
        (e.kubernetesGroups ?? []).forEach((g, i) => {
            const reserved = RESERVED_PREFIXES.find((r) => g.startsWith(r));
            if (reserved)
                v.add(
                    p("kubernetesGroups", i),
                    `must not start with "${reserved}", which EKS reserves (got ${JSON.stringify(g)})`,
                );
            else if (g.length === 0) v.add(p("kubernetesGroups", i), "must not be empty");
        });
        v.unique(
            (e.kubernetesGroups ?? []).map((g, i) => ({ value: g, path: p("kubernetesGroups", i) })),
            "Kubernetes group",
        );
        if (e.username !== undefined) {
            const reserved = RESERVED_PREFIXES.find((r) => e.username?.startsWith(r));
            if (reserved)
                v.add(
                    p("username"),
                    `must not start with "${reserved}", which EKS reserves (got ${JSON.stringify(e.username)})`,
                );
        }
        if (type === "STANDARD" && (e.policies ?? []).length === 0 && (e.kubernetesGroups ?? []).length === 0) {
            v.add(
                p(),
                "grants nothing: give policies (AWS's access policies) or kubernetesGroups (bound by your own RBAC)",
            );
        }
        const policies = (e.policies ?? []).map((pol, i) => {
            const namespaces = pol.namespaces;
            if (namespaces !== undefined && namespaces.length === 0) {
                v.add(
                    p("policies", i, "namespaces"),
                    "must name at least one namespace; leave it out for cluster scope",
                );
            }
            (namespaces ?? []).forEach((ns, j) => {
                if (ns.length > 63 || !NAMESPACE.test(ns)) {
                    v.add(
                        p("policies", i, "namespaces", j),
                        `must be a Kubernetes namespace name, optionally ending in "*" (got ${JSON.stringify(ns)})`,
                    );
                }
            });
            if (pol.policy === "AmazonEKSClusterAdminPolicy" && namespaces !== undefined) {
                v.add(
                    p("policies", i, "namespaces"),
                    "AmazonEKSClusterAdminPolicy is for cluster scope; for a namespace use AmazonEKSAdminPolicy",
                );
            }
            return {
                key: pol.policy
                    .replace(/^Amazon(EKS)?/, "")
                    .replace(/Policy$/, "")
                    .toLowerCase(),
                policyArn: policyArn(pol.policy),
                accessScope:
                    namespaces === undefined
                        ? { type: "cluster" as const }
                        : { type: "namespace" as const, namespaces: [...namespaces] },
            };
        });
        v.unique(
            (e.policies ?? []).map((pol, i) => ({ value: pol.policy, path: p("policies", i, "policy") })),
            "access policy",
        );
        out.push({
            key,
            principal: { entry: key },
            entry: {
                type,
                ...(e.kubernetesGroups !== undefined ? { kubernetesGroups: [...e.kubernetesGroups] } : {}),
                ...(e.username !== undefined ? { userName: e.username } : {}),
            },
            policies,
        });
    }
    return out;
}
