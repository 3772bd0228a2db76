/**
 * The zod the published package runs: one bundled file of the parts of zod the library calls,
 * instead of the whole package.
 *
 * Why: `require("zod")` loads 95 files, 64 of them its error-message locales, and takes about 60
 * ms on a 2-core machine, about two thirds of what importing the components costs a program.
 * zod's lighter entry point (`zod/mini`) loads the same core and locales, so it saves nothing.
 * Bundling just the functions below from zod's ES modules, with esbuild's tree shaking, gives a
 * 200 KB file that loads in about 10 ms. The types still come from the `zod` package (a
 * dependency, for the declaration files), and the tests run against this same bundle
 * (vitest.config.mts aliases `zod` to it), so the subset can't go missing a function.
 *
 * `npm run build` runs it: `tsx scripts/vendor-zod.mts dist`. An ES module, because
 * vitest.config.mts imports it too.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

/**
 * Every member of zod's `z` that the library (src/, components/, stacks/) uses as a value. A
 * test scans the sources for `z.<name>` and fails on a name missing here.
 */
export const ZOD_RUNTIME = [
    "array",
    "boolean",
    "custom",
    "enum",
    "literal",
    "number",
    "object",
    "partialRecord",
    "record",
    "strictObject",
    "string",
    "toJSONSchema",
    "union",
    "unknown",
    // stacks/config.ts looks through optional and default wrappers with instanceof.
    "ZodDefault",
    "ZodOptional",
    "ZodString",
] as const;

/**
 * Writes the bundle to `outfile`: a CommonJS module whose `z` holds {@link ZOD_RUNTIME}, from the
 * zod installed under `root` (the repository).
 */
export function bundleZod(outfile: string, root: string): void {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "node_modules/zod/package.json"), "utf8")) as {
        version: string;
    };
    const license = fs.readFileSync(path.join(root, "node_modules/zod/LICENSE"), "utf8").trim();
    const local = (n: string) => `zod_${n}`;
    const contents = [
        `import { ${ZOD_RUNTIME.map((n) => `${n} as ${local(n)}`).join(", ")} } from "zod";`,
        `export const z = { ${ZOD_RUNTIME.map((n) => `${n}: ${local(n)}`).join(", ")} };`,
    ].join("\n");
    buildSync({
        stdin: { contents, resolveDir: root, loader: "js", sourcefile: "zod-subset.js" },
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        outfile,
        logLevel: "error",
        banner: {
            js: `/*! zod ${pkg.version}: the parts compute-layer uses, bundled by scripts/vendor-zod.mts.\n${license}\n*/`,
        },
    });
}

/** Bundles zod into `<dist>/src/vendor/zod.js` and points the compiled files' `require("zod")` at it. */
export function vendorZod(dist: string, root: string): string[] {
    const vendor = path.join(dist, "src", "vendor", "zod.js");
    fs.mkdirSync(path.dirname(vendor), { recursive: true });
    bundleZod(vendor, root);
    const rewritten: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(file);
            else if (entry.name.endsWith(".js") && file !== vendor) {
                const text = fs.readFileSync(file, "utf8");
                if (!text.includes('require("zod")')) continue;
                let rel = path.relative(path.dirname(file), vendor).replace(/\\/g, "/").replace(/\.js$/, "");
                if (!rel.startsWith(".")) rel = `./${rel}`;
                fs.writeFileSync(file, text.replaceAll('require("zod")', `require(${JSON.stringify(rel)})`));
                rewritten.push(path.relative(dist, file));
            }
        }
    };
    walk(dist);
    return rewritten;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
    const dist = path.resolve(process.argv[2] ?? "dist");
    const files = vendorZod(dist, root);
    process.stdout.write(`zod bundled into ${path.relative(root, dist)}/src/vendor/zod.js for ${files.join(", ")}\n`);
}
