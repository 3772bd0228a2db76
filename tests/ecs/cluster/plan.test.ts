import { describe, expect, it } from "vitest";
import { type EcsClusterArgs, planEcsCluster as planWith } from "../../../components/ecs";
import { problemPaths } from "../../support";

const planEcsCluster = (name: string, args: EcsClusterArgs) =>
    planWith(name, args, { stack: "test", now: new Date("2026-01-01T00:00:00Z") });

describe("planEcsCluster", () => {
    const ASG =
        "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/ecs-nodes";

    it("defaults to Container Insights, FARGATE and FARGATE_SPOT, and a FARGATE default strategy", () => {
        expect(planEcsCluster("prod", {})).toEqual({
            cluster: {
                settings: [{ name: "containerInsights", value: "enabled" }],
                tags: { "managed-by": "compute-layer", component: "prod" },
            },
            capacityProviders: {
                capacityProviders: ["FARGATE", "FARGATE_SPOT"],
                defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
            },
        });
    });

    it("plans an EC2 provider with managed scaling at 100% and managed termination protection", () => {
        const plan = planEcsCluster("prod", { capacityProviders: { ec2: { autoScalingGroupArn: ASG } } });
        expect(plan.ec2CapacityProvider).toEqual({
            autoScalingGroupProvider: {
                autoScalingGroupArn: ASG,
                managedScaling: { status: "ENABLED", targetCapacity: 100 },
                managedTerminationProtection: "ENABLED",
                managedDraining: "ENABLED",
            },
            tags: { "managed-by": "compute-layer", component: "prod" },
        });
    });

    it("names the EC2 provider explicitly only when the cluster name starts with a reserved prefix", () => {
        expect(
            planEcsCluster("ecs-main", { capacityProviders: { ec2: { autoScalingGroupArn: ASG } } }).ec2CapacityProvider
                ?.name,
        ).toBe("cp-ecs-main-ec2");
        expect(
            planEcsCluster("main", { capacityProviders: { ec2: { autoScalingGroupArn: ASG } } }).ec2CapacityProvider
                ?.name,
        ).toBeUndefined();
    });

    it("takes a default strategy keyed like the capacity providers", () => {
        const plan = planEcsCluster("prod", {
            capacityProviders: { fargateSpot: true },
            defaultStrategy: { fargate: { weight: 1, base: 2 }, fargateSpot: { weight: 4 } },
        });
        expect(plan.capacityProviders.defaultCapacityProviderStrategies).toEqual([
            { capacityProvider: "FARGATE", weight: 1, base: 2 },
            { capacityProvider: "FARGATE_SPOT", weight: 4, base: 0 },
        ]);
    });

    const ec2 = (over: object) => (): unknown =>
        planEcsCluster("prod", { capacityProviders: { ec2: { autoScalingGroupArn: ASG, ...over } } });
    const cases: [string, () => unknown, string[]][] = [
        [
            "unknown Container Insights mode",
            () => planEcsCluster("c", { containerInsights: "on" as "enabled" }),
            ["containerInsights"],
        ],
        [
            "no capacity provider",
            () => planEcsCluster("c", { capacityProviders: { fargate: false, fargateSpot: false } }),
            ["capacityProviders"],
        ],
        ["target capacity 0", ec2({ targetCapacity: 0 }), ["capacityProviders.ec2.targetCapacity"]],
        ["target capacity 101", ec2({ targetCapacity: 101 }), ["capacityProviders.ec2.targetCapacity"]],
        [
            "step size above 10000",
            ec2({ maximumScalingStepSize: 10001 }),
            ["capacityProviders.ec2.maximumScalingStepSize"],
        ],
        [
            "min step above max step",
            ec2({ minimumScalingStepSize: 5, maximumScalingStepSize: 2 }),
            ["capacityProviders.ec2.minimumScalingStepSize"],
        ],
        ["warm-up above 10000", ec2({ instanceWarmupSeconds: 10001 }), ["capacityProviders.ec2.instanceWarmupSeconds"]],
        [
            "an ARN that is not an Auto Scaling group",
            ec2({ autoScalingGroupArn: "arn:aws:ec2:us-east-1:123456789012:instance/i-1" }),
            ["capacityProviders.ec2.autoScalingGroupArn"],
        ],
        [
            "a strategy on a provider the cluster does not offer",
            () => planEcsCluster("c", { defaultStrategy: { ec2: { weight: 1 } } }),
            ["defaultStrategy.ec2"],
        ],
        [
            "a strategy mixing Fargate and EC2",
            () =>
                planEcsCluster("c", {
                    capacityProviders: { ec2: { autoScalingGroupArn: ASG } },
                    defaultStrategy: { fargate: { weight: 1 }, ec2: { weight: 1 } },
                }),
            ["defaultStrategy"],
        ],
        [
            "weight above 1000",
            () => planEcsCluster("c", { defaultStrategy: { fargate: { weight: 1001 } } }),
            ["defaultStrategy.fargate.weight"],
        ],
        [
            "base above 100000",
            () => planEcsCluster("c", { defaultStrategy: { fargate: { base: 100001 } } }),
            ["defaultStrategy.fargate.base"],
        ],
        [
            "two bases",
            () => planEcsCluster("c", { defaultStrategy: { fargate: { base: 1 }, fargateSpot: { base: 1 } } }),
            ["defaultStrategy.fargateSpot.base"],
        ],
        [
            "all weights 0",
            () => planEcsCluster("c", { defaultStrategy: { fargate: { weight: 0 } } }),
            ["defaultStrategy"],
        ],
        ["an empty strategy", () => planEcsCluster("c", { defaultStrategy: {} }), ["defaultStrategy"]],
        ["a reserved tag key", () => planEcsCluster("c", { tags: { "aws:x": "y" } } as EcsClusterArgs), ["tags.aws:x"]],
        [
            "an EC2 provider without a group ARN",
            ec2({ autoScalingGroupArn: undefined }),
            ["capacityProviders.ec2.autoScalingGroupArn"],
        ],
        ["step size 0", ec2({ minimumScalingStepSize: 0 }), ["capacityProviders.ec2.minimumScalingStepSize"]],
        ["a negative warm-up", ec2({ instanceWarmupSeconds: -1 }), ["capacityProviders.ec2.instanceWarmupSeconds"]],
    ];
    it.each(cases)("rejects %s", (_label, fn, paths) => {
        expect(problemPaths(fn)).toEqual(paths);
    });
});
