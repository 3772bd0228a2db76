import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import {
    checkShape,
    isKnown,
    joinPath,
    known,
    type PlanContext,
    physicalName,
    planTags,
    policyJson,
    type Tags,
    Validator,
    validateTags,
} from "../../../src/core";
import { imageProblem } from "../../../src/core/image";
import {
    type AppPolicyPlan,
    type AppScheduledActionPlan,
    checkCapacityOrder,
    toApplicationAutoScaling,
} from "../../../src/scaling";
import type { Keyed, PlannedAlarm, PlannedRule } from "../../ec2/auto-scaling-group/plan";
import { checkContainersTogether, checkTaskSize, type PlannedContainer, planContainer } from "../shared/containers";
import {
    ECS_NAME,
    FARGATE_PROVIDERS,
    LOG_RETENTION_DAYS,
    MAX_CONTAINERS,
    SERVICE_CONNECT_NAME,
} from "../shared/limits";
import { checkStrategyShape } from "../shared/strategy";
import {
    type ContainerDefinition,
    compact,
    containerDefinition,
    ECS_SERVICE_TRUST,
    execCommandStatements,
} from "../shared/task-definition";
import type { EcsServiceArgs } from "./args";
import { ECS_SERVICE_LIST_LIMITS, ecsServiceArgsSchema } from "./schema";

// The planned-child types every tier's planner needs; shared with the ec2 tier (type-only import, nothing
// of ec2 loads at run time). They belong in src/core.
export type { Keyed, PlannedAlarm, PlannedRule } from "../../ec2/auto-scaling-group/plan";

/** A listener rule the component creates for a traffic-shifting deployment. */
export interface PlannedListenerRule {
    listenerArn: pulumi.Input<string>;
    priority: number;
    conditions: ({ pathPattern: { values: string[] } } | { hostHeader: { values: string[] } })[];
    /** Forward to the service's target group (weight 100) and the alternate (weight 0); the component adds the alternate's ARN when it creates it. */
    actions: { type: "forward"; forward: { targetGroups: { arn?: pulumi.Input<string>; weight: number }[] } }[];
    tags: pulumi.Input<Tags>;
}

/** A planned EFS volume's task-role grant and security-group rule. */
export interface PlannedEfsAccess {
    volume: string;
    fileSystemId: pulumi.Input<string>;
    accessPointId?: pulumi.Input<string>;
    write: boolean;
    iam: boolean;
    /** The ingress rule on the mount targets' security group (NFS from the service's group); the component adds the source group. */
    mountTargetRule?: PlannedRule & { securityGroupId: pulumi.Input<string> };
}

/**
 * What {@link EcsService} creates: the final inputs of every child. The component adds only
 * Outputs: the region, partition and account it looks up, the ARNs and names of its other
 * children, and the IAM documents that name them.
 */
export interface EcsServicePlan {
    /** The log group `/ecs/<family>` (complete). */
    logGroup: { name: string; retentionInDays: number; tags: pulumi.Input<Tags> };
    /** The execution and task roles; the component adds the trust policy (it names the account and region). */
    executionRole: { description: string; tags: pulumi.Input<Tags> };
    taskRole: { description: string; tags: pulumi.Input<Tags> };
    /** Task-role statements needing no Output: ECS Exec's, when enabled. */
    taskRoleExecPolicy?: string;
    /** EFS volumes the task role mounts with IAM, and their security-group rules. */
    efs: PlannedEfsAccess[];
    /** Everything the execution role's policy grants; the component renders it with the partition and log group ARN. */
    executionGrants: {
        images: pulumi.Input<string>[];
        secretArns: pulumi.Input<string>[];
        kmsKeyArns: pulumi.Input<string>[];
    };
    /**
     * The task definition; the component adds `containerDefinitions` (these, with the log
     * group and region), `executionRoleArn` and `taskRoleArn`.
     */
    taskDefinition: {
        family: string;
        cpu: string;
        memory: string;
        networkMode: "awsvpc";
        requiresCompatibilities: ("FARGATE" | "EC2")[];
        runtimePlatform: { operatingSystemFamily: "LINUX"; cpuArchitecture: "X86_64" | "ARM64" };
        ephemeralStorage?: { sizeInGib: number };
        volumes?: aws.types.input.ecs.TaskDefinitionVolume[];
        tags: pulumi.Input<Tags>;
    };
    containerDefinitions: ContainerDefinition[];
    /** The tasks' security group; rules get `securityGroupId` from the component. */
    securityGroup: { vpcId: pulumi.Input<string>; description: string; tags: pulumi.Input<Tags> };
    ingressRules: Keyed<PlannedRule>[];
    egressRule: PlannedRule;
    /**
     * The service. The component adds `taskDefinition`, the service's own security group in
     * `networkConfiguration.securityGroups`, the deployment role and the created alternate target
     * group and listener rules in `loadBalancers[0].advancedConfiguration`, and the log target of
     * Service Connect.
     */
    service: {
        cluster: pulumi.Input<string>;
        desiredCount: number;
        launchType?: "FARGATE" | "EC2";
        capacityProviderStrategies?: { capacityProvider: pulumi.Input<string>; weight: number; base: number }[];
        networkConfiguration: {
            subnets: pulumi.Input<pulumi.Input<string>[]>;
            assignPublicIp: false;
            securityGroups: pulumi.Input<pulumi.Input<string>[]>;
        };
        loadBalancers?: {
            targetGroupArn: pulumi.Input<string>;
            containerName: string;
            containerPort: number;
            advancedConfiguration?: {
                alternateTargetGroupArn?: pulumi.Input<string>;
                productionListenerRule?: pulumi.Input<string>;
            };
        }[];
        healthCheckGracePeriodSeconds?: number;
        deploymentMaximumPercent: number;
        deploymentMinimumHealthyPercent: number;
        deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
        deploymentConfiguration?: {
            strategy: "BLUE_GREEN" | "LINEAR" | "CANARY";
            bakeTimeInMinutes?: string;
            canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: string };
            linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: string };
            lifecycleHooks?: {
                lifecycleStages: string[];
                targetType: "AWS_LAMBDA" | "PAUSE";
                hookTargetArn?: pulumi.Input<string>;
                hookDetails?: string;
                timeoutConfiguration?: { action: "ROLLBACK" | "CONTINUE"; timeoutInMinutes: string };
            }[];
        };
        orderedPlacementStrategies?: { type: string; field?: string }[];
        placementConstraints?: { type: string; expression?: string }[];
        serviceConnectConfiguration?: {
            enabled: true;
            namespace: pulumi.Input<string>;
            services: { portName: string; discoveryName: string; clientAlias: { port: number; dnsName: string }[] }[];
        };
        enableExecuteCommand: boolean;
        propagateTags: "SERVICE";
        enableEcsManagedTags: true;
        waitForSteadyState: false;
        tags: pulumi.Input<Tags>;
    };
    /** The service's `ignoreChanges`: `desiredCount` when auto scaling owns it. */
    ignoreChanges: "desiredCount"[];
    /** Traffic-shifting deployments: what the component creates for ECS to shift traffic. */
    trafficShift?: {
        /** The role ECS assumes (trusted by ecs.amazonaws.com) with the load-balancer managed policy. */
        role: { description: string; assumeRolePolicy: string; tags: pulumi.Input<Tags> };
        /** The AWS-managed policy attached to it; the component writes its ARN in the provider's partition. */
        managedPolicy: "AmazonECSInfrastructureRolePolicyForLoadBalancers";
        /** Lambda hooks' ARNs the role may invoke (rendered by the component, since they may be Outputs). */
        hookLambdaArns: pulumi.Input<string>[];
        /** The alternate target group to create; undefined when its ARN was given. */
        alternateTargetGroup?: {
            port: number;
            protocol: "HTTP";
            targetType: "ip";
            vpcId: pulumi.Input<string>;
            deregistrationDelay: number;
            healthCheck: { enabled: true; path: string; protocol: "HTTP"; matcher: string };
            tags: pulumi.Input<Tags>;
        };
        productionListenerRule?: PlannedListenerRule;
        testListenerRule?: PlannedListenerRule;
    };
    /** Auto scaling: the scalable target (the component adds `resourceId`), policies, alarms and scheduled actions. */
    scaling?: {
        target: {
            serviceNamespace: string;
            scalableDimension: string;
            minCapacity: number;
            maxCapacity: number;
            tags: pulumi.Input<Tags>;
        };
        policies: AppPolicyPlan[];
        alarms: PlannedAlarm[];
        scheduledActions: AppScheduledActionPlan[];
    };
}

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d+:key\/.+$/;
const VOLUME_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const NFS_PORT = 2049;
const STRATEGIES = { blueGreen: "BLUE_GREEN", linear: "LINEAR", canary: "CANARY" } as const;
/** Stages a PAUSE hook cannot use (DeploymentLifecycleHook targetType). */
const PAUSE_FORBIDDEN = ["TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT"];

/** Applies defaults to and validates `EcsServiceArgs`; throws one InputPropertiesError listing every problem. */
export function planEcsService(name: string, args: EcsServiceArgs, ctx: PlanContext): EcsServicePlan {
    const v = new Validator(`EcsService "${name}"`);
    const a = args ?? ({} as EcsServiceArgs);
    const ok = checkShape(v, ecsServiceArgsSchema, a);
    const plan = v.attempt(ok, () => planChecked(v, name, a, ctx));
    v.throwIfAny();
    return plan as EcsServicePlan;
}

function planStrategy(
    v: Validator,
    a: EcsServiceArgs,
    fargate: boolean,
): EcsServicePlan["service"]["capacityProviderStrategies"] {
    const list = a.capacityProviderStrategy;
    if (list === undefined) return undefined;
    const items = list.map((item, i) => {
        const path = joinPath("capacityProviderStrategy", i);
        const cp = item.capacityProvider;
        if (isKnown(cp) && cp !== "") {
            const isFargate = (FARGATE_PROVIDERS as readonly string[]).includes(cp);
            if (fargate && !isFargate) {
                v.add(
                    joinPath(path, "capacityProvider"),
                    `with launchType FARGATE must be "FARGATE" or "FARGATE_SPOT" (got ${JSON.stringify(cp)}); for an EC2 capacity provider set launchType "EC2"`,
                );
            } else if (!fargate && isFargate) {
                v.add(
                    joinPath(path, "capacityProvider"),
                    `with launchType EC2 must name an EC2 capacity provider, not ${JSON.stringify(cp)}; a strategy holds either Fargate or Auto Scaling group providers`,
                );
            }
        }
        return { capacityProvider: cp, weight: item.weight ?? 1, base: item.base ?? 0, path };
    });
    v.unique(
        items.map((i) => ({
            value: isKnown(i.capacityProvider) ? i.capacityProvider : undefined,
            path: joinPath(i.path, "capacityProvider"),
        })),
        "capacity provider",
    );
    checkStrategyShape(v, items, "capacityProviderStrategy");
    if (a.runtimePlatform?.architecture === "ARM64" && items.some((i) => i.capacityProvider === "FARGATE_SPOT")) {
        // FARGATE_SPOT only supports Linux tasks with the X86_64 architecture (API_CapacityProviderStrategyItem).
        v.add(
            "runtimePlatform.architecture",
            "FARGATE_SPOT runs only X86_64 tasks; use X86_64 or drop FARGATE_SPOT from capacityProviderStrategy",
        );
    }
    return items.map(({ capacityProvider, weight, base }) => ({ capacityProvider, weight, base }));
}

function planChecked(v: Validator, name: string, a: EcsServiceArgs, ctx: PlanContext): EcsServicePlan {
    const tags = planTags(name, a.tags);
    const compatibility = a.launchType ?? "FARGATE";
    const fargate = compatibility === "FARGATE";
    const capacityProviderStrategies = planStrategy(v, a, fargate);
    checkTaskSize(v, a.cpu, a.memory, fargate);
    if (a.ephemeralStorageGiB !== undefined && !fargate)
        v.add("ephemeralStorageGiB", "is only available on Fargate; on EC2 the instance's storage is used");

    // Containers.
    const containerArgs = a.containers;
    const names = Object.keys(containerArgs);
    v.count(names, "containers", 1, MAX_CONTAINERS, "containers");
    const containers = names.map((n) => planContainer(v, n, containerArgs[n], fargate));
    if (containers.length > 0 && !containers.some((c) => c.essential))
        v.add("containers", "at least one container must be essential (essential defaults to true)");
    checkContainersTogether(v, containers, a.cpu, a.memory);
    for (const c of containers) {
        const problem = isKnown(c.image) && c.image !== "" ? imageProblem(c.image) : undefined;
        if (problem) v.add(joinPath("containers", c.name, "image"), problem);
    }

    const volumes = planVolumes(v, a, containers, fargate, tags);
    const placement = planPlacement(v, a, fargate);

    // The family names the log group, which has a fixed name: with the stack in it, two stacks of
    // one program can share an account and region without their log groups colliding.
    const family = a.family ?? physicalName([name, ctx.stack], { maxLength: 255, invalid: /[^a-zA-Z0-9_-]/g });
    if (!ECS_NAME.test(family))
        v.add("family", `must be 1–255 letters, numbers, "_" or "-" (got ${JSON.stringify(family)})`);
    v.oneOf(a.logRetentionDays, "logRetentionDays", LOG_RETENTION_DAYS);

    // Load balancer.
    const lb = a.loadBalancer;
    if (lb) {
        const target = containers.find((c) => c.name === lb.containerName);
        if (!target) {
            v.add(
                "loadBalancer.containerName",
                `must be one of the task's containers: ${names.map((n) => JSON.stringify(n)).join(", ")} (got ${JSON.stringify(lb.containerName)})`,
            );
        } else if (!target.portMappings.some((m) => m.containerPort === lb.containerPort && m.protocol === "tcp")) {
            const ports = target.portMappings.filter((m) => m.protocol === "tcp").map((m) => m.containerPort);
            v.add(
                "loadBalancer.containerPort",
                `must be a TCP port container ${JSON.stringify(lb.containerName)} maps: ${ports.length ? ports.join(", ") : "it maps none; add portMappings"} (got ${lb.containerPort})`,
            );
            // The other side: the container's mappings, which may be what is wrong.
            v.add(
                joinPath("containers", lb.containerName, "portMappings"),
                `must map the load balancer's containerPort ${lb.containerPort} over TCP (maps ${ports.length ? ports.join(", ") : "none"})`,
            );
        }
    }

    const deployment = planDeployment(v, a, tags);

    // Capacity and auto scaling.
    const as = a.autoScaling;
    if (as) {
        v.min(as.max, "autoScaling.max", 1);
        checkCapacityOrder(
            v,
            { min: as.min, max: as.max, desired: a.desiredCount },
            { min: "autoScaling.min", max: "autoScaling.max", desired: "desiredCount" },
            { min: "autoScaling.min", max: "autoScaling.max", desired: "desiredCount" },
        );
        // ALBRequestCountPerTarget counts the requests of one target group. A service registered
        // with none never sees the metric move. A traffic-shifting deployment moves the tasks to
        // the alternate target group and back, so the policy would follow the wrong group half the
        // time: AWS does not support the metric with blue/green deployments.
        // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html
        const shifting = a.deployment?.strategy !== undefined && a.deployment.strategy !== "rolling";
        const why = !lb
            ? 'counts requests per target of the service\'s target group; set loadBalancer, or scale on "cpu" or "memory"'
            : shifting
              ? `counts the requests of one target group, and deployment.strategy ${JSON.stringify(a.deployment?.strategy)} moves the tasks between two (AWS does not support it with blue/green deployments); scale on "cpu" or "memory", or on a "custom" metric summing both target groups`
              : undefined;
        if (why) {
            (as.targetTracking ?? []).forEach((t, i) => {
                if (t.metric === "requestCountPerTarget")
                    v.add(`autoScaling.targetTracking[${i}].metric`, `"requestCountPerTarget" ${why}`);
            });
            if (as.predictive?.metric === "requestCountPerTarget")
                v.add("autoScaling.predictive.metric", `"requestCountPerTarget" ${why}`);
        }
    }
    const scaling = as ? planScaling(v, a, tags) : undefined;

    // Service Connect.
    let serviceConnect: EcsServicePlan["service"]["serviceConnectConfiguration"];
    if (a.serviceConnect) {
        const sc = a.serviceConnect;
        const discoveryName =
            sc.discoveryName ?? physicalName([name.toLowerCase()], { maxLength: 64, invalid: /[^a-z0-9_-]/g });
        if (!SERVICE_CONNECT_NAME.test(discoveryName)) {
            v.add(
                "serviceConnect.discoveryName",
                `must be up to 64 lowercase letters, numbers, "_" or "-", not starting with "-" (got ${JSON.stringify(discoveryName)})`,
            );
        }
        const port =
            sc.port ??
            lb?.containerPort ??
            containers.filter((c) => c.essential).flatMap((c) => c.portMappings)[0]?.containerPort;
        const mapping = containers
            .flatMap((c) => c.portMappings)
            .find((m) => m.containerPort === port && m.protocol === "tcp");
        if (!mapping) {
            const all = containers.flatMap((c) =>
                c.portMappings.filter((m) => m.protocol === "tcp").map((m) => m.containerPort),
            );
            v.add(
                "serviceConnect.port",
                `must be a TCP port a container maps: ${all.length ? all.join(", ") : "no container maps one; add portMappings"} (got ${port === undefined ? "none" : port})`,
            );
        } else {
            serviceConnect = {
                enabled: true,
                namespace: sc.namespace,
                services: [
                    {
                        portName: mapping.name,
                        discoveryName,
                        clientAlias: [{ port: mapping.containerPort, dnsName: discoveryName }],
                    },
                ],
            };
        }
    }

    // ECS Exec runs the SSM agent inside the container, and the agent writes to the container's
    // root filesystem: it does not work on a read-only one
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html, considerations).
    if (a.enableExecuteCommand && containers.length > 0 && containers.every((c) => c.readonlyRootFilesystem)) {
        v.add(
            "enableExecuteCommand",
            "ECS Exec needs a writable root filesystem in the container it opens a shell in, and every container's is read-only (readonlyRootFilesystem defaults to true); set containers.<name>.readonlyRootFilesystem: false on that container, or leave ECS Exec off",
        );
        // The other side of the pair, where it was set explicitly.
        for (const n of names) {
            if (containerArgs[n]?.readonlyRootFilesystem === true)
                v.add(
                    joinPath("containers", n, "readonlyRootFilesystem"),
                    "is true in every container while enableExecuteCommand is on: ECS Exec needs one writable root filesystem",
                );
        }
    }
    (a.secretsKmsKeyArns ?? []).forEach((k, i) => {
        if (isKnown(k) && !KMS_KEY_ARN.test(k)) {
            v.add(
                joinPath("secretsKmsKeyArns", i),
                `must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); IAM does not match aliases (got ${JSON.stringify(k)})`,
            );
        }
    });
    validateTags(v, known(a.tags));

    const allowFrom = a.allowFrom ?? [];
    const ingress = new Map<string, { port: number; protocol: "tcp" | "udp" }>();
    for (const c of containers)
        for (const m of c.portMappings)
            ingress.set(`${m.containerPort}/${m.protocol}`, { port: m.containerPort, protocol: m.protocol });
    const ingressPorts = [...ingress.values()];
    if (allowFrom.length * ingressPorts.length > ECS_SERVICE_LIST_LIMITS.allowFrom) {
        v.add(
            "allowFrom",
            `makes ${allowFrom.length * ingressPorts.length} ingress rules (groups × container ports); a security group has at most ${ECS_SERVICE_LIST_LIMITS.allowFrom} inbound rules`,
        );
    }
    const d = a.deployment ?? {};
    const restrict = a.restrictEgressToHttps ?? false;

    return {
        logGroup: { name: `/ecs/${family}`, retentionInDays: a.logRetentionDays ?? 30, tags },
        executionRole: {
            description: `ECS task execution role of ${name}: pulls its images, writes its logs, reads its secrets`,
            tags,
        },
        taskRole: { description: `ECS task role of ${name}: the containers' own permissions`, tags },
        ...(a.enableExecuteCommand ? { taskRoleExecPolicy: EXEC_POLICY } : {}),
        efs: volumes.efs,
        executionGrants: {
            images: containers.map((c) => c.image),
            secretArns: containers.flatMap((c) => c.secrets.map((s) => s.valueFrom)),
            kmsKeyArns: a.secretsKmsKeyArns ?? [],
        },
        taskDefinition: {
            family,
            // The provider takes the task size as strings.
            cpu: String(a.cpu),
            memory: String(a.memory),
            networkMode: "awsvpc",
            requiresCompatibilities: [compatibility],
            runtimePlatform: {
                operatingSystemFamily: "LINUX",
                cpuArchitecture: a.runtimePlatform?.architecture ?? "X86_64",
            },
            ...(a.ephemeralStorageGiB !== undefined ? { ephemeralStorage: { sizeInGib: a.ephemeralStorageGiB } } : {}),
            ...(volumes.rendered.length > 0 ? { volumes: volumes.rendered } : {}),
            tags,
        },
        containerDefinitions: containers.map(containerDefinition),
        securityGroup: {
            vpcId: a.vpcId,
            description: `ECS service ${name}: container ports from the allowed security groups only`,
            tags,
        },
        ingressRules: allowFrom.flatMap((source, i) =>
            ingressPorts.map((port) => ({
                key: `from-${i}-${port.protocol}-${port.port}`,
                args: {
                    referencedSecurityGroupId: source,
                    ipProtocol: port.protocol,
                    fromPort: port.port,
                    toPort: port.port,
                    description: `${port.protocol}/${port.port} from allowFrom[${i}]`,
                    tags,
                },
            })),
        ),
        egressRule: restrict
            ? {
                  ipProtocol: "tcp",
                  fromPort: 443,
                  toPort: 443,
                  cidrIpv4: "0.0.0.0/0",
                  description: "HTTPS out (AWS APIs, registries)",
                  tags,
              }
            : {
                  ipProtocol: "-1",
                  cidrIpv4: "0.0.0.0/0",
                  description: "All out: datastores and peers guard themselves with their own ingress",
                  tags,
              },
        service: {
            cluster: a.cluster.arn,
            desiredCount: a.desiredCount ?? as?.min ?? 2,
            ...(capacityProviderStrategies ? { capacityProviderStrategies } : { launchType: compatibility }),
            networkConfiguration: {
                subnets: a.subnetIds,
                assignPublicIp: false,
                securityGroups: a.securityGroupIds ?? [],
            },
            ...(lb
                ? {
                      loadBalancers: [
                          {
                              targetGroupArn: lb.targetGroupArn,
                              containerName: lb.containerName,
                              containerPort: lb.containerPort,
                              ...(deployment.advanced ? { advancedConfiguration: deployment.advanced } : {}),
                          },
                      ],
                      healthCheckGracePeriodSeconds: a.healthCheckGracePeriodSeconds ?? 60,
                  }
                : a.healthCheckGracePeriodSeconds !== undefined
                  ? { healthCheckGracePeriodSeconds: a.healthCheckGracePeriodSeconds }
                  : {}),
            deploymentMaximumPercent: d.maximumPercent ?? 200,
            deploymentMinimumHealthyPercent: d.minimumHealthyPercent ?? 100,
            deploymentCircuitBreaker: d.circuitBreaker ?? { enable: true, rollback: true },
            ...(deployment.configuration ? { deploymentConfiguration: deployment.configuration } : {}),
            ...placement,
            ...(serviceConnect ? { serviceConnectConfiguration: serviceConnect } : {}),
            enableExecuteCommand: a.enableExecuteCommand ?? false,
            propagateTags: "SERVICE",
            enableEcsManagedTags: true,
            waitForSteadyState: false,
            tags,
        },
        // The autoscaler owns the count; `pulumi up` must not fight it.
        ignoreChanges: as ? ["desiredCount"] : [],
        ...(deployment.trafficShift ? { trafficShift: deployment.trafficShift } : {}),
        ...(scaling ? { scaling } : {}),
    };
}

const EXEC_POLICY = policyJson(compact(execCommandStatements()));

/** Auto scaling, translated once: the alarms in AWS/ECS that give no dimensions name the service; the component adds its name. */
function planScaling(v: Validator, a: EcsServiceArgs, tags: pulumi.Input<Tags>): EcsServicePlan["scaling"] {
    const as = a.autoScaling;
    if (!as) return undefined;
    const serviceDimensions: Record<string, pulumi.Input<string>> = { ClusterName: a.cluster.name };
    const translated = toApplicationAutoScaling(as, { service: "ecs", alarmDimensions: serviceDimensions });
    v.merge(translated.problems, "autoScaling");
    return {
        target: { ...translated.target, minCapacity: as.min, maxCapacity: as.max, tags },
        policies: translated.policies,
        alarms: translated.alarms.map((al) =>
            al.args.dimensions === serviceDimensions
                ? {
                      ...al,
                      args: { ...al.args, dimensions: { ...serviceDimensions }, tags },
                      resourceDimension: "ServiceName",
                  }
                : { ...al, args: { ...al.args, tags } },
        ),
        scheduledActions: translated.scheduledActions,
    };
}

/** The deployment strategy: ECS's deploymentConfiguration, and for traffic shifting what the component creates. */
function planDeployment(
    v: Validator,
    a: EcsServiceArgs,
    tags: pulumi.Input<Tags>,
): {
    configuration?: EcsServicePlan["service"]["deploymentConfiguration"];
    advanced?: { alternateTargetGroupArn?: pulumi.Input<string>; productionListenerRule?: pulumi.Input<string> };
    trafficShift?: EcsServicePlan["trafficShift"];
} {
    const d = a.deployment ?? {};
    const strategy = d.strategy ?? "rolling";
    const maximumPercent = d.maximumPercent ?? 200;
    const minimumHealthyPercent = d.minimumHealthyPercent ?? 100;
    if (maximumPercent <= minimumHealthyPercent) {
        v.add(
            "deployment.maximumPercent",
            `must be greater than minimumHealthyPercent (${minimumHealthyPercent}), or a deployment can neither start a new task nor stop an old one (got ${maximumPercent})`,
        );
    }
    const cb = d.circuitBreaker;
    if (cb?.rollback && !cb.enable)
        v.add(
            "deployment.circuitBreaker.rollback",
            "needs enable: true; rollback happens when the circuit breaker trips",
        );

    const shiftOnly = [
        "bakeTimeMinutes",
        "lifecycleHooks",
        "alternateTargetGroupArn",
        "alternateHealthCheckPath",
        "productionListenerRuleArn",
        "productionListenerRule",
        "testListenerRule",
    ] as const;
    if (strategy === "rolling") {
        for (const key of shiftOnly) {
            if (d[key] !== undefined)
                v.add(
                    joinPath("deployment", key),
                    `applies to the traffic-shifting strategies (blueGreen, linear, canary), not to rolling; set deployment.strategy or remove it`,
                );
        }
    }
    if (strategy !== "canary" && d.canary !== undefined)
        v.add("deployment.canary", `applies to strategy "canary" only (strategy is ${JSON.stringify(strategy)})`);
    if (strategy !== "linear" && d.linear !== undefined)
        v.add("deployment.linear", `applies to strategy "linear" only (strategy is ${JSON.stringify(strategy)})`);
    // An unknown strategy is a shape problem already.
    if (strategy === "rolling" || !(strategy in STRATEGIES)) return {};

    if (strategy === "canary" && !d.canary)
        v.add(
            "deployment.canary",
            "is required for strategy canary: give { percent (0.1–100), bakeTimeMinutes (0–1440) }",
        );
    if (strategy === "linear" && !d.linear)
        v.add(
            "deployment.linear",
            "is required for strategy linear: give { stepPercent (3–100), stepBakeTimeMinutes (0–1440) }",
        );
    const lb = a.loadBalancer;
    if (!lb)
        v.add(
            "deployment.strategy",
            `${JSON.stringify(strategy)} shifts load-balancer traffic between two target groups; set loadBalancer, or use "rolling"`,
        );
    if (d.productionListenerRuleArn !== undefined && d.productionListenerRule !== undefined) {
        v.add(
            "deployment.productionListenerRule",
            "give either productionListenerRuleArn (an existing rule) or productionListenerRule (one to create), not both",
        );
    } else if (d.productionListenerRuleArn === undefined && d.productionListenerRule === undefined) {
        v.add(
            "deployment.productionListenerRule",
            `is required for ${JSON.stringify(strategy)}: the listener rule whose weights ECS shifts; give productionListenerRule (created) or productionListenerRuleArn`,
        );
    }
    if (d.alternateTargetGroupArn !== undefined && d.alternateHealthCheckPath !== undefined) {
        v.add(
            "deployment.alternateHealthCheckPath",
            "applies to the alternate target group the component creates; with alternateTargetGroupArn, set the health check on your group",
        );
    }
    const rules = [d.productionListenerRule, d.testListenerRule];
    if (
        d.productionListenerRule &&
        d.testListenerRule &&
        d.productionListenerRule.priority === d.testListenerRule.priority &&
        d.productionListenerRule.listenerArn === d.testListenerRule.listenerArn
    ) {
        v.add(
            "deployment.testListenerRule.priority",
            `is already used by productionListenerRule on the same listener (got ${d.testListenerRule.priority}); priorities are unique per listener`,
        );
    }
    rules.forEach((r, i) => {
        if (!r) return;
        const path = i === 0 ? "deployment.productionListenerRule" : "deployment.testListenerRule";
        const n = (r.pathPatterns?.length ?? 0) + (r.hostHeaders?.length ?? 0);
        if (n === 0)
            v.add(path, "needs a condition: give pathPatterns or hostHeaders (a rule with none would match nothing)");
        // At most 5 condition values per rule (ALB quotas).
        if (n > ECS_SERVICE_LIST_LIMITS.ruleValues)
            v.add(path, `has ${n} condition values; a listener rule has at most ${ECS_SERVICE_LIST_LIMITS.ruleValues}`);
    });

    const hooks = (d.lifecycleHooks ?? []).map((h, i) => {
        const path = joinPath("deployment.lifecycleHooks", i);
        if ((h.lambdaArn === undefined) === (h.pause === undefined))
            v.add(path, "give exactly one of lambdaArn (a Lambda function ECS invokes) or pause");
        v.unique(
            h.stages.map((s, j) => ({ value: s, path: joinPath(path, "stages", j) })),
            "stage",
        );
        if (h.pause) {
            h.stages.forEach((s, j) => {
                if (PAUSE_FORBIDDEN.includes(s))
                    v.add(
                        joinPath(path, "stages", j),
                        `a pause can't run at ${s} (ECS allows it at the other stages); use a Lambda hook there`,
                    );
            });
        }
        if (
            isKnown(h.lambdaArn) &&
            !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(h.lambdaArn)
        ) {
            v.add(
                joinPath(path, "lambdaArn"),
                `must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>) (got ${JSON.stringify(h.lambdaArn)})`,
            );
        }
        return {
            lifecycleStages: [...h.stages],
            ...(h.pause
                ? {
                      targetType: "PAUSE" as const,
                      timeoutConfiguration: {
                          action: h.pause.onTimeout ?? ("ROLLBACK" as const),
                          timeoutInMinutes: String(h.pause.timeoutMinutes ?? 1440),
                      },
                  }
                : { targetType: "AWS_LAMBDA" as const, hookTargetArn: h.lambdaArn }),
            ...(h.details ? { hookDetails: JSON.stringify(h.details) } : {}),
        };
    });

    const configuration: NonNullable<EcsServicePlan["service"]["deploymentConfiguration"]> = {
        strategy: STRATEGIES[strategy],
        // The provider takes the minutes as strings.
        ...(d.bakeTimeMinutes !== undefined ? { bakeTimeInMinutes: String(d.bakeTimeMinutes) } : {}),
        ...(strategy === "canary" && d.canary
            ? {
                  canaryConfiguration: {
                      canaryPercent: d.canary.percent,
                      canaryBakeTimeInMinutes: String(d.canary.bakeTimeMinutes),
                  },
              }
            : {}),
        ...(strategy === "linear" && d.linear
            ? {
                  linearConfiguration: {
                      stepPercent: d.linear.stepPercent,
                      stepBakeTimeInMinutes: String(d.linear.stepBakeTimeMinutes),
                  },
              }
            : {}),
        ...(hooks.length > 0 ? { lifecycleHooks: hooks } : {}),
    };
    const rule = (r: NonNullable<typeof d.testListenerRule>): PlannedListenerRule => ({
        listenerArn: r.listenerArn,
        priority: r.priority,
        conditions: [
            ...(r.pathPatterns?.length ? [{ pathPattern: { values: [...r.pathPatterns] } }] : []),
            ...(r.hostHeaders?.length ? [{ hostHeader: { values: [...r.hostHeaders] } }] : []),
        ],
        actions: [
            {
                type: "forward",
                forward: {
                    targetGroups: [
                        { arn: lb?.targetGroupArn, weight: 100 },
                        {
                            ...(d.alternateTargetGroupArn !== undefined ? { arn: d.alternateTargetGroupArn } : {}),
                            weight: 0,
                        },
                    ],
                },
            },
        ],
        tags,
    });
    return {
        configuration,
        advanced: {
            ...(d.alternateTargetGroupArn !== undefined ? { alternateTargetGroupArn: d.alternateTargetGroupArn } : {}),
            ...(d.productionListenerRuleArn !== undefined
                ? { productionListenerRule: d.productionListenerRuleArn }
                : {}),
        },
        trafficShift: {
            role: {
                description:
                    "Lets ECS shift load-balancer traffic and run lifecycle hooks for this service's deployments (compute-layer)",
                assumeRolePolicy: policyJson(ECS_SERVICE_TRUST),
                tags,
            },
            managedPolicy: "AmazonECSInfrastructureRolePolicyForLoadBalancers",
            hookLambdaArns: (d.lifecycleHooks ?? []).flatMap((h) => (h.lambdaArn !== undefined ? [h.lambdaArn] : [])),
            ...(d.alternateTargetGroupArn === undefined && lb
                ? {
                      alternateTargetGroup: {
                          port: lb.containerPort,
                          protocol: "HTTP" as const,
                          targetType: "ip" as const,
                          vpcId: a.vpcId,
                          deregistrationDelay: 30,
                          healthCheck: {
                              enabled: true as const,
                              path: d.alternateHealthCheckPath ?? "/",
                              protocol: "HTTP" as const,
                              matcher: "200-399",
                          },
                          tags,
                      },
                  }
                : {}),
            ...(d.productionListenerRule ? { productionListenerRule: rule(d.productionListenerRule) } : {}),
            ...(d.testListenerRule ? { testListenerRule: rule(d.testListenerRule) } : {}),
        },
    };
}

/** Task volumes and their mounts; EFS access through the task role and an NFS rule when asked. */
function planVolumes(
    v: Validator,
    a: EcsServiceArgs,
    containers: PlannedContainer[],
    fargate: boolean,
    tags: pulumi.Input<Tags>,
): { rendered: aws.types.input.ecs.TaskDefinitionVolume[]; efs: PlannedEfsAccess[] } {
    const volumes = a.volumes ?? {};
    const entries = Object.entries(volumes);
    if (entries.length > ECS_SERVICE_LIST_LIMITS.volumes) {
        v.add("volumes", `must have at most ${ECS_SERVICE_LIST_LIMITS.volumes} volumes (got ${entries.length})`);
    }
    // Mount points name declared volumes; a path is mounted once per container.
    for (const c of containers) {
        (c.mountPoints ?? []).forEach((m, i) => {
            const mp = joinPath("containers", c.name, "mountPoints", i);
            if (!(m.sourceVolume in volumes)) {
                const declared = Object.keys(volumes);
                v.add(
                    joinPath(mp, "volume"),
                    `must be one of the task's volumes: ${declared.length ? declared.map((n) => JSON.stringify(n)).join(", ") : "none is declared; add it to volumes"} (got ${JSON.stringify(m.sourceVolume)})`,
                );
            }
            if (!m.containerPath.startsWith("/"))
                v.add(
                    joinPath(mp, "containerPath"),
                    `must be an absolute path (got ${JSON.stringify(m.containerPath)})`,
                );
        });
        v.unique(
            (c.mountPoints ?? []).map((m, i) => ({
                value: m.containerPath,
                path: joinPath("containers", c.name, "mountPoints", i, "containerPath"),
            })),
            "container path",
        );
    }
    const rendered: aws.types.input.ecs.TaskDefinitionVolume[] = [];
    const efs: PlannedEfsAccess[] = [];
    for (const [volName, vol] of entries) {
        const p = joinPath("volumes", volName);
        if (!VOLUME_NAME.test(volName))
            v.add(p, `volume names must be 1–255 letters, numbers, "_" or "-" (got ${JSON.stringify(volName)})`);
        const kinds = (["efs", "bind", "docker"] as const).filter((k) => vol[k] !== undefined);
        if (kinds.length !== 1) {
            v.add(
                p,
                `give exactly one of efs, bind or docker (got ${kinds.length === 0 ? "none" : kinds.join(" and ")})`,
            );
            continue;
        }
        const mounts = containers.flatMap((c) => (c.mountPoints ?? []).filter((m) => m.sourceVolume === volName));
        if (vol.efs) {
            const e = vol.efs;
            const transit = e.transitEncryption ?? true;
            const iam = e.iam ?? true;
            // IAM authorization and access points need TLS (EFSVolumeConfiguration).
            // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html
            if (!transit && (iam || e.accessPointId !== undefined)) {
                v.add(
                    joinPath(p, "efs", "transitEncryption"),
                    "must stay on with iam or an access point (EFS requires TLS for both)",
                );
            }
            if (e.accessPointId !== undefined && e.rootDirectory !== undefined && e.rootDirectory !== "/") {
                v.add(
                    joinPath(p, "efs", "rootDirectory"),
                    "must be left out with an access point: the access point's root directory applies",
                );
            }
            const write = mounts.some((m) => !m.readOnly);
            rendered.push({
                name: volName,
                efsVolumeConfiguration: {
                    fileSystemId: e.fileSystemId,
                    ...(e.rootDirectory !== undefined ? { rootDirectory: e.rootDirectory } : {}),
                    transitEncryption: transit ? "ENABLED" : "DISABLED",
                    ...(e.accessPointId !== undefined || iam
                        ? {
                              authorizationConfig: {
                                  ...(e.accessPointId !== undefined ? { accessPointId: e.accessPointId } : {}),
                                  iam: iam ? "ENABLED" : "DISABLED",
                              },
                          }
                        : {}),
                },
            });
            efs.push({
                volume: volName,
                fileSystemId: e.fileSystemId,
                ...(e.accessPointId !== undefined ? { accessPointId: e.accessPointId } : {}),
                write,
                iam,
                ...(e.mountTargetSecurityGroupId !== undefined
                    ? {
                          mountTargetRule: {
                              securityGroupId: e.mountTargetSecurityGroupId,
                              ipProtocol: "tcp",
                              fromPort: NFS_PORT,
                              toPort: NFS_PORT,
                              description: `NFS from the tasks of ${volName} (compute-layer)`,
                              tags,
                          },
                      }
                    : {}),
            });
        } else if (vol.bind) {
            if (vol.bind.hostPath !== undefined && fargate) {
                v.add(
                    joinPath(p, "bind", "hostPath"),
                    "is not available on Fargate (tasks can't see the host); leave it out for task-scoped scratch space, or use EFS",
                );
            }
            rendered.push({
                name: volName,
                ...(vol.bind.hostPath !== undefined ? { hostPath: vol.bind.hostPath } : {}),
            });
        } else if (vol.docker) {
            const dk = vol.docker;
            if (fargate)
                v.add(
                    joinPath(p, "docker"),
                    "Docker volumes are not available on Fargate; use a bind mount (scratch) or EFS",
                );
            if (dk.autoprovision && dk.scope !== "shared")
                v.add(joinPath(p, "docker", "autoprovision"), 'applies to scope "shared" only');
            rendered.push({
                name: volName,
                dockerVolumeConfiguration: {
                    scope: dk.scope ?? "task",
                    ...(dk.autoprovision !== undefined ? { autoprovision: dk.autoprovision } : {}),
                    ...(dk.driver !== undefined ? { driver: dk.driver } : {}),
                    ...(dk.driverOpts !== undefined ? { driverOpts: dk.driverOpts } : {}),
                    ...(dk.labels !== undefined ? { labels: dk.labels } : {}),
                },
            });
        }
    }
    return { rendered, efs };
}

/** Placement strategies and constraints: EC2 capacity only. */
function planPlacement(
    v: Validator,
    a: EcsServiceArgs,
    fargate: boolean,
): Pick<EcsServicePlan["service"], "orderedPlacementStrategies" | "placementConstraints"> {
    const strategies = a.placementStrategies ?? [];
    const constraints = a.placementConstraints ?? [];
    if (fargate) {
        const why = "applies to EC2 capacity only; Fargate places tasks itself (set launchType EC2)";
        if (a.placementStrategies !== undefined) v.add("placementStrategies", why);
        if (a.placementConstraints !== undefined) v.add("placementConstraints", why);
    }
    strategies.forEach((s, i) => {
        const p = joinPath("placementStrategies", i, "field");
        if (s.type === "random" && s.field !== undefined) v.add(p, "random placement takes no field");
        if (s.type === "binpack" && s.field !== "cpu" && s.field !== "memory")
            v.add(p, `binpack packs on "cpu" or "memory" (got ${JSON.stringify(s.field)})`);
        if (s.type === "spread" && (s.field === undefined || !/^(instanceId|host|attribute:.+)$/.test(s.field))) {
            v.add(
                p,
                `spread needs "instanceId", "host" or "attribute:<name>", e.g. "attribute:ecs.availability-zone" (got ${JSON.stringify(s.field)})`,
            );
        }
    });
    constraints.forEach((c, i) => {
        const p = joinPath("placementConstraints", i, "expression");
        if (c.type === "memberOf" && c.expression === undefined)
            v.add(p, "is required for memberOf: a cluster query expression");
        if (c.type === "distinctInstance" && c.expression !== undefined)
            v.add(p, "distinctInstance takes no expression");
    });
    return {
        ...(strategies.length > 0
            ? {
                  orderedPlacementStrategies: strategies.map((s) => ({
                      type: s.type,
                      ...(s.field !== undefined ? { field: s.field } : {}),
                  })),
              }
            : {}),
        ...(constraints.length > 0
            ? {
                  placementConstraints: constraints.map((c) => ({
                      type: c.type,
                      ...(c.expression !== undefined ? { expression: c.expression } : {}),
                  })),
              }
            : {}),
    };
}
