#!/usr/bin/env node
// `npm run plan`: runs the plan CLI (src/plan/cli.ts) from this repo's sources without a
// TypeScript loader. The CLI is bundled by the same cached esbuild step it uses for the programs
// it plans (src/plan/load.ts, itself transpiled once per content into the same cache).
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const here = __dirname;
const cache = path.join(here, "..", "..", "node_modules", ".cache", "compute-layer-plan");

/** A TypeScript file of this folder, transpiled once per content into the cache; returns its exports. */
function load(name) {
    const source = path.join(here, name);
    const text = fs.readFileSync(source);
    const hash = crypto.createHash("sha256").update(text).digest("hex").slice(0, 16);
    const compiled = path.join(cache, `${path.basename(name, ".ts")}-${hash}.cjs`);
    if (!fs.existsSync(compiled)) {
        const js = require("esbuild").transformSync(text.toString("utf8"), {
            loader: "ts",
            format: "cjs",
            target: `node${process.versions.node.split(".")[0]}`,
            sourcefile: source,
        });
        fs.mkdirSync(cache, { recursive: true });
        fs.writeFileSync(`${compiled}.${process.pid}.tmp`, js.code);
        fs.renameSync(`${compiled}.${process.pid}.tmp`, compiled);
    }
    return require(compiled);
}

// Before anything loads @pulumi/pulumi: its closure serialiser (npm's Arborist, TypeScript) loads on first use only.
load("lean-sdk.ts").deferUnusedSdkParts(here);
load("load.ts")
    .bundleProgram(path.join(here, "cli.ts"))
    .then(({ file }) => {
        const cli = require(file);
        return cli.runAsProcess((io) => cli.main(process.argv.slice(2), io), cli.describeFailure);
    })
    .catch((e) => {
        process.stderr.write(`${e?.stack ? e.stack : String(e)}\n`);
        process.exitCode = 1;
    });
