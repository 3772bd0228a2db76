import * as k8s from "@pulumi/kubernetes";
import {
    type AutoScalingArgs,
    AutoScalingGroup,
    EcsCluster,
    EcsService,
    KubernetesService,
    LambdaFunction,
    type ScalingPolicies,
} from "compute-layer";

// One vocabulary: hold CPU at 60%, and scale out ahead of business hours.
const cpu60: ScalingPolicies = { targetTracking: [{ metric: "cpu", target: 60 }] };
const within = (min: number, max: number, extra: ScalingPolicies = {}): AutoScalingArgs => ({
    ...cpu60,
    ...extra,
    min,
    max,
});

const vpcId = "vpc-0example000000001";
const subnetIds = ["subnet-0private00000001", "subnet-0private00000002"];

// EC2 instances.
new AutoScalingGroup("workers", {
    vpcId,
    subnetIds,
    autoScaling: within(2, 10, { schedules: [{ name: "morning", cron: "0 8 * * MON-FRI", minCapacity: 6 }] }),
});

// ECS tasks (Application Auto Scaling).
const cluster = new EcsCluster("jobs", {});
new EcsService("api", {
    cluster,
    vpcId,
    subnetIds,
    cpu: 256,
    memory: 512,
    containers: { app: { image: "traefik/whoami:v1.11.0", portMappings: [{ containerPort: 8080 }] } },
    autoScaling: within(2, 20, { schedules: [{ name: "morning", cron: "cron(0 8 ? * MON-FRI *)", minCapacity: 6 }] }),
});

// Lambda provisioned concurrency: the same shape, with the metric Lambda offers.
new LambdaFunction("thumbnail", {
    runtime: "nodejs22.x",
    handler: "index.handler",
    code: { s3Bucket: "my-artifacts", s3Key: "thumbnail.zip" },
    autoScaling: { min: 1, max: 10, targetTracking: [{ metric: "provisionedConcurrencyUtilization", target: 0.7 }] },
});

// Kubernetes replicas (a HorizontalPodAutoscaler).
const provider = new k8s.Provider("cluster", { kubeconfig: process.env.KUBECONFIG ?? "~/.kube/config" });
new KubernetesService(
    "web",
    { namespace: "web", image: "nginxinc/nginx-unprivileged:1.27-alpine", port: 8080, autoScaling: within(2, 10) },
    { provider },
);
