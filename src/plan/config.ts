import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** Stack config as the plan engine takes it. */
export interface StackConfig {
    /** Full keys (`compute-layer:tiers`), values as the CLI would pass them (objects as JSON). */
    config: Record<string, string>;
    /** Keys whose value was stored encrypted. */
    secretKeys: string[];
}

/** The text an encrypted (`secure:`) config value becomes offline: it cannot be decrypted here. */
export function securePlaceholder(key: string): string {
    return `offline-plan-secret-placeholder:${key}`;
}

function replaceSecure(value: unknown, key: string, found: { secure: boolean }): unknown {
    if (Array.isArray(value)) return value.map((v) => replaceSecure(v, key, found));
    if (typeof value === "object" && value !== null) {
        const o = value as Record<string, unknown>;
        if (Object.keys(o).length === 1 && typeof o.secure === "string") {
            found.secure = true;
            return securePlaceholder(key);
        }
        return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, replaceSecure(v, key, found)]));
    }
    return value;
}

/**
 * Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI does: keys without a namespace belong
 * to the project, structured values are passed as JSON, and `secure:` values (which only the
 * stack's secrets provider can decrypt) become secret placeholders so the program still runs.
 */
export function loadStackConfig(file: string, project: string): StackConfig {
    const text = fs.readFileSync(file, "utf8");
    let doc: unknown;
    try {
        doc = parse(text) ?? {};
    } catch (e) {
        throw new Error(`${file}: not valid YAML: ${(e as Error).message}`);
    }
    const raw = (doc as { config?: unknown }).config ?? {};
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
        throw new Error(`${file}: "config" must be a map of keys to values`);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        const key = k.includes(":") ? k : `${project}:${k}`;
        const found = { secure: false };
        const value = replaceSecure(v, key, found);
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (found.secure) secretKeys.push(key);
    }
    return { config, secretKeys };
}

/** The project name in a Pulumi.yaml. */
export function readProjectName(pulumiYaml: string): string {
    const doc = parse(fs.readFileSync(pulumiYaml, "utf8")) as { name?: unknown } | null;
    if (!doc || typeof doc.name !== "string") throw new Error(`${pulumiYaml}: has no project name`);
    return doc.name;
}

/** The stacks that have a `Pulumi.<stack>.yaml` in `dir`, sorted. */
export function listStacks(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** Where a stack's config file lives, for a project whose `stackConfigDir` is `dir`. */
export function stackConfigFile(dir: string, stack: string): string {
    return path.join(dir, `Pulumi.${stack}.yaml`);
}
