// Loads stacks/index.ts the way `pulumi up` does, under the offline plan's mocks, and prints the
// plan's resource count as JSON. Mirrors @pulumi/pulumi's cmd/run/run.js for a CommonJS project:
// tsutils finds TypeScript and ts-node (the vendored ts-node 7.0.1, since the project has none),
// ts-node is registered with the project's tsconfig, the program is required and its default
// export (the `export =` function) is called.
"use strict";
const path = require("node:path");
const root = path.resolve(__dirname, "..", "..");
process.chdir(root);
const stack = process.argv[2] || "dev";

const tsutils = require("@pulumi/pulumi/tsutils");
const compilerOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
const transpileOnly = transpileOnlyEnv ? transpileOnlyEnv === "true" : compilerOptions.noCheck;
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const ts = require(typescriptRequire);
const [major, minor] = ts.version.split(".").map(Number);
const useNodeNext = major > 4 || (major === 4 && minor >= 7);
require(tsnodeRequire).register({
    compiler: typescriptRequire,
    transpileOnly,
    project: "tsconfig.json",
    skipProject: false,
    compilerOptions: {
        target: "ES2020",
        module: useNodeNext ? "nodenext" : "commonjs",
        moduleResolution: useNodeNext ? "nodenext" : "node",
        sourceMap: "true",
        ...compilerOptions,
    },
});

const { capturePlan } = require(path.join(root, "src/plan/engine.ts"));
const { loadStackConfig, readProjectName } = require(path.join(root, "src/plan/config.ts"));
const project = readProjectName(path.join(root, "Pulumi.yaml"));
const config = loadStackConfig(path.join(root, "stacks", `Pulumi.${stack}.yaml`), project);

capturePlan(
    () => {
        const program = require(path.join(root, "stacks/index.ts"));
        return typeof program === "function" ? program() : program;
    },
    { project, stack, ...config },
).then(
    ({ plan, error }) => {
        const out = {
            tsnode: tsnodeRequire,
            typescript: ts.version,
            resources: plan.resources.length,
            error: error === undefined ? undefined : String(error?.message || error),
        };
        process.stdout.write(JSON.stringify(out));
    },
    (e) => {
        process.stderr.write(String(e?.stack || e));
        process.exitCode = 1;
    },
);
