import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Test files share their workers' module cache (isolate: false): importing @pulumi/aws and
    // @pulumi/kubernetes once per worker instead of once per file keeps the suite under half a
    // minute on 2 cores. This is safe because the Pulumi runtime's global state is reset by the
    // plan engine at the start of every run, and runs are serialised.
    pool: "forks",
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
