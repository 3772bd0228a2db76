/**
 * The benchmark's system, built two ways under the same mocks: N ALB-fronted Fargate services
 * with CPU, memory and request-count target tracking. `computeLayer` uses the library's
 * components; `floor` writes the same system with raw `@pulumi/aws` resources, as a careful
 * user would by hand (inline security-group rules, one IAM role pair per service).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EcsCluster, EcsService } from "../components/ecs";
import { ApplicationLoadBalancer } from "../components/lb";

const VPC = "vpc-0bench00000000001";
const PUBLIC = ["subnet-0pub000000000001", "subnet-0pub000000000002"];
const PRIVATE = ["subnet-0prv000000000001", "subnet-0prv000000000002"];
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
const IMAGE = "public.ecr.aws/nginx/nginx:1.27";

function serviceNames(n: number): string[] {
    return Array.from({ length: n }, (_, i) => `svc${i}`);
}

/** Services per load balancer: an ALB takes at most 100 target groups and 100 rules (AWS quotas). */
const PER_ALB = 50;
function shards(names: string[]): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < names.length; i += PER_ALB) out.push(names.slice(i, i + PER_ALB));
    return out;
}

export function computeLayer(n: number): void {
    const cluster = new EcsCluster("bench", {});
    for (const [shard, names] of shards(serviceNames(n)).entries()) computeLayerShard(cluster, names, shard);
}

function computeLayerShard(cluster: EcsCluster, names: string[], shard: number): void {
    const alb = new ApplicationLoadBalancer(`edge${shard}`, {
        vpcId: VPC,
        subnetIds: PUBLIC,
        certificateArn: CERT,
        targetGroups: Object.fromEntries(
            names.map((s) => [s, { port: 8080, targetType: "ip" as const, healthCheck: { path: "/health" } }]),
        ),
        defaultAction: { fixedResponse: { statusCode: 404 } },
        rules: names.map((s) => ({ conditions: { pathPatterns: [`/${s}/*`] }, action: { forward: s } })),
    });
    for (const s of names) {
        new EcsService(s, {
            cluster,
            vpcId: VPC,
            subnetIds: PRIVATE,
            allowFrom: [alb.securityGroup.id],
            cpu: 512,
            memory: 1024,
            containers: { app: { image: IMAGE, portMappings: [{ containerPort: 8080 }] } },
            loadBalancer: { targetGroupArn: alb.targetGroups[s].arn, containerName: "app", containerPort: 8080 },
            autoScaling: {
                min: 2,
                max: 10,
                targetTracking: [
                    { metric: "cpu", target: 60 },
                    { metric: "memory", target: 70 },
                    {
                        metric: "requestCountPerTarget",
                        target: 500,
                        resourceLabel: pulumi.interpolate`${alb.arnSuffix}/${alb.targetGroups[s].arnSuffix}`,
                    },
                ],
            },
        });
    }
}

export function floor(n: number): void {
    const cluster = new aws.ecs.Cluster("bench", { settings: [{ name: "containerInsights", value: "enabled" }] });
    for (const [shard, names] of shards(serviceNames(n)).entries()) floorShard(cluster, names, shard);
}

function floorShard(cluster: aws.ecs.Cluster, names: string[], shard: number): void {
    const albSg = new aws.ec2.SecurityGroup(`edge${shard}-sg`, {
        vpcId: VPC,
        ingress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
        ],
        egress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/16"] }],
    });
    const lb = new aws.lb.LoadBalancer(`edge${shard}`, {
        loadBalancerType: "application",
        subnets: PUBLIC,
        securityGroups: [albSg.id],
        dropInvalidHeaderFields: true,
    });
    const https = new aws.lb.Listener(`edge${shard}-https`, {
        loadBalancerArn: lb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificateArn: CERT,
        defaultActions: [{ type: "fixed-response", fixedResponse: { statusCode: "404", contentType: "text/plain" } }],
    });
    new aws.lb.Listener(`edge${shard}-http`, {
        loadBalancerArn: lb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    const assume = (service: string) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
        });
    names.forEach((s, i) => {
        const tg = new aws.lb.TargetGroup(s, {
            vpcId: VPC,
            port: 8080,
            protocol: "HTTP",
            targetType: "ip",
            healthCheck: { path: "/health" },
        });
        new aws.lb.ListenerRule(`${s}-rule`, {
            listenerArn: https.arn,
            priority: i + 1,
            conditions: [{ pathPattern: { values: [`/${s}/*`] } }],
            actions: [{ type: "forward", targetGroupArn: tg.arn }],
        });
        const logs = new aws.cloudwatch.LogGroup(`${s}-logs`, { retentionInDays: 30 });
        const exec = new aws.iam.Role(`${s}-exec`, { assumeRolePolicy: assume("ecs-tasks.amazonaws.com") });
        new aws.iam.RolePolicyAttachment(`${s}-exec-policy`, {
            role: exec.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        });
        const task = new aws.iam.Role(`${s}-task`, { assumeRolePolicy: assume("ecs-tasks.amazonaws.com") });
        const def = new aws.ecs.TaskDefinition(s, {
            family: s,
            cpu: "512",
            memory: "1024",
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            executionRoleArn: exec.arn,
            taskRoleArn: task.arn,
            containerDefinitions: logs.name.apply((group) =>
                JSON.stringify([
                    {
                        name: "app",
                        image: IMAGE,
                        essential: true,
                        portMappings: [{ containerPort: 8080, protocol: "tcp" }],
                        logConfiguration: {
                            logDriver: "awslogs",
                            options: {
                                "awslogs-group": group,
                                "awslogs-region": "us-east-1",
                                "awslogs-stream-prefix": "app",
                            },
                        },
                    },
                ]),
            ),
        });
        const sg = new aws.ec2.SecurityGroup(`${s}-sg`, {
            vpcId: VPC,
            ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: [albSg.id] }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        });
        const svc = new aws.ecs.Service(
            s,
            {
                cluster: cluster.arn,
                taskDefinition: def.arn,
                desiredCount: 2,
                launchType: "FARGATE",
                networkConfiguration: { subnets: PRIVATE, securityGroups: [sg.id], assignPublicIp: false },
                loadBalancers: [{ targetGroupArn: tg.arn, containerName: "app", containerPort: 8080 }],
                deploymentCircuitBreaker: { enable: true, rollback: true },
            },
            { ignoreChanges: ["desiredCount"] },
        );
        const target = new aws.appautoscaling.Target(`${s}-target`, {
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            resourceId: pulumi.interpolate`service/${cluster.name}/${svc.name}`,
            minCapacity: 2,
            maxCapacity: 10,
        });
        const policy = (
            key: string,
            spec: aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration,
        ) =>
            new aws.appautoscaling.Policy(`${s}-${key}`, {
                policyType: "TargetTrackingScaling",
                serviceNamespace: target.serviceNamespace,
                scalableDimension: target.scalableDimension,
                resourceId: target.resourceId,
                targetTrackingScalingPolicyConfiguration: spec,
            });
        policy("cpu", {
            targetValue: 60,
            predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
        });
        policy("memory", {
            targetValue: 70,
            predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageMemoryUtilization" },
        });
        policy("requests", {
            targetValue: 500,
            predefinedMetricSpecification: {
                predefinedMetricType: "ALBRequestCountPerTarget",
                resourceLabel: pulumi.interpolate`${lb.arnSuffix}/${tg.arnSuffix}`,
            },
        });
    });
}
