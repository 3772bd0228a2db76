import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";

/**
 * Health check of an NLB target group. Limits: interval 5–300 s, timeout 2–120 s and shorter
 * than the interval, thresholds 2–10, matcher codes 200–599 (HTTP and HTTPS checks only).
 */
export interface NlbHealthCheckArgs {
    /** `"TCP"` (a connection), `"HTTP"` or `"HTTPS"` (a request); `alb` targets take HTTP or HTTPS only. @default "TCP" ("HTTP" for `alb` targets) */
    protocol?: "TCP" | "HTTP" | "HTTPS";
    /** Port of the check, 1–65535. @default the traffic port ("traffic-port") */
    port?: number;
    /** Path of an HTTP or HTTPS check; starts with `/`. @default "/health" (HTTP and HTTPS checks only) */
    path?: string;
    /** Seconds between checks, 5–300. @default 30 */
    intervalSeconds?: number;
    /** Seconds without a response that count as a failure, 2–120 and less than `intervalSeconds`. @default 10 */
    timeoutSeconds?: number;
    /** Consecutive successes before a target is healthy, 2–10. @default 3 */
    healthyThreshold?: number;
    /** Consecutive failures before a target is unhealthy, 2–10. @default 3 */
    unhealthyThreshold?: number;
    /** HTTP codes that mean healthy, 200–599, for HTTP and HTTPS checks: `"200"`, `"200,202"`, `"200-399"`. @default "200-399" (HTTP and HTTPS checks only) */
    matcher?: string;
}

/** The target group behind one NLB listener. */
export interface NlbTargetGroupArgs {
    /** Port the targets receive traffic on, 1–65535. @default required */
    port: number;
    /**
     * Protocol to the targets: a TCP listener takes TCP or TCP_UDP, UDP takes UDP or TCP_UDP,
     * TCP_UDP takes TCP_UDP, TLS takes TLS (re-encrypt) or TCP (terminate at the load balancer).
     * @default the listener's protocol
     */
    protocol?: "TCP" | "UDP" | "TLS" | "TCP_UDP";
    /** What gets registered: IPs, EC2 instances, or an Application Load Balancer (`alb`: TCP target group, HTTP or HTTPS health check). @default "ip" */
    targetType?: "ip" | "instance" | "alb";
    /** Whether targets see the client's IP address as the source. @default AWS's default (on for instance targets, off for ip targets with TCP/TLS) */
    preserveClientIp?: boolean;
    /** Seconds a deregistering target keeps its connections, 0–3600. @default 30 */
    deregistrationDelaySeconds?: number;
    /** The health check. @default TCP (HTTP /health for `alb` targets) on the traffic port every 30 s, timeout 10 s, thresholds 3/3 */
    healthCheck?: NlbHealthCheckArgs;
}

/** One NLB listener and its target group. */
export interface NlbListenerArgs {
    /** Port the load balancer listens on, 1–65535, unique across listeners. @default required */
    port: number;
    /** `"TCP"`, `"UDP"`, `"TLS"` or `"TCP_UDP"`. @default required */
    protocol: "TCP" | "UDP" | "TLS" | "TCP_UDP";
    /** ACM certificate ARN; required for (and only used by) TLS listeners. @default none */
    certificateArn?: pulumi.Input<string>;
    /** TLS policy of a TLS listener: one of the TLS 1.2+ policies (`TLS12_PLUS_POLICIES`). @default "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS listeners only) */
    sslPolicy?: string;
    /** Where the listener forwards. @default required */
    targetGroup: NlbTargetGroupArgs;
}

/**
 * A PrivateLink VPC endpoint service in front of the NLB: consumers in other VPCs and accounts reach
 * its listeners through interface endpoints. With the NLB's security group, PrivateLink traffic is
 * checked against `ingressCidrs` too (AWS's default), so they must admit the consumers' endpoint
 * addresses.
 */
export interface NlbEndpointServiceArgs {
    /** Every endpoint connection must be accepted by the service owner. @default true */
    acceptanceRequired?: boolean;
    /**
     * Principals allowed to create endpoints: account roots (`arn:aws:iam::123456789012:root`), role
     * or user ARNs, or `"*"` (never with `acceptanceRequired: false`). Entries may be Outputs.
     * @default [] (nobody until you add them)
     */
    allowedPrincipals?: pulumi.Input<string>[];
    /**
     * A private DNS name consumers resolve to their endpoint (e.g. `api.example.com`); AWS verifies
     * the domain through a TXT record before it is used. May be an Output.
     * @default none
     */
    privateDnsName?: pulumi.Input<string>;
    /** Other Regions whose consumers may connect (cross-Region PrivateLink), e.g. `["us-west-2"]`. @default none (this Region only) */
    supportedRegions?: string[];
}

/**
 * Arguments of `NetworkLoadBalancer`.
 *
 * Fields typed `pulumi.Input<…>` may be Outputs (AWS checks them at deploy time); every other field
 * must be a plain value known at plan time, and an Output there is an error.
 */
export interface NetworkLoadBalancerArgs {
    /** The VPC of the load balancer and its target groups. @default required */
    vpcId: pulumi.Input<string>;
    /** At least 2 subnets in different Availability Zones. With `staticIps` the list itself must be known (its ids may be Outputs). @default required */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** An internal load balancer has private addresses only. @default false (internet-facing) */
    internal?: boolean;
    /** One Elastic IP per subnet, attached through subnet mappings (internet-facing only). Known at plan time (it decides the Elastic IPs). @default false */
    staticIps?: boolean;
    /** Spread each zone's traffic over the targets of every zone. @default true */
    crossZone?: boolean;
    /** Protects the load balancer from deletion; set false to allow `pulumi destroy`. @default true */
    deletionProtection?: boolean;
    /**
     * IPv4 CIDR blocks allowed to reach the listener ports through the load balancer's security group.
     * Each gets one security-group rule per listener port: together at most 60, AWS's default
     * "Inbound or outbound rules per security group" quota. The entries may be Outputs.
     * @default ["0.0.0.0/0"] when internet-facing; the VPC's CIDR block when internal
     */
    ingressCidrs?: pulumi.Input<string>[];
    /**
     * A PrivateLink endpoint service for the load balancer (known at plan time: it decides whether
     * the service exists).
     * @default none (no endpoint service)
     */
    endpointService?: NlbEndpointServiceArgs;
    /** Listeners by key (letters, digits, hyphens); each has its own target group. At least 1, at most 50. Known at plan time (each key names a listener). @default required */
    listeners: Record<string, NlbListenerArgs>;
    /**
     * Tags for every child, merged over the default tags `managed-by` and `component`. May be an
     * Output (the default tags are kept); at most 48 (AWS's 50 less the 2 default tags).
     * @default {}
     */
    tags?: pulumi.Input<Tags>;
}
