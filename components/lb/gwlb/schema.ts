import { type MutuallyAssignable, planTime } from "../../../src/core";
import { healthCheckShape, input, obj, subnetIdsSchema, tagsSchema, vpcIdSchema, z } from "../shared/schema";
import type { GatewayLoadBalancerArgs, GwlbEndpointArgs, GwlbHealthCheckArgs, GwlbRouteArgs } from "./args";

const healthCheckSchema = obj({ ...healthCheckShape, protocol: z.enum(["HTTP", "HTTPS", "TCP"]).optional() });

/**
 * "Routes per route table: 50" (Amazon VPC quotas) and "Interface and Gateway Load Balancer endpoints
 * per VPC: 50" (AWS PrivateLink quotas).
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html
 */
export const GWLB_LIST_LIMITS = { routesPerEndpoint: 50, endpoints: 50 } as const;

const routeSchema = obj({ routeTableId: input(z.string()), destinationCidrBlock: input(z.string()) });
const endpointSchema = obj({
    subnetId: input(z.string()),
    vpcId: input(z.string()).optional(),
    routes: z.array(routeSchema).max(GWLB_LIST_LIMITS.routesPerEndpoint).optional(),
});

/** The runtime shape of {@link GatewayLoadBalancerArgs}. */
export const gatewayLoadBalancerArgsSchema = obj({
    vpcId: vpcIdSchema,
    subnetIds: subnetIdsSchema,
    healthCheck: healthCheckSchema.optional(),
    targetType: z.enum(["instance", "ip"]).optional(),
    allowedPrincipals: z.array(input(z.string())).optional(),
    acceptanceRequired: z.boolean().optional(),
    endpoints: planTime(z.record(z.string(), endpointSchema), "each key names an endpoint").optional(),
    crossZone: z.boolean().optional(),
    deletionProtection: z.boolean().optional(),
    tags: tagsSchema.optional(),
});

// The schema and the Args types can't drift apart: each pair must be mutually assignable.
const drift: [
    MutuallyAssignable<z.input<typeof healthCheckSchema>, GwlbHealthCheckArgs>,
    MutuallyAssignable<z.input<typeof routeSchema>, GwlbRouteArgs>,
    MutuallyAssignable<z.input<typeof endpointSchema>, GwlbEndpointArgs>,
    MutuallyAssignable<z.input<typeof gatewayLoadBalancerArgsSchema>, GatewayLoadBalancerArgs>,
] = [true, true, true, true];
void drift;
