import * as aws from "@pulumi/aws";
import { type ApplicationLoadBalancer, NetworkLoadBalancer } from "../../src";
import type { SystemContext } from "./context";
import type { Network } from "./network";

/** An NLB on TCP 443 with static IPs, whose target is the ALB's HTTPS listener (whose /api/* reaches the api). */
export function networkLoadBalancer(ctx: SystemContext, net: Network, alb: ApplicationLoadBalancer) {
    const { config, tags } = ctx;
    if (!config.nlb) return undefined;
    const healthCheck = { protocol: "HTTPS" as const, path: "/api/health" };
    const nlb = new NetworkLoadBalancer("edge", {
        vpcId: net.vpcId,
        subnetIds: net.publicSubnets,
        staticIps: config.nlb.staticIps,
        deletionProtection: config.deletionProtection,
        listeners: {
            https: {
                port: 443,
                protocol: "TCP",
                targetGroup: { port: 443, protocol: "TCP", targetType: "alb", healthCheck },
            },
        },
        tags,
    });
    new aws.lb.TargetGroupAttachment(
        "edge-to-alb",
        { targetGroupArn: nlb.targetGroups.https.arn, targetId: alb.arn, port: 443 },
        { dependsOn: alb.httpsListener ? [alb.httpsListener] : [] },
    );
    return nlb;
}
