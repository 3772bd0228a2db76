/**
 * Plan files (`plan --format json`): reading and checking one, for the diff, check and cost
 * commands and for library users of `compute-layer/plan`.
 */
import * as fs from "node:fs";
import { z } from "zod";
import { joinPath } from "../core/validation";
import { PLAN_FORMAT_VERSION, type Plan } from "./types";

/** A plan file that cannot be diffed: not JSON, not a plan, another version, another project. */
export class PlanFileError extends Error {}

const resourceSchema = z.object({
    urn: z.string().min(1),
    type: z.string().min(1),
    name: z.string(),
    parent: z.string().optional(),
    custom: z.boolean(),
    inputs: z.record(z.string(), z.unknown()),
    options: z.record(z.string(), z.unknown()),
    outputs: z.record(z.string(), z.string()).optional(),
});

const planSchema = z.object({
    version: z.literal(PLAN_FORMAT_VERSION),
    project: z.string().min(1),
    stack: z.string().min(1),
    rootUrn: z.string(),
    resources: z.array(resourceSchema),
    outputs: z.record(z.string(), z.unknown()),
    secretKeyId: z.string().optional(),
});

/** Parses the text of a plan JSON file; `label` names it in errors. Throws {@link PlanFileError}. */
export function parsePlan(text: string, label: string): Plan {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new PlanFileError(
            `${label}: not a plan JSON file (${(e as Error).message}); write one with \`plan --format json --out FILE\``,
        );
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !("resources" in doc || "rootUrn" in doc)) {
        throw new PlanFileError(
            `${label}: not a plan JSON file (expected an object with version, project, stack and resources)`,
        );
    }
    const version = (doc as { version?: unknown }).version;
    if (version !== PLAN_FORMAT_VERSION) {
        throw new PlanFileError(
            `${label}: plan format version ${JSON.stringify(version ?? null)}; this compute-layer reads version ${PLAN_FORMAT_VERSION} (re-run \`plan --format json\` with the same compute-layer)`,
        );
    }
    const parsed = planSchema.safeParse(doc);
    if (!parsed.success) {
        const issues = parsed.error.issues
            .slice(0, 5)
            .map(
                (i) =>
                    `${joinPath(...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))) || "(root)"}: ${i.message}`,
            );
        const more = parsed.error.issues.length > 5 ? `; and ${parsed.error.issues.length - 5} more` : "";
        throw new PlanFileError(`${label}: not a valid plan: ${issues.join("; ")}${more}`);
    }
    const urns = new Set<string>();
    for (const r of parsed.data.resources) {
        if (urns.has(r.urn)) throw new PlanFileError(`${label}: not a valid plan: the URN ${r.urn} appears twice`);
        urns.add(r.urn);
    }
    return parsed.data as Plan;
}

/** Reads and parses a plan JSON file. Throws {@link PlanFileError}. */
export function readPlanFile(file: string): Plan {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new PlanFileError(
            `${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        );
    }
    return parsePlan(text, file);
}
