/**
 * AWS limits the ECS tier checks against, each with its source.
 */

function steps(from: number, to: number, step: number): number[] {
    const out: number[] = [];
    for (let v = from; v <= to; v += step) out.push(v);
    return out;
}

/**
 * Fargate task sizes: CPU units → the memory sizes (MiB) allowed with them.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
export const FARGATE_TASK_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
    [256, [512, 1024, 2048]],
    [512, steps(1024, 4096, 1024)],
    [1024, steps(2048, 8192, 1024)],
    [2048, steps(4096, 16384, 1024)],
    [4096, steps(8192, 30720, 1024)],
    [8192, steps(16384, 61440, 4096)],
    [16384, steps(32768, 122880, 8192)],
]);

/** The allowed Fargate memory sizes for a CPU size, in words. */
export function describeFargateMemory(cpu: number): string {
    const sizes = FARGATE_TASK_SIZES.get(cpu) ?? [];
    if (sizes.length <= 3) return sizes.join(", ").replace(/, (\d+)$/, " or $1");
    const step = sizes[1] - sizes[0];
    return `${sizes[0]} to ${sizes[sizes.length - 1]} in steps of ${step}`;
}

/**
 * Task CPU on EC2: 128 (0.125 vCPU) to 196608 (192 vCPU) units.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html (cpu)
 */
export const EC2_TASK_CPU = { min: 128, max: 196608 } as const;

/** Docker reserves at least 6 MiB per container. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory */
export const CONTAINER_MIN_MEMORY_MIB = 6;

/** Containers per task definition (ECS service quota, not adjustable). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html */
export const MAX_CONTAINERS = 10;

/** Fargate ephemeral storage, GiB. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html */
export const EPHEMERAL_STORAGE_GIB = { min: 21, max: 200 } as const;

/**
 * Container health check bounds (interval 5–300, timeout 2–60, retries 1–10, start period 0–300).
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
 */
export const HEALTH_CHECK = {
    intervalSeconds: { min: 5, max: 300, default: 30 },
    timeoutSeconds: { min: 2, max: 60, default: 5 },
    retries: { min: 1, max: 10, default: 3 },
    startPeriodSeconds: { min: 0, max: 300 },
} as const;

/** awsvpc: at most 16 subnets and 5 security groups. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html */
export const MAX_SUBNETS = 16;
export const MAX_SECURITY_GROUPS = 5;

/**
 * Capacity provider strategies: weight 0–1000, base 0–100000 on at most one item, at most 20
 * providers (CreateService's capacityProviderStrategy; older pages said 6), and either Fargate or
 * Auto Scaling group providers, never both.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html
 */
export const STRATEGY = { maxWeight: 1000, maxBase: 100000, maxItems: 20 } as const;

/** The Fargate capacity providers. */
export const FARGATE_PROVIDERS = ["FARGATE", "FARGATE_SPOT"] as const;

/**
 * Managed scaling: target capacity 1–100 percent; step sizes 1–10000; warm-up 0–10000 s.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedScaling.html
 */
export const MANAGED_SCALING = {
    targetCapacity: { min: 1, max: 100 },
    stepSize: { min: 1, max: 10000 },
    warmup: { min: 0, max: 10000 },
} as const;

/** CloudWatch Logs retention values, days: shared by every tier. */
export { LOG_RETENTION_DAYS } from "../../../src/core/limits";

/** Container names and task families: 1–255 letters, numbers, `_` and `-`. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html */
export const ECS_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

/**
 * Port mapping names and Service Connect discovery names: up to 64 lowercase letters, numbers,
 * `_` and `-`, not starting with `-`.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html
 */
export const SERVICE_CONNECT_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;

/** healthCheckGracePeriodSeconds: 0–2147483647. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html */
export const HEALTH_CHECK_GRACE_MAX = 2147483647;
