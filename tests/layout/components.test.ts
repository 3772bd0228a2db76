import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { findComponents } from "../../scripts/docs";
import type {
    AutoScalingArgs,
    AutoScalingGroupArgs,
    EcsServiceArgs,
    KubernetesServiceArgs,
    LambdaFunctionArgs,
} from "../../src/eager";

const root = path.resolve(__dirname, "../..");
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

describe("one shape for every tier (issue 15)", () => {
    const components = findComponents(root);

    it("finds every component", () => {
        expect(components.map((c) => c.className).sort()).toEqual(
            expect.arrayContaining([
                "AppMeshService",
                "ApplicationLoadBalancer",
                "AutoScalingGroup",
                "EcsCluster",
                "EcsService",
                "EksCluster",
                "GatewayLoadBalancer",
                "IstioTrafficPolicy",
                "KubernetesService",
                "LambdaFunction",
                "NetworkLoadBalancer",
            ]),
        );
    });

    it("every component folder has args.ts, schema.ts, plan.ts, <kebab-class>.ts and index.ts, in kebab-case", () => {
        const problems: string[] = [];
        for (const c of components) {
            const dir = path.dirname(c.argsFile);
            const rel = path.relative(root, dir);
            if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c.folder)) problems.push(`${rel}: folder name is not kebab-case`);
            for (const f of ["args.ts", "schema.ts", "plan.ts", "index.ts", `${kebab(c.className)}.ts`]) {
                if (!fs.existsSync(path.join(dir, f))) problems.push(`${rel}: no ${f}`);
            }
            for (const f of fs.readdirSync(dir)) {
                if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.test)?\.ts$/.test(f))
                    problems.push(`${rel}/${f}: file name is not kebab-case`);
            }
        }
        expect(problems).toEqual([]);
    });

    it("every component declares static readonly TYPE = compute-layer:index:<Class> and plans with plan<Class>(name, args, ctx)", () => {
        const problems: string[] = [];
        for (const c of components) {
            const dir = path.dirname(c.argsFile);
            const cls = fs.readFileSync(path.join(dir, `${kebab(c.className)}.ts`), "utf8");
            if (!cls.includes(`static readonly TYPE = "compute-layer:index:${c.className}"`))
                problems.push(`${c.className}: no static TYPE`);
            if (!/super\(\s*\w+\.TYPE\s*,/.test(cls))
                problems.push(`${c.className}: super() does not use its static TYPE`);
            const plan = fs.readFileSync(path.join(dir, "plan.ts"), "utf8");
            const sig = new RegExp(
                `export function plan${c.className}\\(\\s*name: string,\\s*args: \\w+,\\s*ctx: PlanContext`,
            );
            if (!sig.test(plan))
                problems.push(`${c.className}: plan${c.className}(name, args, ctx: PlanContext) not found`);
            if (!cls.includes(`plan${c.className}(`))
                problems.push(`${c.className}: the component does not call its planner`);
        }
        expect(problems).toEqual([]);
    });

    it("every tier's scaling field is autoScaling, in the one shape (policies + min/max)", () => {
        type ScalingOf<A> = A extends { autoScaling?: infer S } ? NonNullable<S> : never;
        expectTypeOf<ScalingOf<AutoScalingGroupArgs>>().toExtend<AutoScalingArgs>();
        expectTypeOf<ScalingOf<EcsServiceArgs>>().toExtend<AutoScalingArgs>();
        expectTypeOf<ScalingOf<LambdaFunctionArgs>>().toExtend<AutoScalingArgs>();
        expectTypeOf<ScalingOf<KubernetesServiceArgs>>().toExtend<AutoScalingArgs>();
        // None of the old names survives.
        expectTypeOf<AutoScalingGroupArgs>().not.toHaveProperty("scaling");
        expectTypeOf<KubernetesServiceArgs>().not.toHaveProperty("autoscaling");
        const fields = ["min", "max"] as const satisfies readonly (keyof AutoScalingArgs)[];
        expect(fields).toHaveLength(2);
    });
});
