import * as pulumi from "@pulumi/pulumi";
import { checkShape, Validator, type z } from "../../../src/core";

/** True when `path` is `covered` or lies under it (`a.b` covers `a.b.c` and `a.b[0]`). */
function under(path: string, covered: string): boolean {
    if (covered === "" || path === covered) return true;
    return path.startsWith(`${covered}.`) || path.startsWith(`${covered}[`);
}

/**
 * Runs a planner the issue-19 way: the shape check first, then the semantic checks `fn` (always,
 * so their problems are collected too), then one `InputPropertiesError` with every problem. A
 * semantic problem at (or under) a path the shape check already reported is dropped: the shape's
 * reason ("must be a whole number (got 2.5)") explains it, and a second reason for the same field
 * would only repeat it.
 */
export function planWithShape<T>(subject: string, schema: z.ZodType, args: unknown, fn: (v: Validator) => T): T {
    const v = new Validator(subject);
    const ok = checkShape(v, schema, args);
    const semantic = new Validator(subject);
    let result: T | undefined;
    try {
        result = fn(semantic);
    } catch (e) {
        // A malformed value may make a semantic check throw; the shape problems explain it. The
        // semantic checks' own InputPropertiesError is rethrown below with the shape problems.
        if (ok && !pulumi.InputPropertiesError.isInstance(e)) throw e;
    }
    const shapePaths = v.problems.map((p) => p.propertyPath);
    for (const p of semantic.problems) {
        if (!shapePaths.some((s) => under(p.propertyPath, s))) v.add(p.propertyPath, p.reason);
    }
    v.throwIfAny();
    return result as T;
}
