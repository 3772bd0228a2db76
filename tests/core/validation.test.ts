import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invalidArgs, isKnown, joinPath, known, knownList, looksLikeSecretName, Validator } from "../../src/core";
import { problemPaths } from "../support";

describe("Validator", () => {
    it("collects every problem and throws one InputPropertiesError", () => {
        const v = new Validator('Thing "t"');
        v.range(0, "rules[0].priority", 1, 50000);
        v.oneOf("TCP", "protocol", ["HTTP", "HTTPS"]);
        v.count(["a"], "subnetIds", 2, Number.MAX_SAFE_INTEGER, "subnets");
        let caught: unknown;
        try {
            v.throwIfAny();
        } catch (e) {
            caught = e;
        }
        expect(pulumi.InputPropertiesError.isInstance(caught)).toBe(true);
        const err = caught as pulumi.InputPropertiesError;
        expect(err.errors.map((e) => e.propertyPath)).toEqual(["rules[0].priority", "protocol", "subnetIds"]);
        expect(err.message).toContain('Thing "t" has 3 invalid inputs');
        // Each reason names what is allowed.
        expect(err.errors[0].reason).toContain("1 to 50000");
        expect(err.errors[1].reason).toContain('"HTTP", "HTTPS"');
        expect(err.errors[2].reason).toContain("at least 2 subnets");
    });

    it("does not throw when there is nothing wrong", () => {
        const v = new Validator("x").range(5, "a", 1, 10).oneOf("b", "b", ["b"]);
        expect(() => v.throwIfAny()).not.toThrow();
        expect(v.problems).toHaveLength(0);
    });

    it("skips values that are unknown at construction", () => {
        const v = new Validator("x");
        v.range(pulumi.output(0), "a", 1, 10);
        v.range(Promise.resolve(0), "b", 1, 10);
        v.oneOf(pulumi.output("nope"), "c", ["yes"]);
        v.count(pulumi.output([]), "d", 1, 2);
        v.range(undefined, "e", 1, 10);
        expect(v.problems).toHaveLength(0);
    });

    it("rejects fractions where whole numbers are required, unless told otherwise", () => {
        expect(problemPaths(() => new Validator("x").range(1.5, "n", 1, 10).throwIfAny())).toEqual(["n"]);
        expect(new Validator("x").range(0.5, "u", 0.1, 0.9, { integer: false }).problems).toHaveLength(0);
    });

    it("reports each repeated value at its own path", () => {
        const v = new Validator("x").unique(
            [
                { value: 1, path: "rules[0].priority" },
                { value: 2, path: "rules[1].priority" },
                { value: 1, path: "rules[2].priority" },
            ],
            "priority",
        );
        expect(v.problems.map((p) => p.propertyPath)).toEqual(["rules[2].priority"]);
        expect(v.problems[0].reason).toContain("rules[0].priority");
    });

    it("a shape's reason yields to the planner's more precise one of the same kind at the same path; other reasons stay", () => {
        const v = new Validator("X");
        v.addShape("a.metric", 'must be one of "cpu", "memory", "invocations" (got "x")');
        v.add("a.metric", 'must be one of "cpu", "memory" (got "x")');
        v.addShape("b", "must be a finite number (got NaN)");
        v.add("b", "must be at most max 10 (got NaN)");
        v.addShape("c", 'must be one of "a", "b" (got "z")');
        // The planner saying the same as the shape adds nothing.
        v.add("c", 'must be one of "a", "b" (got the string "z")');
        expect(problemPaths(() => v.throwIfAny())).toEqual(["a.metric", "b", "b", "c"]);
        try {
            v.throwIfAny();
        } catch (e) {
            expect((e as pulumi.InputPropertiesError).errors.map((p) => p.reason)).toEqual([
                'must be one of "cpu", "memory" (got "x")',
                "must be a finite number (got NaN)",
                "must be at most max 10 (got NaN)",
                'must be one of "a", "b" (got "z")',
            ]);
        }
    });

    it("merges nested problems under a prefix", () => {
        const v = new Validator("x").merge([{ propertyPath: "targetTracking[0].target", reason: "r" }], "autoScaling");
        expect(v.problems[0].propertyPath).toBe("autoScaling.targetTracking[0].target");
    });

    it("range accepts exactly the closed interval", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: -1000, max: 1000 }),
                fc.integer({ min: -100, max: 100 }),
                fc.integer({ min: 0, max: 200 }),
                (value, min, width) => {
                    const max = min + width;
                    const ok = new Validator("x").range(value, "p", min, max).problems.length === 0;
                    return ok === (value >= min && value <= max);
                },
            ),
        );
    });
});

describe("helpers", () => {
    it("isKnown / known / knownList", () => {
        expect(isKnown(3)).toBe(true);
        expect(isKnown("")).toBe(true);
        expect(isKnown(undefined)).toBe(false);
        expect(isKnown(pulumi.output(3))).toBe(false);
        expect(known(pulumi.output(3))).toBeUndefined();
        expect(knownList(["a", pulumi.output("b")])).toHaveLength(2);
        expect(knownList(pulumi.output(["a"]))).toBeUndefined();
    });

    it("joinPath builds paths from the args root", () => {
        expect(joinPath("targetGroups", "api", "healthCheck", "timeoutSeconds")).toBe(
            "targetGroups.api.healthCheck.timeoutSeconds",
        );
        expect(joinPath("rules", 2, "priority")).toBe("rules[2].priority");
        expect(joinPath(undefined, "a", "", 0)).toBe("a[0]");
    });

    it("invalidArgs lists every problem in the message", () => {
        const e = invalidArgs("C", [{ propertyPath: "a", reason: "r1" }]);
        expect(e.message).toBe("C has 1 invalid input:\n  - a: r1");
    });

    it("recognises secret-looking environment names", () => {
        for (const n of [
            "DB_PASSWORD",
            "api_key",
            "GITHUB_TOKEN",
            "CLIENT_SECRET",
            "AWS_SECRET_ACCESS_KEY",
            "PRIVATE_KEY",
        ])
            expect(looksLikeSecretName(n)).toBe(true);
        for (const n of ["ENV", "TABLE_NAME", "PORT", "LOG_LEVEL"]) expect(looksLikeSecretName(n)).toBe(false);
    });
});
