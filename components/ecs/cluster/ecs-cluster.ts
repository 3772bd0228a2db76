import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import type { EcsClusterArgs } from "./args";
import { planEcsCluster } from "./plan";

/**
 * An ECS cluster with Container Insights and its capacity providers: FARGATE and FARGATE_SPOT,
 * and optionally an EC2 capacity provider on an Auto Scaling group with managed scaling and
 * managed termination protection.
 */
export class EcsCluster extends pulumi.ComponentResource {
    static readonly TYPE = "compute-layer:index:EcsCluster";

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
        const plan = planEcsCluster(name, args, planContext());
        super(EcsCluster.TYPE, name, {}, opts);
        const parent = { parent: this };

        this.cluster = new aws.ecs.Cluster(childName(name, "cluster"), plan.cluster, parent);
        if (plan.ec2CapacityProvider) {
            this.ec2CapacityProvider = new aws.ecs.CapacityProvider(
                childName(name, "ec2"),
                plan.ec2CapacityProvider,
                parent,
            );
            this.ec2CapacityProviderName = this.ec2CapacityProvider.name;
        }
        const ec2Name = this.ec2CapacityProviderName;
        const cp = plan.capacityProviders;
        this.capacityProviders = new aws.ecs.ClusterCapacityProviders(
            childName(name, "capacity-providers"),
            {
                clusterName: this.cluster.name,
                capacityProviders: [...cp.capacityProviders, ...(ec2Name ? [ec2Name] : [])],
                defaultCapacityProviderStrategies: cp.defaultCapacityProviderStrategies.map((s) => ({
                    ...s,
                    capacityProvider: s.capacityProvider ?? (ec2Name as pulumi.Output<string>),
                })),
            },
            parent,
        );

        // Both outputs carry the capacity providers as a dependency, so a service that names a
        // provider in its strategy is created after the providers are attached.
        this.arn = pulumi.all([this.cluster.arn, this.capacityProviders.id]).apply(([arn]) => arn);
        this.name = this.capacityProviders.clusterName;
        this.registerOutputs({ arn: this.arn, name: this.name, ec2CapacityProviderName: this.ec2CapacityProviderName });
    }
}
