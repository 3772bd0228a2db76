import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { EcsService, type EcsServiceArgs, type ecsServiceArgsSchema, planEcsService } from "../../../components/ecs";
import type { MutuallyAssignable, z } from "../../../src/core";
import { expectInvalid, only, runPlan } from "../../support";
import { validArgs } from "./fixture";

const CTX = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };

function problems(args: unknown): { propertyPath: string; reason: string }[] {
    try {
        planEcsService("web-app", args as EcsServiceArgs, CTX);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    throw new Error("expected an InputPropertiesError");
}
const at = (args: unknown, path: string) =>
    problems(args)
        .filter((p) => p.propertyPath === path)
        .map((p) => p.reason);
const nginx = validArgs.containers.nginx;

describe("EcsService: runtime shape", () => {
    it("the schema's type and EcsServiceArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof ecsServiceArgsSchema>, EcsServiceArgs> = true;
        expect(same).toBe(true);
    });

    it("accepts the fixture", () => {
        expect(() => planEcsService("web-app", validArgs, CTX)).not.toThrow();
    });

    it('restrictEgressToHttps: "false" is an error (it would have restricted egress)', () => {
        expect(at({ ...validArgs, restrictEgressToHttps: "false" }, "restrictEgressToHttps")).toEqual([
            'must be a boolean (true or false) (got the string "false")',
        ]);
        expect(
            at({ ...validArgs, containers: { nginx: { ...nginx, essential: "true" } } }, "containers.nginx.essential"),
        ).toHaveLength(1);
    });

    it("a scaling metric the service does not offer gets one reason: the ECS metrics, not every tier's", () => {
        for (const metric of ["bogus", 5]) {
            const args = {
                ...validArgs,
                autoScaling: { ...validArgs.autoScaling, targetTracking: [{ metric, target: 50 }] },
            };
            expect(at(args, "autoScaling.targetTracking[0].metric")).toEqual([
                `must be one of "cpu", "memory", "requestCountPerTarget", "custom" for ECS service auto scaling (got ${JSON.stringify(metric)})`,
            ]);
        }
        // Another tier's metric: one reason, which says what to use instead.
        const lambdaMetric = {
            ...validArgs,
            autoScaling: {
                ...validArgs.autoScaling,
                targetTracking: [{ metric: "provisionedConcurrencyUtilization" }],
            },
        };
        expect(at(lambdaMetric, "autoScaling.targetTracking[0].metric")).toEqual([
            expect.stringContaining('allowed: "cpu", "memory", "requestCountPerTarget", "custom"'),
        ]);
    });

    it('cluster: "prod" is a shape error, not service/undefined/…, and nothing is registered', async () => {
        expect(at({ ...validArgs, cluster: "prod" }, "cluster")).toEqual(['must be an object (got the string "prod")']);
        expect(
            problems({ ...validArgs, cluster: { arn: "arn:aws:ecs:us-east-1:1:cluster/prod" } }).map(
                (p) => p.propertyPath,
            ),
        ).toEqual(["cluster.name"]);
        const { plan } = await expectInvalid(
            () => void new EcsService("web-app", { ...validArgs, cluster: "prod" } as unknown as EcsServiceArgs),
        );
        expect(plan.resources).toEqual([]);
    });

    it("an EcsCluster-like object with more members fits `cluster`", () => {
        const cluster = {
            arn: "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
            name: "prod",
            urn: "urn:x",
            cluster: {},
        };
        expect(() => planEcsService("web-app", { ...validArgs, cluster }, CTX)).not.toThrow();
    });

    it("required fields fail before any child: cpu, memory, containers, vpcId, subnetIds", () => {
        const { cpu: _c, memory: _m, containers: _k, vpcId: _v, subnetIds: _s, ...rest } = validArgs;
        const paths = problems(rest).map((p) => p.propertyPath);
        expect(paths).toEqual(expect.arrayContaining(["cpu", "memory", "containers", "vpcId", "subnetIds"]));
    });

    it("unknown keys get a suggestion", () => {
        expect(at({ ...validArgs, healtCheckGracePeriodSeconds: 60 }, "healtCheckGracePeriodSeconds")).toEqual([
            "unknown key; did you mean healthCheckGracePeriodSeconds?",
        ]);
        expect(
            at({ ...validArgs, containers: { nginx: { ...nginx, enviroment: {} } } }, "containers.nginx.enviroment"),
        ).toEqual(["unknown key; did you mean environment?"]);
        expect(
            at(
                { ...validArgs, autoScaling: { ...validArgs.autoScaling, minCapacity: 2 } },
                "autoScaling.minCapacity",
            )[0],
        ).toMatch(/^unknown key/);
    });

    it("AWS's list limits: 16 subnets, 4 extra security groups, 20 strategy items, 5 placement strategies, 10 hooks", () => {
        const many = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));
        expect(at({ ...validArgs, subnetIds: many(17, (i) => `subnet-${i}`) }, "subnetIds")[0]).toMatch(/at most 16/);
        expect(at({ ...validArgs, securityGroupIds: many(5, (i) => `sg-${i}`) }, "securityGroupIds")[0]).toMatch(
            /at most 4/,
        );
        expect(
            at(
                { ...validArgs, launchType: "EC2", placementStrategies: many(6, () => ({ type: "random" })) },
                "placementStrategies",
            )[0],
        ).toMatch(/at most 5/);
        const hooks = many(11, () => ({ stages: ["PRE_SCALE_UP"], pause: {} }));
        expect(
            at(
                { ...validArgs, deployment: { ...validArgs.deployment, lifecycleHooks: hooks } },
                "deployment.lifecycleHooks",
            )[0],
        ).toMatch(/at most 10/);
        expect(problems({ ...validArgs, subnetIds: many(10_000, () => null) }).length).toBeGreaterThan(0);
    });

    it("Outputs are fine in pass-through fields, errors where they decide children", () => {
        expect(() =>
            planEcsService(
                "web-app",
                { ...validArgs, vpcId: pulumi.output("vpc-1"), subnetIds: pulumi.output(["s-1"]) },
                CTX,
            ),
        ).not.toThrow();
        expect(at({ ...validArgs, containers: pulumi.output(validArgs.containers) }, "containers")[0]).toMatch(
            /must be known before deployment \(each key names a container\)/,
        );
        expect(at({ ...validArgs, deployment: pulumi.output(validArgs.deployment) }, "deployment")[0]).toMatch(
            /must be known before deployment/,
        );
        expect(at({ ...validArgs, volumes: pulumi.output({}) }, "volumes")[0]).toMatch(/each key names a task volume/);
    });

    it("NaN and Infinity are errors", () => {
        expect(at({ ...validArgs, cpu: Number.NaN }, "cpu")[0]).toMatch(/NaN/);
        expect(at({ ...validArgs, desiredCount: Number.POSITIVE_INFINITY }, "desiredCount")[0]).toMatch(
            /whole number|finite/,
        );
    });
});

describe("EcsService tags", () => {
    it("tags given as an Output keep the default tags", async () => {
        const plan = await runPlan(
            () => void new EcsService("web-app", { ...validArgs, tags: pulumi.output({ team: "web" }) }),
        );
        expect(only(plan, "aws:ecs/service:Service").inputs.tags).toEqual({
            "managed-by": "compute-layer",
            component: "web-app",
            team: "web",
        });
        expect(at({ ...validArgs, tags: "x" }, "tags")[0]).toMatch(/must be a map/);
    });
});
