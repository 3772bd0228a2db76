import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "../../src/core";

const root = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) return sources(file);
        return e.name.endsWith(".ts") ? [file] : [];
    });
}

/** The package runs a bundled subset of zod (scripts/vendor-zod.mts); the tests run on the same subset. */
describe("the zod subset the package ships", () => {
    it("is what the tests run on", async () => {
        const { ZOD_RUNTIME } = await import("../../scripts/vendor-zod.mjs");
        expect(Object.keys(z).sort()).toEqual([...ZOD_RUNTIME].sort());
    });

    it("holds every zod function and class the library uses as a value", async () => {
        const { ZOD_RUNTIME } = await import("../../scripts/vendor-zod.mjs");
        const used = new Set<string>();
        for (const dir of ["src", "components", "stacks", "policy"]) {
            for (const file of sources(path.join(root, dir))) {
                const text = fs.readFileSync(file, "utf8");
                for (const m of text.matchAll(/\bz\.([A-Za-z_$][\w$]*)\s*\(/g)) used.add(m[1]);
                for (const m of text.matchAll(/instanceof\s+z\.([A-Za-z_$][\w$]*)/g)) used.add(m[1]);
            }
        }
        expect(used.size).toBeGreaterThan(10);
        expect([...used].filter((n) => !(ZOD_RUNTIME as readonly string[]).includes(n))).toEqual([]);
    });
});
