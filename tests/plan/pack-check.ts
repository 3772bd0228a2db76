/**
 * `npm run test:pack`: the packed package, end to end, the way a user gets it. Builds and packs
 * compute-layer (`npm pack` runs `prepack`: the build), installs the tarball into a fresh
 * project from the npm cache (`--offline`; `--prefer-offline` if the cache lacks something),
 * copies a small program there, and runs `npx compute-layer plan` and `npx compute-layer diff`
 * on it. Slow (a build and an install), so it is not part of `npm test`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkConsumers } from "../../scripts/pack-consumers";

const root = path.resolve(__dirname, "../..");
const fixture = path.join(root, "tests/fixtures/diff-program");
const { devDependencies } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
};
let passed = 0;
let failed = 0;

function check(name: string, ok: boolean, detail = ""): void {
    if (ok) passed++;
    else failed++;
    process.stdout.write(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `\n${detail}`}\n`);
}

function sh(cmd: string, args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
    const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "compute-layer-pack-"));
const packed =
    execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: root, encoding: "utf8" })
        .trim()
        .split("\n")
        .pop() ?? "";
const tarball = path.join(work, packed);
check(`npm pack wrote ${packed}`, fs.existsSync(tarball));
const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" });
check("the tarball holds the compiled bin", listing.includes("package/dist/src/plan/bin.js"));
check("the tarball holds no tests", !listing.includes("package/tests/"));

const app = path.join(work, "app");
fs.mkdirSync(app);
fs.writeFileSync(
    path.join(app, "package.json"),
    // The fixture program imports @pulumi/kubernetes itself: an optional peer of compute-layer, so a
    // program that uses it depends on it, as a user's would.
    JSON.stringify(
        {
            name: "user-app",
            version: "1.0.0",
            private: true,
            dependencies: { "@pulumi/kubernetes": devDependencies["@pulumi/kubernetes"] },
        },
        null,
        2,
    ),
);
for (const f of ["index.ts", "Pulumi.yaml", "Pulumi.base.yaml"])
    fs.copyFileSync(path.join(fixture, f), path.join(app, f));
let install = sh("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], app);
if (install.status !== 0) install = sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], app);
check("npm install <tarball> in a fresh project", install.status === 0, install.stderr);

const plan = sh(
    "npx",
    [
        "--no-install",
        "compute-layer",
        "plan",
        "--program",
        "index.ts",
        "--config",
        "Pulumi.base.yaml",
        "--stack",
        "prod",
        "--format",
        "json",
        "--out",
        "base.json",
    ],
    app,
);
check("npx compute-layer plan --program index.ts --config Pulumi.base.yaml", plan.status === 0, plan.stderr);
const base = fs.existsSync(path.join(app, "base.json"))
    ? (JSON.parse(fs.readFileSync(path.join(app, "base.json"), "utf8")) as {
          project: string;
          resources: { type: string }[];
      })
    : undefined;
check(
    "the plan is the program's",
    base?.project === "shop" && base.resources.some((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition"),
);

fs.writeFileSync(
    path.join(app, "Pulumi.head.yaml"),
    fs.readFileSync(path.join(app, "Pulumi.base.yaml"), "utf8").replace("api:1.4.0", "api:1.5.0"),
);
const head = sh(
    "npx",
    [
        "--no-install",
        "compute-layer",
        "plan",
        "--program",
        "index.ts",
        "--config",
        "Pulumi.head.yaml",
        "--stack",
        "prod",
        "--format",
        "json",
        "--out",
        "head.json",
    ],
    app,
);
check("plan of the changed config", head.status === 0, head.stderr);
const diff = sh(
    "npx",
    ["--no-install", "compute-layer", "diff", "base.json", "head.json", "--format", "markdown", "--fail-on", "delete"],
    app,
);
check("npx compute-layer diff exits 0 (nothing deleted)", diff.status === 0, diff.stderr);
const items = diff.stdout.split("\n").filter((l) => /^\s*- /.test(l));
check(
    "the markdown names the one resource and the one input",
    items.length === 2 &&
        items[0].includes("aws:ecs/taskDefinition:TaskDefinition") &&
        items[1].includes("containerDefinitions[0].image"),
    diff.stdout,
);
const mermaid = sh(
    "npx",
    [
        "--no-install",
        "compute-layer",
        "plan",
        "--program",
        "index.ts",
        "--config",
        "Pulumi.base.yaml",
        "--format",
        "mermaid",
    ],
    app,
);
check(
    "npx compute-layer plan --format mermaid",
    mermaid.status === 0 && mermaid.stdout.startsWith("flowchart LR"),
    mermaid.stderr,
);

// The installed root, as a program loads it: the ECS and load-balancer tiers run on the bundled zod
// subset (scripts/vendor-zod.mts), not the zod package.
const rootLoad = sh(
    process.execPath,
    [
        "-e",
        'const t = process.hrtime.bigint(); const cl = require("compute-layer"); void cl.EcsService; void cl.ApplicationLoadBalancer; ' +
            "const ms = Number(process.hrtime.bigint() - t) / 1e6; " +
            'const files = Object.keys(require.cache); process.stdout.write(JSON.stringify({ ms, zodPackage: files.filter((f) => f.includes("/node_modules/zod/")).length, vendored: files.some((f) => f.endsWith("/dist/src/vendor/zod.js")) }));',
    ],
    app,
);
const loaded =
    rootLoad.status === 0
        ? (JSON.parse(rootLoad.stdout) as { ms: number; zodPackage: number; vendored: boolean })
        : undefined;
check(
    `the root's ECS and load-balancer tiers load the bundled zod, no file of the zod package (${loaded ? `${Math.round(loaded.ms)} ms with the SDKs` : "failed"})`,
    loaded?.zodPackage === 0 && loaded.vendored,
    rootLoad.stderr || rootLoad.stdout,
);

// A user's program built from this package's own components: the components and the bin share one
// @pulumi/pulumi, so the program runs under the bin's mocks.
fs.writeFileSync(
    path.join(app, "components.ts"),
    [
        'import { LambdaFunction } from "compute-layer";',
        'const fn = new LambdaFunction("hello", { handler: "index.handler", code: { s3Bucket: "my-code", s3Key: "hello.zip" }, events: { http: { routes: ["GET /hello"], auth: "none" } } });',
        "export const url = fn.url;",
        "",
    ].join("\n"),
);
const own = sh(
    "npx",
    [
        "--no-install",
        "compute-layer",
        "plan",
        "--program",
        "components.ts",
        "--config",
        "Pulumi.base.yaml",
        "--format",
        "json",
        "--out",
        "components.json",
    ],
    app,
);
check("npx compute-layer plan of a program made of compute-layer components", own.status === 0, own.stderr);
const ownPlan = fs.existsSync(path.join(app, "components.json"))
    ? (JSON.parse(fs.readFileSync(path.join(app, "components.json"), "utf8")) as {
          resources: { type: string; urn: string; parent?: string }[];
      })
    : undefined;
const component = ownPlan?.resources.find((r) => r.type === "compute-layer:index:LambdaFunction");
check(
    "the component and its children are in the plan",
    component !== undefined &&
        ownPlan?.resources.some((r) => r.type === "aws:lambda/function:Function" && r.parent === component.urn) ===
            true,
    JSON.stringify(ownPlan?.resources.map((r) => r.type)),
);

// The examples' user program, planned by the installed bin with the Pulumi.dev.yaml beside it.
const example = path.join(work, "example");
fs.mkdirSync(example);
for (const f of ["index.ts", "Pulumi.yaml", "Pulumi.dev.yaml"]) {
    fs.copyFileSync(path.join(root, "examples/user-program", f), path.join(example, f));
}
fs.symlinkSync(path.join(app, "node_modules"), path.join(example, "node_modules"), "dir");
const ex = sh(
    "npx",
    ["--no-install", "compute-layer", "plan", "--program", "index.ts", "--stack", "dev", "--format", "cost"],
    example,
);
check(
    "examples/user-program plans with the installed bin (--format cost, eu-west-1 from its stack file)",
    ex.status === 0 && ex.stdout.includes("eu-west-1"),
    ex.stderr,
);

// Older SDKs inside the peer ranges, SDKs outside them, publint and attw (scripts/pack-consumers.ts).
checkConsumers(work, tarball, root, check);

if (failed === 0) fs.rmSync(work, { recursive: true, force: true });
else process.stdout.write(`work left in ${work}\n`);
process.stdout.write(`pack check: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
