import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { EksCluster, type EksClusterArgs, type eksClusterArgsSchema, planEksCluster } from "../../../components/eks";
import type { MutuallyAssignable, z } from "../../../src/core";
import { expectInvalid, problemPaths } from "../../support";
import { validArgs } from "./fixture";

const ctx = { stack: "dev", now: new Date("2026-11-30T12:00:00Z") };
const problems = (args: unknown) => {
    try {
        planEksCluster("c", args as EksClusterArgs, ctx);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    return [];
};
const reasonAt = (args: unknown, path: string) => problems(args).find((p) => p.propertyPath === path)?.reason;

describe("EksCluster args: the runtime shape (issue 19)", () => {
    it("the schema's type and EksClusterArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof eksClusterArgsSchema>, EksClusterArgs> = true;
        expect(same).toBe(true);
    });

    it("the fixture is valid", () => {
        expect(problems(validArgs)).toEqual([]);
    });

    it('string booleans are errors: "false" does not turn the 0.0.0.0/0 check off', () => {
        const args = {
            ...validArgs,
            apiAccess: { publicAccessCidrs: ["0.0.0.0/0"], allowPublicEndpointFromAnywhere: "false" },
        };
        expect(reasonAt(args, "apiAccess.allowPublicEndpointFromAnywhere")).toBe(
            'must be a boolean (true or false) (got the string "false")',
        );
        expect(reasonAt({ ...validArgs, deletionProtection: "true" }, "deletionProtection")).toMatch(
            /must be a boolean/,
        );
        expect(
            reasonAt(
                {
                    ...validArgs,
                    nodeGroups: { a: { instanceTypes: ["m5.large"], minSize: 1, maxSize: 2, ssmAccess: "false" } },
                },
                "nodeGroups.a.ssmAccess",
            ),
        ).toMatch(/must be a boolean/);
    });

    it("unknown keys are errors with a suggestion", () => {
        expect(reasonAt({ ...validArgs, apiAcess: {} }, "apiAcess")).toBe("unknown key; did you mean apiAccess?");
        expect(
            reasonAt(
                { ...validArgs, apiAccess: { publicAccesCidrs: ["203.0.113.0/24"] } },
                "apiAccess.publicAccesCidrs",
            ),
        ).toBe("unknown key; did you mean publicAccessCidrs?");
        expect(
            reasonAt(
                {
                    ...validArgs,
                    nodeGroups: { a: { instanceTypes: ["m5.large"], minSize: 1, maxSize: 2, diskSize: 50 } },
                },
                "nodeGroups.a.diskSize",
            ),
        ).toMatch(/did you mean diskSizeGb\?/);
        // The old endpoint fields are gone (apiAccess replaces them).
        expect(reasonAt({ ...validArgs, endpointPublicAccess: true }, "endpointPublicAccess")).toMatch(/^unknown key/);
    });

    it("null, NaN, fractions and wrong types name the field and the expected shape", () => {
        expect(reasonAt({ ...validArgs, vpcId: null }, "vpcId")).toMatch(/must be a string/);
        expect(reasonAt({ ...validArgs, logRetentionDays: Number.NaN }, "logRetentionDays")).toMatch(/finite number/);
        expect(
            reasonAt(
                { ...validArgs, nodeGroups: { a: { instanceTypes: ["m5.large"], minSize: 1.5, maxSize: 2 } } },
                "nodeGroups.a.minSize",
            ),
        ).toMatch(/whole number/);
        expect(reasonAt({ ...validArgs, tags: "x" }, "tags")).toMatch(/must be a map/);
        expect(
            reasonAt({ ...validArgs, nodeGroups: { a: { minSize: 1, maxSize: 2 } } }, "nodeGroups.a.instanceTypes"),
        ).toMatch(/^is required/);
        expect(problems(null).map((p) => p.propertyPath)).toEqual([""]);
    });

    it("list limits from AWS", () => {
        const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
        expect(
            reasonAt(
                {
                    ...validArgs,
                    apiAccess: { publicAccessCidrs: many(10_000, (i) => `10.${i % 250}.${i % 200}.0/24`) },
                },
                "apiAccess.publicAccessCidrs",
            ),
        ).toBe("must have at most 40 entries (got 10000)");
        expect(
            reasonAt(
                { ...validArgs, apiAccess: { privateAccessCidrs: many(60, (i) => `10.${i}.0.0/16`) } },
                "apiAccess.privateAccessCidrs",
            ),
        ).toBe("must have at most 59 entries (got 60)");
        expect(
            reasonAt(
                {
                    ...validArgs,
                    fargateProfiles: {
                        fp: { selectors: many(6, (i) => `ns${i}`).map((namespace) => ({ namespace })) },
                    },
                },
                "fargateProfiles.fp.selectors",
            ),
        ).toBe("must have at most 5 entries (got 6)");
    });

    it("plan-time fields reject Outputs and say why; pass-through fields accept them", () => {
        expect(reasonAt({ ...validArgs, nodeGroups: pulumi.output({}) }, "nodeGroups")).toMatch(
            /must be known before deployment \(each key names a node group/,
        );
        expect(reasonAt({ ...validArgs, clusterName: pulumi.output("x") }, "clusterName")).toMatch(
            /must be known before deployment/,
        );
        expect(
            reasonAt(
                { ...validArgs, apiAccess: { privateAccessCidrs: pulumi.output(["10.0.0.0/8"]) } },
                "apiAccess.privateAccessCidrs",
            ),
        ).toMatch(/must be known before deployment \(each CIDR block is an ingress rule\)/);
        expect(
            problems({
                ...validArgs,
                vpcId: pulumi.output("vpc-1"),
                privateSubnetIds: pulumi.output(["a", "b"]),
                tags: pulumi.output({ a: "b" }),
            }),
        ).toEqual([]);
    });

    it("a shape error is one InputPropertiesError and nothing is registered, the component included", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new EksCluster("bad", {
                ...validArgs,
                apiAccess: {
                    publicAccessCidrs: ["0.0.0.0/0"],
                    allowPublicEndpointFromAnywhere: "false" as unknown as boolean,
                },
            });
        });
        expect(errors.map((e) => e.propertyPath)).toEqual([
            "apiAccess.allowPublicEndpointFromAnywhere",
            "apiAccess.publicAccessCidrs[0]",
        ]);
        expect(plan.resources).toHaveLength(0);
        expect(problemPaths(() => planEksCluster("c", { ...validArgs, version: "1.20" }, ctx))).toEqual(["version"]);
    });
});
