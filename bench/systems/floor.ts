/**
 * compute-layer's system written by hand with raw `@pulumi/aws` resources: the same resources,
 * inputs and dependencies (tests/bench/systems.test.ts proves it).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CERT, IMAGE, PRIVATE, PUBLIC, serviceNames, shards, VPC } from "./common";

const STACK = "bench";
const tagged = (component: string) => ({ component, "managed-by": "compute-layer" });

/** The same system as {@link computeLayer}, resource for resource and input for input, by hand. */
export function floor(n: number): void {
    const region = aws.getRegionOutput().region;
    const partition = aws.getPartitionOutput().partition;
    const accountId = aws.getCallerIdentityOutput().accountId;
    const trust = pulumi.all([partition, region, accountId]).apply(([p, r, a]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "EcsTasksOfThisAccount",
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Principal: { Service: "ecs-tasks.amazonaws.com" },
                    Condition: {
                        StringEquals: { "aws:SourceAccount": a },
                        ArnLike: { "aws:SourceArn": `arn:${p}:ecs:${r}:${a}:*` },
                    },
                },
            ],
        }),
    );
    const cluster = new aws.ecs.Cluster("bench-cluster", {
        settings: [{ name: "containerInsights", value: "enabled" }],
        tags: tagged("bench"),
    });
    const providers = new aws.ecs.ClusterCapacityProviders("bench-capacity-providers", {
        clusterName: cluster.name,
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategies: [{ base: 0, capacityProvider: "FARGATE", weight: 1 }],
    });
    for (const [shard, names] of shards(serviceNames(n)).entries())
        floorShard(cluster, providers, names, shard, { region, trust });
}

function floorShard(
    cluster: aws.ecs.Cluster,
    providers: aws.ecs.ClusterCapacityProviders,
    names: string[],
    shard: number,
    account: { region: pulumi.Output<string>; trust: pulumi.Output<string> },
): void {
    const edge = `edge${shard}`;
    const tags = tagged(edge);
    const albSg = new aws.ec2.SecurityGroup(`${edge}-sg`, {
        vpcId: VPC,
        description: `ALB ${edge}: listener ports from clients, target ports to the VPC`,
        tags,
    });
    for (const port of [80, 443]) {
        new aws.vpc.SecurityGroupIngressRule(`${edge}-sg-in-tcp-${port}-0`, {
            securityGroupId: albSg.id,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            cidrIpv4: "0.0.0.0/0",
            description: `TCP ${port} from clients`,
            tags,
        });
    }
    new aws.vpc.SecurityGroupEgressRule(`${edge}-sg-out-tcp-8080`, {
        securityGroupId: albSg.id,
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        cidrIpv4: "10.0.0.0/16",
        description: "TCP 8080 to targets in the VPC",
        tags,
    });
    const lb = new aws.lb.LoadBalancer(`${edge}-lb`, {
        name: `${STACK}-${edge}`,
        loadBalancerType: "application",
        internal: false,
        subnets: PUBLIC,
        securityGroups: [albSg.id],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: true,
        idleTimeout: 60,
        tags,
    });
    const https = new aws.lb.Listener(`${edge}-https`, {
        loadBalancerArn: lb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificateArn: CERT,
        defaultActions: [{ type: "fixed-response", fixedResponse: { statusCode: "404", contentType: "text/plain" } }],
        tags,
    });
    new aws.lb.Listener(`${edge}-http`, {
        loadBalancerArn: lb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        tags,
    });
    names.forEach((s, i) => {
        const tg = new aws.lb.TargetGroup(`${edge}-tg-${s}`, {
            name: `${STACK}-${edge}-${s}`,
            vpcId: VPC,
            port: 8080,
            protocol: "HTTP",
            targetType: "ip",
            deregistrationDelay: 30,
            slowStart: 0,
            healthCheck: {
                enabled: true,
                path: "/health",
                port: "traffic-port",
                protocol: "HTTP",
                matcher: "200-299",
                interval: 30,
                timeout: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
            },
            tags,
        });
        new aws.lb.ListenerRule(`${edge}-rule-${i + 1}`, {
            listenerArn: https.arn,
            priority: i + 1,
            conditions: [{ pathPattern: { values: [`/${s}/*`] } }],
            actions: [{ type: "forward", targetGroupArn: tg.arn }],
            tags,
        });
        floorService(s, { cluster, providers, albSg, lb, tg, account });
    });
}

function floorService(
    s: string,
    edge: {
        cluster: aws.ecs.Cluster;
        providers: aws.ecs.ClusterCapacityProviders;
        albSg: aws.ec2.SecurityGroup;
        lb: aws.lb.LoadBalancer;
        tg: aws.lb.TargetGroup;
        account: { region: pulumi.Output<string>; trust: pulumi.Output<string> };
    },
): void {
    const tags = tagged(s);
    const family = `${s}-${STACK}`;
    const logs = new aws.cloudwatch.LogGroup(`${s}-logs`, { name: `/ecs/${family}`, retentionInDays: 30, tags });
    const execution = new aws.iam.Role(`${s}-execution`, {
        assumeRolePolicy: edge.account.trust,
        description: `ECS task execution role of ${s}: pulls its images, writes its logs, reads its secrets`,
        tags,
    });
    const executionPolicy = new aws.iam.RolePolicy(`${s}-execution`, {
        role: execution.id,
        policy: logs.arn.apply((arn) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "WriteLogs",
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resource: `${arn}:log-stream:*`,
                    },
                ],
            }),
        ),
    });
    const task = new aws.iam.Role(`${s}-task`, {
        assumeRolePolicy: edge.account.trust,
        description: `ECS task role of ${s}: the containers' own permissions`,
        tags,
    });
    const def = new aws.ecs.TaskDefinition(`${s}-task`, {
        family,
        cpu: "512",
        memory: "1024",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        runtimePlatform: { cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX" },
        executionRoleArn: execution.arn,
        taskRoleArn: task.arn,
        containerDefinitions: pulumi.all([logs.name, edge.account.region]).apply(([group, region]) =>
            JSON.stringify([
                {
                    name: "app",
                    image: IMAGE,
                    essential: true,
                    portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: "tcp", name: "app-8080" }],
                    environment: [],
                    secrets: [],
                    readonlyRootFilesystem: true,
                    logConfiguration: {
                        logDriver: "awslogs",
                        options: { "awslogs-group": group, "awslogs-region": region, "awslogs-stream-prefix": "app" },
                    },
                },
            ]),
        ),
        tags,
    });
    const sg = new aws.ec2.SecurityGroup(`${s}-sg`, {
        vpcId: VPC,
        description: `ECS service ${s}: container ports from the allowed security groups only`,
        tags,
    });
    new aws.vpc.SecurityGroupIngressRule(`${s}-from-0-tcp-8080`, {
        securityGroupId: sg.id,
        referencedSecurityGroupId: edge.albSg.id,
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        description: "tcp/8080 from allowFrom[0]",
        tags,
    });
    new aws.vpc.SecurityGroupEgressRule(`${s}-egress`, {
        securityGroupId: sg.id,
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
        description: "All out: datastores and peers guard themselves with their own ingress",
        tags,
    });
    const svc = new aws.ecs.Service(
        `${s}-service`,
        {
            cluster: edge.cluster.arn,
            taskDefinition: def.arn,
            desiredCount: 2,
            launchType: "FARGATE",
            networkConfiguration: { subnets: PRIVATE, securityGroups: [sg.id], assignPublicIp: false },
            loadBalancers: [{ targetGroupArn: edge.tg.arn, containerName: "app", containerPort: 8080 }],
            deploymentCircuitBreaker: { enable: true, rollback: true },
            deploymentMaximumPercent: 200,
            deploymentMinimumHealthyPercent: 100,
            enableEcsManagedTags: true,
            enableExecuteCommand: false,
            healthCheckGracePeriodSeconds: 60,
            propagateTags: "SERVICE",
            waitForSteadyState: false,
            tags,
        },
        { dependsOn: [executionPolicy, edge.providers], ignoreChanges: ["desiredCount"] },
    );
    const target = new aws.appautoscaling.Target(`${s}-scaling`, {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.interpolate`service/${edge.providers.clusterName}/${svc.name}`,
        minCapacity: 2,
        maxCapacity: 10,
        tags,
    });
    const policy = (
        key: string,
        targetValue: number,
        spec: aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification,
    ) =>
        new aws.appautoscaling.Policy(`${s}-target-${key}`, {
            policyType: "TargetTrackingScaling",
            serviceNamespace: target.serviceNamespace,
            scalableDimension: target.scalableDimension,
            resourceId: target.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                targetValue,
                predefinedMetricSpecification: spec,
                scaleInCooldown: 300,
                scaleOutCooldown: 60,
            },
        });
    policy("cpu", 60, { predefinedMetricType: "ECSServiceAverageCPUUtilization" });
    policy("memory", 70, { predefinedMetricType: "ECSServiceAverageMemoryUtilization" });
    policy("requestCountPerTarget", 500, {
        predefinedMetricType: "ALBRequestCountPerTarget",
        resourceLabel: pulumi.interpolate`${edge.lb.arnSuffix}/${edge.tg.arnSuffix}`,
    });
}
