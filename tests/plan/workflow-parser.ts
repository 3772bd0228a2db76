import { register } from "node:module";

/**
 * Loads GitHub's workflow parser (@actions/workflow-parser, ESM only). Its build imports its
 * JSON schema without an import attribute (`with { type: "json" }`), which Node's own ESM
 * loader refuses; a load hook, registered once for this process, serves the package's own
 * .json files as ES modules that export the same object.
 */

export type WorkflowParser = typeof import("@actions/workflow-parser", { with: { "resolution-mode": "import" }});

const HOOK = `
import { readFile } from "node:fs/promises";
export async function load(url, context, next) {
    if (url.startsWith("file:") && url.endsWith(".json") && url.includes("/@actions/workflow-parser/") && !context.importAttributes?.type) {
        return { format: "module", source: "export default " + (await readFile(new URL(url), "utf8")) + ";", shortCircuit: true };
    }
    return next(url, context);
}`;

let loaded: Promise<WorkflowParser> | undefined;

export function loadWorkflowParser(): Promise<WorkflowParser> {
    if (!loaded) {
        register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
        loaded = import("@actions/workflow-parser");
    }
    return loaded;
}
