import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire, SourceMap } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Loads a user's program (TypeScript or JavaScript, CommonJS or ES module) for the offline plan
 * through one esbuild bundling step, cached by content hash: the program and every file of its
 * own it imports become one JavaScript file (packages stay external and load from
 * node_modules as usual), written to `node_modules/.cache/compute-layer-plan/` and reused while
 * no source file changed. No loader hooks stay registered, and no source-map support runs on
 * every promise's stack: stack traces are mapped to the sources only when an error is printed
 * ({@link mapStack}).
 */

/** Bumped when the bundle options change, so older cache entries are not reused. */
const LOADER_VERSION = 1;

interface Manifest {
    /** Every source file bundled, by absolute path, with the SHA-256 of its content. */
    inputs: Record<string, string>;
    /** The bundle's file name in the cache folder. */
    output: string;
}

type Format = "cjs" | "esm";

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function sha256(data: string | Uint8Array): string {
    return createHash("sha256").update(data).digest("hex");
}

/** The module system Node would use for the file: by extension, else the nearest package.json's `type`. */
function formatOf(file: string): Format {
    if (/\.m[jt]s$/.test(file)) return "esm";
    if (/\.c[jt]s$/.test(file)) return "cjs";
    for (let dir = path.dirname(file); ; ) {
        const pkg = path.join(dir, "package.json");
        if (fs.existsSync(pkg)) {
            try {
                return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { type?: string }).type === "module"
                    ? "esm"
                    : "cjs";
            } catch {
                return "cjs";
            }
        }
        const up = path.dirname(dir);
        if (up === dir) return "cjs";
        dir = up;
    }
}

/**
 * The cache folder: in the nearest node_modules above the program (so the bundle's package
 * imports resolve to the same node_modules the program's own would), else in the temp folder.
 */
export function cacheDir(entry: string): string {
    for (let dir = path.dirname(entry); ; ) {
        const nm = path.join(dir, "node_modules");
        if (fs.existsSync(nm)) return path.join(nm, ".cache", "compute-layer-plan");
        const up = path.dirname(dir);
        if (up === dir) return path.join(os.tmpdir(), "compute-layer-plan-cache");
        dir = up;
    }
}

function readManifest(file: string): Manifest | undefined {
    try {
        const m = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
        return typeof m.output === "string" && typeof m.inputs === "object" ? m : undefined;
    } catch {
        return undefined;
    }
}

function fresh(m: Manifest, dir: string): boolean {
    if (!fs.existsSync(path.join(dir, m.output))) return false;
    for (const [file, hash] of Object.entries(m.inputs)) {
        try {
            if (sha256(fs.readFileSync(file)) !== hash) return false;
        } catch {
            return false;
        }
    }
    return true;
}

/** Where an identifier is used as a value: followed by `,` `)` `;` `]` `}` `+` or the line's end (not in a regex or a string). */
const USED = String.raw`(?=\s*(?:[,);\]}+]|$))`;
const LOCALS: [RegExp, (file: string) => string][] = [
    [new RegExp(String.raw`\bimport\.meta\.url${USED}`, "gm"), (f) => JSON.stringify(pathToFileURL(f).href)],
    [new RegExp(String.raw`\bimport\.meta\.dirname${USED}`, "gm"), (f) => JSON.stringify(path.dirname(f))],
    [new RegExp(String.raw`\bimport\.meta\.filename${USED}`, "gm"), (f) => JSON.stringify(f)],
    [new RegExp(String.raw`(?<![.\w$])__dirname${USED}`, "gm"), (f) => JSON.stringify(path.dirname(f))],
    [new RegExp(String.raw`(?<![.\w$])__filename${USED}`, "gm"), (f) => JSON.stringify(f)],
];

/** Per-file values of `__dirname`, `__filename` and `import.meta`, which a bundle would otherwise give its own. */
function fileLocals(text: string, file: string): string {
    let out = text;
    for (const [re, value] of LOCALS) out = out.replace(re, value(file));
    return out;
}

const LOADERS: Record<string, "ts" | "tsx" | "js" | "jsx"> = {
    ".ts": "ts",
    ".mts": "ts",
    ".cts": "ts",
    ".tsx": "tsx",
    ".js": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".jsx": "jsx",
};

/** Bundles `entry` into the cache (or finds it there); returns the bundle's path and format. */
export async function bundleProgram(entry: string): Promise<{ file: string; format: Format; cached: boolean }> {
    const abs = path.resolve(entry);
    const format = formatOf(abs);
    const dir = cacheDir(abs);
    const key = sha256(`${LOADER_VERSION}\0${format}\0${abs}`).slice(0, 16);
    const manifestFile = path.join(dir, `${key}.json`);
    const old = readManifest(manifestFile);
    if (old && fresh(old, dir)) return { file: path.join(dir, old.output), format, cached: true };

    // Loaded only on a cache miss.
    const esbuild = require("esbuild") as typeof import("esbuild");
    const result = await esbuild.build({
        entryPoints: [abs],
        bundle: true,
        platform: "node",
        format,
        target: `node${process.versions.node.split(".")[0]}`,
        packages: "external",
        write: false,
        metafile: true,
        sourcemap: "external",
        sourcesContent: false,
        outfile: path.join(dir, `${key}.${format === "esm" ? "mjs" : "cjs"}`),
        absWorkingDir: path.parse(abs).root,
        logLevel: "silent",
        plugins: [
            {
                name: "compute-layer-file-locals",
                setup(build) {
                    build.onLoad({ filter: SOURCE }, async (args) => {
                        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
                        const text = await fs.promises.readFile(args.path, "utf8");
                        return {
                            contents: fileLocals(text, args.path),
                            loader: LOADERS[path.extname(args.path)] ?? "ts",
                        };
                    });
                },
            },
        ],
    });
    const code = result.outputFiles.find((f) => !f.path.endsWith(".map"));
    const map = result.outputFiles.find((f) => f.path.endsWith(".map"));
    if (!code) throw new Error(`esbuild produced no output for ${abs}`);
    const root = path.parse(abs).root;
    const inputs: Record<string, string> = {};
    for (const rel of Object.keys(result.metafile.inputs)) {
        const file = path.resolve(root, rel);
        if (fs.existsSync(file)) inputs[file] = sha256(fs.readFileSync(file));
    }
    const output = `${key}-${sha256(code.contents).slice(0, 16)}.${format === "esm" ? "mjs" : "cjs"}`;
    fs.mkdirSync(dir, { recursive: true });
    // Written under a temporary name and renamed, so a concurrent run never reads half a file.
    const tmp = `${path.join(dir, output)}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code.contents);
    fs.renameSync(tmp, path.join(dir, output));
    if (map) {
        // The map's sources are relative to the cache folder: make them absolute, for error printing.
        const json = JSON.parse(map.text) as { sources: string[] };
        json.sources = json.sources.map((s) => path.resolve(dir, s));
        fs.writeFileSync(path.join(dir, `${output}.map`), JSON.stringify(json));
    }
    fs.writeFileSync(`${manifestFile}.${process.pid}.tmp`, JSON.stringify({ inputs, output } satisfies Manifest));
    fs.renameSync(`${manifestFile}.${process.pid}.tmp`, manifestFile);
    // The bundle this one replaces is not needed any more.
    if (old && old.output !== output) {
        for (const f of [old.output, `${old.output}.map`]) fs.rmSync(path.join(dir, f), { force: true });
    }
    return { file: path.join(dir, output), format, cached: false };
}

/** Loads a program's module through {@link bundleProgram}; returns its exports. */
export async function loadProgramModule(entry: string): Promise<unknown> {
    const { file, format } = await bundleProgram(entry);
    if (format === "esm") return import(pathToFileURL(file).href);
    return createRequire(file)(file);
}

const maps = new Map<string, SourceMap | null>();

function sourceMapOf(file: string): SourceMap | null {
    if (!maps.has(file)) {
        let map: SourceMap | null = null;
        try {
            if (file.includes(`${path.sep}compute-layer-plan`))
                map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")));
        } catch {
            map = null;
        }
        maps.set(file, map);
    }
    return maps.get(file) ?? null;
}

/**
 * A stack trace with the frames in bundled programs mapped back to their source files and
 * lines. Called only when an error is printed.
 */
export function mapStack(stack: string): string {
    return stack.replace(
        /((?:file:\/\/)?(\/[^\s():]+\.(?:cjs|mjs))):(\d+):(\d+)/g,
        (whole, _f, file: string, line: string, col: string) => {
            const abs = file.startsWith("file://") ? new URL(file).pathname : file;
            const map = sourceMapOf(abs);
            if (!map) return whole;
            const e = map.findEntry(Number(line) - 1, Number(col) - 1) as {
                originalSource?: string;
                originalLine?: number;
                originalColumn?: number;
            };
            if (!e?.originalSource) return whole;
            const src = e.originalSource.startsWith("file://") ? new URL(e.originalSource).pathname : e.originalSource;
            return `${path.relative(process.cwd(), src) || src}:${(e.originalLine ?? 0) + 1}:${(e.originalColumn ?? 0) + 1}`;
        },
    );
}
