import { expect } from "vitest";
import { DEFAULT_CALLS, type MockAnswers, type PlannedResource } from "../../support";

/**
 * Helpers for the contract "a component's registered child inputs are its planner's result plus
 * Outputs": the component may add only the listed paths (ids, ARNs, names of other children,
 * looked-up facts), and everything else is exactly what the planner returned.
 */

type Json = unknown;

function clone(value: Json): Json {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function remove(target: Json, path: string[]): boolean {
    let cur = target as Record<string, Json> | Json[] | undefined;
    for (const seg of path.slice(0, -1)) {
        if (cur === null || typeof cur !== "object") return false;
        cur = (cur as Record<string, Json>)[seg] as Record<string, Json> | undefined;
    }
    const last = path[path.length - 1];
    if (cur === null || cur === undefined || typeof cur !== "object" || !(last in cur)) return false;
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete (cur as Record<string, Json>)[last];
    return true;
}

/**
 * Asserts that `r`'s inputs are `planned` plus exactly the `added` paths (dotted, array indexes as
 * numbers), each of which must be present.
 */
export function expectPlanned(r: PlannedResource, planned: object, added: string[] = []): void {
    const inputs = clone(r.inputs);
    for (const path of added) {
        expect(remove(inputs, path.split(".")), `${r.type} ${r.name}: the component adds ${path}`).toBe(true);
    }
    expect(inputs, `${r.type} ${r.name}: the planner's inputs`).toEqual(clone(planned));
}

/** Mock calls that count invokes by token while answering them as the default mocks do. */
export function countingCalls(): { counts: Record<string, number>; calls: NonNullable<MockAnswers["calls"]> } {
    const counts: Record<string, number> = {};
    const calls = Object.fromEntries(
        Object.entries(DEFAULT_CALLS).map(([token, answer]) => [
            token,
            (...a: Parameters<typeof answer>) => {
                counts[token] = (counts[token] ?? 0) + 1;
                return answer(...a);
            },
        ]),
    );
    return { counts, calls };
}
