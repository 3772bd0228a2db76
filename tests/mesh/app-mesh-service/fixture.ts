import type { AppMeshServiceArgs } from "../../../components/mesh";

/** A valid, rich AppMeshService: the reference web-v1/web-v2 canary with retries, timeouts and health checks. */
export const validArgs: AppMeshServiceArgs = {
    meshName: "production",
    serviceName: "web-service.production.svc.cluster.local",
    port: 80,
    protocol: "http",
    versions: {
        v1: {
            hostname: "web-v1.production.svc.cluster.local",
            weight: 90,
            healthCheck: {
                protocol: "http",
                path: "/health",
                healthyThreshold: 2,
                unhealthyThreshold: 2,
                timeoutMillis: 2000,
                intervalMillis: 5000,
            },
        },
        v2: { hostname: "web-v2.production.svc.cluster.local", weight: 10, healthCheck: { path: "/health", port: 80 } },
    },
    routePrefix: "/",
    routePriority: 10,
    retryPolicy: {
        maxRetries: 3,
        perRetryTimeoutMs: 2000,
        httpRetryEvents: ["server-error", "gateway-error"],
        tcpRetryEvents: ["connection-error"],
    },
    timeout: { perRequestMs: 15_000, idleMs: 30_000 },
    backends: ["api-service.production.svc.cluster.local"],
    tags: { team: "web" },
};
