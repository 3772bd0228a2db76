import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
    type ApplicationLoadBalancerArgs,
    assignPriorities,
    DEFAULT_SSL_POLICY,
    planApplicationLoadBalancer,
    type TargetGroupArgs,
    TLS12_PLUS_POLICIES,
} from "../../../components/lb";
import type { SecurityGroupPlan } from "../../../components/lb/shared/security-group";
import { problemPaths } from "../../support";
import { ports } from "../security-group-ports";
import { CERT, MAINTENANCE_HTML, referenceAlbArgs } from "./fixture";

const ctx = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const plan = (args: ApplicationLoadBalancerArgs, name = "web") => planApplicationLoadBalancer(name, args, ctx);
const paths = (args: ApplicationLoadBalancerArgs) => problemPaths(() => plan(args));
/** The client CIDRs of a security group's planned ingress (absent: the VPC's, looked up by the component). */
const cidrs = (sg: SecurityGroupPlan) => {
    const list = [...new Set(sg.ingress.map((r) => r.inputs.cidrIpv4))];
    return list.length === 1 && list[0] === undefined ? undefined : list;
};
/** The reference ALB with one target group changed. */
const withApi = (tg: Partial<TargetGroupArgs>) => {
    const base = referenceAlbArgs();
    return { ...base, targetGroups: { ...base.targetGroups, api: { ...base.targetGroups.api, ...tg } } };
};
const withRule0 = (rule: Partial<NonNullable<ApplicationLoadBalancerArgs["rules"]>[number]>) => {
    const base = referenceAlbArgs();
    const rules = [...(base.rules ?? [])];
    rules[0] = { ...rules[0], ...rule };
    return { ...base, rules };
};

describe("planApplicationLoadBalancer: defaults", () => {
    it("plans REFERENCE.md's ALB: health check /health 30/5/2/3 200-299, deregistration 30, lb_cookie 86400", () => {
        const p = plan(referenceAlbArgs());
        const api = p.targetGroups.find((t) => t.key === "api");
        expect(api).toMatchObject({
            port: 8080,
            protocol: "HTTP",
            targetType: "ip",
            deregistrationDelay: 30,
            slowStart: 0,
            stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 86400 },
            healthCheck: {
                enabled: true,
                protocol: "HTTP",
                port: "traffic-port",
                path: "/health",
                interval: 30,
                timeout: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
                matcher: "200-299",
            },
        });
        expect(p.rules.map((r) => r.priority)).toEqual([1, 2, 3]);
        expect(p.rules[2].actions[0]).toEqual({
            type: "fixed-response",
            fixedResponse: { statusCode: "503", contentType: "text/html", messageBody: MAINTENANCE_HTML },
        });
    });

    it("gives a bare target group the issue's defaults: ip, HTTP, /health 30/5/2/3 200-299, deregistration 30, no stickiness", () => {
        const p = plan({
            vpcId: "vpc-1",
            subnetIds: ["subnet-1", "subnet-2"],
            targetGroups: { app: { port: 8080 } },
            defaultAction: { forward: "app" },
        });
        expect(p.targetGroups[0]).toEqual({
            key: "app",
            name: expect.stringMatching(/^dev-web-app-[0-9a-f]{7}$/),
            port: 8080,
            protocol: "HTTP",
            vpcId: "vpc-1",
            tags: { "managed-by": "compute-layer", component: "web" },
            targetType: "ip",
            deregistrationDelay: 30,
            slowStart: 0,
            healthCheck: {
                enabled: true,
                protocol: "HTTP",
                port: "traffic-port",
                path: "/health",
                interval: 30,
                timeout: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
                matcher: "200-299",
            },
        });
        expect(p.loadBalancer).toMatchObject({
            enableDeletionProtection: true,
            idleTimeout: 60,
            internal: false,
            dropInvalidHeaderFields: true,
        });
    });

    it("with a certificate: HTTPS:443 routes with the TLS 1.3/1.2 policy and HTTP:80 only redirects", () => {
        const p = plan(referenceAlbArgs());
        expect(p.httpsListener).toMatchObject({
            port: 443,
            protocol: "HTTPS",
            certificateArn: CERT,
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        });
        expect(p.httpListener.defaultActions).toEqual([
            { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ]);
        expect(ports(p.securityGroup.ingress)).toEqual([
            { protocol: "tcp", port: 80 },
            { protocol: "tcp", port: 443 },
        ]);
        expect(cidrs(p.securityGroup)).toEqual(["0.0.0.0/0"]);
        expect(ports(p.securityGroup.egress)).toEqual([80, 8080, 8081].map((port) => ({ protocol: "tcp", port })));
    });

    it("without a certificate: HTTP:80 routes and only port 80 is open", () => {
        const p = plan(referenceAlbArgs({ certificateArn: undefined }));
        expect(p.httpsListener).toBeUndefined();
        expect(p.httpListener.defaultActions).toEqual([{ type: "forward", targetGroupKey: "web" }]);
        expect(ports(p.securityGroup.ingress)).toEqual([{ protocol: "tcp", port: 80 }]);
    });

    it("an internal ALB takes clients from the VPC's CIDR (undefined: looked up by the component)", () => {
        expect(cidrs(plan(referenceAlbArgs({ internal: true })).securityGroup)).toBeUndefined();
        expect(cidrs(plan(referenceAlbArgs({ internal: true, ingressCidrs: ["10.1.0.0/16"] })).securityGroup)).toEqual([
            "10.1.0.0/16",
        ]);
    });

    it("a lambda target group has no port, protocol or VPC and is not health-checked unless asked", () => {
        const p = plan({
            ...referenceAlbArgs(),
            targetGroups: { fn: { targetType: "lambda" } },
            defaultAction: { forward: "fn" },
            rules: [],
        });
        expect(p.targetGroups[0]).toMatchObject({ targetType: "lambda", healthCheck: { enabled: false } });
        expect(p.targetGroups[0].port).toBeUndefined();
        expect(p.targetGroups[0].protocol).toBeUndefined();
        expect(p.securityGroup.egress).toEqual([]);
        expect(p.targetGroups[0].vpcId).toBeUndefined();
    });

    it("a health check on another port opens that port to the VPC too", () => {
        const p = plan(withApi({ healthCheck: { port: 9090 } }));
        expect(ports(p.securityGroup.egress)).toContainEqual({ protocol: "tcp", port: 9090 });
        expect(p.targetGroups.find((t) => t.key === "api")?.healthCheck.port).toBe("9090");
    });

    it("a redirect keeps what it does not change, and a weighted forward keeps its weights and stickiness", () => {
        const p = plan(
            referenceAlbArgs({
                defaultAction: { redirect: { host: "www.example.com", statusCode: 302 } },
                rules: [
                    {
                        conditions: { pathPatterns: ["/v2/*"] },
                        action: {
                            weightedForward: {
                                targetGroups: [
                                    { name: "api", weight: 90 },
                                    { name: "admin", weight: 10 },
                                ],
                                stickinessSeconds: 300,
                            },
                        },
                    },
                ],
            }),
        );
        expect(p.httpsListener?.defaultActions).toEqual([
            {
                type: "redirect",
                redirect: {
                    protocol: "#{protocol}",
                    host: "www.example.com",
                    port: "#{port}",
                    path: "/#{path}",
                    query: "#{query}",
                    statusCode: "HTTP_302",
                },
            },
        ]);
        expect(p.rules[0].actions).toEqual([
            {
                type: "forward",
                forward: {
                    targetGroups: [
                        { key: "api", weight: 90 },
                        { key: "admin", weight: 10 },
                    ],
                    stickiness: { enabled: true, duration: 300 },
                },
            },
        ]);
    });

    it("puts each kind of condition in one AWS condition, in a fixed order (so at most one path, host, method and source-ip condition)", () => {
        const p = plan(
            withRule0({
                conditions: {
                    sourceIps: ["10.0.0.0/8"],
                    methods: ["GET"],
                    pathPatterns: ["/a", "/b"],
                    httpHeaders: [{ name: "X-Canary", values: ["1"] }],
                },
            }),
        );
        expect(p.rules[0].conditions).toEqual([
            { pathPattern: { values: ["/a", "/b"] } },
            { httpHeader: { httpHeaderName: "X-Canary", values: ["1"] } },
            { httpRequestMethod: { values: ["GET"] } },
            { sourceIp: { values: ["10.0.0.0/8"] } },
        ]);
    });

    it("does not validate Outputs: an unknown subnet list or certificate is accepted", () => {
        const p = plan(
            referenceAlbArgs({ subnetIds: pulumi.output(["subnet-1"]), certificateArn: pulumi.output("not-an-arn") }),
        );
        expect(p.httpsListener?.sslPolicy).toBe(DEFAULT_SSL_POLICY);
    });
});

describe("assignPriorities", () => {
    it("assigns omitted priorities in order, skipping explicit ones", () => {
        expect(assignPriorities([{}, {}, {}])).toEqual([1, 2, 3]);
        expect(assignPriorities([{}, { priority: 2 }, {}])).toEqual([1, 2, 3]);
        expect(assignPriorities([{ priority: 1 }, {}, { priority: 2 }, {}])).toEqual([1, 3, 2, 4]);
        expect(assignPriorities([{ priority: 100 }, {}, {}])).toEqual([100, 101, 102]);
    });

    it("ends for priorities that are not finite or not safe integers (shape problems reported elsewhere)", () => {
        expect(assignPriorities([{ priority: Number.NaN }, {}])).toEqual([Number.NaN, 1]);
        expect(assignPriorities([{ priority: Number.POSITIVE_INFINITY }, {}])).toEqual([Number.POSITIVE_INFINITY, 1]);
        expect(assignPriorities([{ priority: 1e300 }, {}])).toEqual([1e300, 50001]);
        expect(paths(withRule0({ priority: Number.NaN }))).toEqual(["rules[0].priority"]);
    });

    it("never collides and keeps explicit priorities, for any mix of explicit and omitted", () => {
        const rules = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 15 }).chain((explicit) =>
            fc.array(fc.boolean(), { minLength: explicit.length, maxLength: explicit.length + 15 }).map((slots) => {
                const pool = [...explicit];
                const out: { priority?: number }[] = [];
                for (const useExplicit of slots)
                    out.push(useExplicit && pool.length > 0 ? { priority: pool.shift() } : {});
                return [...out, ...pool.map((priority) => ({ priority }))];
            }),
        );
        fc.assert(
            fc.property(rules, (rs) => {
                const assigned = assignPriorities(rs);
                expect(new Set(assigned).size).toBe(rs.length);
                rs.forEach((r, i) => {
                    if (r.priority !== undefined) expect(assigned[i]).toBe(r.priority);
                    else expect(assigned[i]).toBeGreaterThanOrEqual(1);
                });
            }),
        );
    });
});

describe("planApplicationLoadBalancer: names", () => {
    it("keeps load balancer and target group names within 32 characters, deterministically, for any stack and component name", () => {
        const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,80}$/);
        fc.assert(
            fc.property(word, word, (stack, component) => {
                const args = referenceAlbArgs();
                const a = planApplicationLoadBalancer(component, args, { ...ctx, stack });
                const b = planApplicationLoadBalancer(component, args, { ...ctx, stack });
                expect(a.loadBalancer.name.length).toBeLessThanOrEqual(32);
                expect(a.loadBalancer.name).toMatch(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/);
                expect(a.loadBalancer.name.startsWith("internal-")).toBe(false);
                expect(a.loadBalancer.name).toBe(b.loadBalancer.name);
                for (const tg of a.targetGroups) {
                    expect(typeof tg.name).toBe("string");
                    expect((tg.name as string).length).toBeLessThanOrEqual(32);
                }
                expect(a.targetGroups.map((t) => t.name)).toEqual(b.targetGroups.map((t) => t.name));
            }),
            { numRuns: 60 },
        );
    });

    it("gives two long components that share a prefix different names", () => {
        const long = "checkout-service-production-frontend";
        expect(plan(referenceAlbArgs(), `${long}-a`).loadBalancer.name).not.toBe(
            plan(referenceAlbArgs(), `${long}-b`).loadBalancer.name,
        );
    });

    it("renames a target group when a property that forces its replacement changes (port, protocol, target type, VPC)", () => {
        const name = (args: ApplicationLoadBalancerArgs) => plan(args).targetGroups.find((t) => t.key === "api")?.name;
        const base = name(referenceAlbArgs());
        expect(name(withApi({ port: 8443 }))).not.toBe(base);
        expect(name(withApi({ protocol: "HTTPS" }))).not.toBe(base);
        expect(name(withApi({ targetType: "instance" }))).not.toBe(base);
        expect(name(referenceAlbArgs({ vpcId: "vpc-0fedcba9876543210" }))).not.toBe(base);
        // ...but not when an attribute that updates in place changes.
        expect(name(withApi({ deregistrationDelaySeconds: 60, healthCheck: { path: "/ready" } }))).toBe(base);
    });

    it("makes the target group name an Output when the VPC id is one", () => {
        const p = plan(referenceAlbArgs({ vpcId: pulumi.output("vpc-1") }));
        expect(pulumi.Output.isInstance(p.targetGroups[0].name)).toBe(true);
    });
});

describe("planApplicationLoadBalancer: every rule has a failing case", () => {
    it("needs at least 2 subnets when the list is known, and no duplicates", () => {
        expect(paths(referenceAlbArgs({ subnetIds: ["subnet-1"] }))).toEqual(["subnetIds"]);
        expect(paths(referenceAlbArgs({ subnetIds: ["subnet-1", "subnet-1"] }))).toEqual(["subnetIds[1]"]);
    });

    it("needs a vpcId", () => {
        expect(paths(referenceAlbArgs({ vpcId: "" }))).toEqual(["vpcId"]);
    });

    it("rule priority 1-50000", () => {
        expect(paths(withRule0({ priority: 0 }))).toEqual(["rules[0].priority"]);
        expect(paths(withRule0({ priority: 50001 }))).toEqual(["rules[0].priority"]);
        expect(paths(withRule0({ priority: 1.5 }))).toEqual(["rules[0].priority"]);
        expect(() => plan(withRule0({ priority: 50000 }))).not.toThrow();
    });

    it("rule priorities unique", () => {
        expect(paths(withRule0({ priority: 2 }))).toEqual(["rules[1].priority"]);
    });

    it("an omitted priority after the last one (50000) is a problem at that rule, not a priority beyond the limit", () => {
        const base = referenceAlbArgs();
        const { priority: _, ...second } = base.rules[1];
        const args = { ...base, rules: [{ ...base.rules[0], priority: 50000 }, second] };
        expect(paths(args)).toEqual(["rules[1].priority"]);
        expect(problemReason(() => plan(args))).toContain("no free priority is left above the previous rule's");
    });

    it("at most 5 condition values per rule", () => {
        expect(
            paths(
                withRule0({
                    conditions: {
                        pathPatterns: ["/a", "/b", "/c"],
                        hostHeaders: ["a.example.com", "b.example.com"],
                        methods: ["GET"],
                    },
                }),
            ),
        ).toEqual(["rules[0].conditions"]);
        expect(() =>
            plan(
                withRule0({
                    conditions: { pathPatterns: ["/a", "/b", "/c"], hostHeaders: ["a.example.com", "b.example.com"] },
                }),
            ),
        ).not.toThrow();
    });

    it("at least one condition, and no empty condition lists", () => {
        expect(paths(withRule0({ conditions: {} }))).toEqual(["rules[0].conditions"]);
        expect(paths(withRule0({ conditions: { pathPatterns: [] } }))).toEqual(["rules[0].conditions.pathPatterns"]);
    });

    it("condition values within AWS's limits", () => {
        expect(paths(withRule0({ conditions: { pathPatterns: [`/${"a".repeat(128)}`] } }))).toEqual([
            "rules[0].conditions.pathPatterns[0]",
        ]);
        expect(paths(withRule0({ conditions: { methods: ["get"] } }))).toEqual(["rules[0].conditions.methods[0]"]);
        expect(paths(withRule0({ conditions: { sourceIps: ["10.0.0.0/33"] } }))).toEqual([
            "rules[0].conditions.sourceIps[0]",
        ]);
        expect(paths(withRule0({ conditions: { httpHeaders: [{ name: "X Bad", values: ["1"] }] } }))).toEqual([
            "rules[0].conditions.httpHeaders[0].name",
        ]);
        expect(paths(withRule0({ conditions: { queryStrings: [{ key: "", value: "1" }] } }))).toEqual([
            "rules[0].conditions.queryStrings[0].key",
        ]);
    });

    it("an action has exactly one of forward, weightedForward, redirect, fixedResponse", () => {
        expect(paths(withRule0({ action: {} }))).toEqual(["rules[0].action"]);
        expect(paths(withRule0({ action: { forward: "api", fixedResponse: { statusCode: 503 } } }))).toEqual([
            "rules[0].action",
        ]);
        expect(paths(referenceAlbArgs({ defaultAction: {} }))).toEqual(["defaultAction"]);
        const reason = problemReason(() =>
            plan(withRule0({ action: { forward: "api", redirect: { path: "/x", statusCode: 301 } } })),
        );
        expect(reason).toContain("exactly one of forward, weightedForward, redirect, fixedResponse");
        expect(reason).toContain("forward, redirect");
    });

    it("a forward names a target-group key that exists", () => {
        expect(paths(withRule0({ action: { forward: "nope" } }))).toEqual(["rules[0].action.forward"]);
        expect(paths(referenceAlbArgs({ defaultAction: { forward: "nope" } }))).toEqual(["defaultAction.forward"]);
        expect(problemReason(() => plan(withRule0({ action: { forward: "nope" } })))).toContain(
            'one of "web", "api", "admin"',
        );
    });

    it("weighted forward: 1-5 groups that exist, weights 0-999, not all 0", () => {
        const wf = (targetGroups: { name: string; weight: number }[]) =>
            withRule0({ action: { weightedForward: { targetGroups } } });
        expect(paths(wf([]))).toEqual(["rules[0].action.weightedForward.targetGroups"]);
        const six = ["web", "api", "admin", "web", "api", "admin"].map((name) => ({ name, weight: 1 }));
        expect(paths(wf(six))).toContain("rules[0].action.weightedForward.targetGroups");
        expect(paths(wf([{ name: "api", weight: 1000 }]))).toEqual([
            "rules[0].action.weightedForward.targetGroups[0].weight",
        ]);
        expect(
            paths(
                wf([
                    { name: "api", weight: -1 },
                    { name: "web", weight: 1 },
                ]),
            ),
        ).toEqual(["rules[0].action.weightedForward.targetGroups[0].weight"]);
        expect(
            paths(
                wf([
                    { name: "api", weight: 0 },
                    { name: "web", weight: 0 },
                ]),
            ),
        ).toEqual(["rules[0].action.weightedForward.targetGroups"]);
        expect(
            paths(
                wf([
                    { name: "api", weight: 1 },
                    { name: "gone", weight: 1 },
                ]),
            ),
        ).toEqual(["rules[0].action.weightedForward.targetGroups[1].name"]);
        expect(
            paths(
                wf([
                    { name: "api", weight: 1 },
                    { name: "api", weight: 1 },
                ]),
            ),
        ).toEqual(["rules[0].action.weightedForward.targetGroups[1].name"]);
        expect(
            paths(
                withRule0({
                    action: { weightedForward: { targetGroups: [{ name: "api", weight: 1 }], stickinessSeconds: 0 } },
                }),
            ),
        ).toEqual(["rules[0].action.weightedForward.stickinessSeconds"]);
    });

    it("health check interval 5-300", () => {
        expect(paths(withApi({ healthCheck: { intervalSeconds: 4 } }))).toEqual([
            "targetGroups.api.healthCheck.intervalSeconds",
        ]);
        expect(paths(withApi({ healthCheck: { intervalSeconds: 301 } }))).toEqual([
            "targetGroups.api.healthCheck.intervalSeconds",
        ]);
    });

    it("health check timeout 2-120 and below the interval", () => {
        expect(paths(withApi({ healthCheck: { timeoutSeconds: 1 } }))).toEqual([
            "targetGroups.api.healthCheck.timeoutSeconds",
        ]);
        expect(paths(withApi({ healthCheck: { intervalSeconds: 300, timeoutSeconds: 121 } }))).toEqual([
            "targetGroups.api.healthCheck.timeoutSeconds",
        ]);
        expect(paths(withApi({ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }))).toEqual([
            "targetGroups.api.healthCheck.timeoutSeconds",
        ]);
        // The default timeout (5) is checked against a given interval too.
        expect(paths(withApi({ healthCheck: { intervalSeconds: 5 } }))).toEqual([
            "targetGroups.api.healthCheck.timeoutSeconds",
        ]);
    });

    it("health check thresholds 2-10", () => {
        expect(paths(withApi({ healthCheck: { healthyThreshold: 1, unhealthyThreshold: 11 } }))).toEqual([
            "targetGroups.api.healthCheck.healthyThreshold",
            "targetGroups.api.healthCheck.unhealthyThreshold",
        ]);
    });

    it("matcher codes 200-499 for an ALB", () => {
        expect(paths(withApi({ healthCheck: { matcher: "200-500" } }))).toEqual([
            "targetGroups.api.healthCheck.matcher",
        ]);
        expect(paths(withApi({ healthCheck: { matcher: "199" } }))).toEqual(["targetGroups.api.healthCheck.matcher"]);
        expect(paths(withApi({ healthCheck: { matcher: "ok" } }))).toEqual(["targetGroups.api.healthCheck.matcher"]);
        expect(() => plan(withApi({ healthCheck: { matcher: "200,202,400-499" } }))).not.toThrow();
        expect(problemReason(() => plan(withApi({ healthCheck: { matcher: "550" } })))).toContain("from 200 to 499");
    });

    it("an HTTP or HTTPS target group never gets a TCP health check", () => {
        const tcp = { protocol: "TCP" } as unknown as TargetGroupArgs["healthCheck"];
        expect(paths(withApi({ healthCheck: tcp }))).toEqual(["targetGroups.api.healthCheck.protocol"]);
        expect(paths(withApi({ protocol: "HTTPS", healthCheck: tcp }))).toEqual([
            "targetGroups.api.healthCheck.protocol",
        ]);
    });

    it("health checks can only be turned off for lambda target groups", () => {
        expect(paths(withApi({ healthCheck: { enabled: false } }))).toEqual(["targetGroups.api.healthCheck.enabled"]);
        expect(paths(withApi({ targetType: "instance", healthCheck: { enabled: false } }))).toEqual([
            "targetGroups.api.healthCheck.enabled",
        ]);
        const fn = plan({
            ...referenceAlbArgs(),
            targetGroups: { fn: { targetType: "lambda", healthCheck: { enabled: false } } },
            defaultAction: { forward: "fn" },
            rules: [],
        });
        expect(fn.targetGroups[0].healthCheck.enabled).toBe(false);
    });

    it("health check path starts with /", () => {
        expect(paths(withApi({ healthCheck: { path: "health" } }))).toEqual(["targetGroups.api.healthCheck.path"]);
    });

    it("an HTTPS listener needs a certificate: sslPolicy without certificateArn", () => {
        expect(paths(referenceAlbArgs({ certificateArn: undefined, sslPolicy: DEFAULT_SSL_POLICY }))).toEqual([
            "certificateArn",
        ]);
        expect(paths(referenceAlbArgs({ certificateArn: "my-cert" }))).toEqual(["certificateArn"]);
    });

    it("sslPolicy is one of the TLS 1.2+ policies", () => {
        expect(paths(referenceAlbArgs({ sslPolicy: "ELBSecurityPolicy-2016-08" }))).toEqual(["sslPolicy"]);
        expect(paths(referenceAlbArgs({ sslPolicy: "ELBSecurityPolicy-TLS13-1-1-2021-06" }))).toEqual(["sslPolicy"]);
        for (const sslPolicy of TLS12_PLUS_POLICIES) expect(() => plan(referenceAlbArgs({ sslPolicy }))).not.toThrow();
        expect(problemReason(() => plan(referenceAlbArgs({ sslPolicy: "ELBSecurityPolicy-2016-08" })))).toContain(
            '"ELBSecurityPolicy-TLS13-1-2-2021-06"',
        );
    });

    it("fixed-response status 200-599 and a known content type", () => {
        const fixed = (statusCode: number) => withRule0({ action: { fixedResponse: { statusCode } } });
        expect(paths(fixed(199))).toEqual(["rules[0].action.fixedResponse.statusCode"]);
        expect(paths(fixed(600))).toEqual(["rules[0].action.fixedResponse.statusCode"]);
        expect(() => plan(fixed(200))).not.toThrow();
        expect(() => plan(fixed(599))).not.toThrow();
        const xml = { statusCode: 200, contentType: "text/xml" } as unknown as { statusCode: number };
        expect(paths(withRule0({ action: { fixedResponse: xml } }))).toEqual([
            "rules[0].action.fixedResponse.contentType",
        ]);
        expect(
            paths(withRule0({ action: { fixedResponse: { statusCode: 200, messageBody: "x".repeat(1025) } } })),
        ).toEqual(["rules[0].action.fixedResponse.messageBody"]);
    });

    it("redirect: 301 or 302, a valid port and path, and not to the same URL", () => {
        const redirect = (r: object) => withRule0({ action: { redirect: { statusCode: 301, ...r } } });
        expect(paths(redirect({ statusCode: 307, protocol: "HTTPS" }))).toEqual([
            "rules[0].action.redirect.statusCode",
        ]);
        expect(paths(redirect({ port: 0 }))).toEqual(["rules[0].action.redirect.port"]);
        expect(paths(redirect({ path: "x" }))).toEqual(["rules[0].action.redirect.path"]);
        expect(paths(redirect({ host: "" }))).toEqual(["rules[0].action.redirect.host"]);
        expect(paths(redirect({ host: "h".repeat(129) }))).toEqual(["rules[0].action.redirect.host"]);
        expect(paths(redirect({ query: "?a=1" }))).toEqual(["rules[0].action.redirect.query"]);
        expect(paths(redirect({ query: "a".repeat(129) }))).toEqual(["rules[0].action.redirect.query"]);
        expect(() => plan(redirect({ host: "h".repeat(128), query: "a=1" }))).not.toThrow();
        expect(paths(redirect({}))).toEqual(["rules[0].action.redirect"]);
    });

    it("slow start 0 or 30-900", () => {
        expect(paths(withApi({ slowStartSeconds: 29 }))).toEqual(["targetGroups.api.slowStartSeconds"]);
        expect(paths(withApi({ slowStartSeconds: 901 }))).toEqual(["targetGroups.api.slowStartSeconds"]);
        expect(() => plan(withApi({ slowStartSeconds: 0 }))).not.toThrow();
        expect(() => plan(withApi({ slowStartSeconds: 30 }))).not.toThrow();
    });

    it("deregistration delay 0-3600", () => {
        expect(paths(withApi({ deregistrationDelaySeconds: 3601 }))).toEqual([
            "targetGroups.api.deregistrationDelaySeconds",
        ]);
        expect(paths(withApi({ deregistrationDelaySeconds: -1 }))).toEqual([
            "targetGroups.api.deregistrationDelaySeconds",
        ]);
    });

    it("stickiness 1-604800 s", () => {
        expect(paths(withApi({ stickiness: { durationSeconds: 0 } }))).toEqual([
            "targetGroups.api.stickiness.durationSeconds",
        ]);
        expect(paths(withApi({ stickiness: { durationSeconds: 604801 } }))).toEqual([
            "targetGroups.api.stickiness.durationSeconds",
        ]);
        expect(() => plan(withApi({ stickiness: { durationSeconds: 604800 } }))).not.toThrow();
    });

    it("target group port 1-65535, protocol HTTP or HTTPS, target type ip, instance or lambda", () => {
        expect(paths(withApi({ port: 0 }))).toEqual(["targetGroups.api.port"]);
        expect(paths(withApi({ port: undefined }))).toEqual(["targetGroups.api.port"]);
        expect(paths(withApi({ protocol: "TCP" as "HTTP" }))).toEqual(["targetGroups.api.protocol"]);
        expect(paths(withApi({ targetType: "alb" as "ip" }))).toEqual(["targetGroups.api.targetType"]);
        expect(paths(withApi({ targetType: "lambda" }))).toEqual([
            "targetGroups.api.port",
            "targetGroups.api.protocol",
        ]);
        // Neither a port nor a target type: the default target type is named, and lambda offered.
        const bare = referenceAlbArgs();
        const reasons = problemReason(() => plan({ ...bare, targetGroups: { ...bare.targetGroups, fn: {} } }));
        expect(reasons).toContain('is "ip" when not given, which needs a port; give port, or targetType "lambda"');
    });

    it("target group keys are letters, digits and hyphens", () => {
        const base = referenceAlbArgs();
        expect(paths({ ...base, targetGroups: { ...base.targetGroups, api_v2: { port: 80 } } })).toEqual([
            "targetGroups.api_v2",
        ]);
    });

    it("ingress CIDRs are IPv4 CIDR blocks", () => {
        expect(paths(referenceAlbArgs({ ingressCidrs: ["10.0.0.0/8", "0.0.0.0"] }))).toEqual(["ingressCidrs[1]"]);
        expect(paths(referenceAlbArgs({ ingressCidrs: [] }))).toEqual(["ingressCidrs"]);
    });

    it("idle timeout 1-4000 and access-log prefix without slashes or AWSLogs", () => {
        expect(paths(referenceAlbArgs({ idleTimeoutSeconds: 4001 }))).toEqual(["idleTimeoutSeconds"]);
        expect(paths(referenceAlbArgs({ accessLogs: { bucket: "logs", prefix: "/alb" } }))).toEqual([
            "accessLogs.prefix",
        ]);
        expect(paths(referenceAlbArgs({ accessLogs: { bucket: "" } }))).toEqual(["accessLogs.bucket"]);
    });

    it("tags within AWS's limits", () => {
        expect(paths(referenceAlbArgs({ tags: { "aws:owner": "me" } }))).toEqual(["tags.aws:owner"]);
    });

    it("lists every problem at once", () => {
        const base = withApi({ healthCheck: { timeoutSeconds: 1 } });
        const args = {
            ...base,
            subnetIds: ["subnet-1"],
            rules: [{ ...base.rules[0], priority: 0 }, ...base.rules.slice(1)],
        };
        expect(paths(args).sort()).toEqual([
            "rules[0].priority",
            "subnetIds",
            "targetGroups.api.healthCheck.timeoutSeconds",
        ]);
    });
});

function problemReason(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors.map((x) => x.reason).join("\n");
        throw e;
    }
    throw new Error("expected an InputPropertiesError");
}

describe("planApplicationLoadBalancer: a missing required field", () => {
    it("gets the planner's own reason, which says what to give, in place of the shape's generic one", () => {
        let errors: { propertyPath: string; reason: string }[] = [];
        try {
            planApplicationLoadBalancer("web", {} as unknown as Parameters<typeof planApplicationLoadBalancer>[1], ctx);
        } catch (e) {
            if (!pulumi.InputPropertiesError.isInstance(e)) throw e;
            errors = e.errors;
        }
        const at = (path: string) => errors.filter((p) => p.propertyPath === path).map((p) => p.reason);
        expect(at("vpcId")).toEqual(["is required: give the VPC id"]);
        expect(at("subnetIds")).toEqual(["is required: give at least 2 subnet ids in different Availability Zones"]);
        // Where the planner says nothing more, the shape's reason stays.
        expect(at("defaultAction")).toEqual(["is required: give an object"]);
    });
});
