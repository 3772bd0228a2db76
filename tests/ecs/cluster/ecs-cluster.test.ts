import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { EcsCluster, EcsService } from "../../../components/ecs";
import { childrenOf, expectInvalid, input, only, resource, runPlan } from "../../support";
import { referenceService } from "../service/reference";

const T = {
    cluster: "aws:ecs/cluster:Cluster",
    provider: "aws:ecs/capacityProvider:CapacityProvider",
    attach: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    asg: "aws:autoscaling/group:Group",
    service: "aws:ecs/service:Service",
    task: "aws:ecs/taskDefinition:TaskDefinition",
};
const TAGS = { "managed-by": "compute-layer", component: "prod" };

describe("EcsCluster", () => {
    it("defaults to Container Insights and FARGATE + FARGATE_SPOT with a FARGATE default strategy", async () => {
        const plan = await runPlan(() => {
            new EcsCluster("prod", { tags: { team: "platform" } });
        });
        const component = resource(plan, "compute-layer:index:EcsCluster", "prod");
        expect(
            childrenOf(plan, component)
                .map((r) => r.type)
                .sort(),
        ).toEqual([T.cluster, T.attach].sort());
        const cluster = only(plan, T.cluster);
        expect(cluster.inputs).toEqual({
            settings: [{ name: "containerInsights", value: "enabled" }],
            tags: { ...TAGS, team: "platform" },
        });
        expect(only(plan, T.attach).inputs).toEqual({
            clusterName: cluster.outputs?.name,
            capacityProviders: ["FARGATE", "FARGATE_SPOT"],
            defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
        });
    });

    it("adds an EC2 capacity provider on an Auto Scaling group with managed scaling and termination protection, used by an EC2 service", async () => {
        const plan = await runPlan(() => {
            // Managed termination protection needs the group's scale-in protection.
            const asg = new aws.autoscaling.Group("ecs-nodes", {
                minSize: 1,
                maxSize: 4,
                protectFromScaleIn: true,
                vpcZoneIdentifiers: ["subnet-1", "subnet-2"],
            });
            const cluster = new EcsCluster("prod", {
                containerInsights: "enhanced",
                capacityProviders: {
                    fargateSpot: false,
                    ec2: { autoScalingGroupArn: asg.arn, targetCapacity: 90, maximumScalingStepSize: 2 },
                },
                defaultStrategy: { ec2: { weight: 1, base: 1 } },
            });
            new EcsService(
                "batch",
                referenceService({
                    cluster,
                    family: "batch",
                    launchType: "EC2",
                    loadBalancer: undefined,
                    capacityProviderStrategy: [{ capacityProvider: cluster.ec2CapacityProviderName! }],
                }),
            );
        });
        const provider = only(plan, T.provider);
        expect(provider.name).toBe("prod-ec2");
        expect(provider.inputs).toEqual({
            autoScalingGroupProvider: {
                autoScalingGroupArn: only(plan, T.asg).outputs?.arn,
                managedScaling: { status: "ENABLED", targetCapacity: 90, maximumScalingStepSize: 2 },
                managedTerminationProtection: "ENABLED",
                managedDraining: "ENABLED",
            },
            tags: TAGS,
        });
        expect(input(only(plan, T.cluster), "settings")).toEqual([{ name: "containerInsights", value: "enhanced" }]);
        const providerName = provider.outputs?.name;
        expect(only(plan, T.attach).inputs).toMatchObject({
            capacityProviders: ["FARGATE", providerName],
            defaultCapacityProviderStrategies: [{ capacityProvider: providerName, weight: 1, base: 1 }],
        });
        const service = only(plan, T.service);
        expect(service.inputs.capacityProviderStrategies).toEqual([
            { capacityProvider: providerName, weight: 1, base: 0 },
        ]);
        expect(service.inputs.launchType).toBeUndefined();
        expect(input(only(plan, T.task), "requiresCompatibilities")).toEqual(["EC2"]);
    });

    it("rejects a strategy mixing Fargate and EC2 and registers nothing", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new EcsCluster("prod", {
                capacityProviders: {
                    ec2: {
                        autoScalingGroupArn:
                            "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/n",
                        targetCapacity: 0,
                    },
                },
                defaultStrategy: { fargate: { weight: 1 }, ec2: { weight: 1 } },
            });
        });
        expect(errors.map((e) => e.propertyPath).sort()).toEqual([
            "capacityProviders.ec2.targetCapacity",
            "defaultStrategy",
        ]);
        expect(plan.resources).toEqual([]);
    });
});
