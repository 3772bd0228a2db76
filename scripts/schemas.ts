/**
 * `npm run schemas`: writes `schemas/<Class>.json`, the JSON Schema of each component's args,
 * generated from its zod shape (`components/<tier>/<component>/schema.ts`, the export ending in
 * `ArgsSchema`) — a first step toward use from other languages. Outputs are not representable in
 * JSON Schema and appear as `{}` alternatives. `--check` exits 1 when a file is stale; a test runs
 * the same check.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { argsJsonSchema } from "../src/core/shape";
import { findComponents } from "./docs";

const root = path.resolve(__dirname, "..");

/** The schema files as they should be, by path. */
export async function renderSchemas(base = root): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const c of findComponents(base)) {
        const file = path.join(path.dirname(c.argsFile), "schema.ts");
        if (!fs.existsSync(file)) continue;
        const mod = (await import(file)) as Record<string, unknown>;
        const entry = Object.entries(mod).find(([k]) => k.endsWith("ArgsSchema"));
        if (!entry) continue;
        const json = {
            $id: `https://compute-layer.dev/schemas/${c.className}.json`,
            title: `${c.className}Args`,
            ...argsJsonSchema(entry[1] as z.ZodType),
        };
        out.set(path.join(base, "schemas", `${c.className}.json`), `${JSON.stringify(json, null, 2)}\n`);
    }
    return out;
}

async function main(): Promise<void> {
    const check = process.argv.includes("--check");
    const wanted = await renderSchemas();
    let stale = 0;
    fs.mkdirSync(path.join(root, "schemas"), { recursive: true });
    for (const [file, text] of wanted) {
        const actual = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
        if (actual === text) continue;
        stale++;
        if (check) console.error(`${path.relative(root, file)} is stale; run npm run schemas`);
        else fs.writeFileSync(file, text);
    }
    for (const f of fs.readdirSync(path.join(root, "schemas"))) {
        const file = path.join(root, "schemas", f);
        if (!wanted.has(file)) {
            stale++;
            if (check) console.error(`schemas/${f} belongs to no component`);
            else fs.rmSync(file);
        }
    }
    console.log(`${wanted.size} schemas, ${stale} ${check ? "stale" : "written"}`);
    process.exitCode = check && stale > 0 ? 1 : 0;
}

if (require.main === module) void main();
