/**
 * `compute-layer cost` / `npm run plan -- --stack <env> --format cost`: the monthly cost of an
 * offline plan.
 *
 *     compute-layer cost plan.json [--region us-east-1] [--usage usage.json] [--format text|json|markdown] [--out FILE]
 *     compute-layer cost --stack prod [...]           (plans the Pulumi project's stack first)
 *
 * Exit codes: 0 done, 1 the program failed while being planned, 2 bad usage or input (an
 * unreadable plan or usage file, a region the price table lacks).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError, type Command, guarded, writeResult } from "../cli";
import { parseReportArgs, planFromArgs } from "../plan-input";
import type { Plan } from "../types";
import { type CostEstimate, estimateCost, UnknownRegionError, type UsageAssumptions } from "./estimate";
import { renderCostJson, renderCostMarkdown, renderCostText } from "./render";

export const COST_USAGE = `usage:
  cost <plan.json> [--region REGION] [--usage FILE] [--format text|json|markdown] [--out FILE]
  cost --stack <name> [--mocks MODULE] [...]                  (plans the Pulumi project's stack first)
  cost --program <entry.ts> [--config <Pulumi.<stack>.yaml>] [...]

--region defaults to the plan's region (the stack's aws:region), else us-east-1.
--usage takes a JSON object of monthly usage assumptions by key (the keys the estimate lists,
e.g. {"lambda.millionRequestsPerMonth": 5, "natGateway.gbPerMonth": 200}).
Exit codes: 0 done, 1 the program failed, 2 bad usage or input.`;

/** Reads a `--usage` file: a JSON object of finite numbers. */
export function readUsage(file: string | undefined): UsageAssumptions {
    if (!file) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new CliError(`--usage ${file}: ${(e as Error).message}`, 2);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new CliError(`--usage ${file}: must be a JSON object of monthly quantities by key`, 2);
    for (const [k, v] of Object.entries(parsed)) {
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
            throw new CliError(`--usage ${file}: "${k}" must be a number, 0 or more (got ${JSON.stringify(v)})`, 2);
    }
    return parsed as UsageAssumptions;
}

/** The region a plan was made for: its `region`, else the stack's `aws:region` provider config. */
export function planRegion(plan: Plan): string | undefined {
    return (plan as Plan & { region?: string }).region;
}

/** Estimates a plan, turning an unknown region into a usage error. */
export function estimateOrFail(plan: Plan, region: string, usage: UsageAssumptions): CostEstimate {
    try {
        return estimateCost(plan, { region, usage });
    } catch (e) {
        if (e instanceof UnknownRegionError) throw new CliError(e.message, 2);
        throw e;
    }
}

export function renderCost(e: CostEstimate, format: string): string {
    return format === "json" ? renderCostJson(e) : format === "markdown" ? renderCostMarkdown(e) : renderCostText(e);
}

/** Runs `cost` with argv (after the command name). */
export async function costCommand(argv: string[], cwd = process.cwd()): Promise<{ text: string; out?: string }> {
    const { values: v, positionals } = parseReportArgs(argv, ["region", "usage"], COST_USAGE);
    const usage = readUsage(v.usage === undefined ? undefined : path.resolve(cwd, v.usage));
    const plan = await planFromArgs("cost", v, positionals, cwd, COST_USAGE);
    const region = v.region ?? planRegion(plan) ?? "us-east-1";
    return { text: renderCost(estimateOrFail(plan, region, usage), v.format), out: v.out };
}

/** The `cost` command. */
export const costMain: Command = (argv, io) =>
    guarded(io, async () => {
        const { text, out } = await costCommand(argv, io.cwd);
        writeResult(text, out, "cost estimate", io);
        return 0;
    });
