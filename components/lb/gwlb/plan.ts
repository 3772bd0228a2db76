import type * as pulumi from "@pulumi/pulumi";
import {
    childName,
    isIpv4Cidr,
    isKnown,
    type PlanContext,
    planTags,
    type Tags,
    type Validator,
    validateTags,
} from "../../../src/core";
import { checkKey, checkPlacement, loadBalancerName, plainRecord, targetGroupName, validated } from "../shared/checks";
import { type PlannedEndpointService, planEndpointService } from "../shared/endpoint-service";
import { type PlannedHealthCheck, planHealthCheck } from "../shared/health-check";
import type { GatewayLoadBalancerArgs, GwlbEndpointArgs } from "./args";
import { GWLB_LIST_LIMITS, gatewayLoadBalancerArgsSchema } from "./schema";

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
    /** One `aws.ec2.VpcEndpoint` per key of `endpoints`; the component adds `serviceName`. */
    endpoints: PlannedGwlbEndpoint[];
    /**
     * With `acceptanceRequired`, one `aws.ec2.VpcEndpointConnectionAccepter` per endpoint (the owner
     * accepts its own endpoints); the component adds the service's and the endpoint's ids.
     */
    accepters: { endpoint: string; name: string }[];
    /** One `aws.ec2.Route` per route entry; the component adds `vpcEndpointId` (of `endpoint`) and waits for the acceptance. */
    routes: PlannedGwlbRoute[];
}

/** A Gateway Load Balancer endpoint as `aws.ec2.VpcEndpoint` takes it. */
export interface PlannedGwlbEndpoint {
    key: string;
    name: string;
    inputs: {
        vpcEndpointType: "GatewayLoadBalancer";
        vpcId: pulumi.Input<string>;
        subnetIds: [pulumi.Input<string>];
        tags: pulumi.Input<Tags>;
    };
}

/** A route entry as `aws.ec2.Route` takes it, through the endpoint with key `endpoint`. */
export interface PlannedGwlbRoute {
    endpoint: string;
    name: string;
    inputs: { routeTableId: pulumi.Input<string>; destinationCidrBlock: pulumi.Input<string> };
}

/**
 * Checks the endpoints and their routes (keys, IPv4 CIDR blocks, no route table sending the same
 * CIDR block twice, AWS's endpoints-per-VPC quota) and plans their children.
 */
function planEndpoints(
    v: Validator,
    component: string,
    args: GatewayLoadBalancerArgs,
    acceptanceRequired: boolean,
    tags: pulumi.Input<Tags>,
) {
    const given: Record<string, GwlbEndpointArgs> = plainRecord(args.endpoints) ?? {};
    const keys = Object.keys(given);
    v.count(
        keys,
        "endpoints",
        0,
        GWLB_LIST_LIMITS.endpoints,
        "endpoints (AWS's Gateway Load Balancer endpoints per VPC)",
    );
    const endpoints: PlannedGwlbEndpoint[] = [];
    const routes: PlannedGwlbRoute[] = [];
    const seen = new Map<string, string>();
    for (const key of keys) {
        const e = given[key];
        const path = `endpoints.${key}`;
        checkKey(v, key, path);
        v.required(e.subnetId, `${path}.subnetId`, "the subnet id of the endpoint");
        endpoints.push({
            key,
            name: childName(component, "endpoint", key),
            inputs: {
                vpcEndpointType: "GatewayLoadBalancer",
                vpcId: e.vpcId ?? args.vpcId,
                subnetIds: [e.subnetId],
                tags,
            },
        });
        (e.routes ?? []).forEach((r, i) => {
            const at = `${path}.routes[${i}]`;
            v.required(r.routeTableId, `${at}.routeTableId`, "the route table id");
            const cidr = r.destinationCidrBlock;
            if (isKnown(cidr) && !isIpv4Cidr(cidr))
                v.add(
                    `${at}.destinationCidrBlock`,
                    `must be an IPv4 CIDR block such as "0.0.0.0/0" or "10.0.1.0/24" (got ${JSON.stringify(cidr)})`,
                );
            if (isKnown(r.routeTableId) && isKnown(cidr)) {
                const id = `${r.routeTableId} ${cidr}`;
                const first = seen.get(id);
                if (first !== undefined) {
                    v.add(
                        at,
                        `route table ${JSON.stringify(r.routeTableId)} already sends ${cidr} through ${first}; a route table has one route per destination`,
                    );
                } else seen.set(id, at);
            }
            routes.push({
                endpoint: key,
                name: childName(component, "route", key, i),
                inputs: { routeTableId: r.routeTableId, destinationCidrBlock: cidr },
            });
        });
    }
    const accepters = acceptanceRequired
        ? endpoints.map((e) => ({ endpoint: e.key, name: childName(component, "accept", e.key) }))
        : [];
    return { endpoints, routes, accepters };
}

/**
 * Plans a {@link GatewayLoadBalancer}: applies the defaults, checks every input, and throws one
 * `InputPropertiesError` listing every problem.
 */
export function planGatewayLoadBalancer(
    name: string,
    args: GatewayLoadBalancerArgs,
    ctx: PlanContext,
): GatewayLoadBalancerPlan {
    return validated(`GatewayLoadBalancer "${name}"`, gatewayLoadBalancerArgsSchema, args, (v) =>
        checkAndPlan(v, name, args, ctx),
    );
}

function checkAndPlan(
    v: Validator,
    name: string,
    args: GatewayLoadBalancerArgs,
    ctx: PlanContext,
): () => GatewayLoadBalancerPlan {
    checkPlacement(v, args);
    const targetType = args.targetType ?? "instance";
    const healthCheck = planHealthCheck(v, args.healthCheck, "healthCheck", {
        protocols: ["HTTP", "HTTPS", "TCP"],
        defaults: {
            // A path means an HTTP check.
            protocol: args.healthCheck?.path !== undefined ? "HTTP" : "TCP",
            port: 80,
            path: "/health",
            intervalSeconds: 10,
            timeoutSeconds: 5,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
        },
    });
    validateTags(v, plainRecord(args.tags));
    const tags = planTags(name, args.tags);
    const endpointService = planEndpointService(
        v,
        { acceptanceRequired: args.acceptanceRequired, allowedPrincipals: args.allowedPrincipals },
        undefined,
        tags,
    );
    const { endpoints, routes, accepters } = planEndpoints(v, name, args, endpointService.acceptanceRequired, tags);
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
            name: targetGroupName(ctx.stack, name, "appliances", {
                port: GENEVE_PORT,
                protocol: "GENEVE",
                targetType,
                vpcId: args.vpcId,
            }),
            port: GENEVE_PORT,
            protocol: "GENEVE",
            targetType,
            vpcId: args.vpcId,
            healthCheck,
            tags,
        },
        listener: { defaultActions: [{ type: "forward" }], tags },
        endpointService,
        endpoints,
        accepters,
        routes,
    });
}
