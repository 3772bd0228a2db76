import { capturePlan } from "../src/plan/engine";
import { computeLayer, floor } from "./systems";

const [variant, nText] = process.argv.slice(2);
const t0 = performance.now();
const c0 = process.cpuUsage();
capturePlan(() => (variant === "compute-layer" ? computeLayer : floor)(Number(nText)), { stack: "bench" }).then(
    ({ plan }) => {
        const c = process.cpuUsage(c0);
        console.log(
            JSON.stringify({
                start: Math.round(t0),
                build: Math.round(performance.now() - t0),
                cpu: Math.round((c.user + c.system) / 1000),
                n: plan.resources.length,
            }),
        );
    },
);
