import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadStackConfig } from "../../src/plan/config";
import { runPlan } from "../support";

const root = path.resolve(__dirname, "../..");

/**
 * `pulumi up` loads the program with @pulumi/pulumi's own TypeScript path (tsutils → the project's
 * TypeScript and the vendored ts-node, registered with the project's tsconfig, then `require` and
 * call the default export), not with the loaders the tests and the plan CLI use. This keeps that
 * path working: the same stack, loaded both ways, registers the same resources.
 * PULUMI_NODEJS_TRANSPILE_ONLY=true, as the CI workflows set it (the CI job type-checks first).
 */
describe("the program loads the way `pulumi up` loads it", () => {
    it("dev: ts-node registration, require, call the default export; same resources as the offline plan", async () => {
        const run = await promisify(execFile)(process.execPath, [path.join(__dirname, "pulumi-up-load.cjs"), "dev"], {
            cwd: root,
            env: { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
            timeout: 90_000,
        });
        const loaded = JSON.parse(run.stdout) as {
            tsnode: string;
            typescript: string;
            resources: number;
            error?: string;
        };
        expect(loaded.error).toBeUndefined();
        // The project has no ts-node of its own, so Pulumi's vendored one is what `pulumi up` uses.
        expect(loaded.tsnode).toMatch(/vendor[\\/]ts-node@7\.0\.1$/);
        expect(Number(loaded.typescript.split(".")[0])).toBeLessThan(7);

        const { config, secretKeys } = loadStackConfig(path.join(root, "stacks/Pulumi.dev.yaml"), "compute-layer");
        const offline = await runPlan(path.join(root, "stacks/index.ts"), {
            project: "compute-layer",
            stack: "dev",
            config,
            secretKeys,
        });
        expect(loaded.resources).toBe(offline.resources.length);
        expect(loaded.resources).toBeGreaterThan(20);
    }, 100_000);
});
