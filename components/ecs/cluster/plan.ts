import type * as pulumi from "@pulumi/pulumi";
import {
    checkShape,
    isKnown,
    joinPath,
    known,
    type PlanContext,
    physicalName,
    planTags,
    type Tags,
    Validator,
    validateTags,
} from "../../../src/core";
import { checkStrategyShape } from "../shared/strategy";
import type { Ec2CapacityProviderArgs, EcsClusterArgs } from "./args";
import { ecsClusterArgsSchema } from "./schema";

type Enabled = "ENABLED" | "DISABLED";

/** The EC2 capacity provider's final inputs. */
export interface PlannedEc2CapacityProvider {
    /** Set only when the auto-name would start with a prefix AWS reserves (aws, ecs, fargate). */
    name?: string;
    autoScalingGroupProvider: {
        autoScalingGroupArn: pulumi.Input<string>;
        managedScaling: {
            status: Enabled;
            targetCapacity: number;
            minimumScalingStepSize?: number;
            maximumScalingStepSize?: number;
            instanceWarmupPeriod?: number;
        };
        managedTerminationProtection: Enabled;
        managedDraining: Enabled;
    };
    tags: pulumi.Input<Tags>;
}

/** One item of a planned strategy; without `capacityProvider` it is the cluster's own EC2 provider (the component adds its name). */
export interface PlannedStrategyItem {
    capacityProvider?: "FARGATE" | "FARGATE_SPOT";
    weight: number;
    base: number;
}

/** What {@link EcsCluster} creates: the final inputs of every child. */
export interface EcsClusterPlan {
    /** The cluster. */
    cluster: {
        settings: { name: "containerInsights"; value: "enabled" | "enhanced" | "disabled" }[];
        tags: pulumi.Input<Tags>;
    };
    /** The EC2 capacity provider, when `capacityProviders.ec2` is set. */
    ec2CapacityProvider?: PlannedEc2CapacityProvider;
    /**
     * The cluster's capacity providers and default strategy; the component adds `clusterName`
     * and the EC2 provider's name (to the list, and to strategy items without `capacityProvider`).
     */
    capacityProviders: {
        capacityProviders: ("FARGATE" | "FARGATE_SPOT")[];
        defaultCapacityProviderStrategies: PlannedStrategyItem[];
    };
}

const STRATEGY_KEYS = [
    ["fargate", "FARGATE"],
    ["fargateSpot", "FARGATE_SPOT"],
    ["ec2", undefined],
] as const;

const enabled = (on: boolean | undefined): Enabled => ((on ?? true) ? "ENABLED" : "DISABLED");

function planEc2Provider(
    v: Validator,
    name: string,
    ec2: Ec2CapacityProviderArgs,
    tags: pulumi.Input<Tags>,
): PlannedEc2CapacityProvider {
    const p = "capacityProviders.ec2";
    if (isKnown(ec2.autoScalingGroupArn) && !/^arn:aws[a-z-]*:autoscaling:/.test(ec2.autoScalingGroupArn)) {
        v.add(
            joinPath(p, "autoScalingGroupArn"),
            `must be an Auto Scaling group ARN (arn:aws:autoscaling:<region>:<account>:autoScalingGroup:…) (got ${JSON.stringify(ec2.autoScalingGroupArn)})`,
        );
    }
    if (
        ec2.minimumScalingStepSize !== undefined &&
        ec2.maximumScalingStepSize !== undefined &&
        ec2.minimumScalingStepSize > ec2.maximumScalingStepSize
    ) {
        v.add(
            joinPath(p, "minimumScalingStepSize"),
            `must be at most maximumScalingStepSize (${ec2.maximumScalingStepSize}) (got ${ec2.minimumScalingStepSize})`,
        );
    }
    return {
        // Capacity provider names may not start with "aws", "ecs" or "fargate"
        // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCapacityProvider.html).
        ...(/^(aws|ecs|fargate)/i.test(name)
            ? { name: physicalName(["cp", name, "ec2"], { maxLength: 255, invalid: /[^a-zA-Z0-9_-]/g }) }
            : {}),
        autoScalingGroupProvider: {
            autoScalingGroupArn: ec2.autoScalingGroupArn,
            managedScaling: {
                status: enabled(ec2.managedScaling),
                targetCapacity: ec2.targetCapacity ?? 100,
                ...(ec2.minimumScalingStepSize !== undefined
                    ? { minimumScalingStepSize: ec2.minimumScalingStepSize }
                    : {}),
                ...(ec2.maximumScalingStepSize !== undefined
                    ? { maximumScalingStepSize: ec2.maximumScalingStepSize }
                    : {}),
                ...(ec2.instanceWarmupSeconds !== undefined ? { instanceWarmupPeriod: ec2.instanceWarmupSeconds } : {}),
            },
            managedTerminationProtection: enabled(ec2.managedTerminationProtection),
            managedDraining: enabled(ec2.managedDraining),
        },
        tags,
    };
}

/** Applies defaults to and validates `EcsClusterArgs`; throws one InputPropertiesError listing every problem. */
export function planEcsCluster(name: string, args: EcsClusterArgs, ctx: PlanContext): EcsClusterPlan {
    void ctx;
    const v = new Validator(`EcsCluster "${name}"`);
    const a = args ?? {};
    const ok = checkShape(v, ecsClusterArgsSchema, a);
    const plan = v.attempt(ok, () => planChecked(v, name, a));
    v.throwIfAny();
    return plan as EcsClusterPlan;
}

function planChecked(v: Validator, name: string, a: EcsClusterArgs): EcsClusterPlan {
    const tags = planTags(name, a.tags);
    const cps = a.capacityProviders ?? {};
    const fargate = cps.fargate ?? true;
    const fargateSpot = cps.fargateSpot ?? true;
    const ec2 = cps.ec2 ? planEc2Provider(v, name, cps.ec2, tags) : undefined;
    if (!fargate && !fargateSpot && !ec2)
        v.add("capacityProviders", "must offer at least one capacity provider: fargate, fargateSpot or ec2");

    const offered = { fargate, fargateSpot, ec2: ec2 !== undefined };
    let strategy: PlannedStrategyItem[] = [];
    if (a.defaultStrategy) {
        const items: { weight: number; base: number; path: string }[] = [];
        for (const [key, provider] of STRATEGY_KEYS) {
            const share = a.defaultStrategy[key];
            if (!share) continue;
            const path = joinPath("defaultStrategy", key);
            if (!offered[key])
                v.add(
                    path,
                    `the cluster does not offer this capacity provider; enable capacityProviders.${key} or remove it from the strategy`,
                );
            const item = {
                ...(provider ? { capacityProvider: provider } : {}),
                weight: share.weight ?? 1,
                base: share.base ?? 0,
            };
            strategy.push(item);
            items.push({ ...item, path });
        }
        if (a.defaultStrategy.ec2 && (a.defaultStrategy.fargate || a.defaultStrategy.fargateSpot)) {
            v.add(
                "defaultStrategy",
                "a capacity provider strategy holds either Fargate providers (fargate, fargateSpot) or the EC2 provider, not both",
            );
        }
        if (items.length === 0)
            v.add("defaultStrategy", "must name at least one of fargate, fargateSpot or ec2, or be left out");
        checkStrategyShape(v, items, "defaultStrategy");
    } else if (fargate) {
        strategy = [{ capacityProvider: "FARGATE", weight: 1, base: 0 }];
    } else if (fargateSpot) {
        strategy = [{ capacityProvider: "FARGATE_SPOT", weight: 1, base: 0 }];
    } else if (ec2) {
        strategy = [{ weight: 1, base: 0 }];
    }
    validateTags(v, known(a.tags));
    return {
        cluster: { settings: [{ name: "containerInsights", value: a.containerInsights ?? "enabled" }], tags },
        ...(ec2 ? { ec2CapacityProvider: ec2 } : {}),
        capacityProviders: {
            capacityProviders: [
                ...(fargate ? (["FARGATE"] as const) : []),
                ...(fargateSpot ? (["FARGATE_SPOT"] as const) : []),
            ],
            defaultCapacityProviderStrategies: strategy,
        },
    };
}
