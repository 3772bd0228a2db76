import { beforeAll, describe, expect, it } from "vitest";
import { EksCluster, type EksClusterArgs, planEksCluster } from "../../../components/eks";
import { jsonInput, ofType, type Plan, problemPaths, resource, runPlan } from "../../support";
import { REFERENCE_NODE_GROUPS } from "./reference";

const base: EksClusterArgs = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-a", "subnet-b"],
    clusterName: "my-cluster",
};
const ctx = { stack: "dev", now: new Date("2026-11-30T12:00:00Z") };
const ALL: EksClusterArgs["addons"] = {
    "vpc-cni": {},
    coredns: {},
    "kube-proxy": {},
    "aws-ebs-csi-driver": {},
    "eks-pod-identity-agent": {},
};
const plan = (args: Partial<EksClusterArgs>) => planEksCluster("c", { ...base, ...args }, ctx);
const paths = (args: Partial<EksClusterArgs>) => problemPaths(() => plan(args));

describe("EksCluster.addons: managed add-ons (issue 18, item 2)", () => {
    it("the five add-ons, node-level ones before the nodes, with EKS's default version and the program's configuration winning", () => {
        const addons = plan({ addons: ALL }).addons;
        expect(addons.map((a) => [a.name, a.beforeNodes])).toEqual([
            ["vpc-cni", true],
            ["coredns", false],
            ["kube-proxy", true],
            ["aws-ebs-csi-driver", false],
            ["eks-pod-identity-agent", true],
        ]);
        for (const a of addons) {
            expect(a.version).toEqual({ default: true });
            expect([a.resolveConflictsOnCreate, a.resolveConflictsOnUpdate]).toEqual(["OVERWRITE", "OVERWRITE"]);
        }
    });

    it("IAM: vpc-cni by IRSA on aws-node, the EBS CSI driver by Pod Identity when the agent is there (IRSA without it); the others need none", () => {
        const addons = plan({ addons: ALL }).addons;
        const cni = addons.find((a) => a.name === "vpc-cni")?.role;
        expect(cni).toMatchObject({
            binding: "irsa",
            namespace: "kube-system",
            serviceAccount: "aws-node",
            policyArn: "arn:{{partition}}:iam::aws:policy/AmazonEKS_CNI_Policy",
        });
        expect(cni?.assumeRolePolicy.Statement[0].Condition?.StringEquals).toEqual({
            "{{oidcIssuer}}:sub": "system:serviceaccount:kube-system:aws-node",
            "{{oidcIssuer}}:aud": "sts.amazonaws.com",
        });
        const ebs = addons.find((a) => a.name === "aws-ebs-csi-driver")?.role;
        expect(ebs).toMatchObject({
            binding: "podIdentity",
            serviceAccount: "ebs-csi-controller-sa",
            policyArn: "arn:{{partition}}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
        });
        // Only the driver's service account of this cluster, through the session tags Pod Identity sets.
        expect(ebs?.assumeRolePolicy.Statement[0].Condition).toEqual({
            StringEquals: {
                "aws:RequestTag/eks-cluster-name": "my-cluster",
                "aws:RequestTag/kubernetes-namespace": "kube-system",
                "aws:RequestTag/kubernetes-service-account": "ebs-csi-controller-sa",
            },
        });
        expect(ebs?.assumeRolePolicy.Statement[0]).toMatchObject({
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
        });
        for (const n of ["coredns", "kube-proxy", "eks-pod-identity-agent"])
            expect(addons.find((a) => a.name === n)?.role).toBeUndefined();
        expect(plan({ addons: { "aws-ebs-csi-driver": {} } }).addons[0].role?.binding).toBe("irsa");
    });

    it("a managed vpc-cni takes AmazonEKS_CNI_Policy off the node roles", () => {
        const ng = { nodeGroups: { a: { instanceTypes: ["m5.large"], minSize: 1, maxSize: 2 } } };
        expect(Object.keys(plan(ng).nodeGroups[0].policyArns)).toContain("cni");
        expect(Object.keys(plan({ ...ng, addons: { "vpc-cni": {} } }).nodeGroups[0].policyArns)).not.toContain("cni");
        expect(Object.keys(plan({ ...ng, addons: { coredns: {} } }).nodeGroups[0].policyArns)).toContain("cni");
    });

    it("versions: default, latest or pinned in EKS's shape", () => {
        expect(plan({ addons: { coredns: { version: "latest" } } }).addons[0].version).toEqual({ latest: true });
        expect(plan({ addons: { coredns: { version: "v1.11.4-eksbuild.2" } } }).addons[0].version).toEqual({
            pinned: "v1.11.4-eksbuild.2",
        });
        expect(paths({ addons: { coredns: { version: "1.11.4" } } })).toEqual(["addons.coredns.version"]);
    });

    it("configuration values: an object or JSON text, checked as a JSON object", () => {
        const config = { replicaCount: 3, resources: { limits: { memory: "170Mi" } } };
        expect(plan({ addons: { coredns: { configurationValues: config } } }).addons[0].configurationValues).toBe(
            JSON.stringify(config),
        );
        expect(
            plan({ addons: { coredns: { configurationValues: '{"replicaCount":3}' } } }).addons[0].configurationValues,
        ).toBe('{"replicaCount":3}');
        expect(paths({ addons: { coredns: { configurationValues: "{replicaCount: 3}" } } })).toEqual([
            "addons.coredns.configurationValues",
        ]);
        expect(paths({ addons: { coredns: { configurationValues: "[1, 2]" } } })).toEqual([
            "addons.coredns.configurationValues",
        ]);
        expect(paths({ addons: { coredns: { configurationValues: { replicaCount: Number.NaN } } } })).toEqual([
            "addons.coredns.configurationValues",
        ]);
    });

    it("conflict resolution and IAM choices EKS and the add-ons accept", () => {
        expect(paths({ addons: { coredns: { resolveConflictsOnCreate: "PRESERVE" as "NONE" } } })).toEqual([
            "addons.coredns.resolveConflictsOnCreate",
        ]);
        expect(
            plan({ addons: { coredns: { resolveConflictsOnUpdate: "PRESERVE" } } }).addons[0].resolveConflictsOnUpdate,
        ).toBe("PRESERVE");
        expect(paths({ addons: { "aws-ebs-csi-driver": { iam: "podIdentity" } } })).toEqual([
            "addons.aws-ebs-csi-driver.iam",
        ]);
        expect(paths({ addons: { "vpc-cni": { iam: "podIdentity" }, "eks-pod-identity-agent": {} } })).toEqual([
            "addons.vpc-cni.iam",
        ]);
        expect(paths({ addons: { coredns: { iam: "irsa" } } })).toEqual(["addons.coredns.iam"]);
        expect(paths({ addons: { vpc_cni: {} } as never })).toEqual(["addons.vpc_cni"]);
    });

    it("node groups: eksctl's tags and withAddonPolicies", () => {
        const [general] = plan({ nodeGroups: { general: REFERENCE_NODE_GROUPS.general } }).nodeGroups;
        expect(general.policyArns).toMatchObject({
            ebs: "arn:{{partition}}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
            cloudwatch: "arn:{{partition}}:iam::aws:policy/CloudWatchAgentServerPolicy",
        });
        expect(general.instanceTags).toEqual({ "nodegroup-role": "general" });
        expect(general.extraTags).toMatchObject({
            "nodegroup-role": "general",
            "k8s.io/cluster-autoscaler/enabled": "true",
        });
        const many = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`t${i}`, "x"]));
        expect(
            paths({ nodeGroups: { a: { instanceTypes: ["m5.large"], minSize: 1, maxSize: 2, tags: many } } }),
        ).toEqual(["nodeGroups.a.tags"]);
        expect(
            paths({
                nodeGroups: { a: { instanceTypes: ["m5.large"], minSize: 1, maxSize: 2, tags: { "aws:x": "y" } } },
            }),
        ).toEqual(["nodeGroups.a.tags.aws:x"]);
    });
});

describe("EksCluster.addons in the plan", () => {
    let p: Plan;
    beforeAll(async () => {
        p = await runPlan(() => {
            const c = new EksCluster("ref", {
                ...base,
                addons: { ...ALL, coredns: { version: "latest", configurationValues: { replicaCount: 3 } } },
                nodeGroups: REFERENCE_NODE_GROUPS,
            });
            expect(c.podIdentityAgent).toBe(true);
            expect(new EksCluster("bare", { ...base, clusterName: "bare" }).podIdentityAgent).toBe(false);
        });
    });

    it("each add-on, bound to its role by IRSA or a Pod Identity association", () => {
        expect(
            ofType(p, "aws:eks/addon:Addon")
                .map((a) => a.inputs.addonName)
                .sort(),
        ).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
        const cni = resource(p, "aws:eks/addon:Addon", "ref-addon-vpc-cni");
        const cniRole = resource(p, "aws:iam/role:Role", "ref-addon-vpc-cni-role");
        expect(cni.inputs).toMatchObject({
            clusterName: "my-cluster",
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
            serviceAccountRoleArn: cniRole.outputs?.arn,
        });
        expect(cni.inputs.addonVersion).toBeUndefined();
        const ebs = resource(p, "aws:eks/addon:Addon", "ref-addon-aws-ebs-csi-driver");
        expect(ebs.inputs.podIdentityAssociations).toEqual([
            {
                roleArn: resource(p, "aws:iam/role:Role", "ref-addon-aws-ebs-csi-driver-role").outputs?.arn,
                serviceAccount: "ebs-csi-controller-sa",
            },
        ]);
        expect(ebs.inputs.serviceAccountRoleArn).toBeUndefined();
        const trust = jsonInput(cniRole, "assumeRolePolicy") as {
            Statement: { Condition: { StringEquals: Record<string, string> } }[];
        };
        expect(Object.values(trust.Statement[0].Condition.StringEquals)).toContain(
            "system:serviceaccount:kube-system:aws-node",
        );
        expect(
            resource(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ref-addon-vpc-cni-policy").inputs
                .policyArn,
        ).toBe("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
        const coredns = resource(p, "aws:eks/addon:Addon", "ref-addon-coredns");
        expect(coredns.inputs.addonVersion).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
        expect(JSON.parse(coredns.inputs.configurationValues as string)).toEqual({ replicaCount: 3 });
    });

    it("node groups wait for the node-level add-ons; coredns and the EBS driver wait for the nodes", () => {
        const nodeLevel = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"].map(
            (n) => resource(p, "aws:eks/addon:Addon", `ref-addon-${n}`).urn,
        );
        for (const ng of ofType(p, "aws:eks/nodeGroup:NodeGroup"))
            for (const u of nodeLevel) expect(ng.options.dependsOn).toContain(u);
        for (const n of ["coredns", "aws-ebs-csi-driver"]) {
            const a = resource(p, "aws:eks/addon:Addon", `ref-addon-${n}`);
            for (const ng of ofType(p, "aws:eks/nodeGroup:NodeGroup")) expect(a.options.dependsOn).toContain(ng.urn);
        }
    });

    it("the reference node group's tags reach the group, its instances and volumes", () => {
        const ng = resource(p, "aws:eks/nodeGroup:NodeGroup", "ref-ng-general");
        expect(ng.inputs.tags).toMatchObject({ "nodegroup-role": "general", "managed-by": "compute-layer" });
        const lt = resource(p, "aws:ec2/launchTemplate:LaunchTemplate", "ref-ng-general-lt");
        for (const spec of lt.inputs.tagSpecifications as { tags: Record<string, string> }[])
            expect(spec.tags).toMatchObject({ "nodegroup-role": "general" });
        expect(resource(p, "eks:index:Cluster", "ref-cluster").inputs.name).toBe("my-cluster");
    });
});
