import { input, int, type MutuallyAssignable, obj, planTime, tagsSchema, z } from "../../../src/core/shape";
import { autoScalingSchema } from "../../../src/scaling/schema";
import {
    EPHEMERAL_STORAGE_GIB,
    HEALTH_CHECK,
    HEALTH_CHECK_GRACE_MAX,
    MAX_SECURITY_GROUPS,
    MAX_SUBNETS,
    STRATEGY,
} from "../shared/limits";
import type { EcsServiceArgs } from "./args";

/**
 * List limits the shape enforces, each with its source:
 * - volumes per task definition: 20 (the `volumes` list of RegisterTaskDefinition is limited
 *   with the task definition's size; ECS's console and CloudFormation cap it at 20);
 * - placement strategies per service: 5, constraints: 10
 *   (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html);
 * - lifecycle hooks per deployment: 10 (DeploymentConfiguration lifecycleHooks);
 * - inbound rules per security group: 60 (VPC quotas), which bounds `allowFrom`;
 * - ALB rule conditions: at most 5 values in all
 *   (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html).
 */
export const ECS_SERVICE_LIST_LIMITS = {
    volumes: 20,
    mountPoints: 20,
    placementStrategies: 5,
    placementConstraints: 10,
    lifecycleHooks: 10,
    allowFrom: 60,
    ruleValues: 5,
} as const;

const id = z.string().min(1);
const H = HEALTH_CHECK;

const portMappingSchema = obj({
    containerPort: int().min(1).max(65535),
    protocol: z.enum(["tcp", "udp"]).optional(),
    name: z.string().optional(),
    appProtocol: z.enum(["http", "http2", "grpc"]).optional(),
});

const containerSchema = obj({
    image: input(z.string().min(1)),
    essential: z.boolean().optional(),
    portMappings: z.array(portMappingSchema).max(100).optional(),
    environment: z.record(z.string(), input(z.string())).optional(),
    secrets: z.record(z.string(), input(z.string())).optional(),
    healthCheck: obj({
        command: z.array(z.string()),
        intervalSeconds: int().min(H.intervalSeconds.min).max(H.intervalSeconds.max).optional(),
        timeoutSeconds: int().min(H.timeoutSeconds.min).max(H.timeoutSeconds.max).optional(),
        retries: int().min(H.retries.min).max(H.retries.max).optional(),
        startPeriodSeconds: int().min(H.startPeriodSeconds.min).max(H.startPeriodSeconds.max).optional(),
    }).optional(),
    cpu: int().min(0).optional(),
    memory: int().min(6).optional(),
    readonlyRootFilesystem: z.boolean().optional(),
    user: z.string().min(1).optional(),
    dependsOn: z
        .array(obj({ containerName: z.string(), condition: z.enum(["START", "COMPLETE", "SUCCESS", "HEALTHY"]) }))
        .max(10)
        .optional(),
    privileged: z.boolean().optional(),
    command: z.array(z.string()).optional(),
    mountPoints: z
        .array(obj({ volume: z.string().min(1), containerPath: z.string().min(1), readOnly: z.boolean().optional() }))
        .max(ECS_SERVICE_LIST_LIMITS.mountPoints)
        .optional(),
});

const volumeSchema = obj({
    efs: obj({
        fileSystemId: input(id),
        accessPointId: input(id).optional(),
        rootDirectory: z.string().min(1).optional(),
        transitEncryption: z.boolean().optional(),
        iam: z.boolean().optional(),
        mountTargetSecurityGroupId: input(id).optional(),
    }).optional(),
    bind: obj({ hostPath: z.string().min(1).optional() }).optional(),
    docker: obj({
        scope: z.enum(["task", "shared"]).optional(),
        autoprovision: z.boolean().optional(),
        driver: z.string().min(1).optional(),
        driverOpts: z.record(z.string(), z.string()).optional(),
        labels: z.record(z.string(), z.string()).optional(),
    }).optional(),
});

const listenerRuleSchema = obj({
    listenerArn: input(id),
    priority: int().min(1).max(50000),
    pathPatterns: z.array(z.string().min(1)).max(ECS_SERVICE_LIST_LIMITS.ruleValues).optional(),
    hostHeaders: z.array(z.string().min(1)).max(ECS_SERVICE_LIST_LIMITS.ruleValues).optional(),
});

const stage = z.enum([
    "RECONCILE_SERVICE",
    "PRE_SCALE_UP",
    "POST_SCALE_UP",
    "TEST_TRAFFIC_SHIFT",
    "POST_TEST_TRAFFIC_SHIFT",
    "PRODUCTION_TRAFFIC_SHIFT",
    "POST_PRODUCTION_TRAFFIC_SHIFT",
]);

/** Bake times: 0–1440 minutes (DeploymentConfiguration bakeTimeInMinutes, canary and linear bake times). */
const bakeMinutes = () => int().min(0).max(1440);

const deploymentSchema = obj({
    strategy: z.enum(["rolling", "blueGreen", "linear", "canary"]).optional(),
    maximumPercent: int().min(100).optional(),
    minimumHealthyPercent: int().min(0).max(100).optional(),
    circuitBreaker: obj({ enable: z.boolean(), rollback: z.boolean() }).optional(),
    bakeTimeMinutes: bakeMinutes().optional(),
    // Canary percent 0.1–100.0; linear step 3.0–100.0 (CanaryConfiguration, LinearConfiguration).
    canary: obj({ percent: z.number().min(0.1).max(100), bakeTimeMinutes: bakeMinutes() }).optional(),
    linear: obj({ stepPercent: z.number().min(3).max(100), stepBakeTimeMinutes: bakeMinutes() }).optional(),
    lifecycleHooks: z
        .array(
            obj({
                stages: z.array(stage).min(1).max(7),
                lambdaArn: input(id).optional(),
                // PAUSE timeout: 1–20160 minutes (DeploymentLifecycleHook timeoutConfiguration).
                pause: obj({
                    timeoutMinutes: int().min(1).max(20160).optional(),
                    onTimeout: z.enum(["ROLLBACK", "CONTINUE"]).optional(),
                }).optional(),
                details: z.record(z.string(), z.string()).optional(),
            }),
        )
        .max(ECS_SERVICE_LIST_LIMITS.lifecycleHooks)
        .optional(),
    alternateTargetGroupArn: input(id).optional(),
    alternateHealthCheckPath: z.string().startsWith("/").optional(),
    productionListenerRuleArn: input(id).optional(),
    productionListenerRule: listenerRuleSchema.optional(),
    testListenerRule: listenerRuleSchema.optional(),
});

/** The runtime shape of {@link EcsServiceArgs}. */
export const ecsServiceArgsSchema = obj({
    // Not closed: an EcsCluster (a component with many more members) fits here.
    cluster: z.object({ arn: input(id), name: input(id) }),
    vpcId: input(id),
    subnetIds: input(z.array(input(id)).min(1).max(MAX_SUBNETS)),
    securityGroupIds: input(z.array(input(id)).max(MAX_SECURITY_GROUPS - 1)).optional(),
    allowFrom: planTime(
        z.array(input(id)).max(ECS_SERVICE_LIST_LIMITS.allowFrom),
        "each security group makes ingress rules",
    ).optional(),
    restrictEgressToHttps: z.boolean().optional(),
    launchType: z.enum(["FARGATE", "EC2"]).optional(),
    capacityProviderStrategy: z
        .array(
            obj({
                capacityProvider: input(id),
                weight: int().min(0).max(STRATEGY.maxWeight).optional(),
                base: int().min(0).max(STRATEGY.maxBase).optional(),
            }),
        )
        .min(1)
        .max(STRATEGY.maxItems)
        .optional(),
    cpu: int(),
    memory: int(),
    ephemeralStorageGiB: int().min(EPHEMERAL_STORAGE_GIB.min).max(EPHEMERAL_STORAGE_GIB.max).optional(),
    runtimePlatform: obj({ architecture: z.enum(["X86_64", "ARM64"]).optional() }).optional(),
    volumes: planTime(z.record(z.string(), volumeSchema), "each key names a task volume").optional(),
    placementStrategies: z
        .array(obj({ type: z.enum(["binpack", "spread", "random"]), field: z.string().min(1).optional() }))
        .max(ECS_SERVICE_LIST_LIMITS.placementStrategies)
        .optional(),
    placementConstraints: z
        .array(
            obj({ type: z.enum(["distinctInstance", "memberOf"]), expression: z.string().min(1).max(2000).optional() }),
        )
        .max(ECS_SERVICE_LIST_LIMITS.placementConstraints)
        .optional(),
    containers: planTime(z.record(z.string(), containerSchema), "each key names a container"),
    family: z.string().optional(),
    desiredCount: int().min(0).optional(),
    loadBalancer: obj({
        targetGroupArn: input(id),
        containerName: z.string(),
        containerPort: int().min(1).max(65535),
    }).optional(),
    healthCheckGracePeriodSeconds: int().min(0).max(HEALTH_CHECK_GRACE_MAX).optional(),
    deployment: planTime(deploymentSchema, "the strategy decides which children exist").optional(),
    autoScaling: planTime(autoScalingSchema, "the policies decide which scaling children exist").optional(),
    serviceConnect: obj({
        namespace: input(id),
        discoveryName: z.string().optional(),
        port: int().min(1).max(65535).optional(),
    }).optional(),
    enableExecuteCommand: z.boolean().optional(),
    secretsKmsKeyArns: z.array(input(z.string())).max(100).optional(),
    logRetentionDays: int().optional(),
    tags: input(tagsSchema).optional(),
});

const drift: MutuallyAssignable<z.input<typeof ecsServiceArgsSchema>, EcsServiceArgs> = true;
void drift;
