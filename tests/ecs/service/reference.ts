import type { EcsServiceArgs } from "../../../components/ecs";

/** REFERENCE.md's Secrets Manager ARN for DB_PASSWORD (a partial ARN: no random suffix). */
export const DB_PASSWORD_ARN = "arn:aws:secretsmanager:us-east-1:123456789:secret:db-password";
export const TARGET_GROUP_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
export const PRIVATE_SUBNETS = ["subnet-0private000000001", "subnet-0private000000002"];
export const ALB_SG = "sg-0alb0000000000001";

/**
 * REFERENCE.md's nginx task and web service, as EcsServiceArgs: Fargate 512/1024, port 80,
 * ENV=production, DB_PASSWORD from Secrets Manager, health check every 30 s (timeout 5, 3
 * retries); desired 4 in the private subnets without public IPs, behind an ALB target group with
 * a 60 s grace period, 200/100 with circuit breaker and rollback.
 */
export function referenceService(overrides: Partial<EcsServiceArgs> = {}): EcsServiceArgs {
    return {
        cluster: { arn: "arn:aws:ecs:us-east-1:123456789012:cluster/prod", name: "prod" },
        vpcId: "vpc-0reference00000001",
        subnetIds: PRIVATE_SUBNETS,
        allowFrom: [ALB_SG],
        launchType: "FARGATE",
        cpu: 512,
        memory: 1024,
        family: "web-app",
        containers: {
            nginx: {
                image: "nginx:1.27",
                portMappings: [{ containerPort: 80, protocol: "tcp" }],
                environment: { ENV: "production" },
                secrets: { DB_PASSWORD: DB_PASSWORD_ARN },
                healthCheck: {
                    command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                    intervalSeconds: 30,
                    timeoutSeconds: 5,
                    retries: 3,
                },
                // Stock nginx writes to /var/cache/nginx and /var/run; the reference leaves ECS's default (writable).
                readonlyRootFilesystem: false,
            },
        },
        desiredCount: 4,
        loadBalancer: { targetGroupArn: TARGET_GROUP_ARN, containerName: "nginx", containerPort: 80 },
        healthCheckGracePeriodSeconds: 60,
        deployment: {
            maximumPercent: 200,
            minimumHealthyPercent: 100,
            circuitBreaker: { enable: true, rollback: true },
        },
        ...overrides,
    };
}
