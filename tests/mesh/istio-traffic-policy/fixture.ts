import type { IstioTrafficPolicyArgs } from "../../../components/mesh";

/** A valid, rich IstioTrafficPolicy: the prod 90/10 canary with header routing, retries and a circuit breaker. */
export const validArgs: IstioTrafficPolicyArgs = {
    host: "web.production.svc.cluster.local",
    namespace: "production",
    gateways: ["istio-system/web-gateway", "mesh"],
    subsets: { v1: { app: "web", version: "v1" }, v2: { app: "web", version: "v2" } },
    routes: [
        {
            name: "beta-testers",
            match: { headers: { "x-beta": { exact: "true" } }, uriPrefix: "/" },
            destinations: [{ subset: "v2" }],
        },
        {
            name: "canary",
            destinations: [
                { subset: "v1", weight: 90 },
                { subset: "v2", weight: 10 },
            ],
            retries: { attempts: 3, perTryTimeout: "2s", retryOn: ["5xx", "gateway-error", "connect-failure"] },
            timeout: "15s",
        },
    ],
    trafficPolicy: {
        connectionPool: {
            tcp: { maxConnections: 100 },
            http: { http1MaxPendingRequests: 1, http2MaxRequests: 100, maxRequestsPerConnection: 2 },
        },
        loadBalancer: "LEAST_REQUEST",
        outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
    },
    subsetPolicies: { v2: { loadBalancer: "ROUND_ROBIN" } },
    apiVersion: "networking.istio.io/v1",
};
