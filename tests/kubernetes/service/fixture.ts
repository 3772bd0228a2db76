import type { KubernetesServiceArgs } from "../../../components/kubernetes";

/** A valid, rich KubernetesService: the reference web-app with most options set. */
export const validArgs: KubernetesServiceArgs = {
    namespace: "production",
    createNamespace: true,
    image: "nginx:1.21",
    containerName: "nginx",
    port: 8080,
    replicas: 4,
    labels: { app: "web", version: "v1" },
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    env: { ENV: "production" },
    secretEnv: { DB_PASSWORD: { secretName: "db-credentials", key: "password" } },
    livenessProbe: { path: "/health", initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    readinessProbe: { path: "/ready", initialDelaySeconds: 5, periodSeconds: 5 },
    service: { type: "ClusterIP", port: 80, selector: { app: "web" }, annotations: { "example.com/owner": "web" } },
    autoScaling: {
        min: 2,
        max: 10,
        targetTracking: [
            { metric: "cpu", target: 70, scaleInCooldownSeconds: 300 },
            { metric: "memory", target: 80, scaleInCooldownSeconds: 300 },
        ],
        behavior: { scaleUp: { selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 30 }] } },
    },
    podDisruptionBudget: { maxUnavailable: 1 },
    topologySpread: { topologyKeys: ["topology.kubernetes.io/zone"], maxSkew: 1, whenUnsatisfiable: "ScheduleAnyway" },
    securityContext: { runAsUser: 101, runAsGroup: 101, fsGroup: 101, readOnlyRootFilesystem: true },
    automountServiceAccountToken: false,
};
