/**
 * Extracts the TypeScript blocks of the README and the component pages into files that
 * `tsgo` can type-check: a block with `import` statements is a whole program and compiles as
 * written (with `compute-layer` resolved to this repo's root); a block without is a fragment and
 * compiles after the declared context in ./context.ts (what a program would have built before it).
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface CodeBlock {
    file: string;
    line: number;
    code: string;
}

const root = path.resolve(__dirname, "../..");

export function docPages(): string[] {
    const pages = [path.join(root, "README.md")];
    for (const page of ["src/scaling/README.md", "src/plan/README.md", "stacks/README.md", "policy/README.md"]) {
        if (fs.existsSync(path.join(root, page))) pages.push(path.join(root, page));
    }
    for (const tier of fs.readdirSync(path.join(root, "components"))) {
        const page = path.join(root, "components", tier, "README.md");
        if (fs.existsSync(page)) pages.push(page);
    }
    const examples = path.join(root, "examples");
    if (fs.existsSync(examples)) {
        for (const ex of fs.readdirSync(examples)) {
            const page = path.join(examples, ex, "README.md");
            if (fs.existsSync(page)) pages.push(page);
        }
    }
    return pages;
}

export function codeBlocks(page: string): CodeBlock[] {
    const lines = fs.readFileSync(page, "utf8").split("\n");
    const out: CodeBlock[] = [];
    let start = -1;
    let buf: string[] = [];
    for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (start < 0 && /^```(ts|typescript)\s*$/.test(l.trim())) {
            start = i + 1;
            buf = [];
        } else if (start >= 0 && l.trim() === "```") {
            out.push({ file: page, line: start, code: buf.join("\n") });
            start = -1;
        } else if (start >= 0) buf.push(l);
    }
    return out;
}

/** Writes every block as a module under `dir`, and a tsconfig that checks them; returns the map back to the docs. */
export function writeBlocks(dir: string): Map<string, CodeBlock> {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const map = new Map<string, CodeBlock>();
    let n = 0;
    for (const page of docPages()) {
        for (const b of codeBlocks(page)) {
            const name = `block-${String(++n).padStart(3, "0")}.ts`;
            const whole = /^\s*import\s/m.test(b.code);
            const text = whole ? `${b.code}\nexport {};\n` : `${prelude(dir)}\n${b.code}\nexport {};\n`;
            fs.writeFileSync(path.join(dir, name), text);
            map.set(name, b);
        }
    }
    const tsconfig = {
        extends: path.relative(dir, path.join(root, "tsconfig.json")).replace(/\\/g, "/"),
        compilerOptions: {
            noEmit: true,
            incremental: false,
            noUnusedLocals: false,
            paths: {
                "compute-layer": [`./${path.relative(dir, path.join(root, "src", "index.d.ts")).replace(/\\/g, "/")}`],
                "compute-layer/plan": [
                    `./${path.relative(dir, path.join(root, "src", "plan", "index.ts")).replace(/\\/g, "/")}`,
                ],
            },
        },
        include: ["*.ts"],
    };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    return map;
}

/** The names ./context.ts declares for every fragment. */
export const CONTEXT_NAMES = [
    "vpcId",
    "publicSubnetIds",
    "privateSubnetIds",
    "certificateArn",
    "alb",
    "cluster",
    "eks",
    "queueArn",
];

/** What a fragment starts from: the SDKs, every name the package root exports, and the context. */
function prelude(dir: string): string {
    const index = fs.readFileSync(path.join(root, "src", "index.d.ts"), "utf8");
    const types = [...index.matchAll(/^export type \{ ([^}]+) \}/gm)].flatMap((m) =>
        m[1].split(",").map((x) => x.trim()),
    );
    const values = [...index.matchAll(/^export \{ ([^}]+) \}/gm)].flatMap((m) => m[1].split(",").map((x) => x.trim()));
    const context = path.relative(dir, path.join(__dirname, "context")).replace(/\\/g, "/");
    return [
        'import * as pulumi from "@pulumi/pulumi";',
        'import * as aws from "@pulumi/aws";',
        'import * as k8s from "@pulumi/kubernetes";',
        `import { ${values.join(", ")} } from "compute-layer";`,
        `import type { ${types.join(", ")} } from "compute-layer";`,
        `import { ${CONTEXT_NAMES.join(", ")} } from "${context}";`,
    ].join("\n");
}
