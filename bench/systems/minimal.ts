/**
 * A smaller system than compute-layer's, as a hurried user might write it: inline security-group
 * rules, no tags, trust policies without the confused-deputy conditions, fewer explicit settings.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CERT, IMAGE, PRIVATE, PUBLIC, serviceNames, shards, VPC } from "./common";

export function minimal(n: number): void {
    const cluster = new aws.ecs.Cluster("bench", { settings: [{ name: "containerInsights", value: "enabled" }] });
    for (const [shard, names] of shards(serviceNames(n)).entries()) minimalShard(cluster, names, shard);
}

function minimalShard(cluster: aws.ecs.Cluster, names: string[], shard: number): void {
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
