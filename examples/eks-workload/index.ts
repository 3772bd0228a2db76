import { EksCluster, KubernetesService } from "compute-layer";

const cluster = new EksCluster("platform", {
    vpcId: "vpc-0example000000001",
    privateSubnetIds: ["subnet-0private00000001", "subnet-0private00000002"],
    // The deployer reaches the private endpoint from inside the VPC (a CI runner's security group).
    apiAccess: { privateAccessSecurityGroupIds: ["sg-0runner0000000001"] },
    nodeGroups: { general: { instanceTypes: ["m6i.large"], minSize: 2, maxSize: 10, desiredSize: 3 } },
});

// Restricted pod security, probes, resources, an HPA and a PDB by default.
new KubernetesService(
    "web",
    {
        namespace: "web",
        createNamespace: true,
        image: "nginxinc/nginx-unprivileged:1.27-alpine",
        port: 8080,
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
        livenessProbe: { path: "/" },
        readinessProbe: { path: "/" },
        autoScaling: { min: 2, max: 10, targetTracking: [{ metric: "cpu", target: 70 }] },
        podDisruptionBudget: { maxUnavailable: 1 },
    },
    { provider: cluster.provider },
);

export const clusterName = cluster.clusterName;
