// Prints how many modules one import loads, and how long it takes, as JSON:
//   node count-modules.cjs <what> [member]
// `what` is a package name or a path; TypeScript paths load through tsx's CommonJS hook (its own
// few files are subtracted, and counted in `loader`).
"use strict";
const path = require("node:path");
const [what, member] = process.argv.slice(2);
let before = 0;
if (what.endsWith(".ts") || what.startsWith("src/")) {
    require("tsx/cjs");
    before = Object.keys(require.cache).length;
}
const t0 = process.hrtime.bigint();
const mod = require(what.startsWith(".") || what.startsWith("src/") ? path.resolve(what) : what);
if (member) void mod[member];
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const files = Object.keys(require.cache);
process.stdout.write(
    JSON.stringify({
        modules: files.length - before,
        loader: before,
        ms,
        has: (s) => files.some((f) => f.includes(s)),
        kubernetes: files.some((f) => f.includes(`${path.sep}@pulumi${path.sep}kubernetes${path.sep}`)),
        eks: files.some((f) => f.includes(`${path.sep}@pulumi${path.sep}eks${path.sep}`)),
        yaml: files.some((f) => f.includes(`${path.sep}node_modules${path.sep}yaml${path.sep}`)),
        planEngine: files.some((f) => f.includes(`${path.sep}src${path.sep}plan${path.sep}`)),
    }),
);
