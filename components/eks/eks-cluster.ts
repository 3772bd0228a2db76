import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName, defaultTags } from "../../src/core";
import type { EksClusterArgs } from "./args";
import { autoscalerDiscoveryTags, ClusterAutoscalerPlan, EksClusterPlan, NodeGroupPlan, planEksCluster } from "./plan";

/** The type token of {@link EksCluster}. Never changes once released. */
export const EKS_CLUSTER_TYPE = "compute-layer:index:EksCluster";

/** The AWS managed policies of a node role. */
const NODE_POLICIES: Record<string, string> = {
    worker: "AmazonEKSWorkerNodePolicy",
    cni: "AmazonEKS_CNI_Policy",
    ecr: "AmazonEC2ContainerRegistryReadOnly",
};

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

/** An IAM policy document, as JSON. */
function policyJson(statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * An EKS cluster with everything around it: the control plane (`@pulumi/eks` `Cluster`: no
 * default node group, access entries only, secrets encrypted with a KMS key of its own, all
 * five control-plane log types, private endpoint), managed node groups with their own roles and
 * launch templates (IMDSv2, encrypted gp3), Fargate profiles, and the Kubernetes cluster
 * autoscaler with an IRSA role limited to its service account.
 */
export class EksCluster extends pulumi.ComponentResource {
    /** The settings the component applied, defaults included. */
    readonly settings: EksClusterPlan;
    /** The control plane. */
    readonly cluster: eks.Cluster;
    /** The EKS cluster name; resolves once the cluster exists. */
    readonly clusterName: pulumi.Output<string>;
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

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything is registered.
        const plan = planEksCluster(name, args, { stack: pulumi.getStack() });
        super(EKS_CLUSTER_TYPE, name, {}, opts);
        this.settings = plan;

        const tags = defaultTags(name, args.tags);
        const parent = { parent: this };
        const partition = aws.getPartitionOutput({}, parent).partition;
        const region = aws.getRegionOutput({}, parent).region;
        const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
        const managedPolicy = (policy: string) => pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`;

        this.secretsKey = new aws.kms.Key(
            childName(name, "secrets-key"),
            { description: `Kubernetes secrets encryption for EKS cluster ${plan.clusterName}`, enableKeyRotation: true, deletionWindowInDays: 30, tags },
            parent,
        );

        // EKS writes control-plane logs here; created first so they do not live forever.
        this.logGroup = new aws.cloudwatch.LogGroup(
            childName(name, "logs"),
            { name: `/aws/eks/${plan.clusterName}/cluster`, retentionInDays: plan.logRetentionDays, tags },
            parent,
        );

        this.cluster = new eks.Cluster(
            childName(name, "cluster"),
            {
                name: plan.clusterName,
                version: plan.version,
                vpcId: args.vpcId,
                privateSubnetIds: args.privateSubnetIds,
                ...(args.publicSubnetIds !== undefined ? { publicSubnetIds: args.publicSubnetIds } : {}),
                skipDefaultNodeGroup: true,
                // Managed node groups and Fargate use the security group EKS creates for the cluster.
                skipDefaultSecurityGroups: true,
                authenticationMode: eks.AuthenticationMode.Api,
                encryptionConfigKeyArn: this.secretsKey.arn,
                enabledClusterLogTypes: plan.logTypes,
                endpointPrivateAccess: true,
                endpointPublicAccess: plan.endpointPublicAccess,
                ...(plan.publicAccessCidrs ? { publicAccessCidrs: plan.publicAccessCidrs } : {}),
                createOidcProvider: true,
                deletionProtection: plan.deletionProtection,
                tags,
            },
            { parent: this, dependsOn: [this.logGroup] },
        );
        const cluster = this.cluster;
        this.clusterName = cluster.urn.apply(() => plan.clusterName);
        this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
        this.oidcProviderArn = cluster.oidcProviderArn;
        this.oidcIssuer = cluster.oidcIssuer;

        // Managed node groups.
        this.nodeGroups = {};
        this.nodeRoles = {};
        this.launchTemplates = {};
        for (const ng of plan.nodeGroups) {
            const { role, attachments } = this.nodeRole(name, ng, tags, managedPolicy);
            const lt = this.launchTemplate(name, ng, tags);
            this.nodeRoles[ng.key] = role;
            this.launchTemplates[ng.key] = lt;
            this.nodeGroups[ng.key] = new aws.eks.NodeGroup(
                childName(name, "ng", ng.key),
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
                    tags: { ...tags, ...autoscalerDiscoveryTags(plan.clusterName) },
                },
                {
                    parent: this,
                    // The cluster autoscaler owns the count once the group exists (pulumi-eks#1293).
                    ignoreChanges: ["scalingConfig.desiredSize"],
                    dependsOn: [cluster, ...attachments],
                },
            );
        }

        // Fargate profiles: one pod execution role, private subnets only. EKS creates one
        // profile at a time per cluster, so each waits for the one before.
        this.fargateProfiles = {};
        if (plan.fargateProfiles.length > 0) {
            const role = new aws.iam.Role(
                childName(name, "fargate-pod-role"),
                {
                    description: `Fargate pod execution role for EKS cluster ${plan.clusterName}`,
                    // Only Fargate profiles of this cluster may use the role (confused-deputy protection).
                    // https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html
                    assumeRolePolicy: pulumi.all([partition, region, accountId]).apply(([p, r, a]) =>
                        policyJson([
                            {
                                Effect: "Allow",
                                Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                                Action: "sts:AssumeRole",
                                Condition: { ArnLike: { "aws:SourceArn": `arn:${p}:eks:${r}:${a}:fargateprofile/${plan.clusterName}/*` } },
                            },
                        ]),
                    ),
                    tags,
                },
                parent,
            );
            const attachment = new aws.iam.RolePolicyAttachment(
                childName(name, "fargate-pod-role", "policy"),
                { role: role.name, policyArn: managedPolicy("AmazonEKSFargatePodExecutionRolePolicy") },
                parent,
            );
            this.fargatePodExecutionRole = role;
            let previous: pulumi.Resource | undefined;
            for (const fp of plan.fargateProfiles) {
                const profile = new aws.eks.FargateProfile(
                    childName(name, "fp", fp.key),
                    { clusterName: plan.clusterName, podExecutionRoleArn: role.arn, subnetIds: args.privateSubnetIds, selectors: fp.selectors, tags },
                    { parent: this, dependsOn: [cluster, attachment, ...(previous ? [previous] : [])] },
                );
                this.fargateProfiles[fp.key] = profile;
                previous = profile;
            }
        }

        // Created after the node groups and Fargate profiles, so that workloads applied through it
        // (the autoscaler, KubernetesService) have somewhere to run on the first `pulumi up` instead
        // of waiting out their readiness timeout while capacity is still being created.
        this.provider = new k8s.Provider(
            childName(name, "k8s"),
            { kubeconfig: this.kubeconfig },
            { parent: this, dependsOn: [...Object.values(this.nodeGroups), ...Object.values(this.fargateProfiles)] },
        );

        if (plan.clusterAutoscaler) {
            this.clusterAutoscaler = this.autoscaler(name, plan, plan.clusterAutoscaler, tags, { partition, region, accountId });
        }

        this.registerOutputs({
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            oidcProviderArn: this.oidcProviderArn,
            oidcIssuer: this.oidcIssuer,
        });
    }

    private nodeRole(
        name: string,
        ng: NodeGroupPlan,
        tags: Record<string, pulumi.Input<string>>,
        managedPolicy: (policy: string) => pulumi.Output<string>,
    ): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
        const role = new aws.iam.Role(
            childName(name, "ng", ng.key, "role"),
            {
                description: `Node role of EKS node group ${ng.key}`,
                assumeRolePolicy: policyJson([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]),
                tags,
            },
            { parent: this },
        );
        const policies = { ...NODE_POLICIES, ...(ng.ssmAccess ? { ssm: "AmazonSSMManagedInstanceCore" } : {}) };
        const attachments = Object.entries(policies).map(
            ([short, policy]) => new aws.iam.RolePolicyAttachment(childName(name, "ng", ng.key, short), { role: role.name, policyArn: managedPolicy(policy) }, { parent: this }),
        );
        return { role, attachments };
    }

    private launchTemplate(name: string, ng: NodeGroupPlan, tags: Record<string, pulumi.Input<string>>): aws.ec2.LaunchTemplate {
        // Bottlerocket keeps the OS on /dev/xvda and containers on the data volume /dev/xvdb.
        const deviceName = ng.amiType?.startsWith("BOTTLEROCKET") ? "/dev/xvdb" : "/dev/xvda";
        return new aws.ec2.LaunchTemplate(
            childName(name, "ng", ng.key, "lt"),
            {
                description: `Launch template of EKS node group ${ng.key}`,
                updateDefaultVersion: true,
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: ng.metadataHopLimit },
                blockDeviceMappings: [{ deviceName, ebs: { volumeSize: ng.diskSizeGb, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
                tagSpecifications: [
                    { resourceType: "instance", tags },
                    { resourceType: "volume", tags },
                ],
                tags,
            },
            { parent: this },
        );
    }

    private autoscaler(
        name: string,
        plan: EksClusterPlan,
        ca: ClusterAutoscalerPlan,
        tags: Record<string, pulumi.Input<string>>,
        env: { partition: pulumi.Output<string>; region: pulumi.Output<string>; accountId: pulumi.Output<string> },
    ): EksClusterAutoscalerResources {
        const subject = `system:serviceaccount:${ca.namespace}:${ca.serviceAccountName}`;
        const role = new aws.iam.Role(
            childName(name, "autoscaler-role"),
            {
                description: `IRSA role of the cluster autoscaler of EKS cluster ${plan.clusterName}`,
                // IRSA: only the autoscaler's service account, and only tokens meant for STS.
                // https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
                assumeRolePolicy: pulumi.all([this.oidcProviderArn, this.oidcIssuer]).apply(([arn, issuer]) =>
                    policyJson([
                        {
                            Effect: "Allow",
                            Principal: { Federated: arn },
                            Action: "sts:AssumeRoleWithWebIdentity",
                            Condition: { StringEquals: { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: "sts.amazonaws.com" } },
                        },
                    ]),
                ),
                tags,
            },
            { parent: this },
        );
        // The permissions of the upstream AWS guide, with writes limited to this cluster's node
        // group ASGs (EKS tags them k8s.io/cluster-autoscaler/<cluster>=owned).
        // https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy
        const ownedTag = Object.keys(autoscalerDiscoveryTags(plan.clusterName))[1];
        const policy = new aws.iam.RolePolicy(
            childName(name, "autoscaler-policy"),
            {
                role: role.name,
                policy: pulumi.all([env.partition, env.region, env.accountId]).apply(([p, r, a]) =>
                    policyJson([
                        {
                            Sid: "Discover",
                            Effect: "Allow",
                            Action: [
                                "autoscaling:DescribeAutoScalingGroups",
                                "autoscaling:DescribeAutoScalingInstances",
                                "autoscaling:DescribeLaunchConfigurations",
                                "autoscaling:DescribeScalingActivities",
                                "autoscaling:DescribeTags",
                                "ec2:DescribeImages",
                                "ec2:DescribeInstanceTypes",
                                "ec2:DescribeLaunchTemplateVersions",
                                "ec2:GetInstanceTypesFromInstanceRequirements",
                            ],
                            Resource: "*",
                        },
                        {
                            Sid: "DescribeOwnNodeGroups",
                            Effect: "Allow",
                            Action: "eks:DescribeNodegroup",
                            Resource: `arn:${p}:eks:${r}:${a}:nodegroup/${plan.clusterName}/*`,
                        },
                        {
                            Sid: "ScaleOwnNodeGroups",
                            Effect: "Allow",
                            Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                            Resource: "*",
                            Condition: { StringEquals: { [`aws:ResourceTag/${ownedTag}`]: "owned" } },
                        },
                    ]),
                ),
            },
            { parent: this },
        );

        const k8sOpts = { parent: this, provider: this.provider };
        const labels = { "app.kubernetes.io/name": "cluster-autoscaler", "app.kubernetes.io/managed-by": "compute-layer", "k8s-app": "cluster-autoscaler" };
        const meta = { name: ca.serviceAccountName, namespace: ca.namespace, labels };
        const serviceAccount = new k8s.core.v1.ServiceAccount(
            childName(name, "autoscaler-sa"),
            { metadata: { ...meta, annotations: { "eks.amazonaws.com/role-arn": role.arn } } },
            k8sOpts,
        );
        const saSubject = [{ kind: "ServiceAccount", name: ca.serviceAccountName, namespace: ca.namespace }];
        // RBAC per the upstream chart (charts/cluster-autoscaler/templates/clusterrole.yaml, role.yaml).
        const clusterRole = new k8s.rbac.v1.ClusterRole(
            childName(name, "autoscaler-clusterrole"),
            {
                metadata: { name: "cluster-autoscaler", labels },
                rules: [
                    { apiGroups: [""], resources: ["events", "endpoints"], verbs: ["create", "patch"] },
                    { apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"] },
                    { apiGroups: [""], resources: ["pods/status"], verbs: ["update"] },
                    { apiGroups: [""], resources: ["endpoints"], resourceNames: ["cluster-autoscaler"], verbs: ["get", "update"] },
                    { apiGroups: [""], resources: ["nodes"], verbs: ["watch", "list", "create", "delete", "get", "update"] },
                    {
                        apiGroups: [""],
                        resources: ["namespaces", "pods", "services", "replicationcontrollers", "persistentvolumeclaims", "persistentvolumes"],
                        verbs: ["watch", "list", "get"],
                    },
                    { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["watch", "list", "get"] },
                    { apiGroups: ["batch", "extensions"], resources: ["jobs"], verbs: ["get", "list", "patch", "watch"] },
                    { apiGroups: ["extensions"], resources: ["replicasets", "daemonsets"], verbs: ["watch", "list", "get"] },
                    { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: ["watch", "list"] },
                    { apiGroups: ["apps"], resources: ["daemonsets", "replicasets", "statefulsets"], verbs: ["watch", "list", "get"] },
                    {
                        apiGroups: ["storage.k8s.io"],
                        resources: ["storageclasses", "csinodes", "csidrivers", "csistoragecapacities", "volumeattachments"],
                        verbs: ["watch", "list", "get"],
                    },
                    { apiGroups: [""], resources: ["configmaps"], verbs: ["list", "watch", "get"] },
                    { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create"] },
                    { apiGroups: ["coordination.k8s.io"], resourceNames: ["cluster-autoscaler"], resources: ["leases"], verbs: ["get", "update"] },
                ],
            },
            k8sOpts,
        );
        const clusterRoleBinding = new k8s.rbac.v1.ClusterRoleBinding(
            childName(name, "autoscaler-clusterrolebinding"),
            { metadata: { name: "cluster-autoscaler", labels }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-autoscaler" }, subjects: saSubject },
            { ...k8sOpts, dependsOn: [clusterRole] },
        );
        const namespacedRole = new k8s.rbac.v1.Role(
            childName(name, "autoscaler-role-k8s"),
            {
                metadata: meta,
                rules: [
                    { apiGroups: [""], resources: ["configmaps"], verbs: ["create", "list", "watch"] },
                    {
                        apiGroups: [""],
                        resources: ["configmaps"],
                        resourceNames: ["cluster-autoscaler-status", "cluster-autoscaler-priority-expander"],
                        verbs: ["delete", "get", "update", "watch"],
                    },
                ],
            },
            k8sOpts,
        );
        const roleBinding = new k8s.rbac.v1.RoleBinding(
            childName(name, "autoscaler-rolebinding"),
            { metadata: meta, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: ca.serviceAccountName }, subjects: saSubject },
            { ...k8sOpts, dependsOn: [namespacedRole] },
        );

        const selector = { "app.kubernetes.io/name": "cluster-autoscaler" };
        const deployment = new k8s.apps.v1.Deployment(
            childName(name, "autoscaler"),
            {
                metadata: meta,
                spec: {
                    // One active autoscaler: it holds a leader-election lease.
                    replicas: 1,
                    selector: { matchLabels: selector },
                    template: {
                        metadata: {
                            labels,
                            // Keep the autoscaler from evicting itself while it drains nodes.
                            annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" },
                        },
                        spec: {
                            serviceAccountName: ca.serviceAccountName,
                            priorityClassName: "system-cluster-critical",
                            nodeSelector: { "kubernetes.io/os": "linux" },
                            securityContext: {
                                runAsNonRoot: true,
                                runAsUser: 65534,
                                runAsGroup: 65534,
                                fsGroup: 65534,
                                seccompProfile: { type: "RuntimeDefault" },
                            },
                            containers: [
                                {
                                    name: "cluster-autoscaler",
                                    image: ca.image,
                                    imagePullPolicy: "IfNotPresent",
                                    command: ca.command,
                                    env: [{ name: "AWS_REGION", value: env.region }],
                                    ports: [{ name: "http", containerPort: 8085, protocol: "TCP" }],
                                    livenessProbe: { httpGet: { path: "/health-check", port: "http" }, initialDelaySeconds: 30, periodSeconds: 10 },
                                    resources: ca.resources,
                                    securityContext: {
                                        allowPrivilegeEscalation: false,
                                        readOnlyRootFilesystem: true,
                                        runAsNonRoot: true,
                                        capabilities: { drop: ["ALL"] },
                                        seccompProfile: { type: "RuntimeDefault" },
                                    },
                                },
                            ],
                        },
                    },
                },
            },
            // The pod needs nodes to run on, its RBAC and its AWS permissions.
            { ...k8sOpts, dependsOn: [...Object.values(this.nodeGroups), serviceAccount, clusterRoleBinding, roleBinding, policy] },
        );
        return { role, policy, serviceAccount, clusterRole, clusterRoleBinding, namespacedRole, roleBinding, deployment };
    }
}
