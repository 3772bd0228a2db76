import { input, int, type MutuallyAssignable, obj, tagsSchema, z } from "../../../src/core/shape";
import { MANAGED_SCALING, STRATEGY } from "../shared/limits";
import type { EcsClusterArgs } from "./args";

/** A strategy share: weight 0–1000, base 0–100000 (CapacityProviderStrategyItem). */
export const shareSchema = obj({
    weight: int().min(0).max(STRATEGY.maxWeight).optional(),
    base: int().min(0).max(STRATEGY.maxBase).optional(),
});

const ec2ProviderSchema = obj({
    autoScalingGroupArn: input(z.string().min(1)),
    targetCapacity: int().min(MANAGED_SCALING.targetCapacity.min).max(MANAGED_SCALING.targetCapacity.max).optional(),
    minimumScalingStepSize: int().min(MANAGED_SCALING.stepSize.min).max(MANAGED_SCALING.stepSize.max).optional(),
    maximumScalingStepSize: int().min(MANAGED_SCALING.stepSize.min).max(MANAGED_SCALING.stepSize.max).optional(),
    instanceWarmupSeconds: int().min(MANAGED_SCALING.warmup.min).max(MANAGED_SCALING.warmup.max).optional(),
    managedScaling: z.boolean().optional(),
    managedTerminationProtection: z.boolean().optional(),
    managedDraining: z.boolean().optional(),
});

/** The runtime shape of {@link EcsClusterArgs}. */
export const ecsClusterArgsSchema = obj({
    containerInsights: z.enum(["enabled", "enhanced", "disabled"]).optional(),
    capacityProviders: obj({
        fargate: z.boolean().optional(),
        fargateSpot: z.boolean().optional(),
        ec2: ec2ProviderSchema.optional(),
    }).optional(),
    defaultStrategy: obj({
        fargate: shareSchema.optional(),
        fargateSpot: shareSchema.optional(),
        ec2: shareSchema.optional(),
    }).optional(),
    tags: input(tagsSchema).optional(),
});

const drift: MutuallyAssignable<z.input<typeof ecsClusterArgsSchema>, EcsClusterArgs> = true;
void drift;
