import type * as pulumi from "@pulumi/pulumi";

/** The Istio API versions a traffic policy can be written in. */
export type IstioNetworkingApiVersion = "networking.istio.io/v1" | "networking.istio.io/v1beta1";

/** The `simple` load-balancing algorithms of an Istio DestinationRule. */
export type IstioLoadBalancer = "ROUND_ROBIN" | "LEAST_REQUEST" | "RANDOM" | "PASSTHROUGH";

/**
 * How one request header must match. Set exactly one of `exact`, `prefix` or `regex`.
 */
export interface IstioStringMatch {
    /** The header value must equal this string. @default none (set exactly one of exact, prefix, regex) */
    exact?: string;
    /** The header value must start with this string. @default none (set exactly one of exact, prefix, regex) */
    prefix?: string;
    /**
     * The header value must match this RE2 regular expression (whole value), e.g. `.*Mobile.*`.
     * @default none (set exactly one of exact, prefix, regex)
     */
    regex?: string;
}

/** What a request must look like for a route to apply. Every condition set must hold. */
export interface IstioRouteMatch {
    /**
     * Request headers by (lower-case) name, each with how its value must match,
     * e.g. `{ "user-agent": { regex: ".*Mobile.*" } }`. Names are letters, digits, `-` and `_`.
     * @default none (headers are not matched)
     */
    headers?: Record<string, IstioStringMatch>;
    /** The URI path must start with this prefix, e.g. `/api`. At most one of `uriPrefix`, `uriExact`. @default none */
    uriPrefix?: string;
    /** The URI path must equal this string. At most one of `uriPrefix`, `uriExact`. @default none */
    uriExact?: string;
}

/** One weighted destination of a route: a subset of the policy's `host`. */
export interface IstioRouteDestination {
    /** A subset declared in `subsets`. @default none (the whole host, every pod of the service) */
    subset?: string;
    /**
     * The share of the route's traffic, 0–100. Required when a route has several destinations;
     * a destination receives weight / (sum of the weights) of the traffic, and they must not all be 0.
     * @default none (a route's only destination receives all its traffic)
     */
    weight?: number;
}

/** Retries for a route (Istio HTTPRetry). */
export interface IstioRetries {
    /** How many times a request is retried; 0 turns retries off. @default required */
    attempts: number;
    /** Timeout of each attempt, an Istio duration such as `2s` or `500ms`. Not allowed with `attempts: 0`. @default none (the route's timeout) */
    perTryTimeout?: string;
    /**
     * The conditions to retry on: Envoy retry policies (`5xx`, `gateway-error`, `reset`,
     * `connect-failure`, `retriable-4xx`, `refused-stream`, `retriable-status-codes`, …), gRPC
     * statuses (`cancelled`, `deadline-exceeded`, `internal`, `resource-exhausted`, `unavailable`)
     * or HTTP status codes such as `503`. A list, or one comma-separated string as Istio writes it
     * (`"5xx,gateway-error,connect-failure"`). Not allowed with `attempts: 0`.
     * @default none (Istio's default: connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes)
     */
    retryOn?: string[] | string;
}

/** One HTTP route of the VirtualService. Routes are evaluated in order; the first match wins. */
export interface IstioRoute {
    /** A name for the route, shown in Envoy's access logs and stats. @default none */
    name?: string;
    /** The conditions under which this route applies. @default none (matches every request, so put it last) */
    match?: IstioRouteMatch;
    /** Where the matched traffic goes, with weights for a canary. @default required (at least one) */
    destinations: IstioRouteDestination[];
    /** Retry policy of this route. @default none (Istio's mesh-wide default of 2 attempts applies) */
    retries?: IstioRetries;
    /** Timeout of a whole request, an Istio duration such as `15s`. @default none (no timeout) */
    timeout?: string;
}

/** TCP connection-pool limits for a destination. */
export interface IstioTcpConnectionPool {
    /** Maximum number of HTTP/1 and TCP connections to a destination host (0–2147483647). @default none (Istio: 2^32-1) */
    maxConnections?: number;
}

/** HTTP connection-pool limits for a destination. */
export interface IstioHttpConnectionPool {
    /** Maximum number of requests queued while waiting for a ready connection (0–2147483647). @default none (Istio: 2^32-1) */
    http1MaxPendingRequests?: number;
    /** Maximum number of active requests to a destination (0–2147483647). @default none (Istio: 2^32-1) */
    http2MaxRequests?: number;
    /** Maximum number of requests per connection; 1 turns keep-alive off (0–2147483647, 0 = unlimited). @default none (unlimited) */
    maxRequestsPerConnection?: number;
}

/** Connection-pool limits (the circuit breaker's thresholds). Set `tcp`, `http` or both. */
export interface IstioConnectionPool {
    /** TCP limits. @default none */
    tcp?: IstioTcpConnectionPool;
    /** HTTP limits. @default none */
    http?: IstioHttpConnectionPool;
}

/** Outlier detection: eject hosts that keep failing from the load-balancing pool. */
export interface IstioOutlierDetection {
    /** Consecutive 5xx responses (or TCP connect failures) before a host is ejected (0 turns this check off). @default none (Istio: 5) */
    consecutive5xxErrors?: number;
    /** Consecutive 502/503/504 responses before a host is ejected (0 turns this check off). @default none (off) */
    consecutiveGatewayErrors?: number;
    /**
     * Deprecated by Istio; accepted for configurations written against old Istio releases and
     * translated to `consecutive5xxErrors` (with a warning). Note the translation counts every 5xx
     * response, while Istio applied `consecutiveErrors` to 502, 503 and 504 only; set
     * `consecutiveGatewayErrors` to keep Istio's old behaviour. 1 or more (Istio ignored 0). Do not set
     * both this and `consecutive5xxErrors`.
     * @deprecated Use `consecutive5xxErrors` (or `consecutiveGatewayErrors` for 502/503/504 only).
     * @default none
     */
    consecutiveErrors?: number;
    /** Time between ejection sweeps, an Istio duration such as `30s`. @default required */
    interval: string;
    /** Minimum ejection time, multiplied by the number of times a host was ejected, e.g. `30s`. @default required */
    baseEjectionTime: string;
    /** Largest share of hosts that may be ejected, 0–100. @default none (Istio: 10) */
    maxEjectionPercent?: number;
}

/** A DestinationRule traffic policy. Set at least one field. */
export interface IstioTrafficPolicySettings {
    /** Connection-pool limits. @default none */
    connectionPool?: IstioConnectionPool;
    /**
     * TLS to the destination's pods. `ISTIO_MUTUAL` sends mutual TLS with the mesh's certificates
     * (what a STRICT PeerAuthentication on the destination requires when auto mTLS is off);
     * `DISABLE` sends plaintext (to a destination outside the mesh).
     * @default none (Istio's auto mTLS: mutual TLS to pods with a sidecar)
     */
    tls?: { mode: "ISTIO_MUTUAL" | "DISABLE" };
    /** The load-balancing algorithm (`simple`). @default none (Istio: LEAST_REQUEST) */
    loadBalancer?: IstioLoadBalancer;
    /** Outlier detection (the ejecting half of a circuit breaker). @default none (off) */
    outlierDetection?: IstioOutlierDetection;
}

/**
 * The arguments of an `IstioTrafficPolicy`: the routing rules (a VirtualService) and
 * the traffic policies (a DestinationRule) of one service host.
 */
export interface IstioTrafficPolicyArgs {
    /**
     * The service host the rules apply to, e.g. `web-service` or `web.production.svc.cluster.local`
     * (a fully qualified name avoids surprises across namespaces). It is the VirtualService's host,
     * every destination's host and the DestinationRule's host.
     * May be an Output.
     * @default required
     */
    host: pulumi.Input<string>;
    /** The namespace of the VirtualService and DestinationRule. May be an Output. @default none (the provider's default namespace) */
    namespace?: pulumi.Input<string>;
    /**
     * The gateways (`<namespace>/<name>`, e.g. an `IstioGateway`'s `gatewayRef`) the routes
     * apply to; add `mesh` to keep them for sidecars too, so callers inside and outside the cluster
     * get the same split.
     * May be an Output.
     * @default none (sidecars inside the mesh only)
     */
    gateways?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The external host names the gateways serve this service under (e.g. `app.example.com`),
     * added to the VirtualService's hosts. A gateway routes a request only to a VirtualService
     * whose hosts include the request's host, so a route bound to an ingress gateway needs them.
     * Each may be an Output.
     * @default none (only `host`)
     */
    gatewayHosts?: pulumi.Input<string>[];
    /**
     * Subsets of the host: subset name (a DNS label, e.g. `v1`) → the pod labels that select it.
     * Must be known at plan time. Label values may be Outputs.
     * @default {} (no subsets)
     */
    subsets?: Record<string, Record<string, pulumi.Input<string>>>;
    /**
     * The HTTP routes of the VirtualService, in match order.
     * Must be known at plan time.
     * @default none (no VirtualService is created; give `subsets` or `trafficPolicy` then)
     */
    routes?: IstioRoute[];
    /** The traffic policy for every subset of the host. Must be known at plan time. @default none */
    trafficPolicy?: IstioTrafficPolicySettings;
    /** Traffic policies by subset name, overriding `trafficPolicy` for that subset. Must be known at plan time. @default {} */
    subsetPolicies?: Record<string, IstioTrafficPolicySettings>;
    /**
     * The Istio networking API version. `networking.istio.io/v1` needs Istio 1.22 or later; use
     * `networking.istio.io/v1beta1` for older meshes.
     * Must be known at plan time.
     * @default "networking.istio.io/v1"
     */
    apiVersion?: IstioNetworkingApiVersion;
}
