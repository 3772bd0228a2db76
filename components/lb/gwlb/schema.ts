import type { MutuallyAssignable } from "../../../src/core";
import { healthCheckShape, input, obj, subnetIdsSchema, tagsSchema, vpcIdSchema, z } from "../shared/schema";
import type { GatewayLoadBalancerArgs, GwlbHealthCheckArgs } from "./args";

const healthCheckSchema = obj({ ...healthCheckShape, protocol: z.enum(["HTTP", "HTTPS", "TCP"]).optional() });

/** The runtime shape of {@link GatewayLoadBalancerArgs}. */
export const gatewayLoadBalancerArgsSchema = obj({
    vpcId: vpcIdSchema,
    subnetIds: subnetIdsSchema,
    healthCheck: healthCheckSchema.optional(),
    targetType: z.enum(["instance", "ip"]).optional(),
    allowedPrincipals: z.array(input(z.string())).optional(),
    acceptanceRequired: z.boolean().optional(),
    crossZone: z.boolean().optional(),
    deletionProtection: z.boolean().optional(),
    tags: tagsSchema.optional(),
});

// The schema and the Args types can't drift apart: each pair must be mutually assignable.
const drift: [
    MutuallyAssignable<z.input<typeof healthCheckSchema>, GwlbHealthCheckArgs>,
    MutuallyAssignable<z.input<typeof gatewayLoadBalancerArgsSchema>, GatewayLoadBalancerArgs>,
] = [true, true];
void drift;
