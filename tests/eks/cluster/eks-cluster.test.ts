import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "kubernetes-models/apps/v1";
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { ServiceAccount } from "kubernetes-models/v1";
import { beforeAll, describe, expect, it } from "vitest";
import { EksCluster, type EksClusterArgs } from "../../../components/eks";
import {
    childrenOf,
    expectInvalid,
    input,
    isSecretMarker,
    jsonInput,
    ofType,
    only,
    type Plan,
    type PlannedResource,
    resource,
    runPlan,
} from "../../support";
import { REFERENCE_FARGATE_PROFILES, REFERENCE_NODE_GROUPS } from "./reference";

const PRIVATE_SUBNETS = ["subnet-0aaa", "subnet-0bbb", "subnet-0ccc"];
const base: EksClusterArgs = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: PRIVATE_SUBNETS,
    publicSubnetIds: ["subnet-0ddd", "subnet-0eee"],
};
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

const T = {
    component: "compute-layer:index:EksCluster",
    cluster: "eks:index:Cluster",
    key: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    fargate: "aws:eks/fargateProfile:FargateProfile",
    provider: "pulumi:providers:kubernetes",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
    clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
    k8sRole: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    deployment: "kubernetes:apps/v1:Deployment",
};

interface Statement {
    Effect: string;
    Action: string | string[];
    Resource?: string | string[];
    Principal?: Record<string, string>;
    Condition?: Record<string, Record<string, string>>;
}
const statements = (r: PlannedResource, key: string) => (jsonInput(r, key) as { Statement: Statement[] }).Statement;
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe("EksCluster: the reference cluster (REFERENCE.md, EKS)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await runPlan(() => {
            const c = new EksCluster("ref", {
                ...base,
                clusterName: "my-cluster",
                nodeGroups: REFERENCE_NODE_GROUPS,
                fargateProfiles: REFERENCE_FARGATE_PROFILES,
                tags: { team: "platform" },
            });
            return { kubeconfig: c.kubeconfig, oidcProviderArn: c.oidcProviderArn, clusterName: c.clusterName };
        });
    });

    const component = () => only(plan, T.component);

    it("registers one component whose every resource is its child", () => {
        const children = childrenOf(plan, component());
        expect(children.length).toBe(plan.resources.length - 1);
        expect(plan.outputs.clusterName).toBe("my-cluster");
    });

    it("control plane: no default node group, API authentication, KMS secrets encryption, five log types, private endpoint, OIDC provider", () => {
        const cluster = only(plan, T.cluster);
        expect(cluster.inputs).toMatchObject({
            name: "my-cluster",
            version: "1.35",
            vpcId: base.vpcId,
            privateSubnetIds: PRIVATE_SUBNETS,
            publicSubnetIds: ["subnet-0ddd", "subnet-0eee"],
            skipDefaultNodeGroup: true,
            authenticationMode: "API",
            endpointPrivateAccess: true,
            endpointPublicAccess: false,
            createOidcProvider: true,
            deletionProtection: true,
        });
        expect(cluster.inputs.publicAccessCidrs).toBeUndefined();
        expect([...(cluster.inputs.enabledClusterLogTypes as string[])].sort()).toEqual([
            "api",
            "audit",
            "authenticator",
            "controllerManager",
            "scheduler",
        ]);
        const key = only(plan, T.key);
        expect(key.inputs.enableKeyRotation).toBe(true);
        expect(cluster.inputs.encryptionConfigKeyArn).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/`));
        expect(cluster.options.dependsOn).toContain(key.urn);
        const logs = only(plan, T.logGroup);
        expect(logs.inputs).toMatchObject({ name: "/aws/eks/my-cluster/cluster", retentionInDays: 90 });
        expect(cluster.options.dependsOn).toContain(logs.urn);
    });

    it("the reference node groups, in the private subnets, ignoring desiredSize", () => {
        const general = resource(plan, T.nodeGroup, "ref-ng-general");
        const spot = resource(plan, T.nodeGroup, "ref-ng-spot");
        expect(general.inputs).toMatchObject({
            clusterName: "my-cluster",
            instanceTypes: ["m5.large"],
            capacityType: "ON_DEMAND",
            scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 4 },
            labels: { role: "general" },
            subnetIds: PRIVATE_SUBNETS,
        });
        expect(spot.inputs).toMatchObject({
            clusterName: "my-cluster",
            instanceTypes: ["m5.large", "m5a.large", "m4.large"],
            capacityType: "SPOT",
            scalingConfig: { minSize: 0, maxSize: 20, desiredSize: 5 },
            labels: { role: "worker", lifecycle: "spot" },
            subnetIds: PRIVATE_SUBNETS,
        });
        const cluster = only(plan, T.cluster);
        for (const ng of [general, spot]) {
            expect(ng.options.ignoreChanges).toContain("scalingConfig.desiredSize");
            expect(ng.options.dependsOn).toContain(cluster.urn);
            // Cluster-autoscaler auto-discovery tags.
            expect(ng.inputs.tags).toMatchObject({
                "k8s.io/cluster-autoscaler/enabled": "true",
                "k8s.io/cluster-autoscaler/my-cluster": "owned",
            });
            expect(input(ng, "updateConfig.maxUnavailable")).toBe(1);
        }
    });

    it("each node group has its own role with the worker, CNI and ECR read-only policies, and the reference's add-on policies (EBS, CloudWatch)", () => {
        for (const key of ["general", "spot"]) {
            const role = resource(plan, T.role, `ref-ng-${key}-role`);
            const trust = statements(role, "assumeRolePolicy");
            expect(trust).toEqual([
                { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
            const attached = ofType(plan, T.attachment)
                .filter((a) => a.name.startsWith(`ref-ng-${key}-`))
                .map((a) => a.inputs.policyArn);
            const addonPolicies =
                key === "general"
                    ? [
                          "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
                          "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
                      ]
                    : [];
            expect(attached.sort()).toEqual(
                [
                    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
                    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                    ...addonPolicies,
                ].sort(),
            );
            expect(resource(plan, T.nodeGroup, `ref-ng-${key}`).inputs.nodeRoleArn).toMatch(
                new RegExp(`^arn:aws:iam::${ACCOUNT}:role/`),
            );
        }
    });

    it("each node group launches from a template with IMDSv2 required and an encrypted gp3 root volume", () => {
        const lt = resource(plan, T.launchTemplate, "ref-ng-general-lt");
        expect(lt.inputs.metadataOptions).toMatchObject({
            httpTokens: "required",
            httpEndpoint: "enabled",
            httpPutResponseHopLimit: 1,
        });
        expect(lt.inputs.blockDeviceMappings).toEqual([
            {
                deviceName: "/dev/xvda",
                ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
            },
        ]);
        const ng = resource(plan, T.nodeGroup, "ref-ng-general");
        expect(input(ng, "launchTemplate.id")).toMatch(/^lt-/);
        expect(input(ng, "launchTemplate.version")).toBe("1");
        // The node group itself must not set a disk size: EKS rejects diskSize together with a launch template.
        expect(ng.inputs.diskSize).toBeUndefined();
    });

    it("the reference Fargate profiles, private subnets only, with a pod execution role limited to this cluster's profiles", () => {
        const def = resource(plan, T.fargate, "ref-fp-fp-default");
        const prod = resource(plan, T.fargate, "ref-fp-fp-production");
        expect(def.inputs).toMatchObject({
            clusterName: "my-cluster",
            subnetIds: PRIVATE_SUBNETS,
            selectors: [{ namespace: "default" }, { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }],
        });
        expect(prod.inputs).toMatchObject({
            clusterName: "my-cluster",
            subnetIds: PRIVATE_SUBNETS,
            selectors: [{ namespace: "production", labels: { compute: "fargate" } }],
        });
        // EKS creates one Fargate profile at a time per cluster.
        expect(prod.options.dependsOn).toContain(def.urn);
        const role = resource(plan, T.role, "ref-fargate-pod-role");
        expect(statements(role, "assumeRolePolicy")).toEqual([
            {
                Effect: "Allow",
                Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    ArnLike: { "aws:SourceArn": `arn:aws:eks:${REGION}:${ACCOUNT}:fargateprofile/my-cluster/*` },
                },
            },
        ]);
        expect(resource(plan, T.attachment, "ref-fargate-pod-role-policy").inputs.policyArn).toBe(
            "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
        );
        expect(def.inputs.podExecutionRoleArn).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/`));
    });

    it("the autoscaler's IRSA role trusts only its service account, for STS tokens", () => {
        const oidcArn = plan.outputs.oidcProviderArn as string;
        const issuer = oidcArn.split(":oidc-provider/")[1];
        expect(issuer).toMatch(/^oidc\.eks\.us-east-1\.amazonaws\.com\/id\//);
        const trust = statements(resource(plan, T.role, "ref-autoscaler-role"), "assumeRolePolicy");
        expect(trust).toHaveLength(1);
        expect(trust[0].Effect).toBe("Allow");
        expect(trust[0].Action).toBe("sts:AssumeRoleWithWebIdentity");
        expect(trust[0].Principal).toEqual({ Federated: oidcArn });
        // Exact match (no StringLike wildcard), on both the subject and the audience.
        expect(trust[0].Condition).toEqual({
            StringEquals: {
                [`${issuer}:sub`]: "system:serviceaccount:kube-system:cluster-autoscaler",
                [`${issuer}:aud`]: "sts.amazonaws.com",
            },
        });
    });

    it("the autoscaler's IAM policy only changes this cluster's node group ASGs", () => {
        const policy = statements(resource(plan, T.rolePolicy, "ref-autoscaler-policy"), "policy");
        const writes = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"];
        for (const s of policy) {
            const actions = list(s.Action);
            expect(actions.every((a) => /^(autoscaling|ec2|eks):(Describe|Get)/.test(a) || writes.includes(a))).toBe(
                true,
            );
            if (actions.some((a) => writes.includes(a))) {
                expect(s.Condition).toEqual({
                    StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/my-cluster": "owned" },
                });
            }
            if (actions.includes("eks:DescribeNodegroup"))
                expect(s.Resource).toBe(`arn:aws:eks:${REGION}:${ACCOUNT}:nodegroup/my-cluster/*`);
        }
        const all = policy.flatMap((s) => list(s.Action));
        // The permissions the upstream AWS guide lists for auto-discovery.
        expect(all).toEqual(
            expect.arrayContaining([
                "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeAutoScalingInstances",
                "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeTags",
                "ec2:DescribeLaunchTemplateVersions",
                "ec2:DescribeInstanceTypes",
                ...writes,
            ]),
        );
    });

    it("every Kubernetes object passes the upstream schema and goes through the cluster's provider", () => {
        const provider = only(plan, T.provider);
        const objects: [string, (r: PlannedResource) => { validate(): void }][] = [
            [T.serviceAccount, (r) => new ServiceAccount(r.inputs as never)],
            [T.clusterRole, (r) => new ClusterRole(r.inputs as never)],
            [T.clusterRoleBinding, (r) => new ClusterRoleBinding(r.inputs as never)],
            [T.k8sRole, (r) => new Role(r.inputs as never)],
            [T.roleBinding, (r) => new RoleBinding(r.inputs as never)],
            [T.deployment, (r) => new Deployment(r.inputs as never)],
        ];
        for (const [type, model] of objects) {
            const r = only(plan, type);
            expect(() => model(r).validate(), type).not.toThrow();
            expect(r.options.provider?.startsWith(`${provider.urn}::`), type).toBe(true);
        }
        const k8sTypes = plan.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.type);
        expect(k8sTypes.sort()).toEqual(objects.map(([t]) => t).sort());
    });

    it("the service account carries the IRSA role, and the bindings grant the RBAC to it", () => {
        const sa = only(plan, T.serviceAccount);
        expect(input(sa, "metadata.name")).toBe("cluster-autoscaler");
        expect(input(sa, "metadata.namespace")).toBe("kube-system");
        expect(input(sa, "metadata.annotations")).toEqual({
            "eks.amazonaws.com/role-arn": expect.stringMatching(
                new RegExp(`^arn:aws:iam::${ACCOUNT}:role/ref-autoscaler-role-`),
            ),
        });
        const subject = [{ kind: "ServiceAccount", name: "cluster-autoscaler", namespace: "kube-system" }];
        const crb = only(plan, T.clusterRoleBinding);
        expect(crb.inputs.subjects).toEqual(subject);
        expect(crb.inputs.roleRef).toEqual({
            apiGroup: "rbac.authorization.k8s.io",
            kind: "ClusterRole",
            name: input(only(plan, T.clusterRole), "metadata.name"),
        });
        const rb = only(plan, T.roleBinding);
        expect(rb.inputs.subjects).toEqual(subject);
        expect(rb.inputs.roleRef).toEqual({
            apiGroup: "rbac.authorization.k8s.io",
            kind: "Role",
            name: input(only(plan, T.k8sRole), "metadata.name"),
        });
        expect(input(rb, "metadata.namespace")).toBe("kube-system");
    });

    it("the autoscaler Deployment: the reference flags, a matching image, resources and a restricted security context", () => {
        const d = only(plan, T.deployment);
        expect(input(d, "metadata.namespace")).toBe("kube-system");
        const pod = input(d, "spec.template.spec") as Record<string, unknown>;
        expect(pod.serviceAccountName).toBe("cluster-autoscaler");
        expect(pod.priorityClassName).toBe("system-cluster-critical");
        const [container] = pod.containers as Record<string, unknown>[];
        expect(container.image).toMatch(/^registry\.k8s\.io\/autoscaling\/cluster-autoscaler:v1\.35\.\d+$/);
        // REFERENCE.md, "Cluster Autoscaler (Node Scaling)" and issue 6.
        expect(container.command).toEqual(
            expect.arrayContaining([
                "--cloud-provider=aws",
                "--expander=least-waste",
                "--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/my-cluster",
                "--balance-similar-node-groups",
                "--skip-nodes-with-system-pods=false",
                "--skip-nodes-with-local-storage=false",
            ]),
        );
        expect(container.resources).toMatchObject({
            requests: { cpu: expect.any(String), memory: expect.any(String) },
            limits: { memory: expect.any(String) },
        });
        expect(container.securityContext).toMatchObject({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
        });
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        expect(container.env).toEqual([{ name: "AWS_REGION", value: REGION }]);
        // It waits for nodes to run on.
        for (const ng of ofType(plan, T.nodeGroup)) expect(d.options.dependsOn).toContain(ng.urn);
    });

    it("the Kubernetes provider waits for the node groups and Fargate profiles, so workloads have capacity on the first up", () => {
        const provider = only(plan, T.provider);
        const capacity = [...ofType(plan, T.nodeGroup), ...ofType(plan, T.fargate)];
        expect(capacity).toHaveLength(4);
        for (const r of capacity) expect(provider.options.dependsOn, r.name).toContain(r.urn);
    });

    it("keeps the kubeconfig secret, in the outputs and in the provider", () => {
        expect(isSecretMarker(plan.outputs.kubeconfig)).toBe(true);
        expect(isSecretMarker(only(plan, T.provider).inputs.kubeconfig)).toBe(true);
    });

    it("tags every taggable AWS child with the default tags and the user's", () => {
        const taggable = [T.key, T.logGroup, T.nodeGroup, T.launchTemplate, T.role, T.fargate];
        const tagged = plan.resources.filter((r) => taggable.includes(r.type));
        expect(tagged.length).toBe(1 + 1 + 2 + 2 + 4 + 2);
        for (const r of tagged)
            expect(r.inputs.tags, r.name).toMatchObject({
                "managed-by": "compute-layer",
                component: "ref",
                team: "platform",
            });
        expect(only(plan, T.cluster).inputs.tags).toMatchObject({
            "managed-by": "compute-layer",
            component: "ref",
            team: "platform",
        });
    });
});

describe("EksCluster: other shapes", () => {
    it("without node groups there is no autoscaler and no Kubernetes object", async () => {
        const plan = await runPlan(() => {
            new EksCluster("fg", { ...base, fargateProfiles: REFERENCE_FARGATE_PROFILES });
        });
        expect(ofType(plan, T.nodeGroup)).toHaveLength(0);
        expect(plan.resources.filter((r) => r.type.startsWith("kubernetes:"))).toHaveLength(0);
        expect(plan.resources.filter((r) => r.name.includes("autoscaler"))).toHaveLength(0);
        expect(ofType(plan, T.fargate)).toHaveLength(2);
        // The default cluster name carries the stack.
        expect(only(plan, T.cluster).inputs.name).toBe("fg-dev");
    });

    it("passes a public endpoint with narrow CIDRs, a Bottlerocket data volume and SSM access through", async () => {
        const plan = await runPlan(() => {
            new EksCluster("pub", {
                ...base,
                version: "1.34",
                apiAccess: { publicAccessCidrs: ["203.0.113.0/24"] },
                nodeGroups: {
                    br: {
                        instanceTypes: ["m6g.large"],
                        amiType: "BOTTLEROCKET_ARM_64",
                        minSize: 1,
                        maxSize: 2,
                        ssmAccess: true,
                        metadataHopLimit: 2,
                    },
                },
            });
        });
        expect(only(plan, T.cluster).inputs).toMatchObject({
            version: "1.34",
            endpointPublicAccess: true,
            publicAccessCidrs: ["203.0.113.0/24"],
        });
        expect(only(plan, T.nodeGroup).inputs.amiType).toBe("BOTTLEROCKET_ARM_64");
        const lt = only(plan, T.launchTemplate);
        expect(input(lt, "blockDeviceMappings.0.deviceName")).toBe("/dev/xvdb");
        expect(input(lt, "metadataOptions.httpPutResponseHopLimit")).toBe(2);
        expect(ofType(plan, T.attachment).map((a) => a.inputs.policyArn)).toContain(
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        );
        expect(input(only(plan, T.deployment), "spec.template.spec.containers.0.image")).toMatch(/:v1\.34\.\d+$/);
    });

    it("accepts subnets and the VPC as Outputs", async () => {
        const plan = await runPlan(() => {
            new EksCluster("out", {
                vpcId: pulumi.output("vpc-1"),
                privateSubnetIds: pulumi.output(PRIVATE_SUBNETS),
                nodeGroups: { a: { instanceTypes: ["t3.large"], minSize: 1, maxSize: 2 } },
            });
        });
        expect(only(plan, T.nodeGroup).inputs.subnetIds).toEqual(PRIVATE_SUBNETS);
    });

    it("tags as an Output keep the default tags, and the node groups their discovery tags", async () => {
        const plan = await runPlan(() => {
            new EksCluster("out", {
                ...base,
                tags: pulumi.output({ team: "platform" }),
                nodeGroups: { a: { instanceTypes: ["t3.large"], minSize: 1, maxSize: 2, tags: { pool: "a" } } },
            });
        });
        const defaults = { "managed-by": "compute-layer", component: "out", team: "platform" };
        expect(only(plan, T.key).inputs.tags).toEqual(defaults);
        expect(only(plan, T.nodeGroup).inputs.tags).toEqual({
            ...defaults,
            pool: "a",
            "k8s.io/cluster-autoscaler/enabled": "true",
            "k8s.io/cluster-autoscaler/out-dev": "owned",
        });
        expect(input(only(plan, T.launchTemplate), "tagSpecifications.0.tags")).toEqual({ ...defaults, pool: "a" });
    });

    it("tags as an Output of something other than a map (plain JS, config) keep just the default tags", async () => {
        const plan = await runPlan(() => {
            new EksCluster("out", {
                ...base,
                tags: pulumi.output("team=platform") as unknown as pulumi.Output<Record<string, string>>,
                nodeGroups: { a: { instanceTypes: ["t3.large"], minSize: 1, maxSize: 2, tags: { pool: "a" } } },
            });
        });
        const defaults = { "managed-by": "compute-layer", component: "out" };
        expect(only(plan, T.key).inputs.tags).toEqual(defaults);
        expect(input(only(plan, T.launchTemplate), "tagSpecifications.0.tags")).toEqual({ ...defaults, pool: "a" });
    });

    it("wrong input is one InputPropertiesError naming each field, and nothing is registered", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new EksCluster("bad", {
                ...base,
                apiAccess: { publicAccessCidrs: ["0.0.0.0/0"] },
                nodeGroups: { general: { instanceTypes: ["m5.large"], minSize: 3, maxSize: 2 } },
                fargateProfiles: { fp: { selectors: [{ namespace: "" }] } },
            });
        });
        expect(errors.map((e) => e.propertyPath).sort()).toEqual([
            "apiAccess.publicAccessCidrs[0]",
            "fargateProfiles.fp.selectors[0].namespace",
            "nodeGroups.general.maxSize",
            "nodeGroups.general.minSize",
        ]);
        expect(plan.resources).toHaveLength(0);
    });
});
