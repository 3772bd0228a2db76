import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppMeshService, type AppMeshServiceArgs, appMeshDuration, planAppMeshService } from "../../../components/mesh";
import { childrenOf, expectInvalid, input, ofType, only, problemPaths, resource, runPlan } from "../../support";
import { validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };

// REFERENCE.md, "AWS App Mesh": web-v1 / web-v2 behind web-router, 90/10, with the retry policy
// (3 retries, 2 s per retry, server-error + gateway-error, connection-error) and the 15 s
// per-request / 30 s idle timeouts of "Traffic Policies" (the tier's rich fixture; v2's health check
// is left to the defaults, which must give the same check as v1's explicit one).
const referenceCanary = (): AppMeshServiceArgs => structuredClone(validArgs);

const NODE = "aws:appmesh/virtualNode:VirtualNode";
const ROUTER = "aws:appmesh/virtualRouter:VirtualRouter";
const ROUTE = "aws:appmesh/route:Route";
const SERVICE = "aws:appmesh/virtualService:VirtualService";
const MESH = "aws:appmesh/mesh:Mesh";

describe("AppMeshService under mocks", () => {
    afterEach(() => vi.restoreAllMocks());

    it("reproduces the reference 90/10 web-v1/web-v2 canary with retries and timeouts", async () => {
        const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        const plan = await runPlan(() => {
            new AppMeshService("web", referenceCanary());
        });
        const component = resource(plan, "compute-layer:index:AppMeshService", "web");
        expect(
            childrenOf(plan, component)
                .map((r) => r.type)
                .sort(),
        ).toEqual([NODE, NODE, ROUTE, ROUTER, SERVICE].sort());
        expect(ofType(plan, MESH)).toHaveLength(0);

        for (const [version, weightHost] of [
            ["v1", "web-v1.production.svc.cluster.local"],
            ["v2", "web-v2.production.svc.cluster.local"],
        ]) {
            const node = resource(plan, NODE, `web-${version}`);
            expect(input(node, "name")).toBe(`web-${version}`);
            expect(input(node, "meshName")).toBe("production");
            expect(input(node, "spec.listeners.0.portMapping")).toEqual({ port: 80, protocol: "http" });
            expect(input(node, "spec.listeners.0.healthCheck")).toEqual({
                protocol: "http",
                path: "/health",
                port: 80,
                healthyThreshold: 2,
                unhealthyThreshold: 2,
                timeoutMillis: 2000,
                intervalMillis: 5000,
            });
            // App Mesh needs the listener timeout too when the route's exceeds 15 s.
            expect(input(node, "spec.listeners.0.timeout")).toEqual({
                http: { perRequest: { value: 15, unit: "s" }, idle: { value: 30, unit: "s" } },
            });
            expect(input(node, "spec.serviceDiscovery.dns.hostname")).toBe(weightHost);
            expect(input(node, "spec.backends")).toEqual([
                { virtualService: { virtualServiceName: "api-service.production.svc.cluster.local" } },
            ]);
            expect(input(node, "tags")).toEqual({ "managed-by": "compute-layer", component: "web", team: "web" });
        }

        const router = only(plan, ROUTER);
        expect(input(router, "name")).toBe("web-router");
        expect(input(router, "spec.listeners")).toEqual([{ portMapping: { port: 80, protocol: "http" } }]);

        const route = only(plan, ROUTE);
        expect(input(route, "name")).toBe("web-route");
        expect(input(route, "virtualRouterName")).toBe("web-router");
        expect(input(route, "spec.httpRoute.match")).toEqual({ prefix: "/" });
        expect(input(route, "spec.httpRoute.action.weightedTargets")).toEqual([
            { virtualNode: "web-v1", weight: 90 },
            { virtualNode: "web-v2", weight: 10 },
        ]);
        expect(input(route, "spec.httpRoute.retryPolicy")).toEqual({
            maxRetries: 3,
            perRetryTimeout: { value: 2, unit: "s" },
            httpRetryEvents: ["server-error", "gateway-error"],
            tcpRetryEvents: ["connection-error"],
        });
        expect(input(route, "spec.httpRoute.timeout")).toEqual({
            perRequest: { value: 15, unit: "s" },
            idle: { value: 30, unit: "s" },
        });
        expect(input(route, "spec.priority")).toBe(10);

        const service = only(plan, SERVICE);
        expect(input(service, "name")).toBe("web-service.production.svc.cluster.local");
        expect(input(service, "spec.provider")).toEqual({ virtualRouter: { virtualRouterName: "web-router" } });

        const deprecations = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("deprecated"));
        expect(deprecations).toHaveLength(1);
        expect(deprecations[0]).toContain("2026-09-30");
        expect(deprecations[0]).toContain("ECS Service Connect");
        expect(deprecations[0]).toContain("IstioTrafficPolicy");
    });

    it("creates the mesh with egress limited to the mesh, and writes a tcp route", async () => {
        vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        const plan = await runPlan(() => {
            const svc = new AppMeshService("db-proxy", {
                createMesh: true,
                meshName: "data",
                serviceName: "db-proxy.data.svc.cluster.local",
                port: 5432,
                protocol: "tcp",
                versions: { blue: { hostname: "db-proxy-blue.data.svc.cluster.local", weight: 100 } },
                timeout: { idleMs: 600_000 },
                routePriority: 10,
            });
            return { nodeArn: svc.virtualNodes.blue.arn, routeArn: svc.route.arn, meshName: svc.meshName };
        });
        // ARNs as App Mesh forms them: children nest under their mesh, routes under their router.
        expect(plan.outputs.nodeArn).toBe("arn:aws:appmesh:us-east-1:123456789012:mesh/data/virtualNode/db-proxy-blue");
        expect(plan.outputs.routeArn).toBe(
            "arn:aws:appmesh:us-east-1:123456789012:mesh/data/virtualRouter/db-proxy-router/route/db-proxy-route",
        );
        expect(plan.outputs.meshName).toBe("data");
        const mesh = only(plan, MESH);
        expect(input(mesh, "name")).toBe("data");
        expect(input(mesh, "spec.egressFilter.type")).toBe("DROP_ALL");
        const node = only(plan, NODE);
        expect(input(node, "meshName")).toBe("data");
        expect(input(node, "spec.listeners.0.healthCheck")).toEqual({
            protocol: "tcp",
            port: 5432,
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            timeoutMillis: 2000,
            intervalMillis: 5000,
        });
        expect(input(node, "spec.listeners.0.timeout")).toEqual({ tcp: { idle: { value: 600, unit: "s" } } });
        const route = only(plan, ROUTE);
        expect(input(route, "meshName")).toBe("data");
        expect(input(route, "spec.priority")).toBe(10);
        expect(input(route, "spec.tcpRoute")).toEqual({
            action: { weightedTargets: [{ virtualNode: "db-proxy-blue", weight: 100 }] },
            timeout: { idle: { value: 600, unit: "s" } },
        });
        expect(input(route, "spec.httpRoute")).toBeUndefined();
    });

    it("registers nothing when the canary is invalid", async () => {
        const { errors, plan } = await expectInvalid(() => {
            const args = referenceCanary();
            args.versions.v1.weight = 0;
            args.versions.v2.weight = 0;
            args.routePriority = 1001;
            new AppMeshService("web", args);
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["versions", "routePriority"]);
        expect(plan.resources).toEqual([]);
    });
});

describe("planAppMeshService", () => {
    it("defaults to an http route on / and an http health check of / every 5 s", () => {
        const plan = planAppMeshService(
            "web",
            {
                meshName: "m",
                serviceName: "web.local",
                port: 8080,
                versions: { v1: { hostname: "web-v1.local", weight: 100 } },
            },
            ctx,
        );
        expect(plan.protocol).toBe("http");
        expect(plan.routePrefix).toBe("/");
        expect(plan.nodes[0]).toEqual({
            version: "v1",
            nodeName: "web-v1",
            hostname: "web-v1.local",
            weight: 100,
            healthCheck: {
                protocol: "http",
                path: "/",
                port: 8080,
                healthyThreshold: 2,
                unhealthyThreshold: 2,
                timeoutMillis: 2000,
                intervalMillis: 5000,
            },
        });
        expect(plan.retryPolicy).toBeUndefined();
        expect(plan.timeout).toBeUndefined();
        // No priority unless one is given.
        expect(plan.route.spec).not.toHaveProperty("priority");
        expect(plan.warnings).toHaveLength(1);
    });

    it("turns a health check off only when asked, and warns", () => {
        const plan = planAppMeshService(
            "web",
            {
                meshName: "m",
                serviceName: "web.local",
                port: 80,
                versions: { v1: { hostname: "h", weight: 100, healthCheck: { enabled: false } } },
            },
            ctx,
        );
        expect(plan.nodes[0].healthCheck).toBeUndefined();
        expect(plan.warnings.some((w) => w.includes("versions.v1.healthCheck is turned off"))).toBe(true);
    });

    it("writes durations in seconds when whole, else in milliseconds", () => {
        expect(appMeshDuration(2000)).toEqual({ value: 2, unit: "s" });
        expect(appMeshDuration(1500)).toEqual({ value: 1500, unit: "ms" });
    });

    const cases: [string, (a: AppMeshServiceArgs) => void, string][] = [
        ["no versions", (a) => (a.versions = {}), "versions"],
        [
            "11 versions",
            (a) =>
                (a.versions = Object.fromEntries(
                    Array.from({ length: 11 }, (_, i) => [`v${i}`, { hostname: `h${i}`, weight: 9 }]),
                )),
            "versions",
        ],
        ["a weight over 100", (a) => (a.versions.v2.weight = 101), "versions.v2.weight"],
        ["a negative weight", (a) => (a.versions.v1.weight = -1), "versions.v1.weight"],
        ["weights adding up to more than 100", (a) => (a.versions.v2.weight = 20), "versions"],
        [
            "weights all 0",
            (a) => {
                a.versions.v1.weight = 0;
                a.versions.v2.weight = 0;
            },
            "versions",
        ],
        ["a route priority over 1000", (a) => (a.routePriority = 1001), "routePriority"],
        ["a negative route priority", (a) => (a.routePriority = -1), "routePriority"],
        [
            "a health-check interval under 5000 ms",
            (a) => (a.versions.v1.healthCheck!.intervalMillis = 4999),
            "versions.v1.healthCheck.intervalMillis",
        ],
        [
            "a health-check interval over 300000 ms",
            (a) => (a.versions.v1.healthCheck!.intervalMillis = 300_001),
            "versions.v1.healthCheck.intervalMillis",
        ],
        [
            "a health-check timeout under 2000 ms",
            (a) => (a.versions.v2.healthCheck!.timeoutMillis = 1999),
            "versions.v2.healthCheck.timeoutMillis",
        ],
        [
            "a health-check timeout over 60000 ms",
            (a) => (a.versions.v2.healthCheck!.timeoutMillis = 60_001),
            "versions.v2.healthCheck.timeoutMillis",
        ],
        [
            "a healthy threshold of 1",
            (a) => (a.versions.v1.healthCheck!.healthyThreshold = 1),
            "versions.v1.healthCheck.healthyThreshold",
        ],
        [
            "an unhealthy threshold of 11",
            (a) => (a.versions.v1.healthCheck!.unhealthyThreshold = 11),
            "versions.v1.healthCheck.unhealthyThreshold",
        ],
        ["a health-check port of 0", (a) => (a.versions.v1.healthCheck!.port = 0), "versions.v1.healthCheck.port"],
        [
            "a health-check path without /",
            (a) => (a.versions.v1.healthCheck!.path = "health"),
            "versions.v1.healthCheck.path",
        ],
        ["negative maxRetries", (a) => (a.retryPolicy!.maxRetries = -1), "retryPolicy.maxRetries"],
        [
            "a retry policy without events",
            (a) => (a.retryPolicy = { maxRetries: 2, perRetryTimeoutMs: 1000 }),
            "retryPolicy",
        ],
        [
            "an unknown http retry event",
            (a) => (a.retryPolicy!.httpRetryEvents = ["5xx" as "server-error"]),
            "retryPolicy.httpRetryEvents[0]",
        ],
        [
            "an unknown tcp retry event",
            (a) => (a.retryPolicy!.tcpRetryEvents = ["reset" as "connection-error"]),
            "retryPolicy.tcpRetryEvents[0]",
        ],
        ["a per-retry timeout of 0", (a) => (a.retryPolicy!.perRetryTimeoutMs = 0), "retryPolicy.perRetryTimeoutMs"],
        [
            "a retry policy on tcp",
            (a) => {
                a.protocol = "tcp";
                delete a.timeout;
            },
            "retryPolicy",
        ],
        [
            "a per-request timeout on tcp",
            (a) => {
                a.protocol = "tcp";
                delete a.retryPolicy;
            },
            "timeout.perRequestMs",
        ],
        ["an empty timeout", (a) => (a.timeout = {}), "timeout"],
        ["a negative idle timeout", (a) => (a.timeout = { idleMs: -5 }), "timeout.idleMs"],
        ["no mesh", (a) => delete a.meshName, "meshName"],
        ["no service name", (a) => (a.serviceName = ""), "serviceName"],
        ["port 0", (a) => (a.port = 0), "port"],
        ["an unknown protocol", (a) => (a.protocol = "udp" as "tcp"), "protocol"],
        ["a version without hostname", (a) => (a.versions.v1.hostname = ""), "versions.v1.hostname"],
        ["a version name with spaces", (a) => (a.versions["v 3"] = { hostname: "h", weight: 0 }), "versions.v 3"],
        ["a route prefix without /", (a) => (a.routePrefix = "api"), "routePrefix"],
        [
            "a route prefix on tcp",
            (a) => {
                a.protocol = "tcp";
                delete a.retryPolicy;
                delete a.timeout;
                a.routePrefix = "/";
            },
            "routePrefix",
        ],
        ["an empty backend name", (a) => (a.backends = [""]), "backends[0]"],
        ["a negative per-request timeout", (a) => (a.timeout = { perRequestMs: -1 }), "timeout.perRequestMs"],
        [
            "retries without maxRetries",
            (a) => (a.retryPolicy = { perRetryTimeoutMs: 2000, httpRetryEvents: ["server-error"] } as never),
            "retryPolicy.maxRetries",
        ],
        [
            "retries without a per-retry timeout",
            (a) => (a.retryPolicy = { maxRetries: 3, httpRetryEvents: ["server-error"] } as never),
            "retryPolicy.perRetryTimeoutMs",
        ],
        ["a reserved tag key", (a) => (a.tags = { "aws:owner": "me" }), "tags.aws:owner"],
    ];
    it.each(cases)("rejects %s", (_what, mutate, p) => {
        const args = structuredClone(referenceCanary());
        mutate(args);
        expect(problemPaths(() => planAppMeshService("web", args, ctx))).toContain(p);
    });

    it("accepts a mesh name that is not known yet", () => {
        const plan = planAppMeshService("web", { ...referenceCanary(), meshName: pulumi.output("production") }, ctx);
        expect(pulumi.Output.isInstance(plan.meshName)).toBe(true);
    });
});

describe("AppMeshService documentation", () => {
    it("carries @deprecated with the reason and the migration path", () => {
        const source = readFileSync(
            path.join(__dirname, "../../../components/mesh/app-mesh-service/app-mesh-service.ts"),
            "utf8",
        );
        const doc = source.slice(
            source.lastIndexOf("/**", source.indexOf("export class AppMeshService")),
            source.indexOf("export class AppMeshService"),
        );
        expect(doc).toContain("@deprecated");
        expect(doc).toContain("2026-09-30");
        expect(doc).toContain("ECS Service Connect");
        expect(doc).toContain("IstioTrafficPolicy");
    });
});
