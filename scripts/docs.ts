/**
 * `npm run docs`: writes each component's args tables into its tier page
 * (`components/<tier>/README.md`), between `<!-- args:<Class>:start -->` and
 * `<!-- args:<Class>:end -->`, from the TSDoc of the exported interfaces in the component's
 * `args.ts` (description, `@default`). `npm run docs -- --check` exits 1 when a table is stale;
 * a test runs the same check, the way terraform-docs keeps module READMEs true.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const root = path.resolve(__dirname, "..");

export interface ComponentDoc {
    tier: string;
    folder: string;
    className: string;
    argsFile: string;
}

/** Every component: `components/<tier>/<folder>/` with an `args.ts` and a class extending ComponentResource. */
export function findComponents(base = root): ComponentDoc[] {
    const out: ComponentDoc[] = [];
    const components = path.join(base, "components");
    for (const tier of fs.readdirSync(components).sort()) {
        const tierDir = path.join(components, tier);
        if (!fs.statSync(tierDir).isDirectory()) continue;
        for (const folder of fs.readdirSync(tierDir).sort()) {
            const dir = path.join(tierDir, folder);
            if (folder === "shared" || !fs.statSync(dir).isDirectory()) continue;
            const argsFile = path.join(dir, "args.ts");
            if (!fs.existsSync(argsFile)) continue;
            for (const file of fs.readdirSync(dir)) {
                if (!file.endsWith(".ts") || ["args.ts", "plan.ts", "index.ts", "schema.ts"].includes(file)) continue;
                const text = fs.readFileSync(path.join(dir, file), "utf8");
                const m = /export class (\w+) extends pulumi\.ComponentResource/.exec(text);
                if (m) out.push({ tier, folder, className: m[1], argsFile });
            }
        }
    }
    return out;
}

function clean(text: string): string {
    return text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
}

/** A TSDoc comment's text, `{@link X}` written as `X`. */
function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
    if (comment === undefined) return "";
    if (typeof comment === "string") return comment;
    return comment
        .map((c) => {
            if (ts.isJSDocLink(c) || ts.isJSDocLinkCode(c) || ts.isJSDocLinkPlain(c)) {
                const target = c.name ? c.name.getText() : "";
                return `\`${c.text.trim() || target}\``;
            }
            return c.text;
        })
        .join("");
}

function docOf(node: ts.Node): { description: string; default?: string } {
    const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
    const doc = docs[docs.length - 1];
    if (!doc) return { description: "" };
    const comment = commentText(doc.comment);
    const tag = doc.tags?.find((t) => t.tagName.text === "default");
    const def = tag ? commentText(tag.comment) : undefined;
    return { description: clean(comment), default: def === undefined ? undefined : clean(def) };
}

/** The markdown tables of every exported interface in an args file, the component's own Args first. */
export function argsTables(argsFile: string, className: string): string {
    const source = ts.createSourceFile(argsFile, fs.readFileSync(argsFile, "utf8"), ts.ScriptTarget.ES2022, true);
    const interfaces = source.statements.filter(
        (s): s is ts.InterfaceDeclaration =>
            ts.isInterfaceDeclaration(s) && (s.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
    );
    const main = `${className}Args`;
    interfaces.sort((a, b) => Number(b.name.text === main) - Number(a.name.text === main));
    const parts: string[] = [];
    for (const decl of interfaces) {
        const heading = `**\`${decl.name.text}\`**`;
        const extendsText = decl.heritageClauses?.map((h) => h.getText(source)).join(" ");
        const { description } = docOf(decl);
        const rows = decl.members.filter(ts.isPropertySignature).map((m) => {
            const name = m.name.getText(source);
            const type = m.type ? clean(m.type.getText(source)) : "";
            const { description: d, default: def } = docOf(m);
            const required = m.questionToken ? "" : " (required)";
            return `| \`${name}\`${required} | \`${type}\` | ${def ?? ""} | ${d} |`;
        });
        parts.push(
            [
                `${heading}${extendsText ? ` (${extendsText})` : ""}${description ? ` — ${description}` : ""}`,
                "",
                "| field | type | default | description |",
                "| --- | --- | --- | --- |",
                ...rows,
            ].join("\n"),
        );
    }
    return parts.join("\n\n");
}

const marker = (className: string, end: "start" | "end") => `<!-- args:${className}:${end} -->`;

/** The tier pages as they should be; returns the files whose content differs from disk. */
export function renderDocs(base = root): { file: string; expected: string; actual: string; missing: string[] }[] {
    const byPage = new Map<string, ComponentDoc[]>();
    for (const c of findComponents(base)) {
        const page = path.join(base, "components", c.tier, "README.md");
        byPage.set(page, [...(byPage.get(page) ?? []), c]);
    }
    const results: { file: string; expected: string; actual: string; missing: string[] }[] = [];
    for (const [page, components] of byPage) {
        const actual = fs.existsSync(page) ? fs.readFileSync(page, "utf8") : "";
        let expected = actual;
        const missing: string[] = [];
        for (const c of components) {
            const start = marker(c.className, "start");
            const end = marker(c.className, "end");
            const i = expected.indexOf(start);
            const j = expected.indexOf(end);
            if (i < 0 || j < i) {
                missing.push(c.className);
                continue;
            }
            const table = argsTables(c.argsFile, c.className);
            expected = `${expected.slice(0, i + start.length)}\n${table}\n${expected.slice(j)}`;
        }
        results.push({ file: page, expected, actual, missing });
    }
    return results;
}

if (require.main === module) {
    const check = process.argv.includes("--check");
    let failed = false;
    for (const r of renderDocs()) {
        const rel = path.relative(root, r.file);
        for (const m of r.missing) {
            console.error(`${rel}: no ${marker(m, "start")} … ${marker(m, "end")} markers for ${m}`);
            failed = true;
        }
        if (r.expected === r.actual) continue;
        if (check) {
            console.error(`${rel}: args tables are stale; run npm run docs`);
            failed = true;
        } else {
            fs.writeFileSync(r.file, r.expected);
            console.log(`wrote ${rel}`);
        }
    }
    process.exitCode = failed ? 1 : 0;
}
