import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    ApplicationLoadBalancer,
    type ApplicationLoadBalancerArgs,
    type applicationLoadBalancerArgsSchema,
    type GatewayLoadBalancerArgs,
    type gatewayLoadBalancerArgsSchema,
    type NetworkLoadBalancerArgs,
    type networkLoadBalancerArgsSchema,
    planApplicationLoadBalancer,
    planGatewayLoadBalancer,
    planNetworkLoadBalancer,
} from "../../components/lb";
import type { MutuallyAssignable, z } from "../../src/core";
import { expectInvalid, only, runPlan } from "../support";
import { validArgs as albValid, referenceAlbArgs } from "./alb/fixture";
import { validArgs as gwlbValid } from "./gwlb/fixture";
import { validArgs as nlbValid, referenceNlbArgs } from "./nlb/fixture";

const ctx = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
type Problem = { propertyPath: string; reason: string };

/** The problems a planner reports for `args` (typed loosely: these are the callers TypeScript doesn't check). */
function problems(fn: () => unknown): Problem[] {
    try {
        fn();
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e))
            return e.errors.map((x) => ({ propertyPath: x.propertyPath, reason: x.reason }));
        throw e;
    }
    return [];
}
const alb = (args: unknown) =>
    problems(() => planApplicationLoadBalancer("web", args as ApplicationLoadBalancerArgs, ctx));
const nlb = (args: unknown) => problems(() => planNetworkLoadBalancer("edge", args as NetworkLoadBalancerArgs, ctx));
const gwlb = (args: unknown) =>
    problems(() => planGatewayLoadBalancer("inspection", args as GatewayLoadBalancerArgs, ctx));
const reasonAt = (ps: Problem[], path: string) => ps.filter((p) => p.propertyPath === path).map((p) => p.reason);

describe("lb args: the schemas and the Args types", () => {
    it("are mutually assignable (a type-level check: this file does not compile when they drift)", () => {
        const same: [
            MutuallyAssignable<z.input<typeof applicationLoadBalancerArgsSchema>, ApplicationLoadBalancerArgs>,
            MutuallyAssignable<z.input<typeof networkLoadBalancerArgsSchema>, NetworkLoadBalancerArgs>,
            MutuallyAssignable<z.input<typeof gatewayLoadBalancerArgsSchema>, GatewayLoadBalancerArgs>,
        ] = [true, true, true];
        expect(same).toEqual([true, true, true]);
    });

    it("accept every fixture", () => {
        expect(alb(albValid)).toEqual([]);
        expect(alb(referenceAlbArgs())).toEqual([]);
        expect(nlb(nlbValid)).toEqual([]);
        expect(nlb(referenceNlbArgs())).toEqual([]);
        expect(gwlb(gwlbValid)).toEqual([]);
    });
});

describe("lb args: shape failures name the field and the expected shape", () => {
    it("a string boolean is an error, never read as true: internal, deletionProtection, staticIps, acceptanceRequired", () => {
        expect(reasonAt(alb({ ...albValid, internal: "false" }), "internal")).toEqual([
            'must be a boolean (true or false) (got the string "false")',
        ]);
        expect(reasonAt(alb({ ...albValid, deletionProtection: "true" }), "deletionProtection")).toHaveLength(1);
        expect(reasonAt(nlb({ ...nlbValid, staticIps: "false" }), "staticIps")).toHaveLength(1);
        expect(reasonAt(gwlb({ ...gwlbValid, acceptanceRequired: "false" }), "acceptanceRequired")).toHaveLength(1);
        expect(
            reasonAt(
                alb(withTargetGroup({ healthCheck: { enabled: "false" } })),
                "targetGroups.api.healthCheck.enabled",
            ),
        ).toHaveLength(1);
    });

    it("subnetIds: null or missing is an error on all three load balancers", () => {
        expect(reasonAt(alb({ ...albValid, subnetIds: null }), "subnetIds")).toEqual(["must be a list (got null)"]);
        expect(reasonAt(nlb({ ...nlbValid, subnetIds: null }), "subnetIds")).toEqual(["must be a list (got null)"]);
        expect(reasonAt(gwlb({ ...gwlbValid, subnetIds: undefined }), "subnetIds")[0]).toMatch(/^is required/);
    });

    it("required fields: fixedResponse.statusCode, a redirect's statusCode, a target group's port on an NLB, vpcId", () => {
        const fixed = alb({ ...albValid, defaultAction: { fixedResponse: { contentType: "text/plain" } } });
        expect(fixed.map((p) => p.propertyPath)).toEqual(["defaultAction.fixedResponse.statusCode"]);
        expect(fixed[0].reason).toMatch(/^is required: give a finite number/);
        expect(alb({ ...albValid, defaultAction: { redirect: { path: "/x" } } }).map((p) => p.propertyPath)).toEqual([
            "defaultAction.redirect.statusCode",
        ]);
        const listeners = { api: { port: 443, protocol: "TCP", targetGroup: {} } };
        expect(nlb({ ...nlbValid, listeners }).map((p) => p.propertyPath)).toEqual(["listeners.api.targetGroup.port"]);
        expect(gwlb({ ...gwlbValid, vpcId: undefined }).map((p) => p.propertyPath)).toEqual(["vpcId"]);
    });

    it("numbers are finite, and whole where AWS wants integers", () => {
        expect(reasonAt(alb({ ...albValid, idleTimeoutSeconds: Number.NaN }), "idleTimeoutSeconds")).toEqual([
            "must be a finite number (got NaN)",
        ]);
        expect(alb({ ...albValid, idleTimeoutSeconds: Number.POSITIVE_INFINITY }).map((p) => p.propertyPath)).toEqual([
            "idleTimeoutSeconds",
        ]);
        expect(reasonAt(alb(withTargetGroup({ port: 80.5 })), "targetGroups.api.port")).toEqual([
            "must be a whole number (got 80.5)",
        ]);
        expect(
            nlb({ ...nlbValid, listeners: { a: { port: "443", protocol: "TCP", targetGroup: { port: 443 } } } }).map(
                (p) => p.propertyPath,
            ),
        ).toEqual(["listeners.a.port"]);
        expect(gwlb({ ...gwlbValid, healthCheck: { intervalSeconds: 10.5 } }).map((p) => p.propertyPath)).toEqual([
            "healthCheck.intervalSeconds",
        ]);
    });

    it("enums name their values", () => {
        expect(reasonAt(alb(withTargetGroup({ targetType: "alb" })), "targetGroups.api.targetType")).toEqual([
            'must be one of "ip", "instance", "lambda" (got the string "alb")',
        ]);
        expect(
            reasonAt(
                alb({ ...albValid, defaultAction: { redirect: { path: "/x", statusCode: 307 } } }),
                "defaultAction.redirect.statusCode",
            ),
        ).toEqual(["must be one of 301, 302 (got 307)"]);
    });

    it("unknown keys are errors with a suggestion, at every level", () => {
        expect(reasonAt(alb(withTargetGroup({ healtCheck: { path: "/x" } })), "targetGroups.api.healtCheck")).toEqual([
            "unknown key; did you mean healthCheck?",
        ]);
        expect(reasonAt(alb({ ...albValid, certificatArn: "x" }), "certificatArn")).toEqual([
            "unknown key; did you mean certificateArn?",
        ]);
        expect(reasonAt(nlb({ ...nlbValid, crosZone: true }), "crosZone")).toEqual([
            "unknown key; did you mean crossZone?",
        ]);
        expect(reasonAt(gwlb({ ...gwlbValid, healthCheck: { matcher: "200" } }), "healthCheck.matcher")[0]).toMatch(
            /^unknown key/,
        );
    });

    it("list limits: ingressCidrs within the 60 rules a security group holds; rules, weighted groups and condition values within AWS's quotas", () => {
        const many = Array.from({ length: 10_000 }, (_, i) => `10.${Math.floor(i / 256) % 256}.${i % 256}.0/24`);
        expect(reasonAt(alb({ ...albValid, ingressCidrs: many }), "ingressCidrs")).toEqual([
            "must have at most 60 entries (got 10000)",
        ]);
        // 31 CIDRs on an HTTPS ALB are 62 rules (ports 80 and 443).
        const thirtyOne = many.slice(0, 31);
        expect(reasonAt(alb({ ...albValid, ingressCidrs: thirtyOne }), "ingressCidrs")[0]).toMatch(
            /gives 62 ingress rules .* use at most 30 CIDR blocks/,
        );
        expect(alb({ ...albValid, ingressCidrs: many.slice(0, 30) })).toEqual([]);
        expect(nlb({ ...nlbValid, ingressCidrs: many.slice(0, 20) }).map((p) => p.propertyPath)).toEqual([
            "ingressCidrs",
        ]);
        const rules = Array.from({ length: 101 }, (_, i) => ({
            priority: i + 1,
            conditions: { pathPatterns: [`/${i}`] },
            action: { forward: "web" },
        }));
        expect(reasonAt(alb({ ...albValid, rules }), "rules")).toEqual(["must have at most 100 entries (got 101)"]);
        const six = Array.from({ length: 6 }, (_, i) => `/p${i}`);
        expect(
            alb({ ...albValid, rules: [{ conditions: { pathPatterns: six }, action: { forward: "web" } }] }).map(
                (p) => p.propertyPath,
            ),
        ).toContain("rules[0].conditions.pathPatterns");
    });

    it("Outputs are accepted in pass-through fields and rejected where they decide the plan", () => {
        expect(
            alb({
                ...albValid,
                vpcId: pulumi.output("vpc-1"),
                subnetIds: pulumi.output(["a", "b"]),
                certificateArn: pulumi.output("arn"),
            }),
        ).toEqual([]);
        const tg = alb({ ...albValid, targetGroups: pulumi.output({}) });
        expect(tg.map((p) => p.propertyPath)).toEqual(["targetGroups"]);
        expect(tg[0].reason).toMatch(/must be known before deployment \(each key names a target group\)/);
        expect(alb({ ...albValid, rules: pulumi.output([]) }).map((p) => p.propertyPath)).toEqual(["rules"]);
        expect(alb({ ...albValid, internal: pulumi.output(true) }).map((p) => p.propertyPath)).toEqual(["internal"]);
        expect(reasonAt(nlb({ ...nlbValid, staticIps: pulumi.output(true) }), "staticIps")[0]).toMatch(
            /must be known before deployment/,
        );
        expect(nlb({ ...nlbValid, listeners: pulumi.output({}) }).map((p) => p.propertyPath)).toEqual(["listeners"]);
        expect(alb(withTargetGroup({ port: pulumi.output(80) })).map((p) => p.propertyPath)).toEqual([
            "targetGroups.api.port",
        ]);
    });

    it("an Output in place of a nested object is one problem at its path, not a list of the Output's keys", () => {
        expect(alb({ ...albValid, accessLogs: pulumi.output({ bucket: "b" }) })).toEqual([
            {
                propertyPath: "accessLogs",
                reason: "must be known before deployment (its fields are checked and planned one by one); got an Output or a Promise",
            },
        ]);
        expect(alb(withTargetGroup({ healthCheck: pulumi.output({}) })).map((p) => p.propertyPath)).toEqual([
            "targetGroups.api.healthCheck",
        ]);
        // A Promise has no keys for a closed object to reject: where every field is optional it
        // would pass and the defaults be planned instead of what it holds.
        expect(
            alb(withTargetGroup({ healthCheck: Promise.resolve({ path: "/ready" }) })).map((p) => p.propertyPath),
        ).toEqual(["targetGroups.api.healthCheck"]);
        expect(
            nlb({ ...nlbValid, endpointService: Promise.resolve({ acceptanceRequired: false }) }).map(
                (p) => p.propertyPath,
            ),
        ).toEqual(["endpointService"]);
        expect(
            gwlb({ ...gwlbValid, endpoints: { a: pulumi.output({ subnetId: "s" }) } }).map((p) => p.propertyPath),
        ).toEqual(["endpoints.a"]);
    });

    it("tags: a string is an error, an Output is accepted", () => {
        expect(reasonAt(alb({ ...albValid, tags: "x" }), "tags")).toEqual([
            'must be a map of keys to values (got the string "x")',
        ]);
        expect(gwlb({ ...gwlbValid, tags: pulumi.output({ team: "x" }) })).toEqual([]);
    });

    it("never a raw exception, whatever a top-level field holds", () => {
        const bad = [
            null,
            "false",
            Number.NaN,
            -1,
            1.5,
            "",
            [],
            {},
            "x".repeat(10_000),
            pulumi.output("x"),
            Array(1_000).fill("x"),
        ];
        const fixtures: [Record<string, unknown>, (a: unknown) => Problem[]][] = [
            [albValid as unknown as Record<string, unknown>, alb],
            [nlbValid as unknown as Record<string, unknown>, nlb],
            [gwlbValid as unknown as Record<string, unknown>, gwlb],
        ];
        for (const [, plan] of fixtures) {
            // Args that are not an object at all: one problem at the root, not one per required field.
            for (const value of [null, "false", 1, [], pulumi.output({}), Promise.resolve({})]) {
                const found = plan(value);
                expect(
                    found.map((p) => p.propertyPath),
                    String(value),
                ).toEqual([""]);
            }
        }
        for (const [valid, plan] of fixtures) {
            for (const key of Object.keys(valid)) {
                for (const value of bad) {
                    // Either accepted or one InputPropertiesError (problems() rethrows anything else).
                    const found = plan({ ...valid, [key]: value });
                    // null and NaN are wrong for every field: the problem names it.
                    if (value === null || Number.isNaN(value))
                        expect(
                            found.map((p) => p.propertyPath),
                            `${key}=${String(value)}`,
                        ).toContain(key);
                }
            }
        }
    });
});

describe("lb args: components", () => {
    it('internal: "false" registers nothing', async () => {
        const { errors, plan } = await expectInvalid(
            () =>
                new ApplicationLoadBalancer("web", { ...referenceAlbArgs(), internal: "false" as unknown as boolean }),
        );
        expect(errors.map((e) => e.propertyPath)).toEqual(["internal"]);
        expect(plan.resources).toEqual([]);
    });

    it("tags given as an Output keep the default tags on every child", async () => {
        const plan = await runPlan(
            () =>
                void new ApplicationLoadBalancer(
                    "web",
                    referenceAlbArgs({ tags: pulumi.output({ team: "platform" }) }),
                ),
        );
        expect(only(plan, "aws:lb/loadBalancer:LoadBalancer").inputs.tags).toEqual({
            "managed-by": "compute-layer",
            component: "web",
            team: "platform",
        });
        const tagged = plan.resources.filter((r) => r.custom);
        expect(tagged.every((r) => (r.inputs.tags as Record<string, string>)["managed-by"] === "compute-layer")).toBe(
            true,
        );
    });
});

/** The rich ALB fixture with its `api` target group changed (loosely typed, as a YAML caller would). */
function withTargetGroup(tg: Record<string, unknown>): unknown {
    return { ...albValid, targetGroups: { ...albValid.targetGroups, api: { ...albValid.targetGroups.api, ...tg } } };
}
