import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";
import type { AutoScalingArgs } from "../../../src/scaling";

/** A port a container listens on. */
export interface PortMappingArgs {
    /** The port, 1–65535. With awsvpc the host port is the same. Known at plan time. @default required */
    containerPort: number;
    /** `tcp` or `udp`. Known at plan time. @default "tcp" */
    protocol?: "tcp" | "udp";
    /**
     * The mapping's name, which Service Connect refers to: up to 64 lowercase letters, numbers,
     * `_` and `-`, not starting with `-`; unique in the task.
     * Known at plan time.
     * @default "<container>-<port>" (lower-cased)
     */
    name?: string;
    /** Application protocol Service Connect's proxy speaks on this port: `http`, `http2` or `grpc`. Known at plan time. @default none (plain TCP) */
    appProtocol?: "http" | "http2" | "grpc";
}

/** A container health check, run by the ECS agent inside the container. */
export interface ContainerHealthCheckArgs {
    /** The command: `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]` or `["CMD", "exe", "arg"]`. Known at plan time. @default required */
    command: string[];
    /** Seconds between checks, 5–300. Known at plan time. @default 30 */
    intervalSeconds?: number;
    /** Seconds before a check counts as failed, 2–60. Known at plan time. @default 5 */
    timeoutSeconds?: number;
    /** Consecutive failures before the container is unhealthy, 1–10. Known at plan time. @default 3 */
    retries?: number;
    /** Grace seconds after start during which failures do not count, 0–300. Known at plan time. @default none (0) */
    startPeriodSeconds?: number;
}

/** A container this container waits for. */
export interface ContainerDependencyArgs {
    /** The key of another container of the task. Known at plan time. @default required */
    containerName: string;
    /** `START`, `COMPLETE`, `SUCCESS` or `HEALTHY` (the other container needs a health check). Known at plan time. @default required */
    condition: "START" | "COMPLETE" | "SUCCESS" | "HEALTHY";
}

/** Where a container mounts one of the task's `volumes`. */
export interface MountPointArgs {
    /** The volume: a key of the service's `volumes`. Known at plan time. @default required */
    volume: string;
    /** The absolute path in the container, e.g. `/data`. Known at plan time. @default required */
    containerPath: string;
    /** Mount it read-only. Known at plan time. @default false */
    readOnly?: boolean;
}

/** An Amazon EFS file system mounted into the task. */
export interface EfsVolumeArgs {
    /** The file system's id, e.g. `fs-0123456789abcdef0` (may be an Output). @default required */
    fileSystemId: pulumi.Input<string>;
    /**
     * An EFS access point (its id, `fsap-…`), which fixes the POSIX user and root directory the
     * task sees. With one, `rootDirectory` must be left out (the access point's applies).
     * May be an Output.
     * @default none
     */
    accessPointId?: pulumi.Input<string>;
    /** The directory of the file system mounted as the volume's root. Not with `accessPointId`. Known at plan time. @default "/" */
    rootDirectory?: string;
    /**
     * Encrypt the NFS traffic in transit (TLS). Required by `iam` and by access points.
     * Known at plan time.
     * @default true
     */
    transitEncryption?: boolean;
    /**
     * Mount with the task role's IAM identity: the task role gets `elasticfilesystem:ClientMount`
     * (and `ClientWrite` unless every mount of the volume is read-only) on exactly this file
     * system (and access point), so an EFS file-system policy can require it.
     * Known at plan time.
     * @default true
     */
    iam?: boolean;
    /**
     * The file system's mount-target security group: when given, the component adds an ingress
     * rule to it for NFS (TCP 2049) from the service's security group.
     * May be an Output.
     * @default none (allow NFS yourself)
     */
    mountTargetSecurityGroupId?: pulumi.Input<string>;
}

/** A Docker volume (EC2 capacity only). */
export interface DockerVolumeArgs {
    /** `task` (removed with the task) or `shared` (kept on the instance across tasks). Known at plan time. @default "task" */
    scope?: "task" | "shared";
    /** With `shared` scope: create the volume if it doesn't exist. Known at plan time. @default false */
    autoprovision?: boolean;
    /** The volume driver, e.g. `local` or a plugin's name. Known at plan time. @default "local" (Docker's default) */
    driver?: string;
    /** Options passed to the driver. Known at plan time. @default none */
    driverOpts?: Record<string, string>;
    /** Labels on the volume. Known at plan time. @default none */
    labels?: Record<string, string>;
}

/** One volume of the task: give exactly one of `efs`, `bind` or `docker`. */
export interface TaskVolumeArgs {
    /** An EFS file system. Known at plan time. @default none */
    efs?: EfsVolumeArgs;
    /**
     * A bind mount. Without `hostPath` it is scratch space that lives as long as the task (Fargate
     * included); `hostPath` mounts a directory of the instance (EC2 only).
     * Known at plan time.
     * @default none
     */
    bind?: { hostPath?: string };
    /** A Docker volume (EC2 only). Known at plan time. @default none */
    docker?: DockerVolumeArgs;
}

/** A task placement strategy (EC2 capacity only). */
export interface PlacementStrategyArgs {
    /** `binpack` (fewest instances), `spread` (evenly over a field) or `random`. Known at plan time. @default required */
    type: "binpack" | "spread" | "random";
    /**
     * `binpack`: `cpu` or `memory`; `spread`: `instanceId`, `host` or `attribute:<name>` (e.g.
     * `attribute:ecs.availability-zone`); `random`: none.
     * Known at plan time.
     * @default none
     */
    field?: string;
}

/** A task placement constraint (EC2 capacity only). */
export interface PlacementConstraintArgs {
    /** `distinctInstance` (one task per instance) or `memberOf` (instances matching `expression`). Known at plan time. @default required */
    type: "distinctInstance" | "memberOf";
    /** `memberOf` only (required there): a cluster query expression, e.g. `attribute:ecs.instance-type =~ t3.*`. Known at plan time. @default none */
    expression?: string;
}

/** One container of the task; its name is its key in `containers`. */
export interface ContainerArgs {
    /**
     * The image, e.g. `nginx:1.27` or `<account>.dkr.ecr.<region>.amazonaws.com/app:1.4.2`. It must
     * name a tag other than `latest`, or a digest (`app@sha256:…`), so a deployment runs exactly
     * the image that was reviewed (the same check as `KubernetesService`). May be an Output
     * (checked by ECS at deploy time then).
     * @default required
     */
    image: pulumi.Input<string>;
    /** When this container stops, the task stops. At least one container must be essential. Known at plan time. @default true */
    essential?: boolean;
    /** Ports the container listens on. Known at plan time. @default none */
    portMappings?: PortMappingArgs[];
    /**
     * Plain environment variables. Names that look like secrets (PASSWORD, SECRET, TOKEN,
     * API_KEY, …) are rejected: put them in `secrets`.
     * The names are known at plan time; the values may be Outputs.
     * @default none
     */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * Secret environment variables: the full ARN of a Secrets Manager secret (optionally with
     * `:json-key:version-stage:version-id`) or of an SSM parameter. Rendered as `valueFrom`; the
     * execution role may read exactly these and nothing else.
     * The names are known at plan time; the ARNs may be Outputs (then checked by ECS at deploy time).
     * @default none
     */
    secrets?: Record<string, pulumi.Input<string>>;
    /** A container health check. Known at plan time. @default none */
    healthCheck?: ContainerHealthCheckArgs;
    /** CPU units reserved for the container; all containers' sum stays within the task's `cpu`. Known at plan time. @default none (shares the task's) */
    cpu?: number;
    /** Hard memory limit in MiB (at least 6); all containers' sum stays within the task's `memory`. Known at plan time. @default none (the task's) */
    memory?: number;
    /** Mount the root filesystem read-only. Turn off for images that write outside volumes. Known at plan time. @default true */
    readonlyRootFilesystem?: boolean;
    /** The user (`name`, `uid`, `uid:gid`, …) the container runs as. Known at plan time. @default none (the image's) */
    user?: string;
    /** Containers that must reach a state before this one starts. Known at plan time. @default none */
    dependsOn?: ContainerDependencyArgs[];
    /** Privileged mode (root on the host). Not available on Fargate. Known at plan time. @default false */
    privileged?: boolean;
    /** Overrides the image's command. Known at plan time. @default none (the image's CMD) */
    command?: string[];
    /** Volumes of the task mounted into this container; each names a key of the service's `volumes`. Known at plan time. @default none */
    mountPoints?: MountPointArgs[];
}

/** A capacity provider and its share, for a service's own strategy. */
export interface CapacityProviderStrategyItemArgs {
    /** `FARGATE`, `FARGATE_SPOT`, or the name of an EC2 capacity provider (`EcsCluster.ec2CapacityProviderName`). May be an Output. @default required */
    capacityProvider: pulumi.Input<string>;
    /** Relative share of tasks, 0–1000. Known at plan time. @default 1 */
    weight?: number;
    /** Tasks placed here first, 0–100000; only one item may have one. Known at plan time. @default 0 */
    base?: number;
}

/** The cluster a service runs in: an `EcsCluster` satisfies this shape. */
export interface EcsClusterRef {
    /** The cluster's ARN. May be an Output. @default required */
    arn: pulumi.Input<string>;
    /** The cluster's name. May be an Output. @default required */
    name: pulumi.Input<string>;
}

/** Registers the service's tasks with a load balancer target group. */
export interface ServiceLoadBalancerArgs {
    /** The target group's ARN (target type `ip`), e.g. `alb.targetGroups.api.arn`. May be an Output. @default required */
    targetGroupArn: pulumi.Input<string>;
    /** The container (a key of `containers`) that receives the traffic. Known at plan time. @default required */
    containerName: string;
    /** The container port that receives the traffic; a port that container maps. Known at plan time. @default required */
    containerPort: number;
}

/** How a deployment replaces tasks. */
export type DeploymentStrategy = "rolling" | "blueGreen" | "linear" | "canary";

/** The stages of an ECS deployment a lifecycle hook can run at (ECS's names). */
export type DeploymentLifecycleStage =
    | "RECONCILE_SERVICE"
    | "PRE_SCALE_UP"
    | "POST_SCALE_UP"
    | "TEST_TRAFFIC_SHIFT"
    | "POST_TEST_TRAFFIC_SHIFT"
    | "PRODUCTION_TRAFFIC_SHIFT"
    | "POST_PRODUCTION_TRAFFIC_SHIFT";

/** A deployment lifecycle hook: a Lambda function ECS invokes, or a pause, at the given stages. */
export interface DeploymentLifecycleHookArgs {
    /**
     * The stages it runs at (each once). A pause can't run at `TEST_TRAFFIC_SHIFT` or
     * `PRODUCTION_TRAFFIC_SHIFT`.
     * Known at plan time.
     * @default required
     */
    stages: DeploymentLifecycleStage[];
    /**
     * The Lambda function ECS invokes (its ARN; may be an Output). The deployment role gets
     * `lambda:InvokeFunction` on exactly it. Give this or `pause`.
     * @default none
     */
    lambdaArn?: pulumi.Input<string>;
    /**
     * Pause the deployment until it is continued (`aws ecs update-service-deployment`…) or times out.
     * Give this or `lambdaArn`.
     * Known at plan time.
     * @default none
     */
    pause?: {
        /** Minutes to wait, 1–20160. Known at plan time. @default 1440 (AWS's default) */
        timeoutMinutes?: number;
        /** What happens on timeout. Known at plan time. @default "ROLLBACK" */
        onTimeout?: "ROLLBACK" | "CONTINUE";
    };
    /**
     * Parameters ECS passes to the function, as JSON (`hookDetails`).
     * Known at plan time.
     * @default none
     */
    details?: Record<string, string>;
}

/** A listener rule the component creates for blue/green traffic: it forwards to both target groups. */
export interface DeploymentListenerRuleArgs {
    /** The listener's ARN (e.g. `alb.httpsListener.arn`); may be an Output. @default required */
    listenerArn: pulumi.Input<string>;
    /** The rule's priority, 1–50000, unique on the listener. Known at plan time. @default required */
    priority: number;
    /** Path patterns the rule matches (at most 5 conditions values in all). Known at plan time. @default none */
    pathPatterns?: string[];
    /** Host headers the rule matches. Known at plan time. @default none */
    hostHeaders?: string[];
}

/** Deployment settings: the strategy and its parameters. */
export interface ServiceDeploymentArgs {
    /**
     * `rolling` replaces tasks in place (between `minimumHealthyPercent` and `maximumPercent`).
     * `blueGreen`, `linear` and `canary` are ECS's native traffic-shifting deployments: ECS
     * starts the new tasks in the alternate target group, then moves the production listener
     * rule's traffic to them all at once, in steps, or a canary share first, and rolls back on
     * failure. They need `loadBalancer`. Plan-time.
     * @default "rolling"
     */
    strategy?: DeploymentStrategy;
    /** Rolling: upper limit of running tasks during a deployment, in percent of desired; at least 100. Known at plan time. @default 200 */
    maximumPercent?: number;
    /** Rolling: lower limit of healthy tasks during a deployment, in percent of desired; 0–100. Known at plan time. @default 100 */
    minimumHealthyPercent?: number;
    /** The deployment circuit breaker; it stays on unless turned off here. Known at plan time. @default {enable: true, rollback: true} */
    circuitBreaker?: {
        /** Stop a deployment whose tasks keep failing. Known at plan time. @default true */
        enable: boolean;
        /** Roll back to the last good deployment when the breaker trips. Known at plan time. @default true */
        rollback: boolean;
    };
    /**
     * Traffic-shifting strategies: minutes the old tasks are kept after all traffic has moved,
     * 0–1440, so a rollback is instant.
     * Known at plan time.
     * @default none (AWS's default)
     */
    bakeTimeMinutes?: number;
    /**
     * `canary` only (required there): the share of production traffic the new tasks get first,
     * 0.1–100 percent, and the minutes before the rest moves, 0–1440.
     * Known at plan time.
     * @default none
     */
    canary?: { percent: number; bakeTimeMinutes: number };
    /**
     * `linear` only (required there): the share of traffic moved at each step, 3–100 percent,
     * and the minutes between steps, 0–1440.
     * Known at plan time.
     * @default none
     */
    linear?: { stepPercent: number; stepBakeTimeMinutes: number };
    /** Traffic-shifting strategies: lifecycle hooks (Lambda functions or pauses), at most 10. Known at plan time. @default none */
    lifecycleHooks?: DeploymentLifecycleHookArgs[];
    /**
     * Traffic-shifting strategies: the alternate target group (target type `ip`). When absent,
     * the component creates one like the service's: the container port, HTTP, `ip` targets in
     * `vpcId`, checked on `alternateHealthCheckPath`.
     * May be an Output.
     * @default a created target group
     */
    alternateTargetGroupArn?: pulumi.Input<string>;
    /** The created alternate target group's health-check path. Known at plan time. @default "/" */
    alternateHealthCheckPath?: string;
    /**
     * Traffic-shifting strategies: the production listener rule that forwards to the service's
     * target group, whose weights ECS shifts. Give its ARN, or `productionListenerRule` for the
     * component to create it.
     * May be an Output.
     * @default none
     */
    productionListenerRuleArn?: pulumi.Input<string>;
    /**
     * The production listener rule to create: it forwards to the service's target group
     * (weight 100) and the alternate (weight 0); its actions are in `ignoreChanges`, since ECS
     * owns the weights.
     * Known at plan time.
     * @default none
     */
    productionListenerRule?: DeploymentListenerRuleArgs;
    /** An optional test listener rule to create, which reaches the new tasks before production does. Known at plan time. @default none */
    testListenerRule?: DeploymentListenerRuleArgs;
}

/** ECS Service Connect, the successor to App Mesh for ECS service-to-service traffic. */
export interface ServiceConnectArgs {
    /** The Cloud Map namespace (name or ARN) the service joins. May be an Output. @default required */
    namespace: pulumi.Input<string>;
    /**
     * The name other services in the namespace reach this one by (also its client alias DNS
     * name): up to 64 lowercase letters, numbers, `_` and `-`, not starting with `-`.
     * Known at plan time.
     * @default the component name, lower-cased
     */
    discoveryName?: string;
    /**
     * The container port to publish; a container must map it. Clients connect to
     * `<discoveryName>:<port>`.
     * Known at plan time.
     * @default `loadBalancer.containerPort`, else the first port of the first essential container that has one
     */
    port?: number;
}

/** The args of `EcsService`. */
export interface EcsServiceArgs {
    /** The cluster; an `EcsCluster` fits. Known at plan time. @default required */
    cluster: EcsClusterRef;
    /** The VPC of the service's security group. May be an Output. @default required */
    vpcId: pulumi.Input<string>;
    /** Subnets for the tasks' network interfaces (private subnets), 1–16. May be an Output. @default required */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Extra security groups for the tasks; with the service's own group at most 5 in all. May be an Output. @default none */
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Security groups (e.g. the ALB's, `alb.securityGroup.id`) admitted to the containers' mapped
     * ports. Nothing else may connect in.
     * The list is known at plan time (each entry makes rules); the ids may be Outputs.
     * @default none (no ingress)
     */
    allowFrom?: pulumi.Input<string>[];
    /**
     * Allow egress only on TCP 443. Off by default: tasks usually reach datastores and peers on
     * other ports, and those are guarded by the destinations' own security groups.
     * Known at plan time.
     * @default false (all egress)
     */
    restrictEgressToHttps?: boolean;
    /**
     * Where tasks run: `FARGATE` or `EC2`. With `capacityProviderStrategy` this selects the task
     * compatibility and which providers may appear in the strategy.
     * Known at plan time.
     * @default "FARGATE"
     */
    launchType?: "FARGATE" | "EC2";
    /** A capacity provider strategy instead of the launch type (e.g. FARGATE + FARGATE_SPOT). Known at plan time. @default none (the launch type) */
    capacityProviderStrategy?: CapacityProviderStrategyItemArgs[];
    /** Task CPU units; on Fargate one of 256, 512, 1024, 2048, 4096, 8192, 16384. Known at plan time. @default required */
    cpu: number;
    /** Task memory in MiB; on Fargate a size the `cpu` allows. Known at plan time. @default required */
    memory: number;
    /** Fargate ephemeral storage in GiB, 21–200. Known at plan time. @default none (20 GiB) */
    ephemeralStorageGiB?: number;
    /** CPU architecture of the tasks. Known at plan time. @default {architecture: "X86_64"} */
    runtimePlatform?: {
        /** `X86_64` or `ARM64` (Graviton). Known at plan time. @default "X86_64" */
        architecture?: "X86_64" | "ARM64";
    };
    /**
     * The task's volumes by name (letters, numbers, `_`, `-`; at most 20): EFS, bind mounts, and
     * Docker volumes on EC2. Containers mount them with `mountPoints`. Plan-time keys.
     * @default none
     */
    volumes?: Record<string, TaskVolumeArgs>;
    /** How tasks are placed on EC2 capacity, at most 5 (rejected on Fargate). Known at plan time. @default none (ECS's default) */
    placementStrategies?: PlacementStrategyArgs[];
    /** Where tasks may be placed on EC2 capacity, at most 10 (rejected on Fargate). Known at plan time. @default none */
    placementConstraints?: PlacementConstraintArgs[];
    /** The task's containers, by container name (1–10; letters, numbers, `_`, `-`). Known at plan time. @default required */
    containers: Record<string, ContainerArgs>;
    /**
     * The task definition family. Also names the log group `/ecs/<family>`, which has a fixed
     * name: the default holds the stack so stacks sharing an account and region do not collide.
     * Known at plan time.
     * @default `<component name>-<stack>`
     */
    family?: string;
    /** Tasks to run. Ignored after creation when `autoScaling` is set. Known at plan time. @default `autoScaling.min`, else 2 */
    desiredCount?: number;
    /** Register tasks with a load balancer target group. Known at plan time. @default none */
    loadBalancer?: ServiceLoadBalancerArgs;
    /** Seconds to ignore failing load balancer and container health checks after a task starts, 0–2147483647. Known at plan time. @default 60 with a load balancer, else none */
    healthCheckGracePeriodSeconds?: number;
    /**
     * How deployments replace tasks: rolling (the default), or ECS's native blue/green, linear
     * or canary traffic shifting through the load balancer.
     * Known at plan time.
     * @default {strategy: "rolling", maximumPercent: 200, minimumHealthyPercent: 100, circuitBreaker: {enable: true, rollback: true}}
     */
    deployment?: ServiceDeploymentArgs;
    /**
     * Service auto scaling on the shared scaling vocabulary, between `min` and `max` tasks
     * (`max` at least 1) (target tracking on `cpu`, `memory`,
     * `requestCountPerTarget` or a custom metric; step policies with their alarms; schedules in
     * `cron(...)`/`rate(...)`/`at(...)`; predictive on `cpu`, `memory` or
     * `requestCountPerTarget`). Target-tracking cooldowns default to scale-in 300 s, scale-out 60 s.
     * `requestCountPerTarget` counts the requests of the service's target group, so it needs
     * `loadBalancer` and a rolling deployment (a traffic-shifting strategy moves the tasks between
     * two target groups; AWS does not support the metric with blue/green).
     * Known at plan time.
     * @default none
     */
    autoScaling?: AutoScalingArgs;
    /** Join an ECS Service Connect namespace. Known at plan time. @default none */
    serviceConnect?: ServiceConnectArgs;
    /**
     * ECS Exec (`aws ecs execute-command`); grants the task role the ssmmessages channel actions.
     * The SSM agent writes to the container's root filesystem, so at least one container needs
     * `readonlyRootFilesystem: false`.
     * Known at plan time.
     * @default false
     */
    enableExecuteCommand?: boolean;
    /**
     * KMS keys that encrypt the listed secrets, when they are customer-managed keys. The
     * execution role gets `kms:Decrypt` on exactly these. Secrets under the AWS-managed keys need
     * none.
     * The list is known at plan time; the ARNs may be Outputs.
     * @default none
     */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /** Days the log group keeps container logs; one of CloudWatch Logs' retention values. Known at plan time. @default 30 */
    logRetentionDays?: number;
    /** Tags for every child that can be tagged, merged over the default tags; the service propagates them to its tasks. The whole map may be an Output; the default tags are kept either way. @default none */
    tags?: pulumi.Input<Tags>;
}
