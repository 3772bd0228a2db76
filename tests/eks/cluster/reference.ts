import type { EksClusterArgs, EksNodeGroupArgs } from "../../../components/eks";

/** The reference eksctl ClusterConfig (REFERENCE.md, "EKS"): my-cluster, two managed node groups, two Fargate profiles. */
export const REFERENCE_NODE_GROUPS: Record<string, EksNodeGroupArgs> = {
    general: {
        instanceTypes: ["m5.large"],
        minSize: 2,
        maxSize: 10,
        desiredSize: 4,
        diskSizeGb: 50,
        labels: { role: "general" },
        tags: { "nodegroup-role": "general" },
        // withAddonPolicies: autoScaler is the cluster autoscaler's own IRSA role here.
        addonPolicies: { cloudWatch: true, ebs: true },
    },
    spot: {
        instanceTypes: ["m5.large", "m5a.large", "m4.large"],
        capacityType: "SPOT",
        minSize: 0,
        maxSize: 20,
        desiredSize: 5,
        labels: { role: "worker", lifecycle: "spot" },
    },
};

export const REFERENCE_FARGATE_PROFILES: EksClusterArgs["fargateProfiles"] = {
    "fp-default": {
        selectors: [{ namespace: "default" }, { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }],
    },
    "fp-production": { selectors: [{ namespace: "production", labels: { compute: "fargate" } }] },
};
