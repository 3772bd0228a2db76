import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import {
    type EksCluster,
    IstioSecurityPolicy,
    IstioTrafficPolicy,
    KubernetesService,
    type KubernetesServiceArgs,
} from "../../src";
import type { SystemContext } from "./context";
import { meshIngress, webAppHost, webAppIngress } from "./ingress";
import { INGRESS, istio, type Mesh } from "./mesh";
import { printsItsEnvironment } from "./placeholders";

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
        // The placeholder (traefik/whoami) listens on WHOAMI_PORT_NUMBER and answers /health and every other path.
        env: { ENV: ctx.env, WHOAMI_PORT_NUMBER: "8080", WHOAMI_NAME: `web-${version}` },
        // Its image (FROM scratch) names no user: run it as a non-root one.
        securityContext: { runAsUser: 65532, runAsGroup: 65532 },
        // Not to a placeholder that prints its environment (see placeholders.ts).
        ...(printsItsEnvironment(image) ? {} : { secretEnv: { DB_PASSWORD: { secretName, key: "password" } } }),
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
function canaryRouting(
    host: pulumi.Input<string>,
    gateway: { ref: string; host: string },
    weight: number,
    opts: pulumi.ComponentResourceOptions,
) {
    return new IstioTrafficPolicy(
        "web-app",
        {
            host,
            namespace: "production",
            // For callers inside the mesh and for those that come in through the ingress gateway.
            gateways: [gateway.ref, "mesh"],
            // The gateway routes a request by its Host header: app.<domain>.
            gatewayHosts: [gateway.host],
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
                // REFERENCE.md's pool (1 pending request, 2 requests a connection) is Istio's
                // circuit-breaker demo: under modest load it answers 503. The same breaker, sized for
                // traffic: 100 connections and 100 queued requests per host, connections reused.
                connectionPool: {
                    tcp: { maxConnections: 100 },
                    http: { http1MaxPendingRequests: 100, http2MaxRequests: 100 },
                },
                loadBalancer: "LEAST_REQUEST",
                // Sidecar to sidecar, always: the namespace admits nothing else (STRICT).
                tls: { mode: "ISTIO_MUTUAL" },
                outlierDetection: {
                    consecutive5xxErrors: 5,
                    interval: "30s",
                    baseEjectionTime: "30s",
                    maxEjectionPercent: 50,
                },
            },
        },
        opts,
    );
}

/**
 * Mesh security in `production`: STRICT mTLS for the namespace, nothing allowed by default, and the
 * canary's only caller, the ingress gateway, authorized by its service account (the gateway chart
 * names it after the gateway).
 */
function meshSecurity(opts: pulumi.ComponentResourceOptions) {
    return new IstioSecurityPolicy(
        "production",
        {
            namespace: "production",
            mtls: { mode: "STRICT" },
            defaultDeny: true,
            authorization: {
                "web-app-callers": {
                    selector: { app: "web" },
                    rules: [{ from: { serviceAccounts: [`${INGRESS.namespace}/${INGRESS.name}`] } }],
                },
            },
        },
        opts,
    );
}

/** The `production` namespace: restricted pod security, Istio injection when the mesh is installed. */
function productionNamespace(provider: k8s.Provider, mesh: Mesh | undefined) {
    const labels: Record<string, string> = {
        "pod-security.kubernetes.io/enforce": "restricted",
        ...(mesh ? { "istio-injection": "enabled" } : {}),
    };
    const dependsOn = mesh ? [mesh.istiod] : [];
    return new k8s.core.v1.Namespace(
        "production",
        { metadata: { name: "production", labels } },
        { provider, dependsOn },
    );
}

/**
 * web-app v1 and, with the mesh and a canary image, v2 behind Istio's split, in `production`. Its
 * Service is ClusterIP: callers from outside reach it through an HTTPS ALB made by the AWS Load
 * Balancer Controller, via the Istio ingress gateway when the mesh is on.
 */
export function webApp(ctx: SystemContext, cluster: EksCluster) {
    const { config, profile } = ctx;
    const app = config.webApp;
    if (!app) return undefined;
    const provider = cluster.provider;
    // The ALB of each Ingress is made by the controller: its webhook must be up first.
    const controller = cluster.loadBalancerController ? [cluster.loadBalancerController.release] : [];
    const canaryImage = profile.canary && config.tiers.mesh ? app.canaryImage : undefined;
    const mesh = canaryImage ? istio(ctx, provider) : undefined;
    const ns = productionNamespace(provider, mesh);
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
    const service = { type: "ClusterIP" as const, port: 80, selector: { app: "web" } };
    // Without the mesh, the controller's ALB reaches the pods directly (HTTPS only, checked on /ready).
    const ingress = mesh ? {} : { ingress: { ...webAppIngress(ctx), healthCheck: { path: "/ready" } } };
    const stable = new KubernetesService(
        "web-app",
        { ...workload(ctx, secretName, "v1", app.image, stableShare), service, ...ingress },
        { provider, dependsOn: [ns, ...(mesh ? [] : controller)] },
    );
    const production = { provider, dependsOn: [ns] };
    if (!mesh || !canaryImage) return production;
    new KubernetesService(
        "web-app-v2",
        { ...workload(ctx, secretName, "v2", canaryImage, app.canaryWeight), service: { enabled: false } },
        { provider, dependsOn: [ns] },
    );
    const gateway = { ref: meshIngress(ctx, provider, mesh, controller), host: webAppHost(ctx) };
    canaryRouting(stable.name, gateway, app.canaryWeight, { provider, dependsOn: [ns, mesh.istiod] });
    meshSecurity({ provider, dependsOn: [ns, mesh.istiod] });
    return production;
}
