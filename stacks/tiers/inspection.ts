import * as aws from "@pulumi/aws";
import { AutoScalingGroup, GatewayLoadBalancer, type GatewayLoadBalancerArgs } from "../../src";
import type { SystemContext } from "./context";
import type { Network } from "./network";

type Inspection = NonNullable<NonNullable<SystemContext["config"]["gwlb"]>["inspection"]>;

/** The appliances answer the GWLB's TCP 80 health check here; a real appliance image also handles GENEVE. */
const APPLIANCE_USER_DATA = `#!/bin/bash
# Placeholder appliance: it answers the Gateway Load Balancer's health check (TCP 80) and inspects
# nothing. Replace the AMI with your firewall's, which takes GENEVE on UDP 6081.
set -euo pipefail
dnf install -y nginx
systemctl enable --now nginx
`;

/**
 * The placeholder appliances: an Auto Scaling group registered in the GWLB's target group, in a
 * security group that admits GENEVE (UDP 6081) and the health check (TCP 80) from the VPC.
 */
function appliances(ctx: SystemContext, net: Network, gwlb: GatewayLoadBalancer, inspection: Inspection) {
    const sg = new aws.ec2.SecurityGroup("appliance", {
        vpcId: net.vpcId,
        description: "GWLB appliances",
        tags: ctx.tags,
    });
    const rules = [
        {
            name: "appliance-geneve",
            ipProtocol: "udp",
            port: 6081,
            description: "GENEVE from the Gateway Load Balancer",
        },
        {
            name: "appliance-health",
            ipProtocol: "tcp",
            port: 80,
            description: "Health check from the Gateway Load Balancer",
        },
    ];
    for (const r of rules) {
        new aws.vpc.SecurityGroupIngressRule(r.name, {
            securityGroupId: sg.id,
            cidrIpv4: net.cidrBlock,
            ipProtocol: r.ipProtocol,
            fromPort: r.port,
            toPort: r.port,
            description: r.description,
            tags: ctx.tags,
        });
    }
    new aws.vpc.SecurityGroupEgressRule("appliance-https", {
        securityGroupId: sg.id,
        cidrIpv4: "0.0.0.0/0",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS out (packages)",
        tags: ctx.tags,
    });
    const floor = ctx.profile.policy.minCapacity;
    return new AutoScalingGroup("appliance", {
        subnetIds: net.privateSubnets,
        securityGroupIds: [sg.id],
        instanceType: inspection.applianceInstanceType,
        userData: APPLIANCE_USER_DATA,
        autoScaling: { min: floor, max: floor + 2, targetTracking: [{ metric: "cpu", target: 60 }] },
        targetGroupArns: [gwlb.targetGroup.arn],
        tags: ctx.tags,
    });
}

/** A subnet of the inspection path with a route table of its own (only the VPC's local route to start). */
function subnetWithRoutes(ctx: SystemContext, net: Network, name: string, cidrBlock: string, az: unknown) {
    const subnet = new aws.ec2.Subnet(name, {
        vpcId: net.vpcId,
        cidrBlock,
        availabilityZone: az as string,
        tags: { ...ctx.tags, Name: name },
    });
    const table = new aws.ec2.RouteTable(name, { vpcId: net.vpcId, tags: { ...ctx.tags, Name: name } });
    new aws.ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: table.id });
    return { subnet, table };
}

/**
 * East-west inspection inside the VPC (AWS's "middlebox" routing): one inspected subnet and one
 * endpoint subnet per zone; each inspected subnet's traffic to the others goes through its zone's
 * GWLB endpoint, more specific than the VPC's local route, so both directions cross the appliances.
 */
function endpoints(ctx: SystemContext, net: Network, inspection: Inspection): GatewayLoadBalancerArgs["endpoints"] {
    const zones = aws.getAvailabilityZonesOutput({ state: "available" }).names;
    const cidrs = inspection.inspectedSubnetCidrs;
    const out: NonNullable<GatewayLoadBalancerArgs["endpoints"]> = {};
    cidrs.forEach((cidr, i) => {
        const az = zones.apply((names) => names[i]);
        const inspected = subnetWithRoutes(ctx, net, `inspected-${i}`, cidr, az);
        const endpoint = subnetWithRoutes(ctx, net, `inspection-endpoint-${i}`, inspection.endpointSubnetCidrs[i], az);
        const others = cidrs.filter((_, j) => j !== i);
        out[`zone-${i}`] = {
            subnetId: endpoint.subnet.id,
            routes: others.map((destinationCidrBlock) => ({ routeTableId: inspected.table.id, destinationCidrBlock })),
        };
    });
    return out;
}

/** The Gateway Load Balancer for inspection appliances, off unless configured; with `inspection`, the whole path. */
export function gatewayLoadBalancer(ctx: SystemContext, net: Network) {
    const { config, tags } = ctx;
    if (!config.gwlb) return undefined;
    const inspection = config.gwlb.inspection;
    const gwlb = new GatewayLoadBalancer("inspection", {
        vpcId: net.vpcId,
        subnetIds: net.privateSubnets,
        healthCheck: { port: 80, protocol: "TCP" },
        allowedPrincipals: config.gwlb.allowedPrincipals,
        deletionProtection: config.deletionProtection,
        ...(inspection ? { endpoints: endpoints(ctx, net, inspection) } : {}),
        tags,
    });
    if (inspection) appliances(ctx, net, gwlb, inspection);
    return gwlb;
}
