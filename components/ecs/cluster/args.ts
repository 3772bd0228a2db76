import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";
import type { CapacityProviderShare } from "../shared/strategy";

export type { CapacityProviderShare } from "../shared/strategy";

/** An EC2 capacity provider backed by an existing Auto Scaling group. */
export interface Ec2CapacityProviderArgs {
    /**
     * ARN of the Auto Scaling group whose instances run the tasks, e.g. compute-layer's
     * `AutoScalingGroup.group.arn`. With `managedTerminationProtection` on (the default), the
     * group must have `protectFromScaleIn: true`, or ECS refuses to create the provider.
     * May be an Output.
     * @default required
     */
    autoScalingGroupArn: pulumi.Input<string>;
    /**
     * Managed scaling: ECS scales the group so its instances are this percent utilised by tasks.
     * 100 packs instances fully; lower values keep spare instances warm. 1–100.
     * Known at plan time.
     * @default 100
     */
    targetCapacity?: number;
    /** Fewest instances managed scaling adds or removes at a time, 1–10000. Known at plan time. @default 1 (AWS default) */
    minimumScalingStepSize?: number;
    /** Most instances managed scaling adds or removes at a time, 1–10000. Known at plan time. @default 10000 (AWS default) */
    maximumScalingStepSize?: number;
    /** Seconds a new instance takes before it counts towards the group's metrics, 0–10000. Known at plan time. @default 300 (AWS default) */
    instanceWarmupSeconds?: number;
    /** Managed scaling on. Turn off only when something else scales the group. Known at plan time. @default true */
    managedScaling?: boolean;
    /**
     * Managed termination protection: ECS keeps instances that run tasks from being terminated by
     * Known at plan time.
     * scale-in. Requires the group's `protectFromScaleIn`. @default true
     */
    managedTerminationProtection?: boolean;
    /** Managed draining: ECS drains tasks off instances before the group terminates them. Known at plan time. @default true */
    managedDraining?: boolean;
}

/** The capacity providers a cluster offers. */
export interface EcsClusterCapacityProvidersArgs {
    /** Offer `FARGATE`. Known at plan time. @default true */
    fargate?: boolean;
    /** Offer `FARGATE_SPOT` (interruptible, discounted; Linux X86_64 only). Known at plan time. @default true */
    fargateSpot?: boolean;
    /** An EC2 capacity provider on an Auto Scaling group. Known at plan time. @default none */
    ec2?: Ec2CapacityProviderArgs;
}

/** A cluster's default capacity provider strategy, keyed like `capacityProviders`. */
export interface EcsClusterDefaultStrategyArgs {
    /** Share on `FARGATE`. Known at plan time. @default none */
    fargate?: CapacityProviderShare;
    /** Share on `FARGATE_SPOT`. Known at plan time. @default none */
    fargateSpot?: CapacityProviderShare;
    /** Share on the EC2 capacity provider. Known at plan time. @default none */
    ec2?: CapacityProviderShare;
}

/** The args of `EcsCluster`. Every field is plan-time except `capacityProviders.ec2.autoScalingGroupArn` and the tags. */
export interface EcsClusterArgs {
    /**
     * CloudWatch Container Insights: `enabled`, `enhanced` (per-task and per-container metrics)
     * or `disabled`.
     * Known at plan time.
     * @default "enabled"
     */
    containerInsights?: "enabled" | "enhanced" | "disabled";
    /** The capacity providers the cluster offers. Known at plan time. @default {fargate: true, fargateSpot: true} */
    capacityProviders?: EcsClusterCapacityProvidersArgs;
    /**
     * The default capacity provider strategy, used by services and tasks that name neither a
     * launch type nor a strategy. A strategy holds either Fargate providers or the EC2 provider,
     * never both.
     * Known at plan time.
     * @default {fargate: {weight: 1}} when Fargate is offered, else {ec2: {weight: 1}}
     */
    defaultStrategy?: EcsClusterDefaultStrategyArgs;
    /** Tags for every child that can be tagged, merged over the default tags. The whole map may be an Output; the default tags are kept either way. @default none */
    tags?: pulumi.Input<Tags>;
}
