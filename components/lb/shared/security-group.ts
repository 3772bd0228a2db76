import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, Tags } from "../../../src/core";

/** One port a security-group rule opens. */
export interface PortRule {
    protocol: "tcp" | "udp";
    port: number;
}

/** The security group of an ALB or NLB, as its planner decides it. */
export interface SecurityGroupPlan {
    description: string;
    /** Listener ports clients may reach. */
    ingress: PortRule[];
    /** Where clients come from: these CIDR blocks, or the VPC's own CIDR when `undefined`. */
    ingressCidrs?: pulumi.Input<string>[];
    /** Target and health-check ports the load balancer may reach, always within the VPC's CIDR. */
    egress: PortRule[];
}

/**
 * The security group of an ALB or NLB: `ingress` ports from `ingressCidrs` (default: anywhere for
 * an internet-facing load balancer, the VPC's CIDR for an internal one), `egress` ports to the VPC.
 */
export function securityGroupPlan(description: string, internal: boolean, ingressCidrs: pulumi.Input<string>[] | undefined, ingress: PortRule[], egress: PortRule[]): SecurityGroupPlan {
    return { description, ingress: portRules(ingress), ingressCidrs: ingressCidrs ?? (internal ? undefined : ["0.0.0.0/0"]), egress: portRules(egress) };
}

/** Sorted, de-duplicated port rules. */
export function portRules(rules: PortRule[]): PortRule[] {
    const seen = new Map<string, PortRule>();
    for (const r of rules) seen.set(`${r.protocol}/${r.port}`, r);
    return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** The children {@link createLoadBalancerSecurityGroup} creates. */
export interface LoadBalancerSecurityGroup {
    securityGroup: aws.ec2.SecurityGroup;
    ingressRules: aws.vpc.SecurityGroupIngressRule[];
    egressRules: aws.vpc.SecurityGroupEgressRule[];
}

/**
 * Creates a load balancer's own security group with one `aws.vpc.SecurityGroupIngressRule` per
 * listener port and client CIDR, and one `aws.vpc.SecurityGroupEgressRule` per target port to the
 * VPC's CIDR. The group has no inline rules, so the provider removes AWS's default allow-all
 * egress rule and these rules are the only ones.
 */
export function createLoadBalancerSecurityGroup(parent: pulumi.Resource, name: string, vpcId: pulumi.Input<string>, plan: SecurityGroupPlan, tags: Tags): LoadBalancerSecurityGroup {
    const opts = { parent };
    const securityGroup = new aws.ec2.SecurityGroup(childName(name, "sg"), { vpcId, description: plan.description, tags }, opts);
    let vpcCidr: pulumi.Output<string> | undefined;
    const getVpcCidr = () => (vpcCidr ??= aws.ec2.getVpcOutput({ id: vpcId }, { parent }).cidrBlock);

    const sources = plan.ingressCidrs ?? [getVpcCidr()];
    const ingressRules: aws.vpc.SecurityGroupIngressRule[] = [];
    for (const { protocol, port } of plan.ingress) {
        sources.forEach((cidr, i) => {
            ingressRules.push(
                new aws.vpc.SecurityGroupIngressRule(
                    childName(name, "sg-in", protocol, port, i),
                    { securityGroupId: securityGroup.id, ipProtocol: protocol, fromPort: port, toPort: port, cidrIpv4: cidr, description: `${protocol.toUpperCase()} ${port} from clients`, tags },
                    opts,
                ),
            );
        });
    }
    const egressRules = plan.egress.map(
        ({ protocol, port }) =>
            new aws.vpc.SecurityGroupEgressRule(
                childName(name, "sg-out", protocol, port),
                { securityGroupId: securityGroup.id, ipProtocol: protocol, fromPort: port, toPort: port, cidrIpv4: getVpcCidr(), description: `${protocol.toUpperCase()} ${port} to targets in the VPC`, tags },
                opts,
            ),
    );
    return { securityGroup, ingressRules, egressRules };
}
