#!/usr/bin/env node
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { listStacks, loadStackConfig, readProjectName, stackConfigFile } from "./config";
import { diffExitCode, diffPlans, FailOn, PlanFileError, readPlanFile, renderDiffMarkdown, renderDiffText } from "./diff";
import { capturePlan } from "./engine";
import { renderMermaid } from "./mermaid";
import type { MockAnswers } from "./mocks";
import { renderJson, renderTree } from "./render";
import type { Plan } from "./types";

/** A CLI failure with its exit code: 2 for bad usage or input, 1 for a failing program. */
export class CliError extends Error {
    constructor(
        message: string,
        readonly exitCode: number,
    ) {
        super(message);
    }
}

const USAGE = `usage:
  plan --stack <name> [--format tree|json|mermaid] [--out FILE] [--mocks MODULE]
  plan --program <entry.ts> --config <Pulumi.x.yaml> [--stack <name>] [--format tree|json|mermaid] [--out FILE] [--mocks MODULE]
  plan diff <base.json> <head.json> [--format text|markdown] [--out FILE] [--fail-on delete|stateful-delete]`;

const PLAN_FORMATS = ["tree", "json", "mermaid"];

interface Project {
    root: string;
    name: string;
    main: string;
    stackConfigDir: string;
}

/** Finds the Pulumi project (Pulumi.yaml) at or above `dir`. */
export function findProject(dir: string): Project | undefined {
    let cur = path.resolve(dir);
    for (;;) {
        const file = path.join(cur, "Pulumi.yaml");
        if (fs.existsSync(file)) {
            const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { name?: string; main?: string; stackConfigDir?: string };
            return {
                root: cur,
                name: readProjectName(file),
                main: path.resolve(cur, doc.main ?? "index.ts"),
                stackConfigDir: path.resolve(cur, doc.stackConfigDir ?? "."),
            };
        }
        const up = path.dirname(cur);
        if (up === cur) return undefined;
        cur = up;
    }
}

async function loadMocks(file: string | undefined): Promise<MockAnswers | undefined> {
    if (!file) return undefined;
    const mod = (await import(path.resolve(file))) as { default?: MockAnswers } & MockAnswers;
    const answers = mod.calls || mod.resources ? mod : mod.default;
    if (!answers || (!answers.calls && !answers.resources)) throw new CliError(`${file}: a mocks module exports "calls" and/or "resources"`, 2);
    return answers;
}

/** Describes a program's failure for the terminal: every invalid input on its own line. */
export function describeFailure(error: unknown): string {
    if (pulumi.InputPropertiesError.isInstance(error)) return error.message;
    if (error instanceof Error) return error.message;
    return String(error);
}

/** Runs `plan` with argv (after the script name); returns what to print. */
export async function planCommand(argv: string[], cwd = process.cwd()): Promise<{ plan: Plan; text: string; out?: string }> {
    let parsed;
    try {
        parsed = parseArgs({
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
    } catch (e) {
        throw new CliError(`${(e as Error).message}\n${USAGE}`, 2);
    }
    const v = parsed.values;
    if (!PLAN_FORMATS.includes(v.format)) throw new CliError(`--format must be tree, json or mermaid (got ${v.format})\n${USAGE}`, 2);

    let program: string;
    let configFile: string;
    let project: string;
    let stack: string;
    if (v.program) {
        if (!v.config) throw new CliError(`--program needs --config <Pulumi.<stack>.yaml>\n${USAGE}`, 2);
        program = path.resolve(cwd, v.program);
        configFile = path.resolve(cwd, v.config);
        if (!fs.existsSync(program)) throw new CliError(`program ${v.program} does not exist`, 2);
        if (!fs.existsSync(configFile)) throw new CliError(`config ${v.config} does not exist`, 2);
        const proj = findProject(path.dirname(configFile));
        project = proj?.name ?? path.basename(path.dirname(program));
        stack = v.stack ?? /^Pulumi\.(.+)\.yaml$/.exec(path.basename(configFile))?.[1] ?? "dev";
    } else {
        const proj = findProject(cwd);
        if (!proj) throw new CliError(`no Pulumi.yaml at or above ${cwd}`, 2);
        const stacks = listStacks(proj.stackConfigDir);
        if (!v.stack) throw new CliError(`--stack is required; stacks: ${stacks.join(", ") || "none"}\n${USAGE}`, 2);
        if (!stacks.includes(v.stack)) {
            throw new CliError(`unknown stack "${v.stack}": there is no ${path.relative(cwd, stackConfigFile(proj.stackConfigDir, v.stack))}; stacks: ${stacks.join(", ") || "none"}`, 2);
        }
        program = proj.main;
        configFile = stackConfigFile(proj.stackConfigDir, v.stack);
        project = proj.name;
        stack = v.stack;
    }
    const { config, secretKeys } = loadStackConfig(configFile, project);
    const mocks = await loadMocks(v.mocks);
    const { plan, error } = await capturePlan(program, { project, stack, config, secretKeys, mocks });
    if (error !== undefined) throw new CliError(`the program failed: ${describeFailure(error)}`, 1);
    const text = v.format === "json" ? renderJson(plan) : v.format === "mermaid" ? renderMermaid(plan) : renderTree(plan);
    return { plan, text, out: v.out };
}

const FAIL_ON: FailOn[] = ["delete", "stateful-delete"];

/**
 * Runs `plan diff <base.json> <head.json>` with argv (after `diff`). The markdown format embeds
 * a mermaid picture of the head plan. `exitCode` is 3 when `--fail-on` matches, else 0.
 */
export function diffCommand(argv: string[]): { text: string; out?: string; exitCode: number } {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                format: { type: "string", default: "text" },
                out: { type: "string" },
                "fail-on": { type: "string" },
            },
            allowPositionals: true,
        });
    } catch (e) {
        throw new CliError(`${(e as Error).message}\n${USAGE}`, 2);
    }
    const v = parsed.values;
    if (parsed.positionals.length !== 2) throw new CliError(`plan diff takes two plan files, base and head (got ${parsed.positionals.length})\n${USAGE}`, 2);
    if (v.format !== "text" && v.format !== "markdown") throw new CliError(`--format must be text or markdown for diff (got ${v.format})\n${USAGE}`, 2);
    const failOn = v["fail-on"];
    if (failOn !== undefined && !FAIL_ON.includes(failOn as FailOn)) throw new CliError(`--fail-on must be ${FAIL_ON.join(" or ")} (got ${failOn})\n${USAGE}`, 2);
    try {
        const [base, head] = parsed.positionals.map(readPlanFile);
        const diff = diffPlans(base, head);
        const text = v.format === "markdown" ? renderDiffMarkdown(diff, { picture: renderMermaid(head) }) : renderDiffText(diff);
        return { text, out: v.out, exitCode: diffExitCode(diff, failOn as FailOn | undefined) };
    } catch (e) {
        if (e instanceof PlanFileError) throw new CliError(e.message, 2);
        throw e;
    }
}

function write(text: string, out: string | undefined, what: string): void {
    if (out) {
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(out, `${text}\n`);
        process.stderr.write(`${what} written to ${out}\n`);
    } else {
        process.stdout.write(`${text}\n`);
    }
}

/** The CLI entry: `plan ...` or `plan diff ...`. */
export async function main(argv: string[]): Promise<number> {
    try {
        if (argv[0] === "diff") {
            const { text, out, exitCode } = diffCommand(argv.slice(1));
            write(text, out, "diff");
            return exitCode;
        }
        const { text, out } = await planCommand(argv);
        write(text, out, "plan");
        return 0;
    } catch (e) {
        if (e instanceof CliError) {
            process.stderr.write(`${e.message}\n`);
            return e.exitCode;
        }
        process.stderr.write(`${describeFailure(e)}\n`);
        return 1;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e) => {
            process.stderr.write(`${String(e)}\n`);
            process.exit(1);
        },
    );
}
