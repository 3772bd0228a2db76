import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    checkShape,
    input,
    int,
    isFullyKnown,
    type MutuallyAssignable,
    nearestKey,
    obj,
    planTime,
    shapeProblems,
    Validator,
    z,
} from "../../src/core";

const healthCheck = obj({ path: input(z.string()).optional(), timeoutSeconds: int().min(2).max(120).optional() });
const schema = obj({
    internal: z.boolean().optional(),
    subnetIds: input(z.array(input(z.string())).min(2)),
    targetGroups: planTime(
        z.record(z.string(), obj({ port: int().min(1).max(65535), healthCheck: healthCheck.optional() })),
        "each key names a target group",
    ).optional(),
    mode: z.enum(["a", "b"]).optional(),
});

interface Args {
    internal?: boolean;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    targetGroups?: Record<
        string,
        { port: number; healthCheck?: { path?: pulumi.Input<string>; timeoutSeconds?: number } }
    >;
    mode?: "a" | "b";
}

describe("shape checks", () => {
    it("accept valid args, Outputs in pass-through fields included", () => {
        expect(shapeProblems(schema, { subnetIds: pulumi.output(["a", "b"]) })).toEqual([]);
        expect(
            shapeProblems(schema, { subnetIds: ["a", pulumi.output("b")], targetGroups: { api: { port: 80 } } }),
        ).toEqual([]);
    });

    it("name each bad field by path with the expected shape", () => {
        const problems = shapeProblems(schema, {
            internal: "false",
            subnetIds: null,
            targetGroups: { api: { port: 1.5, healtCheck: {} } },
            mode: "c",
        });
        expect(problems).toEqual(
            expect.arrayContaining([
                { propertyPath: "internal", reason: 'must be a boolean (true or false) (got the string "false")' },
                { propertyPath: "subnetIds", reason: "must be a list (got null)" },
                { propertyPath: "targetGroups.api.port", reason: "must be a whole number (got 1.5)" },
                { propertyPath: "targetGroups.api.healtCheck", reason: "unknown key; did you mean healthCheck?" },
                { propertyPath: "mode", reason: 'must be one of "a", "b" (got the string "c")' },
            ]),
        );
    });

    it("say a required field is missing, and that plan-time fields can't be Outputs", () => {
        const problems = shapeProblems(schema, { targetGroups: pulumi.output({}) });
        expect(problems.map((p) => p.propertyPath).sort()).toEqual(["subnetIds", "targetGroups"]);
        expect(problems.find((p) => p.propertyPath === "targetGroups")?.reason).toMatch(
            /must be known before deployment \(each key names a target group\)/,
        );
        expect(problems.find((p) => p.propertyPath === "subnetIds")?.reason).toMatch(/^is required/);
    });

    it("reject NaN and Infinity, and list limits", () => {
        const problems = shapeProblems(schema, {
            subnetIds: ["a"],
            targetGroups: { x: { port: Number.NaN }, y: { port: Infinity } },
        });
        expect(problems).toEqual(
            expect.arrayContaining([
                { propertyPath: "subnetIds", reason: "must have at least 2 entries (got 1)" },
                { propertyPath: "targetGroups.x.port", reason: "must be a finite number (got NaN)" },
            ]),
        );
        expect(problems.some((p) => p.propertyPath === "targetGroups.y.port")).toBe(true);
    });

    it("collect into the validator, and Validator.attempt swallows TypeErrors only after a shape failure", () => {
        const v = new Validator('Thing "x"');
        const ok = checkShape(v, schema, { subnetIds: "nope" });
        expect(ok).toBe(false);
        const result = v.attempt(ok, () => (null as unknown as { a: number }).a);
        expect(result).toBeUndefined();
        expect(() => v.throwIfAny()).toThrow(/subnetIds: must be a list/);
        expect(() => new Validator("y").attempt(true, () => (null as unknown as { a: number }).a)).toThrow(TypeError);
    });

    it("suggest near keys only", () => {
        expect(nearestKey("healtCheck", ["healthCheck", "port"])).toBe("healthCheck");
        expect(nearestKey("zzzzzz", ["healthCheck", "port"])).toBeUndefined();
    });

    it("the schema's type and the Args interface are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof schema>, Args> = true;
        expect(same).toBe(true);
    });
});

describe("closed objects stay zod objects", () => {
    it("obj() can be extended, and an Output for a whole object is one reason at its path", () => {
        const base = obj({ a: z.number() });
        const extended = base.extend({ b: z.string().optional() });
        expect(shapeProblems(extended, { a: 1, b: "x" })).toEqual([]);
        expect(shapeProblems(obj({ inner: base }), { inner: pulumi.output({ a: 1 }) })).toEqual([
            {
                propertyPath: "inner",
                reason: "must be known before deployment here (got an Output or a Promise); give its fields as Outputs instead",
            },
        ]);
    });
});

describe("Outputs in pass-through fields", () => {
    it("are accepted without the plain schema's checks reading them (each read of an Output makes a new one)", () => {
        const reads: PropertyKey[] = [];
        // An Output's proxy answers every property read; record which ones zod makes.
        const out = new Proxy(pulumi.output(["a", "b"]), {
            get(target, key, receiver) {
                reads.push(key);
                return Reflect.get(target, key, receiver);
            },
        });
        expect(shapeProblems(schema, { subnetIds: out })).toEqual([]);
        expect(reads).not.toContain("length");
    });

    it("isFullyKnown: true only when no Output or Promise is left at any depth", () => {
        expect(isFullyKnown([{ a: ["x", 1, null, undefined] }, "y"])).toBe(true);
        expect(isFullyKnown({ a: [{ b: pulumi.output("x") }] })).toBe(false);
        expect(isFullyKnown({ a: Promise.resolve(1) })).toBe(false);
        const cyclic: Record<string, unknown> = { x: 1 };
        cyclic.self = cyclic;
        expect(isFullyKnown(cyclic)).toBe(true);
    });
});

describe("a Promise where an object of optional fields belongs", () => {
    const s = obj({
        healthCheck: obj({ path: z.string().optional(), timeoutSeconds: int().optional() }).optional(),
        id: input(z.string()),
        extra: z.record(z.string(), z.string()).optional(),
    });

    it("is an error at its path (it parses as an empty object, and the defaults would silently win)", () => {
        const reason =
            "must be known before deployment here (got an Output or a Promise); give its fields as Outputs instead";
        expect(shapeProblems(s, { healthCheck: Promise.resolve({ path: "/ready" }), id: "a" })).toEqual([
            { propertyPath: "healthCheck", reason },
        ]);
        expect(shapeProblems(s, { id: "a", extra: Promise.resolve({ a: "b" }) })).toEqual([
            { propertyPath: "extra", reason },
        ]);
    });

    it("an Output or a Promise in a field that takes one is still fine", () => {
        expect(shapeProblems(s, { healthCheck: { path: "/ready" }, id: pulumi.output("a") })).toEqual([]);
        expect(shapeProblems(s, { id: Promise.resolve("a") })).toEqual([]);
    });
});
