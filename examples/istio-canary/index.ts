import * as k8s from "@pulumi/kubernetes";
import { IstioTrafficPolicy, KubernetesService } from "compute-layer";

// Your cluster's provider (an EksCluster's `provider`, or a kubeconfig).
const provider = new k8s.Provider("cluster", { kubeconfig: process.env.KUBECONFIG ?? "~/.kube/config" });

// Two versions of one app behind one ClusterIP Service that selects both.
const common = {
    namespace: "shop",
    image: "nginxinc/nginx-unprivileged:1.27-alpine",
    port: 8080,
    livenessProbe: { path: "/" },
    readinessProbe: { path: "/" },
};
new KubernetesService(
    "web-v1",
    {
        ...common,
        labels: { app: "web", version: "v1" },
        service: { type: "ClusterIP", port: 80, selector: { app: "web" } },
    },
    { provider },
);
new KubernetesService(
    "web-v2",
    { ...common, replicas: 1, labels: { app: "web", version: "v2" }, service: { enabled: false } },
    { provider },
);

// 90% to v1, 10% to v2, with retries and outlier detection.
new IstioTrafficPolicy(
    "web",
    {
        host: "web-v1.shop.svc.cluster.local",
        namespace: "shop",
        subsets: { v1: { version: "v1" }, v2: { version: "v2" } },
        routes: [
            {
                name: "canary",
                destinations: [
                    { subset: "v1", weight: 90 },
                    { subset: "v2", weight: 10 },
                ],
                retries: { attempts: 3, perTryTimeout: "2s", retryOn: "5xx,connect-failure" },
            },
        ],
        trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s" } },
    },
    { provider },
);
