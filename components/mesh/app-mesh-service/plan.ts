import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    checkedPlan,
    defaultTags,
    isDeployTimeValue,
    isKnown,
    joinPath,
    type PlanContext,
    physicalName,
    type Tags,
    type Validator,
    validateTags,
} from "../../../src/core";
import type {
    AppMeshHealthCheck,
    AppMeshHttpRetryEvent,
    AppMeshProtocol,
    AppMeshServiceArgs,
    AppMeshTcpRetryEvent,
} from "./args";
import { appMeshServiceArgsSchema } from "./schema";

export const APPMESH_PROTOCOLS: readonly AppMeshProtocol[] = ["http", "http2", "grpc", "tcp"];
export const APPMESH_HTTP_RETRY_EVENTS: readonly AppMeshHttpRetryEvent[] = [
    "server-error",
    "gateway-error",
    "client-error",
    "stream-error",
];
export const APPMESH_TCP_RETRY_EVENTS: readonly AppMeshTcpRetryEvent[] = ["connection-error"];

/** The warning every AppMeshService logs once when it is constructed. */
export const APPMESH_DEPRECATION =
    "AWS ended support for App Mesh on 2026-09-30. Migrate to ECS Service Connect (in EcsService) " +
    "or to Istio on EKS (IstioTrafficPolicy); see the README section on the service mesh.";

/** An App Mesh duration. */
export interface AppMeshDuration {
    value: number;
    unit: "s" | "ms";
}

/** A virtual node's health check as App Mesh writes it. */
export interface AppMeshHealthCheckSpec {
    protocol: AppMeshProtocol;
    path?: string;
    port: number;
    healthyThreshold: number;
    unhealthyThreshold: number;
    timeoutMillis: number;
    intervalMillis: number;
}

/** One planned virtual node. */
export interface AppMeshNodePlan {
    /** The version key. */
    version: string;
    /** The virtual node name, `<component>-<version>`. */
    nodeName: string;
    hostname: pulumi.Input<string>;
    weight: number;
    healthCheck?: AppMeshHealthCheckSpec;
}

/** What an AppMeshService creates. */
export interface AppMeshServicePlan {
    /** The mesh name to create, when `createMesh`. */
    createMeshName?: pulumi.Input<string>;
    /** The existing mesh's name, when not creating one. */
    meshName?: pulumi.Input<string>;
    serviceName: pulumi.Input<string>;
    port: number;
    protocol: AppMeshProtocol;
    nodes: AppMeshNodePlan[];
    routerName: string;
    routeName: string;
    routePrefix?: string;
    routePriority?: number;
    retryPolicy?: {
        maxRetries: number;
        perRetryTimeout: AppMeshDuration;
        httpRetryEvents?: string[];
        tcpRetryEvents?: string[];
    };
    timeout?: { perRequest?: AppMeshDuration; idle?: AppMeshDuration };
    backends: pulumi.Input<string>[];
    /** Warnings the component logs. */
    warnings: string[];
    /** The tags of every App Mesh resource: the defaults under the user's (an Output when the user's are). */
    tags: pulumi.Input<Tags>;
    /** The mesh's final inputs, when `createMesh`. */
    mesh?: aws.appmesh.MeshArgs;
    /** Each version's virtual node, by version name (`meshName` is the planned name; the component passes the created mesh's). */
    virtualNodes: Record<string, aws.appmesh.VirtualNodeArgs>;
    /** The virtual router's final inputs. */
    virtualRouter: aws.appmesh.VirtualRouterArgs;
    /** The route's final inputs (`virtualRouterName` is the planned name; the component passes the router's). */
    route: aws.appmesh.RouteArgs;
    /** The virtual service's final inputs (its provider is the planned router name; the component passes the router's). */
    virtualService: aws.appmesh.VirtualServiceArgs;
}

type ListenerTimeout = aws.types.input.appmesh.VirtualNodeSpecListenerTimeout;
type RouteSpec = aws.types.input.appmesh.RouteSpec;
type Summary = Omit<
    AppMeshServicePlan,
    "tags" | "mesh" | "virtualNodes" | "virtualRouter" | "route" | "virtualService"
>;

function listenerTimeout(plan: Summary): ListenerTimeout | undefined {
    if (!plan.timeout) return undefined;
    if (plan.protocol === "tcp") return plan.timeout.idle ? { tcp: { idle: plan.timeout.idle } } : undefined;
    return { [plan.protocol]: plan.timeout };
}

function routeSpec(plan: Summary): RouteSpec {
    const action = { weightedTargets: plan.nodes.map((n) => ({ virtualNode: n.nodeName, weight: n.weight })) };
    const priority = plan.routePriority !== undefined ? { priority: plan.routePriority } : {};
    const retryPolicy = plan.retryPolicy ? { retryPolicy: plan.retryPolicy } : {};
    const timeout = plan.timeout ? { timeout: plan.timeout } : {};
    switch (plan.protocol) {
        case "tcp":
            return {
                ...priority,
                tcpRoute: { action, ...(plan.timeout?.idle ? { timeout: { idle: plan.timeout.idle } } : {}) },
            };
        case "grpc":
            return { ...priority, grpcRoute: { action, ...retryPolicy, ...timeout } };
        case "http2":
            return {
                ...priority,
                http2Route: { match: { prefix: plan.routePrefix ?? "/" }, action, ...retryPolicy, ...timeout },
            };
        default:
            return {
                ...priority,
                httpRoute: { match: { prefix: plan.routePrefix ?? "/" }, action, ...retryPolicy, ...timeout },
            };
    }
}

/** The final inputs of every child, from the checked summary. */
function children(
    plan: Summary,
    tags: pulumi.Input<Tags>,
): Pick<AppMeshServicePlan, "mesh" | "virtualNodes" | "virtualRouter" | "route" | "virtualService"> {
    const meshName = (plan.createMeshName ?? plan.meshName) as pulumi.Input<string>;
    const timeout = listenerTimeout(plan);
    const portMapping = { port: plan.port, protocol: plan.protocol };
    return {
        ...(plan.createMeshName !== undefined
            ? { mesh: { name: plan.createMeshName, spec: { egressFilter: { type: "DROP_ALL" } }, tags } }
            : {}),
        virtualNodes: Object.fromEntries(
            plan.nodes.map((n) => [
                n.version,
                {
                    name: n.nodeName,
                    meshName,
                    spec: {
                        listeners: [
                            {
                                portMapping,
                                ...(n.healthCheck ? { healthCheck: n.healthCheck } : {}),
                                ...(timeout ? { timeout } : {}),
                            },
                        ],
                        serviceDiscovery: { dns: { hostname: n.hostname } },
                        backends: plan.backends.map((b) => ({ virtualService: { virtualServiceName: b } })),
                    },
                    tags,
                },
            ]),
        ),
        virtualRouter: { name: plan.routerName, meshName, spec: { listeners: [{ portMapping }] }, tags },
        route: { name: plan.routeName, meshName, virtualRouterName: plan.routerName, spec: routeSpec(plan), tags },
        virtualService: {
            name: plan.serviceName,
            meshName,
            spec: { provider: { virtualRouter: { virtualRouterName: plan.routerName } } },
            tags,
        },
    };
}

/** Writes milliseconds as App Mesh does: whole seconds as `s`, anything else as `ms`. */
export function appMeshDuration(ms: number): AppMeshDuration {
    return ms % 1000 === 0 ? { value: ms / 1000, unit: "s" } : { value: ms, unit: "ms" };
}

// App Mesh limits, from the App Mesh API Reference: HealthCheckPolicy (thresholds 2-10,
// intervalMillis 5000-300000, timeoutMillis 2000-60000, port 1-65535), WeightedTarget (weight 0-100,
// "the total weight for all targets combined must be less than or equal to 100"), the route actions
// (weightedTargets: 1-10 items), RouteSpec (priority 0-1000) and HttpRetryPolicy ("specify at least
// one value for at least one of the types of RetryEvents").
// https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HealthCheckPolicy.html
// https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_WeightedTarget.html
// https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_RouteSpec.html
// https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HttpRetryPolicy.html
function checkHealthCheck(v: Validator, hc: AppMeshHealthCheck, path: string): void {
    v.oneOf(hc.protocol, joinPath(path, "protocol"), APPMESH_PROTOCOLS);
    v.range(hc.port, joinPath(path, "port"), 1, 65535);
    v.range(hc.healthyThreshold, joinPath(path, "healthyThreshold"), 2, 10);
    v.range(hc.unhealthyThreshold, joinPath(path, "unhealthyThreshold"), 2, 10);
    v.range(hc.timeoutMillis, joinPath(path, "timeoutMillis"), 2000, 60000, { unit: "ms" });
    v.range(hc.intervalMillis, joinPath(path, "intervalMillis"), 5000, 300000, { unit: "ms" });
    if (hc.path !== undefined && !hc.path.startsWith("/"))
        v.add(joinPath(path, "path"), `must start with "/" (got ${JSON.stringify(hc.path)})`);
}

/**
 * Plans an {@link AppMeshService}: validates every argument against App Mesh's documented
 * limits (collecting all problems into one `InputPropertiesError`) and returns what to create.
 */
export function planAppMeshService(name: string, args: AppMeshServiceArgs, ctx: PlanContext): AppMeshServicePlan {
    return checkedPlan(`AppMeshService "${name}"`, appMeshServiceArgsSchema, args, (v) =>
        planChecked(v, name, args ?? ({} as AppMeshServiceArgs), ctx),
    );
}

function planChecked(v: Validator, name: string, args: AppMeshServiceArgs, _ctx: PlanContext): AppMeshServicePlan {
    const protocol = args.protocol ?? "http";
    const versions = args.versions ?? {};
    const keys = Object.keys(versions);
    const httpLike = protocol === "http" || protocol === "http2";

    if (!args.createMesh)
        v.required(args.meshName, "meshName", "the name of an existing mesh, or set createMesh: true");
    v.required(args.serviceName, "serviceName", "the DNS name callers use, e.g. web.production.svc.cluster.local");
    v.required(args.port, "port", "the port the versions listen on");
    v.range(args.port, "port", 1, 65535);
    v.oneOf(args.protocol, "protocol", APPMESH_PROTOCOLS);
    v.count(keys, "versions", 1, 10, "versions (App Mesh allows 1 to 10 weighted targets a route)");
    for (const key of keys) {
        const p = joinPath("versions", key);
        const ver = versions[key];
        if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(key))
            v.add(p, `version names must be letters, digits, '-' and '_' (got ${JSON.stringify(key)})`);
        v.required(ver.hostname, joinPath(p, "hostname"), "the DNS name of the version's endpoints");
        v.required(ver.weight, joinPath(p, "weight"), "a weight from 0 to 100");
        v.range(ver.weight, joinPath(p, "weight"), 0, 100);
        if (ver.healthCheck !== undefined && ver.healthCheck.enabled !== false)
            checkHealthCheck(v, ver.healthCheck, joinPath(p, "healthCheck"));
    }
    const weights = keys.map((k) => versions[k].weight).filter((w): w is number => typeof w === "number");
    const total = weights.reduce((a, b) => a + b, 0);
    if (weights.length === keys.length && keys.length > 0 && weights.every((w) => w >= 0 && w <= 100)) {
        if (total > 100)
            v.add(
                "versions",
                `weights must add up to at most 100, App Mesh's limit for a route's weighted targets (got ${total})`,
            );
        if (total === 0)
            v.add("versions", "weights must not all be 0: give at least one version a weight from 1 to 100");
    }
    v.range(args.routePriority, "routePriority", 0, 1000);
    if (args.routePrefix !== undefined) {
        if (!httpLike)
            v.add("routePrefix", `applies to http and http2 routes only (protocol is ${JSON.stringify(protocol)})`);
        else if (!args.routePrefix.startsWith("/"))
            v.add("routePrefix", `must start with "/" (got ${JSON.stringify(args.routePrefix)})`);
    }
    const rp = args.retryPolicy;
    if (rp !== undefined) {
        if (protocol === "tcp")
            v.add("retryPolicy", "is not supported for tcp routes: use http, http2 or grpc, or remove it");
        v.required(rp.maxRetries, "retryPolicy.maxRetries", "the number of retries, 0 or more");
        v.min(rp.maxRetries, "retryPolicy.maxRetries", 0);
        v.required(rp.perRetryTimeoutMs, "retryPolicy.perRetryTimeoutMs", "the timeout of each retry in milliseconds");
        v.min(rp.perRetryTimeoutMs, "retryPolicy.perRetryTimeoutMs", 1, { unit: "ms" });
        if ((rp.httpRetryEvents ?? []).length === 0 && (rp.tcpRetryEvents ?? []).length === 0) {
            v.add("retryPolicy", "must give at least one retry event in httpRetryEvents or tcpRetryEvents");
        }
        (rp.httpRetryEvents ?? []).forEach((e, i) => {
            v.oneOf(e, joinPath("retryPolicy.httpRetryEvents", i), APPMESH_HTTP_RETRY_EVENTS);
        });
        (rp.tcpRetryEvents ?? []).forEach((e, i) => {
            v.oneOf(e, joinPath("retryPolicy.tcpRetryEvents", i), APPMESH_TCP_RETRY_EVENTS);
        });
    }
    if (args.timeout !== undefined) {
        const t = args.timeout;
        if (t.perRequestMs === undefined && t.idleMs === undefined)
            v.add("timeout", "must set perRequestMs, idleMs or both");
        v.min(t.perRequestMs, "timeout.perRequestMs", 0, { unit: "ms" });
        v.min(t.idleMs, "timeout.idleMs", 0, { unit: "ms" });
        if (protocol === "tcp" && t.perRequestMs !== undefined)
            v.add("timeout.perRequestMs", "is not supported for tcp routes, which have only an idle timeout");
    }
    (args.backends ?? []).forEach((b, i) => {
        if (isKnown(b) && b === "")
            v.add(joinPath("backends", i), "must be a virtual service name, e.g. api.production.svc.cluster.local");
    });
    if (isKnown(args.tags)) validateTags(v, args.tags as Tags);
    v.throwIfAny();

    const nodes: AppMeshNodePlan[] = keys.map((key) => {
        const ver = versions[key];
        const hc = ver.healthCheck ?? {};
        const hcProtocol = hc.protocol ?? protocol;
        const healthCheck: AppMeshHealthCheckSpec | undefined =
            hc.enabled === false
                ? undefined
                : {
                      protocol: hcProtocol,
                      ...(hcProtocol === "http" || hcProtocol === "http2" ? { path: hc.path ?? "/" } : {}),
                      port: hc.port ?? args.port,
                      healthyThreshold: hc.healthyThreshold ?? 2,
                      unhealthyThreshold: hc.unhealthyThreshold ?? 2,
                      timeoutMillis: hc.timeoutMillis ?? 2000,
                      intervalMillis: hc.intervalMillis ?? 5000,
                  };
        return {
            version: key,
            nodeName: physicalName([name, key], { maxLength: 255 }),
            hostname: ver.hostname,
            weight: ver.weight,
            healthCheck,
        };
    });
    const warnings = [`AppMeshService "${name}" is deprecated: ${APPMESH_DEPRECATION}`];
    for (const n of nodes) {
        if (!n.healthCheck)
            warnings.push(
                `AppMeshService "${name}": versions.${n.version}.healthCheck is turned off; Envoy will keep routing to unhealthy endpoints.`,
            );
    }

    const summary: Summary = {
        ...(args.createMesh ? { createMeshName: args.meshName ?? name } : { meshName: args.meshName }),
        serviceName: args.serviceName,
        port: args.port,
        protocol,
        nodes,
        routerName: physicalName([name, "router"], { maxLength: 255 }),
        routeName: physicalName([name, "route"], { maxLength: 255 }),
        ...(httpLike ? { routePrefix: args.routePrefix ?? "/" } : {}),
        ...(args.routePriority !== undefined ? { routePriority: args.routePriority } : {}),
        ...(rp
            ? {
                  retryPolicy: {
                      maxRetries: rp.maxRetries,
                      perRetryTimeout: appMeshDuration(rp.perRetryTimeoutMs),
                      ...(rp.httpRetryEvents?.length ? { httpRetryEvents: [...rp.httpRetryEvents] } : {}),
                      ...(rp.tcpRetryEvents?.length ? { tcpRetryEvents: [...rp.tcpRetryEvents] } : {}),
                  },
              }
            : {}),
        ...(args.timeout
            ? {
                  timeout: {
                      ...(args.timeout.perRequestMs !== undefined
                          ? { perRequest: appMeshDuration(args.timeout.perRequestMs) }
                          : {}),
                      ...(args.timeout.idleMs !== undefined ? { idle: appMeshDuration(args.timeout.idleMs) } : {}),
                  },
              }
            : {}),
        backends: [...(args.backends ?? [])],
        warnings,
    };
    // The user's tags over the defaults; when they are an Output, the merge waits for them.
    const tags = isDeployTimeValue(args.tags)
        ? pulumi.output(args.tags as pulumi.Input<Tags>).apply((t) => defaultTags(name, t))
        : defaultTags(name, args.tags as Tags | undefined);
    return { ...summary, tags, ...children(summary, tags) };
}
