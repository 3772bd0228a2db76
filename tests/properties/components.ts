/**
 * Finds every component with its planner and its valid fixture, by the layout's convention:
 * `components/<tier>/<folder>/plan.ts` exports `plan<Class>`, and
 * `tests/<tier>/<folder>/fixture.ts` exports `validArgs`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { findComponents } from "../../scripts/docs";

export interface ComponentUnderTest {
    className: string;
    tier: string;
    folder: string;
    plan: (name: string, args: unknown, ctx: { stack: string; now: Date }) => unknown;
    validArgs: unknown;
    /** The args' zod shape (`schema.ts`), when the component has one. */
    schema?: import("zod").ZodType;
    /** The component class, for runs under the mocks. */
    Component: new (
        name: string,
        args: unknown,
    ) => unknown;
}

const root = path.resolve(__dirname, "../..");

export async function componentsUnderTest(): Promise<{ found: ComponentUnderTest[]; missing: string[] }> {
    const found: ComponentUnderTest[] = [];
    const missing: string[] = [];
    for (const c of findComponents(root)) {
        const dir = path.dirname(c.argsFile);
        const fixture = path.join(root, "tests", c.tier, c.folder, "fixture.ts");
        if (!fs.existsSync(fixture)) {
            missing.push(`${c.className}: no tests/${c.tier}/${c.folder}/fixture.ts`);
            continue;
        }
        const planMod = (await import(path.join(dir, "plan.ts"))) as Record<string, unknown>;
        const indexMod = (await import(path.join(dir, "index.ts"))) as Record<string, unknown>;
        const fixtureMod = (await import(fixture)) as Record<string, unknown>;
        const schemaFile = path.join(dir, "schema.ts");
        const schemaMod = fs.existsSync(schemaFile) ? ((await import(schemaFile)) as Record<string, unknown>) : {};
        const schema = Object.entries(schemaMod).find(([k]) => k.endsWith("ArgsSchema"))?.[1] as
            | import("zod").ZodType
            | undefined;
        const plan = planMod[`plan${c.className}`];
        const Component = indexMod[c.className];
        if (typeof plan !== "function" || typeof Component !== "function" || fixtureMod.validArgs === undefined) {
            missing.push(`${c.className}: plan${c.className}, the class or validArgs not found`);
            continue;
        }
        found.push({
            className: c.className,
            tier: c.tier,
            folder: c.folder,
            plan: plan as ComponentUnderTest["plan"],
            validArgs: fixtureMod.validArgs,
            schema,
            Component: Component as ComponentUnderTest["Component"],
        });
    }
    return { found, missing };
}
