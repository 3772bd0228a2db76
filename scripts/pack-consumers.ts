/**
 * The consumers `npm run test:pack` installs the packed tarball into, besides the plain one:
 * - one that pins older Pulumi SDKs inside the peer ranges: exactly one copy of
 *   @pulumi/pulumi and of @pulumi/aws is installed (the program, the components and the bin
 *   share them), and the bin plans a program made of components with those versions;
 * - one whose @pulumi/aws is outside the range: npm's peer warning names compute-layer;
 * and publint and @arethetypeswrong/cli over the tarball.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

type Check = (name: string, ok: boolean, detail?: string) => void;

function sh(cmd: string, args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
    // `npm run -s test:pack` passes npm_config_loglevel=silent down; npm's peer message needs "warn".
    const env = { ...process.env, npm_config_loglevel: "warn" };
    const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** The SDK versions of the pinned consumer: the floors of the peer ranges. */
export const PINNED = { "@pulumi/pulumi": "3.230.0", "@pulumi/aws": "7.10.0" } as const;

function project(dir: string, deps: Record<string, string>): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: path.basename(dir), version: "1.0.0", private: true, dependencies: deps }, null, 2),
    );
}

export function checkConsumers(work: string, tarball: string, root: string, check: Check): void {
    // publint and attw on the tarball itself.
    const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
    const publint = sh(bin("publint"), ["run", tarball, "--strict"], root);
    check(
        "publint reports nothing",
        publint.status === 0 && !/warn|error|suggest/i.test(publint.stdout.replace(/^.*All good!.*$/m, "")),
        publint.stdout + publint.stderr,
    );
    const attw = sh(bin("attw"), [tarball, "--profile", "node16", "--format", "ascii"], root);
    check(
        "@arethetypeswrong/cli reports no problem (node16 profile: CommonJS and ESM importers)",
        attw.status === 0,
        attw.stdout + attw.stderr,
    );

    // Older SDKs inside the peer ranges: one copy each.
    const pinned = path.join(work, "pinned");
    project(pinned, { ...PINNED, "compute-layer": `file:${tarball}` });
    const install = sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], pinned);
    check(
        `npm install with ${Object.entries(PINNED)
            .map(([k, v]) => `${k}@${v}`)
            .join(", ")}`,
        install.status === 0,
        install.stderr,
    );
    const ls = sh("npm", ["ls", "@pulumi/pulumi", "--all", "--parseable"], pinned);
    const copies = new Set(ls.stdout.split("\n").filter((l) => l.endsWith(`${path.sep}@pulumi${path.sep}pulumi`)));
    check("npm ls @pulumi/pulumi shows exactly one copy", copies.size === 1, ls.stdout);
    const lsAws = sh("npm", ["ls", "@pulumi/aws", "--all", "--parseable"], pinned);
    const awsCopies = new Set(lsAws.stdout.split("\n").filter((l) => l.endsWith(`${path.sep}@pulumi${path.sep}aws`)));
    check("npm ls @pulumi/aws shows exactly one copy", awsCopies.size === 1, lsAws.stdout);
    fs.writeFileSync(
        path.join(pinned, "index.ts"),
        [
            'import { ApplicationLoadBalancer } from "compute-layer";',
            'const alb = new ApplicationLoadBalancer("web", { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"], targetGroups: { app: { port: 8080, targetType: "ip" } }, defaultAction: { forward: "app" } });',
            "export const url = alb.url;",
            "",
        ].join("\n"),
    );
    const plan = sh(
        "npx",
        [
            "--no-install",
            "compute-layer",
            "plan",
            "--program",
            "index.ts",
            "--stack",
            "dev",
            "--format",
            "json",
            "--out",
            "plan.json",
        ],
        pinned,
    );
    const planned = fs.existsSync(path.join(pinned, "plan.json"))
        ? (JSON.parse(fs.readFileSync(path.join(pinned, "plan.json"), "utf8")) as { resources: { type: string }[] })
        : undefined;
    check(
        "the bin plans components with the pinned SDKs (and no Pulumi.dev.yaml)",
        plan.status === 0 && planned?.resources.some((r) => r.type === "aws:lb/loadBalancer:LoadBalancer") === true,
        plan.stderr,
    );

    // Outside the range: npm names compute-layer in its peer warning.
    const outside = path.join(work, "outside");
    project(outside, { "@pulumi/pulumi": "3.230.0", "@pulumi/aws": "6.83.0", "compute-layer": `file:${tarball}` });
    const bad = sh(
        "npm",
        ["install", "--prefer-offline", "--no-audit", "--no-fund", "--legacy-peer-deps=false"],
        outside,
    );
    const said = `${bad.stdout}\n${bad.stderr}\n(exit ${bad.status})`;
    check(
        "@pulumi/aws 6.83 (outside the peer range): npm's peer warning or error names compute-layer",
        /compute-layer/.test(said) && /peer/i.test(said),
        said,
    );
}
