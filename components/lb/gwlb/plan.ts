import type * as pulumi from "@pulumi/pulumi";
import { isKnown, type PlanContext, type Tags, validateTags, type Validator } from "../../../src/core";
import { checkPlacement, lbTags, plainRecord, loadBalancerName, targetGroupName, validated } from "../shared/checks";
import { planEndpointService, type PlannedEndpointService } from "../shared/endpoint-service";
import { gatewayLoadBalancerArgsSchema } from "./schema";
import { planHealthCheck, PlannedHealthCheck } from "../shared/health-check";
import type { GatewayLoadBalancerArgs } from "./args";

/** GWLB target groups always speak GENEVE on port 6081. https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/target-groups.html */
export const GENEVE_PORT = 6081;

/** What {@link GatewayLoadBalancer} creates: the final inputs of every child, less the Outputs that connect them. */
export interface GatewayLoadBalancerPlan {
    /** The `aws.lb.LoadBalancer`'s inputs. */
    loadBalancer: {
        name: string;
        loadBalancerType: "gateway";
        subnets: pulumi.Input<pulumi.Input<string>[]>;
        enableCrossZoneLoadBalancing: boolean;
        enableDeletionProtection: boolean;
        tags: pulumi.Input<Tags>;
    };
    /** The `aws.lb.TargetGroup`'s inputs. */
    targetGroup: {
        name: pulumi.Input<string>;
        port: number;
        protocol: "GENEVE";
        targetType: string;
        vpcId: pulumi.Input<string>;
        healthCheck: PlannedHealthCheck;
        tags: pulumi.Input<Tags>;
    };
    /** The `aws.lb.Listener`'s inputs; the component adds `loadBalancerArn` and the target group's ARN to the forward. */
    listener: { defaultActions: [{ type: "forward" }]; tags: pulumi.Input<Tags> };
    /** The `aws.ec2.VpcEndpointService`'s inputs; the component adds `gatewayLoadBalancerArns`. */
    endpointService: PlannedEndpointService;
}


/**
 * Plans a {@link GatewayLoadBalancer}: applies the defaults, checks every input, and throws one
 * `InputPropertiesError` listing every problem.
 */
export function planGatewayLoadBalancer(name: string, args: GatewayLoadBalancerArgs, ctx: PlanContext): GatewayLoadBalancerPlan {
    return validated(`GatewayLoadBalancer "${name}"`, gatewayLoadBalancerArgsSchema, args, (v) => checkAndPlan(v, name, args, ctx));
}

function checkAndPlan(v: Validator, name: string, args: GatewayLoadBalancerArgs, ctx: PlanContext): () => GatewayLoadBalancerPlan {
    checkPlacement(v, args);
    const targetType = args.targetType ?? "instance";
    v.oneOf(targetType, "targetType", ["instance", "ip"]);
    const healthCheck = planHealthCheck(v, args.healthCheck, "healthCheck", {
        protocols: ["HTTP", "HTTPS", "TCP"],
        defaults: { protocol: "TCP", port: 80, path: "/health", intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3 },
    });
    validateTags(v, plainRecord(args.tags));
    const tags = lbTags(name, args.tags);
    const endpointService = planEndpointService(v, { acceptanceRequired: args.acceptanceRequired, allowedPrincipals: args.allowedPrincipals }, (f) => f, tags);
    return () => ({
        loadBalancer: {
            name: loadBalancerName(ctx.stack, name, ["gateway"]),
            loadBalancerType: "gateway",
            subnets: args.subnetIds,
            enableCrossZoneLoadBalancing: args.crossZone ?? true,
            enableDeletionProtection: args.deletionProtection ?? true,
            tags,
        },
        targetGroup: {
            name: targetGroupName(ctx.stack, name, "appliances", { port: GENEVE_PORT, protocol: "GENEVE", targetType, vpcId: args.vpcId }),
            port: GENEVE_PORT,
            protocol: "GENEVE",
            targetType,
            vpcId: args.vpcId,
            healthCheck,
            tags,
        },
        listener: { defaultActions: [{ type: "forward" }], tags },
        endpointService,
    });
}
