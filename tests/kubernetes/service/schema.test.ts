import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    KubernetesService,
    type KubernetesServiceArgs,
    type kubernetesServiceArgsSchema,
    planKubernetesService,
} from "../../../components/kubernetes";
import type { MutuallyAssignable, z } from "../../../src/core";
import { expectInvalid } from "../../support";
import { validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const problems = (args: unknown) => {
    try {
        planKubernetesService("web", args as KubernetesServiceArgs, ctx);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    return [];
};
const reasonAt = (args: unknown, path: string) => problems(args).find((p) => p.propertyPath === path)?.reason;

describe("KubernetesService args: the runtime shape (issue 19)", () => {
    it("the schema's type and KubernetesServiceArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof kubernetesServiceArgsSchema>, KubernetesServiceArgs> = true;
        // MutuallyAssignable lets an optional field missing on one side through; the keys must match too.
        const keys: MutuallyAssignable<keyof z.input<typeof kubernetesServiceArgsSchema>, keyof KubernetesServiceArgs> =
            true;
        expect([same, keys]).toEqual([true, true]);
    });

    it("the fixture is valid", () => {
        expect(problems(validArgs)).toEqual([]);
    });

    it('string booleans are errors: "false" does not turn the API token or the read-only root on', () => {
        expect(reasonAt({ ...validArgs, automountServiceAccountToken: "false" }, "automountServiceAccountToken")).toBe(
            'must be a boolean (true or false) (got the string "false")',
        );
        expect(
            reasonAt(
                { ...validArgs, securityContext: { readOnlyRootFilesystem: "false" } },
                "securityContext.readOnlyRootFilesystem",
            ),
        ).toMatch(/must be a boolean/);
        expect(reasonAt({ ...validArgs, createNamespace: "true" }, "createNamespace")).toMatch(/must be a boolean/);
        expect(reasonAt({ ...validArgs, livenessProbe: { enabled: "false" } }, "livenessProbe.enabled")).toMatch(
            /must be a boolean/,
        );
        expect(reasonAt({ ...validArgs, podDisruptionBudget: "false" }, "podDisruptionBudget")).toMatch(/must be/);
    });

    it("takes quantities as manifests write them: a plain number of cores or bytes", () => {
        const plan = planKubernetesService(
            "web",
            { ...validArgs, resources: { requests: { cpu: 0.25, memory: 268435456 }, limits: { cpu: 1 } } },
            ctx,
        );
        const container = (plan.deployment.spec.template as { spec: { containers: { resources: unknown }[] } }).spec
            .containers[0];
        expect(container.resources).toEqual({
            requests: { cpu: "0.25", memory: "268435456" },
            limits: { cpu: "1", memory: "512Mi" },
        });
        expect(
            reasonAt(
                { ...validArgs, resources: { requests: { cpu: 2 }, limits: { cpu: 1 } } },
                "resources.requests.cpu",
            ),
        ).toMatch(/must be at most the cpu limit/);
        expect(
            reasonAt({ ...validArgs, resources: { requests: { memory: 0.5 } } }, "resources.requests.memory"),
        ).toMatch(/at least 1 byte/);
    });

    it("unknown keys are errors with a suggestion", () => {
        expect(reasonAt({ ...validArgs, livenesProbe: {} }, "livenesProbe")).toBe(
            "unknown key; did you mean livenessProbe?",
        );
        expect(reasonAt({ ...validArgs, readinessProbe: { pth: "/ready" } }, "readinessProbe.pth")).toBe(
            "unknown key; did you mean path?",
        );
        expect(
            reasonAt({ ...validArgs, autoScaling: { min: 1, max: 2, targetTraking: [] } }, "autoScaling.targetTraking"),
        ).toBe("unknown key; did you mean targetTracking?");
        // The old scaling field is gone (autoScaling replaces it).
        expect(reasonAt({ ...validArgs, autoscaling: { minReplicas: 1, maxReplicas: 2 } }, "autoscaling")).toBe(
            "unknown key; did you mean autoScaling?",
        );
        expect(reasonAt({ ...validArgs, autoScaling: { minReplicas: 1, max: 2 } }, "autoScaling.minReplicas")).toMatch(
            /^unknown key/,
        );
    });

    it("null, NaN, fractions and wrong types name the field and the expected shape", () => {
        expect(reasonAt({ ...validArgs, image: null }, "image")).toMatch(/must be a string/);
        expect(reasonAt({ ...validArgs, port: Number.NaN }, "port")).toMatch(/finite number/);
        expect(reasonAt({ ...validArgs, replicas: 2.5 }, "replicas")).toMatch(/whole number/);
        expect(reasonAt({ ...validArgs, labels: "x" }, "labels")).toMatch(/must be a map/);
        expect(reasonAt({ ...validArgs, env: { A: 1 } }, "env.A")).toMatch(/must be a string/);
        expect(
            reasonAt({ ...validArgs, autoScaling: { min: 1, max: Number.POSITIVE_INFINITY } }, "autoScaling.max"),
        ).toMatch(/finite number|whole number/);
        expect(reasonAt({ ...validArgs, autoScaling: { max: 3 } }, "autoScaling.min")).toMatch(/^is required/);
        expect(
            reasonAt({ ...validArgs, topologySpread: { topologyKeys: "zone" } }, "topologySpread.topologyKeys"),
        ).toMatch(/must be a list/);
        expect(problems(null).map((p) => p.propertyPath)).toEqual([""]);
        expect(
            problems({ ...validArgs, topologySpread: { topologyKeys: Array.from({ length: 2_000 }, () => "zone") } }),
        ).toHaveLength(1_999);
    });

    it("plan-time fields reject Outputs and say why; pass-through fields accept them", () => {
        expect(reasonAt({ ...validArgs, autoScaling: pulumi.output({ min: 1, max: 2 }) }, "autoScaling")).toMatch(
            /must be known before deployment \(it decides whether an autoscaler/,
        );
        expect(reasonAt({ ...validArgs, service: pulumi.output({}) }, "service")).toMatch(
            /must be known before deployment/,
        );
        expect(
            problems({
                ...validArgs,
                image: pulumi.output("nginx:1.21"),
                port: pulumi.output(80),
                env: { A: pulumi.secret("x") },
                serviceAccountName: pulumi.output("sa"),
                awsAccess: undefined,
            }),
        ).toEqual([]);
    });

    it("a shape error registers nothing, the component included", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new KubernetesService("web", {
                ...validArgs,
                automountServiceAccountToken: "false",
            } as unknown as KubernetesServiceArgs);
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["automountServiceAccountToken"]);
        expect(plan.resources).toEqual([]);
    });
});
