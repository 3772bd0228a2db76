/**
 * One benchmark sample, in its own process: loads the system's code (and the SDKs it uses), builds the
 * system under the offline plan's mocks, and prints wall time (from process start), CPU time,
 * peak RSS and the resource count as JSON. Run by bench/bench.ts from an esbuild bundle.
 */
import { capturePlan } from "../src/plan/engine";
import { SYSTEMS } from "./systems";

const [variant, nText] = process.argv.slice(2);
const n = Number(nText);
if (!Object.hasOwn(SYSTEMS, variant)) throw new Error(`unknown variant ${variant}: ${Object.keys(SYSTEMS).join(", ")}`);
// Loaded here, so each sample loads only its own system's code (and its time counts).
const build = SYSTEMS[variant]();

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
