import type { EcsServiceArgs } from "../../../components/ecs";
import { ALB_SG, DB_PASSWORD_ARN, PRIVATE_SUBNETS, TARGET_GROUP_ARN } from "./reference";

export const LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/0123456789abcdef/fedcba9876543210";
export const HOOK_ARN = "arn:aws:lambda:us-east-1:123456789012:function:smoke-test";

/**
 * One valid, rich EcsService: REFERENCE.md's nginx service (pinned tag) with its 90/10 canary
 * through ECS's native strategy, a lifecycle hook, an EFS volume with an access point, CPU
 * target tracking and a step policy, Service Connect and ECS Exec. Plain values only.
 */
export const validArgs: EcsServiceArgs = {
    cluster: { arn: "arn:aws:ecs:us-east-1:123456789012:cluster/prod", name: "prod" },
    vpcId: "vpc-0reference00000001",
    subnetIds: PRIVATE_SUBNETS,
    allowFrom: [ALB_SG],
    launchType: "FARGATE",
    cpu: 512,
    memory: 1024,
    family: "web-app",
    volumes: {
        shared: {
            efs: {
                fileSystemId: "fs-0123456789abcdef0",
                accessPointId: "fsap-0123456789abcdef0",
                mountTargetSecurityGroupId: "sg-0efs0000000000001",
            },
        },
        scratch: { bind: {} },
    },
    containers: {
        nginx: {
            image: "nginx:1.27",
            portMappings: [{ containerPort: 80, protocol: "tcp" }],
            environment: { ENV: "production" },
            secrets: { DB_PASSWORD: DB_PASSWORD_ARN },
            healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], intervalSeconds: 30, timeoutSeconds: 5, retries: 3 },
            readonlyRootFilesystem: false,
            mountPoints: [
                { volume: "shared", containerPath: "/usr/share/nginx/html", readOnly: true },
                { volume: "scratch", containerPath: "/var/cache/nginx" },
            ],
        },
    },
    desiredCount: 4,
    loadBalancer: { targetGroupArn: TARGET_GROUP_ARN, containerName: "nginx", containerPort: 80 },
    healthCheckGracePeriodSeconds: 60,
    deployment: {
        strategy: "canary",
        canary: { percent: 10, bakeTimeMinutes: 15 },
        bakeTimeMinutes: 30,
        lifecycleHooks: [{ stages: ["POST_TEST_TRAFFIC_SHIFT"], lambdaArn: HOOK_ARN }],
        alternateHealthCheckPath: "/",
        productionListenerRule: { listenerArn: LISTENER_ARN, priority: 100, pathPatterns: ["/*"] },
    },
    autoScaling: {
        min: 2,
        max: 10,
        targetTracking: [{ metric: "cpu", target: 70 }],
        steps: [
            {
                alarm: { metric: "MemoryUtilization", threshold: 85, comparison: "GreaterThanThreshold" },
                adjustments: [{ lowerBound: 0, change: 2 }],
            },
        ],
        schedules: [{ name: "business-hours", cron: "cron(0 9 ? * MON-FRI *)", minCapacity: 3, maxCapacity: 10 }],
    },
    serviceConnect: { namespace: "prod.local" },
    enableExecuteCommand: true,
    logRetentionDays: 90,
    tags: { team: "web" },
};
