import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument, PolicyStatement, Validator } from "../../../src/core";

export type { PolicyDocument, PolicyStatement };

/** A policy document from its statements. */
export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * Values known only at deploy time, which planners leave as `{{name}}` placeholders in otherwise
 * final inputs (IAM's own `${aws:...}` policy variables are untouched). The component fills them
 * with Outputs through {@link resolveRefs}; tests fill them with plain values through
 * {@link substituteRefs}.
 */
export type Refs = Record<string, string>;

const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;

/** `{{name}}`: the placeholder of a deploy-time value. */
export function ref(name: string): string {
    return `{{${name}}}`;
}

/** Replaces every `{{name}}` in the strings of `value` (deeply) by `refs[name]`; an unknown name throws. */
export function substituteRefs<T>(value: T, refs: Refs): T {
    const walk = (v: unknown): unknown => {
        if (typeof v === "string") {
            return v.replace(PLACEHOLDER, (_, name: string) => {
                const r = refs[name];
                if (r === undefined) throw new Error(`no value for the deploy-time reference {{${name}}}`);
                return r;
            });
        }
        if (Array.isArray(v)) return v.map(walk);
        if (v !== null && typeof v === "object")
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k), walk(x)]));
        return v;
    };
    return walk(value) as T;
}

/** The placeholder names used in `value`. */
export function refNames(value: unknown): Set<string> {
    const out = new Set<string>();
    const walk = (v: unknown): void => {
        if (typeof v === "string") for (const m of v.matchAll(PLACEHOLDER)) out.add(m[1]);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v !== null && typeof v === "object") {
            for (const [k, x] of Object.entries(v)) {
                walk(k);
                walk(x);
            }
        }
    };
    walk(value);
    return out;
}

/** {@link substituteRefs} with deploy-time values: waits only for the references `value` uses. */
export function resolveRefs<T>(value: T, refs: Record<string, pulumi.Input<string>>): pulumi.Output<T> {
    const names = [...refNames(value)];
    if (names.length === 0) return pulumi.output(value) as pulumi.Output<T>;
    const inputs: Record<string, pulumi.Input<string>> = {};
    for (const n of names) {
        if (refs[n] === undefined) throw new Error(`no value for the deploy-time reference {{${n}}}`);
        inputs[n] = refs[n];
    }
    return pulumi.all(inputs).apply((known) => substituteRefs(value, known as Refs)) as pulumi.Output<T>;
}

/** {@link resolveRefs} of a policy document, as the JSON text IAM takes. */
export function resolvePolicy(doc: PolicyDocument, refs: Record<string, pulumi.Input<string>>): pulumi.Output<string> {
    return resolveRefs(doc, refs).apply((d) => JSON.stringify(d));
}

/** The deploy-time references every EKS planner may use. */
export const AWS_REFS = { partition: ref("partition"), region: ref("region"), accountId: ref("accountId") } as const;
/** The cluster's IAM OIDC provider ARN and issuer (without `https://`), for IRSA trust. */
export const OIDC_REFS = { providerArn: ref("oidcProviderArn"), issuer: ref("oidcIssuer") } as const;

/** `arn:<partition>:iam::aws:policy/<name>`, an AWS managed policy. */
export function managedPolicyArn(name: string): string {
    return `arn:${AWS_REFS.partition}:iam::aws:policy/${name}`;
}

/**
 * The trust policy of an IRSA role: only the named service account's tokens, and only tokens
 * meant for STS (exact match, no wildcard).
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 */
export function irsaTrust(namespace: string, serviceAccount: string): PolicyDocument {
    return policyDocument([
        {
            Effect: "Allow",
            Principal: { Federated: OIDC_REFS.providerArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    [`${OIDC_REFS.issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                    [`${OIDC_REFS.issuer}:aud`]: "sts.amazonaws.com",
                },
            },
        },
    ]);
}

/**
 * The trust policy of an EKS Pod Identity role: the Pod Identity service principal, with
 * `sts:TagSession`, limited to one service account of one cluster through the session tags Pod
 * Identity sets (`eks-cluster-name`, `kubernetes-namespace`, `kubernetes-service-account`), as the
 * EKS user guide shows ("Create IAM role with trust policy required by EKS Pod Identity").
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export function podIdentityTrust(clusterName: string, namespace: string, serviceAccount: string): PolicyDocument {
    return policyDocument([
        {
            Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
            Effect: "Allow",
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: {
                StringEquals: {
                    "aws:RequestTag/eks-cluster-name": clusterName,
                    "aws:RequestTag/kubernetes-namespace": namespace,
                    "aws:RequestTag/kubernetes-service-account": serviceAccount,
                },
            },
        },
    ]);
}

/** How a service account gets its IAM role: EKS Pod Identity or IRSA. */
export type RoleBinding = "podIdentity" | "irsa";

/**
 * The role of a service account (a controller's or an add-on's): bound as `iam` says, else by Pod
 * Identity when the cluster manages the eks-pod-identity-agent add-on and by IRSA when it does
 * not. Pod Identity without the agent is a problem at `iamPath`.
 */
export function serviceAccountRole(
    v: Validator,
    iamPath: string,
    o: {
        iam: RoleBinding | undefined;
        hasPodIdentityAgent: boolean;
        clusterName: string;
        namespace: string;
        serviceAccount: string;
        /** Whose role it is, e.g. "the KEDA operator". */
        of: string;
    },
): { binding: RoleBinding; role: { description: string; assumeRolePolicy: PolicyDocument } } {
    const binding = o.iam ?? (o.hasPodIdentityAgent ? "podIdentity" : "irsa");
    if (binding === "podIdentity" && !o.hasPodIdentityAgent) {
        v.add(
            iamPath,
            'Pod Identity needs the eks-pod-identity-agent add-on: add addons["eks-pod-identity-agent"], or use "irsa"',
        );
    }
    const how = binding === "irsa" ? "IRSA" : "Pod Identity";
    return {
        binding,
        role: {
            description: `${how} role of ${o.of} of EKS cluster ${o.clusterName}`,
            assumeRolePolicy:
                binding === "irsa"
                    ? irsaTrust(o.namespace, o.serviceAccount)
                    : podIdentityTrust(o.clusterName, o.namespace, o.serviceAccount),
        },
    };
}

/**
 * {@link resolveRefs} per top-level field, for resource args that must be an object (Kubernetes
 * resources): fields without references stay plain, the others become Outputs.
 */
export function resolveFields<T extends object>(
    value: T,
    refs: Record<string, pulumi.Input<string>>,
): { [K in keyof T]: pulumi.Input<T[K]> } {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = refNames(v).size > 0 ? resolveRefs(v, refs) : v;
    return out as { [K in keyof T]: pulumi.Input<T[K]> };
}
