import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, defaultTags } from "../../src/core";
import type { EcsClusterArgs } from "./args";
import { planEcsCluster } from "./plan";

/**
 * An ECS cluster with Container Insights and its capacity providers: FARGATE and FARGATE_SPOT,
 * and optionally an EC2 capacity provider on an Auto Scaling group with managed scaling and
 * managed termination protection.
 */
export class EcsCluster extends pulumi.ComponentResource {
    /** The cluster. */
    readonly cluster: aws.ecs.Cluster;
    /** The cluster's capacity providers and default strategy. */
    readonly capacityProviders: aws.ecs.ClusterCapacityProviders;
    /** The EC2 capacity provider, when `capacityProviders.ec2` is set. */
    readonly ec2CapacityProvider?: aws.ecs.CapacityProvider;
    /** The EC2 capacity provider's name, for a service's `capacityProviderStrategy`; undefined without one. */
    readonly ec2CapacityProviderName?: pulumi.Output<string>;
    /** The cluster's ARN; it resolves once the capacity providers are attached. */
    readonly arn: pulumi.Output<string>;
    /**
     * The cluster's name. It resolves once the capacity providers are attached, so services
     * that use it (as `EcsService`'s `cluster`) are created after them.
     */
    readonly name: pulumi.Output<string>;

    constructor(name: string, args: EcsClusterArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const plan = planEcsCluster(name, args);
        super("compute-layer:index:EcsCluster", name, {}, opts);
        const tags = defaultTags(name, args.tags);

        this.cluster = new aws.ecs.Cluster(
            childName(name, "cluster"),
            { settings: [{ name: "containerInsights", value: plan.containerInsights }], tags },
            { parent: this },
        );

        if (plan.ec2) {
            const e = plan.ec2;
            this.ec2CapacityProvider = new aws.ecs.CapacityProvider(
                childName(name, "ec2"),
                {
                    ...(e.name ? { name: e.name } : {}),
                    autoScalingGroupProvider: {
                        autoScalingGroupArn: e.autoScalingGroupArn,
                        managedScaling: e.managedScaling,
                        managedTerminationProtection: e.managedTerminationProtection,
                        managedDraining: e.managedDraining,
                    },
                    tags,
                },
                { parent: this },
            );
            this.ec2CapacityProviderName = this.ec2CapacityProvider.name;
        }

        const providerName = (p: "FARGATE" | "FARGATE_SPOT" | "ec2"): pulumi.Input<string> => (p === "ec2" ? this.ec2CapacityProvider!.name : p);
        const offered: pulumi.Input<string>[] = [];
        if (plan.fargate) offered.push("FARGATE");
        if (plan.fargateSpot) offered.push("FARGATE_SPOT");
        if (this.ec2CapacityProvider) offered.push(this.ec2CapacityProvider.name);

        this.capacityProviders = new aws.ecs.ClusterCapacityProviders(
            childName(name, "capacity-providers"),
            {
                clusterName: this.cluster.name,
                capacityProviders: offered,
                defaultCapacityProviderStrategies: plan.defaultStrategy.map((s) => ({ capacityProvider: providerName(s.capacityProvider), weight: s.weight, base: s.base })),
            },
            { parent: this },
        );

        // Both outputs carry the capacity providers as a dependency, so a service that names a
        // provider in its strategy is created after the providers are attached.
        this.arn = pulumi.all([this.cluster.arn, this.capacityProviders.id]).apply(([arn]) => arn);
        this.name = this.capacityProviders.clusterName;
        this.registerOutputs({ arn: this.arn, name: this.name, ec2CapacityProviderName: this.ec2CapacityProviderName });
    }
}
