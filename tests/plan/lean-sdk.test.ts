import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { DEFERRED } from "../../src/plan/lean-sdk";

const root = path.resolve(__dirname, "../..");
const sdk = path.join(root, "node_modules", "@pulumi", "pulumi");

/**
 * The plan commands defer the SDK's closure serialiser (npm's Arborist, TypeScript). The SDK's
 * load must not read them, and a program that does serialise a closure must still work. Runs in
 * a fresh process: the test workers loaded the SDK long ago.
 */
describe("deferUnusedSdkParts", () => {
    it("names files the installed SDK has", () => {
        for (const rel of Object.keys(DEFERRED)) expect(fs.existsSync(path.join(sdk, rel)), rel).toBe(true);
    });

    it("the SDK loads without Arborist or TypeScript, and serialises a closure and its packages when asked", async () => {
        // An empty package, so computing a closure's code paths reads one package.json.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lean-sdk-"));
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "closure", version: "1.0.0" }));
        const compiled = path.join(dir, "lean-sdk.cjs");
        const source = path.join(root, "src/plan/lean-sdk.ts");
        fs.writeFileSync(
            compiled,
            transformSync(fs.readFileSync(source, "utf8"), { loader: "ts", format: "cjs" }).code,
        );
        const script = `
            const installed = require(${JSON.stringify(compiled)}).deferUnusedSdkParts(${JSON.stringify(root)});
            const loaded = (part) => Object.keys(require.cache).some((f) => f.includes(part));
            const parts = ["/@npmcli/arborist/", "/typescript/lib/typescript.js"];
            const pulumi = require(${JSON.stringify(sdk)});
            require(${JSON.stringify(path.join(root, "node_modules", "@pulumi", "aws"))});
            const atLoad = parts.filter(loaded);
            (async () => {
                const f = await pulumi.runtime.serializeFunction(() => 6 * 7);
                const paths = await pulumi.runtime.computeCodePaths({ extraIncludePaths: [], extraIncludePackages: [], extraExcludePackages: [] });
                process.stdout.write(JSON.stringify({ installed, atLoad, afterUse: parts.filter(loaded), text: f.text, codePaths: paths.size }));
            })();`;
        const run = await promisify(execFile)(process.execPath, ["-e", script], { cwd: dir, timeout: 60_000 });
        fs.rmSync(dir, { recursive: true, force: true });
        const r = JSON.parse(run.stdout) as {
            installed: boolean;
            atLoad: string[];
            afterUse: string[];
            text: string;
            codePaths: number;
        };
        expect(r.installed).toBe(true);
        expect(r.atLoad).toEqual([]);
        // Serialising a closure parses it with TypeScript, and its packages are found with Arborist: each loaded on first use.
        expect(r.afterUse).toEqual(["/@npmcli/arborist/", "/typescript/lib/typescript.js"]);
        expect(r.text).toContain("6 * 7");
        expect(r.codePaths).toBe(0);
    });
});
