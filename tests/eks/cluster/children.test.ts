import { beforeAll, describe, expect, it } from "vitest";
import {
    EksCluster,
    type EksClusterArgs,
    type EksClusterPlan,
    planEksCluster,
    substituteRefs,
} from "../../../components/eks";
import { only, type Plan, type PlannedResource, resource, runPlan } from "../../support";
import { REFERENCE_FARGATE_PROFILES, REFERENCE_NODE_GROUPS } from "./reference";

/**
 * The component adds only Outputs to its planner's result (issue 15): every registered child's
 * inputs equal the planner's final inputs, with the deploy-time references filled in and the ids
 * and ARNs of the other children added.
 */
const args: EksClusterArgs = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-0aaa", "subnet-0bbb"],
    clusterName: "my-cluster",
    apiAccess: { privateAccessSecurityGroupIds: ["sg-0runner000000000a"], privateAccessCidrs: ["10.50.0.0/16"] },
    access: {
        deployerPrincipalArn: "arn:aws:iam::123456789012:role/github-deploy",
        entries: {
            ops: {
                principalArn: "arn:aws:iam::123456789012:role/ops",
                kubernetesGroups: ["ops"],
                policies: [{ policy: "AmazonEKSViewPolicy" }],
            },
        },
    },
    addons: {
        "vpc-cni": {},
        coredns: { configurationValues: { replicaCount: 3 } },
        "aws-ebs-csi-driver": {},
        "eks-pod-identity-agent": {},
    },
    nodeGroups: REFERENCE_NODE_GROUPS,
    fargateProfiles: REFERENCE_FARGATE_PROFILES,
    tags: { team: "platform" },
};

describe("EksCluster registers exactly its planner's inputs, plus Outputs", () => {
    let plan: Plan;
    let settings: EksClusterPlan;
    let refs: Record<string, string>;
    const tags = { "managed-by": "compute-layer", component: "ref", team: "platform" };
    const out = (r: PlannedResource, key = "arn") => r.outputs?.[key];
    const policyJson = (doc: unknown) => JSON.stringify(substituteRefs(doc, refs));

    beforeAll(async () => {
        plan = await runPlan(() => {
            const c = new EksCluster("ref", args);
            return { oidcProviderArn: c.oidcProviderArn, oidcIssuer: c.oidcIssuer };
        });
        settings = planEksCluster("ref", args, { stack: plan.stack, now: new Date() });
        refs = {
            partition: "aws",
            region: "us-east-1",
            accountId: "123456789012",
            oidcProviderArn: plan.outputs.oidcProviderArn as string,
            oidcIssuer: plan.outputs.oidcIssuer as string,
            clusterAutoscalerRoleArn: out(resource(plan, "aws:iam/role:Role", "ref-autoscaler-role")) as string,
        };
    });

    it("the key, the log group and the control plane", () => {
        const key = only(plan, "aws:kms/key:Key");
        expect(key.inputs).toEqual({ ...settings.secretsKey, tags });
        expect(only(plan, "aws:cloudwatch/logGroup:LogGroup").inputs).toEqual({ ...settings.logGroup, tags });
        expect(only(plan, "eks:index:Cluster").inputs).toEqual({
            ...settings.controlPlane,
            vpcId: args.vpcId,
            privateSubnetIds: args.privateSubnetIds,
            encryptionConfigKeyArn: out(key),
            tags,
        });
    });

    it("the API ingress rules", () => {
        for (const { key, securityGroupIndex, ...rule } of settings.apiIngress) {
            const r = resource(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", `ref-${key}`);
            expect(r.inputs).toEqual({
                ...rule,
                securityGroupId: expect.stringMatching(/^sg-[0-9a-f]{17}$/),
                ...(securityGroupIndex !== undefined ? { referencedSecurityGroupId: "sg-0runner000000000a" } : {}),
                tags,
            });
        }
        expect(settings.apiIngress).toHaveLength(2);
    });

    it("node groups: role, policy attachments, launch template, group", () => {
        for (const ng of settings.nodeGroups) {
            const p = (...s: string[]) => ["ref", "ng", ng.key, ...s].join("-");
            const role = resource(plan, "aws:iam/role:Role", p("role"));
            expect(role.inputs).toEqual({
                description: ng.role.description,
                assumeRolePolicy: policyJson(ng.role.assumeRolePolicy),
                tags,
            });
            for (const [short, arn] of Object.entries(ng.policyArns)) {
                expect(resource(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", p(short)).inputs).toEqual({
                    role: out(role, "name"),
                    policyArn: substituteRefs(arn, refs),
                });
            }
            const lt = resource(plan, "aws:ec2/launchTemplate:LaunchTemplate", p("lt"));
            expect(lt.inputs).toEqual({
                ...ng.launchTemplate,
                tagSpecifications: [
                    { resourceType: "instance", tags: { ...tags, ...ng.instanceTags } },
                    { resourceType: "volume", tags: { ...tags, ...ng.instanceTags } },
                ],
                tags,
            });
            expect(resource(plan, "aws:eks/nodeGroup:NodeGroup", p()).inputs).toEqual({
                clusterName: settings.clusterName,
                nodeGroupNamePrefix: ng.namePrefix,
                nodeRoleArn: out(role),
                subnetIds: args.privateSubnetIds,
                instanceTypes: ng.instanceTypes,
                capacityType: ng.capacityType,
                scalingConfig: { minSize: ng.minSize, maxSize: ng.maxSize, desiredSize: ng.desiredSize },
                updateConfig: ng.updateConfig,
                labels: ng.labels,
                taints: ng.taints,
                launchTemplate: { id: out(lt, "id"), version: "1" },
                tags: { ...tags, ...ng.extraTags },
            });
        }
    });

    it("Fargate: the pod execution role and the profiles", () => {
        const pod = settings.fargatePodRole;
        if (!pod) throw new Error("expected a Fargate pod role");
        const role = resource(plan, "aws:iam/role:Role", "ref-fargate-pod-role");
        expect(role.inputs).toEqual({
            description: pod.description,
            assumeRolePolicy: policyJson(pod.assumeRolePolicy),
            tags,
        });
        expect(
            resource(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ref-fargate-pod-role-policy").inputs,
        ).toEqual({
            role: out(role, "name"),
            policyArn: substituteRefs(pod.policyArn, refs),
        });
        for (const fp of settings.fargateProfiles) {
            expect(resource(plan, "aws:eks/fargateProfile:FargateProfile", `ref-fp-${fp.key}`).inputs).toEqual({
                clusterName: settings.clusterName,
                podExecutionRoleArn: out(role),
                subnetIds: args.privateSubnetIds,
                selectors: fp.selectors,
                tags,
            });
        }
    });

    it("managed add-ons and their roles", () => {
        expect(settings.addons).toHaveLength(4);
        for (const a of settings.addons) {
            const role = a.role ? resource(plan, "aws:iam/role:Role", `ref-addon-${a.name}-role`) : undefined;
            if (a.role && role) {
                expect(role.inputs).toEqual({
                    description: a.role.description,
                    assumeRolePolicy: policyJson(a.role.assumeRolePolicy),
                    tags,
                });
                expect(
                    resource(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", `ref-addon-${a.name}-policy`)
                        .inputs,
                ).toEqual({
                    role: out(role, "name"),
                    policyArn: substituteRefs(a.role.policyArn, refs),
                });
            }
            expect(resource(plan, "aws:eks/addon:Addon", `ref-addon-${a.name}`).inputs).toEqual({
                clusterName: settings.clusterName,
                addonName: a.name,
                resolveConflictsOnCreate: a.resolveConflictsOnCreate,
                resolveConflictsOnUpdate: a.resolveConflictsOnUpdate,
                ...(a.configurationValues !== undefined ? { configurationValues: a.configurationValues } : {}),
                ...(a.role?.binding === "irsa" ? { serviceAccountRoleArn: out(role as PlannedResource) } : {}),
                ...(a.role?.binding === "podIdentity"
                    ? {
                          podIdentityAssociations: [
                              { roleArn: out(role as PlannedResource), serviceAccount: a.role.serviceAccount },
                          ],
                      }
                    : {}),
                tags,
            });
        }
    });

    it("access entries and their policy associations", () => {
        expect(settings.access).toHaveLength(2);
        for (const a of settings.access) {
            const principalArn =
                "deployer" in a.principal
                    ? args.access?.deployerPrincipalArn
                    : args.access?.entries?.[a.principal.entry].principalArn;
            const entry = a.entry
                ? resource(plan, "aws:eks/accessEntry:AccessEntry", `ref-access-${a.key}`)
                : undefined;
            if (entry)
                expect(entry.inputs).toEqual({ clusterName: settings.clusterName, principalArn, ...a.entry, tags });
            for (const pol of a.policies) {
                expect(
                    resource(
                        plan,
                        "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
                        `ref-access-${a.key}-${pol.key}`,
                    ).inputs,
                ).toEqual({
                    clusterName: settings.clusterName,
                    principalArn,
                    policyArn: substituteRefs(pol.policyArn, refs),
                    accessScope: pol.accessScope,
                });
            }
        }
    });

    it("the cluster autoscaler: IAM and its Kubernetes objects", () => {
        const ca = settings.clusterAutoscaler;
        if (!ca) throw new Error("expected the cluster autoscaler");
        const role = resource(plan, "aws:iam/role:Role", "ref-autoscaler-role");
        expect(role.inputs).toEqual({
            description: ca.role.description,
            assumeRolePolicy: policyJson(ca.role.assumeRolePolicy),
            tags,
        });
        expect(resource(plan, "aws:iam/rolePolicy:RolePolicy", "ref-autoscaler-policy").inputs).toEqual({
            role: out(role, "name"),
            policy: policyJson(ca.policy),
        });
        const k8s: [string, string, string, unknown][] = [
            ["kubernetes:core/v1:ServiceAccount", "ref-autoscaler-sa", "v1", ca.serviceAccount],
            [
                "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
                "ref-autoscaler-clusterrole",
                "rbac.authorization.k8s.io/v1",
                ca.clusterRole,
            ],
            [
                "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
                "ref-autoscaler-clusterrolebinding",
                "rbac.authorization.k8s.io/v1",
                ca.clusterRoleBinding,
            ],
            [
                "kubernetes:rbac.authorization.k8s.io/v1:Role",
                "ref-autoscaler-role-k8s",
                "rbac.authorization.k8s.io/v1",
                ca.namespacedRole,
            ],
            [
                "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
                "ref-autoscaler-rolebinding",
                "rbac.authorization.k8s.io/v1",
                ca.roleBinding,
            ],
            ["kubernetes:apps/v1:Deployment", "ref-autoscaler", "apps/v1", ca.deployment],
        ];
        for (const [type, name, apiVersion, planned] of k8s) {
            const kind = type.split(":")[2];
            expect(resource(plan, type, name).inputs, name).toEqual({
                apiVersion,
                kind,
                ...substituteRefs(planned as object, refs),
            });
        }
    });
});

/** `@pulumi/kubernetes` adds `compat: "true"` to every `helm.v3.Release` itself. */
const HELM_SDK_COMPAT = "true";

describe("EksCluster with Karpenter, the LB controller and KEDA registers its planner's inputs, plus Outputs", () => {
    const kargs: EksClusterArgs = {
        vpcId: "vpc-0123456789abcdef0",
        privateSubnetIds: ["subnet-0aaa", "subnet-0bbb"],
        clusterName: "kp",
        nodeGroups: { system: { instanceTypes: ["m5.large"], minSize: 2, maxSize: 3 } },
        nodeAutoscaler: "karpenter",
        karpenter: { nodePool: { capacityTypes: ["spot", "on-demand"] } },
        addons: { "eks-pod-identity-agent": {} },
        loadBalancerController: {},
        keda: { iam: "irsa", sqsQueueArns: ["arn:aws:sqs:us-east-1:123456789012:orders"] },
    };
    let plan: Plan;
    let settings: EksClusterPlan;
    let refs: Record<string, string>;
    const tags = { "managed-by": "compute-layer", component: "kp" };
    const out = (r: PlannedResource, key = "arn") => r.outputs?.[key] as string;
    const role = (name: string) => resource(plan, "aws:iam/role:Role", name);

    beforeAll(async () => {
        plan = await runPlan(() => {
            const c = new EksCluster("kp", kargs);
            return { oidcProviderArn: c.oidcProviderArn, oidcIssuer: c.oidcIssuer, sg: c.clusterSecurityGroupId };
        });
        settings = planEksCluster("kp", kargs, { stack: plan.stack, now: new Date() });
        refs = {
            partition: "aws",
            region: "us-east-1",
            accountId: "123456789012",
            oidcProviderArn: plan.outputs.oidcProviderArn as string,
            oidcIssuer: plan.outputs.oidcIssuer as string,
            clusterSecurityGroupId: plan.outputs.sg as string,
            karpenterNodeRoleArn: out(role("kp-karpenter-node-role")),
            karpenterQueueArn: out(only(plan, "aws:sqs/queue:Queue")),
            karpenterControllerRoleArn: out(role("kp-karpenter-controller-role")),
            lbControllerRoleArn: out(role("kp-lb-controller-role")),
            kedaRoleArn: out(role("kp-keda-role")),
            kedaSqsQueue0: "arn:aws:sqs:us-east-1:123456789012:orders",
            vpcId: kargs.vpcId as string,
        };
    });

    it("Karpenter: roles, policies, queue, rules, association, release and custom resources", () => {
        const k = settings.karpenter;
        if (!k) throw new Error("no Karpenter");
        const json = (doc: unknown) => JSON.stringify(substituteRefs(doc, refs));
        expect(role("kp-karpenter-node-role").inputs).toEqual({
            name: k.nodeRole.name,
            description: k.nodeRole.description,
            assumeRolePolicy: json(k.nodeRole.assumeRolePolicy),
            tags,
        });
        expect(role("kp-karpenter-controller-role").inputs).toEqual({
            description: k.controllerRole.description,
            assumeRolePolicy: json(k.controllerRole.assumeRolePolicy),
            tags,
        });
        for (const [key, doc] of Object.entries(k.controllerPolicies)) {
            expect(resource(plan, "aws:iam/rolePolicy:RolePolicy", `kp-karpenter-${key}`).inputs).toEqual({
                role: out(role("kp-karpenter-controller-role"), "name"),
                policy: json(doc),
            });
        }
        const queue = only(plan, "aws:sqs/queue:Queue");
        expect(queue.inputs).toEqual({ ...k.queue, tags });
        expect(only(plan, "aws:sqs/queuePolicy:QueuePolicy").inputs).toEqual({
            queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/kp",
            policy: json(k.queuePolicy),
        });
        for (const [key, r] of Object.entries(k.rules)) {
            const rule = resource(plan, "aws:cloudwatch/eventRule:EventRule", `kp-karpenter-${key}`);
            expect(rule.inputs).toEqual({ ...r, tags });
            expect(
                resource(plan, "aws:cloudwatch/eventTarget:EventTarget", `kp-karpenter-${key}-target`).inputs,
            ).toEqual({ rule: out(rule, "name"), arn: out(queue) });
        }
        expect(resource(plan, "kubernetes:helm.sh/v3:Release", "kp-karpenter").inputs).toEqual({
            ...k.release,
            values: substituteRefs(k.release.values, refs),
            compat: HELM_SDK_COMPAT,
        });
        expect(resource(plan, "kubernetes:karpenter.sh/v1:NodePool", "kp-karpenter-nodepool").inputs).toEqual(
            k.nodePool,
        );
        expect(resource(plan, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "kp-karpenter-nodeclass").inputs).toEqual(
            {
                ...k.nodeClass,
                spec: {
                    ...substituteRefs(k.nodeClass.spec, refs),
                    subnetSelectorTerms: [{ id: "subnet-0aaa" }, { id: "subnet-0bbb" }],
                },
            },
        );
    });

    it("the LB controller and KEDA: roles, policies, associations and releases", () => {
        const json = (doc: unknown) => JSON.stringify(substituteRefs(doc, refs));
        for (const [key, c] of [
            ["lb-controller", settings.loadBalancerController],
            ["keda", settings.keda],
        ] as const) {
            if (!c) throw new Error(`no ${key}`);
            const r = role(`kp-${key}-role`);
            expect(r.inputs).toEqual({
                description: c.role.description,
                assumeRolePolicy: json(c.role.assumeRolePolicy),
                tags,
            });
            if (c.policy)
                expect(resource(plan, "aws:iam/rolePolicy:RolePolicy", `kp-${key}-policy`).inputs).toEqual({
                    role: out(r, "name"),
                    policy: json(c.policy),
                });
            if (c.binding === "podIdentity") {
                expect(
                    resource(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation", `kp-${key}-pod-identity`)
                        .inputs,
                ).toEqual({
                    clusterName: "kp",
                    namespace: c.namespace,
                    serviceAccount: c.serviceAccount,
                    roleArn: out(r),
                    tags,
                });
            }
            expect(resource(plan, "kubernetes:helm.sh/v3:Release", `kp-${key}`).inputs).toEqual({
                ...c.release,
                values: substituteRefs(c.release.values, refs),
                compat: HELM_SDK_COMPAT,
            });
        }
    });
});
