import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceAccount } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { KubernetesService, type KubernetesServiceArgs, planKubernetesService } from "../../../components/kubernetes";
import { childrenOf, only, problemPaths, runPlan } from "../../support";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:orders";
const base: KubernetesServiceArgs = { namespace: "production", image: "nginx:1.21", port: 8080 };
const statements = [
    { Effect: "Allow" as const, Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource: QUEUE_ARN },
];
const plan = (awsAccess: KubernetesServiceArgs["awsAccess"], extra: Partial<KubernetesServiceArgs> = {}) =>
    planKubernetesService("worker", { ...base, ...extra, awsAccess }, ctx);
const paths = (awsAccess: unknown, extra: Partial<KubernetesServiceArgs> = {}) =>
    problemPaths(() => plan(awsAccess as KubernetesServiceArgs["awsAccess"], extra));

async function run(args: KubernetesServiceArgs) {
    const result = await runPlan(() => {
        new KubernetesService("worker", args, { provider: new k8s.Provider("k", { kubeconfig: "{}" }) });
    });
    const children = childrenOf(result, only(result, KubernetesService.TYPE));
    const of = (type: string) => children.find((c) => c.type === type);
    return { children, of };
}

describe("awsAccess: EKS Pod Identity (the default)", () => {
    it("creates the ServiceAccount, a role only this ServiceAccount of this cluster may assume through Pod Identity, its policy, and the association", async () => {
        const { of } = await run({ ...base, awsAccess: { clusterName: "platform", statements } });
        const sa = of("kubernetes:core/v1:ServiceAccount");
        expect(sa?.inputs).toMatchObject({
            metadata: { name: "worker", namespace: "production" },
            automountServiceAccountToken: false,
        });
        new ServiceAccount(JSON.parse(JSON.stringify(sa?.inputs)) as never).validate();
        const deployment = of("kubernetes:apps/v1:Deployment");
        expect(deployment?.inputs).toMatchObject({ spec: { template: { spec: { serviceAccountName: "worker" } } } });

        const role = of("aws:iam/role:Role");
        const trust = JSON.parse(String(role?.inputs.assumeRolePolicy));
        // Only this ServiceAccount of this cluster: the session tags Pod Identity sets.
        expect(trust.Statement).toEqual([
            {
                Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: {
                    StringEquals: {
                        "aws:RequestTag/eks-cluster-name": "platform",
                        "aws:RequestTag/kubernetes-namespace": "production",
                        "aws:RequestTag/kubernetes-service-account": "worker",
                    },
                },
            },
        ]);
        const policy = of("aws:iam/rolePolicy:RolePolicy");
        expect(JSON.parse(String(policy?.inputs.policy))).toEqual({ Version: "2012-10-17", Statement: statements });
        const pia = of("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        expect(pia?.inputs).toMatchObject({
            clusterName: "platform",
            namespace: "production",
            serviceAccount: "worker",
        });
        expect(String(pia?.inputs.roleArn)).toMatch(/^arn:aws:iam::123456789012:role\//);
        // The AWS children carry the default tags, as the planner gives them.
        const tags = { "managed-by": "compute-layer", component: "worker" };
        expect(role?.inputs.tags).toEqual(tags);
        expect(pia?.inputs.tags).toEqual(tags);
        expect(plan({ clusterName: "platform", statements }).awsAccess?.role?.tags).toEqual(tags);
    });

    it("binds an existing role without creating one", async () => {
        const roleArn = "arn:aws:iam::123456789012:role/orders-worker";
        const { children, of } = await run({
            ...base,
            awsAccess: { clusterName: "platform", roleArn, serviceAccountName: "orders" },
        });
        expect(children.some((c) => c.type === "aws:iam/role:Role")).toBe(false);
        expect(of("aws:eks/podIdentityAssociation:PodIdentityAssociation")?.inputs).toMatchObject({
            roleArn,
            serviceAccount: "orders",
        });
        expect(of("kubernetes:core/v1:ServiceAccount")?.inputs).toMatchObject({ metadata: { name: "orders" } });
    });
});

describe("awsAccess: IRSA", () => {
    it("annotates the ServiceAccount with the role, which trusts only this ServiceAccount's tokens for STS", async () => {
        const { children, of } = await run({
            ...base,
            awsAccess: {
                binding: "irsa",
                statements,
                oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
                oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC",
            },
        });
        expect(children.some((c) => c.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation")).toBe(false);
        const trust = JSON.parse(String(of("aws:iam/role:Role")?.inputs.assumeRolePolicy));
        expect(trust.Statement[0]).toMatchObject({
            Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:production:worker",
                    "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
                },
            },
        });
        expect(of("kubernetes:core/v1:ServiceAccount")?.inputs).toMatchObject({
            metadata: {
                annotations: {
                    "eks.amazonaws.com/role-arn": expect.stringMatching(/^arn:aws:iam::123456789012:role\//),
                },
            },
        });
    });

    it("with an existing role, the annotation is planned", () => {
        const roleArn = "arn:aws:iam::123456789012:role/r";
        expect(plan({ binding: "irsa", roleArn }).serviceAccount?.metadata.annotations).toEqual({
            "eks.amazonaws.com/role-arn": roleArn,
        });
    });
});

describe("awsAccess: failing cases", () => {
    it.each<[string, unknown, Partial<KubernetesServiceArgs>, string]>([
        ["roleArn or statements", { clusterName: "c" }, {}, "awsAccess"],
        ["not both", { clusterName: "c", roleArn: "arn:aws:iam::123456789012:role/r", statements }, {}, "awsAccess"],
        ["a role ARN", { clusterName: "c", roleArn: "arn:aws:iam::123456789012:user/u" }, {}, "awsAccess.roleArn"],
        ["Pod Identity needs the cluster", { statements }, {}, "awsAccess.clusterName"],
        ["a namespace", { clusterName: "c", statements }, { namespace: undefined }, "namespace"],
        ["one ServiceAccount", { clusterName: "c", statements }, { serviceAccountName: "other" }, "serviceAccountName"],
        [
            "ServiceAccount names",
            { clusterName: "c", statements, serviceAccountName: "Orders" },
            {},
            "awsAccess.serviceAccountName",
        ],
        [
            "IRSA needs the OIDC provider",
            { binding: "irsa", statements, oidcIssuer: "oidc.example" },
            {},
            "awsAccess.oidcProviderArn",
        ],
        [
            "IRSA needs the issuer",
            { binding: "irsa", statements, oidcProviderArn: "arn:aws:iam::1:oidc-provider/x" },
            {},
            "awsAccess.oidcIssuer",
        ],
        ["statements", { clusterName: "c", statements: [] }, {}, "awsAccess.statements"],
        [
            "actions",
            { clusterName: "c", statements: [{ Effect: "Allow", Action: "ReceiveMessage", Resource: QUEUE_ARN }] },
            {},
            "awsAccess.statements[0].Action",
        ],
        [
            "resources are ARNs",
            { clusterName: "c", statements: [{ Effect: "Allow", Action: "sqs:*", Resource: "orders" }] },
            {},
            "awsAccess.statements[0].Resource",
        ],
        [
            "Action or NotAction",
            { clusterName: "c", statements: [{ Effect: "Allow", Resource: QUEUE_ARN }] },
            {},
            "awsAccess.statements[0]",
        ],
        [
            "Resource or NotResource",
            { clusterName: "c", statements: [{ Effect: "Allow", Action: "sqs:*" }] },
            {},
            "awsAccess.statements[0]",
        ],
        [
            "a non-empty Action list",
            { clusterName: "c", statements: [{ Effect: "Allow", Action: [], Resource: QUEUE_ARN }] },
            {},
            "awsAccess.statements[0].Action",
        ],
        [
            "a non-empty Resource list",
            { clusterName: "c", statements: [{ Effect: "Allow", Action: "sqs:*", Resource: [] }] },
            {},
            "awsAccess.statements[0].Resource",
        ],
        [
            "no * on *",
            { clusterName: "c", statements: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
            {},
            "awsAccess.statements[0]",
        ],
        [
            "Effect",
            { clusterName: "c", statements: [{ Effect: "allow", Action: "sqs:*", Resource: QUEUE_ARN }] },
            {},
            "awsAccess.statements[0].Effect",
        ],
        ["binding", { clusterName: "c", statements, binding: "kiam" }, {}, "awsAccess.binding"],
        ["plan-time", pulumi.output({ clusterName: "c", statements }), {}, "awsAccess"],
    ])("%s", (_, access, extra, path) => {
        expect(paths(access, extra)).toEqual([path]);
    });

    it("IAM's inline role policy size", () => {
        const many = Array.from({ length: 200 }, (_, i) => ({
            Effect: "Allow" as const,
            Action: "sqs:ReceiveMessage",
            Resource: `${QUEUE_ARN}-${i}`,
        }));
        expect(paths({ clusterName: "c", statements: many })).toEqual(["awsAccess.statements"]);
        // Unknown until deploy time: not counted.
        expect(() =>
            plan({
                clusterName: "c",
                statements: [{ Effect: "Allow", Action: "sqs:*", Resource: pulumi.output(QUEUE_ARN) }],
            }),
        ).not.toThrow();
    });
});
