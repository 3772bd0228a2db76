#!/usr/bin/env node
/**
 * The `compute-layer` command of the npm package (package.json `bin`):
 *
 *     npx compute-layer plan --program <entry.ts> [--stack <name>] [--config <Pulumi.x.yaml>] [--format tree|json|mermaid]
 *     npx compute-layer diff <base.json> <head.json> [--format text|markdown] [--fail-on delete]
 *
 * It runs compiled (dist/). The user's program (TypeScript or JavaScript, CommonJS or ES module)
 * and `--mocks` module are bundled by esbuild into a cached file and loaded as plain JavaScript:
 * no loader hooks, no TypeScript at run time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { deferUnusedSdkParts } from "./lean-sdk";
import { type Io, processIo, runAsProcess } from "./process";

export const BIN_USAGE = `usage:
  compute-layer plan --program <entry.ts> [--stack <name>] [--config <Pulumi.<stack>.yaml>] [--format tree|json|mermaid|cost] [--out FILE] [--mocks MODULE]
  compute-layer plan --stack <name> [...]        (in a Pulumi project: its main program and stacks)
  compute-layer diff <base.json> <head.json> [--format text|markdown] [--out FILE] [--fail-on delete|stateful-delete]
  compute-layer check <plan.json> | --stack <name> [--format text|json|markdown] [--out FILE] [--policy-config FILE]
  compute-layer cost <plan.json> | --stack <name> [--region REGION] [--usage FILE] [--format text|json|markdown] [--out FILE]

Without --config, plan reads Pulumi.<stack>.yaml next to the program, else in its Pulumi.yaml's
stackConfigDir, else runs with no config (--stack defaults to dev).

Exit codes: 0 done, 1 the program failed, 2 bad usage or input files, 3 --fail-on matched,
4 a mandatory policy violation (check).`;

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

/** The CLI, loaded on first use: `--help` and `--version` need no Pulumi. */
async function cli(): Promise<typeof import("./cli.js")> {
    // Before the SDK loads: its closure serialiser loads on first use only (see lean-sdk.ts).
    deferUnusedSdkParts(__dirname);
    const mod = (await import("./cli.js")) as Partial<typeof import("./cli.js")> & {
        default?: typeof import("./cli.js");
    };
    // A CommonJS module's names reach import() only where Node can detect them; `default` always has them.
    return (mod.COMMANDS ? mod : (mod.default ?? mod)) as typeof import("./cli.js");
}

/** Runs `compute-layer <command> ...` with the given io; returns the exit code. */
export async function run(argv: string[], io?: Io): Promise<number> {
    const [command, ...rest] = argv;
    const out = io ?? processIo();
    switch (command) {
        case "--version":
        case "-v":
            out.stdout(`${version()}\n`);
            return 0;
        case "--help":
        case "-h":
        case "help":
            out.stdout(`${BIN_USAGE}\n`);
            return 0;
    }
    if (command !== undefined && !command.startsWith("-")) {
        const { COMMANDS } = await cli();
        if (Object.hasOwn(COMMANDS, command)) return COMMANDS[command](rest, out);
    }
    out.stderr(`${command === undefined ? "a command is required" : `unknown command "${command}"`}\n${BIN_USAGE}\n`);
    return 2;
}

if (require.main === module) {
    void runAsProcess(
        (io) => run(process.argv.slice(2), io),
        async (e) => (await cli()).describeFailure(e),
    );
}
