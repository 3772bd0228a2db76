import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The Pulumi runtime keeps global state; each test file runs in its own fork, and the
    // plan engine serialises runs inside a file.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
