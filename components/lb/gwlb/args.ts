import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";

/** Health check of the appliances. Limits: interval 5–300 s, timeout 2–120 s and shorter than the interval, thresholds 2–10. */
export interface GwlbHealthCheckArgs {
    /** Port the appliances answer health checks on, 1–65535. @default 80 */
    port?: number;
    /** `"HTTP"`, `"HTTPS"` or `"TCP"`. @default "TCP" */
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

/** Arguments of {@link GatewayLoadBalancer}. */
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
    /** Every endpoint connection must be accepted by the service owner. @default true */
    acceptanceRequired?: boolean;
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
