import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { IstioTrafficPolicy, KubernetesService, type KubernetesServiceArgs } from "../../src";
import type { SystemContext } from "./context";
import { istio } from "./mesh";

type WebApp = NonNullable<SystemContext["config"]["webApp"]>;

/** One version of web-app, with its share of the replicas (never fewer than the environment's minimum). */
function workload(ctx: SystemContext, secretName: pulumi.Input<string>, version: string, image: string, share: number) {
    const app = ctx.config.webApp as WebApp;
    const floor = ctx.profile.policy.minCapacity;
    const args: KubernetesServiceArgs = {
        namespace: "production",
        image,
        port: 8080,
        labels: { app: "web", version },
        env: { ENV: ctx.env },
        secretEnv: { DB_PASSWORD: { secretName, key: "password" } },
        autoScaling: {
            min: Math.max(floor, Math.round((app.replicas.min * share) / 100)),
            max: Math.max(floor, Math.round((app.replicas.max * share) / 100)),
            targetTracking: [
                { metric: "cpu", target: 70 },
                { metric: "memory", target: 80 },
            ],
        },
    };
    return args;
}

/** The 90/10 canary between v1 and v2 with retries, a timeout and a circuit breaker. */
function canaryRouting(host: pulumi.Input<string>, weight: number, opts: pulumi.ComponentResourceOptions) {
    return new IstioTrafficPolicy(
        "web-app",
        {
            host,
            namespace: "production",
            subsets: { v1: { version: "v1" }, v2: { version: "v2" } },
            routes: [
                {
                    name: "canary",
                    destinations: [
                        { subset: "v1", weight: 100 - weight },
                        { subset: "v2", weight },
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
        },
        opts,
    );
}

/** The `production` namespace, web-app v1 and, with the mesh and a canary image, v2 behind Istio's split. */
export function webApp(ctx: SystemContext, provider: k8s.Provider): void {
    const { config, profile } = ctx;
    const app = config.webApp;
    if (!app) return;
    const canaryImage = profile.canary && config.tiers.mesh ? app.canaryImage : undefined;
    const istiod = canaryImage ? istio(ctx, provider) : undefined;
    const mesh = istiod ? [istiod] : [];
    const labels: Record<string, string> = {
        "pod-security.kubernetes.io/enforce": "restricted",
        ...(istiod ? { "istio-injection": "enabled" } : {}),
    };
    const ns = new k8s.core.v1.Namespace(
        "production",
        { metadata: { name: "production", labels } },
        { provider, dependsOn: mesh },
    );
    const dbCredentials = new k8s.core.v1.Secret(
        "db-credentials",
        {
            metadata: { name: "db-credentials", namespace: ns.metadata.name },
            type: "Opaque",
            stringData: { password: config.dbPassword },
        },
        { provider },
    );
    const secretName = dbCredentials.metadata.name;
    const stableShare = canaryImage ? 100 - app.canaryWeight : 100;
    const service = { type: "LoadBalancer" as const, port: 80, selector: { app: "web" } };
    const stable = new KubernetesService(
        "web-app",
        { ...workload(ctx, secretName, "v1", app.image, stableShare), service },
        { provider, dependsOn: [ns] },
    );
    if (!canaryImage) return;
    new KubernetesService(
        "web-app-v2",
        { ...workload(ctx, secretName, "v2", canaryImage, app.canaryWeight), service: { enabled: false } },
        { provider, dependsOn: [ns] },
    );
    canaryRouting(stable.name, app.canaryWeight, { provider, dependsOn: [ns, ...mesh] });
}
