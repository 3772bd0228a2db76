import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { childName, defaultTags, physicalName, shortHash, Validator, validateTags } from "../../src/core";

describe("physicalName", () => {
    it("keeps short names as they are", () => {
        expect(physicalName(["dev", "web"], { maxLength: 32 })).toBe("dev-web");
    });

    it("never exceeds the limit and stays deterministic and valid", () => {
        fc.assert(
            fc.property(
                fc.array(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 4 }),
                fc.integer({ min: 8, max: 64 }),
                (parts, max) => {
                    const a = physicalName(parts, { maxLength: max });
                    const b = physicalName(parts, { maxLength: max });
                    return (
                        a === b &&
                        a.length <= max &&
                        /^[a-zA-Z0-9-]*$/.test(a) &&
                        !a.startsWith("-") &&
                        !a.endsWith("-")
                    );
                },
            ),
        );
    });

    it("gives two long names with the same prefix different results", () => {
        const long = "a-very-long-production-stack-name-for-the-platform";
        const a = physicalName([long, "api"], { maxLength: 32 });
        const b = physicalName([long, "admin"], { maxLength: 32 });
        expect(a).not.toBe(b);
        expect(a.length).toBeLessThanOrEqual(32);
    });

    it("changes with the discriminator, so a replacement gets a new name", () => {
        const a = physicalName(["dev", "api"], { maxLength: 32, discriminator: [80, "HTTP"] });
        const b = physicalName(["dev", "api"], { maxLength: 32, discriminator: [8080, "HTTP"] });
        expect(a).not.toBe(b);
        expect(a.startsWith("dev-api-")).toBe(true);
    });

    it("shortHash is stable and sized", () => {
        expect(shortHash(["x"])).toHaveLength(7);
        expect(shortHash(["x"], 12)).toBe(shortHash(["x"], 12));
    });

    it("childName joins with dashes", () => {
        expect(childName("web", "tg", "api")).toBe("web-tg-api");
    });
});

describe("tags", () => {
    it("merges defaults under the user's tags", () => {
        expect(defaultTags("web", { team: "sre" })).toEqual({
            "managed-by": "compute-layer",
            component: "web",
            team: "sre",
        });
        expect(defaultTags("web")).toEqual({ "managed-by": "compute-layer", component: "web" });
    });

    it("rejects reserved prefixes, long keys and values, and too many tags", () => {
        const v = new Validator("x");
        const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
        validateTags(v, { "aws:owner": "x", ["k".repeat(129)]: "v", long: "v".repeat(257) });
        validateTags(v, many);
        const paths = v.problems.map((p) => p.propertyPath);
        expect(paths).toEqual(["tags.aws:owner", `tags.${"k".repeat(129)}`, "tags.long", "tags"]);
    });
});
