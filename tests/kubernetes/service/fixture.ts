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
    livenessProbe: {
        path: "/health",
        initialDelaySeconds: 30,
        periodSeconds: 10,
        timeoutSeconds: 2,
        failureThreshold: 3,
    },
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
    awsAccess: {
        binding: "podIdentity",
        clusterName: "platform",
        serviceAccountName: "web",
        statements: [
            {
                Sid: "ReadSecrets",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue"],
                Resource: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"],
            },
        ],
    },
    ingress: {
        rules: [{ host: "app.example.com", paths: ["/"], pathType: "Prefix" }],
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
        scheme: "internet-facing",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        groupName: "web",
        healthCheck: {
            path: "/ready",
            port: "traffic-port",
            intervalSeconds: 15,
            timeoutSeconds: 5,
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            successCodes: "200",
        },
        inboundCidrs: ["0.0.0.0/0"],
        tags: { team: "web" },
    },
};

/** REFERENCE.md's worker (worker-hpa: 1–50 replicas, 30 messages of my-queue per pod), scaled by KEDA on its SQS queue. */
export const referenceWorker: KubernetesServiceArgs = {
    namespace: "production",
    image: "public.ecr.aws/docker/library/busybox:1.36",
    port: 8080,
    service: { enabled: false },
    autoScaling: {
        min: 1,
        max: 50,
        engine: "keda",
        sqsQueue: { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/my-queue", messagesPerReplica: 30 },
    },
};
