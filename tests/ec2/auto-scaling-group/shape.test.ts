import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    AutoScalingGroup,
    type AutoScalingGroupArgs,
    type autoScalingGroupArgsSchema,
    planAutoScalingGroup,
} from "../../../components/ec2";
import type { MutuallyAssignable, z } from "../../../src/core";
import { expectInvalid, only, runPlan } from "../../support";
import { validArgs } from "./fixture";

const CTX = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };

/** The `{propertyPath, reason}` problems of planning `args` (which must fail). */
function problems(args: unknown): { propertyPath: string; reason: string }[] {
    try {
        planAutoScalingGroup("web", args as AutoScalingGroupArgs, CTX);
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

describe("AutoScalingGroup: runtime shape", () => {
    it("the schema's type and AutoScalingGroupArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof autoScalingGroupArgsSchema>, AutoScalingGroupArgs> = true;
        expect(same).toBe(true);
    });

    it("accepts the fixture", () => {
        expect(() => planAutoScalingGroup("web", validArgs, CTX)).not.toThrow();
    });

    it("requires its bounds: no autoScaling, or one without min/max, fails before any child", async () => {
        const { autoScaling: _, ...rest } = validArgs;
        expect(at(rest, "autoScaling")[0]).toMatch(/^is required/);
        expect(
            problems({ ...validArgs, autoScaling: { targetTracking: [] } })
                .map((p) => p.propertyPath)
                .sort(),
        ).toEqual(["autoScaling.max", "autoScaling.min"]);
        const { errors, plan } = await expectInvalid(
            () => void new AutoScalingGroup("web", rest as AutoScalingGroupArgs),
        );
        expect(errors.map((e) => e.propertyPath)).toContain("autoScaling");
        expect(plan.resources).toEqual([]);
    });

    it('booleans are booleans: the string "false" is an error, not a truthy value', () => {
        expect(at({ ...validArgs, protectFromScaleIn: "false" }, "protectFromScaleIn")).toEqual([
            'must be a boolean (true or false) (got the string "false")',
        ]);
        expect(at({ ...validArgs, instanceRefresh: { enabled: "false" } }, "instanceRefresh.enabled")).toHaveLength(1);
        expect(at({ ...validArgs, warmPool: { reuseOnScaleIn: "true" } }, "warmPool.reuseOnScaleIn")).toHaveLength(1);
    });

    it("userData: null, NaN sizes and fractional counts are shape errors, not TypeErrors", async () => {
        expect(at({ ...validArgs, userData: null }, "userData")[0]).toMatch(/must be a string \(got null\)/);
        expect(at({ ...validArgs, desiredCapacity: Number.NaN }, "desiredCapacity")[0]).toMatch(/NaN/);
        expect(at({ ...validArgs, autoScaling: { ...validArgs.autoScaling, max: 2.5 } }, "autoScaling.max")[0]).toMatch(
            /whole number/,
        );
        const { plan } = await expectInvalid(
            () => void new AutoScalingGroup("web", { ...validArgs, userData: null } as unknown as AutoScalingGroupArgs),
        );
        expect(plan.resources).toEqual([]);
    });

    it("unknown keys are errors with a suggestion", () => {
        expect(at({ ...validArgs, healtCheckType: "ELB" }, "healtCheckType")).toEqual([
            "unknown key; did you mean healthCheckType?",
        ]);
        expect(at({ ...validArgs, minSize: 2 }, "minSize")[0]).toMatch(/^unknown key/);
        expect(at({ ...validArgs, rootVolume: { sizeGb: 30, iop: 3000 } }, "rootVolume.iop")).toEqual([
            "unknown key; did you mean iops?",
        ]);
    });

    it("AWS's list limits: 40 instance types, 16 security groups, 100 target groups, 60 allowFrom rules", () => {
        const types = Array.from({ length: 41 }, (_, i) => `m5.${i}xlarge`);
        expect(
            at(
                { ...validArgs, instanceType: undefined, instanceTypes: types, warmPool: undefined },
                "instanceTypes",
            )[0],
        ).toMatch(/at most 40 entries/);
        const groups = Array.from({ length: 17 }, (_, i) => `sg-${i}`);
        expect(at({ ...validArgs, allowFrom: undefined, securityGroupIds: groups }, "securityGroupIds")[0]).toMatch(
            /at most 16 entries/,
        );
        const tgs = Array.from({ length: 101 }, (_, i) => `arn:tg/${i}`);
        expect(at({ ...validArgs, targetGroupArns: tgs }, "targetGroupArns")[0]).toMatch(/at most 100 entries/);
        const ports = Array.from({ length: 31 }, (_, i) => 8000 + i);
        expect(at({ ...validArgs, allowFrom: { securityGroupIds: ["sg-a", "sg-b"], ports } }, "allowFrom")[0]).toMatch(
            /62 ingress rules .* at most 60/,
        );
        const hooks = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`h${i}`, { transition: "launch" }]));
        expect(at({ ...validArgs, lifecycleHooks: hooks }, "lifecycleHooks")[0]).toMatch(/at most 50/);
    });

    it("10,000-long lists and strings come back as path-named errors", () => {
        // Ten thousand subnets is AWS's business (no documented limit); ten thousand nulls name the first ones.
        expect(() =>
            planAutoScalingGroup(
                "web",
                { ...validArgs, subnetIds: Array.from({ length: 10_000 }, (_, i) => `subnet-${i}`) },
                CTX,
            ),
        ).not.toThrow();
        expect(
            at(
                { ...validArgs, subnetIds: [null, ...Array.from({ length: 99 }, (_, i) => `subnet-${i}`)] },
                "subnetIds[0]",
            ),
        ).toHaveLength(1);
        expect(at({ ...validArgs, userData: "x".repeat(10_000 * 2) }, "userData")[0]).toMatch(/16 KB/);
    });

    it("Outputs are fine in pass-through fields, errors where they decide the plan", () => {
        expect(() =>
            planAutoScalingGroup(
                "web",
                { ...validArgs, vpcId: pulumi.output("vpc-1"), userData: pulumi.output("#!/bin/sh") },
                CTX,
            ),
        ).not.toThrow();
        expect(at({ ...validArgs, autoScaling: pulumi.output(validArgs.autoScaling) }, "autoScaling")[0]).toMatch(
            /must be known before deployment/,
        );
        expect(at({ ...validArgs, allowFrom: pulumi.output(validArgs.allowFrom) }, "allowFrom")[0]).toMatch(
            /must be known before deployment/,
        );
        expect(at({ ...validArgs, lifecycleHooks: pulumi.output({}) }, "lifecycleHooks")[0]).toMatch(
            /each key names a lifecycle hook/,
        );
    });

    it("allowFrom needs the created security group", () => {
        expect(at({ ...validArgs, securityGroupIds: ["sg-1"] }, "allowFrom")[0]).toMatch(
            /the security group the component creates/,
        );
        expect(
            at({ ...validArgs, allowFrom: { securityGroupIds: ["sg-a"], ports: [80, 80] } }, "allowFrom.ports[1]"),
        ).toHaveLength(1);
    });
});

describe("AutoScalingGroup tags", () => {
    it("tags given as an Output keep the default tags, on the group and its instances", async () => {
        const plan = await runPlan(
            () => void new AutoScalingGroup("web", { ...validArgs, tags: pulumi.output({ team: "web" }) }),
        );
        expect(only(plan, "aws:autoscaling/group:Group").inputs.tags).toEqual([
            { key: "managed-by", value: "compute-layer", propagateAtLaunch: true },
            { key: "component", value: "web", propagateAtLaunch: true },
            { key: "team", value: "web", propagateAtLaunch: true },
        ]);
        expect(only(plan, "aws:ec2/launchTemplate:LaunchTemplate").inputs.tags).toEqual({
            "managed-by": "compute-layer",
            component: "web",
            team: "web",
        });
    });
});
