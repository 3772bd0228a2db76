import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";

/** Health check of the appliances. Limits: interval 5–300 s, timeout 2–120 s and shorter than the interval, thresholds 2–10. */
export interface GwlbHealthCheckArgs {
    /** Port the appliances answer health checks on, 1–65535. @default 80 */
    port?: number;
    /** `"HTTP"`, `"HTTPS"` or `"TCP"`. @default "TCP" ("HTTP" when a `path` is given) */
    protocol?: "HTTP" | "HTTPS" | "TCP";
    /** Path of an HTTP or HTTPS check; starts with `/`. @default "/health" (HTTP and HTTPS checks only) */
    path?: string;
    /** Seconds between checks, 5–300. @default 10 */
    intervalSeconds?: number;
    /** Seconds without a response that count as a failure, 2–120 and less than `intervalSeconds`. @default 5 */
    timeoutSeconds?: number;
    /** Consecutive successes before an appliance is healthy, 2–10. @default 3 */
    healthyThreshold?: number;
    /** Consecutive failures before an appliance is unhealthy, 2–10. @default 3 */
    unhealthyThreshold?: number;
}

/** One route entry that sends a route table's traffic through a Gateway Load Balancer endpoint. */
export interface GwlbRouteArgs {
    /**
     * The route table: an internet gateway's edge route table (ingress routing), an application
     * subnet's, or a Transit Gateway attachment subnet's. May be an Output.
     * @default required
     */
    routeTableId: pulumi.Input<string>;
    /**
     * Traffic to this IPv4 CIDR block goes through the endpoint: `"0.0.0.0/0"` from an application
     * subnet's route table, the application subnet's own CIDR in an edge route table. May be an Output.
     * @default required
     */
    destinationCidrBlock: pulumi.Input<string>;
}

/** One Gateway Load Balancer endpoint: where traffic enters the appliances, in one subnet (one Availability Zone). */
export interface GwlbEndpointArgs {
    /** The endpoint's subnet, in an Availability Zone the load balancer is in. May be an Output. @default required */
    subnetId: pulumi.Input<string>;
    /** The endpoint's VPC: another VPC for the distributed pattern. May be an Output. @default the load balancer's `vpcId` */
    vpcId?: pulumi.Input<string>;
    /** Route entries that send traffic through this endpoint (at most 50 per endpoint, AWS's routes per route table). @default [] */
    routes?: GwlbRouteArgs[];
}

/**
 * Arguments of `GatewayLoadBalancer`.
 *
 * Fields typed `pulumi.Input<…>` may be Outputs (AWS checks them at deploy time); every other field
 * must be a plain value known at plan time, and an Output there is an error.
 */
export interface GatewayLoadBalancerArgs {
    /** The VPC of the appliances. @default required */
    vpcId: pulumi.Input<string>;
    /** At least 2 subnets in different Availability Zones. @default required */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** How the appliances are health-checked. @default TCP on port 80 every 10 s, timeout 5 s, thresholds 3/3 */
    healthCheck?: GwlbHealthCheckArgs;
    /** What gets registered: appliance instances or IPs. @default "instance" */
    targetType?: "instance" | "ip";
    /**
     * Principals (IAM ARNs such as `arn:aws:iam::123456789012:root`) allowed to create endpoints to
     * the endpoint service.
     * @default [] (nobody until you add them)
     */
    allowedPrincipals?: pulumi.Input<string>[];
    /**
     * Every endpoint connection must be accepted by the service owner. The endpoints in `endpoints`
     * are the owner's own: the component accepts them.
     * @default true
     */
    acceptanceRequired?: boolean;
    /**
     * Gateway Load Balancer endpoints by key (letters, digits, hyphens; at most 50, AWS's endpoints
     * per VPC), each with the route entries that send traffic through it: the edge and subnet route
     * tables of AWS's centralized-inspection and distributed patterns. Known at plan time (each key
     * names an endpoint).
     * @default none (consumers create their own endpoints to `serviceName`)
     */
    endpoints?: Record<string, GwlbEndpointArgs>;
    /** Spread each zone's flows over the appliances of every zone. @default true */
    crossZone?: boolean;
    /** Protects the load balancer from deletion; set false to allow `pulumi destroy`. @default true */
    deletionProtection?: boolean;
    /**
     * Tags for every child, merged over the default tags `managed-by` and `component`. May be an
     * Output (the default tags are kept); at most 48 (AWS's 50 less the 2 default tags).
     * @default {}
     */
    tags?: pulumi.Input<Tags>;
}
