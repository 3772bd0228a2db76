import { beforeAll, describe, expect, it } from "vitest";
import {
    EksCluster,
    type EksClusterArgs,
    KARPENTER_VERSION,
    planEksCluster,
    substituteRefs,
} from "../../../components/eks";
import { jsonInput, ofType, only, type Plan, problemPaths, resource, runPlan } from "../../support";

const base: EksClusterArgs = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-0aaa", "subnet-0bbb"],
    clusterName: "my-cluster",
    // Karpenter's controller runs on a small node group it does not manage.
    nodeGroups: { system: { instanceTypes: ["m5.large"], minSize: 2, maxSize: 3 } },
    nodeAutoscaler: "karpenter",
};
// Karpenter's CRD models are ESM only: loaded with import() from this CommonJS test.
let EC2NodeClass: typeof import("@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass", { with: {
    "resolution-mode": "import",
}}).EC2NodeClass;
let NodePool: typeof import("@kubernetes-models/karpenter/karpenter.sh/v1/NodePool", { with: {
    "resolution-mode": "import",
}}).NodePool;
beforeAll(async () => {
    ({ EC2NodeClass } = await import("@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass"));
    ({ NodePool } = await import("@kubernetes-models/karpenter/karpenter.sh/v1/NodePool"));
});

const ctx = { stack: "dev", now: new Date("2026-11-30T12:00:00Z") };
const plan = (args: Partial<EksClusterArgs> = {}) => planEksCluster("c", { ...base, ...args }, ctx);
const paths = (args: Partial<EksClusterArgs>) => problemPaths(() => plan(args));
const refs = {
    partition: "aws",
    region: "us-east-1",
    accountId: "123456789012",
    oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
    oidcIssuer: "oidc.eks.us-east-1.amazonaws.com/id/ABC",
    karpenterNodeRoleArn: "arn:aws:iam::123456789012:role/KarpenterNodeRole-my-cluster",
    karpenterQueueArn: "arn:aws:sqs:us-east-1:123456789012:my-cluster",
    karpenterControllerRoleArn: "arn:aws:iam::123456789012:role/karpenter",
    clusterSecurityGroupId: "sg-0123456789abcdef0",
};

describe("EksCluster.nodeAutoscaler: Karpenter (issue 18, item 6)", () => {
    it("the cluster autoscaler stays the default; Karpenter replaces it", () => {
        expect(planEksCluster("c", { ...base, nodeAutoscaler: undefined }, ctx).clusterAutoscaler).toBeDefined();
        expect(planEksCluster("c", { ...base, nodeAutoscaler: undefined }, ctx).karpenter).toBeUndefined();
        const k = plan();
        expect(k.clusterAutoscaler).toBeUndefined();
        expect(k.karpenter?.version).toBe(KARPENTER_VERSION);
    });

    it("the controller's IAM as the v1.13 docs publish it, scoped to this cluster", () => {
        const k = plan().karpenter;
        if (!k) throw new Error("no Karpenter");
        const policies = substituteRefs(k.controllerPolicies, refs);
        expect(Object.keys(policies)).toEqual([
            "node-lifecycle",
            "iam-integration",
            "eks-integration",
            "interruption",
            "zonal-shift",
            "resource-discovery",
        ]);
        const sids = Object.values(policies).flatMap((d) => d.Statement.map((s) => s.Sid));
        expect(sids).toEqual([
            "AllowScopedEC2InstanceAccessActions",
            "AllowScopedEC2LaunchTemplateAccessActions",
            "AllowScopedEC2InstanceActionsWithTags",
            "AllowScopedResourceCreationTagging",
            "AllowScopedResourceTagging",
            "AllowScopedDeletion",
            "AllowPassingInstanceRole",
            "AllowScopedInstanceProfileCreationActions",
            "AllowScopedInstanceProfileTagActions",
            "AllowScopedInstanceProfileActions",
            "AllowAPIServerEndpointDiscovery",
            "AllowInterruptionQueueActions",
            "AllowZonalShiftStatusReadOnly",
            "AllowRegionalReadActions",
            "AllowSSMReadActions",
            "AllowPricingReadActions",
            "AllowUnscopedInstanceProfileListAction",
            "AllowInstanceProfileReadActions",
        ]);
        const byId = Object.fromEntries(Object.values(policies).flatMap((d) => d.Statement.map((s) => [s.Sid, s])));
        expect(byId.AllowScopedDeletion.Condition).toEqual({
            StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/my-cluster": "owned" },
            StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        });
        expect(byId.AllowPassingInstanceRole.Resource).toBe(refs.karpenterNodeRoleArn);
        expect(byId.AllowInterruptionQueueActions.Resource).toBe(refs.karpenterQueueArn);
        expect(byId.AllowAPIServerEndpointDiscovery.Resource).toBe(
            "arn:aws:eks:us-east-1:123456789012:cluster/my-cluster",
        );
        // Inline policies share a role's 10,240-character budget (IAM quotas, whitespace not counted).
        const size = Object.values(policies).reduce((n, d) => n + JSON.stringify(d).length, 0);
        expect(size).toBeLessThan(10_240);
    });

    it("the interruption queue (SSE, 5 minutes, TLS only) and its five EventBridge rules", () => {
        const k = plan().karpenter;
        expect(k?.queue).toEqual({ name: "my-cluster", messageRetentionSeconds: 300, sqsManagedSseEnabled: true });
        expect(substituteRefs(k?.queuePolicy, refs)?.Statement[1]).toEqual({
            Sid: "DenyHTTP",
            Effect: "Deny",
            Action: "sqs:*",
            Resource: refs.karpenterQueueArn,
            Condition: { Bool: { "aws:SecureTransport": false } },
            Principal: "*",
        });
        const patterns = Object.values(k?.rules ?? {}).map((r) => JSON.parse(r.eventPattern));
        expect(patterns).toEqual([
            { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
            { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
            { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
            { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
            { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] },
        ]);
    });

    it("the default NodePool and EC2NodeClass from args pass Karpenter's CRD schema", () => {
        const k = plan({
            karpenter: {
                nodePool: {
                    instanceCategories: ["c", "m"],
                    instanceSizes: ["large", "xlarge", "2xlarge"],
                    capacityTypes: ["spot", "on-demand"],
                    architectures: ["amd64", "arm64"],
                    limits: { cpu: 200, memory: "800Gi" },
                    consolidationPolicy: "WhenEmpty",
                    consolidateAfter: "5m",
                    expireAfter: "168h",
                },
                nodeClass: { amiFamily: "Bottlerocket", amiVersion: "v1.30.0", volumeSizeGb: 80 },
            },
        }).karpenter;
        if (!k) throw new Error("no Karpenter");
        const nodeClass = {
            ...k.nodeClass,
            spec: {
                ...substituteRefs(k.nodeClass.spec, refs),
                subnetSelectorTerms: [{ id: "subnet-0aaa" }, { id: "subnet-0bbb" }],
            },
        };
        expect(() => new EC2NodeClass(nodeClass as never).validate()).not.toThrow();
        expect(() => new NodePool(k.nodePool as never).validate()).not.toThrow();
        expect(nodeClass.spec).toMatchObject({
            role: "KarpenterNodeRole-my-cluster",
            amiSelectorTerms: [{ alias: "bottlerocket@v1.30.0" }],
            securityGroupSelectorTerms: [{ id: refs.clusterSecurityGroupId }],
            metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
            blockDeviceMappings: [
                { deviceName: "/dev/xvdb", ebs: { volumeSize: "80Gi", volumeType: "gp3", encrypted: true } },
            ],
        });
        expect(k.nodePool.spec).toMatchObject({
            limits: { cpu: 200, memory: "800Gi" },
            disruption: { consolidationPolicy: "WhenEmpty", consolidateAfter: "5m" },
            template: { spec: { expireAfter: "168h" } },
        });
        const reqs = (k.nodePool.spec as { template: { spec: { requirements: { key: string; values: string[] }[] } } })
            .template.spec.requirements;
        expect(Object.fromEntries(reqs.map((r) => [r.key, r.values]))).toMatchObject({
            "karpenter.sh/capacity-type": ["spot", "on-demand"],
            "karpenter.k8s.aws/instance-category": ["c", "m"],
            "karpenter.k8s.aws/instance-size": ["large", "xlarge", "2xlarge"],
            "kubernetes.io/arch": ["amd64", "arm64"],
        });
        // The defaults pass too, and the schema would catch a bad duration.
        const d = plan().karpenter;
        expect(() => new NodePool(d?.nodePool as never).validate()).not.toThrow();
        const bad = {
            ...d?.nodePool,
            spec: {
                ...d?.nodePool.spec,
                disruption: { consolidationPolicy: "WhenEmpty", consolidateAfter: "1 minute" },
            },
        };
        expect(() => new NodePool(bad as never).validate()).toThrow();
    });

    it("rules: the pinned release, Karpenter's patterns, capacity for the controller, no cluster autoscaler beside it", () => {
        expect(paths({ karpenter: { version: "1.12.0" } })).toEqual(["karpenter.version"]);
        expect(paths({ karpenter: { nodePool: { consolidateAfter: "1 minute" } } })).toEqual([
            "karpenter.nodePool.consolidateAfter",
        ]);
        expect(paths({ karpenter: { nodePool: { expireAfter: "30d" } } })).toEqual(["karpenter.nodePool.expireAfter"]);
        expect(paths({ karpenter: { nodePool: { instanceCategories: ["C5"] } } })).toEqual([
            "karpenter.nodePool.instanceCategories[0]",
        ]);
        expect(paths({ karpenter: { nodePool: { instanceSizes: ["huge"] } } })).toEqual([
            "karpenter.nodePool.instanceSizes[0]",
        ]);
        expect(paths({ karpenter: { nodePool: { capacityTypes: ["spot", "spot"] } } })).toEqual([
            "karpenter.nodePool.capacityTypes[1]",
        ]);
        expect(paths({ karpenter: { nodePool: { capacityTypes: ["preemptible" as "spot"] } } })).toEqual([
            "karpenter.nodePool.capacityTypes[0]",
        ]);
        expect(paths({ karpenter: { nodePool: { limits: { memory: "lots" } } } })).toEqual([
            "karpenter.nodePool.limits.memory",
        ]);
        expect(paths({ karpenter: { nodeClass: { amiVersion: "newest" } } })).toEqual([
            "karpenter.nodeClass.amiVersion",
        ]);
        expect(paths({ karpenter: { iam: "podIdentity" } })).toEqual(["karpenter.iam"]);
        expect(paths({ clusterAutoscaler: { enabled: true } })).toEqual(["clusterAutoscaler.enabled"]);
        expect(paths({ nodeAutoscaler: undefined, karpenter: {} })).toEqual(["karpenter"]);
        expect(paths({ nodeGroups: {} })).toEqual(["nodeAutoscaler"]);
        expect(
            plan({ nodeGroups: {}, fargateProfiles: { system: { selectors: [{ namespace: "kube-system" }] } } })
                .karpenter,
        ).toBeDefined();
    });
});

describe("EksCluster with Karpenter and no cluster autoscaler, in the plan", () => {
    let p: Plan;
    beforeAll(async () => {
        p = await runPlan(() => {
            new EksCluster("ref", { ...base, addons: { "eks-pod-identity-agent": {}, "vpc-cni": {} } });
        });
    });

    it("no cluster autoscaler; Karpenter's Helm release at the pinned chart, bound by Pod Identity", () => {
        expect(p.resources.filter((r) => r.name.includes("autoscaler"))).toHaveLength(0);
        const release = only(p, "kubernetes:helm.sh/v3:Release");
        expect(release.inputs).toMatchObject({
            chart: "oci://public.ecr.aws/karpenter/karpenter",
            version: KARPENTER_VERSION,
            namespace: "kube-system",
        });
        const values = release.inputs.values as {
            settings: Record<string, string>;
            serviceAccount: Record<string, unknown>;
        };
        expect(values.settings).toEqual({ clusterName: "my-cluster", interruptionQueue: "my-cluster" });
        expect(values.serviceAccount).toEqual({ name: "karpenter" });
        const controller = resource(p, "aws:iam/role:Role", "ref-karpenter-controller-role");
        expect(only(p, "aws:eks/podIdentityAssociation:PodIdentityAssociation").inputs).toMatchObject({
            clusterName: "my-cluster",
            namespace: "kube-system",
            serviceAccount: "karpenter",
            roleArn: controller.outputs?.arn,
        });
        expect(
            ofType(p, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name.startsWith("ref-karpenter-")),
        ).toHaveLength(6);
        const pass = jsonInput(
            resource(p, "aws:iam/rolePolicy:RolePolicy", "ref-karpenter-iam-integration"),
            "policy",
        ) as { Statement: { Resource: string }[] };
        expect(pass.Statement[0].Resource).toBe(
            resource(p, "aws:iam/role:Role", "ref-karpenter-node-role").outputs?.arn,
        );
    });

    it("the node role (no CNI policy: the managed vpc-cni has its own) and its EC2_LINUX access entry", () => {
        const role = resource(p, "aws:iam/role:Role", "ref-karpenter-node-role");
        expect(role.inputs.name).toBe("KarpenterNodeRole-my-cluster");
        const attached = ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.name.startsWith("ref-karpenter-node-"))
            .map((a) => a.inputs.policyArn);
        expect(attached.sort()).toEqual(
            ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"]
                .map((n) => `arn:aws:iam::aws:policy/${n}`)
                .sort(),
        );
        expect(resource(p, "aws:eks/accessEntry:AccessEntry", "ref-karpenter-node-access").inputs).toMatchObject({
            principalArn: role.outputs?.arn,
            type: "EC2_LINUX",
        });
    });

    it("the interruption queue's rules target it", () => {
        const queue = only(p, "aws:sqs/queue:Queue");
        const targets = ofType(p, "aws:cloudwatch/eventTarget:EventTarget");
        expect(targets).toHaveLength(5);
        for (const t of targets) expect(t.inputs.arn).toBe(queue.outputs?.arn);
        expect(ofType(p, "aws:cloudwatch/eventRule:EventRule")).toHaveLength(5);
    });

    it("the NodePool and EC2NodeClass, in the private subnets and the cluster security group, pass the CRD schema after the release", () => {
        const release = only(p, "kubernetes:helm.sh/v3:Release");
        const nodeClass = resource(p, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "ref-karpenter-nodeclass");
        const nodePool = resource(p, "kubernetes:karpenter.sh/v1:NodePool", "ref-karpenter-nodepool");
        expect(() => new EC2NodeClass(nodeClass.inputs as never).validate()).not.toThrow();
        expect(() => new NodePool(nodePool.inputs as never).validate()).not.toThrow();
        const spec = nodeClass.inputs.spec as Record<string, unknown>;
        expect(spec.subnetSelectorTerms).toEqual([{ id: "subnet-0aaa" }, { id: "subnet-0bbb" }]);
        expect(spec.securityGroupSelectorTerms).toEqual([{ id: expect.stringMatching(/^sg-[0-9a-f]{17}$/) }]);
        expect(nodeClass.options.dependsOn).toContain(release.urn);
        expect(nodePool.options.dependsOn).toContain(nodeClass.urn);
    });
});
