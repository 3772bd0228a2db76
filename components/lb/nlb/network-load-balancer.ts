import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import { createLoadBalancerSecurityGroup } from "../shared/security-group";
import type { NetworkLoadBalancerArgs } from "./args";
import { planNetworkLoadBalancer } from "./plan";

/**
 * A Network Load Balancer (TCP, UDP, TLS, TCP_UDP) with one target group per listener, cross-zone
 * load balancing, optional static Elastic IPs (one per subnet), and its own security group
 * (NLBs support security groups since August 2023; a group can only be attached when the NLB is
 * created, so it gets one from the start): listener ports from `ingressCidrs`, target and
 * health-check ports to the VPC's CIDR.
 *
 * Children: `aws.ec2.SecurityGroup` (+ rules), `aws.ec2.Eip` per subnet with `staticIps`,
 * `aws.lb.LoadBalancer`, and per listener an `aws.lb.TargetGroup` and an `aws.lb.Listener`.
 */
export class NetworkLoadBalancer extends pulumi.ComponentResource {
    /** The type token; never changes once released. */
    static readonly TYPE = "compute-layer:index:NetworkLoadBalancer";

    /** The load balancer. */
    readonly loadBalancer: aws.lb.LoadBalancer;
    /** Its security group. Reference it from your targets' security groups. */
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** The security group's ingress rules, one per listener port, protocol and client CIDR. */
    readonly ingressRules: aws.vpc.SecurityGroupIngressRule[];
    /** The security group's egress rules, one per target and health-check port. */
    readonly egressRules: aws.vpc.SecurityGroupEgressRule[];
    /** The Elastic IPs, one per subnet in `subnetIds` order, with `staticIps`; else empty. */
    readonly eips: aws.ec2.Eip[];
    /** Listeners by their key in `listeners`. */
    readonly listeners: Record<string, aws.lb.Listener>;
    /** Target groups by the key of their listener. */
    readonly targetGroups: Record<string, aws.lb.TargetGroup>;
    /** DNS name of the load balancer. */
    readonly dnsName: pulumi.Output<string>;
    /** ARN of the load balancer. */
    readonly arn: pulumi.Output<string>;
    /** `net/<name>/<id>`: the CloudWatch `LoadBalancer` dimension. */
    readonly arnSuffix: pulumi.Output<string>;
    /** Route 53 hosted zone id of the load balancer, for alias records. */
    readonly zoneId: pulumi.Output<string>;
    /** The static public IPs, with `staticIps`; else an empty list. */
    readonly publicIps: pulumi.Output<string[]>;
    /** The PrivateLink endpoint service, with `endpointService`. */
    readonly endpointService?: aws.ec2.VpcEndpointService;
    /** The endpoint service's name (`com.amazonaws.vpce.<region>.vpce-svc-...`) consumers create endpoints to, with `endpointService`. */
    readonly endpointServiceName?: pulumi.Output<string>;
    /** The endpoint service's ARN, with `endpointService`. */
    readonly endpointServiceArn?: pulumi.Output<string>;

    constructor(name: string, args: NetworkLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything (not even this component) is registered.
        const plan = planNetworkLoadBalancer(name, args, planContext());
        super(NetworkLoadBalancer.TYPE, name, {}, opts);
        const parent = { parent: this };

        const sg = createLoadBalancerSecurityGroup(this, name, plan.securityGroup);
        this.securityGroup = sg.securityGroup;
        this.ingressRules = sg.ingressRules;
        this.egressRules = sg.egressRules;

        this.eips = plan.eips.map((eip, i) => new aws.ec2.Eip(childName(name, "eip", i), eip, parent));
        const { subnetMappings, ...lb } = plan.loadBalancer;
        this.loadBalancer = new aws.lb.LoadBalancer(
            childName(name, "lb"),
            {
                ...lb,
                ...(subnetMappings
                    ? {
                          subnetMappings: subnetMappings.map((m, i) => ({
                              ...m,
                              allocationId: this.eips[i].allocationId,
                          })),
                      }
                    : {}),
                securityGroups: [this.securityGroup.id],
            },
            parent,
        );

        this.listeners = {};
        this.targetGroups = {};
        for (const { key, targetGroup, defaultActions, ...listener } of plan.listeners) {
            const tg = new aws.lb.TargetGroup(childName(name, "tg", key), targetGroup, parent);
            this.targetGroups[key] = tg;
            this.listeners[key] = new aws.lb.Listener(
                childName(name, "listener", key),
                {
                    ...listener,
                    loadBalancerArn: this.loadBalancer.arn,
                    defaultActions: defaultActions.map((a) => ({ ...a, targetGroupArn: tg.arn })),
                },
                parent,
            );
        }

        if (plan.endpointService) {
            this.endpointService = new aws.ec2.VpcEndpointService(
                childName(name, "endpoint-service"),
                { ...plan.endpointService, networkLoadBalancerArns: [this.loadBalancer.arn] },
                parent,
            );
            this.endpointServiceName = this.endpointService.serviceName;
            this.endpointServiceArn = this.endpointService.arn;
        }

        this.dnsName = this.loadBalancer.dnsName;
        this.arn = this.loadBalancer.arn;
        this.arnSuffix = this.loadBalancer.arnSuffix;
        this.zoneId = this.loadBalancer.zoneId;
        this.publicIps = pulumi.all(this.eips.map((e) => e.publicIp));
        this.registerOutputs({
            dnsName: this.dnsName,
            arn: this.arn,
            arnSuffix: this.arnSuffix,
            zoneId: this.zoneId,
            publicIps: this.publicIps,
            endpointServiceName: this.endpointServiceName,
            endpointServiceArn: this.endpointServiceArn,
        });
    }
}
