import type * as pulumi from "@pulumi/pulumi";
import {
    checkedPlan,
    dnsLabelProblem,
    isKnown,
    joinPath,
    knownList,
    labelKeyProblem,
    labelValueProblem,
    type PlanContext,
    type Validator,
} from "../../../src/core";
import { checkIstioDuration } from "../shared/duration";
import { compact, type IstioObject, istioMetadata, istioObjectName } from "../shared/istio-object";
import type {
    IstioConnectionPool,
    IstioLoadBalancer,
    IstioNetworkingApiVersion,
    IstioOutlierDetection,
    IstioRoute,
    IstioRouteMatch,
    IstioTrafficPolicyArgs,
    IstioTrafficPolicySettings,
} from "./args";
import { istioTrafficPolicyArgsSchema } from "./schema";

/** The API versions accepted; v1 is served from Istio 1.22 on. */
export const ISTIO_API_VERSIONS: readonly IstioNetworkingApiVersion[] = [
    "networking.istio.io/v1",
    "networking.istio.io/v1beta1",
];
export const ISTIO_LOAD_BALANCERS: readonly IstioLoadBalancer[] = [
    "ROUND_ROBIN",
    "LEAST_REQUEST",
    "RANDOM",
    "PASSTHROUGH",
];

/**
 * The retry conditions Istio accepts in `retryOn` besides HTTP status codes: Envoy's
 * x-envoy-retry-on and x-envoy-retry-grpc-on policies
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry,
 * https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-retry-on).
 */
export const ISTIO_RETRY_ON: readonly string[] = [
    "5xx",
    "gateway-error",
    "reset",
    "reset-before-request",
    "connect-failure",
    "envoy-ratelimited",
    "retriable-4xx",
    "refused-stream",
    "retriable-status-codes",
    "retriable-headers",
    "http3-post-connect-failure",
    "cancelled",
    "deadline-exceeded",
    "internal",
    "resource-exhausted",
    "unavailable",
];

/** Istio's connection-pool counts are int32. */
const INT32_MAX = 2_147_483_647;
/** Istio's outlier-detection error counts are UInt32Value. */
const UINT32_MAX = 4_294_967_295;
/** The header names Istio accepts in a match (`ValidateHTTPHeaderName` in istio/istio pkg/config/validation). */
const HEADER_NAME = /^[-_A-Za-z0-9]+$/;
/** A Kubernetes DNS-1123 label: Istio requires subset names to be one. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A VirtualService / DestinationRule string match as Istio writes it. */
export interface IstioStringMatchSpec {
    exact?: string;
    prefix?: string;
    regex?: string;
}

/** An HTTP route of the generated VirtualService. */
export interface IstioHttpRouteSpec {
    name?: string;
    match?: { headers?: Record<string, IstioStringMatchSpec>; uri?: IstioStringMatchSpec }[];
    route: { destination: { host: pulumi.Input<string>; subset?: string }; weight?: number }[];
    retries?: { attempts: number; perTryTimeout?: string; retryOn?: string };
    timeout?: string;
}

/** The generated VirtualService spec. */
export interface IstioVirtualServiceSpec {
    hosts: pulumi.Input<string>[];
    gateways?: pulumi.Input<pulumi.Input<string>[]>;
    http: IstioHttpRouteSpec[];
}

/** A traffic policy as Istio writes it. */
export interface IstioTrafficPolicySpec {
    connectionPool?: {
        tcp?: { maxConnections?: number };
        http?: { http1MaxPendingRequests?: number; http2MaxRequests?: number; maxRequestsPerConnection?: number };
    };
    loadBalancer?: { simple: IstioLoadBalancer };
    tls?: { mode: "ISTIO_MUTUAL" | "DISABLE" };
    outlierDetection?: {
        consecutive5xxErrors?: number;
        consecutiveGatewayErrors?: number;
        interval: string;
        baseEjectionTime: string;
        maxEjectionPercent?: number;
    };
}

/** The generated DestinationRule spec. */
export interface IstioDestinationRuleSpec {
    host: pulumi.Input<string>;
    trafficPolicy?: IstioTrafficPolicySpec;
    subsets?: { name: string; labels: Record<string, pulumi.Input<string>>; trafficPolicy?: IstioTrafficPolicySpec }[];
}

/** What an IstioTrafficPolicy creates: the final inputs of each custom resource. */
export interface IstioTrafficPolicyPlan {
    apiVersion: IstioNetworkingApiVersion;
    /** `metadata.name` of both objects: the component name as a DNS-1123 name. */
    metadataName: string;
    namespace?: pulumi.Input<string>;
    /** Absent when there are no routes. */
    virtualService?: IstioObject<IstioVirtualServiceSpec>;
    /** Absent when there are neither subsets nor traffic policies. */
    destinationRule?: IstioObject<IstioDestinationRuleSpec>;
    /** Warnings the component logs (deprecated inputs that were translated). */
    warnings: string[];
}

/** A gateway reference: `mesh`, or `[<namespace>/]<name>` of a Gateway. */
const GATEWAY_REF = /^(mesh|([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;
/** A host a VirtualService may list: a DNS name, `*` or `*.<domain>`. */
const VS_HOST = /^(\*|(\*\.)?[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*)$/;

function checkGateways(v: Validator, args: IstioTrafficPolicyArgs, hasRoutes: boolean): void {
    const gateways = knownList(args.gateways);
    gateways?.forEach((g, i) => {
        if (isKnown(g) && (typeof g !== "string" || !GATEWAY_REF.test(g))) {
            v.add(
                joinPath("gateways", i),
                `must be "mesh" or a Gateway as "<namespace>/<name>", e.g. "istio-ingress/web-gateway" (got ${JSON.stringify(g)})`,
            );
        }
    });
    if (gateways !== undefined && gateways.length === 0)
        v.add("gateways", 'must not be empty: leave it out for sidecars only, or list "mesh" and the gateways');
    (args.gatewayHosts ?? []).forEach((h, i) => {
        if (isKnown(h) && (typeof h !== "string" || !VS_HOST.test(h))) {
            v.add(
                joinPath("gatewayHosts", i),
                `must be a DNS name such as "app.example.com" (a "*." prefix is allowed) (got ${JSON.stringify(h)})`,
            );
        }
    });
    const bound = gateways?.some((g) => !isKnown(g) || g !== "mesh") ?? !isKnown(args.gateways);
    if (args.gatewayHosts !== undefined && args.gateways === undefined) {
        v.add("gatewayHosts", "applies only with gateways: list the gateways that serve these hosts");
    } else if (args.gatewayHosts !== undefined && gateways !== undefined && !bound) {
        v.add("gatewayHosts", 'applies only with a gateway other than "mesh": sidecars route by the service host');
    }
    if (args.gatewayHosts !== undefined && !hasRoutes)
        v.add("gatewayHosts", "applies only with routes (there is no VirtualService without them)");
}

/** The retry conditions of `retryOn`, a list or Istio's comma-separated string (each trimmed, as Istio does). */
function retryConditions(retryOn: string[] | string | undefined): string[] {
    if (retryOn === undefined) return [];
    return typeof retryOn === "string" ? retryOn.split(",").map((c) => c.trim()) : retryOn;
}

function checkMatch(v: Validator, match: IstioRouteMatch, path: string): void {
    const headers = match.headers ?? {};
    const conditions =
        Object.keys(headers).length + (match.uriPrefix !== undefined ? 1 : 0) + (match.uriExact !== undefined ? 1 : 0);
    if (conditions === 0)
        v.add(path, "must set at least one of headers, uriPrefix, uriExact; leave match out for a catch-all route");
    if (match.uriPrefix !== undefined && match.uriExact !== undefined)
        v.add(path, "must set at most one of uriPrefix, uriExact");
    for (const [header, m] of Object.entries(headers)) {
        const p = joinPath(path, "headers", header);
        if (!HEADER_NAME.test(header))
            v.add(
                p,
                `header names must be letters, digits, '-' and '_', as Istio requires (got ${JSON.stringify(header)})`,
            );
        const set = (["exact", "prefix", "regex"] as const).filter((k) => m?.[k] !== undefined);
        if (set.length !== 1)
            v.add(
                p,
                `must set exactly one of exact, prefix, regex (got ${set.length === 0 ? "none" : set.join(", ")})`,
            );
    }
}

function checkRoute(v: Validator, route: IstioRoute, path: string, subsets: Set<string>): void {
    const dests = Array.isArray(route.destinations) ? route.destinations : [];
    v.count(route.destinations ?? [], joinPath(path, "destinations"), 1, Number.MAX_SAFE_INTEGER, "destinations");
    dests.forEach((d, j) => {
        const p = joinPath(path, "destinations", j);
        if (d.subset !== undefined && !subsets.has(d.subset)) {
            const declared = [...subsets].map((s) => JSON.stringify(s)).join(", ");
            v.add(
                joinPath(p, "subset"),
                `must name a subset declared in subsets (${declared || "none are declared"}); got ${JSON.stringify(d.subset)}`,
            );
            v.add("subsets", `must declare ${JSON.stringify(d.subset)}, which ${joinPath(p, "subset")} routes to`);
        }
        v.range(d.weight, joinPath(p, "weight"), 0, 100, { unit: "percent" });
        if (dests.length > 1 && d.weight === undefined)
            v.add(joinPath(p, "weight"), "is required when a route has several destinations: give 0 to 100");
    });
    if (dests.length > 1 && dests.every((d) => d.weight === 0)) {
        v.add(
            joinPath(path, "destinations"),
            "weights must not all be 0: a route with several destinations sends each weight / (sum of weights) of its traffic",
        );
    }
    if (route.match !== undefined) checkMatch(v, route.match, joinPath(path, "match"));
    if (route.retries !== undefined) {
        const r = route.retries;
        const rp = joinPath(path, "retries");
        v.required(r.attempts, joinPath(rp, "attempts"), "the number of retries (0 turns retries off)");
        v.range(r.attempts, joinPath(rp, "attempts"), 0, INT32_MAX);
        checkIstioDuration(v, r.perTryTimeout, joinPath(rp, "perTryTimeout"));
        // Istio rejects a retry policy configured while retries are off (attempts 0).
        if (r.attempts === 0 && r.perTryTimeout !== undefined)
            v.add(
                joinPath(rp, "perTryTimeout"),
                "must not be set when attempts is 0 (retries off): remove it or set attempts to 1 or more",
            );
        if (r.attempts === 0 && r.retryOn !== undefined)
            v.add(
                joinPath(rp, "retryOn"),
                "must not be set when attempts is 0 (retries off): remove it or set attempts to 1 or more",
            );
        if (r.attempts === 0 && (r.perTryTimeout !== undefined || r.retryOn !== undefined)) {
            v.add(
                joinPath(rp, "attempts"),
                "must be 1 or more while perTryTimeout or retryOn is set (0 turns retries off)",
            );
        }
        // A comma-separated string (Istio's own form) is checked condition by condition, at its own path.
        const listed = Array.isArray(r.retryOn);
        retryConditions(r.retryOn).forEach((cond, k) => {
            const isStatus = /^[1-5]\d\d$/.test(cond);
            if (!isStatus && !ISTIO_RETRY_ON.includes(cond)) {
                const at = listed ? joinPath(rp, "retryOn", k) : joinPath(rp, "retryOn");
                const which = listed ? "" : `condition ${k + 1} `;
                v.add(
                    at,
                    `${which}must be an HTTP status code (100-599) or one of ${ISTIO_RETRY_ON.join(", ")} (got ${JSON.stringify(cond)})`,
                );
            }
        });
    }
    checkIstioDuration(v, route.timeout, joinPath(path, "timeout"));
}

function checkConnectionPool(v: Validator, pool: IstioConnectionPool, path: string): void {
    if (pool.tcp === undefined && pool.http === undefined) v.add(path, "must set tcp, http or both");
    if (pool.tcp !== undefined) {
        const p = joinPath(path, "tcp");
        if (pool.tcp.maxConnections === undefined) v.add(p, "must set maxConnections");
        v.range(pool.tcp.maxConnections, joinPath(p, "maxConnections"), 0, INT32_MAX);
    }
    if (pool.http !== undefined) {
        const p = joinPath(path, "http");
        const h = pool.http;
        if (
            h.http1MaxPendingRequests === undefined &&
            h.http2MaxRequests === undefined &&
            h.maxRequestsPerConnection === undefined
        ) {
            v.add(p, "must set at least one of http1MaxPendingRequests, http2MaxRequests, maxRequestsPerConnection");
        }
        v.range(h.http1MaxPendingRequests, joinPath(p, "http1MaxPendingRequests"), 0, INT32_MAX);
        v.range(h.http2MaxRequests, joinPath(p, "http2MaxRequests"), 0, INT32_MAX);
        v.range(h.maxRequestsPerConnection, joinPath(p, "maxRequestsPerConnection"), 0, INT32_MAX);
    }
}

function checkOutlierDetection(v: Validator, od: IstioOutlierDetection, path: string): void {
    v.required(od.interval, joinPath(path, "interval"), `a duration such as "30s"`);
    v.required(od.baseEjectionTime, joinPath(path, "baseEjectionTime"), `a duration such as "30s"`);
    checkIstioDuration(v, od.interval, joinPath(path, "interval"));
    checkIstioDuration(v, od.baseEjectionTime, joinPath(path, "baseEjectionTime"));
    v.range(od.consecutive5xxErrors, joinPath(path, "consecutive5xxErrors"), 0, UINT32_MAX);
    v.range(od.consecutiveGatewayErrors, joinPath(path, "consecutiveGatewayErrors"), 0, UINT32_MAX);
    // Istio ignored consecutiveErrors: 0 (an unset int32), while consecutive5xxErrors: 0 turns 5xx
    // ejection off, so 0 has no faithful translation.
    if (od.consecutiveErrors === 0) {
        v.add(
            joinPath(path, "consecutiveErrors"),
            "must be from 1 to 2147483647: Istio ignored 0 here; leave it out for Istio's default, or set consecutive5xxErrors: 0 to turn 5xx ejection off",
        );
    } else {
        v.range(od.consecutiveErrors, joinPath(path, "consecutiveErrors"), 1, INT32_MAX);
    }
    if (od.consecutiveErrors !== undefined && od.consecutive5xxErrors !== undefined) {
        v.add(
            joinPath(path, "consecutiveErrors"),
            "must not be set together with consecutive5xxErrors: consecutiveErrors is Istio's deprecated name for it; keep consecutive5xxErrors only",
        );
    }
    v.range(od.maxEjectionPercent, joinPath(path, "maxEjectionPercent"), 0, 100, { unit: "percent" });
}

function checkTrafficPolicy(v: Validator, tp: IstioTrafficPolicySettings, path: string): void {
    if (
        tp.connectionPool === undefined &&
        tp.loadBalancer === undefined &&
        tp.outlierDetection === undefined &&
        tp.tls === undefined
    ) {
        v.add(path, "must set at least one of connectionPool, loadBalancer, outlierDetection, tls");
    }
    if (tp.connectionPool !== undefined) checkConnectionPool(v, tp.connectionPool, joinPath(path, "connectionPool"));
    v.oneOf(tp.loadBalancer, joinPath(path, "loadBalancer"), ISTIO_LOAD_BALANCERS);
    if (tp.outlierDetection !== undefined)
        checkOutlierDetection(v, tp.outlierDetection, joinPath(path, "outlierDetection"));
}

function routeSpec(route: IstioRoute, host: pulumi.Input<string>): IstioHttpRouteSpec {
    let match: IstioHttpRouteSpec["match"];
    if (route.match !== undefined) {
        const m = route.match;
        const headers =
            m.headers && Object.keys(m.headers).length > 0
                ? Object.fromEntries(Object.entries(m.headers).map(([k, sm]) => [k, compact({ ...sm })]))
                : undefined;
        const uri =
            m.uriPrefix !== undefined
                ? { prefix: m.uriPrefix }
                : m.uriExact !== undefined
                  ? { exact: m.uriExact }
                  : undefined;
        match = [compact({ headers, uri })];
    }
    const retries = route.retries
        ? compact({
              attempts: route.retries.attempts,
              perTryTimeout: route.retries.perTryTimeout,
              retryOn:
                  retryConditions(route.retries.retryOn).length > 0
                      ? retryConditions(route.retries.retryOn).join(",")
                      : undefined,
          })
        : undefined;
    return compact({
        name: route.name,
        match,
        route: route.destinations.map((d) =>
            compact({ destination: compact({ host, subset: d.subset }), weight: d.weight }),
        ),
        retries,
        timeout: route.timeout,
    });
}

function trafficPolicySpec(tp: IstioTrafficPolicySettings): IstioTrafficPolicySpec {
    const pool = tp.connectionPool;
    const od = tp.outlierDetection;
    return compact({
        connectionPool: pool
            ? compact({
                  tcp: pool.tcp ? compact({ ...pool.tcp }) : undefined,
                  http: pool.http ? compact({ ...pool.http }) : undefined,
              })
            : undefined,
        loadBalancer: tp.loadBalancer ? { simple: tp.loadBalancer } : undefined,
        tls: tp.tls ? { mode: tp.tls.mode } : undefined,
        outlierDetection: od
            ? compact({
                  consecutive5xxErrors: od.consecutive5xxErrors ?? od.consecutiveErrors,
                  consecutiveGatewayErrors: od.consecutiveGatewayErrors,
                  interval: od.interval,
                  baseEjectionTime: od.baseEjectionTime,
                  maxEjectionPercent: od.maxEjectionPercent,
              })
            : undefined,
    });
}

/**
 * Plans an {@link IstioTrafficPolicy}: validates every argument (collecting all problems into
 * one `InputPropertiesError`) and returns the VirtualService and DestinationRule specs.
 */
export function planIstioTrafficPolicy(
    name: string,
    args: IstioTrafficPolicyArgs,
    ctx: PlanContext,
): IstioTrafficPolicyPlan {
    return checkedPlan(`IstioTrafficPolicy "${name}"`, istioTrafficPolicyArgsSchema, args, (v) =>
        planChecked(v, name, args ?? ({} as IstioTrafficPolicyArgs), ctx),
    );
}

function planChecked(
    v: Validator,
    name: string,
    args: IstioTrafficPolicyArgs,
    _ctx: PlanContext,
): IstioTrafficPolicyPlan {
    const subsets = args.subsets ?? {};
    const subsetNames = new Set(Object.keys(subsets));
    const routes = args.routes;
    const apiVersion = args.apiVersion ?? "networking.istio.io/v1";

    v.required(args.host, "host", "the service host, e.g. web.production.svc.cluster.local");
    if (isKnown(args.host) && typeof args.host === "string" && /\s/.test(args.host))
        v.add("host", `must be a host name without spaces (got ${JSON.stringify(args.host)})`);
    v.oneOf(args.apiVersion, "apiVersion", ISTIO_API_VERSIONS);
    if (isKnown(args.namespace) && typeof args.namespace === "string") {
        const problem = dnsLabelProblem(args.namespace);
        if (problem) v.add("namespace", problem);
    }
    if (
        routes === undefined &&
        subsetNames.size === 0 &&
        args.trafficPolicy === undefined &&
        args.subsetPolicies === undefined
    ) {
        v.add("routes", "give routes, subsets or trafficPolicy: there is nothing to create");
    }
    for (const [subset, labels] of Object.entries(subsets)) {
        const p = joinPath("subsets", subset);
        if (!DNS_LABEL.test(subset))
            v.add(
                p,
                `subset names must be DNS labels: lower-case letters, digits and '-', 1 to 63 characters (got ${JSON.stringify(subset)})`,
            );
        if (!labels || Object.keys(labels).length === 0)
            v.add(p, 'must give at least one pod label that selects the subset, e.g. { version: "v1" }');
        // Istio validates subset labels as Kubernetes labels; a value it rejects fails the whole DestinationRule.
        for (const [key, value] of Object.entries(labels ?? {})) {
            const problem =
                labelKeyProblem(key) ??
                (isKnown(value) && typeof value === "string" ? labelValueProblem(value) : undefined);
            if (problem) v.add(joinPath(p, key), problem);
        }
    }
    if (routes !== undefined) {
        v.count(routes, "routes", 1, Number.MAX_SAFE_INTEGER, "routes");
        routes.forEach((route, i) => {
            checkRoute(v, route, joinPath("routes", i), subsetNames);
            if (route.match === undefined && i < routes.length - 1) {
                v.add(
                    joinPath("routes", i, "match"),
                    `is required on every route but the last: a route without match takes all traffic, so routes ${i + 1}..${routes.length - 1} would never apply`,
                );
            }
        });
    }
    checkGateways(v, args, routes !== undefined);
    if (args.trafficPolicy !== undefined) checkTrafficPolicy(v, args.trafficPolicy, "trafficPolicy");
    for (const [subset, tp] of Object.entries(args.subsetPolicies ?? {})) {
        const p = joinPath("subsetPolicies", subset);
        if (!subsetNames.has(subset)) {
            v.add(
                p,
                `must name a subset declared in subsets (${[...subsetNames].map((s) => JSON.stringify(s)).join(", ") || "none are declared"})`,
            );
            v.add("subsets", `must declare ${JSON.stringify(subset)}, which subsetPolicies.${subset} configures`);
        }
        checkTrafficPolicy(v, tp, p);
    }
    v.throwIfAny();

    const warnings: string[] = [];
    const ingress = (knownList(args.gateways) ?? []).filter((g) => isKnown(g) && g !== "mesh");
    if (routes !== undefined && ingress.length > 0 && args.gatewayHosts === undefined) {
        warnings.push(
            `IstioTrafficPolicy "${name}": the routes are bound to ${ingress.join(", ")} but the VirtualService's only host is the service host; ` +
                "the gateway routes a request only when its Host header is that name. Set gatewayHosts to the external host names (e.g. app.example.com).",
        );
    }
    const policies: [string, IstioTrafficPolicySettings | undefined][] = [
        ["trafficPolicy", args.trafficPolicy],
        ...Object.entries(args.subsetPolicies ?? {}).map(([s, tp]): [string, IstioTrafficPolicySettings] => [
            joinPath("subsetPolicies", s),
            tp,
        ]),
    ];
    for (const [path, tp] of policies) {
        const n = tp?.outlierDetection?.consecutiveErrors;
        if (n === undefined) continue;
        warnings.push(
            `IstioTrafficPolicy "${name}": ${path}.outlierDetection.consecutiveErrors is deprecated by Istio; ` +
                `it was translated to consecutive5xxErrors: ${n}, which ejects a host after ${n} consecutive 5xx responses of any kind. ` +
                `Istio itself applied consecutiveErrors to 502, 503 and 504 only: set consecutiveGatewayErrors: ${n} instead to keep that, ` +
                `or consecutive5xxErrors: ${n} to keep this translation without the warning.`,
        );
    }

    const host = args.host;
    const metadataName = istioObjectName(name);
    const metadata = istioMetadata(metadataName, args.namespace);
    const virtualService: IstioVirtualServiceSpec | undefined =
        routes === undefined
            ? undefined
            : compact({
                  hosts: [host, ...(args.gatewayHosts ?? [])],
                  gateways: args.gateways,
                  http: routes.map((r) => routeSpec(r, host)),
              });
    const hasRule = subsetNames.size > 0 || args.trafficPolicy !== undefined;
    const destinationRule: IstioDestinationRuleSpec | undefined = hasRule
        ? compact({
              host,
              trafficPolicy: args.trafficPolicy ? trafficPolicySpec(args.trafficPolicy) : undefined,
              subsets:
                  subsetNames.size > 0
                      ? Object.entries(subsets).map(([subset, labels]) => {
                            const tp = args.subsetPolicies?.[subset];
                            return compact({
                                name: subset,
                                labels: { ...labels },
                                trafficPolicy: tp ? trafficPolicySpec(tp) : undefined,
                            });
                        })
                      : undefined,
          })
        : undefined;

    return {
        apiVersion,
        metadataName,
        ...(args.namespace !== undefined ? { namespace: args.namespace } : {}),
        ...(virtualService
            ? { virtualService: { apiVersion, kind: "VirtualService", metadata, spec: virtualService } }
            : {}),
        ...(destinationRule
            ? { destinationRule: { apiVersion, kind: "DestinationRule", metadata, spec: destinationRule } }
            : {}),
        warnings,
    };
}
