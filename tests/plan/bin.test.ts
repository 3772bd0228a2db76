import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { renderJson } from "../../src/plan/render";
import { type Plan, runPlan } from "../support";
import { binCli } from "../support/cli";
import { SHOP_CONFIG, SHOP_PROGRAM, shopOptions } from "./diff-helpers";

/**
 * The `compute-layer` bin: its commands in-process (`run` with captured output), and one real
 * subprocess of the compiled bin as the package ships it (CommonJS from tsc's node16 output,
 * loading a user's ES-module TypeScript program through the cached esbuild bundle).
 * `npm run test:pack` checks the real packed package end to end.
 */

const root = path.resolve(__dirname, "../..");
const fixtures = path.join(root, "tests/fixtures");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "compute-layer-bin-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the compute-layer bin", () => {
    it("plans a TypeScript program outside stacks/, CommonJS and ESM, and diffs plans with exit codes", async () => {
        const head: Plan = await runPlan(SHOP_PROGRAM, {
            ...shopOptions(),
            config: { ...shopOptions().config, "shop:nodeGroups": ["general"] },
        });
        const headFile = path.join(scratch, "head.json");
        fs.writeFileSync(headFile, renderJson(head));
        const baseFile = path.join(scratch, "base.json");
        const cjs = await binCli(
            [
                "plan",
                "--program",
                SHOP_PROGRAM,
                "--config",
                SHOP_CONFIG,
                "--stack",
                "prod",
                "--format",
                "json",
                "--out",
                baseFile,
            ],
            scratch,
        );
        expect(cjs.code, cjs.stderr).toBe(0);
        expect(cjs.stderr).toContain("plan written to");
        const base = JSON.parse(fs.readFileSync(baseFile, "utf8")) as Plan;
        expect(base.project).toBe("shop");
        expect(base.stack).toBe("prod");
        expect(base.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual(
            head.resources
                .map((r) => `${r.type}::${r.name}`)
                .concat("aws:eks/nodeGroup:NodeGroup::shop-spot")
                .sort(),
        );

        const esmDir = path.join(fixtures, "esm-program");
        const esm = await binCli(
            [
                "plan",
                "--program",
                path.join(esmDir, "index.mts"),
                "--config",
                path.join(esmDir, "Pulumi.dev.yaml"),
                "--format",
                "mermaid",
            ],
            scratch,
        );
        expect(esm.code, esm.stderr).toBe(0);
        expect(esm.stdout.split("\n")[0]).toBe("flowchart LR");
        expect(esm.stdout).toContain('"HTTP API<br/>hello"');

        const gate = await binCli(["diff", baseFile, headFile, "--fail-on", "delete"], scratch);
        expect(gate.code).toBe(3);
        expect(gate.stdout).toContain('  - aws:eks/nodeGroup:NodeGroup "shop-spot"');
        const notAPlan = path.join(scratch, "package.json");
        fs.writeFileSync(notAPlan, "{}");
        const bad = await binCli(["diff", baseFile, notAPlan], scratch);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain(`${notAPlan}: not a plan JSON file`);
    });

    it("refuses an unknown command or none with exit code 2, and answers --help and --version without Pulumi", async () => {
        const usage = await binCli(["frobnicate"]);
        expect(usage.code).toBe(2);
        expect(usage.stderr).toContain('unknown command "frobnicate"');
        expect((await binCli([])).code).toBe(2);
        expect((await binCli(["--stack", "dev"])).code).toBe(2);
        const help = await binCli(["--help"]);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain(
            "compute-layer plan --program <entry.ts> [--stack <name>] [--config <Pulumi.<stack>.yaml>]",
        );
        expect((await binCli(["--version"])).stdout.trim()).toBe(
            (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version,
        );
    });

    describe("plan --program <file> --stack <name>", () => {
        it("finds Pulumi.<stack>.yaml next to the program", async () => {
            const r = await binCli(
                [
                    "plan",
                    "--program",
                    path.join(fixtures, "plan-program/index.ts"),
                    "--stack",
                    "test",
                    "--format",
                    "json",
                ],
                scratch,
            );
            expect(r.code, r.stderr).toBe(0);
            const plan = JSON.parse(r.stdout) as Plan;
            expect(plan.project).toBe("fixture-app");
            expect(plan.resources.find((x) => x.type === "aws:sqs/queue:Queue")?.inputs.name).toBe("orders");
        });

        it("finds it in the stackConfigDir of the program's Pulumi.yaml", async () => {
            const r = await binCli(
                [
                    "plan",
                    "--program",
                    path.join(fixtures, "config-dir-program/index.ts"),
                    "--stack",
                    "staging",
                    "--format",
                    "json",
                ],
                scratch,
            );
            expect(r.code, r.stderr).toBe(0);
            const plan = JSON.parse(r.stdout) as Plan;
            expect(plan.project).toBe("cfgdir");
            expect(plan.stack).toBe("staging");
            expect(plan.outputs.url).toBe("https://sqs.eu-central-1.amazonaws.com/123456789012/from-stack-config-dir");
        });

        it("works with no config at all when the program reads none", async () => {
            const r = await binCli(
                ["plan", "--program", path.join(fixtures, "no-config-program/index.ts"), "--stack", "prod"],
                scratch,
            );
            expect(r.code, r.stderr).toBe(0);
            expect(r.stdout.split("\n")[0]).toBe("bare (stack prod)");
            expect(r.stdout).toContain("aws:sns/topic:Topic  events");
        });

        it("fails, naming the resource and the path, when a file archive does not exist", async () => {
            const r = await binCli(
                ["plan", "--program", path.join(fixtures, "failing-program/missing-archive.ts")],
                scratch,
            );
            expect(r.code).toBe(1);
            expect(r.stderr).toContain(
                `aws:lambda/function:Function "handler": code points at ${path.join(fixtures, "failing-program/no-such-folder")}, which does not exist`,
            );
        });
    });
});

/**
 * The bin's folders compiled into `out` the way the build's CommonJS output behaves (transpiled by
 * esbuild for speed; `import()` kept a real dynamic import, as tsc's node16 output keeps it).
 */
function compile(out: string): string {
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
            const rel = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== "node_modules") walk(rel);
            } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
                const js = esbuild.transformSync(fs.readFileSync(path.join(root, rel), "utf8"), {
                    loader: "ts",
                    format: "cjs",
                    target: "node20",
                    supported: { "dynamic-import": true },
                });
                fs.mkdirSync(path.join(out, dir), { recursive: true });
                fs.writeFileSync(path.join(out, rel.replace(/\.ts$/, ".js")), js.code);
            } else if (
                /\.(json|js)$/.test(entry.name) &&
                entry.name !== "package.json" &&
                entry.name !== "package-lock.json"
            ) {
                // tsc copies the JSON modules it imports (price table, IAM policy documents); the root is plain JS.
                fs.mkdirSync(path.join(out, dir), { recursive: true });
                fs.copyFileSync(path.join(root, rel), path.join(out, rel));
            }
        }
    };
    for (const dir of ["src", "components", "policy"]) if (fs.existsSync(path.join(root, dir))) walk(dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        name: string;
        version: string;
        bin: Record<string, string>;
    };
    fs.writeFileSync(path.join(out, "package.json"), JSON.stringify({ name: pkg.name, version: pkg.version }));
    fs.symlinkSync(path.join(root, "node_modules"), path.join(out, "node_modules"), "dir");
    expect(pkg.bin["compute-layer"]).toBe("dist/src/plan/bin.js");
    return path.join(out, "src/plan/bin.js");
}

describe("the compiled bin, as a process", () => {
    it("plans an ES-module TypeScript program with the config next to it and exits 0 after printing it all", async () => {
        const out = path.join(scratch, "compiled");
        const bin = compile(out);
        const { stdout } = await promisify(execFile)(
            process.execPath,
            [
                bin,
                "plan",
                "--program",
                path.join(fixtures, "esm-program/index.mts"),
                "--stack",
                "dev",
                "--format",
                "mermaid",
            ],
            {
                cwd: out,
                maxBuffer: 32 * 1024 * 1024,
            },
        );
        expect(stdout.split("\n")[0]).toBe("flowchart LR");
        expect(stdout).toContain('"Lambda function<br/>hello"');
    }, 60_000);
});
