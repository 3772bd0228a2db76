#!/usr/bin/env node
import * as fs from "node:fs";
import * as path from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { listStacks, loadStackConfig, readProjectName, stackConfigFile } from "./config";
import { capturePlan } from "./engine";
import { loadProgramModule, mapStack } from "./load";
import type { MockAnswers } from "./mocks";
import type { Io } from "./process";
import { processIo, runAsProcess } from "./process";
import { renderJson, renderTree } from "./render";
import type { Plan } from "./types";

/**
 * The `plan` command line (`npm run plan -- …` in this repo, `compute-layer plan|diff …` from the
 * package). Every command is a function of its arguments and an {@link Io}, so tests run them
 * in-process with the output captured; {@link runAsProcess} is the only part that touches the
 * real process: it waits for stdout and stderr to drain before exiting with the command's code.
 *
 * Exit codes: 0 done; 1 the program failed; 2 bad usage or a bad input file; 3 `--fail-on` matched.
 */

/** A CLI failure with its exit code: 2 for bad usage or input, 1 for a failing program. */
export class CliError extends Error {
    constructor(
        message: string,
        readonly exitCode: number,
    ) {
        super(message);
    }
}

export type { Io } from "./process";
export { runAsProcess } from "./process";

/** A subcommand: its arguments (after its name) and the io; returns the exit code. */
export type Command = (argv: string[], io: Io) => Promise<number>;

export const USAGE = `usage:
  plan --stack <name> [--format tree|json|mermaid|cost] [--out FILE] [--mocks MODULE]
  plan --program <entry.ts> [--stack <name>] [--config <Pulumi.x.yaml>] [--format tree|json|mermaid|cost] [--out FILE] [--mocks MODULE]
  plan diff <base.json> <head.json> [--format text|markdown] [--out FILE] [--fail-on delete|stateful-delete]
  plan check <plan.json> | --stack <name> [--format text|json|markdown]
  plan cost <plan.json> | --stack <name> [--region REGION] [--usage FILE] [--format text|json|markdown]`;

const PLAN_FORMATS = ["tree", "json", "mermaid", "cost"];

interface Project {
    root: string;
    name: string;
    main: string;
    stackConfigDir: string;
    file: string;
}

/** Reads a YAML file the CLI was given; a syntax error is a bad input file (exit 2) naming it and its flag. */
function readYaml(file: string, flag: string): unknown {
    try {
        return parse(fs.readFileSync(file, "utf8")) ?? {};
    } catch (e) {
        throw new CliError(`${flag} ${file}: not valid YAML: ${(e as Error).message}`, 2);
    }
}

/** Finds the Pulumi project (Pulumi.yaml) at or above `dir`. */
export function findProject(dir: string): Project | undefined {
    let cur = path.resolve(dir);
    for (;;) {
        const file = path.join(cur, "Pulumi.yaml");
        if (fs.existsSync(file)) {
            const doc = readYaml(file, "project file") as { name?: string; main?: string; stackConfigDir?: string };
            let name: string;
            try {
                name = readProjectName(file);
            } catch (e) {
                throw new CliError((e as Error).message, 2);
            }
            return {
                root: cur,
                name,
                main: path.resolve(cur, doc.main ?? "index.ts"),
                stackConfigDir: path.resolve(cur, doc.stackConfigDir ?? "."),
                file,
            };
        }
        const up = path.dirname(cur);
        if (up === cur) return undefined;
        cur = up;
    }
}

async function loadMocks(file: string | undefined, cwd: string): Promise<MockAnswers | undefined> {
    if (!file) return undefined;
    const abs = path.resolve(cwd, file);
    if (!fs.existsSync(abs)) throw new CliError(`--mocks ${file}: no such file`, 2);
    let mod: { default?: MockAnswers } & MockAnswers;
    try {
        mod = (await loadProgramModule(abs)) as typeof mod;
    } catch (e) {
        throw new CliError(`--mocks ${file}: cannot be loaded: ${describeFailure(e)}`, 2);
    }
    const answers = mod.calls || mod.resources ? mod : mod.default;
    if (!answers || (!answers.calls && !answers.resources))
        throw new CliError(`--mocks ${file}: a mocks module exports "calls" and/or "resources"`, 2);
    return answers;
}

/**
 * Describes a program's failure for the terminal: every invalid input on its own line; an
 * unexpected error with its stack, mapped to the program's sources; anything else thrown as it is.
 */
export function describeFailure(error: unknown): string {
    if (pulumi.InputPropertiesError.isInstance(error)) return error.message;
    if (error instanceof Error) {
        const frames = (error.stack ?? "")
            .split("\n")
            .slice(1)
            .filter(
                (l) =>
                    /^\s+at /.test(l) &&
                    !l.includes("node:internal") &&
                    (!l.includes("node_modules") || l.includes(".cache/compute-layer-plan")),
            );
        return frames.length > 0 ? `${error.message}\n${mapStack(frames.slice(0, 8).join("\n"))}` : error.message;
    }
    if (error === undefined) return "it threw undefined";
    if (typeof error === "string") return error;
    try {
        return `it threw ${JSON.stringify(error) ?? String(error)}`;
    } catch {
        return `it threw ${String(error)}`;
    }
}

/** Parses a command's flags; a bad flag is a usage error (exit 2). */
export function parse_(config: ParseArgsConfig): { values: Record<string, unknown>; positionals: string[] } {
    try {
        return parseArgs(config);
    } catch (e) {
        throw new CliError(`${(e as Error).message}\n${USAGE}`, 2);
    }
}

/** Which program, config, project and stack `plan` runs, from its flags. */
function resolveTarget(
    v: { stack?: string; program?: string; config?: string },
    cwd: string,
): { program: string; configFile?: string; configFlag: string; project: string; stack: string } {
    if (v.program) {
        const program = path.resolve(cwd, v.program);
        if (!fs.existsSync(program)) throw new CliError(`--program ${v.program}: no such file`, 2);
        const proj = findProject(path.dirname(program));
        if (v.config) {
            const configFile = path.resolve(cwd, v.config);
            if (!fs.existsSync(configFile)) throw new CliError(`--config ${v.config}: no such file`, 2);
            const stack = v.stack ?? /^Pulumi\.(.+)\.yaml$/.exec(path.basename(configFile))?.[1] ?? "dev";
            return {
                program,
                configFile,
                configFlag: "--config",
                project:
                    findProject(path.dirname(configFile))?.name ?? proj?.name ?? path.basename(path.dirname(program)),
                stack,
            };
        }
        // No --config: Pulumi.<stack>.yaml next to the program, else in its project's stackConfigDir; none is fine.
        const stack = v.stack ?? "dev";
        const candidates = [
            stackConfigFile(path.dirname(program), stack),
            ...(proj ? [stackConfigFile(proj.stackConfigDir, stack)] : []),
        ];
        const configFile = candidates.find((f) => fs.existsSync(f));
        return {
            program,
            configFile,
            configFlag: `the config of --stack ${stack}`,
            project: proj?.name ?? path.basename(path.dirname(program)),
            stack,
        };
    }
    const proj = findProject(cwd);
    if (!proj) throw new CliError(`no Pulumi.yaml at or above ${cwd}`, 2);
    const stacks = listStacks(proj.stackConfigDir);
    if (!v.stack) throw new CliError(`--stack is required; stacks: ${stacks.join(", ") || "none"}\n${USAGE}`, 2);
    if (!stacks.includes(v.stack)) {
        throw new CliError(
            `unknown stack "${v.stack}": there is no ${path.relative(cwd, stackConfigFile(proj.stackConfigDir, v.stack))}; stacks: ${stacks.join(", ") || "none"}`,
            2,
        );
    }
    return {
        program: proj.main,
        configFile: stackConfigFile(proj.stackConfigDir, v.stack),
        configFlag: `--stack ${v.stack}`,
        project: proj.name,
        stack: v.stack,
    };
}

/** Runs `plan` with argv (after the script name); returns the plan and what to print. */
export async function planCommand(
    argv: string[],
    cwd = process.cwd(),
): Promise<{ plan: Plan; text: string; out?: string }> {
    const parsed = parse_({
        args: argv,
        options: {
            stack: { type: "string" },
            program: { type: "string" },
            config: { type: "string" },
            format: { type: "string", default: "tree" },
            out: { type: "string" },
            mocks: { type: "string" },
        },
        allowPositionals: false,
    });
    const v = parsed.values as unknown as {
        stack?: string;
        program?: string;
        config?: string;
        format: string;
        out?: string;
        mocks?: string;
    };
    if (!PLAN_FORMATS.includes(v.format))
        throw new CliError(`--format must be tree, json, mermaid or cost (got ${v.format})\n${USAGE}`, 2);
    const target = resolveTarget(v, cwd);
    let stackConfig = { config: {} as Record<string, string>, secretKeys: [] as string[] };
    if (target.configFile) {
        try {
            stackConfig = loadStackConfig(target.configFile, target.project);
        } catch (e) {
            const message = (e as Error).message;
            throw new CliError(
                `${target.configFlag}: ${message.startsWith(target.configFile) ? message : `${target.configFile}: ${message}`}`,
                2,
            );
        }
    }
    const mocks = await loadMocks(v.mocks, cwd);
    const { plan, error, failed } = await capturePlan(target.program, {
        project: target.project,
        stack: target.stack,
        config: stackConfig.config,
        secretKeys: stackConfig.secretKeys,
        mocks,
    });
    if (failed) throw new CliError(`the program failed: ${describeFailure(error)}`, 1);
    const text =
        v.format === "json"
            ? renderJson(plan)
            : v.format === "mermaid"
              ? (await onUse(import("./mermaid.js"), "renderMermaid")).renderMermaid(plan)
              : v.format === "cost"
                ? await costText(plan)
                : renderTree(plan);
    return { plan, text, out: v.out };
}

/** Writes a command's result: to `--out` (an unwritable file is exit 2, naming it), else to stdout. */
export function writeResult(text: string, out: string | undefined, what: string, io: Io): void {
    if (out) {
        const abs = path.resolve(io.cwd, out);
        try {
            fs.mkdirSync(path.dirname(abs), { recursive: true });
            fs.writeFileSync(abs, `${text}\n`);
        } catch (e) {
            throw new CliError(`--out ${out}: cannot write the ${what}: ${(e as Error).message}`, 2);
        }
        io.stderr(`${what} written to ${out}\n`);
    } else {
        io.stdout(`${text}\n`);
    }
}

/** Runs a command body, turning its errors into a message on stderr and an exit code. */
export async function guarded(io: Io, body: () => Promise<number>): Promise<number> {
    try {
        return await body();
    } catch (e) {
        if (e instanceof CliError) {
            io.stderr(`${e.message}\n`);
            return e.exitCode;
        }
        io.stderr(`the program failed: ${describeFailure(e)}\n`);
        return 1;
    }
}

const planMain: Command = (argv, io) =>
    guarded(io, async () => {
        const { text, out } = await planCommand(argv, io.cwd);
        writeResult(text, out, "plan", io);
        return 0;
    });

/**
 * The subcommands, by name: `plan diff …`, `compute-layer diff …`. Add one line per command
 * (e.g. `check`, `cost`); `plan` is the default for `npm run plan -- --stack …`.
 */
export const COMMANDS: Record<string, Command> = {
    plan: planMain,
    // Loaded on use: a plan loads neither the diff, the policy pack nor the price table.
    diff: async (argv, io) => (await onUse(import("./diff-cli.js"), "diffMain")).diffMain(argv, io),
    check: async (argv, io) => (await onUse(import("./check-cli.js"), "checkMain")).checkMain(argv, io),
    cost: async (argv, io) => (await onUse(import("./cost/command.js"), "costMain")).costMain(argv, io),
};

/**
 * A module of this folder imported on first use. Compiled to CommonJS, its names reach
 * `import()` where Node's lexer finds them, and always under `default`.
 */
export async function onUse<T extends object>(mod: Promise<T | { default: T }>, name: keyof T): Promise<T> {
    const m = (await mod) as T & { default?: T };
    return name in m ? m : (m.default as T);
}

/** `--format cost`: the plan's monthly cost estimate (text), at its region's prices. */
async function costText(plan: Plan): Promise<string> {
    const { estimateOrFail, renderCost } = await onUse(import("./cost/command.js"), "estimateOrFail");
    return renderCost(estimateOrFail(plan, plan.region ?? "us-east-1", {}), "text").trimEnd();
}

/** The CLI entry: `[plan] …` or `<command> …` from {@link COMMANDS}; returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
    const [first, ...rest] = argv;
    if (first !== undefined && Object.hasOwn(COMMANDS, first)) return COMMANDS[first](rest, io);
    return planMain(argv, io);
}

if (require.main === module) {
    void runAsProcess((io) => main(process.argv.slice(2), io), describeFailure);
}
