import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { awsContext, childName, isKnown, planContext, planTags, type Tags } from "../../../src/core";
import { resolveFields, resolvePolicy, resolveRefs } from "../shared";
import type { AddonPlan } from "./addons";
import type { EksAddonName, EksClusterArgs } from "./args";
import type { ClusterAutoscalerPlan } from "./autoscaler";
import { KARPENTER_NAMESPACE, KARPENTER_SERVICE_ACCOUNT, type KarpenterPlan } from "./karpenter";
import type { KedaPlan } from "./keda";
import type { LoadBalancerControllerPlan } from "./load-balancer-controller";
import { type EksClusterPlan, planEksCluster } from "./plan";

/** The Kubernetes objects and IAM role of the cluster autoscaler. */
export interface EksClusterAutoscalerResources {
    /** The IRSA role the autoscaler's service account assumes. */
    role: aws.iam.Role;
    /** The role's least-privilege inline policy. */
    policy: aws.iam.RolePolicy;
    serviceAccount: k8s.core.v1.ServiceAccount;
    clusterRole: k8s.rbac.v1.ClusterRole;
    clusterRoleBinding: k8s.rbac.v1.ClusterRoleBinding;
    namespacedRole: k8s.rbac.v1.Role;
    roleBinding: k8s.rbac.v1.RoleBinding;
    deployment: k8s.apps.v1.Deployment;
}

/** Karpenter's AWS resources, Helm release and default NodePool / EC2NodeClass. */
export interface EksKarpenterResources {
    /** The role of the nodes Karpenter launches (its instance profiles are Karpenter's). */
    nodeRole: aws.iam.Role;
    /** The nodes' access entry (type EC2_LINUX). */
    nodeAccessEntry: aws.eks.AccessEntry;
    /** The controller's role, bound by Pod Identity or IRSA. */
    controllerRole: aws.iam.Role;
    /** The interruption queue, fed by the EventBridge rules. */
    queue: aws.sqs.Queue;
    rules: Record<string, aws.cloudwatch.EventRule>;
    release: k8s.helm.v3.Release;
    nodeClass: k8s.apiextensions.CustomResource;
    nodePool: k8s.apiextensions.CustomResource;
}

/** A controller installed with Helm, and its AWS role. */
export interface EksControllerResources {
    /** The controller's role, bound to its service account by Pod Identity or IRSA. */
    role: aws.iam.Role;
    release: k8s.helm.v3.Release;
}

type TagsInput = pulumi.Input<Tags>;

/** {@link planTags} (the user's tags over the default ones), plus `extra`; an Output when the user's tags are one. */
function mergeTags(component: string, user: TagsInput | undefined, extra: Record<string, string> = {}): TagsInput {
    const tags = planTags(component, user);
    if (isKnown(tags)) return { ...tags, ...extra };
    return pulumi.output(tags).apply((t) => ({ ...t, ...extra }));
}

/**
 * An EKS cluster with everything around it: the control plane (`@pulumi/eks` `Cluster`: no
 * default node group, access entries only, secrets encrypted with a KMS key of its own, all five
 * control-plane log types, a private endpoint and whoever `apiAccess` lets reach it), access
 * entries, managed add-ons with their IAM, managed node groups with their own roles and launch
 * templates (IMDSv2, encrypted gp3), Fargate profiles, a node autoscaler (the cluster autoscaler
 * or Karpenter), and optionally the AWS Load Balancer Controller and KEDA. Every child's inputs
 * come from {@link planEksCluster}; the component adds only Outputs.
 */
export class EksCluster extends pulumi.ComponentResource {
    /** The type token. Never changes once released. */
    static readonly TYPE = "compute-layer:index:EksCluster";

    /** The final inputs the component applied, defaults included (Outputs aside). */
    readonly settings: EksClusterPlan;
    /** The control plane. */
    readonly cluster: eks.Cluster;
    /** The EKS cluster name; resolves once the cluster exists. */
    readonly clusterName: pulumi.Output<string>;
    /** The security group EKS created for the cluster (nodes, pods and the API's network interfaces). */
    readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** The KMS key that encrypts Kubernetes secrets (rotation on). */
    readonly secretsKey: aws.kms.Key;
    /** The control-plane log group, `/aws/eks/<cluster>/cluster`. */
    readonly logGroup: aws.cloudwatch.LogGroup;
    /** A kubeconfig for the cluster, as JSON (secret). */
    readonly kubeconfig: pulumi.Output<string>;
    /**
     * A Kubernetes provider for the cluster, built from {@link kubeconfig}. It depends on the node
     * groups and Fargate profiles, so everything applied through it waits for capacity to exist.
     */
    readonly provider: k8s.Provider;
    /** The ARN of the cluster's IAM OIDC provider, for IRSA roles. */
    readonly oidcProviderArn: pulumi.Output<string>;
    /** The OIDC issuer, without `https://`, for IRSA trust conditions. */
    readonly oidcIssuer: pulumi.Output<string>;
    /**
     * True when the `eks-pod-identity-agent` add-on is managed here: workloads can then bind IAM
     * roles with `aws.eks.PodIdentityAssociation` (else IRSA, with {@link oidcProviderArn}).
     */
    readonly podIdentityAgent: boolean;
    /** The ingress rules that let `apiAccess` reach the private endpoint on 443. */
    readonly apiIngressRules: aws.vpc.SecurityGroupIngressRule[];
    /** The managed node groups, by key. */
    readonly nodeGroups: Record<string, aws.eks.NodeGroup>;
    /** Each node group's IAM role, by key. */
    readonly nodeRoles: Record<string, aws.iam.Role>;
    /** Each node group's launch template, by key. */
    readonly launchTemplates: Record<string, aws.ec2.LaunchTemplate>;
    /** The Fargate profiles, by key. */
    readonly fargateProfiles: Record<string, aws.eks.FargateProfile>;
    /** The pod execution role all Fargate profiles share, when there are profiles. */
    readonly fargatePodExecutionRole?: aws.iam.Role;
    /** The cluster autoscaler, when it is on. */
    readonly clusterAutoscaler?: EksClusterAutoscalerResources;
    /** Karpenter, with `nodeAutoscaler: "karpenter"`. */
    readonly karpenter?: EksKarpenterResources;
    /**
     * The AWS Load Balancer Controller, when installed: Ingresses (class `alb`) and annotated
     * Services applied through {@link provider} should depend on its `release`.
     */
    readonly loadBalancerController?: EksControllerResources;
    /** KEDA, when installed: ScaledObjects applied through {@link provider} should depend on its `release`. */
    readonly keda?: EksControllerResources;
    /** The managed add-ons, by name. */
    readonly addons: Partial<Record<EksAddonName, aws.eks.Addon>>;
    /** The roles of the add-ons that need AWS permissions, by add-on name. */
    readonly addonRoles: Partial<Record<EksAddonName, aws.iam.Role>>;
    /** The access entries, by key (the deployer's is EKS's own and not among them). */
    readonly accessEntries: Record<string, aws.eks.AccessEntry>;
    /** The access policy associations, by `<entry key>-<policy>` (e.g. `deployer-cluster-admin`). */
    readonly accessPolicyAssociations: Record<string, aws.eks.AccessPolicyAssociation>;

    /** Deploy-time values the plan's `{{name}}` placeholders stand for. */
    private readonly refs: Record<string, pulumi.Input<string>>;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything is registered.
        const plan = planEksCluster(name, args, planContext());
        super(EksCluster.TYPE, name, {}, opts);
        this.settings = plan;
        this.podIdentityAgent = plan.addons.some((a) => a.name === "eks-pod-identity-agent");
        for (const w of plan.warnings) pulumi.log.warn(w, this);

        const tags = mergeTags(name, args.tags);
        const parent = { parent: this };
        const { partition, region, accountId } = awsContext(this);
        this.refs = { partition, region, accountId };

        this.secretsKey = new aws.kms.Key(childName(name, "secrets-key"), { ...plan.secretsKey, tags }, parent);
        this.logGroup = new aws.cloudwatch.LogGroup(childName(name, "logs"), { ...plan.logGroup, tags }, parent);

        this.cluster = new eks.Cluster(
            childName(name, "cluster"),
            {
                ...plan.controlPlane,
                vpcId: args.vpcId,
                privateSubnetIds: args.privateSubnetIds,
                ...(args.publicSubnetIds !== undefined ? { publicSubnetIds: args.publicSubnetIds } : {}),
                encryptionConfigKeyArn: this.secretsKey.arn,
                tags,
            },
            { parent: this, dependsOn: [this.logGroup] },
        );
        const cluster = this.cluster;
        this.clusterName = cluster.urn.apply(() => plan.clusterName);
        this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
        this.oidcProviderArn = cluster.oidcProviderArn;
        this.oidcIssuer = cluster.oidcIssuer;
        this.clusterSecurityGroupId = cluster.clusterSecurityGroupId;
        this.refs.oidcProviderArn = this.oidcProviderArn;
        this.refs.oidcIssuer = this.oidcIssuer;

        // Who may reach the private endpoint: rules on the security group EKS created for the cluster.
        const allowedGroups = args.apiAccess?.privateAccessSecurityGroupIds ?? [];
        this.apiIngressRules = plan.apiIngress.map(
            ({ key, securityGroupIndex, ...rule }) =>
                new aws.vpc.SecurityGroupIngressRule(
                    childName(name, key),
                    {
                        ...rule,
                        securityGroupId: this.clusterSecurityGroupId,
                        ...(securityGroupIndex !== undefined
                            ? { referencedSecurityGroupId: allowedGroups[securityGroupIndex] }
                            : {}),
                        tags,
                    },
                    parent,
                ),
        );

        // Node-level add-ons first (the node groups wait for them), the others after the nodes.
        this.addons = {};
        this.addonRoles = {};
        const addon = (a: AddonPlan, dependsOn: pulumi.Resource[]): aws.eks.Addon => {
            let role: aws.iam.Role | undefined;
            let attachment: aws.iam.RolePolicyAttachment | undefined;
            if (a.role) {
                role = new aws.iam.Role(
                    childName(name, "addon", a.name, "role"),
                    { description: a.role.description, assumeRolePolicy: this.policy(a.role.assumeRolePolicy), tags },
                    parent,
                );
                attachment = new aws.iam.RolePolicyAttachment(
                    childName(name, "addon", a.name, "policy"),
                    { role: role.name, policyArn: this.resolve(a.role.policyArn) },
                    parent,
                );
                this.addonRoles[a.name] = role;
            }
            const version =
                "pinned" in a.version
                    ? a.version.pinned
                    : "latest" in a.version
                      ? aws.eks.getAddonVersionOutput(
                            { addonName: a.name, kubernetesVersion: plan.version, mostRecent: true },
                            parent,
                        ).version
                      : undefined;
            const created = new aws.eks.Addon(
                childName(name, "addon", a.name),
                {
                    clusterName: plan.clusterName,
                    addonName: a.name,
                    ...(version !== undefined ? { addonVersion: version } : {}),
                    resolveConflictsOnCreate: a.resolveConflictsOnCreate,
                    resolveConflictsOnUpdate: a.resolveConflictsOnUpdate,
                    ...(a.configurationValues !== undefined ? { configurationValues: a.configurationValues } : {}),
                    ...(role && a.role?.binding === "irsa" ? { serviceAccountRoleArn: role.arn } : {}),
                    ...(role && a.role?.binding === "podIdentity"
                        ? { podIdentityAssociations: [{ roleArn: role.arn, serviceAccount: a.role.serviceAccount }] }
                        : {}),
                    tags,
                },
                { parent: this, dependsOn: [cluster, ...dependsOn, ...(attachment ? [attachment] : [])] },
            );
            this.addons[a.name] = created;
            return created;
        };
        const nodeAddons = plan.addons.filter((a) => a.beforeNodes).map((a) => addon(a, []));

        // Managed node groups.
        this.nodeGroups = {};
        this.nodeRoles = {};
        this.launchTemplates = {};
        for (const ng of plan.nodeGroups) {
            const p = (...suffix: string[]) => childName(name, "ng", ng.key, ...suffix);
            const role = new aws.iam.Role(
                p("role"),
                { description: ng.role.description, assumeRolePolicy: this.policy(ng.role.assumeRolePolicy), tags },
                parent,
            );
            const attachments = Object.entries(ng.policyArns).map(
                ([short, arn]) =>
                    new aws.iam.RolePolicyAttachment(
                        p(short),
                        { role: role.name, policyArn: this.resolve(arn) },
                        parent,
                    ),
            );
            const lt = new aws.ec2.LaunchTemplate(
                p("lt"),
                {
                    ...ng.launchTemplate,
                    tagSpecifications: [
                        { resourceType: "instance", tags: mergeTags(name, args.tags, ng.instanceTags) },
                        { resourceType: "volume", tags: mergeTags(name, args.tags, ng.instanceTags) },
                    ],
                    tags,
                },
                parent,
            );
            this.nodeRoles[ng.key] = role;
            this.launchTemplates[ng.key] = lt;
            this.nodeGroups[ng.key] = new aws.eks.NodeGroup(
                p(),
                {
                    clusterName: plan.clusterName,
                    nodeGroupNamePrefix: ng.namePrefix,
                    nodeRoleArn: role.arn,
                    subnetIds: args.privateSubnetIds,
                    instanceTypes: ng.instanceTypes,
                    capacityType: ng.capacityType,
                    ...(ng.amiType !== undefined ? { amiType: ng.amiType } : {}),
                    scalingConfig: { minSize: ng.minSize, maxSize: ng.maxSize, desiredSize: ng.desiredSize },
                    updateConfig: ng.updateConfig,
                    labels: ng.labels,
                    taints: ng.taints,
                    launchTemplate: { id: lt.id, version: pulumi.interpolate`${lt.latestVersion}` },
                    tags: mergeTags(name, args.tags, ng.extraTags),
                },
                {
                    parent: this,
                    // The cluster autoscaler owns the count once the group exists (pulumi-eks#1293).
                    ignoreChanges: ["scalingConfig.desiredSize"],
                    dependsOn: [cluster, ...attachments, ...nodeAddons],
                },
            );
        }

        // Fargate profiles: one pod execution role, private subnets only. EKS creates one
        // profile at a time per cluster, so each waits for the one before.
        this.fargateProfiles = {};
        if (plan.fargatePodRole) {
            const { description, assumeRolePolicy, policyArn } = plan.fargatePodRole;
            const role = new aws.iam.Role(
                childName(name, "fargate-pod-role"),
                { description, assumeRolePolicy: this.policy(assumeRolePolicy), tags },
                parent,
            );
            const attachment = new aws.iam.RolePolicyAttachment(
                childName(name, "fargate-pod-role", "policy"),
                { role: role.name, policyArn: this.resolve(policyArn) },
                parent,
            );
            this.fargatePodExecutionRole = role;
            let previous: pulumi.Resource | undefined;
            for (const fp of plan.fargateProfiles) {
                const profile = new aws.eks.FargateProfile(
                    childName(name, "fp", fp.key),
                    {
                        clusterName: plan.clusterName,
                        podExecutionRoleArn: role.arn,
                        subnetIds: args.privateSubnetIds,
                        selectors: fp.selectors,
                        tags,
                    },
                    { parent: this, dependsOn: [cluster, attachment, ...(previous ? [previous] : [])] },
                );
                this.fargateProfiles[fp.key] = profile;
                previous = profile;
            }
        }

        const capacity = [...Object.values(this.nodeGroups), ...Object.values(this.fargateProfiles)];
        for (const a of plan.addons.filter((x) => !x.beforeNodes)) addon(a, capacity);

        // Access entries, then their access policies.
        this.accessEntries = {};
        this.accessPolicyAssociations = {};
        for (const a of plan.access) {
            const principalArn =
                "deployer" in a.principal
                    ? (args.access?.deployerPrincipalArn as pulumi.Input<string>)
                    : (args.access?.entries?.[a.principal.entry]?.principalArn as pulumi.Input<string>);
            const entry = a.entry
                ? new aws.eks.AccessEntry(
                      childName(name, "access", a.key),
                      { clusterName: plan.clusterName, principalArn, ...a.entry, tags },
                      { parent: this, dependsOn: [cluster] },
                  )
                : undefined;
            if (entry) this.accessEntries[a.key] = entry;
            for (const pol of a.policies) {
                this.accessPolicyAssociations[`${a.key}-${pol.key}`] = new aws.eks.AccessPolicyAssociation(
                    childName(name, "access", a.key, pol.key),
                    {
                        clusterName: plan.clusterName,
                        principalArn,
                        policyArn: this.resolve(pol.policyArn),
                        accessScope: pol.accessScope,
                    },
                    { parent: this, dependsOn: [entry ?? cluster] },
                );
            }
        }

        // Created after the node groups and Fargate profiles, so that workloads applied through it
        // (the autoscaler, KubernetesService) have somewhere to run on the first `pulumi up` instead
        // of waiting out their readiness timeout while capacity is still being created.
        this.provider = new k8s.Provider(
            childName(name, "k8s"),
            { kubeconfig: this.kubeconfig },
            {
                parent: this,
                dependsOn: [
                    ...Object.values(this.nodeGroups),
                    ...Object.values(this.fargateProfiles),
                    // Whoever deploys needs their grant before the first Kubernetes object.
                    ...Object.values(this.accessPolicyAssociations),
                ],
            },
        );

        if (plan.clusterAutoscaler) this.clusterAutoscaler = this.autoscaler(name, plan.clusterAutoscaler, tags);
        if (plan.karpenter) this.karpenter = this.installKarpenter(name, plan.clusterName, plan.karpenter, args, tags);
        if (plan.loadBalancerController) {
            this.loadBalancerController = this.installController(
                name,
                "lb-controller",
                plan.clusterName,
                plan.loadBalancerController,
                tags,
                {
                    vpcId: args.vpcId,
                },
            );
        }
        if (plan.keda) {
            const queues = Object.fromEntries((args.keda?.sqsQueueArns ?? []).map((q, i) => [`kedaSqsQueue${i}`, q]));
            this.keda = this.installController(name, "keda", plan.clusterName, plan.keda, tags, queues);
        }

        this.registerOutputs({
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            oidcProviderArn: this.oidcProviderArn,
            oidcIssuer: this.oidcIssuer,
        });
    }

    /** A planned value with its deploy-time references filled in. */
    private resolve<T>(value: T): pulumi.Output<T> {
        return resolveRefs(value, this.refs);
    }

    /** A planned policy document, as IAM JSON with its deploy-time references filled in. */
    private policy(doc: Parameters<typeof resolvePolicy>[0]): pulumi.Output<string> {
        return resolvePolicy(doc, this.refs);
    }

    private autoscaler(name: string, ca: ClusterAutoscalerPlan, tags: TagsInput): EksClusterAutoscalerResources {
        const parent = { parent: this };
        const role = new aws.iam.Role(
            childName(name, "autoscaler-role"),
            { description: ca.role.description, assumeRolePolicy: this.policy(ca.role.assumeRolePolicy), tags },
            parent,
        );
        const policy = new aws.iam.RolePolicy(
            childName(name, "autoscaler-policy"),
            { role: role.name, policy: this.policy(ca.policy) },
            parent,
        );
        const refs = { ...this.refs, clusterAutoscalerRoleArn: role.arn };
        const k8sOpts = { parent: this, provider: this.provider };
        const serviceAccount = new k8s.core.v1.ServiceAccount(
            childName(name, "autoscaler-sa"),
            resolveFields(ca.serviceAccount, refs) as k8s.core.v1.ServiceAccountArgs,
            k8sOpts,
        );
        const clusterRole = new k8s.rbac.v1.ClusterRole(
            childName(name, "autoscaler-clusterrole"),
            ca.clusterRole,
            k8sOpts,
        );
        const clusterRoleBinding = new k8s.rbac.v1.ClusterRoleBinding(
            childName(name, "autoscaler-clusterrolebinding"),
            ca.clusterRoleBinding,
            { ...k8sOpts, dependsOn: [clusterRole] },
        );
        const namespacedRole = new k8s.rbac.v1.Role(childName(name, "autoscaler-role-k8s"), ca.namespacedRole, k8sOpts);
        const roleBinding = new k8s.rbac.v1.RoleBinding(childName(name, "autoscaler-rolebinding"), ca.roleBinding, {
            ...k8sOpts,
            dependsOn: [namespacedRole],
        });
        const deployment = new k8s.apps.v1.Deployment(
            childName(name, "autoscaler"),
            resolveFields(ca.deployment, refs) as k8s.apps.v1.DeploymentArgs,
            // The pod needs nodes to run on, its RBAC and its AWS permissions.
            {
                ...k8sOpts,
                dependsOn: [...Object.values(this.nodeGroups), serviceAccount, clusterRoleBinding, roleBinding, policy],
            },
        );
        return {
            role,
            policy,
            serviceAccount,
            clusterRole,
            clusterRoleBinding,
            namespacedRole,
            roleBinding,
            deployment,
        };
    }

    private installKarpenter(
        name: string,
        clusterName: string,
        k: KarpenterPlan,
        args: EksClusterArgs,
        tags: TagsInput,
    ): EksKarpenterResources {
        const parent = { parent: this };
        const p = (...suffix: string[]) => childName(name, "karpenter", ...suffix);
        const nodeRole = new aws.iam.Role(
            p("node-role"),
            {
                name: k.nodeRole.name,
                description: k.nodeRole.description,
                assumeRolePolicy: this.policy(k.nodeRole.assumeRolePolicy),
                tags,
            },
            parent,
        );
        const nodeAttachments = Object.entries(k.nodeRole.policyArns).map(
            ([short, arn]) =>
                new aws.iam.RolePolicyAttachment(
                    p("node", short),
                    { role: nodeRole.name, policyArn: this.resolve(arn) },
                    parent,
                ),
        );
        // Nodes join the cluster through an access entry of type EC2_LINUX (the cluster's mode is API).
        const nodeAccessEntry = new aws.eks.AccessEntry(
            p("node-access"),
            { clusterName, principalArn: nodeRole.arn, type: "EC2_LINUX", tags },
            { parent: this, dependsOn: [this.cluster] },
        );

        const queue = new aws.sqs.Queue(p("queue"), { ...k.queue, tags }, parent);
        const refs = {
            ...this.refs,
            karpenterNodeRoleArn: nodeRole.arn,
            karpenterQueueArn: queue.arn,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
        };
        const queuePolicy = new aws.sqs.QueuePolicy(
            p("queue-policy"),
            { queueUrl: queue.url, policy: resolvePolicy(k.queuePolicy, refs) },
            parent,
        );
        const rules: Record<string, aws.cloudwatch.EventRule> = {};
        for (const [key, r] of Object.entries(k.rules)) {
            rules[key] = new aws.cloudwatch.EventRule(p(key), { ...r, tags }, parent);
            new aws.cloudwatch.EventTarget(
                p(key, "target"),
                { rule: rules[key].name, arn: queue.arn },
                { parent: this, dependsOn: [queuePolicy] },
            );
        }

        const controllerRole = new aws.iam.Role(
            p("controller-role"),
            {
                description: k.controllerRole.description,
                assumeRolePolicy: resolvePolicy(k.controllerRole.assumeRolePolicy, refs),
                tags,
            },
            parent,
        );
        const policies = Object.entries(k.controllerPolicies).map(
            ([key, doc]) =>
                new aws.iam.RolePolicy(p(key), { role: controllerRole.name, policy: resolvePolicy(doc, refs) }, parent),
        );
        const binding =
            k.binding === "podIdentity"
                ? [
                      new aws.eks.PodIdentityAssociation(
                          p("pod-identity"),
                          {
                              clusterName,
                              namespace: KARPENTER_NAMESPACE,
                              serviceAccount: KARPENTER_SERVICE_ACCOUNT,
                              roleArn: controllerRole.arn,
                              tags,
                          },
                          { parent: this, dependsOn: [this.cluster, ...Object.values(this.addons)] },
                      ),
                  ]
                : [];
        const release = new k8s.helm.v3.Release(
            p(),
            {
                ...k.release,
                values: resolveRefs(k.release.values, { ...refs, karpenterControllerRoleArn: controllerRole.arn }),
            },
            {
                parent: this,
                provider: this.provider,
                dependsOn: [...policies, ...binding, nodeAccessEntry, ...nodeAttachments, queuePolicy],
            },
        );
        const k8sOpts = { parent: this, provider: this.provider, dependsOn: [release] };
        const subnets = pulumi.output(args.privateSubnetIds).apply((ids) => ids.map((id) => ({ id })));
        const nodeClassSpec = resolveRefs(k.nodeClass.spec, refs);
        const nodeClass = new k8s.apiextensions.CustomResource(
            p("nodeclass"),
            {
                apiVersion: k.nodeClass.apiVersion,
                kind: k.nodeClass.kind,
                metadata: k.nodeClass.metadata,
                spec: pulumi
                    .all([nodeClassSpec, subnets])
                    .apply(([spec, subnetSelectorTerms]) => ({ ...spec, subnetSelectorTerms })),
            },
            k8sOpts,
        );
        const nodePool = new k8s.apiextensions.CustomResource(
            p("nodepool"),
            { ...k.nodePool },
            { ...k8sOpts, dependsOn: [release, nodeClass] },
        );
        return { nodeRole, nodeAccessEntry, controllerRole, queue, rules, release, nodeClass, nodePool };
    }

    /** A Helm-installed controller with a role bound by Pod Identity or IRSA (the LB controller, KEDA). */
    private installController(
        name: string,
        key: string,
        clusterName: string,
        c: LoadBalancerControllerPlan | KedaPlan,
        tags: TagsInput,
        extraRefs: Record<string, pulumi.Input<string>>,
    ): EksControllerResources {
        const parent = { parent: this };
        const role = new aws.iam.Role(
            childName(name, key, "role"),
            { description: c.role.description, assumeRolePolicy: this.policy(c.role.assumeRolePolicy), tags },
            parent,
        );
        const refs = { ...this.refs, ...extraRefs, lbControllerRoleArn: role.arn, kedaRoleArn: role.arn };
        const waits: pulumi.Resource[] = [];
        if (c.policy)
            waits.push(
                new aws.iam.RolePolicy(
                    childName(name, key, "policy"),
                    { role: role.name, policy: resolvePolicy(c.policy, refs) },
                    parent,
                ),
            );
        if (c.binding === "podIdentity") {
            waits.push(
                new aws.eks.PodIdentityAssociation(
                    childName(name, key, "pod-identity"),
                    { clusterName, namespace: c.namespace, serviceAccount: c.serviceAccount, roleArn: role.arn, tags },
                    { parent: this, dependsOn: [this.cluster, ...Object.values(this.addons)] },
                ),
            );
        }
        const release = new k8s.helm.v3.Release(
            childName(name, key),
            { ...c.release, values: resolveRefs(c.release.values, refs) },
            { parent: this, provider: this.provider, dependsOn: waits },
        );
        return { role, release };
    }
}
