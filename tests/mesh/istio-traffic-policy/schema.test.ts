import { VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    type IstioTrafficPolicyArgs,
    type istioTrafficPolicyArgsSchema,
    planIstioTrafficPolicy,
} from "../../../components/mesh";
import type { MutuallyAssignable, z } from "../../../src/core";
import { validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const problems = (args: unknown) => {
    try {
        planIstioTrafficPolicy("web", args as IstioTrafficPolicyArgs, ctx);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    return [];
};
const reasonAt = (args: unknown, path: string) => problems(args).find((p) => p.propertyPath === path)?.reason;
const withRetryOn = (retryOn: unknown): unknown => ({
    ...validArgs,
    routes: [{ destinations: [{ subset: "v1" }], retries: { attempts: 3, retryOn } }],
});

describe("IstioTrafficPolicy args: the runtime shape (issue 19)", () => {
    it("the schema's type and IstioTrafficPolicyArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof istioTrafficPolicyArgsSchema>, IstioTrafficPolicyArgs> = true;
        // MutuallyAssignable lets an optional field missing on one side through; the keys must match too.
        const keys: MutuallyAssignable<
            keyof z.input<typeof istioTrafficPolicyArgsSchema>,
            keyof IstioTrafficPolicyArgs
        > = true;
        expect([same, keys]).toEqual([true, true]);
    });

    it("the fixture is valid", () => {
        expect(problems(validArgs)).toEqual([]);
    });

    it("takes retryOn as Istio writes it, one comma-separated string, and writes it back the same", () => {
        const plan = planIstioTrafficPolicy(
            "web",
            withRetryOn("5xx, connect-failure,503") as IstioTrafficPolicyArgs,
            ctx,
        );
        const retries = plan.virtualService?.spec.http[0].retries;
        expect(retries).toEqual({ attempts: 3, retryOn: "5xx,connect-failure,503" });
        new VirtualService({ metadata: { name: "web" }, spec: plan.virtualService?.spec } as never).validate();
        // The list form gives the same string.
        const listed = planIstioTrafficPolicy(
            "web",
            withRetryOn(["5xx", "connect-failure", "503"]) as IstioTrafficPolicyArgs,
            ctx,
        );
        expect(listed.virtualService?.spec.http[0].retries).toEqual(retries);
    });

    it("checks each condition of a comma-separated retryOn and names the bad one", () => {
        expect(reasonAt(withRetryOn("5xx,,gateway-eror"), "routes[0].retries.retryOn")).toMatch(
            /^condition 2 must be an HTTP status code/,
        );
        expect(problems(withRetryOn("5xx,,gateway-eror")).map((p) => p.reason)).toEqual([
            expect.stringMatching(/^condition 2 .*\(got ""\)$/),
            expect.stringMatching(/^condition 3 .*\(got "gateway-eror"\)$/),
        ]);
        expect(reasonAt(withRetryOn(5), "routes[0].retries.retryOn")).toBe("must be a list or a string (got 5)");
    });

    it("unknown keys are errors with a suggestion", () => {
        expect(reasonAt({ ...validArgs, subsetPolicy: {} }, "subsetPolicy")).toBe(
            "unknown key; did you mean subsetPolicies?",
        );
        expect(
            reasonAt(
                { ...validArgs, routes: [{ destinations: [{ subset: "v1" }], retris: { attempts: 1 } }] },
                "routes[0].retris",
            ),
        ).toBe("unknown key; did you mean retries?");
        expect(
            reasonAt(
                {
                    ...validArgs,
                    trafficPolicy: { outlierDetection: { interval: "1s", baseEjectionTime: "1s", maxEjectPercent: 5 } },
                },
                "trafficPolicy.outlierDetection.maxEjectPercent",
            ),
        ).toBe("unknown key; did you mean maxEjectionPercent?");
    });

    it("null, NaN, fractions and wrong types name the field and the expected shape", () => {
        expect(reasonAt({ ...validArgs, host: null }, "host")).toMatch(/must be a string/);
        expect(
            reasonAt(
                { ...validArgs, routes: [{ destinations: [{ subset: "v1", weight: Number.NaN }] }] },
                "routes[0].destinations[0].weight",
            ),
        ).toMatch(/finite number/);
        expect(
            reasonAt(
                { ...validArgs, routes: [{ destinations: [{ subset: "v1" }], retries: { attempts: 1.5 } }] },
                "routes[0].retries.attempts",
            ),
        ).toMatch(/whole number/);
        expect(reasonAt({ ...validArgs, subsets: { v1: "v1" } }, "subsets.v1")).toMatch(/must be a map/);
        expect(reasonAt({ ...validArgs, routes: "all" }, "routes")).toMatch(/must be a list/);
        expect(problems(null).map((p) => p.propertyPath)).toEqual([""]);
        const many = Array.from({ length: 2_000 }, () => ({
            match: { uriPrefix: "/" },
            destinations: [{ subset: "v1" }],
        }));
        expect(problems({ ...validArgs, routes: many, gateways: Array.from({ length: 100 }, () => 7) }).length).toBe(
            100,
        );
    });

    it("plan-time fields reject Outputs and say why; pass-through fields accept them", () => {
        expect(reasonAt({ ...validArgs, routes: pulumi.output([]) }, "routes")).toMatch(
            /must be known before deployment \(the routes decide/,
        );
        expect(reasonAt({ ...validArgs, subsets: pulumi.output({}) }, "subsets")).toMatch(
            /must be known before deployment \(each key names/,
        );
        expect(
            problems({
                ...validArgs,
                host: pulumi.output("web"),
                namespace: pulumi.output("prod"),
                gateways: pulumi.output(["mesh"]),
            }),
        ).toEqual([]);
    });
});
