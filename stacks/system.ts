import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import type { Profile } from "./profile";
import type { SystemContext, SystemOutputs } from "./tiers/context";
import { ecsServices } from "./tiers/ecs";
import { networkLoadBalancer } from "./tiers/edge";
import { platformCluster } from "./tiers/eks";
import { gatewayLoadBalancer } from "./tiers/inspection";
import { webLoadBalancer } from "./tiers/load-balancer";
import { network } from "./tiers/network";
import { orderApi } from "./tiers/orders";
import { databaseSecret } from "./tiers/secrets";
import { webGroup } from "./tiers/web";
import { webApp } from "./tiers/web-app";
import { worker, workQueue } from "./tiers/worker";

export type { SystemContext, SystemOutputs } from "./tiers/context";

/**
 * The reference system every environment builds: a web application's whole compute layer,
 * wired only from compute-layer's components, one function per tier (`stacks/tiers/`). The
 * environment programs (dev.ts, staging.ts, prod.ts) differ only in their {@link Profile} and in
 * the checks they make on config.
 */
export function buildSystem(profile: Profile, config: StackConfig): SystemOutputs {
    const ctx: SystemContext = { profile, config, env: profile.name, tags: { environment: profile.name } };
    const { tiers } = config;
    const net = network(ctx);
    const dbSecret = databaseSecret(ctx);
    const alb = webLoadBalancer(ctx, net);
    const outputs: SystemOutputs = { albUrl: alb.url };

    if (tiers.ecs) outputs.ecsClusterName = ecsServices(ctx, net, alb, dbSecret).name;
    if (tiers.ec2) webGroup(ctx, net, alb);
    if (tiers.lambda) outputs.apiEndpoint = orderApi(ctx, net)?.url;
    if (tiers.eks) {
        const queue = workQueue(ctx);
        const platform = platformCluster(ctx, net, queue ? [queue.arn] : []);
        if (platform) {
            outputs.eksClusterName = platform.cluster.clusterName;
            outputs.kubeconfig = pulumi.secret(platform.cluster.kubeconfig);
            outputs.deployRunnerSecurityGroupId = platform.runnerSecurityGroupId;
            const production = webApp(ctx, platform.cluster);
            if (queue && production) worker(ctx, platform.cluster, queue, production);
        }
    }
    if (tiers.nlb) outputs.nlbDnsName = networkLoadBalancer(ctx, net, alb)?.dnsName;
    if (tiers.gwlb) outputs.gwlbServiceName = gatewayLoadBalancer(ctx, net)?.serviceName;
    return outputs;
}
