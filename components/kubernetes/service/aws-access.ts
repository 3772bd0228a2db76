import type * as pulumi from "@pulumi/pulumi";
import {
    defaultTags,
    dnsSubdomainProblem,
    isDeployTimeValue,
    isKnown,
    joinPath,
    type Tags,
    type Validator,
} from "../../../src/core";
import { irsaTrust, type PolicyDocument, podIdentityTrust, ref } from "../../eks/shared";
import type { KubernetesAwsAccessArgs, KubernetesPolicyStatementArgs } from "./args";

/** What `awsAccess` creates: the ServiceAccount, and the role and its binding. */
export interface AwsAccessPlan {
    binding: "podIdentity" | "irsa";
    /** The ServiceAccount's name. */
    serviceAccountName: string;
    /** Its annotations: IRSA's role ARN when the role already exists (the component adds a created role's). */
    serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
    /** The role to create (with `statements`): its args, the trust with `{{refs}}` the component resolves. */
    role?: {
        description: string;
        assumeRolePolicy: PolicyDocument;
        inlinePolicy: { Version: "2012-10-17"; Statement: KubernetesPolicyStatementArgs[] };
        tags: Tags;
    };
    /** The existing role, when `roleArn` is given. */
    roleArn?: pulumi.Input<string>;
    /** The Pod Identity association's inputs (the component adds a created role's ARN). */
    podIdentityAssociation?: {
        clusterName: pulumi.Input<string>;
        namespace: string;
        serviceAccount: string;
        tags: Tags;
    };
    /** Deploy-time values of the trust policy's references. */
    refs: {
        clusterName?: pulumi.Input<string>;
        oidcProviderArn?: pulumi.Input<string>;
        oidcIssuer?: pulumi.Input<string>;
    };
}

/** The IRSA annotation on a ServiceAccount. */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** `service:Action`, with `*` / `?` wildcards, or `*` (IAM's action grammar). */
const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
/** "Role policy size cannot exceed 10,240 characters" (IAM and AWS STS quotas). */
const INLINE_ROLE_POLICY_MAX = 10_240;

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

function checkStatement(v: Validator, s: KubernetesPolicyStatementArgs, path: string): void {
    if ((s.Action === undefined) === (s.NotAction === undefined))
        v.add(path, "must set exactly one of Action and NotAction");
    if ((s.Resource === undefined) === (s.NotResource === undefined))
        v.add(path, "must set exactly one of Resource and NotResource");
    for (const field of ["Action", "NotAction"] as const) {
        list(s[field]).forEach((a, i) => {
            if (!ACTION.test(a))
                v.add(
                    joinPath(path, field, Array.isArray(s[field]) ? i : undefined),
                    `must be an IAM action such as "sqs:ReceiveMessage" (got ${JSON.stringify(a)})`,
                );
        });
        if (Array.isArray(s[field]) && s[field].length === 0) v.add(joinPath(path, field), "must not be empty");
    }
    for (const field of ["Resource", "NotResource"] as const) {
        if (Array.isArray(s[field]) && s[field].length === 0) v.add(joinPath(path, field), "must not be empty");
        list(s[field]).forEach((r, i) => {
            if (isKnown(r) && r !== "*" && !r.startsWith("arn:"))
                v.add(
                    joinPath(path, field, Array.isArray(s[field]) ? i : undefined),
                    `must be an ARN or "*" (got ${JSON.stringify(r)})`,
                );
        });
    }
    const actions = list(s.Action);
    const resources = list(s.Resource);
    if (s.Effect === "Allow" && actions.includes("*") && resources.some((r) => r === "*")) {
        v.add(path, 'allows every action on every resource ("*" on "*"): name the actions and resources the pods need');
    }
}

/** Checks `awsAccess` and plans its ServiceAccount, role and binding. */
export function planAwsAccess(
    v: Validator,
    a: KubernetesAwsAccessArgs,
    ctx: { name: string; component: string; namespace?: string; serviceAccountName?: pulumi.Input<string> },
): AwsAccessPlan {
    const p = (...rest: (string | number)[]) => joinPath("awsAccess", ...rest);
    const binding = a.binding ?? "podIdentity";
    const saName = a.serviceAccountName ?? ctx.name;
    if (a.serviceAccountName !== undefined) {
        const sp = dnsSubdomainProblem(a.serviceAccountName);
        if (sp) v.add(p("serviceAccountName"), sp);
    }
    if (ctx.serviceAccountName !== undefined) {
        v.add(
            "serviceAccountName",
            "must not be set with awsAccess, which creates the pods' ServiceAccount: use awsAccess.serviceAccountName to name it",
        );
    }
    if (ctx.namespace === undefined)
        v.add("namespace", "is required with awsAccess: the role's binding names the ServiceAccount's namespace");
    if ((a.roleArn === undefined) === (a.statements === undefined)) {
        v.add(
            "awsAccess",
            "must set exactly one of roleArn (an existing role) and statements (for a role compute-layer creates)",
        );
    }
    if (isKnown(a.roleArn) && !ROLE_ARN.test(a.roleArn))
        v.add(
            p("roleArn"),
            `must be an IAM role ARN, arn:aws:iam::<account>:role/<name> (got ${JSON.stringify(a.roleArn)})`,
        );
    if (binding === "podIdentity" && a.clusterName === undefined) {
        v.add(
            p("clusterName"),
            "is required for Pod Identity: the association and the role's trust name the cluster (e.g. EksCluster.clusterName)",
        );
    }
    if (binding === "irsa" && a.statements !== undefined) {
        if (a.oidcProviderArn === undefined)
            v.add(
                p("oidcProviderArn"),
                "is required for IRSA: the role trusts the cluster's OIDC provider (EksCluster.oidcProviderArn)",
            );
        if (a.oidcIssuer === undefined)
            v.add(
                p("oidcIssuer"),
                "is required for IRSA: the trust names the issuer's subject (EksCluster.oidcIssuer)",
            );
    }
    const statements = a.statements ?? [];
    if (a.statements !== undefined && statements.length === 0)
        v.add(p("statements"), "must have at least one statement");
    statements.forEach((s, i) => {
        checkStatement(v, s, p("statements", i));
    });
    const inlinePolicy = { Version: "2012-10-17" as const, Statement: statements };
    // The size is known when no resource is an Output.
    const resourcesKnown = statements.every((s) =>
        [...list(s.Resource), ...list(s.NotResource)].every((r) => !isDeployTimeValue(r)),
    );
    if (resourcesKnown) {
        const size = JSON.stringify(inlinePolicy).length;
        if (size > INLINE_ROLE_POLICY_MAX)
            v.add(
                p("statements"),
                `make a policy of ${size} characters; IAM allows ${INLINE_ROLE_POLICY_MAX} in a role's inline policies`,
            );
    }

    const namespace = ctx.namespace ?? "";
    return {
        binding,
        serviceAccountName: saName,
        serviceAccountAnnotations:
            binding === "irsa" && a.roleArn !== undefined ? { [IRSA_ROLE_ANNOTATION]: a.roleArn } : {},
        ...(a.statements !== undefined
            ? {
                  role: {
                      description: `${binding === "irsa" ? "IRSA" : "Pod Identity"} role of ${namespace}/${saName} (compute-layer KubernetesService ${ctx.name})`,
                      assumeRolePolicy:
                          binding === "irsa"
                              ? irsaTrust(namespace, saName)
                              : podIdentityTrust(ref("clusterName"), namespace, saName),
                      inlinePolicy,
                      tags: defaultTags(ctx.component),
                  },
              }
            : { roleArn: a.roleArn }),
        ...(binding === "podIdentity" && a.clusterName !== undefined
            ? {
                  podIdentityAssociation: {
                      clusterName: a.clusterName,
                      namespace,
                      serviceAccount: saName,
                      tags: defaultTags(ctx.component),
                  },
              }
            : {}),
        refs: {
            ...(a.clusterName !== undefined ? { clusterName: a.clusterName } : {}),
            ...(a.oidcProviderArn !== undefined ? { oidcProviderArn: a.oidcProviderArn } : {}),
            ...(a.oidcIssuer !== undefined ? { oidcIssuer: a.oidcIssuer } : {}),
        },
    };
}
