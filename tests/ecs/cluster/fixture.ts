import type { EcsClusterArgs } from "../../../components/ecs";

/** One valid, rich EcsCluster: Fargate, Fargate Spot and an EC2 provider, with a default strategy. Plain values only. */
export const validArgs: EcsClusterArgs = {
    containerInsights: "enhanced",
    capacityProviders: {
        fargate: true,
        fargateSpot: true,
        ec2: {
            autoScalingGroupArn:
                "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/ecs-nodes",
            targetCapacity: 90,
            minimumScalingStepSize: 1,
            maximumScalingStepSize: 10,
            instanceWarmupSeconds: 120,
        },
    },
    defaultStrategy: { fargate: { weight: 3, base: 2 }, fargateSpot: { weight: 1 } },
    tags: { team: "platform" },
};
