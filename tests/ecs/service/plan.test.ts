import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { type EcsServiceArgs, planEcsService as planWith } from "../../../components/ecs";
import { problemPaths } from "../../support";
import { DB_PASSWORD_ARN, referenceService } from "./reference";

/** The property paths and reasons of a planner's error. */
function problems(fn: () => unknown): { propertyPath: string; reason: string }[] {
    try {
        fn();
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    throw new Error("expected an InputPropertiesError, but the call succeeded");
}

const CTX = { stack: "", now: new Date("2026-01-01T00:00:00Z") };
/** The planner with a fixed context (stack "" unless given, as before the context existed). */
const planEcsService = (name: string, args: EcsServiceArgs, ctx: { stack?: string } = {}) =>
    planWith(name, args, { ...CTX, ...ctx });
const svc = (over: Partial<EcsServiceArgs> = {}) => referenceService(over);
const nginx = () => referenceService().containers.nginx;

describe("planEcsService: the reference service", () => {
    it("keeps the reference's task, service and deployment settings", () => {
        const plan = planEcsService("web-app", svc());
        expect(plan.taskDefinition.family).toBe("web-app");
        expect(plan.logGroup).toMatchObject({ name: "/ecs/web-app", retentionInDays: 30 });
        expect(plan.taskDefinition.requiresCompatibilities).toEqual(["FARGATE"]);
        expect(plan.service.launchType).toBe("FARGATE");
        expect([plan.taskDefinition.cpu, plan.taskDefinition.memory]).toEqual(["512", "1024"]);
        expect(plan.service.desiredCount).toBe(4);
        expect(plan.service.healthCheckGracePeriodSeconds).toBe(60);
        expect(plan.service).toMatchObject({
            deploymentMaximumPercent: 200,
            deploymentMinimumHealthyPercent: 100,
            deploymentCircuitBreaker: { enable: true, rollback: true },
        });
        expect(plan.service.deploymentConfiguration).toBeUndefined();
        expect(plan.ingressRules.map((r) => [r.args.ipProtocol, r.args.fromPort])).toEqual([["tcp", 80]]);
        expect(plan.executionGrants.secretArns).toEqual([DB_PASSWORD_ARN]);
        expect(plan.containerDefinitions).toEqual([
            {
                name: "nginx",
                image: "nginx:1.27",
                essential: true,
                portMappings: [{ containerPort: 80, hostPort: 80, protocol: "tcp", name: "nginx-80" }],
                environment: [{ name: "ENV", value: "production" }],
                secrets: [{ name: "DB_PASSWORD", valueFrom: DB_PASSWORD_ARN }],
                healthCheck: {
                    command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                    interval: 30,
                    timeout: 5,
                    retries: 3,
                },
                readonlyRootFilesystem: false,
            },
        ]);
    });

    it("applies the secure and reliable defaults", () => {
        const plan = planEcsService("api", {
            cluster: { arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c", name: "c" },
            vpcId: "vpc-1",
            subnetIds: ["subnet-1", "subnet-2"],
            cpu: 256,
            memory: 512,
            containers: { app: { image: "app:1", healthCheck: { command: ["CMD", "/healthz"] } } },
        });
        expect(plan.taskDefinition.family).toBe("api");
        expect(plan.service.launchType).toBe("FARGATE");
        expect(plan.taskDefinition.runtimePlatform.cpuArchitecture).toBe("X86_64");
        expect(plan.service.desiredCount).toBe(2);
        expect(plan.service.healthCheckGracePeriodSeconds).toBeUndefined();
        expect(plan.service).toMatchObject({
            deploymentMaximumPercent: 200,
            deploymentMinimumHealthyPercent: 100,
            deploymentCircuitBreaker: { enable: true, rollback: true },
        });
        expect(plan.egressRule.ipProtocol).toBe("-1");
        expect(plan.service.enableExecuteCommand).toBe(false);
        expect(plan.service.networkConfiguration.assignPublicIp).toBe(false);
        expect(plan.ingressRules).toEqual([]);
        const [app] = plan.containerDefinitions;
        expect(app.essential).toBe(true);
        expect(app.readonlyRootFilesystem).toBe(true);
        expect(app.privileged).toBeUndefined();
        // ECS's documented health check defaults: interval 30, timeout 5, retries 3.
        expect(app.healthCheck).toEqual({ command: ["CMD", "/healthz"], interval: 30, timeout: 5, retries: 3 });
    });

    it("starts an autoscaled service at minCapacity, and a load-balanced one with a 60 s grace period", () => {
        const plan = planEcsService(
            "web-app",
            svc({
                desiredCount: undefined,
                healthCheckGracePeriodSeconds: undefined,
                autoScaling: { min: 3, max: 10, targetTracking: [{ metric: "cpu", target: 70 }] },
            }),
        );
        expect(plan.service.desiredCount).toBe(3);
        expect(plan.service.healthCheckGracePeriodSeconds).toBe(60);
        expect(plan.scaling?.target).toMatchObject({ minCapacity: 3, maxCapacity: 10 });
        expect(plan.ignoreChanges).toEqual(["desiredCount"]);
    });

    it("names every port mapping, and Service Connect publishes the named port", () => {
        const plan = planEcsService("Orders", svc({ serviceConnect: { namespace: "prod.local" } }));
        expect(plan.service.serviceConnectConfiguration).toEqual({
            enabled: true,
            namespace: "prod.local",
            services: [
                { portName: "nginx-80", discoveryName: "orders", clientAlias: [{ port: 80, dnsName: "orders" }] },
            ],
        });
        const explicit = planEcsService(
            "orders",
            svc({
                containers: {
                    app: {
                        image: "a:1",
                        portMappings: [
                            { containerPort: 8080, name: "api", appProtocol: "http" },
                            { containerPort: 9090 },
                        ],
                    },
                },
                loadBalancer: undefined,
                serviceConnect: { namespace: "prod.local", discoveryName: "orders-api", port: 8080 },
            }),
        );
        expect(explicit.containerDefinitions[0].portMappings).toEqual([
            { containerPort: 8080, hostPort: 8080, protocol: "tcp", name: "api", appProtocol: "http" },
            { containerPort: 9090, hostPort: 9090, protocol: "tcp", name: "app-9090" },
        ]);
        expect(explicit.service.serviceConnectConfiguration?.services).toEqual([
            { portName: "api", discoveryName: "orders-api", clientAlias: [{ port: 8080, dnsName: "orders-api" }] },
        ]);
    });

    it("uses a capacity provider strategy instead of the launch type", () => {
        const plan = planEcsService(
            "web-app",
            svc({
                capacityProviderStrategy: [
                    { capacityProvider: "FARGATE", weight: 1, base: 2 },
                    { capacityProvider: "FARGATE_SPOT", weight: 3 },
                ],
            }),
        );
        expect(plan.service.launchType).toBeUndefined();
        expect(plan.taskDefinition.requiresCompatibilities).toEqual(["FARGATE"]);
        expect(plan.service.capacityProviderStrategies).toEqual([
            { capacityProvider: "FARGATE", weight: 1, base: 2 },
            { capacityProvider: "FARGATE_SPOT", weight: 3, base: 0 },
        ]);
    });
});

describe("planEcsService: Fargate task sizes", () => {
    // The table exactly as issue 4 (and AWS's "Task CPU and memory" table) lists it.
    const range = (from: number, to: number, step: number) =>
        Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
    const TABLE: [number, number[]][] = [
        [256, [512, 1024, 2048]],
        [512, range(1024, 4096, 1024)],
        [1024, range(2048, 8192, 1024)],
        [2048, range(4096, 16384, 1024)],
        [4096, range(8192, 30720, 1024)],
        [8192, range(16384, 61440, 4096)],
        [16384, range(32768, 122880, 8192)],
    ];
    const fargate = (cpu: number, memory: number) => () =>
        planEcsService("t", svc({ cpu, memory, containers: { app: { image: "a:1" } }, loadBalancer: undefined }));

    it("accepts every listed pair", () => {
        for (const [cpu, memories] of TABLE) for (const memory of memories) expect(fargate(cpu, memory)).not.toThrow();
    });

    it("rejects memory off the table for each cpu, naming `memory` and the allowed sizes", () => {
        const off: [number, number][] = [
            [256, 256],
            [256, 3072],
            [512, 512],
            [512, 5120],
            [1024, 1024],
            [1024, 9216],
            [2048, 4608],
            [2048, 17408],
            [4096, 7168],
            [4096, 31744],
            [8192, 18432],
            [8192, 65536],
            [16384, 36864],
            [16384, 131072],
        ];
        for (const [cpu, memory] of off) expect(problemPaths(fargate(cpu, memory))).toEqual(["memory"]);
        expect(problems(fargate(256, 4096))[0].reason).toBe(
            "with cpu 256 on Fargate must be 512, 1024 or 2048 MiB (got 4096)",
        );
        expect(problems(fargate(8192, 18432))[0].reason).toBe(
            "with cpu 8192 on Fargate must be 16384 to 61440 in steps of 4096 MiB (got 18432)",
        );
    });

    it("rejects a cpu Fargate does not offer, naming `cpu` and the allowed values", () => {
        expect(problems(fargate(300, 1024))).toEqual([
            {
                propertyPath: "cpu",
                reason: "on Fargate must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units (got 300)",
            },
        ]);
    });

    it("checks EC2 task CPU against 128–196608 instead of the Fargate table", () => {
        expect(() => planEcsService("t", svc({ launchType: "EC2", cpu: 300, memory: 700 }))).not.toThrow();
        expect(problemPaths(() => planEcsService("t", svc({ launchType: "EC2", cpu: 64, memory: 700 })))).toEqual([
            "cpu",
        ]);
    });
});

describe("planEcsService: every validation rule names its path", () => {
    const base = (over: Partial<EcsServiceArgs>) => () => planEcsService("web-app", svc(over));
    const withNginx = (over: Partial<EcsServiceArgs["containers"]["nginx"]>) =>
        base({ containers: { nginx: { ...nginx(), ...over } } });
    const hc = (over: object) => withNginx({ healthCheck: { command: ["CMD-SHELL", "true"], ...over } });

    const cases: [string, () => unknown, string[]][] = [
        [
            "container cpu sums above the task's",
            base({ containers: { nginx: { ...nginx(), cpu: 384 }, sidecar: { image: "s:1", cpu: 256 } } }),
            ["containers"],
        ],
        [
            "container memory sums above the task's",
            base({ containers: { nginx: { ...nginx(), memory: 768 }, sidecar: { image: "s:1", memory: 512 } } }),
            ["containers"],
        ],
        ["container memory below Docker's 6 MiB", withNginx({ memory: 4 }), ["containers.nginx.memory"]],
        ["privileged on Fargate", withNginx({ privileged: true }), ["containers.nginx.privileged"]],
        ["ephemeral storage below 21 GiB", base({ ephemeralStorageGiB: 20 }), ["ephemeralStorageGiB"]],
        ["ephemeral storage above 200 GiB", base({ ephemeralStorageGiB: 201 }), ["ephemeralStorageGiB"]],
        ["ephemeral storage on EC2", base({ launchType: "EC2", ephemeralStorageGiB: 30 }), ["ephemeralStorageGiB"]],
        ["health check interval below 5", hc({ intervalSeconds: 4 }), ["containers.nginx.healthCheck.intervalSeconds"]],
        [
            "health check interval above 300",
            hc({ intervalSeconds: 301 }),
            ["containers.nginx.healthCheck.intervalSeconds"],
        ],
        ["health check timeout below 2", hc({ timeoutSeconds: 1 }), ["containers.nginx.healthCheck.timeoutSeconds"]],
        ["health check timeout above 60", hc({ timeoutSeconds: 61 }), ["containers.nginx.healthCheck.timeoutSeconds"]],
        ["health check retries below 1", hc({ retries: 0 }), ["containers.nginx.healthCheck.retries"]],
        ["health check retries above 10", hc({ retries: 11 }), ["containers.nginx.healthCheck.retries"]],
        [
            "health check start period below 0",
            hc({ startPeriodSeconds: -1 }),
            ["containers.nginx.healthCheck.startPeriodSeconds"],
        ],
        [
            "health check start period above 300",
            hc({ startPeriodSeconds: 301 }),
            ["containers.nginx.healthCheck.startPeriodSeconds"],
        ],
        [
            "health check command without CMD/CMD-SHELL",
            withNginx({ healthCheck: { command: ["curl", "-f", "http://localhost/"] } }),
            ["containers.nginx.healthCheck.command"],
        ],
        ["17 subnets", base({ subnetIds: Array.from({ length: 17 }, (_, i) => `subnet-${i}`) }), ["subnetIds"]],
        ["no subnets", base({ subnetIds: [] }), ["subnetIds"]],
        [
            "5 extra security groups (6 with the service's own)",
            base({ securityGroupIds: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5"] }),
            ["securityGroupIds"],
        ],
        [
            "a load balancer container that does not exist",
            base({ loadBalancer: { targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 } }),
            ["loadBalancer.containerName"],
        ],
        [
            "a load balancer port the container does not map",
            base({ loadBalancer: { targetGroupArn: "arn:tg", containerName: "nginx", containerPort: 8080 } }),
            ["loadBalancer.containerPort", "containers.nginx.portMappings"],
        ],
        [
            "maximumPercent below 100",
            base({ deployment: { maximumPercent: 90, minimumHealthyPercent: 50 } }),
            ["deployment.maximumPercent"],
        ],
        [
            "minimumHealthyPercent above 100",
            base({ deployment: { maximumPercent: 200, minimumHealthyPercent: 110 } }),
            ["deployment.minimumHealthyPercent"],
        ],
        [
            "maximumPercent not above minimumHealthyPercent",
            base({ deployment: { maximumPercent: 100, minimumHealthyPercent: 100 } }),
            ["deployment.maximumPercent"],
        ],
        [
            "rollback without the circuit breaker",
            base({ deployment: { circuitBreaker: { enable: false, rollback: true } } }),
            ["deployment.circuitBreaker.rollback"],
        ],
        [
            "autoScaling min above max",
            base({ desiredCount: undefined, autoScaling: { min: 10, max: 2 } }),
            ["autoScaling.min", "autoScaling.max"],
        ],
        [
            "desiredCount outside autoScaling's range",
            base({ desiredCount: 12, autoScaling: { min: 2, max: 10 } }),
            ["desiredCount", "autoScaling.max"],
        ],
        ["autoScaling max 0", base({ desiredCount: 0, autoScaling: { min: 0, max: 0 } }), ["autoScaling.max"]],
        [
            "a vocabulary problem (cpu target above 100)",
            base({ autoScaling: { min: 2, max: 10, targetTracking: [{ metric: "cpu", target: 150 }] } }),
            ["autoScaling.targetTracking[0].target"],
        ],
        [
            "a 5-field cron on Application Auto Scaling",
            base({
                autoScaling: { min: 2, max: 10, schedules: [{ name: "day", cron: "0 9 * * MON-FRI", minCapacity: 4 }] },
            }),
            ["autoScaling.schedules[0].cron"],
        ],
        [
            "a secret-looking environment variable",
            withNginx({ environment: { ENV: "production", ADMIN_PASSWORD: "hunter2" } }),
            ["containers.nginx.environment.ADMIN_PASSWORD"],
        ],
        [
            "an API key in the environment",
            withNginx({ environment: { STRIPE_API_KEY: "sk" } }),
            ["containers.nginx.environment.STRIPE_API_KEY"],
        ],
        [
            "no essential container",
            base({ containers: { nginx: { ...nginx(), essential: false } }, loadBalancer: undefined }),
            ["containers"],
        ],
        ["no containers", base({ containers: {}, loadBalancer: undefined }), ["containers"]],
        [
            "11 containers",
            base({
                containers: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`c${i}`, { image: "x:1" }])),
                loadBalancer: undefined,
            }),
            ["containers"],
        ],
        [
            "a container name ECS rejects",
            base({ containers: { "web app": { image: "x:1" } }, loadBalancer: undefined }),
            ["containers.web app"],
        ],
        [
            "a secret that is not an ARN",
            withNginx({ secrets: { DB_PASSWORD: "db-password" } }),
            ["containers.nginx.secrets.DB_PASSWORD"],
        ],
        [
            "a variable in both environment and secrets",
            withNginx({ environment: { ENV: "production", DB_HOST: "h" }, secrets: { DB_HOST: DB_PASSWORD_ARN } }),
            ["containers.nginx.secrets.DB_HOST"],
        ],
        [
            "a port above 65535",
            withNginx({ portMappings: [{ containerPort: 80 }, { containerPort: 70000 }] }),
            ["containers.nginx.portMappings[1].containerPort"],
        ],
        [
            "a port mapping name Service Connect rejects",
            withNginx({ portMappings: [{ containerPort: 80, name: "-Web" }] }),
            ["containers.nginx.portMappings[0].name"],
        ],
        [
            "a port used by two containers",
            base({
                containers: { nginx: nginx(), proxy: { image: "envoy:1", portMappings: [{ containerPort: 80 }] } },
            }),
            ["containers.proxy.portMappings[0].containerPort"],
        ],
        [
            "a dependency on a missing container",
            withNginx({ dependsOn: [{ containerName: "init", condition: "START" }] }),
            ["containers.nginx.dependsOn[0].containerName"],
        ],
        [
            "a dependency on itself",
            withNginx({ dependsOn: [{ containerName: "nginx", condition: "START" }] }),
            ["containers.nginx.dependsOn[0].containerName"],
        ],
        [
            "HEALTHY on a container without a health check",
            base({
                containers: {
                    nginx: { ...nginx(), dependsOn: [{ containerName: "init", condition: "HEALTHY" }] },
                    init: { image: "i:1" },
                },
            }),
            ["containers.nginx.dependsOn[0].condition"],
        ],
        [
            "SUCCESS on an essential container",
            base({
                containers: {
                    nginx: { ...nginx(), dependsOn: [{ containerName: "init", condition: "SUCCESS" }] },
                    init: { image: "i:1" },
                },
            }),
            ["containers.nginx.dependsOn[0].condition"],
        ],
        [
            "an EC2 provider in a Fargate strategy",
            base({ capacityProviderStrategy: [{ capacityProvider: "my-asg-provider" }] }),
            ["capacityProviderStrategy[0].capacityProvider"],
        ],
        [
            "FARGATE in an EC2 strategy",
            base({ launchType: "EC2", capacityProviderStrategy: [{ capacityProvider: "FARGATE" }] }),
            ["capacityProviderStrategy[0].capacityProvider"],
        ],
        [
            "two bases in a strategy",
            base({
                capacityProviderStrategy: [
                    { capacityProvider: "FARGATE", base: 1 },
                    { capacityProvider: "FARGATE_SPOT", base: 1 },
                ],
            }),
            ["capacityProviderStrategy[1].base"],
        ],
        [
            "all weights 0",
            base({ capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 0 }] }),
            ["capacityProviderStrategy"],
        ],
        [
            "weight above 1000",
            base({ capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1001 }] }),
            ["capacityProviderStrategy[0].weight"],
        ],
        [
            "a provider twice",
            base({ capacityProviderStrategy: [{ capacityProvider: "FARGATE" }, { capacityProvider: "FARGATE" }] }),
            ["capacityProviderStrategy[1].capacityProvider"],
        ],
        ["an empty strategy", base({ capacityProviderStrategy: [] }), ["capacityProviderStrategy"]],
        [
            "ARM64 on FARGATE_SPOT",
            base({
                runtimePlatform: { architecture: "ARM64" },
                capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT" }],
            }),
            ["runtimePlatform.architecture"],
        ],
        ["an unknown launch type", base({ launchType: "EXTERNAL" as "EC2" }), ["launchType"]],
        ["a family ECS rejects", base({ family: "web.app" }), ["family"]],
        ["a retention CloudWatch Logs does not offer", base({ logRetentionDays: 45 }), ["logRetentionDays"]],
        ["a negative grace period", base({ healthCheckGracePeriodSeconds: -1 }), ["healthCheckGracePeriodSeconds"]],
        [
            "a Service Connect port no container maps",
            base({ serviceConnect: { namespace: "prod.local", port: 8080 } }),
            ["serviceConnect.port"],
        ],
        [
            "a Service Connect discovery name with capitals",
            base({ serviceConnect: { namespace: "prod.local", discoveryName: "Web" } }),
            ["serviceConnect.discoveryName"],
        ],
        [
            "a KMS alias instead of a key ARN",
            base({ secretsKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:alias/secrets"] }),
            ["secretsKmsKeyArns[0]"],
        ],
        ["a reserved tag key", base({ tags: { "aws:team": "x" } }), ["tags.aws:team"]],
        [
            "requests per target without a load balancer",
            base({
                loadBalancer: undefined,
                autoScaling: {
                    min: 2,
                    max: 10,
                    targetTracking: [
                        { metric: "cpu", target: 70 },
                        { metric: "requestCountPerTarget", target: 1000, resourceLabel: "app/web/1/targetgroup/web/2" },
                    ],
                },
            }),
            ["autoScaling.targetTracking[1].metric"],
        ],
        [
            "predictive on requests per target without a load balancer",
            base({
                loadBalancer: undefined,
                autoScaling: {
                    min: 2,
                    max: 10,
                    predictive: {
                        metric: "requestCountPerTarget",
                        target: 1000,
                        resourceLabel: "app/web/1/targetgroup/web/2",
                    },
                },
            }),
            ["autoScaling.predictive.metric"],
        ],
        [
            "ECS Exec with every root filesystem read-only",
            base({
                enableExecuteCommand: true,
                containers: { nginx: { ...nginx(), readonlyRootFilesystem: undefined } },
            }),
            ["enableExecuteCommand"],
        ],
        // Required values.
        ["no cluster", base({ cluster: undefined as unknown as EcsServiceArgs["cluster"] }), ["cluster"]],
        ["no vpcId", base({ vpcId: undefined as unknown as string }), ["vpcId"]],
        ["no subnetIds", base({ subnetIds: undefined as unknown as string[] }), ["subnetIds"]],
        [
            "no cpu or memory",
            base({ cpu: undefined as unknown as number, memory: undefined as unknown as number }),
            ["cpu", "memory"],
        ],
        ["a container without an image", withNginx({ image: "" }), ["containers.nginx.image"]],
        [
            "a load balancer without a target group",
            base({ loadBalancer: { targetGroupArn: "", containerName: "nginx", containerPort: 80 } }),
            ["loadBalancer.targetGroupArn"],
        ],
        [
            "Service Connect without a namespace",
            base({ serviceConnect: { namespace: "" } }),
            ["serviceConnect.namespace"],
        ],
        [
            "a strategy item without a provider",
            base({ capacityProviderStrategy: [{ capacityProvider: "" }] }),
            ["capacityProviderStrategy[0].capacityProvider"],
        ],
        [
            "autoScaling without capacities",
            base({ desiredCount: undefined, autoScaling: {} as EcsServiceArgs["autoScaling"] & object }),
            ["autoScaling.min", "autoScaling.max"],
        ],
        // Ranges and allowed values.
        ["EC2 task cpu above 196608", base({ launchType: "EC2", cpu: 196609, memory: 2048 }), ["cpu"]],
        [
            "EC2 task memory below 6 MiB",
            base({ launchType: "EC2", cpu: 512, memory: 4, containers: { nginx: { ...nginx(), memory: undefined } } }),
            ["memory"],
        ],
        ["a negative container cpu", withNginx({ cpu: -1 }), ["containers.nginx.cpu"]],
        [
            "an unknown port protocol",
            base({
                loadBalancer: undefined,
                containers: { nginx: { ...nginx(), portMappings: [{ containerPort: 80, protocol: "sctp" as "tcp" }] } },
            }),
            ["containers.nginx.portMappings[0].protocol"],
        ],
        [
            "an unknown app protocol",
            withNginx({ portMappings: [{ containerPort: 80, appProtocol: "http3" as "http" }] }),
            ["containers.nginx.portMappings[0].appProtocol"],
        ],
        [
            "two port mappings with one name",
            withNginx({
                portMappings: [
                    { containerPort: 80, name: "web" },
                    { containerPort: 81, name: "web" },
                ],
            }),
            ["containers.nginx.portMappings[1].name"],
        ],
        [
            "an unknown dependency condition",
            base({
                containers: {
                    nginx: { ...nginx(), dependsOn: [{ containerName: "init", condition: "READY" as "START" }] },
                    init: { image: "i:1" },
                },
            }),
            ["containers.nginx.dependsOn[0].condition"],
        ],
        [
            "an unknown architecture",
            base({ runtimePlatform: { architecture: "RISCV" as "ARM64" } }),
            ["runtimePlatform.architecture"],
        ],
        [
            "a strategy base above 100000",
            base({ capacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 100001 }] }),
            ["capacityProviderStrategy[0].base"],
        ],
        [
            "21 strategy items",
            base({
                launchType: "EC2",
                capacityProviderStrategy: Array.from({ length: 21 }, (_, i) => ({ capacityProvider: `cp-${i}` })),
            }),
            ["capacityProviderStrategy"],
        ],
        ["a negative desiredCount", base({ desiredCount: -1 }), ["desiredCount"]],
        [
            "a negative autoScaling min",
            base({ desiredCount: 0, autoScaling: { min: -1, max: 2 } }),
            ["autoScaling.min"],
        ],
    ];

    it.each(cases)("%s", (_label, fn, paths) => {
        expect(problemPaths(fn)).toEqual(paths);
    });

    it("points a secret-looking variable to `secrets`", () => {
        const [p] = problems(withNginx({ environment: { API_TOKEN: "t" } }));
        expect(p.reason).toMatch(/put it in containers\.nginx\.secrets/);
    });

    it("allows ECS Exec when one container's root filesystem is writable", () => {
        expect(planEcsService("w", svc({ enableExecuteCommand: true })).service.enableExecuteCommand).toBe(true);
        const [p] = problems(
            base({ enableExecuteCommand: true, containers: { nginx: { ...nginx(), readonlyRootFilesystem: true } } }),
        );
        expect(p.reason).toMatch(/readonlyRootFilesystem: false/);
    });

    it("defaults the family to the component name and, when given, the stack", () => {
        expect(planEcsService("api", svc({ family: undefined })).taskDefinition.family).toBe("api");
        const prod = planEcsService("api", svc({ family: undefined }), { stack: "prod" });
        expect([prod.taskDefinition.family, prod.logGroup.name]).toEqual(["api-prod", "/ecs/api-prod"]);
        expect(planEcsService("api", svc({ family: "web-app" }), { stack: "prod" }).taskDefinition.family).toBe(
            "web-app",
        );
    });

    it("allows privileged containers and other task sizes on EC2", () => {
        expect(() =>
            planEcsService(
                "w",
                svc({
                    launchType: "EC2",
                    cpu: 1536,
                    memory: 3000,
                    containers: { nginx: { ...nginx(), privileged: true } },
                }),
            ),
        ).not.toThrow();
    });

    it("collects every problem at once", () => {
        const paths = problemPaths(() =>
            planEcsService(
                "w",
                svc({
                    cpu: 256,
                    memory: 4096,
                    ephemeralStorageGiB: 10,
                    subnetIds: [],
                    containers: { nginx: { ...nginx(), privileged: true, environment: { SECRET_KEY: "x" } } },
                }),
            ),
        );
        expect(paths.sort()).toEqual([
            "containers.nginx.environment.SECRET_KEY",
            "containers.nginx.privileged",
            "ephemeralStorageGiB",
            "memory",
            "subnetIds",
        ]);
    });

    it("skips values that are not known yet", () => {
        const unknown = <T>(v: T) => pulumi.output(v);
        expect(() =>
            planEcsService(
                "w",
                svc({
                    subnetIds: unknown(Array.from({ length: 20 }, (_, i) => `subnet-${i}`)),
                    containers: {
                        nginx: { ...nginx(), image: unknown("img"), secrets: { DB_PASSWORD: unknown("not-an-arn") } },
                    },
                    secretsKmsKeyArns: [unknown("alias/x")],
                }),
            ),
        ).not.toThrow();
    });
});
