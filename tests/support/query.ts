import * as pulumi from "@pulumi/pulumi";
import { capturePlan, type PlanOptions, type Program } from "../../src/plan/engine";
import type { Plan, PlannedResource, PlanValue } from "../../src/plan/types";

/** Every resource of a type token (e.g. `aws:lb/listenerRule:ListenerRule`). */
export function ofType(plan: Plan, type: string): PlannedResource[] {
    return plan.resources.filter((r) => r.type === type);
}

/** The one resource of a type with a logical name; throws with the names that exist otherwise. */
export function resource(plan: Plan, type: string, name: string): PlannedResource {
    const found = plan.resources.find((r) => r.type === type && r.name === name);
    if (!found) {
        const names = ofType(plan, type).map((r) => r.name);
        throw new Error(`no ${type} named "${name}" in the plan; there are: ${names.join(", ") || "none"}`);
    }
    return found;
}

/** The one resource of a type; throws when there are none or several. */
export function only(plan: Plan, type: string): PlannedResource {
    const found = ofType(plan, type);
    if (found.length !== 1)
        throw new Error(`expected exactly one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    return found[0];
}

/** The direct children of a resource. */
export function childrenOf(plan: Plan, parent: PlannedResource): PlannedResource[] {
    return plan.resources.filter((r) => r.parent === parent.urn);
}

/** Parses an input that holds JSON text (policies, container definitions). */
export function jsonInput(r: PlannedResource, key: string): unknown {
    const v = r.inputs[key];
    if (typeof v !== "string")
        throw new Error(`${r.type} ${r.name}: input ${key} is not a JSON string (got ${JSON.stringify(v)})`);
    return JSON.parse(v);
}

/**
 * Runs a program that must fail validation; returns the error's `{propertyPath, reason}` list
 * and the plan, so a test can check that nothing was registered.
 */
export async function expectInvalid(
    program: Program,
    options?: PlanOptions,
): Promise<{ errors: { propertyPath: string; reason: string }[]; plan: Plan; message: string }> {
    const { plan, error, failed } = await capturePlan(program, options);
    if (!pulumi.InputPropertiesError.isInstance(error)) {
        throw new Error(`expected an InputPropertiesError, got ${failed ? String(error) : "success"}`);
    }
    return { errors: error.errors, plan, message: error.message };
}

/** The property paths of a planner's InputPropertiesError, for pure planner tests. */
export function problemPaths(fn: () => unknown): string[] {
    try {
        fn();
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors.map((x) => x.propertyPath);
        throw e;
    }
    throw new Error("expected an InputPropertiesError, but the call succeeded");
}

/** Reads a nested input by dotted path (`healthCheck.path`), for terse assertions. */
export function input(r: PlannedResource, dotted: string): PlanValue | undefined {
    let cur: PlanValue | undefined = r.inputs;
    for (const key of dotted.split(".")) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = Array.isArray(cur) ? cur[Number(key)] : (cur as Record<string, PlanValue>)[key];
    }
    return cur;
}
