import { describe, expect, it } from "vitest";
import type { ScalingPolicies } from "../../src/scaling";
import { validateScalingPolicies } from "../../src/scaling";

const bad = (p: unknown) => validateScalingPolicies(p as ScalingPolicies, "ecs");

describe("the scaling vocabulary's shape, for untyped callers", () => {
    it("names the field and the expected shape instead of throwing", () => {
        expect(bad({ targetTracking: "cpu" })).toEqual([
            { propertyPath: "targetTracking", reason: 'must be a list (got the string "cpu")' },
        ]);
        expect(bad({ targetTracking: [null] })).toEqual([
            { propertyPath: "targetTracking[0]", reason: "must be an object (got null)" },
        ]);
        expect(bad({ targetTracking: [{ metric: "cpu", target: Number.NaN }] })).toEqual([
            { propertyPath: "targetTracking[0].target", reason: "must be a finite number (got NaN)" },
        ]);
        expect(
            bad({
                steps: [
                    { alarm: { metric: "CPU", threshold: "70", comparison: "GreaterThanThreshold" }, adjustments: [] },
                ],
            }),
        ).toEqual([
            { propertyPath: "steps[0].alarm.threshold", reason: 'must be a finite number (got the string "70")' },
            { propertyPath: "steps[0].adjustments", reason: "must have at least 1 step adjustment" },
        ]);
        expect(bad({ targetTracking: [{ metric: "cpu", target: 50, disableScaleIn: "false" }] })[0]).toEqual({
            propertyPath: "targetTracking[0].disableScaleIn",
            reason: 'must be a boolean (true or false) (got the string "false")',
        });
        expect(bad({ targetTracking: [{ metric: "cpu", target: 50, scaleInCoolDownSeconds: 60 }] })[0]).toEqual({
            propertyPath: "targetTracking[0].scaleInCoolDownSeconds",
            reason: "unknown key; did you mean scaleInCooldownSeconds?",
        });
        expect(bad(null)[0].propertyPath).toBe("");
    });

    it("leaves a tier's own keys (min, max, extras) to the tier", () => {
        expect(bad({ min: 1, max: 3, targetTracking: [{ metric: "cpu", target: 60 }] })).toEqual([]);
    });
});
