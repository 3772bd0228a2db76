import type * as k8s from "@pulumi/kubernetes";
import { AWS_REFS, irsaTrust, type PolicyDocument, policyDocument, ref } from "../shared";

/**
 * The cluster-autoscaler release for each Kubernetes minor. The autoscaler's minor must match the
 * cluster's ("use the version that matches your Kubernetes minor", cluster-autoscaler FAQ); patch
 * releases per registry.k8s.io promotions (kubernetes/k8s.io#9676, 2026-07: v1.36.0, v1.35.1,
 * v1.34.4, v1.33.5; kubernetes/k8s.io#8815: v1.32.5).
 */
export const CLUSTER_AUTOSCALER_VERSIONS: Record<string, string> = {
    "1.32": "1.32.5",
    "1.33": "1.33.5",
    "1.34": "1.34.4",
    "1.35": "1.35.1",
    "1.36": "1.36.0",
};

/** The cluster-autoscaler image repository. */
export const CLUSTER_AUTOSCALER_IMAGE = "registry.k8s.io/autoscaling/cluster-autoscaler";

/** Expanders the cluster autoscaler offers on AWS (`--expander`). */
export const CLUSTER_AUTOSCALER_EXPANDERS = ["least-waste", "most-pods", "random", "priority", "least-nodes"] as const;

/** Where the cluster autoscaler runs and under which names. */
export const CLUSTER_AUTOSCALER_NAMESPACE = "kube-system";
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";

/** The deploy-time reference to the autoscaler's IRSA role ARN, filled by the component. */
export const CLUSTER_AUTOSCALER_ROLE_REF = ref("clusterAutoscalerRoleArn");

/** The auto-discovery tag keys the cluster autoscaler looks for on node group ASGs. */
export function autoscalerDiscoveryTags(clusterName: string): Record<string, string> {
    return { "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned" };
}

/** The cluster autoscaler: its settings, and the final inputs of its IAM role, policy and Kubernetes objects. */
export interface ClusterAutoscalerPlan {
    version: string;
    image: string;
    expander: string;
    namespace: string;
    serviceAccountName: string;
    /** The container command: the binary and its flags. */
    command: string[];
    resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
    /** The IRSA role: description and trust (only the autoscaler's service account). */
    role: { description: string; assumeRolePolicy: PolicyDocument };
    /** The role's least-privilege inline policy. */
    policy: PolicyDocument;
    serviceAccount: k8s.types.input.core.v1.ServiceAccount;
    clusterRole: k8s.types.input.rbac.v1.ClusterRole;
    clusterRoleBinding: k8s.types.input.rbac.v1.ClusterRoleBinding;
    namespacedRole: k8s.types.input.rbac.v1.Role;
    roleBinding: k8s.types.input.rbac.v1.RoleBinding;
    deployment: k8s.types.input.apps.v1.Deployment;
}

/** Renders the cluster autoscaler for a cluster, from its checked settings. */
export function renderClusterAutoscaler(clusterName: string, version: string, expander: string): ClusterAutoscalerPlan {
    const namespace = CLUSTER_AUTOSCALER_NAMESPACE;
    const sa = CLUSTER_AUTOSCALER_SERVICE_ACCOUNT;
    const discovery = Object.keys(autoscalerDiscoveryTags(clusterName));
    const command = [
        "./cluster-autoscaler",
        "--v=4",
        "--stderrthreshold=info",
        "--cloud-provider=aws",
        `--expander=${expander}`,
        `--node-group-auto-discovery=asg:tag=${discovery.join(",")}`,
        "--balance-similar-node-groups",
        "--skip-nodes-with-system-pods=false",
        "--skip-nodes-with-local-storage=false",
    ];
    // The upstream AWS example's requests and limits.
    const resources = { requests: { cpu: "100m", memory: "600Mi" }, limits: { cpu: "100m", memory: "600Mi" } };
    const image = `${CLUSTER_AUTOSCALER_IMAGE}:v${version}`;
    const { partition, region, accountId } = AWS_REFS;

    // The permissions of the upstream AWS guide, with writes limited to this cluster's node
    // group ASGs (EKS tags them k8s.io/cluster-autoscaler/<cluster>=owned).
    // https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy
    const policy = policyDocument([
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
            Resource: `arn:${partition}:eks:${region}:${accountId}:nodegroup/${clusterName}/*`,
        },
        {
            Sid: "ScaleOwnNodeGroups",
            Effect: "Allow",
            Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
            Resource: "*",
            Condition: { StringEquals: { [`aws:ResourceTag/${discovery[1]}`]: "owned" } },
        },
    ]);

    const labels = {
        "app.kubernetes.io/name": "cluster-autoscaler",
        "app.kubernetes.io/managed-by": "compute-layer",
        "k8s-app": "cluster-autoscaler",
    };
    const meta = { name: sa, namespace, labels };
    const subjects = [{ kind: "ServiceAccount", name: sa, namespace }];
    const readOnly = ["watch", "list", "get"];
    return {
        version,
        image,
        expander,
        namespace,
        serviceAccountName: sa,
        command,
        resources,
        role: {
            description: `IRSA role of the cluster autoscaler of EKS cluster ${clusterName}`,
            assumeRolePolicy: irsaTrust(namespace, sa),
        },
        policy,
        serviceAccount: {
            metadata: { ...meta, annotations: { "eks.amazonaws.com/role-arn": CLUSTER_AUTOSCALER_ROLE_REF } },
        },
        // RBAC per the upstream chart (charts/cluster-autoscaler/templates/clusterrole.yaml, role.yaml).
        clusterRole: {
            metadata: { name: "cluster-autoscaler", labels },
            rules: [
                { apiGroups: [""], resources: ["events", "endpoints"], verbs: ["create", "patch"] },
                { apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"] },
                { apiGroups: [""], resources: ["pods/status"], verbs: ["update"] },
                {
                    apiGroups: [""],
                    resources: ["endpoints"],
                    resourceNames: ["cluster-autoscaler"],
                    verbs: ["get", "update"],
                },
                {
                    apiGroups: [""],
                    resources: ["nodes"],
                    verbs: ["watch", "list", "create", "delete", "get", "update"],
                },
                {
                    apiGroups: [""],
                    resources: [
                        "namespaces",
                        "pods",
                        "services",
                        "replicationcontrollers",
                        "persistentvolumeclaims",
                        "persistentvolumes",
                    ],
                    verbs: readOnly,
                },
                { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: readOnly },
                { apiGroups: ["batch", "extensions"], resources: ["jobs"], verbs: ["get", "list", "patch", "watch"] },
                { apiGroups: ["extensions"], resources: ["replicasets", "daemonsets"], verbs: readOnly },
                { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: ["watch", "list"] },
                { apiGroups: ["apps"], resources: ["daemonsets", "replicasets", "statefulsets"], verbs: readOnly },
                {
                    apiGroups: ["storage.k8s.io"],
                    resources: [
                        "storageclasses",
                        "csinodes",
                        "csidrivers",
                        "csistoragecapacities",
                        "volumeattachments",
                    ],
                    verbs: readOnly,
                },
                { apiGroups: [""], resources: ["configmaps"], verbs: ["list", "watch", "get"] },
                { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create"] },
                {
                    apiGroups: ["coordination.k8s.io"],
                    resourceNames: ["cluster-autoscaler"],
                    resources: ["leases"],
                    verbs: ["get", "update"],
                },
            ],
        },
        clusterRoleBinding: {
            metadata: { name: "cluster-autoscaler", labels },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-autoscaler" },
            subjects,
        },
        namespacedRole: {
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
        roleBinding: {
            metadata: meta,
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: sa },
            subjects,
        },
        deployment: {
            metadata: meta,
            spec: {
                // One active autoscaler: it holds a leader-election lease.
                replicas: 1,
                selector: { matchLabels: { "app.kubernetes.io/name": "cluster-autoscaler" } },
                template: {
                    metadata: {
                        labels,
                        // Keep the autoscaler from evicting itself while it drains nodes.
                        annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" },
                    },
                    spec: {
                        serviceAccountName: sa,
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
                                image,
                                imagePullPolicy: "IfNotPresent",
                                command,
                                env: [{ name: "AWS_REGION", value: region }],
                                ports: [{ name: "http", containerPort: 8085, protocol: "TCP" }],
                                livenessProbe: {
                                    httpGet: { path: "/health-check", port: "http" },
                                    initialDelaySeconds: 30,
                                    periodSeconds: 10,
                                },
                                resources,
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
    };
}
