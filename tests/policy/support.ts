import type { PolicyPackConfig } from "@pulumi/policy";
import type * as pulumi from "@pulumi/pulumi";
import { expect } from "vitest";
import { type CheckReport, checkPlan, type Violation } from "../../src/plan/check";
import { type Plan, type PlanOptions, type Program, runPlan } from "../support";

/** A small program planned in-process and checked with the whole pack. */
export async function checkProgram(
    program: Program,
    options: PlanOptions & { policyConfig?: PolicyPackConfig } = {},
): Promise<{ plan: Plan; report: CheckReport }> {
    const { policyConfig, ...planOptions } = options;
    const plan = await runPlan(program, planOptions);
    return { plan, report: checkPlan(plan, { config: policyConfig }) };
}

/** The violations of one rule. */
export function of(report: CheckReport, policy: string): Violation[] {
    return report.violations.filter((v) => v.policy === policy);
}

/** Asserts that a rule reported exactly on these resources (by logical name), at this level; returns its messages. */
export function expectViolations(
    report: CheckReport,
    policy: string,
    names: string[],
    enforcement: "mandatory" | "advisory" = "mandatory",
): string[] {
    const found = of(report, policy);
    expect(found.map((v) => v.name).sort(), `${policy}: ${JSON.stringify(found, null, 1)}`).toEqual([...names].sort());
    for (const v of found) expect(v.enforcement).toBe(enforcement);
    return found.map((v) => v.message);
}

/** Asserts that a rule reported nothing. */
export function expectClean(report: CheckReport, policy: string): void {
    expect(of(report, policy), policy).toEqual([]);
}

/**
 * A transformation that rewrites the inputs of every resource of one type, the way a user's
 * transform does. The plan engine's mock monitor does not run `transforms` callbacks (they run in
 * the Pulumi engine), so tests use `transformations`, which the SDK applies itself: the same
 * function, the same effect on the registered inputs.
 */
export function rewrite(
    type: string,
    change: (props: Record<string, unknown>) => Record<string, unknown>,
): pulumi.ResourceTransformation {
    return ({ type: t, props, opts }) => (t === type ? { props: change(props), opts } : undefined);
}

/** The same plan as if it were another stack's: every URN names `stack` (the rules read the stack from URNs). */
export function asStack(plan: Plan, stack: string): Plan {
    const from = `urn:pulumi:${plan.stack}::`;
    const to = `urn:pulumi:${stack}::`;
    return JSON.parse(
        JSON.stringify({ ...plan, stack })
            .split(from)
            .join(to),
    ) as Plan;
}
