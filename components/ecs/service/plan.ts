import * as pulumi from "@pulumi/pulumi";
import { isKnown, joinPath, knownList, looksLikeSecretName, physicalName, validateTags, Validator } from "../../src/core";
import type {
    CapacityProviderShare,
    ContainerArgs,
    EcsClusterArgs,
    EcsServiceArgs,
    Ec2CapacityProviderArgs,
    ServiceLoadBalancerArgs,
} from "./args";
import {
    CONTAINER_MIN_MEMORY_MIB,
    describeFargateMemory,
    EC2_TASK_CPU,
    ECS_NAME,
    EPHEMERAL_STORAGE_GIB,
    FARGATE_PROVIDERS,
    FARGATE_TASK_SIZES,
    HEALTH_CHECK,
    HEALTH_CHECK_GRACE_MAX,
    LOG_RETENTION_DAYS,
    MANAGED_SCALING,
    MAX_CONTAINERS,
    MAX_SECURITY_GROUPS,
    MAX_SUBNETS,
    SERVICE_CONNECT_NAME,
    STRATEGY,
} from "./limits";
import { EcsScalingPlan, planEcsScaling } from "./scaling";

// ---------------------------------------------------------------------------------------------
// EcsCluster
// ---------------------------------------------------------------------------------------------

/** The planned EC2 capacity provider. */
export interface PlannedEc2CapacityProvider {
    autoScalingGroupArn: pulumi.Input<string>;
    managedScaling: { status: "ENABLED" | "DISABLED"; targetCapacity: number; minimumScalingStepSize?: number; maximumScalingStepSize?: number; instanceWarmupPeriod?: number };
    managedTerminationProtection: "ENABLED" | "DISABLED";
    managedDraining: "ENABLED" | "DISABLED";
    /** Set only when the auto-name would start with a prefix AWS reserves (aws, ecs, fargate). */
    name?: string;
}

/** One item of a planned strategy; `capacityProvider` is `FARGATE`, `FARGATE_SPOT` or `ec2` (the cluster's own EC2 provider). */
export interface PlannedStrategyItem {
    capacityProvider: "FARGATE" | "FARGATE_SPOT" | "ec2";
    weight: number;
    base: number;
}

export interface EcsClusterPlan {
    containerInsights: "enabled" | "enhanced" | "disabled";
    fargate: boolean;
    fargateSpot: boolean;
    ec2?: PlannedEc2CapacityProvider;
    defaultStrategy: PlannedStrategyItem[];
}

const STRATEGY_KEYS = [
    ["fargate", "FARGATE"],
    ["fargateSpot", "FARGATE_SPOT"],
    ["ec2", "ec2"],
] as const;

/** Checks one weight/base pair of a strategy. */
function checkShare(v: Validator, share: CapacityProviderShare, path: string): void {
    v.range(share.weight, joinPath(path, "weight"), 0, STRATEGY.maxWeight);
    v.range(share.base, joinPath(path, "base"), 0, STRATEGY.maxBase);
}

/** Strategy-wide rules: one base at most, some weight above 0. */
function checkStrategyShape(v: Validator, items: { weight: number; base: number; path: string }[], path: string): void {
    const withBase = items.filter((i) => i.base > 0);
    for (const extra of withBase.slice(1)) {
        v.add(joinPath(extra.path, "base"), `only one capacity provider of a strategy may have a base; ${withBase[0].path} already has one`);
    }
    if (items.length > 0 && items.every((i) => i.weight === 0)) {
        v.add(path, "at least one capacity provider needs a weight above 0 (weights are 0–1000)");
    }
}

function planEc2Provider(v: Validator, name: string, ec2: Ec2CapacityProviderArgs): PlannedEc2CapacityProvider {
    const p = "capacityProviders.ec2";
    v.required(ec2.autoScalingGroupArn, joinPath(p, "autoScalingGroupArn"), "the Auto Scaling group's ARN");
    if (isKnown(ec2.autoScalingGroupArn) && !/^arn:aws[a-z-]*:autoscaling:/.test(ec2.autoScalingGroupArn)) {
        v.add(joinPath(p, "autoScalingGroupArn"), `must be an Auto Scaling group ARN (arn:aws:autoscaling:<region>:<account>:autoScalingGroup:…) (got ${JSON.stringify(ec2.autoScalingGroupArn)})`);
    }
    v.range(ec2.targetCapacity, joinPath(p, "targetCapacity"), MANAGED_SCALING.targetCapacity.min, MANAGED_SCALING.targetCapacity.max, { unit: "percent" });
    v.range(ec2.minimumScalingStepSize, joinPath(p, "minimumScalingStepSize"), MANAGED_SCALING.stepSize.min, MANAGED_SCALING.stepSize.max);
    v.range(ec2.maximumScalingStepSize, joinPath(p, "maximumScalingStepSize"), MANAGED_SCALING.stepSize.min, MANAGED_SCALING.stepSize.max);
    if (ec2.minimumScalingStepSize !== undefined && ec2.maximumScalingStepSize !== undefined && ec2.minimumScalingStepSize > ec2.maximumScalingStepSize) {
        v.add(joinPath(p, "minimumScalingStepSize"), `must be at most maximumScalingStepSize (${ec2.maximumScalingStepSize}) (got ${ec2.minimumScalingStepSize})`);
    }
    v.range(ec2.instanceWarmupSeconds, joinPath(p, "instanceWarmupSeconds"), MANAGED_SCALING.warmup.min, MANAGED_SCALING.warmup.max, { unit: "seconds" });
    const enabled = (on: boolean | undefined) => ((on ?? true) ? "ENABLED" : "DISABLED");
    const managedScaling: PlannedEc2CapacityProvider["managedScaling"] = { status: enabled(ec2.managedScaling), targetCapacity: ec2.targetCapacity ?? 100 };
    if (ec2.minimumScalingStepSize !== undefined) managedScaling.minimumScalingStepSize = ec2.minimumScalingStepSize;
    if (ec2.maximumScalingStepSize !== undefined) managedScaling.maximumScalingStepSize = ec2.maximumScalingStepSize;
    if (ec2.instanceWarmupSeconds !== undefined) managedScaling.instanceWarmupPeriod = ec2.instanceWarmupSeconds;
    const planned: PlannedEc2CapacityProvider = {
        autoScalingGroupArn: ec2.autoScalingGroupArn,
        managedScaling,
        managedTerminationProtection: enabled(ec2.managedTerminationProtection),
        managedDraining: enabled(ec2.managedDraining),
    };
    // Capacity provider names may not start with "aws", "ecs" or "fargate"
    // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCapacityProvider.html).
    if (/^(aws|ecs|fargate)/i.test(name)) planned.name = physicalName(["cp", name, "ec2"], { maxLength: 255, invalid: /[^a-zA-Z0-9_-]/g });
    return planned;
}

/** Applies defaults to and validates `EcsClusterArgs`; throws one InputPropertiesError listing every problem. */
export function planEcsCluster(name: string, args: EcsClusterArgs): EcsClusterPlan {
    const v = new Validator(`EcsCluster "${name}"`);
    const a = args ?? {};
    v.oneOf(a.containerInsights, "containerInsights", ["enabled", "enhanced", "disabled"] as const);
    const cps = a.capacityProviders ?? {};
    const fargate = cps.fargate ?? true;
    const fargateSpot = cps.fargateSpot ?? true;
    const ec2 = cps.ec2 ? planEc2Provider(v, name, cps.ec2) : undefined;
    if (!fargate && !fargateSpot && !ec2) v.add("capacityProviders", "must offer at least one capacity provider: fargate, fargateSpot or ec2");

    const offered = { fargate, fargateSpot, ec2: ec2 !== undefined };
    let defaultStrategy: PlannedStrategyItem[] = [];
    if (a.defaultStrategy) {
        const items: { weight: number; base: number; path: string }[] = [];
        for (const [key, provider] of STRATEGY_KEYS) {
            const share = a.defaultStrategy[key];
            if (!share) continue;
            const path = joinPath("defaultStrategy", key);
            if (!offered[key]) v.add(path, `the cluster does not offer this capacity provider; enable capacityProviders.${key} or remove it from the strategy`);
            checkShare(v, share, path);
            const item = { capacityProvider: provider, weight: share.weight ?? 1, base: share.base ?? 0 };
            defaultStrategy.push(item);
            items.push({ ...item, path });
        }
        if (a.defaultStrategy.ec2 && (a.defaultStrategy.fargate || a.defaultStrategy.fargateSpot)) {
            v.add("defaultStrategy", "a capacity provider strategy holds either Fargate providers (fargate, fargateSpot) or the EC2 provider, not both");
        }
        if (items.length === 0) v.add("defaultStrategy", "must name at least one of fargate, fargateSpot or ec2, or be left out");
        checkStrategyShape(v, items, "defaultStrategy");
    } else if (fargate) {
        defaultStrategy = [{ capacityProvider: "FARGATE", weight: 1, base: 0 }];
    } else if (fargateSpot) {
        defaultStrategy = [{ capacityProvider: "FARGATE_SPOT", weight: 1, base: 0 }];
    } else if (ec2) {
        defaultStrategy = [{ capacityProvider: "ec2", weight: 1, base: 0 }];
    }
    validateTags(v, a.tags);
    v.throwIfAny();
    return { containerInsights: a.containerInsights ?? "enabled", fargate, fargateSpot, ec2, defaultStrategy };
}

// ---------------------------------------------------------------------------------------------
// EcsService
// ---------------------------------------------------------------------------------------------

export interface PlannedPortMapping {
    containerPort: number;
    hostPort: number;
    protocol: "tcp" | "udp";
    name: string;
    appProtocol?: "http" | "http2" | "grpc";
}

export interface PlannedHealthCheck {
    command: string[];
    interval: number;
    timeout: number;
    retries: number;
    startPeriod?: number;
}

/** A container with its defaults applied, in ECS container-definition terms. */
export interface PlannedContainer {
    name: string;
    image: pulumi.Input<string>;
    essential: boolean;
    portMappings: PlannedPortMapping[];
    environment: { name: string; value: pulumi.Input<string> }[];
    secrets: { name: string; valueFrom: pulumi.Input<string> }[];
    healthCheck?: PlannedHealthCheck;
    cpu?: number;
    memory?: number;
    readonlyRootFilesystem: boolean;
    user?: string;
    dependsOn?: { containerName: string; condition: string }[];
    privileged?: boolean;
    command?: string[];
}

export interface EcsServicePlan {
    family: string;
    logGroupName: string;
    logRetentionDays: number;
    /** The platform the task definition requires. */
    compatibility: "FARGATE" | "EC2";
    /** Set when no strategy is given. */
    launchType?: "FARGATE" | "EC2";
    capacityProviderStrategy?: { capacityProvider: pulumi.Input<string>; weight: number; base: number }[];
    cpu: number;
    memory: number;
    ephemeralStorageGiB?: number;
    architecture: "X86_64" | "ARM64";
    containers: PlannedContainer[];
    /** Distinct container ports the service's security group admits from `allowFrom`. */
    ingressPorts: { port: number; protocol: "tcp" | "udp" }[];
    allowFrom: pulumi.Input<string>[];
    restrictEgressToHttps: boolean;
    desiredCount: number;
    loadBalancer?: ServiceLoadBalancerArgs;
    healthCheckGracePeriodSeconds?: number;
    deployment: { maximumPercent: number; minimumHealthyPercent: number; circuitBreaker: { enable: boolean; rollback: boolean } };
    autoScaling?: EcsScalingPlan;
    serviceConnect?: { namespace: pulumi.Input<string>; discoveryName: string; portName: string; port: number };
    enableExecuteCommand: boolean;
    /** Every secret `valueFrom`, for the execution role's policy. */
    secretArns: pulumi.Input<string>[];
    kmsKeyArns: pulumi.Input<string>[];
}

/** A Secrets Manager secret or SSM parameter ARN, as `valueFrom` takes it. */
// The account part is not held to 12 digits: the check is about which service and resource
// the ARN names, so the execution role can be scoped to it.
const SECRET_ARN = /^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d+:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?|ssm:[a-z0-9-]+:\d+:parameter\/.+)$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d+:key\/.+$/;

function defaultPortName(container: string, port: number, protocol: string): string {
    const base = `${container}-${port}${protocol === "udp" ? "-udp" : ""}`.toLowerCase().replace(/[^a-z0-9_-]/g, "-").replace(/^-+/, "");
    return base.length <= 64 ? base : physicalName([base], { maxLength: 64, invalid: /[^a-z0-9_-]/g });
}

function planContainer(v: Validator, name: string, c: ContainerArgs, fargate: boolean): PlannedContainer {
    const p = joinPath("containers", name);
    if (!ECS_NAME.test(name)) v.add(p, `container names must be 1–255 letters, numbers, "_" or "-" (got ${JSON.stringify(name)})`);
    v.required(c.image, joinPath(p, "image"), "a container image");

    const portMappings: PlannedPortMapping[] = (c.portMappings ?? []).map((m, i) => {
        const mp = joinPath(p, "portMappings", i);
        v.range(m.containerPort, joinPath(mp, "containerPort"), 1, 65535);
        v.oneOf(m.protocol, joinPath(mp, "protocol"), ["tcp", "udp"] as const);
        v.oneOf(m.appProtocol, joinPath(mp, "appProtocol"), ["http", "http2", "grpc"] as const);
        if (m.name !== undefined && !SERVICE_CONNECT_NAME.test(m.name)) {
            v.add(joinPath(mp, "name"), `must be up to 64 lowercase letters, numbers, "_" or "-", not starting with "-" (got ${JSON.stringify(m.name)})`);
        }
        const protocol = m.protocol ?? "tcp";
        const out: PlannedPortMapping = { containerPort: m.containerPort, hostPort: m.containerPort, protocol, name: m.name ?? defaultPortName(name, m.containerPort, protocol) };
        if (m.appProtocol !== undefined) out.appProtocol = m.appProtocol;
        return out;
    });

    const environment = Object.entries(c.environment ?? {}).map(([key, value]) => {
        if (looksLikeSecretName(key)) {
            v.add(joinPath(p, "environment", key), `looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY, …): plain environment variables are readable by anyone who can describe the task definition; put it in ${joinPath(p, "secrets")} as a Secrets Manager secret or SSM parameter ARN`);
        }
        return { name: key, value };
    });
    const secrets = Object.entries(c.secrets ?? {}).map(([key, valueFrom]) => {
        const sp = joinPath(p, "secrets", key);
        if (c.environment && key in c.environment) v.add(sp, `is also set in ${joinPath(p, "environment")}; a variable comes from one place only`);
        if (isKnown(valueFrom) && !SECRET_ARN.test(valueFrom)) {
            v.add(sp, `must be the full ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>[:json-key:version-stage:version-id]) or an SSM parameter (arn:aws:ssm:<region>:<account>:parameter/<name>), so the execution role can be granted exactly it (got ${JSON.stringify(valueFrom)})`);
        }
        return { name: key, valueFrom };
    });

    let healthCheck: PlannedHealthCheck | undefined;
    if (c.healthCheck) {
        const hp = joinPath(p, "healthCheck");
        const hc = c.healthCheck;
        const cmd = hc.command;
        if (!Array.isArray(cmd) || cmd.length < 2 || (cmd[0] !== "CMD" && cmd[0] !== "CMD-SHELL")) {
            v.add(joinPath(hp, "command"), `must start with "CMD" (then the executable and its arguments) or "CMD-SHELL" (then one shell command), e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] (got ${JSON.stringify(cmd)})`);
        }
        const H = HEALTH_CHECK;
        v.range(hc.intervalSeconds, joinPath(hp, "intervalSeconds"), H.intervalSeconds.min, H.intervalSeconds.max, { unit: "seconds" });
        v.range(hc.timeoutSeconds, joinPath(hp, "timeoutSeconds"), H.timeoutSeconds.min, H.timeoutSeconds.max, { unit: "seconds" });
        v.range(hc.retries, joinPath(hp, "retries"), H.retries.min, H.retries.max);
        v.range(hc.startPeriodSeconds, joinPath(hp, "startPeriodSeconds"), H.startPeriodSeconds.min, H.startPeriodSeconds.max, { unit: "seconds" });
        healthCheck = {
            command: cmd,
            interval: hc.intervalSeconds ?? H.intervalSeconds.default,
            timeout: hc.timeoutSeconds ?? H.timeoutSeconds.default,
            retries: hc.retries ?? H.retries.default,
        };
        if (hc.startPeriodSeconds !== undefined) healthCheck.startPeriod = hc.startPeriodSeconds;
    }

    v.min(c.cpu, joinPath(p, "cpu"), 0, { unit: "CPU units" });
    v.min(c.memory, joinPath(p, "memory"), CONTAINER_MIN_MEMORY_MIB, { unit: "MiB" });
    if (c.privileged && fargate) {
        v.add(joinPath(p, "privileged"), "is not available on Fargate; use launchType EC2 or leave it false");
    }

    const planned: PlannedContainer = {
        name,
        image: c.image,
        essential: c.essential ?? true,
        portMappings,
        environment,
        secrets,
        readonlyRootFilesystem: c.readonlyRootFilesystem ?? true,
    };
    if (healthCheck) planned.healthCheck = healthCheck;
    if (c.cpu !== undefined) planned.cpu = c.cpu;
    if (c.memory !== undefined) planned.memory = c.memory;
    if (c.user !== undefined) planned.user = c.user;
    if (c.privileged) planned.privileged = true;
    if (c.command !== undefined) planned.command = c.command;
    if (c.dependsOn && c.dependsOn.length > 0) planned.dependsOn = c.dependsOn.map((d) => ({ containerName: d.containerName, condition: d.condition }));
    return planned;
}

/** Cross-container rules: dependencies, unique ports and port names, sums within the task. */
function checkContainersTogether(v: Validator, containers: Record<string, ContainerArgs>, planned: PlannedContainer[], cpu: number, memory: number): void {
    const names = Object.keys(containers);
    for (const c of planned) {
        (c.dependsOn ?? []).forEach((d, i) => {
            const dp = joinPath("containers", c.name, "dependsOn", i);
            v.oneOf(d.condition, joinPath(dp, "condition"), ["START", "COMPLETE", "SUCCESS", "HEALTHY"]);
            const target = planned.find((o) => o.name === d.containerName);
            if (d.containerName === c.name) v.add(joinPath(dp, "containerName"), "a container cannot depend on itself");
            else if (!target) v.add(joinPath(dp, "containerName"), `must be one of the task's containers: ${names.map((n) => JSON.stringify(n)).join(", ")} (got ${JSON.stringify(d.containerName)})`);
            else if (d.condition === "HEALTHY" && !target.healthCheck) v.add(joinPath(dp, "condition"), `HEALTHY needs a health check on container ${JSON.stringify(d.containerName)}; use START or add one`);
            else if ((d.condition === "COMPLETE" || d.condition === "SUCCESS") && target.essential) {
                // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html
                v.add(joinPath(dp, "condition"), `${d.condition} cannot be used on essential container ${JSON.stringify(d.containerName)}; make it non-essential or use START or HEALTHY`);
            }
        });
    }
    // awsvpc: all containers share one network namespace, so a port is used once per task.
    const ports: { value: string | undefined; path: string }[] = [];
    const portNames: { value: string | undefined; path: string }[] = [];
    for (const c of planned) {
        c.portMappings.forEach((m, i) => {
            const mp = joinPath("containers", c.name, "portMappings", i);
            ports.push({ value: `${m.containerPort}/${m.protocol}`, path: joinPath(mp, "containerPort") });
            portNames.push({ value: m.name, path: joinPath(mp, "name") });
        });
    }
    v.unique(ports, "port");
    v.unique(portNames, "port mapping name");

    const sum = (key: "cpu" | "memory") => planned.reduce((s, c) => s + (typeof c[key] === "number" ? (c[key] as number) : 0), 0);
    const cpuSum = sum("cpu");
    const memSum = sum("memory");
    if (cpuSum > cpu) v.add("containers", `the containers' cpu adds up to ${cpuSum} CPU units, more than the task's cpu ${cpu}; lower containers.<name>.cpu or raise cpu`);
    if (memSum > memory) v.add("containers", `the containers' memory adds up to ${memSum} MiB, more than the task's memory ${memory} MiB; lower containers.<name>.memory or raise memory`);
}

function checkTaskSize(v: Validator, cpu: number, memory: number, fargate: boolean): void {
    if (fargate) {
        if (!isKnown(cpu)) return;
        const allowed = FARGATE_TASK_SIZES.get(cpu);
        if (!allowed) {
            v.add("cpu", `on Fargate must be one of ${[...FARGATE_TASK_SIZES.keys()].join(", ")} CPU units (got ${cpu})`);
        } else if (isKnown(memory) && !allowed.includes(memory)) {
            v.add("memory", `with cpu ${cpu} on Fargate must be ${describeFargateMemory(cpu)} MiB (got ${memory})`);
        }
    } else {
        v.range(cpu, "cpu", EC2_TASK_CPU.min, EC2_TASK_CPU.max, { unit: "CPU units" });
        v.min(memory, "memory", CONTAINER_MIN_MEMORY_MIB, { unit: "MiB" });
    }
}

function planStrategy(v: Validator, a: EcsServiceArgs, fargate: boolean): EcsServicePlan["capacityProviderStrategy"] {
    const list = a.capacityProviderStrategy;
    if (list === undefined) return undefined;
    v.count(list, "capacityProviderStrategy", 1, STRATEGY.maxItems, "capacity providers");
    const items = list.map((item, i) => {
        const path = joinPath("capacityProviderStrategy", i);
        v.required(item.capacityProvider, joinPath(path, "capacityProvider"), "FARGATE, FARGATE_SPOT or an EC2 capacity provider name");
        checkShare(v, item, path);
        const cp = item.capacityProvider;
        if (isKnown(cp) && cp !== "") {
            const isFargate = (FARGATE_PROVIDERS as readonly string[]).includes(cp);
            if (fargate && !isFargate) {
                v.add(joinPath(path, "capacityProvider"), `with launchType FARGATE must be "FARGATE" or "FARGATE_SPOT" (got ${JSON.stringify(cp)}); for an EC2 capacity provider set launchType "EC2"`);
            } else if (!fargate && isFargate) {
                v.add(joinPath(path, "capacityProvider"), `with launchType EC2 must name an EC2 capacity provider, not ${JSON.stringify(cp)}; a strategy holds either Fargate or Auto Scaling group providers`);
            }
        }
        return { capacityProvider: cp, weight: item.weight ?? 1, base: item.base ?? 0, path };
    });
    v.unique(
        items.map((i) => ({ value: isKnown(i.capacityProvider) ? i.capacityProvider : undefined, path: joinPath(i.path, "capacityProvider") })),
        "capacity provider",
    );
    checkStrategyShape(v, items, "capacityProviderStrategy");
    if (a.runtimePlatform?.architecture === "ARM64" && items.some((i) => i.capacityProvider === "FARGATE_SPOT")) {
        // FARGATE_SPOT only supports Linux tasks with the X86_64 architecture (API_CapacityProviderStrategyItem).
        v.add("runtimePlatform.architecture", "FARGATE_SPOT runs only X86_64 tasks; use X86_64 or drop FARGATE_SPOT from capacityProviderStrategy");
    }
    return items.map(({ capacityProvider, weight, base }) => ({ capacityProvider, weight, base }));
}

/** What the service planner needs from the Pulumi context; the component passes `{ stack: pulumi.getStack() }`. */
export interface EcsServicePlanOptions {
    /** The stack name, part of the default task family (and so of the log group name). @default none */
    stack?: string;
}

/** Applies defaults to and validates `EcsServiceArgs`; throws one InputPropertiesError listing every problem. */
export function planEcsService(name: string, args: EcsServiceArgs, options: EcsServicePlanOptions = {}): EcsServicePlan {
    const v = new Validator(`EcsService "${name}"`);
    const a = args ?? ({} as EcsServiceArgs);

    v.required(a.cluster, "cluster", "the cluster's {arn, name} (an EcsCluster fits)");
    v.required(a.vpcId, "vpcId", "the VPC id");
    v.required(a.subnetIds, "subnetIds", "the private subnets");
    v.count(knownList(a.subnetIds), "subnetIds", 1, MAX_SUBNETS, "subnets");
    v.count(knownList(a.securityGroupIds), "securityGroupIds", 0, MAX_SECURITY_GROUPS - 1, "security groups (the service's own group is one of the 5 allowed)");

    v.oneOf(a.launchType, "launchType", ["FARGATE", "EC2"] as const);
    const compatibility = a.launchType ?? "FARGATE";
    const fargate = compatibility === "FARGATE";
    const capacityProviderStrategy = planStrategy(v, a, fargate);

    v.required(a.cpu, "cpu", "the task's CPU units");
    v.required(a.memory, "memory", "the task's memory in MiB");
    checkTaskSize(v, a.cpu, a.memory, fargate);
    if (a.ephemeralStorageGiB !== undefined) {
        if (!fargate) v.add("ephemeralStorageGiB", "is only available on Fargate; on EC2 the instance's storage is used");
        else v.range(a.ephemeralStorageGiB, "ephemeralStorageGiB", EPHEMERAL_STORAGE_GIB.min, EPHEMERAL_STORAGE_GIB.max, { unit: "GiB" });
    }
    v.oneOf(a.runtimePlatform?.architecture, "runtimePlatform.architecture", ["X86_64", "ARM64"] as const);

    // Containers.
    const containerArgs = a.containers ?? {};
    const names = Object.keys(containerArgs);
    v.count(names, "containers", 1, MAX_CONTAINERS, "containers");
    const containers = names.map((n) => planContainer(v, n, containerArgs[n], fargate));
    if (containers.length > 0 && !containers.some((c) => c.essential)) v.add("containers", "at least one container must be essential (essential defaults to true)");
    checkContainersTogether(v, containerArgs, containers, a.cpu, a.memory);

    // The family names the log group, which has a fixed name: with the stack in it, two stacks of
    // one program can share an account and region without their log groups colliding.
    const family = a.family ?? physicalName([name, options.stack ?? ""], { maxLength: 255, invalid: /[^a-zA-Z0-9_-]/g });
    if (!ECS_NAME.test(family)) v.add("family", `must be 1–255 letters, numbers, "_" or "-" (got ${JSON.stringify(family)})`);
    v.oneOf(a.logRetentionDays, "logRetentionDays", LOG_RETENTION_DAYS);

    // Load balancer.
    if (a.loadBalancer) {
        const lb = a.loadBalancer;
        v.required(lb.targetGroupArn, "loadBalancer.targetGroupArn", "the target group's ARN");
        const target = containers.find((c) => c.name === lb.containerName);
        if (!target) {
            v.add("loadBalancer.containerName", `must be one of the task's containers: ${names.map((n) => JSON.stringify(n)).join(", ")} (got ${JSON.stringify(lb.containerName)})`);
        } else if (!target.portMappings.some((m) => m.containerPort === lb.containerPort && m.protocol === "tcp")) {
            const ports = target.portMappings.filter((m) => m.protocol === "tcp").map((m) => m.containerPort);
            v.add("loadBalancer.containerPort", `must be a TCP port container ${JSON.stringify(lb.containerName)} maps: ${ports.length ? ports.join(", ") : "it maps none; add portMappings"} (got ${lb.containerPort})`);
        }
    }
    v.range(a.healthCheckGracePeriodSeconds, "healthCheckGracePeriodSeconds", 0, HEALTH_CHECK_GRACE_MAX, { unit: "seconds" });

    // Deployment.
    const d = a.deployment ?? {};
    v.min(d.maximumPercent, "deployment.maximumPercent", 100, { unit: "percent" });
    v.range(d.minimumHealthyPercent, "deployment.minimumHealthyPercent", 0, 100, { unit: "percent" });
    const maximumPercent = d.maximumPercent ?? 200;
    const minimumHealthyPercent = d.minimumHealthyPercent ?? 100;
    if (maximumPercent >= 100 && minimumHealthyPercent <= 100 && maximumPercent <= minimumHealthyPercent) {
        v.add("deployment.maximumPercent", `must be greater than minimumHealthyPercent (${minimumHealthyPercent}), or a deployment can neither start a new task nor stop an old one (got ${maximumPercent})`);
    }
    const circuitBreaker = d.circuitBreaker ?? { enable: true, rollback: true };
    if (circuitBreaker.rollback && !circuitBreaker.enable) v.add("deployment.circuitBreaker.rollback", "needs enable: true; rollback happens when the circuit breaker trips");

    // Capacity and auto scaling.
    v.min(a.desiredCount, "desiredCount", 0);
    const autoScaling = a.autoScaling ? planEcsScaling(v, a.autoScaling, a.desiredCount) : undefined;
    if (a.autoScaling && !a.loadBalancer) {
        // ALBRequestCountPerTarget counts the requests of the target group the tasks are in; a
        // service registered with none never sees the metric move, and never scales on it.
        const why = 'counts requests per target of the service\'s target group; set loadBalancer, or scale on "cpu" or "memory"';
        (a.autoScaling.targetTracking ?? []).forEach((t, i) => {
            if (t.metric === "requestCountPerTarget") v.add(`autoScaling.targetTracking[${i}].metric`, `"requestCountPerTarget" ${why}`);
        });
        if (a.autoScaling.predictive?.metric === "requestCountPerTarget") v.add("autoScaling.predictive.metric", `"requestCountPerTarget" ${why}`);
    }

    // Service Connect.
    let serviceConnect: EcsServicePlan["serviceConnect"];
    if (a.serviceConnect) {
        const sc = a.serviceConnect;
        v.required(sc.namespace, "serviceConnect.namespace", "the Cloud Map namespace name or ARN");
        const discoveryName = sc.discoveryName ?? physicalName([name.toLowerCase()], { maxLength: 64, invalid: /[^a-z0-9_-]/g });
        if (!SERVICE_CONNECT_NAME.test(discoveryName)) {
            v.add("serviceConnect.discoveryName", `must be up to 64 lowercase letters, numbers, "_" or "-", not starting with "-" (got ${JSON.stringify(discoveryName)})`);
        }
        const port = sc.port ?? a.loadBalancer?.containerPort ?? containers.filter((c) => c.essential).flatMap((c) => c.portMappings)[0]?.containerPort;
        const mapping = containers.flatMap((c) => c.portMappings).find((m) => m.containerPort === port && m.protocol === "tcp");
        if (!mapping) {
            const all = containers.flatMap((c) => c.portMappings.filter((m) => m.protocol === "tcp").map((m) => m.containerPort));
            v.add("serviceConnect.port", `must be a TCP port a container maps: ${all.length ? all.join(", ") : "no container maps one; add portMappings"} (got ${port === undefined ? "none" : port})`);
        } else {
            serviceConnect = { namespace: sc.namespace, discoveryName, portName: mapping.name, port: mapping.containerPort };
        }
    }

    // ECS Exec runs the SSM agent inside the container, and the agent writes to the container's
    // root filesystem: it does not work on a read-only one
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html, considerations).
    if (a.enableExecuteCommand && containers.length > 0 && containers.every((c) => c.readonlyRootFilesystem)) {
        v.add("enableExecuteCommand", "ECS Exec needs a writable root filesystem in the container it opens a shell in, and every container's is read-only (readonlyRootFilesystem defaults to true); set containers.<name>.readonlyRootFilesystem: false on that container, or leave ECS Exec off");
    }

    // Secrets' KMS keys.
    (a.secretsKmsKeyArns ?? []).forEach((k, i) => {
        if (isKnown(k) && !KMS_KEY_ARN.test(k)) v.add(joinPath("secretsKmsKeyArns", i), `must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); IAM does not match aliases (got ${JSON.stringify(k)})`);
    });
    validateTags(v, a.tags);
    v.throwIfAny();

    const ingress = new Map<string, { port: number; protocol: "tcp" | "udp" }>();
    for (const c of containers) for (const m of c.portMappings) ingress.set(`${m.containerPort}/${m.protocol}`, { port: m.containerPort, protocol: m.protocol });

    const plan: EcsServicePlan = {
        family,
        logGroupName: `/ecs/${family}`,
        logRetentionDays: a.logRetentionDays ?? 30,
        compatibility,
        cpu: a.cpu,
        memory: a.memory,
        architecture: a.runtimePlatform?.architecture ?? "X86_64",
        containers,
        ingressPorts: [...ingress.values()],
        allowFrom: a.allowFrom ?? [],
        restrictEgressToHttps: a.restrictEgressToHttps ?? false,
        desiredCount: a.desiredCount ?? a.autoScaling?.minCapacity ?? 2,
        deployment: { maximumPercent, minimumHealthyPercent, circuitBreaker },
        enableExecuteCommand: a.enableExecuteCommand ?? false,
        secretArns: containers.flatMap((c) => c.secrets.map((s) => s.valueFrom)),
        kmsKeyArns: a.secretsKmsKeyArns ?? [],
    };
    if (capacityProviderStrategy) plan.capacityProviderStrategy = capacityProviderStrategy;
    else plan.launchType = compatibility;
    if (a.ephemeralStorageGiB !== undefined) plan.ephemeralStorageGiB = a.ephemeralStorageGiB;
    if (a.loadBalancer) {
        plan.loadBalancer = a.loadBalancer;
        plan.healthCheckGracePeriodSeconds = a.healthCheckGracePeriodSeconds ?? 60;
    } else if (a.healthCheckGracePeriodSeconds !== undefined) {
        plan.healthCheckGracePeriodSeconds = a.healthCheckGracePeriodSeconds;
    }
    if (autoScaling) plan.autoScaling = autoScaling;
    if (serviceConnect) plan.serviceConnect = serviceConnect;
    return plan;
}
