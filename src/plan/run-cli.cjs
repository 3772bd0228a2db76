#!/usr/bin/env node
// `npm run plan`: runs the plan CLI (src/plan/cli.ts) from this repo's sources without a
// TypeScript loader. The CLI is bundled by the same cached esbuild step it uses for the programs
// it plans (src/plan/load.ts, itself transpiled once per content into the same cache).
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const here = __dirname;
const loaderSource = path.join(here, "load.ts");
const text = fs.readFileSync(loaderSource);
const hash = crypto.createHash("sha256").update(text).digest("hex").slice(0, 16);
const cache = path.join(here, "..", "..", "node_modules", ".cache", "compute-layer-plan");
const compiled = path.join(cache, `load-${hash}.cjs`);
if (!fs.existsSync(compiled)) {
    const js = require("esbuild").transformSync(text.toString("utf8"), {
        loader: "ts",
        format: "cjs",
        target: `node${process.versions.node.split(".")[0]}`,
        sourcefile: loaderSource,
    });
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(`${compiled}.${process.pid}.tmp`, js.code);
    fs.renameSync(`${compiled}.${process.pid}.tmp`, compiled);
}
require(compiled)
    .bundleProgram(path.join(here, "cli.ts"))
    .then(({ file }) => {
        const cli = require(file);
        return cli.runAsProcess((io) => cli.main(process.argv.slice(2), io), cli.describeFailure);
    })
    .catch((e) => {
        process.stderr.write(`${e?.stack ? e.stack : String(e)}\n`);
        process.exitCode = 1;
    });
