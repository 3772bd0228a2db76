import { describe, expect, it } from "vitest";
import { type EcsServiceArgs, planEcsService as planWith } from "../../../components/ecs";
import {
    ecrRepositoryArn,
    executionPolicyStatements,
    secretResources,
    withLogs,
} from "../../../components/ecs/shared/task-definition";
import { DB_PASSWORD_ARN, referenceService } from "./reference";

const planEcsService = (name: string, args: EcsServiceArgs) =>
    planWith(name, args, { stack: "", now: new Date("2026-01-01T00:00:00Z") });
const containerDefinitions = (plan: ReturnType<typeof planEcsService>, logs: { group: string; region: string }) =>
    withLogs(plan.containerDefinitions, logs);
const LOG_GROUP_ARN = "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web-app";

describe("container definitions", () => {
    it("render REFERENCE.md's nginx container definition", () => {
        const plan = planEcsService("web-app", referenceService());
        const [nginx] = containerDefinitions(plan, { group: "/ecs/web-app", region: "us-east-1" });
        // REFERENCE.md, "Task Definition" → containerDefinitions[0], field for field.
        expect(nginx).toMatchObject({
            name: "nginx",
            image: "nginx:1.27",
            portMappings: [{ containerPort: 80, protocol: "tcp" }],
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
        });
    });

    it("render every optional container field in ECS's names", () => {
        const plan = planEcsService(
            "worker",
            referenceService({
                launchType: "EC2",
                loadBalancer: undefined,
                containers: {
                    init: { image: "busybox:1.36", essential: false, command: ["sh", "-c", "migrate"], memory: 64 },
                    app: {
                        image: "app:1",
                        cpu: 256,
                        memory: 512,
                        user: "1000:1000",
                        privileged: true,
                        dependsOn: [{ containerName: "init", condition: "SUCCESS" }],
                        healthCheck: {
                            command: ["CMD", "/bin/health"],
                            intervalSeconds: 10,
                            timeoutSeconds: 2,
                            retries: 5,
                            startPeriodSeconds: 20,
                        },
                    },
                },
            }),
        );
        const defs = containerDefinitions(plan, { group: "/ecs/web-app", region: "eu-west-1" });
        expect(defs[0]).toEqual({
            name: "init",
            image: "busybox:1.36",
            essential: false,
            command: ["sh", "-c", "migrate"],
            memory: 64,
            portMappings: [],
            environment: [],
            secrets: [],
            logConfiguration: {
                logDriver: "awslogs",
                options: {
                    "awslogs-group": "/ecs/web-app",
                    "awslogs-region": "eu-west-1",
                    "awslogs-stream-prefix": "init",
                },
            },
            readonlyRootFilesystem: true,
        });
        expect(defs[1]).toMatchObject({
            cpu: 256,
            memory: 512,
            user: "1000:1000",
            privileged: true,
            dependsOn: [{ containerName: "init", condition: "SUCCESS" }],
            healthCheck: { command: ["CMD", "/bin/health"], interval: 10, timeout: 2, retries: 5, startPeriod: 20 },
            readonlyRootFilesystem: true,
        });
    });
});

describe("execution role statements", () => {
    it("grant the reference task its log group and exactly its secret", () => {
        expect(
            executionPolicyStatements({
                partition: "aws",
                images: ["nginx:1.27"],
                secretArns: [DB_PASSWORD_ARN],
                kmsKeyArns: [],
                logGroupArn: LOG_GROUP_ARN,
            }),
        ).toEqual([
            {
                Sid: "WriteLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [`${LOG_GROUP_ARN}:log-stream:*`],
            },
            {
                Sid: "ReadSecrets",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue"],
                Resource: [DB_PASSWORD_ARN, `${DB_PASSWORD_ARN}-??????`],
            },
        ]);
    });

    it("scope ECR pulls to the images' repositories, SSM to the parameters and KMS to the keys", () => {
        const statements = executionPolicyStatements({
            partition: "aws",
            images: [
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.4.2",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders@sha256:abc",
                "public.ecr.aws/nginx/nginx:1.27",
            ],
            secretArns: [
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/db-AbCdEf:password::",
                "arn:aws:ssm:us-east-1:123456789012:parameter/orders/api-url",
            ],
            kmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
            logGroupArn: LOG_GROUP_ARN,
        });
        expect(statements.map((s) => s.Sid)).toEqual([
            "WriteLogs",
            "EcrAuth",
            "PullImages",
            "ReadSecrets",
            "ReadParameters",
            "DecryptSecrets",
        ]);
        expect(statements.find((s) => s.Sid === "PullImages")?.Resource).toEqual([
            "arn:aws:ecr:us-east-1:123456789012:repository/orders",
        ]);
        // A full secret ARN (with its 6-character suffix) is granted as is, without the JSON-key suffix.
        expect(statements.find((s) => s.Sid === "ReadSecrets")?.Resource).toEqual([
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/db-AbCdEf",
        ]);
        expect(statements.find((s) => s.Sid === "ReadParameters")).toEqual({
            Sid: "ReadParameters",
            Effect: "Allow",
            Action: ["ssm:GetParameters"],
            Resource: ["arn:aws:ssm:us-east-1:123456789012:parameter/orders/api-url"],
        });
        expect(statements.find((s) => s.Sid === "DecryptSecrets")?.Resource).toEqual([
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ]);
    });

    it("recognise private ECR images only", () => {
        expect(ecrRepositoryArn("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1", "aws")).toBe(
            "arn:aws:ecr:eu-west-1:123456789012:repository/team/api",
        );
        expect(ecrRepositoryArn("nginx:latest", "aws")).toBeUndefined();
        expect(ecrRepositoryArn("public.ecr.aws/docker/library/nginx:1", "aws")).toBeUndefined();
    });

    it("add the random-suffix wildcard to partial Secrets Manager ARNs only", () => {
        expect(secretResources("arn:aws:secretsmanager:us-east-1:1:secret:db")).toEqual([
            "arn:aws:secretsmanager:us-east-1:1:secret:db",
            "arn:aws:secretsmanager:us-east-1:1:secret:db-??????",
        ]);
        expect(secretResources("arn:aws:secretsmanager:us-east-1:1:secret:db-x1Y2z3")).toEqual([
            "arn:aws:secretsmanager:us-east-1:1:secret:db-x1Y2z3",
        ]);
    });
});
