// The ec2 module alone: awsx's root also loads its ECS, ECR (Docker) and classic modules and an
// AWS SDK client, a tenth of a second at every start for nothing this program uses.
import * as ec2x from "@pulumi/awsx/ec2";
import type * as pulumi from "@pulumi/pulumi";
import type { SystemContext } from "./context";

/** The VPC and its subnets, one known entry per availability zone. */
export interface Network {
    vpcId: pulumi.Output<string>;
    /** One entry per AZ, so components can count subnets (and give one Elastic IP per subnet). */
    publicSubnets: pulumi.Output<string>[];
    privateSubnets: pulumi.Output<string>[];
    cidrBlock: string;
}

/** The VPC: public and private subnets in each zone, one NAT gateway or one per zone. */
export function network({ config, tags }: SystemContext): Network {
    const azCount = config.network.availabilityZones;
    const strategy = config.network.natGateways === "perAz" ? "OnePerAz" : "Single";
    const vpc = new ec2x.Vpc("network", {
        cidrBlock: config.network.cidrBlock,
        numberOfAvailabilityZones: azCount,
        natGateways: { strategy: ec2x.NatGatewayStrategy[strategy] },
        subnetStrategy: ec2x.SubnetAllocationStrategy.Auto,
        subnetSpecs: [{ type: ec2x.SubnetType.Public }, { type: ec2x.SubnetType.Private }],
        tags,
    });
    const perAz = (ids: pulumi.Output<string[]>) =>
        Array.from({ length: azCount }, (_, i) => ids.apply((all) => all[i]));
    return {
        vpcId: vpc.vpcId,
        publicSubnets: perAz(vpc.publicSubnetIds),
        privateSubnets: perAz(vpc.privateSubnetIds),
        cidrBlock: config.network.cidrBlock,
    };
}
