import { describe, expect, it } from "vitest";
import { computeLayer } from "../../bench/systems/compute-layer";
import { floor } from "../../bench/systems/floor";
import { minimal } from "../../bench/systems/minimal";
import type { Plan, PlannedResource } from "../../src/plan/types";
import { runPlan } from "../support";

/**
 * The benchmark's floor must be the same system as compute-layer's, or the ratio measures a
 * difference in features rather than what the library costs. Resource by resource, by type and
 * logical name, the inputs must be equal once the parts that depend on the URN are set aside:
 * auto-name suffixes and the ids and ARNs the mocks derive from the full URN (which includes the
 * component parents the floor does not have).
 */
const URN_DERIVED: [RegExp, string][] = [
    [/\b(?:sg|subnet|vpc)-[0-9a-f]{17}\b/g, "<ec2-id>"], // EC2 ids
    [/\/[0-9a-f]{16}\b/g, "/<elb-id>"], // ELB ARN ids, e.g. loadbalancer/app/name/c59cb3f31f813fad
    [/-[0-9a-f]{7}\b/g, ""], // auto-name suffix, e.g. svc0-service-97ba7d1 (the floor names its own)
];

function normalise(value: unknown): unknown {
    if (typeof value === "string") return URN_DERIVED.reduce((s, [re, by]) => s.replace(re, by), value);
    if (Array.isArray(value)) return value.map(normalise);
    if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
    return value;
}

/** `type name` of a URN, without its parents' types. */
const typeAndName = (urn: string) => {
    const [, , , chain, name] = urn.split("::");
    return `${chain.split("$").pop()} ${name}`;
};

const awsResources = (plan: Plan) =>
    new Map(
        plan.resources
            .filter((r: PlannedResource) => r.custom)
            .map((r) => [
                `${r.type} ${r.name}`,
                {
                    inputs: normalise(r.inputs),
                    ignoreChanges: r.options.ignoreChanges,
                    dependsOn: (r.options.dependsOn ?? []).map(typeAndName).sort(),
                },
            ]),
    );

describe("bench systems", () => {
    it("the floor registers the same AWS resources, with the same inputs and dependencies, as compute-layer (N = 3)", async () => {
        const cl = awsResources(await runPlan(() => computeLayer(3), { stack: "bench" }));
        const fl = awsResources(await runPlan(() => floor(3), { stack: "bench" }));
        expect([...fl.keys()].sort()).toEqual([...cl.keys()].sort());
        for (const [key, r] of cl) expect({ key, ...fl.get(key) }).toEqual({ key, ...r });
    });

    it("the minimal floor is a smaller system: fewer resources, no tags", async () => {
        const cl = await runPlan(() => computeLayer(3), { stack: "bench" });
        const mi = await runPlan(() => minimal(3), { stack: "bench" });
        const custom = (p: Plan) => p.resources.filter((r) => r.custom);
        expect(custom(mi).length).toBeLessThan(custom(cl).length);
        expect(custom(mi).every((r) => r.inputs.tags === undefined)).toBe(true);
    });
});
