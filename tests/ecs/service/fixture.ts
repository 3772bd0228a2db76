import type { EcsServiceArgs } from "../../../components/ecs";
import { referenceService } from "./reference";

export const LISTENER_ARN =
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/0123456789abcdef/fedcba9876543210";
export const HOOK_ARN = "arn:aws:lambda:us-east-1:123456789012:function:smoke-test";

/**
 * One valid, rich EcsService: REFERENCE.md's nginx service (pinned tag) with its 90/10 canary
 * through ECS's native strategy, a lifecycle hook, an EFS volume with an access point, CPU
 * target tracking and a step policy, Service Connect and ECS Exec. Plain values only.
 */
export const validArgs: EcsServiceArgs = referenceService({
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
            ...referenceService().containers.nginx,
            mountPoints: [
                { volume: "shared", containerPath: "/usr/share/nginx/html", readOnly: true },
                { volume: "scratch", containerPath: "/var/cache/nginx" },
            ],
        },
    },
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
});
