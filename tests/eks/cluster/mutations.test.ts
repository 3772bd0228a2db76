import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { type EksClusterArgs, planEksCluster } from "../../../components/eks";
import { validArgs } from "./fixture";

/**
 * Every single-field mutation of the fixture either plans, or throws one InputPropertiesError
 * naming the mutated field (or its parent, for a key); never a TypeError (issue 19).
 */
const ctx = { stack: "dev", now: new Date("2026-11-30T12:00:00Z") };
type Path = (string | number)[];

function leaves(value: unknown, path: Path = []): Path[] {
    if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => leaves(v, [...path, i]))];
    if (value !== null && typeof value === "object" && !pulumi.Output.isInstance(value)) {
        return [path, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
    }
    return [path];
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
    if (path.length === 0) return value;
    const [head, ...rest] = path;
    const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
    copy[head] = setAt((root as Record<string | number, unknown>)[head], rest, value);
    return copy;
}

const joined = (path: Path) =>
    path
        .map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`))
        .join("")
        .replace(/^\./, "");

describe("EksCluster: single-field mutations of the fixture", () => {
    const mutations: [string, unknown][] = [
        ["null", null],
        ['"false"', "false"],
        ["NaN", Number.NaN],
        ["a long list", Array.from({ length: 1_000 }, () => "x")],
        ["an Output", pulumi.output("x")],
        ["a long string", "x".repeat(10_000)],
        ["an object", { nope: 1 }],
    ];
    const paths = leaves(validArgs).filter((p) => p.length > 0);

    it("never a raw exception, and the error names the mutated field or a parent", () => {
        expect(paths.length).toBeGreaterThan(50);
        const failures: string[] = [];
        for (const path of paths) {
            let current: unknown = validArgs;
            for (const seg of path) current = (current as Record<string | number, unknown>)[seg];
            for (const [label, value] of mutations) {
                // Each kind where it is a wrong type or a boundary for the fixture's value (keeps the test fast).
                const kind = Array.isArray(current) ? "list" : current === null ? "null" : typeof current;
                if (label === "a long list" && kind !== "list") continue;
                if (label === "a long string" && kind !== "string") continue;
                if (label === "NaN" && kind !== "number") continue;
                if (label === '"false"' && kind === "string") continue;
                if (label === "an object" && (kind === "object" || kind === "list")) continue;
                const args = setAt(validArgs, path, value) as EksClusterArgs;
                try {
                    planEksCluster("c", args, ctx);
                } catch (e) {
                    if (!pulumi.InputPropertiesError.isInstance(e)) {
                        failures.push(`${joined(path)} = ${label}: ${String(e)}`);
                        continue;
                    }
                    const at = joined(path);
                    const named = e.errors.some(
                        (x) =>
                            at === x.propertyPath ||
                            at.startsWith(`${x.propertyPath}.`) ||
                            at.startsWith(`${x.propertyPath}[`) ||
                            x.propertyPath.startsWith(at),
                    );
                    if (!named)
                        failures.push(`${at} = ${label}: named ${e.errors.map((x) => x.propertyPath).join(", ")}`);
                }
            }
        }
        expect(failures).toEqual([]);
    });

    it("a misspelled key anywhere is an error with a suggestion", () => {
        const objects = leaves(validArgs).filter((p) => {
            let v: unknown = validArgs;
            for (const s of p) v = (v as Record<string | number, unknown>)[s];
            return (
                v !== null &&
                typeof v === "object" &&
                !Array.isArray(v) &&
                !pulumi.Output.isInstance(v) &&
                Object.keys(v).length > 0
            );
        });
        for (const p of objects) {
            let v: Record<string, unknown> = validArgs as unknown as Record<string, unknown>;
            for (const s of p) v = v[s] as Record<string, unknown>;
            const key = Object.keys(v).find((k) => k.length > 4);
            if (!key) continue;
            // Free-form maps (labels, tags, node groups by key) take any key; the rest are closed.
            if (
                [
                    "labels",
                    "tags",
                    "nodeGroups",
                    "fargateProfiles",
                    "entries",
                    "addons",
                    "configurationValues",
                ].includes(String(p[p.length - 1]))
            )
                continue;
            const typo = `${key.slice(0, -2)}${key.slice(-1)}`;
            const args = setAt(validArgs, p, {
                ...Object.fromEntries(Object.entries(v).filter(([k]) => k !== key)),
                [typo]: v[key],
            });
            let message = "";
            try {
                planEksCluster("c", args as EksClusterArgs, ctx);
            } catch (e) {
                message = String(e);
            }
            expect(message, joined([...p, typo])).toContain(`did you mean ${key}?`);
        }
    });
});
