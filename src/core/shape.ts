import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { joinPath, restates, Validator } from "./validation";

/**
 * Runtime shape checks for component args, for callers TypeScript does not check: plain
 * JavaScript, values from `pulumi.Config().get()` or YAML/JSON, and `as any`.
 *
 * Each component declares its args' shape once with zod, using the helpers below, in its
 * `schema.ts`. Its planner calls {@link checkShape} first; every shape problem is recorded with
 * its full path and the expected shape ("must be a boolean (got the string "false")"), unknown
 * keys get a suggestion ("unknown key; did you mean healthCheck?"), and the planner's semantic
 * checks then run under {@link Validator.attempt}, so all problems still come out as the one
 * `InputPropertiesError` and nothing is registered before it.
 *
 * Kinds of field:
 * - `input(schema)`: a pass-through field. A plain value must match `schema`; an Output or a
 *   Promise is accepted and checked at deploy time by AWS (as before).
 * - `planTime(schema, why)`: the value decides the plan (a map key, a count, a mode, anything that
 *   chooses which children exist). An Output or a Promise is an error that says why it must be
 *   known before deployment.
 * - a bare zod schema: plain values only (an Output is a type error there as well).
 */

export { z };

/** True for a value that is known only at deploy time: an `Output` or a Promise (any thenable). */
export function isDeployTimeValue(value: unknown): boolean {
    if (value === null || value === undefined) return false;
    if (pulumi.Output.isInstance(value)) return true;
    return typeof (value as { then?: unknown }).then === "function";
}

/**
 * True when `value` holds no Output or Promise at any depth: a component can then build a JSON
 * document from it directly, instead of through `pulumi.output()`, which makes an Output (several
 * promises) for every value it meets.
 */
export function isFullyKnown(value: unknown, seen = new Set<object>()): boolean {
    if (value === null || typeof value !== "object") return true;
    if (isDeployTimeValue(value)) return false;
    if (seen.has(value)) return true;
    seen.add(value);
    const items = Array.isArray(value) ? value : Object.values(value);
    return items.every((v) => isFullyKnown(v, seen));
}

const DEPLOY_TIME_BRANCH = "__compute-layer:deploy-time-value__";

/** Accepts an `Output` or a Promise; used as the first branch of {@link input}. */
const deployTimeValue = z.custom<pulumi.Output<unknown> | Promise<unknown>>(isDeployTimeValue, {
    message: DEPLOY_TIME_BRANCH,
});

/**
 * A pass-through field: a plain value matching `schema`, or an Output / Promise of it (whose
 * checks are left to deploy time). The TypeScript type is `pulumi.Input<T>`.
 */
export function input<S extends z.ZodType>(schema: S): z.ZodType<pulumi.Input<z.output<S>>, pulumi.Input<z.input<S>>> {
    // The Output branch first: an Output is a proxy whose every property read (a length check's
    // `.length`) makes a new Output, so it must never reach the plain schema's checks.
    return z.union([deployTimeValue, schema]) as unknown as z.ZodType<
        pulumi.Input<z.output<S>>,
        pulumi.Input<z.input<S>>
    >;
}

/**
 * A field that decides the plan and must therefore be a plain value at construction. An Output
 * or a Promise gets `must be known before deployment (<why>); got an Output`.
 */
export function planTime<S extends z.ZodType>(schema: S, why: string): S {
    const known = z.custom<unknown>((v) => !isDeployTimeValue(v), {
        message: `must be known before deployment (${why}); got an Output or a Promise`,
    });
    return known.pipe(schema) as unknown as S;
}

/**
 * A closed object: unknown keys are errors (with a suggestion when a known key is near). Use it
 * for every args object; a documented pass-through escape hatch uses `z.record(...)` instead.
 */
export function obj<T extends z.ZodRawShape>(shape: T): z.ZodObject<T, z.core.$strict> {
    // An Output or a Promise given for the whole object gets one reason from shapeProblems(), not
    // its internal keys reported as unknown ones.
    return z.strictObject(shape);
}

/** Tags as every component takes them: plain keys, values that may be Outputs. */
export const tagsSchema = z.record(z.string(), input(z.string()));

/** A whole number (AWS's integer fields); NaN, Infinity and fractions are rejected. */
export const int = (): z.ZodNumber => z.number().int();

/** Problems found by {@link shapeProblems}: path from the args root and the reason. */
export interface ShapeProblem {
    propertyPath: string;
    reason: string;
}

/**
 * Checks `args` against `schema` and records every shape problem in `v`, with paths prefixed by
 * `prefix`. Returns true when the shape holds, so the caller's semantic checks may assume it.
 */
export function checkShape(v: Validator, schema: z.ZodType, args: unknown, prefix?: string): boolean {
    const problems = shapeProblems(schema, args);
    for (const p of problems) v.addShape(joinPath(prefix, p.propertyPath), p.reason);
    return problems.length === 0;
}

/** True when `path` is `covered` or lies under it (`a.b` covers `a.b.c` and `a.b[0]`; the root covers all). */
function under(path: string, covered: string): boolean {
    if (covered === "" || path === covered) return true;
    return path.startsWith(`${covered}.`) || path.startsWith(`${covered}[`);
}

/**
 * A planner's validation, the one way: the shape check, then the semantic checks `check` (always,
 * so their problems are collected too; a TypeError they hit on a malformed value is swallowed,
 * since the shape's problems explain it), then one `InputPropertiesError` with every problem,
 * before anything is registered. A path whose shape is wrong keeps its shape problem alone: a
 * semantic problem at or under it would only repeat it, except where the planner restates the
 * same kind of reason more precisely at that very path (a tier's narrower list of allowed values
 * where the shared shape lists every tier's; "is required: give the VPC id" for "give a string"),
 * which then replaces the shape's. Returns what `check` returned.
 */
export function checkedPlan<T>(subject: string, schema: z.ZodType, args: unknown, check: (v: Validator) => T): T {
    const v = new Validator(subject);
    const ok = checkShape(v, schema, args);
    const semantic = new Validator(subject);
    let result: T | undefined;
    try {
        result = check(semantic);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) semantic.merge(e.errors);
        else if (ok) throw e;
    }
    const shape = [...v.problems];
    for (const p of semantic.problems) {
        const covered = shape.some((s) => under(p.propertyPath, s.propertyPath));
        const precise = shape.some((s) => s.propertyPath === p.propertyPath && restates(s.reason, p.reason));
        if (!covered || precise) v.add(p.propertyPath, p.reason);
    }
    v.throwIfAny();
    return result as T;
}

/** The shape problems of `value` against `schema`, each with its path and a readable reason. */
export function shapeProblems(schema: z.ZodType, value: unknown): ShapeProblem[] {
    // jitless: zod would compile a parser per object schema on its first use (new Function), which
    // pays only after hundreds of parses; a program checks each component's args once.
    const result = schema.safeParse(value, { reportInput: true, jitless: true });
    if (result.success) return objectsGivenLater(value, result.data, []).map(deployTimeProblem);
    const out: ShapeProblem[] = [];
    const seen = new Set<string>();
    const push = (p: ShapeProblem) => {
        const key = `${p.propertyPath}\u0000${p.reason}`;
        if (!seen.has(key)) {
            seen.add(key);
            out.push(p);
        }
    };
    for (const issue of result.error.issues) {
        // An Output or a Promise where a plain object or list belongs: one reason at its path,
        // not the issues zod found inside the Output object.
        const deployTime = issue.code === "custom" ? undefined : deployTimePrefix(value, issue.path);
        if (deployTime !== undefined) {
            push(deployTimeProblem(deployTime));
            continue;
        }
        for (const p of describeIssue(schema, value, issue, [])) push(p);
    }
    return out;
}

function deployTimeProblem(path: readonly PathKey[]): ShapeProblem {
    return {
        propertyPath: pathString(path),
        reason: "must be known before deployment here (got an Output or a Promise); give its fields as Outputs instead",
    };
}

/**
 * Paths where the args hold an Output or a Promise and the parse made a plain object of it: an
 * object whose fields are all optional accepts a Promise (an object with no own fields), and the
 * planner would silently use the defaults instead of what the Promise holds. A field that may be
 * an Output (`input()`) keeps the value itself, so it is not one of them.
 */
function objectsGivenLater(given: unknown, parsed: unknown, path: PathKey[]): PathKey[][] {
    if (parsed === null || typeof parsed !== "object" || parsed === given) return [];
    if (isDeployTimeValue(given)) return [path];
    if (given === null || typeof given !== "object") return [];
    const out: PathKey[][] = [];
    for (const [k, v] of Object.entries(parsed)) {
        const key: PathKey = Array.isArray(parsed) ? Number(k) : k;
        out.push(...objectsGivenLater((given as Record<PropertyKey, unknown>)[key], v, [...path, key]));
    }
    return out;
}

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

function pathString(path: readonly PathKey[]): string {
    return joinPath(...path.map((s) => (typeof s === "number" ? s : String(s))));
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
    let cur: unknown = root;
    for (const seg of path) {
        if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
        cur = (cur as Record<PropertyKey, unknown>)[seg];
    }
    return cur;
}

/** The shortest prefix of `path` (the root included) whose value is an Output or a Promise. */
function deployTimePrefix(root: unknown, path: readonly PathKey[]): PathKey[] | undefined {
    for (let i = 0; i <= path.length; i++) {
        const prefix = path.slice(0, i);
        if (isDeployTimeValue(valueAt(root, prefix))) return prefix;
    }
    return undefined;
}

function describeIssue(schema: z.ZodType, root: unknown, issue: Issue, base: readonly PathKey[]): ShapeProblem[] {
    const path = [...base, ...issue.path];
    const at = pathString(path);
    const got = valueAt(root, path);
    switch (issue.code) {
        case "invalid_type": {
            if (got === undefined)
                return [{ propertyPath: at, reason: `is required: give ${expected(issue.expected)}` }];
            return [{ propertyPath: at, reason: `must be ${expected(issue.expected)} (got ${describeValue(got)})` }];
        }
        case "unrecognized_keys": {
            const known = knownKeys(schemaAt(schema, path));
            return issue.keys.map((key) => ({
                propertyPath: pathString([...path, key]),
                reason: unknownKeyReason(key, known),
            }));
        }
        case "invalid_union": {
            // input(): the Output branch only accepts Outputs; report the plain branch.
            const branches = issue.errors.filter(
                (b) => !(b.length === 1 && b[0].code === "custom" && b[0].message === DEPLOY_TIME_BRANCH),
            );
            if (branches.length === 1) return branches[0].flatMap((i) => describeIssue(schema, root, i, path));
            // An exactly-one-of union: the branch that got furthest explains best.
            const deepest = [...branches].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
            if (deepest && depth(deepest) > 0) return deepest.flatMap((i) => describeIssue(schema, root, i, path));
            const kinds = branches.flatMap((b) =>
                b.map((i) => (i.code === "invalid_type" ? expected(i.expected) : undefined)),
            );
            const list = [...new Set(kinds.filter((k): k is string => k !== undefined))];
            const reason =
                list.length > 0
                    ? `must be ${list.join(" or ")} (got ${describeValue(got)})`
                    : (deepest?.[0]?.message ?? issue.message);
            return [{ propertyPath: at, reason }];
        }
        case "invalid_value":
            return [
                {
                    propertyPath: at,
                    reason: `must be one of ${issue.values.map((x) => JSON.stringify(x)).join(", ")} (got ${describeValue(got)})`,
                },
            ];
        case "too_small":
        case "too_big": {
            const small = issue.code === "too_small";
            const bound = Number(
                small
                    ? (issue as { minimum: number | bigint }).minimum
                    : (issue as { maximum: number | bigint }).maximum,
            );
            const inclusive = issue.inclusive !== false;
            const origin = issue.origin;
            if (origin === "array" || origin === "set") {
                const n = Array.isArray(got) ? got.length : "?";
                return [
                    {
                        propertyPath: at,
                        reason: `must have ${small ? "at least" : "at most"} ${bound} entries (got ${n})`,
                    },
                ];
            }
            if (origin === "string") {
                const n = typeof got === "string" ? got.length : "?";
                return [
                    {
                        propertyPath: at,
                        reason: `must be ${small ? "at least" : "at most"} ${bound} characters long (got ${n})`,
                    },
                ];
            }
            const cmp = small ? (inclusive ? "at least" : "greater than") : inclusive ? "at most" : "less than";
            return [{ propertyPath: at, reason: `must be ${cmp} ${bound} (got ${describeValue(got)})` }];
        }
        case "invalid_format":
            return [{ propertyPath: at, reason: `must be a valid ${issue.format} (got ${describeValue(got)})` }];
        case "not_multiple_of":
            return [
                {
                    propertyPath: at,
                    reason: `must be a multiple of ${String(issue.divisor)} (got ${describeValue(got)})`,
                },
            ];
        case "invalid_key":
            return issue.issues.flatMap((i) =>
                describeIssue(schema, root, { ...i, message: `key: ${i.message}` } as Issue, path),
            );
        case "invalid_element":
            return issue.issues.flatMap((i) => describeIssue(schema, root, i, [...path, issue.key as PathKey]));
        default:
            return [{ propertyPath: at, reason: issue.message }];
    }
}

function depth(branch: readonly Issue[]): number {
    return Math.max(0, ...branch.map((i) => i.path.length));
}

function expected(kind: string): string {
    switch (kind) {
        case "boolean":
            return "a boolean (true or false)";
        case "number":
            return "a finite number";
        case "int":
            return "a whole number";
        case "string":
            return "a string";
        case "array":
            return "a list";
        case "object":
            return "an object";
        case "record":
            return "a map of keys to values";
        case "bigint":
            return "a whole number";
        default:
            return kind;
    }
}

/** How a bad value reads in a reason: `the string "false"`, `null`, `NaN`, `a list of 3`, `an Output`. */
export function describeValue(value: unknown): string {
    if (value === null) return "null";
    if (value === undefined) return "nothing";
    if (isDeployTimeValue(value)) return "an Output or a Promise";
    if (typeof value === "string") {
        const shown =
            value.length > 40
                ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)`
                : JSON.stringify(value);
        return `the string ${shown}`;
    }
    if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
    if (typeof value === "boolean") return `the boolean ${value}`;
    if (Array.isArray(value)) return `a list of ${value.length}`;
    if (typeof value === "function") return "a function";
    if (typeof value === "object") return "an object";
    return String(value);
}

// ---- unknown keys and suggestions ----

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
    let cur: z.ZodType | undefined = schema;
    for (let i = 0; i < 20 && cur; i++) {
        const def = (cur as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
        switch (def.type) {
            case "optional":
            case "nullable":
            case "default":
            case "prefault":
            case "readonly":
            case "catch":
            case "nonoptional":
                cur = def.innerType as z.ZodType;
                break;
            case "pipe":
                cur = def.out as z.ZodType;
                break;
            case "lazy":
                cur = (def.getter as () => z.ZodType)();
                break;
            case "union": {
                // input(): the plain branch. Other unions: the first object branch.
                const options = def.options as z.ZodType[];
                cur = options.find(
                    (o) => (o as unknown as { _zod: { def: { type: string } } })._zod.def.type !== "custom",
                );
                break;
            }
            default:
                return cur;
        }
    }
    return cur;
}

function schemaAt(schema: z.ZodType, path: readonly PathKey[]): z.ZodType | undefined {
    let cur = unwrap(schema);
    for (const seg of path) {
        if (!cur) return undefined;
        const def = (cur as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
        if (def.type === "object") cur = unwrap((def.shape as Record<string, z.ZodType>)[String(seg)]);
        else if (def.type === "record") cur = unwrap(def.valueType as z.ZodType);
        else if (def.type === "array") cur = unwrap(def.element as z.ZodType);
        else if (def.type === "tuple") cur = unwrap((def.items as z.ZodType[])[Number(seg)]);
        else return undefined;
    }
    return cur;
}

function knownKeys(schema: z.ZodType | undefined): string[] {
    if (!schema) return [];
    const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    return def.type === "object" ? Object.keys(def.shape as object) : [];
}

/** `unknown key; did you mean X?`, or `unknown key; the keys here are a, b, c`. */
export function unknownKeyReason(key: string, known: readonly string[]): string {
    const near = nearestKey(key, known);
    if (near) return `unknown key; did you mean ${near}?`;
    if (known.length === 0) return "unknown key";
    return `unknown key; the keys here are ${[...known].sort().join(", ")}`;
}

/** The known key closest to `key` (case-insensitive edit distance within a third of its length), if any. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    const k = key.toLowerCase();
    for (const candidate of known) {
        const d = editDistance(k, candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    const limit = Math.max(2, Math.floor(key.length / 3));
    return best !== undefined && bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
    if (a === b) return 0;
    const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = tmp;
        }
    }
    return prev[b.length];
}

/**
 * Compile-time proof that a schema and an Args interface describe the same values:
 * `const _check: MutuallyAssignable<z.input<typeof fooArgsSchema>, FooArgs> = true;`
 * fails to compile when either drifts from the other.
 */
export type MutuallyAssignable<A, B> = [A] extends [B]
    ? [B] extends [A]
        ? // Assignability alone misses an optional field one side lacks: compare the keys too.
          [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never]
            ? true
            : false
        : false
    : false;

/** The JSON Schema of a component's args (Outputs are not representable and become `{}`). */
export function argsJsonSchema(schema: z.ZodType): Record<string, unknown> {
    // The output side: a plan-time field's pipe then shows its schema, not the custom "known now" check.
    const json = z.toJSONSchema(schema, { unrepresentable: "any", io: "output" }) as Record<string, unknown>;
    return plainBranchFirst(json) as Record<string, unknown>;
}

/** In every `anyOf`, the plain value's schema before input()'s Output branch (`{}`), for readers and editors. */
function plainBranchFirst(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(plainBranchFirst);
    if (node === null || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
        const value = plainBranchFirst(v);
        out[k] =
            k === "anyOf" && Array.isArray(value)
                ? [
                      ...value.filter((b) => Object.keys(b as object).length > 0),
                      ...value.filter((b) => Object.keys(b as object).length === 0),
                  ]
                : value;
    }
    return out;
}

/**
 * The kind of schema at `path` (`object`, `record`, `array`, `string`, …), looking through
 * optional, `input()` and `planTime()` wrappers; `undefined` when the path leads nowhere. Tools
 * (the property tests, docs) use it to tell a map's free-form keys from an object's fixed ones.
 */
export function schemaKindAt(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
    const at = schemaAt(schema, path);
    return at ? (at as unknown as { _zod: { def: { type: string } } })._zod.def.type : undefined;
}
