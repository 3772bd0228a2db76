import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { renderJson } from "../../src/plan/render";
import { Plan, runPlan } from "../support";
import { SHOP_CONFIG, SHOP_PROGRAM, shopOptions } from "./diff-helpers";

/**
 * The `compute-layer` bin as the package ships it: compiled CommonJS that registers tsx and
 * then loads users' TypeScript programs. The files are transpiled here with the build's module
 * settings (node16: `import()` stays a real dynamic import), which takes a fraction of a
 * second; `npm run test:pack` checks the real packed package end to end.
 */

const root = path.resolve(__dirname, "../..");
const run = promisify(execFile);
let out: string;
let bin: string;

interface Result {
    code: number;
    stdout: string;
    stderr: string;
}

async function compute(...args: string[]): Promise<Result> {
    try {
        const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: out, maxBuffer: 32 * 1024 * 1024 });
        return { code: 0, stdout, stderr };
    } catch (e) {
        const err = e as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof err.code === "number" ? err.code : -1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
    }
}

beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "compute-layer-bin-"));
    const build = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8")) as { compilerOptions: { target: string; module: string } };
    expect(build.compilerOptions.module).toBe("node16");
    for (const dir of ["src/plan", "src/core"]) {
        fs.mkdirSync(path.join(out, dir), { recursive: true });
        for (const f of fs.readdirSync(path.join(root, dir)).filter((x) => x.endsWith(".ts"))) {
            const source = fs.readFileSync(path.join(root, dir, f), "utf8");
            const js = ts.transpileModule(source, {
                fileName: path.join(out, dir, f),
                compilerOptions: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
            });
            fs.writeFileSync(path.join(out, dir, f.replace(/\.ts$/, ".js")), js.outputText);
        }
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string; bin: Record<string, string> };
    fs.writeFileSync(path.join(out, "package.json"), JSON.stringify({ name: pkg.name, version: pkg.version }));
    fs.symlinkSync(path.join(root, "node_modules"), path.join(out, "node_modules"), "dir");
    // The bin the package.json names, relative to dist/.
    expect(pkg.bin["compute-layer"]).toBe("dist/src/plan/bin.js");
    bin = path.join(out, "src/plan/bin.js");
});

describe("the compute-layer bin (compiled)", () => {
    it("plans a TypeScript program outside stacks/, CommonJS and ESM, and diffs plans with exit codes", async () => {
        const head: Plan = await runPlan(SHOP_PROGRAM, { ...shopOptions(), config: { ...shopOptions().config, "shop:nodeGroups": ["general"] } });
        const headFile = path.join(out, "head.json");
        fs.writeFileSync(headFile, renderJson(head));
        const esmDir = path.join(root, "tests/fixtures/esm-program");
        const [cjs, esm, usage] = await Promise.all([
            compute("plan", "--program", SHOP_PROGRAM, "--config", SHOP_CONFIG, "--stack", "prod", "--format", "json", "--out", path.join(out, "base.json")),
            compute("plan", "--program", path.join(esmDir, "index.mts"), "--config", path.join(esmDir, "Pulumi.dev.yaml"), "--format", "mermaid"),
            compute("frobnicate"),
        ]);
        expect(cjs.stderr).toContain("plan written to");
        expect(cjs.code).toBe(0);
        const base = JSON.parse(fs.readFileSync(path.join(out, "base.json"), "utf8")) as Plan;
        expect(base.project).toBe("shop");
        expect(base.stack).toBe("prod");
        expect(base.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual(head.resources.map((r) => `${r.type}::${r.name}`).concat("aws:eks/nodeGroup:NodeGroup::shop-spot").sort());

        expect(esm.code).toBe(0);
        expect(esm.stdout.split("\n")[0]).toBe("flowchart LR");
        expect(esm.stdout).toContain('"HTTP API<br/>hello"');
        expect(esm.stdout).toContain('"Lambda function<br/>hello"');

        expect(usage.code).toBe(2);
        expect(usage.stderr).toContain('unknown command "frobnicate"');

        const [gate, bad] = await Promise.all([
            compute("diff", path.join(out, "base.json"), headFile, "--fail-on", "delete"),
            compute("diff", path.join(out, "base.json"), path.join(out, "package.json")),
        ]);
        expect(gate.code).toBe(3);
        expect(gate.stdout).toContain('  - aws:eks/nodeGroup:NodeGroup "shop-spot"');
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain(`${path.join(out, "package.json")}: not a plan JSON file`);
    });

    it("answers --help and --version", async () => {
        const [help, version] = await Promise.all([compute("--help"), compute("--version")]);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain("compute-layer plan --program <entry.ts> --config <Pulumi.<stack>.yaml>");
        expect(version.stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version);
    });
});
