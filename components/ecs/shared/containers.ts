import type * as pulumi from "@pulumi/pulumi";
import { isKnown, joinPath, looksLikeSecretName, physicalName, type Validator } from "../../../src/core";
import type { ContainerArgs } from "../service/args";
import {
    CONTAINER_MIN_MEMORY_MIB,
    describeFargateMemory,
    EC2_TASK_CPU,
    ECS_NAME,
    FARGATE_TASK_SIZES,
    HEALTH_CHECK,
    SERVICE_CONNECT_NAME,
} from "./limits";

/**
 * Planning of a task's containers: defaults applied, AWS's rules checked, in ECS
 * container-definition terms (the JSON `containerDefinitions` holds, less the log target, which
 * the component adds). Pure.
 */

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
    mountPoints?: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
}

/** A Secrets Manager secret or SSM parameter ARN, as `valueFrom` takes it. */
// The account part is not held to 12 digits: the check is about which service and resource
// the ARN names, so the execution role can be scoped to it.
const SECRET_ARN =
    /^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d+:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?|ssm:[a-z0-9-]+:\d+:parameter\/.+)$/;

function defaultPortName(container: string, port: number, protocol: string): string {
    const base = `${container}-${port}${protocol === "udp" ? "-udp" : ""}`
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, "-")
        .replace(/^-+/, "");
    return base.length <= 64 ? base : physicalName([base], { maxLength: 64, invalid: /[^a-z0-9_-]/g });
}

/** Plans one container (its key is its name); `fargate` rules out what Fargate can't run. */
export function planContainer(v: Validator, name: string, c: ContainerArgs, fargate: boolean): PlannedContainer {
    const p = joinPath("containers", name);
    if (!ECS_NAME.test(name))
        v.add(p, `container names must be 1–255 letters, numbers, "_" or "-" (got ${JSON.stringify(name)})`);

    const portMappings: PlannedPortMapping[] = (c.portMappings ?? []).map((m, i) => {
        if (m.name !== undefined && !SERVICE_CONNECT_NAME.test(m.name)) {
            v.add(
                joinPath(p, "portMappings", i, "name"),
                `must be up to 64 lowercase letters, numbers, "_" or "-", not starting with "-" (got ${JSON.stringify(m.name)})`,
            );
        }
        const protocol = m.protocol ?? "tcp";
        return {
            containerPort: m.containerPort,
            hostPort: m.containerPort,
            protocol,
            name: m.name ?? defaultPortName(name, m.containerPort, protocol),
            ...(m.appProtocol !== undefined ? { appProtocol: m.appProtocol } : {}),
        };
    });

    const environment = Object.entries(c.environment ?? {}).map(([key, value]) => {
        if (looksLikeSecretName(key)) {
            v.add(
                joinPath(p, "environment", key),
                `looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY, …): plain environment variables are readable by anyone who can describe the task definition; put it in ${joinPath(p, "secrets")} as a Secrets Manager secret or SSM parameter ARN`,
            );
        }
        return { name: key, value };
    });
    const secrets = Object.entries(c.secrets ?? {}).map(([key, valueFrom]) => {
        const sp = joinPath(p, "secrets", key);
        if (c.environment && key in c.environment)
            v.add(sp, `is also set in ${joinPath(p, "environment")}; a variable comes from one place only`);
        if (isKnown(valueFrom) && !SECRET_ARN.test(valueFrom)) {
            v.add(
                sp,
                `must be the full ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>[:json-key:version-stage:version-id]) or an SSM parameter (arn:aws:ssm:<region>:<account>:parameter/<name>), so the execution role can be granted exactly it (got ${JSON.stringify(valueFrom)})`,
            );
        }
        return { name: key, valueFrom };
    });

    let healthCheck: PlannedHealthCheck | undefined;
    if (c.healthCheck) {
        const hc = c.healthCheck;
        const cmd = hc.command;
        if (cmd.length < 2 || (cmd[0] !== "CMD" && cmd[0] !== "CMD-SHELL")) {
            v.add(
                joinPath(p, "healthCheck", "command"),
                `must start with "CMD" (then the executable and its arguments) or "CMD-SHELL" (then one shell command), e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] (got ${JSON.stringify(cmd)})`,
            );
        }
        const H = HEALTH_CHECK;
        healthCheck = {
            command: cmd,
            interval: hc.intervalSeconds ?? H.intervalSeconds.default,
            timeout: hc.timeoutSeconds ?? H.timeoutSeconds.default,
            retries: hc.retries ?? H.retries.default,
            ...(hc.startPeriodSeconds !== undefined ? { startPeriod: hc.startPeriodSeconds } : {}),
        };
    }
    if (c.privileged && fargate)
        v.add(joinPath(p, "privileged"), "is not available on Fargate; use launchType EC2 or leave it false");

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
    if (c.dependsOn && c.dependsOn.length > 0)
        planned.dependsOn = c.dependsOn.map((d) => ({ containerName: d.containerName, condition: d.condition }));
    if (c.mountPoints && c.mountPoints.length > 0) {
        planned.mountPoints = c.mountPoints.map((m) => ({
            sourceVolume: m.volume,
            containerPath: m.containerPath,
            readOnly: m.readOnly ?? false,
        }));
    }
    return planned;
}

/** Cross-container rules: dependencies, unique ports and port names, sums within the task. */
export function checkContainersTogether(v: Validator, planned: PlannedContainer[], cpu: number, memory: number): void {
    const names = planned.map((c) => c.name);
    for (const c of planned) {
        (c.dependsOn ?? []).forEach((d, i) => {
            const dp = joinPath("containers", c.name, "dependsOn", i);
            const target = planned.find((o) => o.name === d.containerName);
            if (d.containerName === c.name) v.add(joinPath(dp, "containerName"), "a container cannot depend on itself");
            else if (!target) {
                v.add(
                    joinPath(dp, "containerName"),
                    `must be one of the task's containers: ${names.map((n) => JSON.stringify(n)).join(", ")} (got ${JSON.stringify(d.containerName)})`,
                );
            } else if (d.condition === "HEALTHY" && !target.healthCheck) {
                v.add(
                    joinPath(dp, "condition"),
                    `HEALTHY needs a health check on container ${JSON.stringify(d.containerName)}; use START or add one`,
                );
            } else if ((d.condition === "COMPLETE" || d.condition === "SUCCESS") && target.essential) {
                // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html
                v.add(
                    joinPath(dp, "condition"),
                    `${d.condition} cannot be used on essential container ${JSON.stringify(d.containerName)}; make it non-essential or use START or HEALTHY`,
                );
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

    const sum = (key: "cpu" | "memory") => planned.reduce((s, c) => s + (c[key] ?? 0), 0);
    const cpuSum = sum("cpu");
    const memSum = sum("memory");
    if (cpuSum > cpu)
        v.add(
            "containers",
            `the containers' cpu adds up to ${cpuSum} CPU units, more than the task's cpu ${cpu}; lower containers.<name>.cpu or raise cpu`,
        );
    if (memSum > memory) {
        v.add(
            "containers",
            `the containers' memory adds up to ${memSum} MiB, more than the task's memory ${memory} MiB; lower containers.<name>.memory or raise memory`,
        );
    }
}

/** Task size: Fargate's CPU/memory table, or EC2's CPU range and a memory floor. */
export function checkTaskSize(v: Validator, cpu: number, memory: number, fargate: boolean): void {
    // A missing or malformed size is a shape problem already.
    if (typeof cpu !== "number" || typeof memory !== "number") return;
    if (fargate) {
        const allowed = FARGATE_TASK_SIZES.get(cpu);
        if (!allowed) {
            v.add(
                "cpu",
                `on Fargate must be one of ${[...FARGATE_TASK_SIZES.keys()].join(", ")} CPU units (got ${cpu})`,
            );
        } else if (!allowed.includes(memory)) {
            v.add("memory", `with cpu ${cpu} on Fargate must be ${describeFargateMemory(cpu)} MiB (got ${memory})`);
        }
    } else {
        v.range(cpu, "cpu", EC2_TASK_CPU.min, EC2_TASK_CPU.max, { unit: "CPU units" });
        v.min(memory, "memory", CONTAINER_MIN_MEMORY_MIB, { unit: "MiB" });
    }
}
