import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
    EksCluster,
    type EksClusterArgs,
    KEDA_VERSION,
    LB_CONTROLLER_VERSION,
    planEksCluster,
    substituteRefs,
} from "../../../components/eks";
import { jsonInput, only, type Plan, problemPaths, resource, runPlan } from "../../support";

const base: EksClusterArgs = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-0aaa", "subnet-0bbb"],
    clusterName: "my-cluster",
    nodeGroups: { general: { instanceTypes: ["m5.large"], minSize: 2, maxSize: 4 } },
};
const ctx = { stack: "dev", now: new Date("2026-11-30T12:00:00Z") };
const plan = (args: Partial<EksClusterArgs>) => planEksCluster("c", { ...base, ...args }, ctx);
const paths = (args: Partial<EksClusterArgs>) => problemPaths(() => plan(args));
const QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders";

describe("EksCluster.loadBalancerController (issue 18, item 4)", () => {
    it("the IAM policy is the one AWS publishes for the pinned release, unchanged", () => {
        const published = JSON.parse(
            readFileSync(
                join(__dirname, "../../../components/eks/shared/aws-load-balancer-controller-v3.5.0-iam-policy.json"),
                "utf8",
            ),
        );
        const lb = plan({ loadBalancerController: {} }).loadBalancerController;
        expect(lb?.policy).toEqual(published);
        const actions = (lb?.policy.Statement ?? []).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
        // What an Ingress needs: create ALBs, target groups and listeners, and the service-linked role.
        expect(actions).toEqual(
            expect.arrayContaining([
                "elasticloadbalancing:CreateLoadBalancer",
                "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:CreateListener",
                "iam:CreateServiceLinkedRole",
            ]),
        );
        // Creation only of load balancers tagged for a cluster (the controller's own tag).
        const create = lb?.policy.Statement.find(
            (s) =>
                s.Action === "elasticloadbalancing:CreateLoadBalancer" ||
                (Array.isArray(s.Action) && s.Action.includes("elasticloadbalancing:CreateLoadBalancer")),
        );
        expect(create?.Condition).toEqual({ Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" } });
    });

    it("the Helm release at the pinned chart, with the cluster's name, VPC and region; IRSA or Pod Identity", () => {
        const irsa = plan({ loadBalancerController: {} }).loadBalancerController;
        expect(irsa?.release).toMatchObject({
            chart: "aws-load-balancer-controller",
            version: LB_CONTROLLER_VERSION,
            repositoryOpts: { repo: "https://aws.github.io/eks-charts" },
            namespace: "kube-system",
        });
        expect(
            substituteRefs(irsa?.release.values, {
                region: "us-east-1",
                vpcId: "vpc-1",
                lbControllerRoleArn: "arn:aws:iam::123456789012:role/lbc",
            }),
        ).toEqual({
            clusterName: "my-cluster",
            region: "us-east-1",
            vpcId: "vpc-1",
            replicaCount: 2,
            enableServiceMutatorWebhook: false,
            serviceAccount: {
                create: true,
                name: "aws-load-balancer-controller",
                annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/lbc" },
            },
        });
        expect(irsa?.role.assumeRolePolicy.Statement[0].Condition?.StringEquals).toMatchObject({
            "{{oidcIssuer}}:sub": "system:serviceaccount:kube-system:aws-load-balancer-controller",
        });
        const pod = plan({
            loadBalancerController: {},
            addons: { "eks-pod-identity-agent": {} },
        }).loadBalancerController;
        expect(pod?.binding).toBe("podIdentity");
        expect(pod?.release.values.serviceAccount).toEqual({ create: true, name: "aws-load-balancer-controller" });
    });

    it("rules", () => {
        expect(paths({ loadBalancerController: { version: "2.13.0" } })).toEqual(["loadBalancerController.version"]);
        expect(paths({ loadBalancerController: { iam: "podIdentity" } })).toEqual(["loadBalancerController.iam"]);
        expect(paths({ loadBalancerController: { replicas: 0 } })).toEqual(["loadBalancerController.replicas"]);
        expect(paths({ loadBalancerController: { replica: 2 } as never })).toEqual(["loadBalancerController.replica"]);
    });
});

describe("EksCluster.keda (issue 18, item 5)", () => {
    it("the pinned chart, and an operator role that may read the queues' length", () => {
        const k = plan({ keda: { sqsQueueArns: [QUEUE] } }).keda;
        expect(k?.release).toMatchObject({
            chart: "keda",
            version: KEDA_VERSION,
            repositoryOpts: { repo: "https://kedacore.github.io/charts" },
            namespace: "keda",
            createNamespace: true,
        });
        expect(substituteRefs(k?.policy, { kedaSqsQueue0: QUEUE })?.Statement).toEqual([
            { Sid: "ReadQueueDepth", Effect: "Allow", Action: "sqs:GetQueueAttributes", Resource: [QUEUE] },
        ]);
        expect(substituteRefs(k?.release.values, { kedaRoleArn: "arn:aws:iam::123456789012:role/keda" })).toEqual({
            serviceAccount: { operator: { create: true, name: "keda-operator" } },
            podIdentity: { aws: { irsa: { enabled: true, roleArn: "arn:aws:iam::123456789012:role/keda" } } },
        });
        expect(plan({ keda: {} }).keda?.policy).toBeUndefined();
        expect(plan({ keda: {}, addons: { "eks-pod-identity-agent": {} } }).keda?.release.values).toEqual({
            serviceAccount: { operator: { create: true, name: "keda-operator" } },
        });
    });

    it("rules", () => {
        expect(paths({ keda: { sqsQueueArns: ["orders"] } })).toEqual(["keda.sqsQueueArns[0]"]);
        expect(paths({ keda: { version: "latest" } })).toEqual(["keda.version"]);
        expect(paths({ keda: { iam: "podIdentity" } })).toEqual(["keda.iam"]);
        expect(paths({ keda: { sqsQueueArns: Array.from({ length: 101 }, () => QUEUE) } })).toEqual([
            "keda.sqsQueueArns",
        ]);
    });
});

describe("the controllers in the plan", () => {
    let p: Plan;
    beforeAll(async () => {
        p = await runPlan(() => {
            new EksCluster("ref", {
                ...base,
                addons: { "eks-pod-identity-agent": {} },
                loadBalancerController: {},
                keda: { sqsQueueArns: [QUEUE], iam: "irsa" },
            });
        });
    });

    it("the LB controller: role with the published policy, Pod Identity association, Helm release through the cluster's provider", () => {
        const role = resource(p, "aws:iam/role:Role", "ref-lb-controller-role");
        expect(jsonInput(resource(p, "aws:iam/rolePolicy:RolePolicy", "ref-lb-controller-policy"), "policy")).toEqual(
            plan({ loadBalancerController: {}, addons: { "eks-pod-identity-agent": {} } }).loadBalancerController
                ?.policy,
        );
        const assoc = resource(
            p,
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            "ref-lb-controller-pod-identity",
        );
        expect(assoc.inputs).toMatchObject({
            clusterName: "my-cluster",
            namespace: "kube-system",
            serviceAccount: "aws-load-balancer-controller",
            roleArn: role.outputs?.arn,
        });
        const release = resource(p, "kubernetes:helm.sh/v3:Release", "ref-lb-controller");
        expect(release.inputs.values).toEqual({
            clusterName: "my-cluster",
            region: "us-east-1",
            vpcId: base.vpcId,
            replicaCount: 2,
            enableServiceMutatorWebhook: false,
            serviceAccount: { create: true, name: "aws-load-balancer-controller" },
        });
        expect(release.options.dependsOn).toContain(assoc.urn);
        expect(release.options.provider?.startsWith(`${only(p, "pulumi:providers:kubernetes").urn}::`)).toBe(true);
    });

    it("KEDA by IRSA: the operator's role is in the chart values and may read the queue", () => {
        const role = resource(p, "aws:iam/role:Role", "ref-keda-role");
        const release = resource(p, "kubernetes:helm.sh/v3:Release", "ref-keda");
        expect(release.inputs.values).toMatchObject({
            podIdentity: { aws: { irsa: { enabled: true, roleArn: role.outputs?.arn } } },
        });
        expect(jsonInput(resource(p, "aws:iam/rolePolicy:RolePolicy", "ref-keda-policy"), "policy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Sid: "ReadQueueDepth", Effect: "Allow", Action: "sqs:GetQueueAttributes", Resource: [QUEUE] },
            ],
        });
    });
});
