import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findComponents } from "../../scripts/docs";
import { renderIndex } from "../../scripts/gen-index";

const root = path.resolve(__dirname, "../..");
const run = promisify(execFile);

interface Count {
    modules: number;
    ms: number;
    kubernetes: boolean;
    eks: boolean;
    yaml: boolean;
    planEngine: boolean;
}

async function count(what: string, member?: string): Promise<Count> {
    const args = [path.join(__dirname, "count-modules.cjs"), what, ...(member ? [member] : [])];
    const { stdout } = await run(process.execPath, args, { cwd: root, timeout: 60_000 });
    return JSON.parse(stdout) as Count;
}

describe("the package root (issue 20: a lean root import)", () => {
    it("is generated from the components (src/index.js, src/index.d.ts, src/eager.ts are fresh)", () => {
        const { lazy, types, eager } = renderIndex();
        expect(fs.readFileSync(path.join(root, "src/index.js"), "utf8")).toBe(lazy);
        expect(fs.readFileSync(path.join(root, "src/index.d.ts"), "utf8")).toBe(types);
        expect(fs.readFileSync(path.join(root, "src/eager.ts"), "utf8")).toBe(eager);
    });

    it("ESM importers see every component as a named export (Node's own cjs-module-lexer reads the getters)", async () => {
        // The lexer's ES module build runs on WebAssembly: initialise it first.
        const api = await import("cjs-module-lexer");
        api.initSync();
        const { exports } = api.parse(fs.readFileSync(path.join(root, "src/index.js"), "utf8"));
        const classes = findComponents(root).map((c) => c.className);
        expect([...exports].sort()).toEqual(["__esModule", ...classes].sort());
    });

    it("loads nothing until a component is used, and then only its tier: ApplicationLoadBalancer ≈ @pulumi/aws alone", async () => {
        const [bare, alb, aws] = await Promise.all([
            count("src/index.js"),
            count("src/index.js", "ApplicationLoadBalancer"),
            count("@pulumi/aws"),
        ]);
        expect(bare.modules).toBeLessThan(5);
        expect(alb).toMatchObject({ kubernetes: false, eks: false, yaml: false, planEngine: false });
        // The lb tier, src/core (zod for the shape checks) and the scaling vocabulary, over @pulumi/aws.
        expect(alb.modules / aws.modules).toBeLessThan(1.15);
    }, 90_000);
});
