import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../src/core";
import type { ScalingPolicies } from "../../src/scaling";

// ---------------------------------------------------------------------------------------------
// EcsCluster
// ---------------------------------------------------------------------------------------------

/** An EC2 capacity provider backed by an existing Auto Scaling group. */
export interface Ec2CapacityProviderArgs {
    /**
     * ARN of the Auto Scaling group whose instances run the tasks, e.g. compute-layer's
     * `AutoScalingGroup.group.arn`. With `managedTerminationProtection` on (the default), the
     * group must have `protectFromScaleIn: true`, or ECS refuses to create the provider.
     * @default required
     */
    autoScalingGroupArn: pulumi.Input<string>;
    /**
     * Managed scaling: ECS scales the group so its instances are this percent utilised by tasks.
     * 100 packs instances fully; lower values keep spare instances warm. 1–100.
     * @default 100
     */
    targetCapacity?: number;
    /** Fewest instances managed scaling adds or removes at a time, 1–10000. @default 1 (AWS default) */
    minimumScalingStepSize?: number;
    /** Most instances managed scaling adds or removes at a time, 1–10000. @default 10000 (AWS default) */
    maximumScalingStepSize?: number;
    /** Seconds a new instance takes before it counts towards the group's metrics, 0–10000. @default 300 (AWS default) */
    instanceWarmupSeconds?: number;
    /** Managed scaling on. Turn off only when something else scales the group. @default true */
    managedScaling?: boolean;
    /**
     * Managed termination protection: ECS keeps instances that run tasks from being terminated by
     * scale-in. Requires the group's `protectFromScaleIn`. @default true
     */
    managedTerminationProtection?: boolean;
    /** Managed draining: ECS drains tasks off instances before the group terminates them. @default true */
    managedDraining?: boolean;
}

/** The capacity providers a cluster offers. */
export interface EcsClusterCapacityProvidersArgs {
    /** Offer `FARGATE`. @default true */
    fargate?: boolean;
    /** Offer `FARGATE_SPOT` (interruptible, discounted; Linux X86_64 only). @default true */
    fargateSpot?: boolean;
    /** An EC2 capacity provider on an Auto Scaling group. @default none */
    ec2?: Ec2CapacityProviderArgs;
}

/** One capacity provider's share in a strategy. */
export interface CapacityProviderShare {
    /** Relative share of tasks placed on this provider, 0–1000. @default 1 */
    weight?: number;
    /** Tasks always placed on this provider before weights apply, 0–100000; only one provider of a strategy may have one. @default 0 */
    base?: number;
}

/** A cluster's default capacity provider strategy, keyed like `capacityProviders`. */
export interface EcsClusterDefaultStrategyArgs {
    /** Share on `FARGATE`. @default none */
    fargate?: CapacityProviderShare;
    /** Share on `FARGATE_SPOT`. @default none */
    fargateSpot?: CapacityProviderShare;
    /** Share on the EC2 capacity provider. @default none */
    ec2?: CapacityProviderShare;
}

export interface EcsClusterArgs {
    /**
     * CloudWatch Container Insights: `enabled`, `enhanced` (per-task and per-container metrics)
     * or `disabled`.
     * @default "enabled"
     */
    containerInsights?: "enabled" | "enhanced" | "disabled";
    /** The capacity providers the cluster offers. @default {fargate: true, fargateSpot: true} */
    capacityProviders?: EcsClusterCapacityProvidersArgs;
    /**
     * The default capacity provider strategy, used by services and tasks that name neither a
     * launch type nor a strategy. A strategy holds either Fargate providers or the EC2 provider,
     * never both.
     * @default {fargate: {weight: 1}} when Fargate is offered, else {ec2: {weight: 1}}
     */
    defaultStrategy?: EcsClusterDefaultStrategyArgs;
    /** Tags for every child that can be tagged, merged over the default tags. @default none */
    tags?: Tags;
}

// ---------------------------------------------------------------------------------------------
// EcsService
// ---------------------------------------------------------------------------------------------

/** A port a container listens on. */
export interface PortMappingArgs {
    /** The port, 1–65535. With awsvpc the host port is the same. @default required */
    containerPort: number;
    /** `tcp` or `udp`. @default "tcp" */
    protocol?: "tcp" | "udp";
    /**
     * The mapping's name, which Service Connect refers to: up to 64 lowercase letters, numbers,
     * `_` and `-`, not starting with `-`; unique in the task.
     * @default "<container>-<port>" (lower-cased)
     */
    name?: string;
    /** Application protocol Service Connect's proxy speaks on this port: `http`, `http2` or `grpc`. @default none (plain TCP) */
    appProtocol?: "http" | "http2" | "grpc";
}

/** A container health check, run by the ECS agent inside the container. */
export interface ContainerHealthCheckArgs {
    /** The command: `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]` or `["CMD", "exe", "arg"]`. @default required */
    command: string[];
    /** Seconds between checks, 5–300. @default 30 */
    intervalSeconds?: number;
    /** Seconds before a check counts as failed, 2–60. @default 5 */
    timeoutSeconds?: number;
    /** Consecutive failures before the container is unhealthy, 1–10. @default 3 */
    retries?: number;
    /** Grace seconds after start during which failures do not count, 0–300. @default none (0) */
    startPeriodSeconds?: number;
}

/** A container this container waits for. */
export interface ContainerDependencyArgs {
    /** The key of another container of the task. @default required */
    containerName: string;
    /** `START`, `COMPLETE`, `SUCCESS` or `HEALTHY` (the other container needs a health check). @default required */
    condition: "START" | "COMPLETE" | "SUCCESS" | "HEALTHY";
}

/** One container of the task; its name is its key in `containers`. */
export interface ContainerArgs {
    /** The image, e.g. `nginx:1.27` or `<account>.dkr.ecr.<region>.amazonaws.com/app:1.4.2`. @default required */
    image: pulumi.Input<string>;
    /** When this container stops, the task stops. At least one container must be essential. @default true */
    essential?: boolean;
    /** Ports the container listens on. @default none */
    portMappings?: PortMappingArgs[];
    /**
     * Plain environment variables. Names that look like secrets (PASSWORD, SECRET, TOKEN,
     * API_KEY, …) are rejected: put them in `secrets`.
     * @default none
     */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * Secret environment variables: the full ARN of a Secrets Manager secret (optionally with
     * `:json-key:version-stage:version-id`) or of an SSM parameter. Rendered as `valueFrom`; the
     * execution role may read exactly these and nothing else.
     * @default none
     */
    secrets?: Record<string, pulumi.Input<string>>;
    /** A container health check. @default none */
    healthCheck?: ContainerHealthCheckArgs;
    /** CPU units reserved for the container; all containers' sum stays within the task's `cpu`. @default none (shares the task's) */
    cpu?: number;
    /** Hard memory limit in MiB (at least 6); all containers' sum stays within the task's `memory`. @default none (the task's) */
    memory?: number;
    /** Mount the root filesystem read-only. Turn off for images that write outside volumes. @default true */
    readonlyRootFilesystem?: boolean;
    /** The user (`name`, `uid`, `uid:gid`, …) the container runs as. @default none (the image's) */
    user?: string;
    /** Containers that must reach a state before this one starts. @default none */
    dependsOn?: ContainerDependencyArgs[];
    /** Privileged mode (root on the host). Not available on Fargate. @default false */
    privileged?: boolean;
    /** Overrides the image's command. @default none (the image's CMD) */
    command?: string[];
}

/** A capacity provider and its share, for a service's own strategy. */
export interface CapacityProviderStrategyItemArgs {
    /** `FARGATE`, `FARGATE_SPOT`, or the name of an EC2 capacity provider (`EcsCluster.ec2CapacityProviderName`). @default required */
    capacityProvider: pulumi.Input<string>;
    /** Relative share of tasks, 0–1000. @default 1 */
    weight?: number;
    /** Tasks placed here first, 0–100000; only one item may have one. @default 0 */
    base?: number;
}

/** The cluster a service runs in: an `EcsCluster` satisfies this shape. */
export interface EcsClusterRef {
    /** The cluster's ARN. @default required */
    arn: pulumi.Input<string>;
    /** The cluster's name. @default required */
    name: pulumi.Input<string>;
}

/** Registers the service's tasks with a load balancer target group. */
export interface ServiceLoadBalancerArgs {
    /** The target group's ARN (target type `ip`), e.g. `alb.targetGroups.api.arn`. @default required */
    targetGroupArn: pulumi.Input<string>;
    /** The container (a key of `containers`) that receives the traffic. @default required */
    containerName: string;
    /** The container port that receives the traffic; a port that container maps. @default required */
    containerPort: number;
}

/** Rolling-deployment settings. */
export interface ServiceDeploymentArgs {
    /** Upper limit of running tasks during a deployment, in percent of desired; at least 100. @default 200 */
    maximumPercent?: number;
    /** Lower limit of healthy tasks during a deployment, in percent of desired; 0–100. @default 100 */
    minimumHealthyPercent?: number;
    /** The deployment circuit breaker. @default {enable: true, rollback: true} */
    circuitBreaker?: {
        /** Stop a deployment whose tasks keep failing. @default true */
        enable: boolean;
        /** Roll back to the last good deployment when the breaker trips. @default true */
        rollback: boolean;
    };
}

/** Service auto scaling through Application Auto Scaling. */
export interface EcsServiceAutoScalingArgs extends ScalingPolicies {
    /** Fewest tasks, at least 0. @default required */
    minCapacity: number;
    /** Most tasks, at least `minCapacity` and 1. @default required */
    maxCapacity: number;
}

/** ECS Service Connect, the successor to App Mesh for ECS service-to-service traffic. */
export interface ServiceConnectArgs {
    /** The Cloud Map namespace (name or ARN) the service joins. @default required */
    namespace: pulumi.Input<string>;
    /**
     * The name other services in the namespace reach this one by (also its client alias DNS
     * name): up to 64 lowercase letters, numbers, `_` and `-`, not starting with `-`.
     * @default the component name, lower-cased
     */
    discoveryName?: string;
    /**
     * The container port to publish; a container must map it. Clients connect to
     * `<discoveryName>:<port>`.
     * @default `loadBalancer.containerPort`, else the first port of the first essential container that has one
     */
    port?: number;
}

export interface EcsServiceArgs {
    /** The cluster; an `EcsCluster` fits. @default required */
    cluster: EcsClusterRef;
    /** The VPC of the service's security group. @default required */
    vpcId: pulumi.Input<string>;
    /** Subnets for the tasks' network interfaces (private subnets), 1–16. @default required */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Extra security groups for the tasks; with the service's own group at most 5 in all. @default none */
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Security groups (e.g. the ALB's, `alb.securityGroup.id`) admitted to the containers' mapped
     * ports. Nothing else may connect in.
     * @default none (no ingress)
     */
    allowFrom?: pulumi.Input<string>[];
    /**
     * Allow egress only on TCP 443. Off by default: tasks usually reach datastores and peers on
     * other ports, and those are guarded by the destinations' own security groups.
     * @default false (all egress)
     */
    restrictEgressToHttps?: boolean;
    /**
     * Where tasks run: `FARGATE` or `EC2`. With `capacityProviderStrategy` this selects the task
     * compatibility and which providers may appear in the strategy.
     * @default "FARGATE"
     */
    launchType?: "FARGATE" | "EC2";
    /** A capacity provider strategy instead of the launch type (e.g. FARGATE + FARGATE_SPOT). @default none (the launch type) */
    capacityProviderStrategy?: CapacityProviderStrategyItemArgs[];
    /** Task CPU units; on Fargate one of 256, 512, 1024, 2048, 4096, 8192, 16384. @default required */
    cpu: number;
    /** Task memory in MiB; on Fargate a size the `cpu` allows. @default required */
    memory: number;
    /** Fargate ephemeral storage in GiB, 21–200. @default none (20 GiB) */
    ephemeralStorageGiB?: number;
    /** CPU architecture of the tasks. @default {architecture: "X86_64"} */
    runtimePlatform?: {
        /** `X86_64` or `ARM64` (Graviton). @default "X86_64" */
        architecture?: "X86_64" | "ARM64";
    };
    /** The task's containers, by container name (1–10; letters, numbers, `_`, `-`). @default required */
    containers: Record<string, ContainerArgs>;
    /**
     * The task definition family. Also names the log group `/ecs/<family>`, which has a fixed
     * name: the default holds the stack so stacks sharing an account and region do not collide.
     * @default `<component name>-<stack>`
     */
    family?: string;
    /** Tasks to run. Ignored after creation when `autoScaling` is set. @default `autoScaling.minCapacity`, else 2 */
    desiredCount?: number;
    /** Register tasks with a load balancer target group. @default none */
    loadBalancer?: ServiceLoadBalancerArgs;
    /** Seconds to ignore failing load balancer and container health checks after a task starts, 0–2147483647. @default 60 with a load balancer, else none */
    healthCheckGracePeriodSeconds?: number;
    /** Rolling deployment settings. @default {maximumPercent: 200, minimumHealthyPercent: 100, circuitBreaker: {enable: true, rollback: true}} */
    deployment?: ServiceDeploymentArgs;
    /**
     * Service auto scaling on the shared scaling vocabulary (target tracking on `cpu`, `memory`,
     * `requestCountPerTarget` or a custom metric; step policies with their alarms; schedules in
     * `cron(...)`/`rate(...)`/`at(...)`; predictive on `cpu`, `memory` or
     * `requestCountPerTarget`). Target-tracking cooldowns default to scale-in 300 s, scale-out 60 s.
     * `requestCountPerTarget` counts the requests of the service's target group, so it needs
     * `loadBalancer`.
     * @default none
     */
    autoScaling?: EcsServiceAutoScalingArgs;
    /** Join an ECS Service Connect namespace. @default none */
    serviceConnect?: ServiceConnectArgs;
    /**
     * ECS Exec (`aws ecs execute-command`); grants the task role the ssmmessages channel actions.
     * The SSM agent writes to the container's root filesystem, so at least one container needs
     * `readonlyRootFilesystem: false`.
     * @default false
     */
    enableExecuteCommand?: boolean;
    /**
     * KMS keys that encrypt the listed secrets, when they are customer-managed keys. The
     * execution role gets `kms:Decrypt` on exactly these. Secrets under the AWS-managed keys need
     * none.
     * @default none
     */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /** Days the log group keeps container logs; one of CloudWatch Logs' retention values. @default 30 */
    logRetentionDays?: number;
    /** Tags for every child that can be tagged, merged over the default tags; the service propagates them to its tasks. @default none */
    tags?: Tags;
}
