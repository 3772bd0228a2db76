import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import type { GatewayLoadBalancerArgs } from "./args";
import { planGatewayLoadBalancer } from "./plan";

/**
 * A Gateway Load Balancer for third-party virtual appliances (firewalls, IDS/IPS): the load
 * balancer, a GENEVE target group on port 6081 for the appliances, a listener forwarding to it,
 * and a VPC endpoint service that consumer VPCs reach through Gateway Load Balancer endpoints.
 * Gateway Load Balancers take no security groups; the appliances' own groups must allow GENEVE
 * (UDP 6081) and the health-check port from the load balancer's subnets.
 *
 * Children: `aws.lb.LoadBalancer`, `aws.lb.TargetGroup`, `aws.lb.Listener`, `aws.ec2.VpcEndpointService`.
 */
export class GatewayLoadBalancer extends pulumi.ComponentResource {
    /** The type token; never changes once released. */
    static readonly TYPE = "compute-layer:index:GatewayLoadBalancer";

    /** The load balancer. */
    readonly loadBalancer: aws.lb.LoadBalancer;
    /** The GENEVE target group for the appliances. */
    readonly targetGroup: aws.lb.TargetGroup;
    /** The listener (GWLB listeners have no port or protocol). */
    readonly listener: aws.lb.Listener;
    /** The endpoint service consumers connect their Gateway Load Balancer endpoints to. */
    readonly endpointService: aws.ec2.VpcEndpointService;
    /** ARN of the load balancer. */
    readonly arn: pulumi.Output<string>;
    /** `gwy/<name>/<id>`: the CloudWatch `LoadBalancer` dimension. */
    readonly arnSuffix: pulumi.Output<string>;
    /** The endpoint service name (`com.amazonaws.vpce.<region>.vpce-svc-...`) consumers use. */
    readonly serviceName: pulumi.Output<string>;
    /** The Gateway Load Balancer endpoints by their key in `endpoints`. */
    readonly endpoints: Record<string, aws.ec2.VpcEndpoint>;
    /** With `acceptanceRequired`: the acceptance of each endpoint by the service, by endpoint key. */
    readonly endpointAccepters: Record<string, aws.ec2.VpcEndpointConnectionAccepter>;
    /** The route entries through the endpoints, in `endpoints` order and each endpoint's `routes` order. */
    readonly routes: aws.ec2.Route[];

    constructor(name: string, args: GatewayLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything (not even this component) is registered.
        const plan = planGatewayLoadBalancer(name, args, planContext());
        super(GatewayLoadBalancer.TYPE, name, {}, opts);
        const parent = { parent: this };

        this.loadBalancer = new aws.lb.LoadBalancer(childName(name, "lb"), plan.loadBalancer, parent);
        this.targetGroup = new aws.lb.TargetGroup(childName(name, "tg"), plan.targetGroup, parent);
        const targetGroupArn = this.targetGroup.arn;
        this.listener = new aws.lb.Listener(
            childName(name, "listener"),
            {
                ...plan.listener,
                loadBalancerArn: this.loadBalancer.arn,
                defaultActions: plan.listener.defaultActions.map((a) => ({ ...a, targetGroupArn })),
            },
            parent,
        );
        this.endpointService = new aws.ec2.VpcEndpointService(
            childName(name, "endpoint-service"),
            { ...plan.endpointService, gatewayLoadBalancerArns: [this.loadBalancer.arn] },
            parent,
        );

        this.endpoints = {};
        for (const e of plan.endpoints) {
            this.endpoints[e.key] = new aws.ec2.VpcEndpoint(
                e.name,
                { ...e.inputs, serviceName: this.endpointService.serviceName },
                parent,
            );
        }
        this.endpointAccepters = {};
        for (const a of plan.accepters) {
            this.endpointAccepters[a.endpoint] = new aws.ec2.VpcEndpointConnectionAccepter(
                a.name,
                { vpcEndpointServiceId: this.endpointService.id, vpcEndpointId: this.endpoints[a.endpoint].id },
                parent,
            );
        }
        // A route through an endpoint that is still pending acceptance would fail: wait for it.
        this.routes = plan.routes.map((r) => {
            const accepter = this.endpointAccepters[r.endpoint];
            return new aws.ec2.Route(
                r.name,
                { ...r.inputs, vpcEndpointId: this.endpoints[r.endpoint].id },
                { parent: this, dependsOn: accepter ? [accepter] : [] },
            );
        });

        this.arn = this.loadBalancer.arn;
        this.arnSuffix = this.loadBalancer.arnSuffix;
        this.serviceName = this.endpointService.serviceName;
        this.registerOutputs({ arn: this.arn, arnSuffix: this.arnSuffix, serviceName: this.serviceName });
    }
}
