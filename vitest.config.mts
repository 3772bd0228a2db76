import * as fs from "node:fs";
import * as path from "node:path";
import { defineConfig } from "vitest/config";
import { bundleZod } from "./scripts/vendor-zod.mjs";

const root = path.dirname(new URL(import.meta.url).pathname);

// The tests run on the zod the package ships: the bundled subset (scripts/vendor-zod.mts).
const zod = path.join(root, "node_modules", ".cache", "compute-layer-zod", "zod.cjs");
bundleZod(`${zod}.${process.pid}.tmp`, root);
// Renamed into place, so a run that starts meanwhile never reads half a file.
fs.renameSync(`${zod}.${process.pid}.tmp`, zod);

export default defineConfig({
    resolve: {
        // The package root (src/index.js) loads each tier lazily through CommonJS `require`, which
        // can't load TypeScript inside Vitest's ES-module runner; the tests use its eager twin,
        // generated from the same list (scripts/gen-index.ts, checked fresh by a test).
        // The examples import the package by name, as users do.
        alias: [
            { find: /^(\.\.\/)+src$/, replacement: path.join(root, "src", "eager.ts") },
            { find: /^compute-layer$/, replacement: path.join(root, "src", "eager.ts") },
            { find: /^compute-layer\/plan$/, replacement: path.join(root, "src", "plan", "index.ts") },
            { find: /^zod$/, replacement: zod },
        ],
    },
    test: {
        include: ["tests/**/*.test.ts"],
        // Test files share their workers' module cache (isolate: false): importing @pulumi/aws and
        // @pulumi/kubernetes once per worker instead of once per file keeps the suite fast on 2
        // cores. This is safe because the Pulumi runtime's global state is reset by the plan engine
        // at the start of every run, and runs are serialised.
        pool: "forks",
        // Two workers on a 2-core machine (Vitest's default leaves one core idle): several tests wait
        // on a subprocess or on the type checker, so the second worker keeps the cores busy.
        maxWorkers: 2,
        isolate: false,
        testTimeout: 30_000,
        hookTimeout: 30_000,
    },
});
