/**
 * What the `check` and `cost` commands work on: a plan file, or a program planned first with the
 * same flags as `plan`. Kept apart from both commands, so each loads only its own code (`cost`
 * never loads the policy pack).
 */
import * as path from "node:path";
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
