import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { childName, type Tags } from "../../../src/core";

/** One port a security-group rule opens. */
export interface PortRule {
    protocol: "tcp" | "udp";
    port: number;
}

/** One `aws.vpc.SecurityGroupIngressRule` / `SecurityGroupEgressRule`, as the planner decides it. */
export interface PlannedSecurityGroupRule {
    /** The child's Pulumi name. */
    name: string;
    /**
     * The rule's inputs except `securityGroupId`. Without `cidrIpv4`, the rule's CIDR is the VPC's own,
     * which the component looks up (it is known only at deploy time).
     */
    inputs: {
        ipProtocol: "tcp" | "udp";
        fromPort: number;
        toPort: number;
        cidrIpv4?: pulumi.Input<string>;
        description: string;
        tags: pulumi.Input<Tags>;
    };
}

/** The security group of an ALB or NLB and its rules, as the planner decides them. */
export interface SecurityGroupPlan {
    /** The `aws.ec2.SecurityGroup`'s inputs. */
    group: { vpcId: pulumi.Input<string>; description: string; tags: pulumi.Input<Tags> };
    /** Listener ports from the clients' CIDR blocks: one rule per port and CIDR. */
    ingress: PlannedSecurityGroupRule[];
    /** Target and health-check ports to the VPC's CIDR: one rule per port. */
    egress: PlannedSecurityGroupRule[];
}

/** What {@link securityGroupPlan} needs. */
export interface SecurityGroupSpec {
    component: string;
    vpcId: pulumi.Input<string>;
    description: string;
    internal: boolean;
    /** Client CIDRs; default: anywhere when internet-facing, the VPC's CIDR when internal. */
    ingressCidrs?: pulumi.Input<string>[];
    ingress: PortRule[];
    egress: PortRule[];
    tags: pulumi.Input<Tags>;
}

/**
 * The security group of an ALB or NLB: `ingress` ports from `ingressCidrs` (default: anywhere for
 * an internet-facing load balancer, the VPC's CIDR for an internal one), `egress` ports to the VPC.
 */
export function securityGroupPlan(s: SecurityGroupSpec): SecurityGroupPlan {
    const sources: (pulumi.Input<string> | undefined)[] = s.ingressCidrs ?? (s.internal ? [undefined] : ["0.0.0.0/0"]);
    const ingress = portRules(s.ingress).flatMap(({ protocol, port }) =>
        sources.map((cidr, i) => ({
            name: childName(s.component, "sg-in", protocol, port, i),
            inputs: {
                ipProtocol: protocol,
                fromPort: port,
                toPort: port,
                ...(cidr !== undefined ? { cidrIpv4: cidr } : {}),
                description: `${protocol.toUpperCase()} ${port} from clients`,
                tags: s.tags,
            },
        })),
    );
    const egress = portRules(s.egress).map(({ protocol, port }) => ({
        name: childName(s.component, "sg-out", protocol, port),
        inputs: {
            ipProtocol: protocol,
            fromPort: port,
            toPort: port,
            description: `${protocol.toUpperCase()} ${port} to targets in the VPC`,
            tags: s.tags,
        },
    }));
    return { group: { vpcId: s.vpcId, description: s.description, tags: s.tags }, ingress, egress };
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
 * Creates a load balancer's own security group and its planned rules, adding only the group's id
 * and, where the plan leaves the CIDR out, the VPC's CIDR block. The group has no inline rules, so
 * the provider removes AWS's default allow-all egress rule and these rules are the only ones.
 */
export function createLoadBalancerSecurityGroup(
    parent: pulumi.Resource,
    name: string,
    plan: SecurityGroupPlan,
): LoadBalancerSecurityGroup {
    const opts = { parent };
    const securityGroup = new aws.ec2.SecurityGroup(childName(name, "sg"), plan.group, opts);
    let vpcCidr: pulumi.Output<string> | undefined;
    const cidr = (given: pulumi.Input<string> | undefined): pulumi.Input<string> => {
        if (given !== undefined) return given;
        if (vpcCidr === undefined) vpcCidr = aws.ec2.getVpcOutput({ id: plan.group.vpcId }, { parent }).cidrBlock;
        return vpcCidr;
    };
    const ruleArgs = (r: PlannedSecurityGroupRule) => ({
        ...r.inputs,
        securityGroupId: securityGroup.id,
        cidrIpv4: cidr(r.inputs.cidrIpv4),
    });
    const ingressRules = plan.ingress.map((r) => new aws.vpc.SecurityGroupIngressRule(r.name, ruleArgs(r), opts));
    const egressRules = plan.egress.map((r) => new aws.vpc.SecurityGroupEgressRule(r.name, ruleArgs(r), opts));
    return { securityGroup, ingressRules, egressRules };
}
