/**
 * `npm run bench`: compute-layer against the floor (the same system written with raw
 * `@pulumi/aws` resources: the same resources and inputs, proven by tests/bench/systems.test.ts)
 * and against a minimal hand-written system, under the same mocks, at N = 10, 30 and 300
 * services; then the plan of each stack against the floor of importing the Pulumi SDKs. Samples
 * run in fresh processes, the variants in turn (rotating which goes first), and the report gives
 * medians and the median of the per-round ratios.
 *
 *   npm run bench                      # 5 rounds per N (--pairs), N = 10, 30, 300; the three stacks
 *   npm run bench -- --pairs 7 --n 10,30 --no-stacks
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

interface Sample {
    wallMs: number;
    cpuMs: number;
    peakRssMb: number;
    resources: number;
}

const root = path.resolve(__dirname, "..");
const { values } = parseArgs({
    options: {
        pairs: { type: "string", default: "5" },
        n: { type: "string", default: "10,30,300" },
        "no-stacks": { type: "boolean", default: false },
    },
});
const pairs = Math.max(1, Number(values.pairs));
const sizes = String(values.n).split(",").map(Number);

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x: number, d = 0) => x.toFixed(d);

function sample(bundle: string, variant: string, n: number): Sample {
    const out = execFileSync(process.execPath, [bundle, variant, String(n)], {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 1 << 26,
    });
    return JSON.parse(out) as Sample;
}

function timeCommand(cmd: string, args: string[]): number {
    const t0 = performance.now();
    // stderr is kept for the error a failing run throws ("plan written to …" is not printed).
    execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    return performance.now() - t0;
}

async function main(): Promise<void> {
    const cache = path.join(root, "node_modules", ".cache", "compute-layer-bench");
    fs.mkdirSync(cache, { recursive: true });
    const bundle = path.join(cache, "run-one.cjs");
    // zod as the published package runs it: the bundled subset (scripts/vendor-zod.mts).
    const zod = path.join(cache, "zod.cjs");
    const { bundleZod } = await import("../scripts/vendor-zod.mjs");
    bundleZod(zod, root);
    await build({
        entryPoints: [path.join(root, "bench", "run-one.ts")],
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        packages: "external",
        alias: { zod },
        outfile: bundle,
        logLevel: "error",
    });

    console.log(
        `compute-layer bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    );
    console.log(
        `${pairs} rounds per N, each running the variants in turn; medians; ratio = median of the per-round ratios\n`,
    );
    console.log("N     variant         resources   wall ms    cpu ms   peak MB");
    const variants = ["compute-layer", "floor", "minimal"] as const;
    const verdicts: string[] = [];
    for (const n of sizes) {
        const runs: Record<(typeof variants)[number], Sample[]> = { "compute-layer": [], floor: [], minimal: [] };
        for (let i = 0; i < pairs; i++) {
            // Rotate which goes first, so drift on a shared machine hits all alike.
            for (let j = 0; j < variants.length; j++) {
                const v = variants[(i + j) % variants.length];
                runs[v].push(sample(bundle, v, n));
            }
        }
        for (const v of variants) {
            const xs = runs[v];
            console.log(
                `${String(n).padEnd(5)} ${v.padEnd(15)} ${String(xs[0].resources).padStart(9)} ${fmt(median(xs.map((x) => x.wallMs))).padStart(9)} ${fmt(median(xs.map((x) => x.cpuMs))).padStart(9)} ${fmt(median(xs.map((x) => x.peakRssMb))).padStart(9)}`,
            );
        }
        const cl = runs["compute-layer"];
        for (const base of ["floor", "minimal"] as const) {
            const ratio = (k: keyof Sample) => median(cl.map((c, i) => c[k] / runs[base][i][k]));
            verdicts.push(
                `N=${n} / ${base.padEnd(7)}: wall ${fmt(ratio("wallMs"), 2)}×, cpu ${fmt(ratio("cpuMs"), 2)}×, memory ${fmt(ratio("peakRssMb"), 2)}×, resources ${fmt(ratio("resources"), 2)}×`,
            );
        }
    }
    console.log(`\n${verdicts.join("\n")}`);

    if (!values["no-stacks"]) {
        console.log("\nplan of each stack (npm run -s plan) against importing @pulumi/pulumi, aws and kubernetes");
        const floorArgs = ["-e", 'require("@pulumi/pulumi");require("@pulumi/aws");require("@pulumi/kubernetes")'];
        const out = path.join(os.tmpdir(), `compute-layer-bench-${process.pid}.json`);
        for (const stack of ["dev", "staging", "prod"]) {
            const plan: number[] = [];
            const imp: number[] = [];
            timeCommand("npm", ["run", "-s", "plan", "--", "--stack", stack, "--format", "json", "--out", out]); // warm the cache
            for (let i = 0; i < pairs; i++) {
                plan.push(
                    timeCommand("npm", ["run", "-s", "plan", "--", "--stack", stack, "--format", "json", "--out", out]),
                );
                imp.push(timeCommand(process.execPath, floorArgs));
            }
            const r = median(plan.map((p, i) => p / imp[i]));
            console.log(
                `${stack.padEnd(8)} plan ${fmt(median(plan))} ms, import floor ${fmt(median(imp))} ms: ${fmt(r, 2)}×`,
            );
        }
        fs.rmSync(out, { force: true });
    }
}

main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
