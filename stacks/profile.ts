import * as pulumi from "@pulumi/pulumi";
import type { AutoScalingWarmPoolArgs, ScheduledScaling } from "../src";
import { loadConfig, NAMESPACE, type StackConfig, StackConfigError } from "./config";
import { buildSystem, type SystemOutputs } from "./system";

/** How an environment differs where real teams make environments differ: cost in dev, safety in prod. */
export interface Profile {
    /** The environment's name. */
    name: "dev" | "staging" | "prod";
    /** Spot capacity first: EC2 Spot mixed instances and FARGATE_SPOT as the ECS default. */
    spotFirst: boolean;
    /** Scheduled actions for the web group (prod: scale up at 09:00 on weekdays, down at 20:00). */
    webSchedules: ScheduledScaling[];
    /** Predictive scaling for the web group. */
    predictiveScaling: boolean;
    /** A warm pool of pre-initialized web instances, so a scale-out doesn't wait for boot and user data. */
    warmPool?: AutoScalingWarmPoolArgs;
    /** The Istio canary between web-app v1 and v2, when the mesh tier is on. */
    canary: boolean;
    /**
     * ECS's native canary deployment for the api service: the share of `/api/*` the new tasks get
     * first, and the minutes before the rest moves. ECS then owns that listener rule's weights.
     */
    apiCanary?: { percent: number; bakeTimeMinutes: number };
    /** Rules the environment's config must follow. */
    policy: {
        /** Every autoscaled tier keeps at least this many instances, tasks or pods. */
        minCapacity: number;
        /** Subnets in at least this many availability zones. */
        minAvailabilityZones: number;
        /** HTTPS only: a certificate is required and HTTP only redirects. */
        httpsOnly: boolean;
        /** Deletion protection must be on. */
        deletionProtection: boolean;
        /** Logs are kept at least this many days. */
        minLogRetentionDays: number;
        /** The order API checks callers' tokens: `orders.jwt` is required. */
        authenticatedApi: boolean;
    };
}

/** Checks a stack's config against its environment's policy; throws naming every key that breaks it. */
export function checkPolicy(profile: Profile, config: Omit<StackConfig, "dbPassword">, stackFile: string): void {
    const p = profile.policy;
    const problems: string[] = [];
    const key = (k: string) => `${NAMESPACE}:${k}`;
    const minimum = (value: number | undefined, k: string) => {
        if (value !== undefined && value < p.minCapacity)
            problems.push(`${key(k)}: ${profile.name} keeps at least ${p.minCapacity} (got ${value})`);
    };
    minimum(config.web?.capacity.min, "web.capacity.min");
    minimum(config.api?.capacity.min, "api.capacity.min");
    minimum(config.admin?.capacity.min, "admin.capacity.min");
    minimum(config.eks?.general.capacity.min, "eks.general.capacity.min");
    minimum(config.webApp?.replicas.min, "webApp.replicas.min");
    minimum(config.worker?.replicas.min, "worker.replicas.min");
    if (config.network.availabilityZones < p.minAvailabilityZones) {
        problems.push(
            `${key("network.availabilityZones")}: ${profile.name} spreads over at least ${p.minAvailabilityZones} availability zones (got ${config.network.availabilityZones})`,
        );
    }
    if (p.httpsOnly && !config.certificateArn)
        problems.push(`${key("certificateArn")}: ${profile.name} serves HTTPS only and needs a certificate`);
    else if (config.tiers.eks && config.webApp && !config.certificateArn)
        problems.push(`${key("certificateArn")}: webApp's Ingress on EKS serves HTTPS only and needs a certificate`);
    if (p.deletionProtection && !config.deletionProtection)
        problems.push(`${key("deletionProtection")}: must be true in ${profile.name}`);
    if (p.authenticatedApi && config.tiers.ecs && config.admin && !config.adminAllowedCidrs) {
        problems.push(
            `${key("adminAllowedCidrs")}: ${profile.name} does not open admin.<domain> to the internet; give the networks that may reach it`,
        );
    }
    if (p.authenticatedApi && config.tiers.lambda && config.orders && !config.orders.jwt) {
        problems.push(`${key("orders.jwt")}: ${profile.name} checks the callers of POST /orders with a JWT authorizer`);
    }
    if (config.logRetentionDays < p.minLogRetentionDays)
        problems.push(
            `${key("logRetentionDays")}: ${profile.name} keeps logs at least ${p.minLogRetentionDays} days (got ${config.logRetentionDays})`,
        );
    if (problems.length > 0)
        throw new StackConfigError(
            `${stackFile} breaks the ${profile.name} policy:\n${problems.map((l) => `  - ${l}`).join("\n")}`,
        );
}

/** Runs one environment: loads and checks its config, then builds the reference system. */
export function runEnvironment(profile: Profile): SystemOutputs {
    const config = loadConfig();
    checkPolicy(profile, config, `stacks/Pulumi.${pulumi.getStack()}.yaml`);
    return buildSystem(profile, config);
}
