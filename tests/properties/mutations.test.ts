import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaKindAt } from "../../src/core/shape";
import type { ScalingPolicies } from "../../src/scaling";
import { validateScalingPolicies } from "../../src/scaling";
import { capturePlan } from "../support";
import { type ComponentUnderTest, componentsUnderTest } from "./components";
import { arbitraryMutation, namesField, pathText } from "./mutations";

/**
 * Issue 19's property: any single-field mutation of a valid fixture (wrong type, null, boundary
 * numbers, string booleans, 10,000-long strings and lists, misspelled keys, Outputs and Promises)
 * either plans, or throws one InputPropertiesError naming the mutated field (or the field that
 * holds it) — never a raw exception. `npm run test:properties` runs 20,000.
 */
const TOTAL_RUNS = Number(process.env.PROPERTY_RUNS ?? 2200);
const ctx = { stack: "dev", now: new Date("2026-11-30T00:00:00Z") };

let components: ComponentUnderTest[] = [];
let missing: string[] = [];
beforeAll(async () => {
    ({ found: components, missing } = await componentsUnderTest());
}, 60_000);

/**
 * A map's keys are names the user chooses, and other fields refer to them (a rule forwarding to a
 * target group, a route to a subset): renaming or removing an entry is a change, not a typo, and
 * the error rightly lands at the reference. Any InputPropertiesError is the right outcome there.
 */
function touchesMap(c: ComponentUnderTest, m: Parameters<typeof namesField>[1]): boolean {
    if (!c.schema) return false;
    const parent = m.path.slice(0, -1);
    return schemaKindAt(c.schema, parent) === "record" || schemaKindAt(c.schema, m.path) === "record";
}

function describeOutcome(run: () => unknown, m: Parameters<typeof namesField>[1], anyPath = false): string | undefined {
    try {
        run();
        return undefined;
    } catch (e) {
        if (!pulumi.InputPropertiesError.isInstance(e)) {
            return `${m.mutation} at ${pathText(m.path)}: raw ${(e as Error)?.name ?? typeof e}: ${(e as Error)?.message ?? String(e)}`;
        }
        if (!anyPath && !e.errors.some((x) => namesField(x.propertyPath, m))) {
            return `${m.mutation} at ${pathText(m.path)}${m.key ? ` (key ${m.key})` : ""}: error names ${e.errors.map((x) => `${x.propertyPath} (${x.reason})`).join("; ")}`;
        }
        return undefined;
    }
}

describe("every single-field mutation plans or names the field", () => {
    it("every component has a planner and a fixture", () => {
        expect(missing).toEqual([]);
        expect(components.length).toBeGreaterThanOrEqual(11);
    });

    it("planners: succeed or one InputPropertiesError naming the mutated field", () => {
        const perComponent = Math.ceil(TOTAL_RUNS / Math.max(1, components.length + 1));
        const failures: string[] = [];
        for (const c of components) {
            // The fixture itself plans.
            try {
                c.plan("fixture", c.validArgs, ctx);
            } catch (e) {
                failures.push(`${c.className}: the valid fixture fails: ${(e as Error).message}`);
                continue;
            }
            fc.assert(
                fc.property(arbitraryMutation(c.validArgs), (m) => {
                    const problem = describeOutcome(() => c.plan("mutant", m.args, ctx), m, touchesMap(c, m));
                    if (problem) failures.push(`${c.className}: ${problem}`);
                    return true;
                }),
                { numRuns: perComponent, seed: 19 },
            );
        }
        expect([...new Set(failures)].slice(0, 40)).toEqual([]);
    });

    it("the scaling vocabulary: problems, never a raw exception", () => {
        const valid: ScalingPolicies = {
            targetTracking: [{ metric: "cpu", target: 60, scaleInCooldownSeconds: 300 }],
            steps: [
                {
                    alarm: {
                        metric: "CPUUtilization",
                        namespace: "AWS/ECS",
                        threshold: 80,
                        comparison: "GreaterThanThreshold",
                    },
                    adjustments: [{ lowerBound: 0, change: 1 }],
                },
            ],
            schedules: [{ name: "night", cron: "cron(0 20 * * ? *)", minCapacity: 1, maxCapacity: 2 }],
            predictive: { metric: "cpu", target: 50 },
        };
        const failures: string[] = [];
        fc.assert(
            fc.property(arbitraryMutation(valid), (m) => {
                try {
                    const problems = validateScalingPolicies(m.args as ScalingPolicies, "ecs");
                    if (problems.length > 0 && !problems.some((p) => namesField(p.propertyPath, m))) {
                        failures.push(
                            `${m.mutation} at ${pathText(m.path)}: names ${problems.map((p) => p.propertyPath).join(", ")}`,
                        );
                    }
                } catch (e) {
                    failures.push(`${m.mutation} at ${pathText(m.path)}: raw ${(e as Error).message}`);
                }
                return true;
            }),
            { numRuns: Math.ceil(TOTAL_RUNS / Math.max(1, components.length + 1)), seed: 19 },
        );
        expect([...new Set(failures)].slice(0, 40)).toEqual([]);
    });

    it("components under the mocks: a bad field registers nothing, not even the component", async () => {
        const failures: string[] = [];
        for (const c of components) {
            const samples = fc.sample(arbitraryMutation(c.validArgs), { numRuns: 3, seed: 20 });
            for (const m of samples) {
                const { plan, error } = await capturePlan(() => {
                    new c.Component("mutant", m.args);
                });
                if (error === undefined) continue;
                if (!pulumi.InputPropertiesError.isInstance(error)) {
                    failures.push(
                        `${c.className} ${m.mutation} at ${pathText(m.path)}: ${String((error as Error)?.message ?? error)}`,
                    );
                } else if (plan.resources.length > 0) {
                    failures.push(
                        `${c.className} ${m.mutation} at ${pathText(m.path)}: ${plan.resources.length} registered before the error`,
                    );
                }
            }
        }
        expect(failures).toEqual([]);
    }, 60_000);
});
