import * as pulumi from "@pulumi/pulumi";

/**
 * Kinds of reason a planner may state more precisely than the shape check at the same path: its
 * narrower list of allowed values, its own "is required: give …".
 */
export const RESTATED_KINDS = ["must be one of ", "is required"] as const;

/**
 * True when a planner's `own` reason restates the shape check's `shape` reason at the same path
 * more precisely: the same kind of reason ({@link RESTATED_KINDS}), saying something else (a
 * narrower list, a more specific "give …"; the value it got aside).
 */
export function restates(shape: string, own: string): boolean {
    const kind = RESTATED_KINDS.find((k) => shape.startsWith(k));
    return kind !== undefined && own.startsWith(kind) && said(own) !== said(shape);
}

/** A reason without the value it got: two reasons that say the same thing compare equal. */
function said(reason: string): string {
    return reason.replace(/ \(got .*\)$/, "");
}

/** One problem found in a component's args: where it is (from the args root) and why. */
export interface Problem {
    /** Path from the args root, e.g. `targetGroups.api.healthCheck.timeoutSeconds` or `rules[2].priority`. */
    propertyPath: string;
    /** What is wrong and which values are allowed. */
    reason: string;
}

/**
 * True when `value` is a plain value known now: not `undefined`, not an `Output` and not a
 * `Promise`. Values that are unknown at construction are never validated synchronously.
 */
export function isKnown<T>(value: pulumi.Input<T> | undefined): value is T {
    if (value === undefined || value === null) return false;
    if (pulumi.Output.isInstance(value)) return false;
    if (typeof (value as { then?: unknown }).then === "function") return false;
    return true;
}

/** The plain value when it is known now, else `undefined`. */
export function known<T>(value: pulumi.Input<T> | undefined): T | undefined {
    return isKnown(value) ? value : undefined;
}

/**
 * The elements of an input list when the list itself is known (its elements may still be
 * Outputs), else `undefined`.
 */
export function knownList<T>(value: pulumi.Input<pulumi.Input<T>[]> | undefined): pulumi.Input<T>[] | undefined {
    return isKnown(value) && Array.isArray(value) ? value : undefined;
}

/** Joins path segments: strings with `.`, numbers as `[n]`. Keys that are not identifiers are quoted. */
export function joinPath(...segments: (string | number | undefined)[]): string {
    let out = "";
    for (const s of segments) {
        if (s === undefined || s === "") continue;
        if (typeof s === "number") out += `[${s}]`;
        else if (s.startsWith("[")) out += s;
        else out += out === "" ? s : `.${s}`;
    }
    return out;
}

function show(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * Collects every problem in a component's args, then throws them together as one
 * `pulumi.InputPropertiesError`. Planners create one, call the checks, and call
 * {@link Validator.throwIfAny} before returning their plan, so nothing is registered when any
 * input is wrong.
 *
 * Every check skips values that are not known now (Outputs, Promises, `undefined`).
 */
export class Validator {
    private readonly found: Problem[] = [];
    /** Problems recorded by the shape check ({@link addShape}), which yield to a planner's own reason at the same path. */
    private readonly fromShape = new Set<Problem>();

    /** @param subject Names the component in the error message, e.g. `ApplicationLoadBalancer "web"`. */
    constructor(private readonly subject: string) {}

    /** The problems found so far. */
    get problems(): readonly Problem[] {
        return this.found;
    }

    /** Records a problem. */
    add(propertyPath: string, reason: string): this {
        this.found.push({ propertyPath, reason });
        return this;
    }

    /**
     * Records a problem found by the shape check. When the planner's own check states the same
     * kind of reason at the same path (a list of allowed values, or what is required), the
     * planner's is the more precise one (the shared scaling shape lists every tier's metrics; the
     * tier names those it offers), and only the planner's reason is thrown.
     */
    addShape(propertyPath: string, reason: string): this {
        const p = { propertyPath, reason };
        this.found.push(p);
        this.fromShape.add(p);
        return this;
    }

    /** Records a problem when `condition` is false. */
    check(condition: boolean, propertyPath: string, reason: string): this {
        if (!condition) this.add(propertyPath, reason);
        return this;
    }

    /** Records a problem when a required value is missing. */
    required(value: unknown, propertyPath: string, what = "a value"): this {
        if (value === undefined || value === null || value === "") this.add(propertyPath, `is required: give ${what}`);
        return this;
    }

    /** Checks a known number lies in [min, max] (and is a whole number when `integer`). */
    range(
        value: pulumi.Input<number> | undefined,
        propertyPath: string,
        min: number,
        max: number,
        opts: { integer?: boolean; unit?: string } = {},
    ): this {
        if (!isKnown(value)) return this;
        const unit = opts.unit ? ` ${opts.unit}` : "";
        if (typeof value !== "number" || Number.isNaN(value)) {
            this.add(propertyPath, `must be a number from ${min} to ${max}${unit} (got ${show(value)})`);
        } else if (value < min || value > max) {
            this.add(propertyPath, `must be from ${min} to ${max}${unit} (got ${value})`);
        } else if ((opts.integer ?? true) && !Number.isInteger(value)) {
            this.add(propertyPath, `must be a whole number from ${min} to ${max}${unit} (got ${value})`);
        }
        return this;
    }

    /** Checks a known number is at least `min`. */
    min(
        value: pulumi.Input<number> | undefined,
        propertyPath: string,
        min: number,
        opts: { integer?: boolean; unit?: string } = {},
    ): this {
        return this.range(value, propertyPath, min, Number.MAX_SAFE_INTEGER, opts);
    }

    /** Checks a known value is one of `allowed`; the reason lists them. */
    oneOf<T>(value: pulumi.Input<T> | undefined, propertyPath: string, allowed: readonly T[]): this {
        if (!isKnown(value)) return this;
        if (!allowed.includes(value)) {
            this.add(propertyPath, `must be one of ${allowed.map(show).join(", ")} (got ${show(value)})`);
        }
        return this;
    }

    /** Checks a known list has between `min` and `max` entries. */
    count(
        value: pulumi.Input<unknown[]> | readonly unknown[] | undefined,
        propertyPath: string,
        min: number,
        max: number,
        what = "entries",
    ): this {
        if (!isKnown(value) || !Array.isArray(value)) return this;
        if (value.length < min || value.length > max) {
            const allowed =
                min === max
                    ? `exactly ${min}`
                    : max === Number.MAX_SAFE_INTEGER
                      ? `at least ${min}`
                      : `${min} to ${max}`;
            this.add(propertyPath, `must have ${allowed} ${what} (got ${value.length})`);
        }
        return this;
    }

    /** Checks that known values are unique; each repeat is reported at its own path. */
    unique<T>(values: readonly { value: T | undefined; path: string }[], what: string): this {
        const seen = new Map<T, string>();
        for (const { value, path } of values) {
            if (!isKnown(value as pulumi.Input<T> | undefined)) continue;
            const first = seen.get(value as T);
            if (first !== undefined)
                this.add(path, `${what} ${show(value)} is already used at ${first}; each must be unique`);
            else seen.set(value as T, path);
        }
        return this;
    }

    /** Merges problems found by a nested validator, prefixing their paths. */
    merge(problems: readonly Problem[], prefix?: string): this {
        for (const p of problems) this.add(joinPath(prefix, p.propertyPath), p.reason);
        return this;
    }

    /**
     * Runs the semantic checks `fn`. When the shape check passed (`shapeOk`), `fn` runs as is.
     * When it failed, `fn` still runs so that its problems are collected too, but an exception it
     * throws on the malformed values is swallowed: the shape problems already explain it, and the
     * caller's {@link throwIfAny} reports them all together.
     */
    attempt<T>(shapeOk: boolean, fn: () => T): T | undefined {
        if (shapeOk) return fn();
        try {
            return fn();
        } catch (e) {
            if (e instanceof pulumi.InputPropertiesError) throw e;
            return undefined;
        }
    }

    /** Throws one `pulumi.InputPropertiesError` listing every problem (each path and reason once), if there are any. */
    throwIfAny(): void {
        if (this.found.length === 0) return;
        const own = this.found.filter((p) => !this.fromShape.has(p));
        const shape = this.found.filter((p) => this.fromShape.has(p));
        const at = (list: Problem[], p: Problem) => list.filter((o) => o.propertyPath === p.propertyPath);
        const seen = new Set<string>();
        const unique = this.found.filter((p) => {
            // The shape's reason yields to the planner's more precise one; the planner's yields to
            // the shape's when it only says the same.
            if (this.fromShape.has(p) && at(own, p).some((o) => restates(p.reason, o.reason))) return false;
            if (!this.fromShape.has(p) && at(shape, p).some((o) => said(o.reason) === said(p.reason))) return false;
            const key = `${p.propertyPath}\u0000${p.reason}`;
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
        });
        throw invalidArgs(this.subject, unique);
    }
}

/** Builds the one error every planner throws. */
export function invalidArgs(subject: string, problems: readonly Problem[]): pulumi.InputPropertiesError {
    const lines = problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n");
    const n = problems.length;
    return new pulumi.InputPropertiesError({
        message: `${subject} has ${n} invalid input${n === 1 ? "" : "s"}:\n${lines}`,
        errors: problems.map((p) => ({ propertyPath: p.propertyPath, reason: p.reason })),
    });
}

/** Words in an environment-variable name that mark it as a secret which belongs in a secret store. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;

/** True when an environment-variable name looks like it carries a secret. */
export function looksLikeSecretName(name: string): boolean {
    return SECRET_NAME.test(name);
}
