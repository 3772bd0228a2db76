#!/usr/bin/env node
/**
 * `compute-layer check` / `npm run check`: the policy pack over an offline plan.
 *
 *     npm run check -- --stack prod [--format text|json|markdown]
 *     compute-layer check plan.json [--format text|json|markdown] [--out FILE] [--policy-config FILE]
 *
 * Exit codes: 0 no mandatory violation, 4 a mandatory violation, 2 bad usage or input,
 * 1 the program failed while being planned.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { PolicyPackConfig } from "@pulumi/policy";
import { checkExitCode, checkPlan, checkSummary, renderCheckJson, renderCheckMarkdown, renderCheckText } from "./check";
import { PlanFileError, readPlanFile } from "./diff";
import type { Plan } from "./types";

export const CHECK_USAGE = `usage:
  check <plan.json> [--format text|json|markdown] [--out FILE] [--policy-config FILE]
  check --stack <name> [--mocks MODULE] [...]                       (plans the Pulumi project's stack first)
  check --program <entry.ts> --config <Pulumi.<stack>.yaml> [...]

--policy-config takes the JSON of \`pulumi preview --policy-pack-config\`: per rule, an enforcement
level or {"enforcementLevel": ..., <config>}.
Exit codes: 0 no mandatory violation, 4 a mandatory violation, 1 the program failed, 2 bad usage or input.`;

const FORMATS = ["text", "json", "markdown"];

/** A usage or input error (exit 2) or a failing program (exit 1). */
class CheckError extends Error {
    constructor(
        message: string,
        readonly exitCode: number,
    ) {
        super(message);
    }
}

function readPolicyConfig(file: string | undefined): PolicyPackConfig {
    if (!file) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new CheckError(`--policy-config ${file}: ${(e as Error).message}`, 2);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new CheckError(`--policy-config ${file}: must be a JSON object keyed by rule name`, 2);
    return parsed as PolicyPackConfig;
}

/** Runs `check` with argv (after the command name); returns what to print and the exit code. */
export async function checkCommand(argv: string[], cwd = process.cwd()): Promise<{ text: string; summary: string; out?: string; exitCode: number; format: string }> {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                format: { type: "string", default: "text" },
                out: { type: "string" },
                "policy-config": { type: "string" },
                stack: { type: "string" },
                program: { type: "string" },
                config: { type: "string" },
                mocks: { type: "string" },
            },
            allowPositionals: true,
        });
    } catch (e) {
        throw new CheckError(`${(e as Error).message}\n${CHECK_USAGE}`, 2);
    }
    const v = parsed.values;
    if (!FORMATS.includes(v.format)) throw new CheckError(`--format must be text, json or markdown (got ${v.format})\n${CHECK_USAGE}`, 2);
    const planning = v.stack !== undefined || v.program !== undefined;
    if (parsed.positionals.length > 1 || (parsed.positionals.length === 1) === planning) {
        throw new CheckError(`check takes one plan file, or --stack / --program to plan one first\n${CHECK_USAGE}`, 2);
    }
    const config = readPolicyConfig(v["policy-config"] === undefined ? undefined : path.resolve(cwd, v["policy-config"]));

    let plan: Plan;
    if (planning) {
        // The plan CLI does the planning (the same program loading, config and mocks as `plan`).
        // Loaded on use: checking a plan file needs neither Pulumi's runtime nor the program loader.
        const cli = require("./cli") as typeof import("./cli");
        const planArgs = ["--format", "json"];
        for (const k of ["stack", "program", "config", "mocks"] as const) if (v[k] !== undefined) planArgs.push(`--${k}`, v[k] as string);
        try {
            plan = (await cli.planCommand(planArgs, cwd)).plan;
        } catch (e) {
            if (e instanceof cli.CliError) throw new CheckError(e.message, e.exitCode);
            throw new CheckError(`the program failed: ${cli.describeFailure(e)}`, 1);
        }
    } else {
        try {
            plan = readPlanFile(path.resolve(cwd, parsed.positionals[0]));
        } catch (e) {
            if (e instanceof PlanFileError) throw new CheckError(e.message, 2);
            throw e;
        }
    }
    const report = checkPlan(plan, { config });
    const text = v.format === "json" ? renderCheckJson(report) : v.format === "markdown" ? renderCheckMarkdown(report) : renderCheckText(report);
    return { text, summary: checkSummary(report), out: v.out, exitCode: checkExitCode(report), format: v.format };
}

/** The entry: prints the report (JSON alone on stdout, the summary on stderr) and returns the exit code. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
    try {
        const { text, summary, out, exitCode, format } = await checkCommand(argv, cwd);
        if (out) {
            fs.mkdirSync(path.dirname(path.resolve(cwd, out)), { recursive: true });
            fs.writeFileSync(path.resolve(cwd, out), `${text}\n`);
            process.stderr.write(`${summary}\npolicy check written to ${out}\n`);
        } else {
            process.stdout.write(`${text}\n`);
            if (format === "json") process.stderr.write(`${summary}\n`);
        }
        return exitCode;
    } catch (e) {
        if (e instanceof CheckError) {
            process.stderr.write(`${e.message}\n`);
            return e.exitCode;
        }
        process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        return 1;
    }
}

/** Exits once stdout and stderr have flushed, so a pipe gets the whole report. */
function exitWhenFlushed(code: number): void {
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

if (require.main === module) {
    main(process.argv.slice(2)).then(exitWhenFlushed, (e) => {
        process.stderr.write(`${String(e)}\n`);
        exitWhenFlushed(1);
    });
}
