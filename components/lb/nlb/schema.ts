import { type MutuallyAssignable, planTime } from "../../../src/core";
import {
    healthCheckShape,
    idInput,
    ingressCidrsSchema,
    input,
    int,
    obj,
    subnetIdsSchema,
    tagsSchema,
    vpcIdSchema,
    z,
} from "../shared/schema";
import type {
    NetworkLoadBalancerArgs,
    NlbEndpointServiceArgs,
    NlbHealthCheckArgs,
    NlbListenerArgs,
    NlbTargetGroupArgs,
} from "./args";

/** "Listeners per Network Load Balancer: 50". https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-limits.html */
export const MAX_NLB_LISTENERS = 50;

/** Listener (and target-group) protocols of a Network Load Balancer. */
export const NLB_LISTENER_PROTOCOLS = ["TCP", "UDP", "TLS", "TCP_UDP"] as const;

const healthCheckSchema = obj({
    ...healthCheckShape,
    protocol: z.enum(["TCP", "HTTP", "HTTPS"]).optional(),
    matcher: z.string().optional(),
});

const targetGroupSchema = obj({
    port: int(),
    protocol: z.enum(NLB_LISTENER_PROTOCOLS).optional(),
    targetType: z.enum(["ip", "instance", "alb"]).optional(),
    preserveClientIp: z.boolean().optional(),
    deregistrationDelaySeconds: int().optional(),
    healthCheck: healthCheckSchema.optional(),
});

const listenerSchema = obj({
    port: int(),
    protocol: z.enum(NLB_LISTENER_PROTOCOLS),
    certificateArn: idInput().optional(),
    sslPolicy: z.string().optional(),
    targetGroup: targetGroupSchema,
});

const endpointServiceSchema = obj({
    acceptanceRequired: z.boolean().optional(),
    allowedPrincipals: z.array(input(z.string())).optional(),
    privateDnsName: idInput().optional(),
    // More than there are AWS Regions.
    supportedRegions: z.array(z.string()).max(64).optional(),
});

/** The runtime shape of {@link NetworkLoadBalancerArgs}. */
export const networkLoadBalancerArgsSchema = obj({
    vpcId: vpcIdSchema,
    subnetIds: subnetIdsSchema,
    internal: z.boolean().optional(),
    staticIps: planTime(z.boolean(), "it decides whether there is one Elastic IP per subnet").optional(),
    crossZone: z.boolean().optional(),
    deletionProtection: z.boolean().optional(),
    ingressCidrs: ingressCidrsSchema.optional(),
    endpointService: planTime(endpointServiceSchema, "it decides whether the endpoint service exists").optional(),
    listeners: planTime(z.record(z.string(), listenerSchema), "each key names a listener and its target group"),
    tags: tagsSchema.optional(),
});

// The schema and the Args types can't drift apart: each pair must be mutually assignable.
const drift: [
    MutuallyAssignable<z.input<typeof healthCheckSchema>, NlbHealthCheckArgs>,
    MutuallyAssignable<z.input<typeof targetGroupSchema>, NlbTargetGroupArgs>,
    MutuallyAssignable<z.input<typeof listenerSchema>, NlbListenerArgs>,
    MutuallyAssignable<z.input<typeof endpointServiceSchema>, NlbEndpointServiceArgs>,
    MutuallyAssignable<z.input<typeof networkLoadBalancerArgsSchema>, NetworkLoadBalancerArgs>,
] = [true, true, true, true, true];
void drift;
