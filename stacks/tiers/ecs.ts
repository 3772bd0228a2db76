import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ApplicationLoadBalancer, type AutoScalingArgs, EcsCluster, EcsService } from "../../src";
import type { SystemContext } from "./context";
import { API_RULE, apiCanaryOwnsRule } from "./load-balancer";
import type { Network } from "./network";
import { printsItsEnvironment } from "./placeholders";

type ServiceKey = "api" | "admin";

/**
 * CPU 70%, memory 80%, and for the api 1000 requests per target while it deploys by rolling
 * update. Its canary moves the tasks between two target groups, and the request count is one
 * group's (AWS does not support ALBRequestCountPerTarget with blue/green deployments): with the
 * canary on, CPU and memory scale it.
 */
function serviceScaling(ctx: SystemContext, key: ServiceKey, alb: ApplicationLoadBalancer, shifting: boolean) {
    const capacity = ctx.config[key]?.capacity ?? { min: 1, max: 1 };
    const requests = pulumi.interpolate`${alb.arnSuffix}/${alb.targetGroups[key].arnSuffix}`;
    const autoScaling: AutoScalingArgs = {
        min: capacity.min,
        max: capacity.max,
        targetTracking: [
            { metric: "cpu", target: 70 },
            { metric: "memory", target: 80 },
            ...(key === "api" && !shifting
                ? [{ metric: "requestCountPerTarget" as const, target: 1000, resourceLabel: requests }]
                : []),
        ],
    };
    return autoScaling;
}

/**
 * The api's deployment: ECS's native canary when the profile asks for it (ECS starts the new
 * tasks in an alternate target group it is given, then moves the `/api/*` rule's weights), else
 * rolling. The circuit breaker stays on either way.
 */
function deployment(ctx: SystemContext, key: ServiceKey, alb: ApplicationLoadBalancer) {
    const canary = ctx.profile.apiCanary;
    if (key !== "api" || !canary || !apiCanaryOwnsRule(ctx)) return undefined;
    return {
        strategy: "canary" as const,
        canary,
        bakeTimeMinutes: canary.bakeTimeMinutes,
        alternateHealthCheckPath: "/health",
        productionListenerRule: { listenerArn: alb.routingListener.arn, ...API_RULE },
    };
}

/** The api and admin Fargate services behind the ALB; Spot first in dev, on-demand first elsewhere. */
export function ecsServices(
    ctx: SystemContext,
    net: Network,
    alb: ApplicationLoadBalancer,
    dbSecret: aws.secretsmanager.Secret,
): EcsCluster {
    const { config, env, tags } = ctx;
    const shares = ctx.profile.spotFirst
        ? { FARGATE_SPOT: { weight: 4, base: 0 }, FARGATE: { weight: 1, base: 1 } }
        : { FARGATE: { weight: 3, base: 2 }, FARGATE_SPOT: { weight: 1, base: 0 } };
    const cluster = new EcsCluster("services", {
        capacityProviders: { fargate: true, fargateSpot: true },
        defaultStrategy: { fargate: shares.FARGATE, fargateSpot: shares.FARGATE_SPOT },
        tags,
    });
    const strategy = Object.entries(shares).map(([capacityProvider, share]) => ({ capacityProvider, ...share }));
    for (const key of ["api", "admin"] as const) {
        const svc = config[key];
        if (!svc) continue;
        // The placeholder (traefik/whoami, FROM scratch) listens on WHOAMI_PORT_NUMBER and answers /health,
        // which the ALB checks; it has no shell for a container health check, and writes no files, so
        // it runs as a non-root user on the read-only root filesystem without a volume.
        const app = {
            image: svc.image,
            portMappings: [{ containerPort: svc.port, name: "http" }],
            environment: { ENV: env, PORT: String(svc.port), WHOAMI_PORT_NUMBER: String(svc.port), WHOAMI_NAME: key },
            // Not to a placeholder that prints its environment (see placeholders.ts).
            ...(printsItsEnvironment(svc.image) ? {} : { secrets: { DB_PASSWORD: dbSecret.arn } }),
            user: "65532:65532",
        };
        const shift = deployment(ctx, key, alb);
        const service = {
            cluster,
            vpcId: net.vpcId,
            subnetIds: net.privateSubnets,
            allowFrom: [alb.securityGroup.id],
            capacityProviderStrategy: strategy,
            cpu: svc.cpu,
            memory: svc.memory,
            containers: { app },
            desiredCount: svc.capacity.desired ?? svc.capacity.min,
            loadBalancer: { targetGroupArn: alb.targetGroups[key].arn, containerName: "app", containerPort: svc.port },
            healthCheckGracePeriodSeconds: 60,
            ...(shift ? { deployment: shift } : {}),
            autoScaling: serviceScaling(ctx, key, alb, shift !== undefined),
            logRetentionDays: config.logRetentionDays,
            tags,
        };
        // ECS rejects a service whose target group has no listener yet.
        new EcsService(key, service, { dependsOn: [alb] });
    }
    return cluster;
}
