import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
    type EksApiAccessArgs,
    type EksClusterArgs,
    type EksNodeGroupArgs,
    planEksCluster,
} from "../../../components/eks";
import { problemPaths } from "../../support";
import { REFERENCE_FARGATE_PROFILES, REFERENCE_NODE_GROUPS } from "./reference";

const base: EksClusterArgs = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"] };

function withNodeGroup(ng: Partial<EksNodeGroupArgs>, key = "general"): EksClusterArgs {
    return { ...base, nodeGroups: { [key]: { instanceTypes: ["m5.large"], minSize: 1, maxSize: 3, ...ng } } };
}

const NOW = new Date("2026-11-30T12:00:00Z");
const planOf = (name: string, args: EksClusterArgs, stack = "dev") => planEksCluster(name, args, { stack, now: NOW });
const paths = (args: EksClusterArgs) => problemPaths(() => planOf("c", args));

describe("planEksCluster defaults", () => {
    it("pins a supported version, keeps the endpoint private and turns on all five control-plane log types", () => {
        const plan = planOf("c", base);
        expect(plan.version).toBe("1.35");
        expect(plan.endpointPublicAccess).toBe(false);
        expect(plan.endpointPrivateAccess).toBe(true);
        expect(plan.publicAccessCidrs).toBeUndefined();
        // https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
        expect([...plan.logTypes].sort()).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
        expect(plan.deletionProtection).toBe(true);
        expect(plan.logRetentionDays).toBe(90);
    });

    it("names the cluster after the component and the stack, and keeps a given name", () => {
        expect(planOf("web", base, "prod").clusterName).toBe("web-prod");
        expect(planOf("web", { ...base, clusterName: "my-cluster" }, "prod").clusterName).toBe("my-cluster");
        const long = planOf("x".repeat(120), base, "prod").clusterName;
        expect(long.length).toBeLessThanOrEqual(100);
        expect(long).toMatch(/^[0-9A-Za-z][A-Za-z0-9_-]*$/);
    });

    it("applies node group defaults: on-demand, desired = min, 50 GiB, IMDS hop limit 1, one node at a time", () => {
        const [ng] = planOf("c", withNodeGroup({ minSize: 2, maxSize: 5 })).nodeGroups;
        expect(ng).toMatchObject({
            capacityType: "ON_DEMAND",
            minSize: 2,
            maxSize: 5,
            desiredSize: 2,
            diskSizeGb: 50,
            metadataHopLimit: 1,
            ssmAccess: false,
        });
        expect(ng.updateConfig).toEqual({ maxUnavailable: 1 });
        expect(planOf("c", withNodeGroup({ maxUnavailablePercentage: 33 })).nodeGroups[0].updateConfig).toEqual({
            maxUnavailablePercentage: 33,
        });
    });

    it("plans the reference node groups", () => {
        const plan = planOf("c", { ...base, clusterName: "my-cluster", nodeGroups: REFERENCE_NODE_GROUPS });
        const general = plan.nodeGroups.find((n) => n.key === "general");
        const spot = plan.nodeGroups.find((n) => n.key === "spot");
        expect(general).toMatchObject({
            instanceTypes: ["m5.large"],
            capacityType: "ON_DEMAND",
            minSize: 2,
            maxSize: 10,
            desiredSize: 4,
            diskSizeGb: 50,
            labels: { role: "general" },
        });
        expect(spot).toMatchObject({
            instanceTypes: ["m5.large", "m5a.large", "m4.large"],
            capacityType: "SPOT",
            minSize: 0,
            maxSize: 20,
            desiredSize: 5,
            labels: { role: "worker", lifecycle: "spot" },
        });
    });

    it("plans the reference Fargate profiles", () => {
        const plan = planOf("c", { ...base, fargateProfiles: REFERENCE_FARGATE_PROFILES });
        expect(plan.fargateProfiles).toEqual([
            {
                key: "fp-default",
                selectors: [{ namespace: "default" }, { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }],
            },
            { key: "fp-production", selectors: [{ namespace: "production", labels: { compute: "fargate" } }] },
        ]);
    });

    it("turns the cluster autoscaler on with node groups, off without, with the reference flags", () => {
        expect(planOf("c", base).clusterAutoscaler).toBeUndefined();
        expect(planOf("c", { ...base, fargateProfiles: REFERENCE_FARGATE_PROFILES }).clusterAutoscaler).toBeUndefined();
        const ca = planOf("c", {
            ...base,
            clusterName: "my-cluster",
            nodeGroups: REFERENCE_NODE_GROUPS,
        }).clusterAutoscaler;
        expect(ca).toBeDefined();
        // REFERENCE.md, "Cluster Autoscaler (Node Scaling)".
        expect(ca?.command).toEqual(
            expect.arrayContaining([
                "--cloud-provider=aws",
                "--skip-nodes-with-local-storage=false",
                "--expander=least-waste",
                "--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/my-cluster",
                "--balance-similar-node-groups",
                "--skip-nodes-with-system-pods=false",
            ]),
        );
        expect(
            planOf("c", { ...base, nodeGroups: REFERENCE_NODE_GROUPS, clusterAutoscaler: { enabled: false } })
                .clusterAutoscaler,
        ).toBeUndefined();
    });

    it("runs the autoscaler release of the cluster's Kubernetes minor", () => {
        for (const version of ["1.32", "1.33", "1.34", "1.35", "1.36"]) {
            const ca = planOf("c", { ...withNodeGroup({}), version }).clusterAutoscaler;
            expect(ca?.image).toMatch(
                new RegExp(
                    `^registry\\.k8s\\.io/autoscaling/cluster-autoscaler:v${version.replace(".", "\\.")}\\.\\d+$`,
                ),
            );
        }
        const chosen = planOf("c", {
            ...withNodeGroup({}),
            version: "1.34",
            clusterAutoscaler: { version: "1.34.0", expander: "priority,least-waste" },
        }).clusterAutoscaler;
        expect(chosen?.image).toBe("registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.0");
        expect(chosen?.command).toContain("--expander=priority,least-waste");
    });

    it("keeps 0.0.0.0/0 on the public endpoint only when acknowledged, and narrow CIDRs without", () => {
        const anywhere = planOf("c", {
            ...base,
            apiAccess: { publicAccessCidrs: ["0.0.0.0/0"], allowPublicEndpointFromAnywhere: true },
        });
        expect(anywhere.controlPlane).toMatchObject({
            endpointPrivateAccess: true,
            endpointPublicAccess: true,
            publicAccessCidrs: ["0.0.0.0/0"],
        });
        const narrow = planOf("c", { ...base, apiAccess: { publicAccessCidrs: ["203.0.113.0/24"] } });
        expect(narrow.controlPlane).toMatchObject({
            endpointPublicAccess: true,
            publicAccessCidrs: ["203.0.113.0/24"],
        });
        expect(narrow.warnings).toEqual([]);
    });

    it("skips inputs that are not known yet", () => {
        const plan = planOf("c", { vpcId: pulumi.output("vpc-1"), privateSubnetIds: pulumi.output(["subnet-a"]) });
        expect(plan.clusterName).toBe("c-dev");
    });
});

describe("planEksCluster validation", () => {
    it("requires the VPC and at least two private subnets", () => {
        expect(paths({ ...base, vpcId: undefined as unknown as string })).toEqual(["vpcId"]);
        expect(paths({ ...base, privateSubnetIds: ["subnet-a"] })).toEqual(["privateSubnetIds"]);
    });

    it("rejects a cluster name EKS does not accept", () => {
        expect(paths({ ...base, clusterName: "-bad" })).toEqual(["clusterName"]);
        expect(paths({ ...base, clusterName: "a".repeat(101) })).toEqual(["clusterName"]);
    });

    it("accepts only versions EKS supports on 2026-11-26, as minor versions", () => {
        expect(paths({ ...base, version: "1.31" })).toEqual(["version"]);
        expect(paths({ ...base, version: "1.35.2" })).toEqual(["version"]);
        expect(paths({ ...base, version: "1.37" })).toEqual(["version"]);
    });

    it("node group sizes: min >= 0, max >= 1, min <= desired <= max", () => {
        expect(paths(withNodeGroup({ minSize: -1 }))).toEqual(["nodeGroups.general.minSize"]);
        expect(paths(withNodeGroup({ minSize: 0, maxSize: 0 }))).toEqual(["nodeGroups.general.maxSize"]);
        expect(paths(withNodeGroup({ minSize: 5, maxSize: 3 }))).toEqual([
            "nodeGroups.general.maxSize",
            "nodeGroups.general.minSize",
        ]);
        expect(paths(withNodeGroup({ minSize: 2, maxSize: 5, desiredSize: 1 }))).toEqual([
            "nodeGroups.general.desiredSize",
        ]);
        expect(paths(withNodeGroup({ minSize: 2, maxSize: 5, desiredSize: 6 }))).toEqual([
            "nodeGroups.general.desiredSize",
        ]);
        expect(paths(withNodeGroup({ minSize: 1.5 }))).toEqual(["nodeGroups.general.minSize"]);
    });

    it("node group sizes: every ordered triple is accepted, every inverted min/max names both", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 0, max: 100 }),
                fc.integer({ min: 0, max: 100 }),
                fc.integer({ min: 1, max: 100 }),
                (a, b, c) => {
                    const [min, desired, max] = [a, b, c].sort((x, y) => x - y);
                    const plan = planOf(
                        "c",
                        withNodeGroup({ minSize: min, desiredSize: desired, maxSize: Math.max(max, 1) }),
                    );
                    expect(plan.nodeGroups[0].desiredSize).toBe(desired);
                },
            ),
            { numRuns: 50 },
        );
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (x, y) => {
                fc.pre(x !== y);
                expect(paths(withNodeGroup({ minSize: Math.max(x, y), maxSize: Math.min(x, y) }))).toEqual([
                    "nodeGroups.general.maxSize",
                    "nodeGroups.general.minSize",
                ]);
            }),
            { numRuns: 50 },
        );
    });

    it("maxUnavailablePercentage is 1 to 100", () => {
        expect(paths(withNodeGroup({ maxUnavailablePercentage: 0 }))).toEqual([
            "nodeGroups.general.maxUnavailablePercentage",
        ]);
        expect(paths(withNodeGroup({ maxUnavailablePercentage: 101 }))).toEqual([
            "nodeGroups.general.maxUnavailablePercentage",
        ]);
    });

    it("1 to 20 well-formed, distinct instance types", () => {
        expect(paths(withNodeGroup({ instanceTypes: [] }))).toEqual(["nodeGroups.general.instanceTypes"]);
        const many = Array.from({ length: 21 }, (_, i) => `m${i + 1}.large`);
        expect(paths(withNodeGroup({ instanceTypes: many }))).toEqual(["nodeGroups.general.instanceTypes"]);
        expect(paths(withNodeGroup({ instanceTypes: ["large"] }))).toEqual(["nodeGroups.general.instanceTypes[0]"]);
        expect(paths(withNodeGroup({ instanceTypes: ["m5.large", "m5.large"] }))).toEqual([
            "nodeGroups.general.instanceTypes[1]",
        ]);
        expect(paths(withNodeGroup({ instanceTypes: undefined as unknown as string[] }))).toEqual([
            "nodeGroups.general.instanceTypes",
        ]);
    });

    it("capacity type, disk size and IMDS hop limit", () => {
        expect(paths(withNodeGroup({ capacityType: "RESERVED" as "SPOT" }))).toEqual([
            "nodeGroups.general.capacityType",
        ]);
        expect(paths(withNodeGroup({ diskSizeGb: 10 }))).toEqual(["nodeGroups.general.diskSizeGb"]);
        expect(paths(withNodeGroup({ metadataHopLimit: 0 }))).toEqual(["nodeGroups.general.metadataHopLimit"]);
    });

    it("labels follow the Kubernetes syntax", () => {
        expect(paths(withNodeGroup({ labels: { "bad key!": "x" } }))).toEqual(["nodeGroups.general.labels.bad key!"]);
        expect(paths(withNodeGroup({ labels: { role: "-bad" } }))).toEqual(["nodeGroups.general.labels.role"]);
        expect(planOf("c", withNodeGroup({ labels: { "example.com/role": "ok" } })).nodeGroups[0].labels).toEqual({
            "example.com/role": "ok",
        });
    });

    it("node group labels also meet the EKS API: keys at most 63 characters with the prefix, values not empty", () => {
        // A valid Kubernetes label key (prefix 20 + "/" + name 50) that EKS still rejects.
        const longKey = `${"p".repeat(16)}.com/${"n".repeat(50)}`;
        expect(paths(withNodeGroup({ labels: { [longKey]: "x" } }))).toEqual([`nodeGroups.general.labels.${longKey}`]);
        expect(paths(withNodeGroup({ labels: { role: "" } }))).toEqual(["nodeGroups.general.labels.role"]);
        // Fargate selectors take Kubernetes labels as they are.
        expect(
            planOf("c", {
                ...base,
                fargateProfiles: { fp: { selectors: [{ namespace: "ns", labels: { [longKey]: "" } }] } },
            }).fargateProfiles,
        ).toHaveLength(1);
    });

    it("taints: key 1-63, value up to 63, a valid effect, at most 50", () => {
        expect(
            paths(
                withNodeGroup({ taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" as "NO_SCHEDULE" }] }),
            ),
        ).toEqual(["nodeGroups.general.taints[0].effect"]);
        expect(paths(withNodeGroup({ taints: [{ key: "k".repeat(64), effect: "NO_SCHEDULE" }] }))).toEqual([
            "nodeGroups.general.taints[0].key",
        ]);
        expect(paths(withNodeGroup({ taints: [{ key: "k", value: "v".repeat(64), effect: "NO_EXECUTE" }] }))).toEqual([
            "nodeGroups.general.taints[0].value",
        ]);
        // Kubernetes syntax, which the kubelet enforces when the node registers.
        expect(paths(withNodeGroup({ taints: [{ key: "bad key", effect: "NO_SCHEDULE" }] }))).toEqual([
            "nodeGroups.general.taints[0].key",
        ]);
        expect(paths(withNodeGroup({ taints: [{ key: "Example.com/gpu", effect: "NO_SCHEDULE" }] }))).toEqual([
            "nodeGroups.general.taints[0].key",
        ]);
        expect(paths(withNodeGroup({ taints: [{ key: "gpu", value: "yes please", effect: "NO_SCHEDULE" }] }))).toEqual([
            "nodeGroups.general.taints[0].value",
        ]);
        expect(
            planOf("c", withNodeGroup({ taints: [{ key: "example.com/gpu", value: "", effect: "NO_EXECUTE" }] }))
                .nodeGroups[0].taints,
        ).toHaveLength(1);
        const taints = Array.from({ length: 51 }, (_, i) => ({ key: `t${i}`, effect: "PREFER_NO_SCHEDULE" as const }));
        expect(paths(withNodeGroup({ taints }))).toEqual(["nodeGroups.general.taints"]);
        const ok = planOf("c", withNodeGroup({ taints: [{ key: "dedicated", value: "gpu", effect: "NO_SCHEDULE" }] }));
        expect(ok.nodeGroups[0].taints).toEqual([{ key: "dedicated", value: "gpu", effect: "NO_SCHEDULE" }]);
    });

    it("node group keys fit the EKS name prefix", () => {
        expect(paths(withNodeGroup({}, "bad key"))).toEqual(["nodeGroups.bad key"]);
        expect(paths(withNodeGroup({}, "k".repeat(37)))).toEqual([`nodeGroups.${"k".repeat(37)}`]);
    });

    it("a Fargate profile has 1 to 5 selectors, each with a namespace and at most 5 labels", () => {
        expect(paths({ ...base, fargateProfiles: { fp: { selectors: [] } } })).toEqual([
            "fargateProfiles.fp.selectors",
        ]);
        const six = Array.from({ length: 6 }, (_, i) => ({ namespace: `ns${i}` }));
        expect(paths({ ...base, fargateProfiles: { fp: { selectors: six } } })).toEqual([
            "fargateProfiles.fp.selectors",
        ]);
        expect(paths({ ...base, fargateProfiles: { fp: { selectors: [{ namespace: "" }] } } })).toEqual([
            "fargateProfiles.fp.selectors[0].namespace",
        ]);
        expect(paths({ ...base, fargateProfiles: { fp: { selectors: [{ labels: { a: "b" } } as never] } } })).toEqual([
            "fargateProfiles.fp.selectors[0].namespace",
        ]);
        const labels = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`l${i}`, "x"]));
        expect(paths({ ...base, fargateProfiles: { fp: { selectors: [{ namespace: "ns", labels }] } } })).toEqual([
            "fargateProfiles.fp.selectors[0].labels",
        ]);
        expect(paths({ ...base, fargateProfiles: { fp: { selectors: undefined as never } } })).toEqual([
            "fargateProfiles.fp.selectors",
        ]);
    });

    it("a public endpoint open to 0.0.0.0/0 needs allowPublicEndpointFromAnywhere", () => {
        const pub = (publicAccessCidrs: string[], extra: Partial<EksApiAccessArgs> = {}) => ({
            ...base,
            apiAccess: { publicAccessCidrs, ...extra },
        });
        expect(paths(pub(["0.0.0.0/0"]))).toEqual(["apiAccess.publicAccessCidrs[0]"]);
        expect(paths(pub(["203.0.113.0/24", "0.0.0.0/0"]))).toEqual(["apiAccess.publicAccessCidrs[1]"]);
        expect(paths(pub(["203.0.113.0/33"]))).toEqual(["apiAccess.publicAccessCidrs[0]"]);
        expect(paths(pub([]))).toEqual(["apiAccess.publicAccessCidrs"]);
        // "Public endpoint access CIDR ranges per cluster": 40, not adjustable.
        const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `198.51.${i}.0/24`);
        expect(planOf("c", pub(cidrs(40))).publicAccessCidrs).toHaveLength(40);
        expect(paths(pub(cidrs(41)))).toEqual(["apiAccess.publicAccessCidrs"]);
        // The acknowledgment only where there is something to acknowledge.
        expect(paths(pub(["203.0.113.0/24"], { allowPublicEndpointFromAnywhere: true }))).toEqual([
            "apiAccess.allowPublicEndpointFromAnywhere",
        ]);
        // A string is not a boolean (Config.get() returns strings): the safety check can't be turned off by "false".
        expect(paths(pub(["0.0.0.0/0"], { allowPublicEndpointFromAnywhere: "false" as unknown as boolean }))).toEqual(
            expect.arrayContaining(["apiAccess.allowPublicEndpointFromAnywhere"]),
        );
    });

    it("the private endpoint: allowed security groups and CIDRs become 443 rules; a private-only endpoint nobody can reach warns with the fix", () => {
        const only = planOf("c", base);
        expect(only.controlPlane).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
        expect(only.apiIngress).toEqual([]);
        expect(only.warnings).toHaveLength(1);
        expect(only.warnings[0]).toMatch(/private endpoint only/);
        expect(only.warnings[0]).toMatch(/apiAccess\.privateAccessSecurityGroupIds/);
        expect(only.warnings[0]).toMatch(/apiAccess\.privateAccessCidrs/);
        expect(only.warnings[0]).toMatch(/apiAccess\.publicAccessCidrs/);

        const reach = planOf("c", {
            ...base,
            apiAccess: {
                privateAccessSecurityGroupIds: ["sg-0runner", pulumi.output("sg-x")],
                privateAccessCidrs: ["10.50.0.0/16"],
            },
        });
        expect(reach.warnings).toEqual([]);
        expect(reach.apiIngress).toEqual([
            {
                key: "api-from-sg-0",
                description: "Kubernetes API (443) from sg-0runner",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                securityGroupIndex: 0,
            },
            {
                key: "api-from-sg-1",
                description: "Kubernetes API (443) from apiAccess.privateAccessSecurityGroupIds[1]",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                securityGroupIndex: 1,
            },
            {
                key: "api-from-10-50-0-0-16",
                description: "Kubernetes API (443) from 10.50.0.0/16",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: "10.50.0.0/16",
            },
        ]);
        expect(
            planOf("c", { ...base, apiAccess: { privateEndpoint: false, publicAccessCidrs: ["203.0.113.0/24"] } })
                .controlPlane,
        ).toMatchObject({
            endpointPrivateAccess: false,
            endpointPublicAccess: true,
        });
    });

    it("private endpoint rules: valid distinct CIDRs, no duplicates, at most 59 together, none without the private endpoint", () => {
        const priv = (a: EksApiAccessArgs) => ({ ...base, apiAccess: a });
        expect(paths(priv({ privateAccessCidrs: ["10.0.0.0/33"] }))).toEqual(["apiAccess.privateAccessCidrs[0]"]);
        expect(paths(priv({ privateAccessCidrs: ["10.0.0.0/16", "10.0.0.0/16"] }))).toEqual([
            "apiAccess.privateAccessCidrs[1]",
        ]);
        expect(paths(priv({ privateAccessSecurityGroupIds: ["sg-1", "sg-1"] }))).toEqual([
            "apiAccess.privateAccessSecurityGroupIds[1]",
        ]);
        const cidrs = Array.from({ length: 30 }, (_, i) => `10.${i}.0.0/16`);
        const sgs = Array.from({ length: 30 }, (_, i) => `sg-${i}`);
        expect(paths(priv({ privateAccessCidrs: cidrs, privateAccessSecurityGroupIds: sgs }))).toEqual(["apiAccess"]);
        expect(paths(priv({ privateEndpoint: false }))).toEqual(["apiAccess.privateEndpoint"]);
        expect(
            paths(
                priv({
                    privateEndpoint: false,
                    publicAccessCidrs: ["203.0.113.0/24"],
                    privateAccessCidrs: ["10.0.0.0/16"],
                }),
            ),
        ).toEqual(["apiAccess.privateAccessCidrs"]);
        expect(
            paths(
                priv({
                    privateEndpoint: false,
                    publicAccessCidrs: ["203.0.113.0/24"],
                    privateAccessSecurityGroupIds: ["sg-0runner"],
                }),
            ),
        ).toEqual(["apiAccess.privateAccessSecurityGroupIds"]);
        expect(paths(priv({ privateAccessSecurityGroupIds: pulumi.output(["sg-1"]) as unknown as string[] }))).toEqual([
            "apiAccess.privateAccessSecurityGroupIds",
        ]);
    });

    it("the autoscaler: its release matches the Kubernetes minor, its expander exists, and it has node groups to scale", () => {
        expect(paths({ ...withNodeGroup({}), version: "1.35", clusterAutoscaler: { version: "1.34.4" } })).toEqual([
            "clusterAutoscaler.version",
        ]);
        expect(paths({ ...withNodeGroup({}), clusterAutoscaler: { version: "latest" } })).toEqual([
            "clusterAutoscaler.version",
        ]);
        expect(paths({ ...withNodeGroup({}), clusterAutoscaler: { expander: "price" } })).toEqual([
            "clusterAutoscaler.expander",
        ]);
        expect(paths({ ...withNodeGroup({}), clusterAutoscaler: { expander: "random,random" } })).toEqual([
            "clusterAutoscaler.expander",
        ]);
        expect(paths({ ...base, clusterAutoscaler: { enabled: true } })).toEqual(["clusterAutoscaler.enabled"]);
    });

    it("log retention is a CloudWatch Logs value, and tags follow the AWS rules", () => {
        expect(paths({ ...base, logRetentionDays: 42 })).toEqual(["logRetentionDays"]);
        expect(paths({ ...base, tags: { "aws:owner": "x" } })).toEqual(["tags.aws:owner"]);
        // AWS allows 50 tags a resource; node groups also carry 2 default and 2 autoscaler tags.
        const tags = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`t${i}`, "x"]));
        expect(paths({ ...withNodeGroup({}), tags })).toEqual(["tags"]);
        expect(planOf("c", { ...base, tags }).nodeGroups).toEqual([]);
    });

    it("collects every problem at once", () => {
        const found = paths({
            ...base,
            version: "1.20",
            apiAccess: { publicAccessCidrs: ["0.0.0.0/0"] },
            nodeGroups: { general: { instanceTypes: [], minSize: 3, maxSize: 2, maxUnavailablePercentage: 0 } },
            fargateProfiles: { fp: { selectors: [] } },
        });
        expect(found.sort()).toEqual(
            [
                "version",
                "apiAccess.publicAccessCidrs[0]",
                "nodeGroups.general.instanceTypes",
                "nodeGroups.general.maxSize",
                "nodeGroups.general.minSize",
                "nodeGroups.general.maxUnavailablePercentage",
                "fargateProfiles.fp.selectors",
            ].sort(),
        );
    });

    it("every reason names the allowed values", () => {
        try {
            planOf("c", withNodeGroup({ taints: [{ key: "k", effect: "NoSchedule" as "NO_SCHEDULE" }] }));
            expect.unreachable();
        } catch (e) {
            expect(pulumi.InputPropertiesError.isInstance(e)).toBe(true);
            const err = e as pulumi.InputPropertiesError;
            expect(err.errors[0].reason).toContain('"NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"');
        }
    });
});
