import * as path from "node:path";
import { loadStackConfig } from "../../src/plan/config";
import { diffPlans, type PlanDiff, parsePlan } from "../../src/plan/diff";
import { renderJson } from "../../src/plan/render";
import { type Plan, type PlanOptions, type Program, runPlan } from "../support";

/**
 * Helpers for plan-diff tests: plan a program twice (a config change, or two programs) and
 * diff the plans the way `plan diff` does, through their JSON files.
 *
 * For a stack program: `diffConfigChange("stacks/index.ts", stackOptions("prod"), (c) => ({ ...c, ... }))`.
 */

/** A plan as `plan diff` reads it: written with `--format json` and parsed back. */
export function throughJson(plan: Plan): Plan {
    return parsePlan(renderJson(plan), "plan.json");
}

/** A config change: keys to set (objects are passed as JSON), or a function of the whole config. */
export type ConfigChange = Record<string, unknown> | ((config: Record<string, unknown>) => Record<string, unknown>);

/** Plans `base` and `head` and diffs them; both plans went through JSON. */
export async function diffRuns(
    base: { program: Program; options: PlanOptions },
    head: { program: Program; options: PlanOptions },
): Promise<{ base: Plan; head: Plan; diff: PlanDiff }> {
    const b = throughJson(await runPlan(base.program, base.options));
    const h = throughJson(await runPlan(head.program, head.options));
    return { base: b, head: h, diff: diffPlans(b, h) };
}

/** Plans `program` with `options`, then again with `change` applied to its config, and diffs the two. */
export function diffConfigChange(
    program: Program,
    options: PlanOptions,
    change: ConfigChange,
): Promise<{ base: Plan; head: Plan; diff: PlanDiff }> {
    const config = options.config ?? {};
    const headConfig = typeof change === "function" ? change({ ...config }) : { ...config, ...change };
    return diffRuns({ program, options }, { program, options: { ...options, config: headConfig } });
}

/** Plan options for a program's `Pulumi.<stack>.yaml`, as the CLI would load them. */
export function optionsFromStackFile(file: string, project: string, stack: string): PlanOptions {
    const { config, secretKeys } = loadStackConfig(file, project);
    return { project, stack, config, secretKeys };
}

/** The fixture system in tests/fixtures/diff-program (project `shop`). */
export const SHOP_DIR = path.resolve(__dirname, "../fixtures/diff-program");
export const SHOP_PROGRAM = path.join(SHOP_DIR, "index.ts");
export const SHOP_CONFIG = path.join(SHOP_DIR, "Pulumi.base.yaml");

/** Plan options for the shop fixture, stack `prod`. */
export function shopOptions(): PlanOptions {
    return optionsFromStackFile(SHOP_CONFIG, "shop", "prod");
}

/** The lines of a text diff between its header and its summary, blank lines dropped. */
export function bodyLines(text: string): string[] {
    const lines = text.split("\n");
    return lines.slice(1, -1).filter((l) => l.trim() !== "");
}
