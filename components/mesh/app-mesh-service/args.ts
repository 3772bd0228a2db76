import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";

/** The listener protocols of an App Mesh virtual node and router. */
export type AppMeshProtocol = "http" | "http2" | "grpc" | "tcp";

/** App Mesh HTTP retry events. */
export type AppMeshHttpRetryEvent = "server-error" | "gateway-error" | "client-error" | "stream-error";

/** App Mesh TCP retry events. */
export type AppMeshTcpRetryEvent = "connection-error";

/** The active health check Envoy runs against one version's tasks or pods. */
export interface AppMeshHealthCheck {
    /** Set `false` to turn the health check off (not recommended). @default true */
    enabled?: boolean;
    /** The protocol of the check. @default the service's `protocol` */
    protocol?: AppMeshProtocol;
    /** The path requested, for http and http2 checks. @default "/" (http and http2); none otherwise */
    path?: string;
    /** The port checked, 1–65535. @default the service's `port` */
    port?: number;
    /** Consecutive successes before the target is healthy, 2–10. @default 2 */
    healthyThreshold?: number;
    /** Consecutive failures before the target is unhealthy, 2–10. @default 2 */
    unhealthyThreshold?: number;
    /** How long to wait for a response, 2000–60000 ms. @default 2000 */
    timeoutMillis?: number;
    /** Time between checks, 5000–300000 ms. @default 5000 */
    intervalMillis?: number;
}

/** One version of the service: a virtual node and its share of the traffic. */
export interface AppMeshVersion {
    /** The DNS name the version's endpoints resolve under, e.g. `web-v1.production.svc.cluster.local`. @default required */
    hostname: pulumi.Input<string>;
    /** The version's share of the traffic, 0–100; the weights must add up to 1–100. @default required */
    weight: number;
    /** The version's health check. @default an http check of "/" every 5 s, 2 s timeout, thresholds 2/2 (tcp check for tcp services) */
    healthCheck?: AppMeshHealthCheck;
}

/** The route's retry policy. */
export interface AppMeshRetryPolicy {
    /** The maximum number of retries, 0 or more. @default required */
    maxRetries: number;
    /** Timeout of each retry, in milliseconds (written as seconds when it is a whole number of them). @default required */
    perRetryTimeoutMs: number;
    /** The HTTP events to retry on; give these or `tcpRetryEvents` or both. @default none */
    httpRetryEvents?: AppMeshHttpRetryEvent[];
    /** The TCP events to retry on; give these or `httpRetryEvents` or both. @default none */
    tcpRetryEvents?: AppMeshTcpRetryEvent[];
}

/** The route's timeouts. They are also set on every version's listener, which App Mesh needs for values over 15 s. */
export interface AppMeshTimeout {
    /** Time a request may take, in milliseconds (not for tcp). @default none (App Mesh: 15 s) */
    perRequestMs?: number;
    /** Time a connection may stay idle, in milliseconds. @default none (App Mesh: 300 s) */
    idleMs?: number;
}

/**
 * The arguments of an `AppMeshService`.
 * @deprecated AWS ended support for App Mesh on 2026-09-30. Migrate to ECS Service Connect
 * (EcsService) or to Istio on EKS (IstioTrafficPolicy).
 */
export interface AppMeshServiceArgs {
    /** The name of an existing mesh, or of the mesh to create when `createMesh` is true. May be an Output (a secret stays secret). @default required unless createMesh (then the component name) */
    meshName?: pulumi.Input<string>;
    /** Create the mesh (with egress restricted to the mesh, DROP_ALL) instead of using an existing one. Must be known at plan time. @default false */
    createMesh?: boolean;
    /** The virtual service name: the DNS name callers use, e.g. `web.production.svc.cluster.local`. May be an Output. @default required */
    serviceName: pulumi.Input<string>;
    /** The port the versions listen on and the router accepts, 1–65535. Must be known at plan time. @default required */
    port: number;
    /** The listener and route protocol. Must be known at plan time. @default "http" */
    protocol?: AppMeshProtocol;
    /** The versions by name (e.g. `v1`, `v2`), 1 to 10 of them; each becomes a virtual node `<name>-<version>` and a weighted target. Must be known at plan time. Hostnames may be Outputs. @default required */
    versions: Record<string, AppMeshVersion>;
    /** The path prefix the route matches, for http and http2. Must be known at plan time. @default "/" */
    routePrefix?: string;
    /** The route's priority, 0 (highest) to 1000. Must be known at plan time. @default none (App Mesh: lowest) */
    routePriority?: number;
    /** Retries of failed requests (not for tcp). Must be known at plan time. @default none (App Mesh's default retry policy applies) */
    retryPolicy?: AppMeshRetryPolicy;
    /** Request and idle timeouts. Must be known at plan time. @default none (App Mesh: 15 s per request, 300 s idle) */
    timeout?: AppMeshTimeout;
    /** Virtual service names the versions call; Envoy only lets them reach these. Each may be an Output. @default [] */
    backends?: pulumi.Input<string>[];
    /**
     * Tags for every App Mesh resource, merged over the default tags. May be an Output; the
     * default tags are kept either way.
     * @default {}
     */
    tags?: pulumi.Input<Tags>;
}
