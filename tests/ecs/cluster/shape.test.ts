import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { type EcsClusterArgs, type ecsClusterArgsSchema, planEcsCluster } from "../../../components/ecs";
import type { MutuallyAssignable, z } from "../../../src/core";
import { validArgs } from "./fixture";

function problems(args: unknown): { propertyPath: string; reason: string }[] {
    try {
        planEcsCluster("prod", args as EcsClusterArgs, { stack: "dev", now: new Date() });
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    throw new Error("expected an InputPropertiesError");
}

describe("EcsCluster: runtime shape", () => {
    it("the schema's type and EcsClusterArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof ecsClusterArgsSchema>, EcsClusterArgs> = true;
        expect(same).toBe(true);
        expect(() => planEcsCluster("prod", validArgs, { stack: "dev", now: new Date() })).not.toThrow();
    });

    it('strict booleans: fargate: "false" is an error', () => {
        expect(problems({ capacityProviders: { fargate: "false" } })).toEqual([
            {
                propertyPath: "capacityProviders.fargate",
                reason: 'must be a boolean (true or false) (got the string "false")',
            },
        ]);
    });

    it("unknown keys, null and wrong shapes", () => {
        expect(problems({ containerInsight: "enabled" })).toEqual([
            { propertyPath: "containerInsight", reason: "unknown key; did you mean containerInsights?" },
        ]);
        expect(problems({ capacityProviders: null }).map((p) => p.propertyPath)).toEqual(["capacityProviders"]);
        expect(problems({ capacityProviders: { ec2: {} } }).map((p) => p.propertyPath)).toEqual([
            "capacityProviders.ec2.autoScalingGroupArn",
        ]);
        expect(problems({ tags: "x" }).map((p) => p.propertyPath)).toEqual(["tags"]);
    });
});
