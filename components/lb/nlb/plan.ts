import type * as pulumi from "@pulumi/pulumi";
import {
    isKnown,
    knownList,
    type PlanContext,
    planTags,
    type Tags,
    type Validator,
    validateTags,
} from "../../../src/core";
import {
    checkCertificateArn,
    checkKey,
    checkPlacement,
    checkRuleQuota,
    checkTargetGroupCommon,
    loadBalancerName,
    plainRecord,
    targetGroupName,
    validated,
} from "../shared/checks";
import { type PlannedEndpointService, planEndpointService } from "../shared/endpoint-service";
import { type PlannedHealthCheck, planHealthCheck } from "../shared/health-check";
import { DEFAULT_SSL_POLICY, TLS12_PLUS_POLICIES } from "../shared/policies";
import { type PortRule, type SecurityGroupPlan, securityGroupPlan } from "../shared/security-group";
import type { NetworkLoadBalancerArgs, NlbListenerArgs } from "./args";
import { MAX_NLB_LISTENERS, networkLoadBalancerArgsSchema } from "./schema";

/**
 * One NLB listener as `aws.lb.Listener` takes it (the component adds `loadBalancerArn` and the
 * target group's ARN to the forward), with its key and its target group as `aws.lb.TargetGroup`
 * takes it.
 */
export interface PlannedNlbListener {
    key: string;
    port: number;
    protocol: string;
    certificateArn?: pulumi.Input<string>;
    sslPolicy?: string;
    defaultActions: [{ type: "forward" }];
    tags: pulumi.Input<Tags>;
    targetGroup: {
        name: pulumi.Input<string>;
        port: number;
        protocol: string;
        targetType: string;
        vpcId: pulumi.Input<string>;
        preserveClientIp?: string;
        deregistrationDelay: number;
        healthCheck: PlannedHealthCheck;
        tags: pulumi.Input<Tags>;
    };
}

/** What {@link NetworkLoadBalancer} creates: the final inputs of every child, less the Outputs that connect them. */
export interface NetworkLoadBalancerPlan {
    /**
     * The `aws.lb.LoadBalancer`'s inputs; the component adds `securityGroups` and, with static IPs,
     * each subnet mapping's `allocationId` (from the Elastic IP at the same index).
     */
    loadBalancer: {
        name: string;
        loadBalancerType: "network";
        internal: boolean;
        subnets?: pulumi.Input<pulumi.Input<string>[]>;
        subnetMappings?: { subnetId: pulumi.Input<string> }[];
        enableCrossZoneLoadBalancing: boolean;
        enableDeletionProtection: boolean;
        tags: pulumi.Input<Tags>;
    };
    /** With `staticIps`: one `aws.ec2.Eip` per subnet, in `subnetIds` order. */
    eips: { domain: "vpc"; tags: pulumi.Input<Tags> }[];
    securityGroup: SecurityGroupPlan;
    listeners: PlannedNlbListener[];
    /** With `endpointService`: the `aws.ec2.VpcEndpointService`'s inputs; the component adds `networkLoadBalancerArns`. */
    endpointService?: PlannedEndpointService;
}

/**
 * Target-group protocols each listener protocol can forward to.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html
 */
export const NLB_TARGET_PROTOCOLS: Record<string, readonly string[]> = {
    TCP: ["TCP", "TCP_UDP"],
    UDP: ["UDP", "TCP_UDP"],
    TCP_UDP: ["TCP_UDP"],
    TLS: ["TLS", "TCP"],
};

function sgProtocols(protocol: string): ("tcp" | "udp")[] {
    if (protocol === "UDP") return ["udp"];
    if (protocol === "TCP_UDP") return ["tcp", "udp"];
    return ["tcp"];
}

function planListener(
    v: Validator,
    ctx: PlanContext,
    component: string,
    key: string,
    l: NlbListenerArgs,
    vpcId: pulumi.Input<string>,
    tags: pulumi.Input<Tags>,
): PlannedNlbListener {
    const path = `listeners.${key}`;
    checkKey(v, key, path);
    v.range(l.port, `${path}.port`, 1, 65535);
    const tls = l.protocol === "TLS";
    if (tls && l.certificateArn === undefined)
        v.add(
            `${path}.certificateArn`,
            "is required: a TLS listener needs a certificate (give an ACM certificate ARN)",
        );
    if (tls) checkCertificateArn(v, l.certificateArn, `${path}.certificateArn`);
    if (!tls && l.certificateArn !== undefined)
        v.add(
            `${path}.certificateArn`,
            `is only used by TLS listeners (protocol is ${JSON.stringify(l.protocol)}); remove it or use protocol "TLS"`,
        );
    if (!tls && l.sslPolicy !== undefined)
        v.add(
            `${path}.sslPolicy`,
            `is only used by TLS listeners (protocol is ${JSON.stringify(l.protocol)}); remove it or use protocol "TLS"`,
        );
    const sslPolicy = tls ? (l.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined;
    if (sslPolicy !== undefined) v.oneOf(sslPolicy, `${path}.sslPolicy`, TLS12_PLUS_POLICIES as readonly string[]);

    const tgPath = `${path}.targetGroup`;
    const tg = l.targetGroup ?? ({} as NlbListenerArgs["targetGroup"]);
    if (l.targetGroup === undefined)
        v.add(tgPath, "is required: give the port (and optionally protocol, targetType, healthCheck) of the targets");
    checkTargetGroupCommon(v, tg, tgPath, l.targetGroup !== undefined);
    const protocol = tg.protocol ?? l.protocol;
    const compatible = NLB_TARGET_PROTOCOLS[l.protocol];
    if (compatible) v.oneOf(protocol, `${tgPath}.protocol`, compatible);
    const targetType = tg.targetType ?? "ip";
    // An Application Load Balancer as target: a TCP target group, health-checked over HTTP or HTTPS.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html
    const albTarget = targetType === "alb";
    if (albTarget && compatible?.includes(protocol) && protocol !== "TCP") {
        v.add(
            `${tgPath}.protocol`,
            `must be "TCP" for an alb target (got ${JSON.stringify(protocol)}); put the ALB behind a TCP listener`,
        );
    }
    const hcProtocol = tg.healthCheck?.protocol ?? (albTarget ? "HTTP" : "TCP");
    if (albTarget && hcProtocol === "TCP") {
        v.add(
            `${tgPath}.healthCheck.protocol`,
            'must be "HTTP" or "HTTPS" for an alb target: the Application Load Balancer answers HTTP health checks only',
        );
    }
    const healthCheck = planHealthCheck(v, tg.healthCheck, `${tgPath}.healthCheck`, {
        protocols: ["TCP", "HTTP", "HTTPS"],
        matcherRange: { min: 200, max: 599 },
        defaults: {
            protocol: hcProtocol,
            path: "/health",
            intervalSeconds: 30,
            timeoutSeconds: 10,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
            matcher: "200-399",
        },
    });
    return {
        key,
        port: l.port,
        protocol: l.protocol,
        ...(tls ? { certificateArn: l.certificateArn, sslPolicy } : {}),
        defaultActions: [{ type: "forward" }],
        tags,
        targetGroup: {
            name: targetGroupName(ctx.stack, component, key, { port: tg.port, protocol, targetType, vpcId }),
            port: tg.port,
            protocol,
            targetType,
            vpcId,
            ...(tg.preserveClientIp !== undefined ? { preserveClientIp: String(tg.preserveClientIp) } : {}),
            deregistrationDelay: tg.deregistrationDelaySeconds ?? 30,
            healthCheck,
            tags,
        },
    };
}

/**
 * Plans a {@link NetworkLoadBalancer}: applies the defaults, checks every input against AWS's
 * limits, and throws one `InputPropertiesError` listing every problem.
 */
export function planNetworkLoadBalancer(
    name: string,
    args: NetworkLoadBalancerArgs,
    ctx: PlanContext,
): NetworkLoadBalancerPlan {
    return validated(`NetworkLoadBalancer "${name}"`, networkLoadBalancerArgsSchema, args, (v) =>
        checkAndPlan(v, name, args, ctx),
    );
}

function checkAndPlan(
    v: Validator,
    name: string,
    args: NetworkLoadBalancerArgs,
    ctx: PlanContext,
): () => NetworkLoadBalancerPlan {
    checkPlacement(v, args);
    const internal = args.internal ?? false;
    const staticIps = args.staticIps ?? false;
    let staticIpSubnets: pulumi.Input<string>[] | undefined;
    if (staticIps) {
        if (internal) {
            // A conflict between two fields: each is named.
            const reason =
                "Elastic IPs are only for internet-facing load balancers: set internal to false or staticIps to false";
            v.add("staticIps", reason);
            v.add("internal", reason);
        }
        staticIpSubnets = knownList(args.subnetIds);
        if (args.subnetIds !== undefined && staticIpSubnets === undefined) {
            v.add(
                "subnetIds",
                "must be a list known at construction when staticIps is true (one Elastic IP per subnet); the ids in it may be Outputs",
            );
        }
    }
    validateTags(v, plainRecord(args.tags));
    const tags = planTags(name, args.tags);

    const listenerArgs = plainRecord(args.listeners) ?? {};
    const keys = Object.keys(listenerArgs);
    if (args.listeners === undefined || keys.length === 0)
        v.add(
            "listeners",
            'must have at least one listener, e.g. { https: { port: 443, protocol: "TCP", targetGroup: { port: 8443 } } }',
        );
    if (keys.length > MAX_NLB_LISTENERS)
        v.add("listeners", `must have at most ${MAX_NLB_LISTENERS} listeners (got ${keys.length})`);
    const listeners = keys.map((k) => planListener(v, ctx, name, k, listenerArgs[k], args.vpcId, tags));
    v.unique(
        listeners.map((l) => ({ value: isKnown(l.port) ? l.port : undefined, path: `listeners.${l.key}.port` })),
        "listener port",
    );
    const endpointService =
        args.endpointService !== undefined
            ? planEndpointService(v, args.endpointService, "endpointService", tags)
            : undefined;
    checkRuleQuota(
        v,
        args.ingressCidrs,
        new Set(listeners.flatMap((l) => sgProtocols(l.protocol).map((p) => `${p}/${l.port}`))).size,
    );
    return () =>
        build(name, args, ctx, { internal, staticIpSubnets, tags, keys, listeners, listenerArgs, endpointService });
}

function build(
    name: string,
    args: NetworkLoadBalancerArgs,
    ctx: PlanContext,
    p: {
        internal: boolean;
        staticIpSubnets?: pulumi.Input<string>[];
        tags: pulumi.Input<Tags>;
        keys: string[];
        listeners: PlannedNlbListener[];
        listenerArgs: Record<string, NlbListenerArgs>;
        endpointService?: PlannedEndpointService;
    },
): NetworkLoadBalancerPlan {
    const { internal, staticIpSubnets, tags, keys, listeners, listenerArgs, endpointService } = p;

    const ingress: PortRule[] = listeners.flatMap((l) =>
        sgProtocols(l.protocol).map((protocol) => ({ protocol, port: l.port })),
    );
    const egress: PortRule[] = keys.flatMap((k) => {
        const tg = listenerArgs[k].targetGroup;
        const protocol = tg.protocol ?? listenerArgs[k].protocol;
        const traffic = sgProtocols(protocol).map((p) => ({ protocol: p, port: tg.port }));
        // Health checks always use TCP, on the traffic port unless another one is given.
        return [...traffic, { protocol: "tcp" as const, port: tg.healthCheck?.port ?? tg.port }];
    });
    return {
        loadBalancer: {
            name: loadBalancerName(ctx.stack, name, ["network", internal]),
            loadBalancerType: "network",
            internal,
            ...(staticIpSubnets
                ? { subnetMappings: staticIpSubnets.map((subnetId) => ({ subnetId })) }
                : { subnets: args.subnetIds }),
            enableCrossZoneLoadBalancing: args.crossZone ?? true,
            enableDeletionProtection: args.deletionProtection ?? true,
            tags,
        },
        eips: (staticIpSubnets ?? []).map(() => ({ domain: "vpc" as const, tags })),
        securityGroup: securityGroupPlan({
            component: name,
            vpcId: args.vpcId,
            description: `NLB ${name}: listener ports from clients, target ports to the VPC`,
            internal,
            ingressCidrs: args.ingressCidrs,
            ingress,
            egress,
            tags,
        }),
        listeners,
        ...(endpointService ? { endpointService } : {}),
    };
}
