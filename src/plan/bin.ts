#!/usr/bin/env node
/**
 * The `compute-layer` command of the npm package (package.json `bin`):
 *
 *     npx compute-layer plan --program <entry.ts> --config <Pulumi.x.yaml> [--format tree|json|mermaid]
 *     npx compute-layer diff <base.json> <head.json> [--format text|markdown] [--fail-on delete]
 *
 * It runs compiled (dist/), so it registers tsx first: the plan engine `import()`s the user's
 * TypeScript program (CommonJS or ESM) and `--mocks` module as they are.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { register as registerCjs } from "tsx/cjs/api";

const USAGE = `usage:
  compute-layer plan --program <entry.ts> --config <Pulumi.<stack>.yaml> [--stack <name>] [--format tree|json|mermaid] [--out FILE] [--mocks MODULE]
  compute-layer plan --stack <name> [...]        (in a Pulumi project: its main program and stacks)
  compute-layer diff <base.json> <head.json> [--format text|markdown] [--out FILE] [--fail-on delete|stateful-delete]
  compute-layer check <plan.json> | --stack <name> [--format text|json|markdown] [--out FILE] [--policy-config FILE]

Exit codes: 0 done, 1 the program failed, 2 bad usage or input files, 3 --fail-on matched, 4 a mandatory policy violation.`;

let registered = false;

/** Lets Node load .ts files through both module systems (once per process). */
export async function registerTypeScript(): Promise<void> {
    if (registered) return;
    registered = true;
    registerCjs();
    // The ES-module build of tsx's API: its CommonJS build (tsx 4.23) resolves its loader
    // against the wrong folder. This `import()` stays a real dynamic import in the compiled file.
    const { register } = await import("tsx/esm/api");
    register();
}

/** The version in the package.json above this file. */
function version(): string {
    let dir = __dirname;
    for (;;) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "compute-layer") return pkg.version ?? "unknown";
        }
        const up = path.dirname(dir);
        if (up === dir) return "unknown";
        dir = up;
    }
}

/** The CLI, loaded on first use: `--help` and `--version` need neither Pulumi nor tsx. */
function cli(): typeof import("./cli") {
    return require("./cli") as typeof import("./cli");
}

/** Runs `compute-layer <command> ...`; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "plan":
            await registerTypeScript();
            return cli().main(rest);
        case "diff":
            return cli().main(["diff", ...rest]);
        case "check":
            if (rest.some((a) => a.startsWith("--stack") || a.startsWith("--program"))) await registerTypeScript();
            return (require("./check-cli") as typeof import("./check-cli")).main(rest);
        case "--version":
        case "-v":
            process.stdout.write(`${version()}\n`);
            return 0;
        case "--help":
        case "-h":
        case "help":
            process.stdout.write(`${USAGE}\n`);
            return 0;
        default:
            process.stderr.write(`${command === undefined ? "a command is required" : `unknown command "${command}"`}\n${USAGE}\n`);
            return 2;
    }
}

if (require.main === module) {
    run(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e) => {
            process.stderr.write(`${String(e)}\n`);
            process.exit(1);
        },
    );
}
