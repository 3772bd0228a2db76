import { joinPath, Validator } from "../../src/core";
import { checkCapacityOrder, toApplicationAutoScaling } from "../../src/scaling";
import type { EcsServiceAutoScalingArgs } from "./args";

/**
 * ECS service auto scaling on the shared vocabulary, through its Application Auto Scaling
 * translator (`cpu` → ECSServiceAverageCPUUtilization, `memory` →
 * ECSServiceAverageMemoryUtilization, `requestCountPerTarget` → ALBRequestCountPerTarget;
 * cooldowns scale-in 300 s, scale-out 60 s).
 */

/** The planned service auto scaling (pure; the component creates the resources). */
export interface EcsScalingPlan {
    minCapacity: number;
    maxCapacity: number;
    /** The policies as given; translated again in the component with the alarm dimensions. */
    policies: EcsServiceAutoScalingArgs;
}

/** Validates `autoScaling` (capacities, and the policies through the vocabulary's translator). */
export function planEcsScaling(v: Validator, a: EcsServiceAutoScalingArgs, desiredCount: number | undefined, path = "autoScaling"): EcsScalingPlan {
    v.required(a.minCapacity, joinPath(path, "minCapacity"), "the fewest tasks");
    v.required(a.maxCapacity, joinPath(path, "maxCapacity"), "the most tasks");
    v.min(a.minCapacity, joinPath(path, "minCapacity"), 0);
    v.min(a.maxCapacity, joinPath(path, "maxCapacity"), 1);
    checkCapacityOrder(
        v,
        { min: a.minCapacity, max: a.maxCapacity, desired: desiredCount },
        { min: joinPath(path, "minCapacity"), max: joinPath(path, "maxCapacity"), desired: "desiredCount" },
        { min: "autoScaling.minCapacity", max: "autoScaling.maxCapacity", desired: "desiredCount" },
    );
    v.merge(toApplicationAutoScaling(a, { service: "ecs" }).problems, path);
    return { minCapacity: a.minCapacity, maxCapacity: a.maxCapacity, policies: a };
}
