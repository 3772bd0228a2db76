import { describe, expect, it } from "vitest";
import { type EksAccessArgs, EksCluster, type EksClusterArgs, planEksCluster } from "../../../components/eks";
import { ofType, only, problemPaths, resource, runPlan } from "../../support";

const base: EksClusterArgs = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-a", "subnet-b"],
    clusterName: "my-cluster",
};
const ctx = { stack: "dev", now: new Date("2026-11-30T12:00:00Z") };
const DEPLOYER = "arn:aws:iam::123456789012:role/github-deploy";
const withAccess = (access: EksAccessArgs): EksClusterArgs => ({ ...base, access });
const paths = (access: EksAccessArgs) => problemPaths(() => planEksCluster("c", withAccess(access), ctx));

describe("EksCluster.access: access entries (issue 18, item 1)", () => {
    it("the deployer's cluster-admin grant is explicit, at cluster scope, on the entry EKS creates for the cluster's creator", () => {
        const [deployer] = planEksCluster("c", withAccess({ deployerPrincipalArn: DEPLOYER }), ctx).access;
        expect(deployer).toEqual({
            key: "deployer",
            principal: { deployer: true },
            policies: [
                {
                    key: "cluster-admin",
                    policyArn: "arn:{{partition}}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                    accessScope: { type: "cluster" },
                },
            ],
        });
        expect(deployer.entry).toBeUndefined();
    });

    it("entries: type, groups, username, and policies at cluster or namespace scope", () => {
        const [team] = planEksCluster(
            "c",
            withAccess({
                entries: {
                    "team-a": {
                        principalArn: "arn:aws:iam::123456789012:role/team-a",
                        kubernetesGroups: ["team-a-readers"],
                        username: "team-a",
                        policies: [
                            { policy: "AmazonEKSViewPolicy" },
                            { policy: "AmazonEKSEditPolicy", namespaces: ["team-a", "team-a-*"] },
                        ],
                    },
                },
            }),
            ctx,
        ).access;
        expect(team).toEqual({
            key: "team-a",
            principal: { entry: "team-a" },
            entry: { type: "STANDARD", kubernetesGroups: ["team-a-readers"], userName: "team-a" },
            policies: [
                {
                    key: "view",
                    policyArn: "arn:{{partition}}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
                    accessScope: { type: "cluster" },
                },
                {
                    key: "edit",
                    policyArn: "arn:{{partition}}:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
                    accessScope: { type: "namespace", namespaces: ["team-a", "team-a-*"] },
                },
            ],
        });
    });

    it("principal ARNs: IAM roles and users only; an STS session ARN names the role ARN to use", () => {
        expect(paths({ deployerPrincipalArn: "arn:aws:sts::123456789012:assumed-role/github-deploy/run-42" })).toEqual([
            "access.deployerPrincipalArn",
        ]);
        try {
            planEksCluster(
                "c",
                withAccess({ deployerPrincipalArn: "arn:aws:sts::123456789012:assumed-role/github-deploy/run-42" }),
                ctx,
            );
        } catch (e) {
            expect(String(e)).toContain('"arn:aws:iam::123456789012:role/github-deploy"');
        }
        expect(
            paths({ entries: { a: { principalArn: "github-deploy", policies: [{ policy: "AmazonEKSViewPolicy" }] } } }),
        ).toEqual(["access.entries.a.principalArn"]);
        expect(
            paths({
                entries: {
                    a: { principalArn: "arn:aws:iam::12345:role/x", policies: [{ policy: "AmazonEKSViewPolicy" }] },
                },
            }),
        ).toEqual(["access.entries.a.principalArn"]);
        // The deployer's principal can't get a second entry: EKS already made one.
        expect(
            paths({
                deployerPrincipalArn: DEPLOYER,
                entries: { again: { principalArn: DEPLOYER, policies: [{ policy: "AmazonEKSViewPolicy" }] } },
            }),
        ).toEqual(["access.entries.again.principalArn"]);
    });

    it("policy names are AWS's, and scopes fit them", () => {
        const reason = (() => {
            try {
                planEksCluster(
                    "c",
                    withAccess({
                        entries: {
                            a: {
                                principalArn: DEPLOYER,
                                policies: [{ policy: "ClusterAdmin" as "AmazonEKSAdminPolicy" }],
                            },
                        },
                    }),
                    ctx,
                );
            } catch (e) {
                return String(e);
            }
        })();
        expect(reason).toMatch(
            /access\.entries\.a\.policies\[0\]\.policy: must be one of .*"AmazonEKSClusterAdminPolicy"/,
        );
        expect(
            paths({
                entries: {
                    a: {
                        principalArn: DEPLOYER,
                        policies: [{ policy: "AmazonEKSClusterAdminPolicy", namespaces: ["prod"] }],
                    },
                },
            }),
        ).toEqual(["access.entries.a.policies[0].namespaces"]);
        expect(
            paths({
                entries: {
                    a: { principalArn: DEPLOYER, policies: [{ policy: "AmazonEKSViewPolicy", namespaces: [] }] },
                },
            }),
        ).toEqual(["access.entries.a.policies[0].namespaces"]);
        expect(
            paths({
                entries: {
                    a: { principalArn: DEPLOYER, policies: [{ policy: "AmazonEKSViewPolicy", namespaces: ["Prod"] }] },
                },
            }),
        ).toEqual(["access.entries.a.policies[0].namespaces[0]"]);
        expect(
            paths({
                entries: {
                    a: {
                        principalArn: DEPLOYER,
                        policies: [{ policy: "AmazonEKSViewPolicy" }, { policy: "AmazonEKSViewPolicy" }],
                    },
                },
            }),
        ).toEqual(["access.entries.a.policies[1].policy"]);
    });

    it("types, groups and usernames follow EKS's rules", () => {
        expect(
            paths({ entries: { n: { principalArn: DEPLOYER, type: "EC2_LINUX", kubernetesGroups: ["nodes"] } } }),
        ).toEqual(["access.entries.n.kubernetesGroups"]);
        expect(
            paths({
                entries: {
                    n: { principalArn: DEPLOYER, type: "FARGATE_LINUX", policies: [{ policy: "AmazonEKSViewPolicy" }] },
                },
            }),
        ).toEqual(["access.entries.n.policies"]);
        expect(paths({ entries: { n: { principalArn: DEPLOYER, type: "EC2_LINUX", username: "node" } } })).toEqual([
            "access.entries.n.username",
        ]);
        expect(paths({ entries: { a: { principalArn: DEPLOYER, kubernetesGroups: ["system:masters"] } } })).toEqual([
            "access.entries.a.kubernetesGroups[0]",
        ]);
        expect(
            paths({ entries: { a: { principalArn: DEPLOYER, username: "eks:admin", kubernetesGroups: ["ops"] } } }),
        ).toEqual(["access.entries.a.username"]);
        expect(paths({ entries: { a: { principalArn: DEPLOYER } } })).toEqual(["access.entries.a"]);
        expect(paths({ entries: { deployer: { principalArn: DEPLOYER, kubernetesGroups: ["ops"] } } })).toEqual([
            "access.entries.deployer",
        ]);
        expect(
            paths({
                entries: { a: { principalArn: DEPLOYER, type: "ADMIN" as "STANDARD", kubernetesGroups: ["ops"] } },
            }),
        ).toEqual(expect.arrayContaining(["access.entries.a.type"]));
    });

    it("in the plan: the entries, their policy associations, and the Kubernetes provider waits for the deployer's grant", async () => {
        const plan = await runPlan(() => {
            new EksCluster("ref", {
                ...base,
                access: {
                    deployerPrincipalArn: DEPLOYER,
                    entries: {
                        readers: {
                            principalArn: "arn:aws:iam::123456789012:role/readers",
                            policies: [{ policy: "AmazonEKSViewPolicy", namespaces: ["production"] }],
                        },
                    },
                },
            });
        });
        const deployer = resource(
            plan,
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
            "ref-access-deployer-cluster-admin",
        );
        expect(deployer.inputs).toEqual({
            clusterName: "my-cluster",
            principalArn: DEPLOYER,
            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
            accessScope: { type: "cluster" },
        });
        const entry = only(plan, "aws:eks/accessEntry:AccessEntry");
        expect(entry.name).toBe("ref-access-readers");
        expect(entry.inputs).toMatchObject({
            clusterName: "my-cluster",
            principalArn: "arn:aws:iam::123456789012:role/readers",
            type: "STANDARD",
        });
        const view = resource(
            plan,
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
            "ref-access-readers-view",
        );
        expect(view.inputs.accessScope).toEqual({ type: "namespace", namespaces: ["production"] });
        expect(view.options.dependsOn).toContain(entry.urn);
        expect(ofType(plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation")).toHaveLength(2);
        expect(only(plan, "pulumi:providers:kubernetes").options.dependsOn).toContain(deployer.urn);
    });
});
