/**
 * One benchmark sample, in its own process: loads the SDKs and the system's code, builds the
 * system under the offline plan's mocks, and prints wall time (from process start), CPU time,
 * peak RSS and the resource count as JSON. Run by bench/bench.ts from an esbuild bundle.
 */
import { capturePlan } from "../src/plan/engine";
import { computeLayer, floor, minimal } from "./systems";

const [variant, nText] = process.argv.slice(2);
const n = Number(nText);
const systems: Record<string, (n: number) => void> = { "compute-layer": computeLayer, floor, minimal };
const build = systems[variant];
if (!build) throw new Error(`unknown variant ${variant}: compute-layer, floor or minimal`);

capturePlan(() => build(n), { stack: "bench" }).then(({ plan, error }) => {
    if (error !== undefined) {
        process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
        process.exitCode = 1;
        return;
    }
    const cpu = process.cpuUsage();
    const sample = {
        wallMs: performance.now(),
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        resources: plan.resources.length,
    };
    process.stdout.write(JSON.stringify(sample));
});
