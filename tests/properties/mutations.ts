/**
 * Single-field mutations of a valid args object, for the property tests: every way an untyped
 * caller (plain JavaScript, config values, YAML/JSON, `as any`) can get one field wrong.
 */
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";

export type Segment = string | number;

/** Every path in a value: object keys and list indexes, nodes and leaves, up to `depth`. */
export function paths(value: unknown, depth = 8, prefix: Segment[] = []): Segment[][] {
    if (depth === 0 || value === null || typeof value !== "object" || pulumi.Output.isInstance(value)) return [];
    const out: Segment[][] = [];
    const entries: [Segment, unknown][] = Array.isArray(value)
        ? value.map((v, i) => [i, v] as [Segment, unknown])
        : Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries) {
        const p = [...prefix, k];
        out.push(p, ...paths(v, depth - 1, p));
    }
    return out;
}

export const MUTATIONS = [
    "null",
    "delete",
    "NaN",
    "Infinity",
    "negative",
    "zero",
    "huge",
    "fraction",
    "stringFalse",
    "stringNumber",
    "emptyString",
    "longString",
    "longList",
    "emptyList",
    "emptyObject",
    "boolean",
    "number",
    "wrapInList",
    "misspellKey",
    "output",
    "promise",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface Mutated {
    args: unknown;
    /** The mutated field's path, as the error should name it. */
    path: Segment[];
    /** For `misspellKey`: the misspelled key (the error names it, under `path`'s parent). */
    key?: string;
    mutation: Mutation;
}

function clone(value: unknown): unknown {
    if (value === null || typeof value !== "object" || pulumi.Output.isInstance(value)) return value;
    if (Array.isArray(value)) return value.map(clone);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, clone(v)]));
}

function replacement(current: unknown, mutation: Mutation): unknown {
    switch (mutation) {
        case "null":
            return null;
        case "NaN":
            return Number.NaN;
        case "Infinity":
            return Number.POSITIVE_INFINITY;
        case "negative":
            return -1;
        case "zero":
            return 0;
        case "huge":
            return 1e12;
        case "fraction":
            return 0.5;
        case "stringFalse":
            return "false";
        case "stringNumber":
            return "3";
        case "emptyString":
            return "";
        case "longString":
            return "a".repeat(10_000);
        case "longList":
            return Array.from({ length: 10_000 }, () => (Array.isArray(current) ? clone(current[0]) : clone(current)));
        case "emptyList":
            return [];
        case "emptyObject":
            return {};
        case "boolean":
            return true;
        case "number":
            return 42;
        case "wrapInList":
            return [clone(current)];
        case "output":
            return pulumi.output(clone(current));
        case "promise":
            return Promise.resolve(clone(current));
        default:
            return current;
    }
}

/** Applies one mutation at one path of a copy of `args`. */
export function mutate(args: unknown, path: Segment[], mutation: Mutation): Mutated {
    const copy = clone(args);
    const parentPath = path.slice(0, -1);
    let parent = copy as Record<Segment, unknown>;
    for (const seg of parentPath) parent = parent[seg] as Record<Segment, unknown>;
    const last = path[path.length - 1];
    if (mutation === "misspellKey" && typeof last === "string" && !Array.isArray(parent)) {
        // Drop the second letter (healthCheck → hhealthCheck would be too easy): hlthCheck-like.
        const key = last.length > 2 ? last[0] + last.slice(2) : `${last}x`;
        const value = parent[last];
        delete parent[last];
        parent[key] = value;
        return { args: copy, path, key, mutation };
    }
    if (mutation === "delete") {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        return { args: copy, path, mutation };
    }
    parent[last] = replacement(parent[last], mutation);
    return { args: copy, path, mutation };
}

/** An arbitrary single-field mutation of `args`. */
export function arbitraryMutation(args: unknown): fc.Arbitrary<Mutated> {
    const all = paths(args);
    return fc
        .record({
            at: fc.integer({ min: 0, max: Math.max(0, all.length - 1) }),
            mutation: fc.constantFrom(...MUTATIONS),
        })
        .map(({ at, mutation }) => mutate(args, all[at] ?? [], mutation));
}

/** `a.b[2].c` — the way errors write paths. */
export function pathText(path: Segment[]): string {
    let out = "";
    for (const s of path) out += typeof s === "number" ? `[${s}]` : out === "" ? s : `.${s}`;
    return out;
}

/**
 * True when an error path speaks of the mutated field: the field itself, a part of it (a
 * replaced object's missing keys), or a field that contains it (the list that got too long, the
 * object a misspelled key sits in).
 */
export function namesField(errorPath: string, m: Mutated): boolean {
    const targets = [pathText(m.path)];
    // Removing a list element changes the list: a problem anywhere in it speaks of the removal.
    if (m.mutation === "delete" && typeof m.path[m.path.length - 1] === "number")
        targets.push(pathText(m.path.slice(0, -1)));
    if (m.key !== undefined) targets.push(pathText([...m.path.slice(0, -1), m.key]));
    const strip = (p: string) => p.replace(/^"|"$/g, "");
    return targets.some((t) => {
        const e = strip(errorPath);
        return (
            e === t || e.startsWith(`${t}.`) || e.startsWith(`${t}[`) || t.startsWith(`${e}.`) || t.startsWith(`${e}[`)
        );
    });
}
