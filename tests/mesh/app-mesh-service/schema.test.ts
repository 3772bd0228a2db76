import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
    AppMeshService,
    type AppMeshServiceArgs,
    type appMeshServiceArgsSchema,
    planAppMeshService,
} from "../../../components/mesh";
import type { MutuallyAssignable, z } from "../../../src/core";
import { only, runPlan } from "../../support";
import { validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const problems = (args: unknown) => {
    try {
        planAppMeshService("web", args as AppMeshServiceArgs, ctx);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    return [];
};
const reasonAt = (args: unknown, path: string) => problems(args).find((p) => p.propertyPath === path)?.reason;

describe("AppMeshService args: the runtime shape (issue 19)", () => {
    afterEach(() => vi.restoreAllMocks());

    it("the schema's type and AppMeshServiceArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof appMeshServiceArgsSchema>, AppMeshServiceArgs> = true;
        // MutuallyAssignable lets an optional field missing on one side through; the keys must match too.
        const keys: MutuallyAssignable<keyof z.input<typeof appMeshServiceArgsSchema>, keyof AppMeshServiceArgs> = true;
        expect([same, keys]).toEqual([true, true]);
    });

    it("the fixture is valid", () => {
        expect(problems(validArgs)).toEqual([]);
    });

    it('string booleans are errors: createMesh "false" does not create a mesh', () => {
        expect(reasonAt({ ...validArgs, createMesh: "false" }, "createMesh")).toBe(
            'must be a boolean (true or false) (got the string "false")',
        );
        const v1 = { hostname: "h", weight: 100, healthCheck: { enabled: "false" } };
        expect(reasonAt({ ...validArgs, versions: { v1 } }, "versions.v1.healthCheck.enabled")).toMatch(
            /must be a boolean/,
        );
    });

    it("unknown keys are errors with a suggestion", () => {
        expect(
            reasonAt(
                {
                    ...validArgs,
                    retryPolicy: { maxRetries: 1, perRetryTimeoutMs: 1000, httpRetryEvent: ["server-error"] },
                },
                "retryPolicy.httpRetryEvent",
            ),
        ).toBe("unknown key; did you mean httpRetryEvents?");
        expect(
            reasonAt(
                { ...validArgs, versions: { v1: { hostname: "h", weight: 100, healtCheck: {} } } },
                "versions.v1.healtCheck",
            ),
        ).toBe("unknown key; did you mean healthCheck?");
    });

    it("wrong types, fractions and App Mesh's list limits", () => {
        expect(reasonAt({ ...validArgs, port: "80" }, "port")).toMatch(/must be a finite number/);
        expect(reasonAt({ ...validArgs, routePriority: 1.5 }, "routePriority")).toMatch(/whole number/);
        expect(
            reasonAt(
                {
                    ...validArgs,
                    retryPolicy: {
                        maxRetries: 1,
                        perRetryTimeoutMs: 1000,
                        tcpRetryEvents: ["connection-error", "connection-error"],
                    },
                },
                "retryPolicy.tcpRetryEvents",
            ),
        ).toBe("must have at most 1 entries (got 2)");
        expect(reasonAt({ ...validArgs, tags: "x" }, "tags")).toMatch(/must be a map/);
        expect(reasonAt({ ...validArgs, versions: pulumi.output({}) }, "versions")).toMatch(
            /must be known before deployment \(each key names a virtual node\)/,
        );
        expect(problems(null).map((p) => p.propertyPath)).toEqual([""]);
        const backends = Array.from({ length: 10_000 }, () => "");
        expect(problems({ ...validArgs, backends }).length).toBe(10_000);
    });

    it("tags given as an Output keep the default tags", async () => {
        vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        const plan = await runPlan(() => {
            new AppMeshService("web", { ...validArgs, tags: pulumi.output({ team: "web" }) });
        });
        expect(only(plan, "aws:appmesh/virtualRouter:VirtualRouter").inputs.tags).toEqual({
            "managed-by": "compute-layer",
            component: "web",
            team: "web",
        });
    });

    it("a secret mesh name stays secret in every child that names the mesh", async () => {
        vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        const plan = await runPlan(() => {
            new AppMeshService("web", { ...validArgs, meshName: pulumi.secret("S3cr3t-mesh") });
        });
        const named = plan.resources.filter((r) => r.type.startsWith("aws:appmesh/"));
        expect(named).toHaveLength(5);
        for (const r of named) {
            expect(JSON.stringify(r.inputs), r.name).not.toContain("S3cr3t-mesh");
            expect(r.inputs.meshName, r.name).toHaveProperty("$secret");
        }
    });
});
