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
import type { PolicyPackConfig } from "@pulumi/policy";
import { checkExitCode, checkPlan, checkSummary, renderCheckJson, renderCheckMarkdown, renderCheckText } from "./check";
import { CliError, type Command, guarded, writeResult } from "./cli";
import { parseReportArgs, planFromArgs } from "./plan-input";
import { runAsProcess } from "./process";

export const CHECK_USAGE = `usage:
  check <plan.json> [--format text|json|markdown] [--out FILE] [--policy-config FILE]
  check --stack <name> [--mocks MODULE] [...]                       (plans the Pulumi project's stack first)
  check --program <entry.ts> [--config <Pulumi.<stack>.yaml>] [...]

--policy-config takes the JSON of \`pulumi preview --policy-pack-config\`: per rule, an enforcement
level or {"enforcementLevel": ..., <config>}.
Exit codes: 0 no mandatory violation, 4 a mandatory violation, 1 the program failed, 2 bad usage or input.`;

function readPolicyConfig(file: string | undefined): PolicyPackConfig {
    if (!file) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new CliError(`--policy-config ${file}: ${(e as Error).message}`, 2);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new CliError(`--policy-config ${file}: must be a JSON object keyed by rule name`, 2);
    return parsed as PolicyPackConfig;
}

/** Runs `check` with argv (after the command name); returns what to print and the exit code. */
export async function checkCommand(
    argv: string[],
    cwd = process.cwd(),
): Promise<{ text: string; summary: string; out?: string; exitCode: number; format: string }> {
    const { values: v, positionals } = parseReportArgs(argv, ["policy-config"], CHECK_USAGE);
    const config = readPolicyConfig(
        v["policy-config"] === undefined ? undefined : path.resolve(cwd, v["policy-config"]),
    );
    const plan = await planFromArgs("check", v, positionals, cwd, CHECK_USAGE);
    const report = checkPlan(plan, { config });
    const text =
        v.format === "json"
            ? renderCheckJson(report)
            : v.format === "markdown"
              ? renderCheckMarkdown(report)
              : renderCheckText(report);
    return { text, summary: checkSummary(report), out: v.out, exitCode: checkExitCode(report), format: v.format };
}

/** The `check` command: prints the report (JSON alone on stdout, the summary on stderr); exit 0 or 4. */
export const checkMain: Command = (argv, io) =>
    guarded(io, async () => {
        const { text, summary, out, exitCode, format } = await checkCommand(argv, io.cwd);
        writeResult(text, out, "policy check", io);
        if (out || format === "json") io.stderr(`${summary}\n`);
        return exitCode;
    });

if (require.main === module) {
    void runAsProcess((io) => checkMain(process.argv.slice(2), io));
}
