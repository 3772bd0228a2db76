import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { EcsCluster, EcsService } from "../../../components/ecs";
import { ApplicationLoadBalancer } from "../../../components/lb";
import { childrenOf, expectInvalid, input, jsonInput, ofType, only, type Plan, resource, runPlan } from "../../support";
import { DB_PASSWORD_ARN, PRIVATE_SUBNETS, referenceService } from "./reference";

const T = {
    service: "aws:ecs/service:Service",
    task: "aws:ecs/taskDefinition:TaskDefinition",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    target: "aws:appautoscaling/target:Target",
    policy: "aws:appautoscaling/policy:Policy",
    scheduled: "aws:appautoscaling/scheduledAction:ScheduledAction",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    tg: "aws:lb/targetGroup:TargetGroup",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    cluster: "aws:ecs/cluster:Cluster",
    cpAttach: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
};
const TAGS = { "managed-by": "compute-layer", component: "web-app" };
const out = (plan: Plan, type: string, name: string, key = "id"): string => {
    const v = resource(plan, type, name).outputs?.[key];
    if (v === undefined) throw new Error(`${type} ${name} has no output ${key}`);
    return v;
};

/**
 * REFERENCE.md's web service end to end: an EcsCluster, an ApplicationLoadBalancer with one
 * target group, and the nginx service behind it, auto scaling 2–10 on CPU 70, memory 80 and
 * 1000 ALB requests per target.
 */
function referenceProgram(): void {
    const cluster = new EcsCluster("prod", {});
    const alb = new ApplicationLoadBalancer("web", {
        vpcId: "vpc-0reference00000001",
        subnetIds: ["subnet-0public0000000001", "subnet-0public0000000002"],
        targetGroups: { web: { port: 80, healthCheck: { path: "/" } } },
        defaultAction: { forward: "web" },
        deletionProtection: false,
    });
    new EcsService(
        "web-app",
        referenceService({
            cluster,
            allowFrom: [alb.securityGroup.id],
            loadBalancer: { targetGroupArn: alb.targetGroups.web.arn, containerName: "nginx", containerPort: 80 },
            autoScaling: {
                min: 2,
                max: 10,
                targetTracking: [
                    { metric: "cpu", target: 70 },
                    { metric: "memory", target: 80 },
                    {
                        metric: "requestCountPerTarget",
                        target: 1000,
                        resourceLabel: pulumi.interpolate`${alb.arnSuffix}/${alb.targetGroups.web.arnSuffix}`,
                    },
                ],
            },
        }),
    );
}

describe("EcsService: REFERENCE.md's web service", () => {
    let plan: Plan;
    const load = async () => (plan ??= await runPlan(referenceProgram));

    it("creates its children under the component", async () => {
        await load();
        const component = resource(plan, "compute-layer:index:EcsService", "web-app");
        expect(
            childrenOf(plan, component)
                .map((r) => `${r.type}::${r.name}`)
                .sort(),
        ).toEqual(
            [
                `${T.logGroup}::web-app-logs`,
                `${T.role}::web-app-execution`,
                `${T.rolePolicy}::web-app-execution`,
                `${T.role}::web-app-task`,
                `${T.task}::web-app-task`,
                `${T.sg}::web-app-sg`,
                `${T.ingress}::web-app-from-0-tcp-80`,
                `${T.egress}::web-app-egress`,
                `${T.service}::web-app-service`,
                `${T.target}::web-app-scaling`,
                `${T.policy}::web-app-target-cpu`,
                `${T.policy}::web-app-target-memory`,
                `${T.policy}::web-app-target-requestCountPerTarget`,
            ].sort(),
        );
    });

    it("registers the reference task definition", async () => {
        await load();
        const task = only(plan, T.task);
        expect(task.inputs).toMatchObject({
            family: "web-app",
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            cpu: "512",
            memory: "1024",
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
            executionRoleArn: out(plan, T.role, "web-app-execution", "arn"),
            taskRoleArn: out(plan, T.role, "web-app-task", "arn"),
            tags: TAGS,
        });
        expect(jsonInput(task, "containerDefinitions")).toEqual([
            {
                name: "nginx",
                image: "nginx:1.27",
                essential: true,
                portMappings: [{ containerPort: 80, hostPort: 80, protocol: "tcp", name: "nginx-80" }],
                environment: [{ name: "ENV", value: "production" }],
                secrets: [
                    { name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789:secret:db-password" },
                ],
                logConfiguration: {
                    logDriver: "awslogs",
                    options: {
                        "awslogs-group": "/ecs/web-app",
                        "awslogs-region": "us-east-1",
                        "awslogs-stream-prefix": "nginx",
                    },
                },
                healthCheck: {
                    command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                    interval: 30,
                    timeout: 5,
                    retries: 3,
                },
                readonlyRootFilesystem: false,
            },
        ]);
        const logs = only(plan, T.logGroup);
        expect(logs.inputs).toEqual({ name: "/ecs/web-app", retentionInDays: 30, tags: TAGS });
    });

    it("lets the execution role read exactly the reference secret, write its log group and nothing else", async () => {
        await load();
        const logGroupArn = out(plan, T.logGroup, "web-app-logs", "arn");
        expect(jsonInput(resource(plan, T.rolePolicy, "web-app-execution"), "policy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "WriteLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `${logGroupArn}:log-stream:*`,
                },
                // The reference ARN has no random suffix: `-??????` matches exactly its full ARN.
                {
                    Sid: "ReadSecrets",
                    Effect: "Allow",
                    Action: "secretsmanager:GetSecretValue",
                    Resource: [DB_PASSWORD_ARN, `${DB_PASSWORD_ARN}-??????`],
                },
            ],
        });
        expect(input(resource(plan, T.rolePolicy, "web-app-execution"), "role")).toBe(
            out(plan, T.role, "web-app-execution"),
        );
        // No managed policies anywhere, and the task role has no policy at all.
        expect(ofType(plan, T.attachment)).toHaveLength(0);
        expect(ofType(plan, T.rolePolicy).map((r) => r.name)).toEqual(["web-app-execution"]);
    });

    it("lets only this account's ECS tasks assume both roles", async () => {
        await load();
        for (const name of ["web-app-execution", "web-app-task"]) {
            expect(jsonInput(resource(plan, T.role, name), "assumeRolePolicy")).toEqual({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "EcsTasksOfThisAccount",
                        Effect: "Allow",
                        Action: "sts:AssumeRole",
                        Principal: { Service: "ecs-tasks.amazonaws.com" },
                        Condition: {
                            StringEquals: { "aws:SourceAccount": "123456789012" },
                            ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" },
                        },
                    },
                ],
            });
        }
    });

    it("runs the reference service: desired 4, private subnets, no public IP, ALB, 60 s grace, 200/100 with circuit breaker and rollback", async () => {
        await load();
        const service = only(plan, T.service);
        const sgId = out(plan, T.sg, "web-app-sg");
        expect(service.inputs).toEqual({
            cluster: out(plan, T.cluster, "prod-cluster", "arn"),
            taskDefinition: out(plan, T.task, "web-app-task", "arn"),
            desiredCount: 4,
            launchType: "FARGATE",
            networkConfiguration: { subnets: PRIVATE_SUBNETS, securityGroups: [sgId], assignPublicIp: false },
            loadBalancers: [
                { targetGroupArn: out(plan, T.tg, "web-tg-web", "arn"), containerName: "nginx", containerPort: 80 },
            ],
            healthCheckGracePeriodSeconds: 60,
            deploymentMaximumPercent: 200,
            deploymentMinimumHealthyPercent: 100,
            deploymentCircuitBreaker: { enable: true, rollback: true },
            enableExecuteCommand: false,
            propagateTags: "SERVICE",
            enableEcsManagedTags: true,
            waitForSteadyState: false,
            tags: TAGS,
        });
        // The autoscaler owns the count; tasks start only once the execution policy exists.
        expect(service.options.ignoreChanges).toEqual(["desiredCount"]);
        expect(service.options.dependsOn).toContain(resource(plan, T.rolePolicy, "web-app-execution").urn);
    });

    it("admits only the ALB's security group, on port 80", async () => {
        await load();
        const sgId = out(plan, T.sg, "web-app-sg");
        expect(
            ofType(plan, T.ingress)
                .filter((r) => r.inputs.securityGroupId === sgId)
                .map((r) => r.inputs),
        ).toEqual([
            {
                securityGroupId: sgId,
                referencedSecurityGroupId: out(plan, T.sg, "web-sg"),
                ipProtocol: "tcp",
                fromPort: 80,
                toPort: 80,
                description: "tcp/80 from allowFrom[0]",
                tags: TAGS,
            },
        ]);
        expect(resource(plan, T.egress, "web-app-egress").inputs).toMatchObject({
            securityGroupId: sgId,
            ipProtocol: "-1",
            cidrIpv4: "0.0.0.0/0",
        });
        expect(resource(plan, T.sg, "web-app-sg").inputs).toMatchObject({
            vpcId: "vpc-0reference00000001",
            tags: TAGS,
        });
    });

    it("scales 2–10 on CPU 70, memory 80 and 1000 requests per target, with cooldowns 300 in / 60 out", async () => {
        await load();
        const clusterName = out(plan, T.cluster, "prod-cluster", "name");
        const serviceName = out(plan, T.service, "web-app-service", "name");
        const resourceId = `service/${clusterName}/${serviceName}`;
        const scaling = { serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId };
        expect(only(plan, T.target).inputs).toEqual({ ...scaling, minCapacity: 2, maxCapacity: 10, tags: TAGS });
        const resourceLabel = `${out(plan, T.lb, "web-lb", "arnSuffix")}/${out(plan, T.tg, "web-tg-web", "arnSuffix")}`;
        const tracking = (predefinedMetricType: string, targetValue: number, label?: string) => ({
            ...scaling,
            policyType: "TargetTrackingScaling",
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType, ...(label ? { resourceLabel: label } : {}) },
                targetValue,
                scaleInCooldown: 300,
                scaleOutCooldown: 60,
            },
        });
        expect(resource(plan, T.policy, "web-app-target-cpu").inputs).toEqual(
            tracking("ECSServiceAverageCPUUtilization", 70),
        );
        expect(resource(plan, T.policy, "web-app-target-memory").inputs).toEqual(
            tracking("ECSServiceAverageMemoryUtilization", 80),
        );
        expect(resource(plan, T.policy, "web-app-target-requestCountPerTarget").inputs).toEqual(
            tracking("ALBRequestCountPerTarget", 1000, resourceLabel),
        );
    });
});

describe("EcsService: validation under mocks", () => {
    it("rejects cpu 256 with memory 4096 naming `memory`, and registers nothing", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new EcsService("web-app", referenceService({ cpu: 256, memory: 4096 }));
        });
        expect(errors).toEqual([
            { propertyPath: "memory", reason: "with cpu 256 on Fargate must be 512, 1024 or 2048 MiB (got 4096)" },
        ]);
        expect(plan.resources).toEqual([]);
    });
});

describe("EcsService: variants", () => {
    it("without autoScaling keeps desiredCount managed and creates no scaling resources", async () => {
        const plan = await runPlan(() => {
            new EcsService("web-app", referenceService());
        });
        expect(only(plan, T.service).options.ignoreChanges).toBeUndefined();
        expect(ofType(plan, T.target)).toHaveLength(0);
        expect(ofType(plan, T.policy)).toHaveLength(0);
    });

    it("runs on a Fargate Spot strategy after the cluster's capacity providers are attached", async () => {
        const plan = await runPlan(() => {
            const cluster = new EcsCluster("prod", {});
            new EcsService(
                "web-app",
                referenceService({
                    cluster,
                    capacityProviderStrategy: [
                        { capacityProvider: "FARGATE", weight: 1, base: 2 },
                        { capacityProvider: "FARGATE_SPOT", weight: 3 },
                    ],
                }),
            );
        });
        const service = only(plan, T.service);
        expect(service.inputs.launchType).toBeUndefined();
        expect(service.inputs.capacityProviderStrategies).toEqual([
            { capacityProvider: "FARGATE", weight: 1, base: 2 },
            { capacityProvider: "FARGATE_SPOT", weight: 3, base: 0 },
        ]);
        expect(service.options.dependsOn).toContain(only(plan, T.cpAttach).urn);
        expect(input(only(plan, T.task), "requiresCompatibilities")).toEqual(["FARGATE"]);
    });

    it("joins a Service Connect namespace on the named container port", async () => {
        const plan = await runPlan(() => {
            new EcsService(
                "orders",
                referenceService({
                    family: "orders",
                    serviceConnect: {
                        namespace: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-prod",
                        discoveryName: "orders",
                    },
                }),
            );
        });
        const defs = jsonInput(only(plan, T.task), "containerDefinitions") as { portMappings: unknown[] }[];
        expect(defs[0].portMappings).toEqual([{ containerPort: 80, hostPort: 80, protocol: "tcp", name: "nginx-80" }]);
        expect(input(only(plan, T.service), "serviceConnectConfiguration")).toEqual({
            enabled: true,
            namespace: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-prod",
            services: [
                { portName: "nginx-80", discoveryName: "orders", clientAlias: [{ port: 80, dnsName: "orders" }] },
            ],
            logConfiguration: {
                logDriver: "awslogs",
                options: {
                    "awslogs-group": "/ecs/orders",
                    "awslogs-region": "us-east-1",
                    "awslogs-stream-prefix": "service-connect",
                },
            },
        });
    });

    it("names the default family and log group after the stack, so two stacks in one account and region do not collide", async () => {
        const names = async (stack: string) => {
            const plan = await runPlan(
                () => {
                    new EcsService("api", referenceService({ family: undefined }));
                },
                { stack },
            );
            return { family: input(only(plan, T.task), "family"), logGroup: input(only(plan, T.logGroup), "name") };
        };
        expect(await names("staging")).toEqual({ family: "api-staging", logGroup: "/ecs/api-staging" });
        expect(await names("prod")).toEqual({ family: "api-prod", logGroup: "/ecs/api-prod" });
    });

    it("gives the task role only the ssmmessages channel actions when ECS Exec is on", async () => {
        const plan = await runPlan(() => {
            new EcsService("web-app", referenceService({ enableExecuteCommand: true }));
        });
        expect(input(only(plan, T.service), "enableExecuteCommand")).toBe(true);
        const exec = resource(plan, T.rolePolicy, "web-app-task-exec");
        expect(exec.inputs.role).toBe(out(plan, T.role, "web-app-task"));
        expect(jsonInput(exec, "policy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "EcsExec",
                    Effect: "Allow",
                    Action: [
                        "ssmmessages:CreateControlChannel",
                        "ssmmessages:CreateDataChannel",
                        "ssmmessages:OpenControlChannel",
                        "ssmmessages:OpenDataChannel",
                    ],
                    Resource: "*",
                },
            ],
        });
    });

    it("scopes ECR, SSM and KMS grants, restricts egress to HTTPS, and wires step and scheduled scaling", async () => {
        const image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.4.2";
        const param = "arn:aws:ssm:us-east-1:123456789012:parameter/orders/api-key";
        const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const plan = await runPlan(() => {
            const cluster = new EcsCluster("prod", {});
            new EcsService("orders", {
                cluster,
                vpcId: "vpc-1",
                subnetIds: PRIVATE_SUBNETS,
                cpu: 1024,
                memory: 2048,
                runtimePlatform: { architecture: "ARM64" },
                ephemeralStorageGiB: 40,
                restrictEgressToHttps: true,
                secretsKmsKeyArns: [key],
                logRetentionDays: 90,
                containers: { app: { image: pulumi.output(image), secrets: { API_KEY: param } } },
                autoScaling: {
                    min: 1,
                    max: 6,
                    steps: [
                        {
                            alarm: {
                                metric: "CPUUtilization",
                                threshold: 70,
                                comparison: "GreaterThanOrEqualToThreshold",
                            },
                            adjustments: [
                                { lowerBound: 0, upperBound: 10, change: 1 },
                                { lowerBound: 10, change: 2 },
                            ],
                        },
                    ],
                    schedules: [
                        { name: "business-hours", cron: "cron(0 9 ? * MON-FRI *)", minCapacity: 3, maxCapacity: 6 },
                    ],
                },
            });
        });
        const logGroupArn = out(plan, T.logGroup, "orders-logs", "arn");
        // No family given: it is the component name and the stack (the harness runs stack "dev").
        expect(input(only(plan, T.task), "family")).toBe("orders-dev");
        expect(only(plan, T.logGroup).inputs).toMatchObject({ name: "/ecs/orders-dev", retentionInDays: 90 });
        expect(jsonInput(resource(plan, T.rolePolicy, "orders-execution"), "policy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "WriteLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `${logGroupArn}:log-stream:*`,
                },
                { Sid: "EcrAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
                {
                    Sid: "PullImages",
                    Effect: "Allow",
                    Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                    Resource: "arn:aws:ecr:us-east-1:123456789012:repository/orders",
                },
                { Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: param },
                { Sid: "DecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: key },
            ],
        });
        expect(only(plan, T.task).inputs).toMatchObject({
            runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" },
            ephemeralStorage: { sizeInGib: 40 },
        });
        expect(only(plan, T.egress).inputs).toMatchObject({
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
        });
        // No allowFrom: no ingress at all.
        expect(ofType(plan, T.ingress)).toHaveLength(0);
        expect(only(plan, T.service).options.ignoreChanges).toEqual(["desiredCount"]);
        expect(input(only(plan, T.service), "desiredCount")).toBe(1);

        const resourceId = `service/${out(plan, T.cluster, "prod-cluster", "name")}/${out(plan, T.service, "orders-service", "name")}`;
        expect(resource(plan, T.policy, "orders-step-0").inputs).toMatchObject({
            resourceId,
            policyType: "StepScaling",
            stepScalingPolicyConfiguration: {
                adjustmentType: "ChangeInCapacity",
                stepAdjustments: [
                    { metricIntervalLowerBound: "0", metricIntervalUpperBound: "10", scalingAdjustment: 1 },
                    { metricIntervalLowerBound: "10", scalingAdjustment: 2 },
                ],
            },
        });
        expect(resource(plan, T.alarm, "orders-step-0-alarm").inputs).toMatchObject({
            namespace: "AWS/ECS",
            metricName: "CPUUtilization",
            threshold: 70,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            dimensions: {
                ClusterName: out(plan, T.cluster, "prod-cluster", "name"),
                ServiceName: out(plan, T.service, "orders-service", "name"),
            },
            alarmActions: [out(plan, T.policy, "orders-step-0", "arn")],
        });
        expect(only(plan, T.scheduled).inputs).toMatchObject({
            resourceId,
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            schedule: "cron(0 9 ? * MON-FRI *)",
            scalableTargetAction: { minCapacity: 3, maxCapacity: 6 },
        });
    });
});

describe("EcsService: plain values and Outputs register the same inputs", () => {
    // The component builds the execution policy, the container definitions and the service's
    // security groups in one step when every value is known, and through Outputs otherwise:
    // both paths must give the same registered inputs.
    const image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.4.2";
    const param = "arn:aws:ssm:us-east-1:123456789012:parameter/orders/api-key";
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const extraSg = "sg-0extra00000000001";
    const program = (wrap: (v: string) => pulumi.Input<string>, sgs: pulumi.Input<pulumi.Input<string>[]>) => () =>
        void new EcsService(
            "orders",
            referenceService({
                family: "orders",
                secretsKmsKeyArns: [wrap(key)],
                securityGroupIds: sgs,
                containers: {
                    app: {
                        image: wrap(image),
                        environment: { MODE: wrap("live") },
                        secrets: { API_KEY: wrap(param) },
                        portMappings: [{ containerPort: 80 }],
                    },
                },
                loadBalancer: {
                    targetGroupArn:
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
                    containerName: "app",
                    containerPort: 80,
                },
            }),
        );
    const registered = (plan: Plan) => ({
        policy: jsonInput(resource(plan, T.rolePolicy, "orders-execution"), "policy"),
        containers: jsonInput(only(plan, T.task), "containerDefinitions"),
        securityGroups: input(only(plan, T.service), "networkConfiguration.securityGroups"),
    });

    it("for the execution policy, the container definitions and the security groups", async () => {
        const known = await runPlan(program((v) => v, [extraSg]));
        const viaOutputs = registered(await runPlan(program((v) => pulumi.output(v), [pulumi.output(extraSg)])));
        const wholeListOutput = registered(await runPlan(program((v) => v, pulumi.output([extraSg]))));
        const plain = registered(known);

        // The known path holds the values themselves, with the log group and the component's group added.
        const sgId = out(known, T.sg, "orders-sg");
        expect(plain.securityGroups).toEqual([sgId, extraSg]);
        expect(plain.containers).toMatchObject([
            {
                name: "app",
                image,
                environment: [{ name: "MODE", value: "live" }],
                secrets: [{ name: "API_KEY", valueFrom: param }],
                logConfiguration: { options: { "awslogs-group": "/ecs/orders", "awslogs-region": "us-east-1" } },
            },
        ]);
        expect(plain.policy).toMatchObject({
            Statement: expect.arrayContaining([
                expect.objectContaining({
                    Sid: "PullImages",
                    Resource: "arn:aws:ecr:us-east-1:123456789012:repository/orders",
                }),
                expect.objectContaining({ Sid: "ReadParameters", Resource: param }),
                expect.objectContaining({ Sid: "DecryptSecrets", Resource: key }),
            ]),
        });
        // The Output paths register exactly the same.
        expect(viaOutputs).toEqual(plain);
        expect(wholeListOutput.securityGroups).toEqual(plain.securityGroups);
    });
});
