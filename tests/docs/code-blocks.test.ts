import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { writeBlocks } from "./code-blocks";

const root = path.resolve(__dirname, "../..");

describe("every TypeScript block in the docs compiles (README, component pages, examples)", () => {
    it("type-checks each block: whole programs as written, fragments against the declared context", async () => {
        const dir = path.join(root, "node_modules", ".cache", "compute-layer-doc-blocks");
        const blocks = writeBlocks(dir);
        expect(blocks.size).toBeGreaterThan(10);
        const tsgo = path.join(root, "node_modules", ".bin", "tsgo");
        const result = await promisify(execFile)(tsgo, ["-p", path.join(dir, "tsconfig.json"), "--pretty", "false"], {
            cwd: root,
            timeout: 90_000,
        }).then(
            () => "",
            (e: { stdout?: string }) => e.stdout ?? String(e),
        );
        // Map each error back to its page and line.
        const errors = result
            .split("\n")
            .filter((l) => /^\S+\(\d+,\d+\): error/.test(l))
            .map((l) => {
                const m = /([^/\\\\]+\.ts)\((\d+),\d+\): (error .*)$/.exec(l);
                const block = m ? blocks.get(m[1]) : undefined;
                return block ? `${path.relative(root, block.file)}:${block.line}: ${m?.[3]}` : l;
            });
        expect(errors).toEqual([]);
    }, 120_000);
});
