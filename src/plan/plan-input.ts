/**
 * What the `check` and `cost` commands work on: a plan file, or a program planned first with the
 * same flags as `plan`. Kept apart from both commands, so each loads only its own code (`cost`
 * never loads the policy pack).
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CliError, planCommand } from "./cli";
import { PlanFileError, readPlanFile } from "./plan-file";
import type { Plan } from "./types";

/** The options by which a command names the program to plan instead of a plan file. */
export const PLAN_INPUT_OPTIONS = {
    stack: { type: "string" },
    program: { type: "string" },
    config: { type: "string" },
    mocks: { type: "string" },
} as const;

/** The formats of a report command (check, cost). */
export const REPORT_FORMATS = ["text", "json", "markdown"] as const;

/** The flags every report command takes: `--format`, `--out` and the plan input. */
export interface ReportFlags {
    format: (typeof REPORT_FORMATS)[number];
    out?: string;
    stack?: string;
    program?: string;
    config?: string;
    mocks?: string;
}

/**
 * Parses a report command's argv: `--format text|json|markdown`, `--out`, the plan input
 * ({@link PLAN_INPUT_OPTIONS}) and the command's own string flags (`extra`). A bad flag or format
 * is a usage error (exit 2) followed by `usage`.
 */
export function parseReportArgs<K extends string>(
    argv: string[],
    extra: readonly K[],
    usage: string,
): { values: ReportFlags & Partial<Record<K, string>>; positionals: string[] } {
    let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                format: { type: "string", default: "text" },
                out: { type: "string" },
                ...Object.fromEntries(extra.map((k) => [k, { type: "string" as const }])),
                ...PLAN_INPUT_OPTIONS,
            },
            allowPositionals: true,
        });
    } catch (e) {
        throw new CliError(`${(e as Error).message}\n${usage}`, 2);
    }
    const format = parsed.values.format as string;
    if (!(REPORT_FORMATS as readonly string[]).includes(format))
        throw new CliError(`--format must be text, json or markdown (got ${format})\n${usage}`, 2);
    return { values: parsed.values as ReportFlags & Partial<Record<K, string>>, positionals: parsed.positionals };
}

/**
 * The plan a command works on: the one plan file among `positionals`, or the program planned
 * first with `--stack` / `--program` (`--config`, `--mocks`), exactly as `plan` does. Anything
 * else is a usage error (exit 2); an unreadable plan file too.
 */
export async function planFromArgs(
    command: string,
    values: { stack?: string; program?: string; config?: string; mocks?: string },
    positionals: string[],
    cwd: string,
    usage: string,
): Promise<Plan> {
    const planning = values.stack !== undefined || values.program !== undefined;
    if (positionals.length > 1 || (positionals.length === 1) === planning) {
        throw new CliError(`${command} takes one plan file, or --stack / --program to plan one first\n${usage}`, 2);
    }
    if (planning) {
        const planArgs = ["--format", "json"];
        for (const k of ["stack", "program", "config", "mocks"] as const)
            if (values[k] !== undefined) planArgs.push(`--${k}`, values[k] as string);
        return (await planCommand(planArgs, cwd)).plan;
    }
    try {
        return readPlanFile(path.resolve(cwd, positionals[0]));
    } catch (e) {
        if (e instanceof PlanFileError) throw new CliError(e.message, 2);
        throw e;
    }
}
