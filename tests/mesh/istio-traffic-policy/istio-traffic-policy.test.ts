import { DestinationRule, VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
    IstioTrafficPolicy,
    type IstioTrafficPolicyArgs,
    parseIstioDuration,
    planIstioTrafficPolicy,
} from "../../../components/mesh";
import { expectInvalid, input, ofType, problemPaths, resource, runPlan } from "../../support";
import { undeclaredSpecFields } from "../upstream-fields";
import { validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };

/**
 * Validates a generated object against the upstream Istio schema. The newest
 * @kubernetes-models/istio ships the v1beta1 schema, whose fields are the same as v1's, so the
 * v1 objects are checked against the v1beta1 classes (their apiVersion is asserted separately).
 */
function validateVirtualService(spec: unknown, metadata: unknown = { name: "x" }): void {
    new VirtualService({ metadata, spec } as ConstructorParameters<typeof VirtualService>[0]).validate();
    expect(undeclaredSpecFields("VirtualService", spec)).toEqual([]);
}
function validateDestinationRule(spec: unknown, metadata: unknown = { name: "x" }): void {
    new DestinationRule({ metadata, spec } as ConstructorParameters<typeof DestinationRule>[0]).validate();
    expect(undeclaredSpecFields("DestinationRule", spec)).toEqual([]);
}

// REFERENCE.md, "Istio": route user agents matching .*Mobile.* to the mobile subset, the rest to desktop.
const mobileDesktop: IstioTrafficPolicyArgs = {
    host: "web-service",
    subsets: { mobile: { variant: "mobile" }, desktop: { variant: "desktop" } },
    routes: [
        { match: { headers: { "user-agent": { regex: ".*Mobile.*" } } }, destinations: [{ subset: "mobile" }] },
        { destinations: [{ subset: "desktop" }] },
    ],
};

// REFERENCE.md, "Destination Rule (traffic policies per subset)", written as the reference writes it
// (with the deprecated consecutiveErrors).
const referenceDestinationRule: IstioTrafficPolicyArgs = {
    host: "web-service",
    trafficPolicy: {
        connectionPool: {
            tcp: { maxConnections: 100 },
            http: { http1MaxPendingRequests: 1, http2MaxRequests: 100, maxRequestsPerConnection: 2 },
        },
        loadBalancer: "LEAST_REQUEST",
        outlierDetection: { consecutiveErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
    },
    subsets: { v1: { version: "v1" }, v2: { version: "v2" } },
    subsetPolicies: { v2: { loadBalancer: "ROUND_ROBIN" } },
};

// REFERENCE.md, "Circuit Breaker": the strict one on api-service.
const strictCircuitBreaker: IstioTrafficPolicyArgs = {
    host: "api-service",
    trafficPolicy: {
        connectionPool: {
            tcp: { maxConnections: 1 },
            http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 },
        },
        outlierDetection: { consecutive5xxErrors: 1, interval: "1s", baseEjectionTime: "3m", maxEjectionPercent: 100 },
    },
};

// A 90/10 canary of web v1/v2, with retries and a timeout.
const canary: IstioTrafficPolicyArgs = {
    host: "web.production.svc.cluster.local",
    namespace: "production",
    subsets: { v1: { app: "web", version: "v1" }, v2: { app: "web", version: "v2" } },
    routes: [
        {
            destinations: [
                { subset: "v1", weight: 90 },
                { subset: "v2", weight: 10 },
            ],
            retries: { attempts: 3, perTryTimeout: "2s", retryOn: ["5xx", "gateway-error", "connect-failure"] },
            timeout: "15s",
        },
    ],
};

describe("planIstioTrafficPolicy: the reference configurations", () => {
    it("routes user agents matching .*Mobile.* to the mobile subset and everything else to desktop", () => {
        const plan = planIstioTrafficPolicy("web-service", mobileDesktop, ctx);
        const vs = plan.virtualService!.spec;
        expect(vs.hosts).toEqual(["web-service"]);
        expect(vs.http).toHaveLength(2);
        expect(vs.http[0].match).toEqual([{ headers: { "user-agent": { regex: ".*Mobile.*" } } }]);
        expect(vs.http[0].route).toEqual([{ destination: { host: "web-service", subset: "mobile" } }]);
        expect(vs.http[1].match).toBeUndefined();
        expect(vs.http[1].route).toEqual([{ destination: { host: "web-service", subset: "desktop" } }]);
        expect(plan.metadataName).toBe("web-service");
        validateVirtualService(vs);
        // The subsets the routes name exist in the DestinationRule.
        expect(plan.destinationRule!.spec.subsets!.map((s) => s.name)).toEqual(["mobile", "desktop"]);
        validateDestinationRule(plan.destinationRule?.spec);
    });

    it("reproduces the reference DestinationRule, translating consecutiveErrors to consecutive5xxErrors", () => {
        const plan = planIstioTrafficPolicy("web-service", referenceDestinationRule, ctx);
        const dr = plan.destinationRule!.spec;
        expect(plan.virtualService).toBeUndefined();
        expect(dr.host).toBe("web-service");
        const tp = dr.trafficPolicy!;
        expect(tp.connectionPool!.tcp!.maxConnections).toBe(100);
        expect(tp.connectionPool!.http!.http1MaxPendingRequests).toBe(1);
        expect(tp.connectionPool!.http!.http2MaxRequests).toBe(100);
        expect(tp.connectionPool!.http!.maxRequestsPerConnection).toBe(2);
        expect(tp.loadBalancer).toEqual({ simple: "LEAST_REQUEST" });
        expect(tp.outlierDetection).toEqual({
            consecutive5xxErrors: 5,
            interval: "30s",
            baseEjectionTime: "30s",
            maxEjectionPercent: 50,
        });
        expect(tp.outlierDetection).not.toHaveProperty("consecutiveErrors");
        expect(dr.subsets).toEqual([
            { name: "v1", labels: { version: "v1" } },
            { name: "v2", labels: { version: "v2" }, trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" } } },
        ]);
        expect(plan.warnings).toHaveLength(1);
        expect(plan.warnings[0]).toContain("trafficPolicy.outlierDetection.consecutiveErrors is deprecated");
        expect(plan.warnings[0]).toContain("consecutive5xxErrors: 5");
        // The translation widens what counts (Istio applied consecutiveErrors to 502/503/504 only); the warning says how to keep the old behaviour.
        expect(plan.warnings[0]).toContain("502, 503 and 504 only");
        expect(plan.warnings[0]).toContain("consecutiveGatewayErrors: 5");
        validateDestinationRule(dr);
    });

    it("reproduces the strict circuit breaker: 1/1/1, 1 error every 1s, ejection 3m, 100%", () => {
        const plan = planIstioTrafficPolicy("api-circuit-breaker", strictCircuitBreaker, ctx);
        expect(plan.virtualService).toBeUndefined();
        expect(plan.metadataName).toBe("api-circuit-breaker");
        const dr = plan.destinationRule!.spec;
        expect(dr.host).toBe("api-service");
        expect(dr.subsets).toBeUndefined();
        expect(dr.trafficPolicy!.connectionPool).toEqual({
            tcp: { maxConnections: 1 },
            http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 },
        });
        expect(dr.trafficPolicy!.outlierDetection).toEqual({
            consecutive5xxErrors: 1,
            interval: "1s",
            baseEjectionTime: "3m",
            maxEjectionPercent: 100,
        });
        expect(dr.trafficPolicy!.loadBalancer).toBeUndefined();
        expect(plan.warnings).toEqual([]);
        validateDestinationRule(dr);
    });

    it("splits a 90/10 canary across subsets v1 and v2 with retries and a timeout", () => {
        const plan = planIstioTrafficPolicy("web", canary, ctx);
        const route = plan.virtualService!.spec.http[0];
        expect(route.route).toEqual([
            { destination: { host: "web.production.svc.cluster.local", subset: "v1" }, weight: 90 },
            { destination: { host: "web.production.svc.cluster.local", subset: "v2" }, weight: 10 },
        ]);
        expect(route.retries).toEqual({
            attempts: 3,
            perTryTimeout: "2s",
            retryOn: "5xx,gateway-error,connect-failure",
        });
        expect(route.timeout).toBe("15s");
        expect(route.match).toBeUndefined();
        expect(plan.namespace).toBe("production");
        expect(plan.destinationRule!.spec.subsets).toEqual([
            { name: "v1", labels: { app: "web", version: "v1" } },
            { name: "v2", labels: { app: "web", version: "v2" } },
        ]);
        validateVirtualService(plan.virtualService?.spec);
        validateDestinationRule(plan.destinationRule?.spec);
    });

    it("writes URI matches and gateways", () => {
        const plan = planIstioTrafficPolicy(
            "api",
            {
                host: "api",
                gateways: ["istio-system/public", "mesh"],
                routes: [
                    {
                        name: "v2-api",
                        match: { uriPrefix: "/v2", headers: { "x-canary": { exact: "true" } } },
                        destinations: [{}],
                    },
                    { match: { uriExact: "/health" }, destinations: [{}] },
                ],
            },
            ctx,
        );
        const vs = plan.virtualService!.spec;
        expect(vs.gateways).toEqual(["istio-system/public", "mesh"]);
        expect(vs.http[0]).toEqual({
            name: "v2-api",
            match: [{ headers: { "x-canary": { exact: "true" } }, uri: { prefix: "/v2" } }],
            route: [{ destination: { host: "api" } }],
        });
        expect(vs.http[1].match).toEqual([{ uri: { exact: "/health" } }]);
        expect(plan.destinationRule).toBeUndefined();
        validateVirtualService(vs);
    });

    it("the rich fixture's VirtualService and DestinationRule pass the upstream schemas", () => {
        const plan = planIstioTrafficPolicy("web", validArgs, ctx);
        expect(plan.virtualService?.spec.http.map((h) => h.name)).toEqual(["beta-testers", "canary"]);
        expect(plan.destinationRule?.spec.subsets?.map((s) => s.name)).toEqual(["v1", "v2"]);
        validateVirtualService(plan.virtualService?.spec, plan.virtualService?.metadata);
        validateDestinationRule(plan.destinationRule?.spec, plan.destinationRule?.metadata);
    });

    it("makes a DNS-1123 metadata name from the component name", () => {
        expect(planIstioTrafficPolicy("Web_Service", strictCircuitBreaker, ctx).metadataName).toBe("web-service");
    });
});

describe("Istio durations", () => {
    it("accepts Go-style durations of whole milliseconds", () => {
        expect(parseIstioDuration("1s")).toBe(1000);
        expect(parseIstioDuration("30s")).toBe(30_000);
        expect(parseIstioDuration("3m")).toBe(180_000);
        expect(parseIstioDuration("500ms")).toBe(500);
        expect(parseIstioDuration("1h")).toBe(3_600_000);
        expect(parseIstioDuration("1m30s")).toBe(90_000);
        expect(parseIstioDuration("1.5s")).toBe(1500);
        for (const bad of ["", "30", "s", "1x", "1 s", "-1s", "1S", "1d"])
            expect(parseIstioDuration(bad)).toBeUndefined();
    });

    it("parses any combination of h, m, s and ms parts to their sum", () => {
        const part = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.constantFrom("h", "m", "s", "ms"));
        const ms: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
        fc.assert(
            fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
                const text = parts.map(([n, u]) => `${n}${u}`).join("");
                expect(parseIstioDuration(text)).toBe(parts.reduce((sum, [n, u]) => sum + n * ms[u], 0));
            }),
        );
    });
});

describe("planIstioTrafficPolicy: validation", () => {
    const base = (): IstioTrafficPolicyArgs => structuredClone(canary);
    const cases: [string, (a: IstioTrafficPolicyArgs) => void, string][] = [
        [
            "a route to an undeclared subset",
            (a) => a.routes!.push({ match: { uriPrefix: "/x" }, destinations: [{ subset: "v3" }] }),
            "routes[1].destinations[0].subset",
        ],
        [
            "weights 0/0",
            (a) =>
                (a.routes![0].destinations = [
                    { subset: "v1", weight: 0 },
                    { subset: "v2", weight: 0 },
                ]),
            "routes[0].destinations",
        ],
        ["a weight over 100", (a) => (a.routes![0].destinations[1].weight = 101), "routes[0].destinations[1].weight"],
        ["a negative weight", (a) => (a.routes![0].destinations[0].weight = -1), "routes[0].destinations[0].weight"],
        [
            "a missing weight among several destinations",
            (a) => delete a.routes![0].destinations[1].weight,
            "routes[0].destinations[1].weight",
        ],
        ["no destinations", (a) => (a.routes![0].destinations = []), "routes[0].destinations"],
        ["no routes", (a) => (a.routes = []), "routes"],
        ["a timeout without a unit", (a) => (a.routes![0].timeout = "30"), "routes[0].timeout"],
        ["a timeout of 0s", (a) => (a.routes![0].timeout = "0s"), "routes[0].timeout"],
        ["a sub-millisecond timeout", (a) => (a.routes![0].timeout = "1.5ms"), "routes[0].timeout"],
        [
            "an invalid perTryTimeout",
            (a) => (a.routes![0].retries!.perTryTimeout = "2 seconds"),
            "routes[0].retries.perTryTimeout",
        ],
        [
            "perTryTimeout with attempts 0",
            (a) => (a.routes![0].retries = { attempts: 0, perTryTimeout: "2s" }),
            "routes[0].retries.perTryTimeout",
        ],
        [
            "retryOn with attempts 0",
            (a) => (a.routes![0].retries = { attempts: 0, retryOn: ["5xx"] }),
            "routes[0].retries.retryOn",
        ],
        ["negative attempts", (a) => (a.routes![0].retries = { attempts: -1 }), "routes[0].retries.attempts"],
        [
            "an unknown retryOn condition",
            (a) => (a.routes![0].retries!.retryOn = ["5xx", "server-error"]),
            "routes[0].retries.retryOn[1]",
        ],
        [
            "a header with two matchers",
            (a) => (a.routes![0].match = { headers: { "user-agent": { exact: "x", regex: ".*" } } }),
            "routes[0].match.headers.user-agent",
        ],
        [
            "a header with no matcher",
            (a) => (a.routes![0].match = { headers: { "user-agent": {} } }),
            "routes[0].match.headers.user-agent",
        ],
        [
            "a header name with a space",
            (a) => (a.routes![0].match = { headers: { "user agent": { regex: ".*Mobile.*" } } }),
            "routes[0].match.headers.user agent",
        ],
        [
            "a header name with a colon",
            (a) => (a.routes![0].match = { headers: { ":authority": { exact: "web" } } }),
            "routes[0].match.headers.:authority",
        ],
        [
            "an empty header name",
            (a) => (a.routes![0].match = { headers: { "": { exact: "x" } } }),
            "routes[0].match.headers",
        ],
        [
            "uriPrefix and uriExact together",
            (a) => (a.routes![0].match = { uriPrefix: "/a", uriExact: "/a" }),
            "routes[0].match",
        ],
        ["an empty match", (a) => (a.routes![0].match = {}), "routes[0].match"],
        [
            "a catch-all route before another route",
            (a) => a.routes!.push({ match: { uriPrefix: "/x" }, destinations: [{ subset: "v1" }] }),
            "routes[0].match",
        ],
        ["a subset name that is not a DNS label", (a) => (a.subsets!.V3 = { version: "v3" }), "subsets.V3"],
        ["a subset without labels", (a) => (a.subsets!.v3 = {}), "subsets.v3"],
        [
            "a subset label value Kubernetes rejects",
            (a) => (a.subsets!.v3 = { version: "v3+canary" }),
            "subsets.v3.version",
        ],
        [
            "a subset label key Kubernetes rejects",
            (a) => (a.subsets!.v3 = { "app version": "v3" }),
            "subsets.v3.app version",
        ],
        ["a namespace that is not a DNS label", (a) => (a.namespace = "Production"), "namespace"],
        ["an empty traffic policy", (a) => (a.trafficPolicy = {}), "trafficPolicy"],
        ["an empty subset policy", (a) => (a.subsetPolicies = { v2: {} }), "subsetPolicies.v2"],
        [
            "a policy for an undeclared subset",
            (a) => (a.subsetPolicies = { v3: { loadBalancer: "RANDOM" } }),
            "subsetPolicies.v3",
        ],
        [
            "an unknown load balancer",
            (a) => (a.trafficPolicy = { loadBalancer: "FASTEST" as "RANDOM" }),
            "trafficPolicy.loadBalancer",
        ],
        ["an empty connection pool", (a) => (a.trafficPolicy = { connectionPool: {} }), "trafficPolicy.connectionPool"],
        [
            "an empty tcp pool",
            (a) => (a.trafficPolicy = { connectionPool: { tcp: {} } }),
            "trafficPolicy.connectionPool.tcp",
        ],
        [
            "an empty http pool",
            (a) => (a.trafficPolicy = { connectionPool: { http: {} } }),
            "trafficPolicy.connectionPool.http",
        ],
        [
            "negative maxConnections",
            (a) => (a.trafficPolicy = { connectionPool: { tcp: { maxConnections: -1 } } }),
            "trafficPolicy.connectionPool.tcp.maxConnections",
        ],
        [
            "fractional http2MaxRequests",
            (a) => (a.trafficPolicy = { connectionPool: { http: { http2MaxRequests: 1.5 } } }),
            "trafficPolicy.connectionPool.http.http2MaxRequests",
        ],
        [
            "maxEjectionPercent over 100",
            (a) =>
                (a.trafficPolicy = {
                    outlierDetection: { interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 101 },
                }),
            "trafficPolicy.outlierDetection.maxEjectionPercent",
        ],
        [
            "an invalid ejection interval",
            (a) => (a.trafficPolicy = { outlierDetection: { interval: "ten seconds", baseEjectionTime: "30s" } }),
            "trafficPolicy.outlierDetection.interval",
        ],
        [
            "a missing baseEjectionTime",
            (a) => (a.trafficPolicy = { outlierDetection: { interval: "10s" } as never }),
            "trafficPolicy.outlierDetection.baseEjectionTime",
        ],
        [
            "consecutiveErrors with consecutive5xxErrors",
            (a) =>
                (a.subsetPolicies = {
                    v1: {
                        outlierDetection: {
                            consecutiveErrors: 3,
                            consecutive5xxErrors: 5,
                            interval: "1s",
                            baseEjectionTime: "1m",
                        },
                    },
                }),
            "subsetPolicies.v1.outlierDetection.consecutiveErrors",
        ],
        [
            "consecutiveErrors of 0 (ignored by Istio, but 0 turns consecutive5xxErrors off)",
            (a) =>
                (a.trafficPolicy = {
                    outlierDetection: { consecutiveErrors: 0, interval: "1s", baseEjectionTime: "1m" },
                }),
            "trafficPolicy.outlierDetection.consecutiveErrors",
        ],
        [
            "consecutiveErrors over int32",
            (a) =>
                (a.trafficPolicy = {
                    outlierDetection: { consecutiveErrors: 2 ** 31, interval: "1s", baseEjectionTime: "1m" },
                }),
            "trafficPolicy.outlierDetection.consecutiveErrors",
        ],
        [
            "negative consecutiveGatewayErrors",
            (a) =>
                (a.trafficPolicy = {
                    outlierDetection: { consecutiveGatewayErrors: -2, interval: "1s", baseEjectionTime: "1m" },
                }),
            "trafficPolicy.outlierDetection.consecutiveGatewayErrors",
        ],
        ["an unknown apiVersion", (a) => (a.apiVersion = "networking.istio.io/v1alpha3" as never), "apiVersion"],
        ["a missing host", (a) => (a.host = ""), "host"],
        ["a host with a space", (a) => (a.host = "web service"), "host"],
        [
            "retries without attempts",
            (a) => (a.routes![0].retries = { perTryTimeout: "2s" } as never),
            "routes[0].retries.attempts",
        ],
        [
            "negative pending requests",
            (a) => (a.trafficPolicy = { connectionPool: { http: { http1MaxPendingRequests: -1 } } }),
            "trafficPolicy.connectionPool.http.http1MaxPendingRequests",
        ],
        [
            "negative requests per connection",
            (a) => (a.trafficPolicy = { connectionPool: { http: { maxRequestsPerConnection: -1 } } }),
            "trafficPolicy.connectionPool.http.maxRequestsPerConnection",
        ],
        [
            "outlier detection without an interval",
            (a) => (a.trafficPolicy = { outlierDetection: { baseEjectionTime: "1m" } } as never),
            "trafficPolicy.outlierDetection.interval",
        ],
        [
            "negative consecutive5xxErrors",
            (a) =>
                (a.trafficPolicy = {
                    outlierDetection: { consecutive5xxErrors: -1, interval: "1s", baseEjectionTime: "1m" },
                }),
            "trafficPolicy.outlierDetection.consecutive5xxErrors",
        ],
    ];
    it.each(cases)("rejects %s", (_what, mutate, path) => {
        const args = base();
        mutate(args);
        expect(problemPaths(() => planIstioTrafficPolicy("web", args, ctx))).toContain(path);
    });

    it("rejects args that create nothing", () => {
        expect(problemPaths(() => planIstioTrafficPolicy("web", { host: "web" }, ctx))).toEqual(["routes"]);
    });

    it("collects every problem at once", () => {
        const args = base();
        args.routes![0].destinations = [
            { subset: "v9", weight: 0 },
            { subset: "v2", weight: 0 },
        ];
        args.routes![0].timeout = "soon";
        args.trafficPolicy = {};
        expect(problemPaths(() => planIstioTrafficPolicy("web", args, ctx))).toEqual([
            "routes[0].destinations[0].subset",
            "subsets",
            "routes[0].destinations",
            "routes[0].timeout",
            "trafficPolicy",
        ]);
    });

    it("names the allowed values in its reasons", () => {
        try {
            planIstioTrafficPolicy(
                "web",
                { ...base(), apiVersion: "v2" as never, routes: [{ destinations: [{ subset: "v1" }], timeout: "5" }] },
                ctx,
            );
            expect.unreachable();
        } catch (e) {
            const errors = (e as pulumi.InputPropertiesError).errors;
            expect(errors.find((x) => x.propertyPath === "apiVersion")!.reason).toContain(
                '"networking.istio.io/v1beta1"',
            );
            expect(errors.find((x) => x.propertyPath === "routes[0].timeout")!.reason).toContain('"500ms"');
        }
    });

    it("skips values that are not known yet", () => {
        const plan = planIstioTrafficPolicy(
            "web",
            { ...base(), host: pulumi.output("web"), namespace: pulumi.output("production") },
            ctx,
        );
        expect(pulumi.Output.isInstance(plan.virtualService!.spec.hosts[0])).toBe(true);
    });
});

describe("IstioTrafficPolicy under mocks", () => {
    afterEach(() => vi.restoreAllMocks());

    it("creates the VirtualService and DestinationRule as custom resources on the given provider", async () => {
        const plan = await runPlan(() => {
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            new IstioTrafficPolicy("web-service", { ...mobileDesktop, namespace: "production" }, { provider });
        });
        const component = resource(plan, "compute-layer:index:IstioTrafficPolicy", "web-service");
        const vs = resource(plan, "kubernetes:networking.istio.io/v1:VirtualService", "web-service-vs");
        const dr = resource(plan, "kubernetes:networking.istio.io/v1:DestinationRule", "web-service-dr");
        const provider = resource(plan, "pulumi:providers:kubernetes", "cluster");
        for (const child of [vs, dr]) {
            expect(child.parent).toBe(component.urn);
            expect(child.options.provider?.startsWith(provider.urn)).toBe(true);
            expect(input(child, "apiVersion")).toBe("networking.istio.io/v1");
            expect(input(child, "metadata")).toEqual({ name: "web-service", namespace: "production" });
        }
        // The subsets exist before the routes that name them.
        expect(vs.options.dependsOn).toEqual([dr.urn]);
        expect(dr.options.dependsOn).toBeUndefined();
        expect(input(vs, "kind")).toBe("VirtualService");
        expect(input(dr, "kind")).toBe("DestinationRule");
        expect(input(vs, "spec.http.0.match.0.headers.user-agent.regex")).toBe(".*Mobile.*");
        expect(input(vs, "spec.http.0.route.0.destination")).toEqual({ host: "web-service", subset: "mobile" });
        expect(input(vs, "spec.http.1.route.0.destination")).toEqual({ host: "web-service", subset: "desktop" });
        validateVirtualService(input(vs, "spec"), input(vs, "metadata"));
        validateDestinationRule(input(dr, "spec"), input(dr, "metadata"));
    });

    it("writes networking.istio.io/v1beta1 for meshes older than Istio 1.22 and warns about consecutiveErrors", async () => {
        const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        const plan = await runPlan(() => {
            new IstioTrafficPolicy("web-service", {
                ...referenceDestinationRule,
                apiVersion: "networking.istio.io/v1beta1",
            });
        });
        expect(ofType(plan, "kubernetes:networking.istio.io/v1:DestinationRule")).toHaveLength(0);
        const dr = resource(plan, "kubernetes:networking.istio.io/v1beta1:DestinationRule", "web-service-dr");
        expect(input(dr, "apiVersion")).toBe("networking.istio.io/v1beta1");
        expect(input(dr, "spec.trafficPolicy.outlierDetection.consecutive5xxErrors")).toBe(5);
        expect(input(dr, "spec.trafficPolicy.outlierDetection.consecutiveErrors")).toBeUndefined();
        // The upstream v1beta1 class checks the whole object, apiVersion included.
        new DestinationRule({
            apiVersion: input(dr, "apiVersion"),
            kind: "DestinationRule",
            metadata: input(dr, "metadata"),
            spec: input(dr, "spec"),
        } as never).validate();
        const messages = warn.mock.calls.map((c) => String(c[0]));
        expect(messages.filter((m) => m.includes("consecutiveErrors is deprecated"))).toHaveLength(1);
        expect(messages.find((m) => m.includes("consecutiveErrors"))).toContain("consecutive5xxErrors");
    });

    it("registers nothing for a route to an undeclared subset or weights 0/0", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new IstioTrafficPolicy("web", {
                host: "web",
                subsets: { v1: { version: "v1" }, v2: { version: "v2" } },
                routes: [
                    { match: { uriPrefix: "/beta" }, destinations: [{ subset: "beta" }] },
                    {
                        destinations: [
                            { subset: "v1", weight: 0 },
                            { subset: "v2", weight: 0 },
                        ],
                    },
                ],
            });
        });
        expect(errors.map((e) => e.propertyPath)).toEqual([
            "routes[0].destinations[0].subset",
            "subsets",
            "routes[1].destinations",
        ]);
        expect(plan.resources).toEqual([]);
    });
});

describe("IstioTrafficPolicy behind an ingress gateway, with mutual TLS to the pods", () => {
    const bound: IstioTrafficPolicyArgs = {
        ...canary,
        gateways: ["istio-ingress/web", "mesh"],
        gatewayHosts: ["app.example.com"],
        trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" }, loadBalancer: "LEAST_REQUEST" },
    };

    it("lists the external host with the service host, so the gateway and the sidecars route the same 90/10", () => {
        const p = planIstioTrafficPolicy("web", bound, ctx);
        expect(p.virtualService?.spec.hosts).toEqual(["web.production.svc.cluster.local", "app.example.com"]);
        expect(p.virtualService?.spec.gateways).toEqual(["istio-ingress/web", "mesh"]);
        expect(p.destinationRule?.spec.trafficPolicy).toEqual({
            loadBalancer: { simple: "LEAST_REQUEST" },
            tls: { mode: "ISTIO_MUTUAL" },
        });
        expect(p.warnings).toEqual([]);
        validateVirtualService(p.virtualService?.spec);
        validateDestinationRule(p.destinationRule?.spec);
    });

    it("warns when routes are bound to a gateway with only the in-mesh host", () => {
        const p = planIstioTrafficPolicy("web", { ...bound, gatewayHosts: undefined }, ctx);
        expect(p.warnings).toEqual([expect.stringContaining("Set gatewayHosts to the external host names")]);
        expect(
            planIstioTrafficPolicy("web", { ...bound, gateways: ["mesh"], gatewayHosts: undefined }, ctx).warnings,
        ).toEqual([]);
    });

    it.each<[string, Partial<IstioTrafficPolicyArgs>, string]>([
        ["gateway references", { gateways: ["Istio-Ingress/web"] }, "gateways[0]"],
        ["gateways not empty", { gateways: [], gatewayHosts: undefined }, "gateways"],
        ["gateway hosts are DNS names", { gatewayHosts: ["app example.com"] }, "gatewayHosts[0]"],
        ["gateway hosts need gateways", { gateways: undefined }, "gatewayHosts"],
        ["gateway hosts need a gateway other than mesh", { gateways: ["mesh"] }, "gatewayHosts"],
        ["gateway hosts need routes", { routes: undefined }, "gatewayHosts"],
        ["tls mode", { trafficPolicy: { tls: { mode: "SIMPLE" as "DISABLE" } } }, "trafficPolicy.tls.mode"],
    ])("%s", (_, change, path) => {
        expect(problemPaths(() => planIstioTrafficPolicy("web", { ...bound, ...change }, ctx))).toEqual([path]);
    });
});
