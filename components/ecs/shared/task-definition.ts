import * as pulumi from "@pulumi/pulumi";
import type { EcsServicePlan, PlannedContainer } from "./plan";

/**
 * Pure renderers for the task definition: container definitions and the IAM statements of the
 * execution and task roles. No Pulumi resources here.
 */

/** Where the awslogs driver sends a container's output. */
export interface LogTarget {
    group: pulumi.Input<string>;
    region: pulumi.Input<string>;
}

/** One ECS container definition, as the `containerDefinitions` JSON holds it. */
export type ContainerDefinition = Record<string, unknown>;

/** The awslogs configuration for a stream prefix. */
export function awslogs(target: LogTarget, streamPrefix: string): { logDriver: "awslogs"; options: Record<string, pulumi.Input<string>> } {
    return {
        logDriver: "awslogs",
        options: { "awslogs-group": target.group, "awslogs-region": target.region, "awslogs-stream-prefix": streamPrefix },
    };
}

/** Renders one planned container as an ECS container definition (values may still be Inputs). */
export function containerDefinition(c: PlannedContainer, logs: LogTarget): ContainerDefinition {
    const def: ContainerDefinition = { name: c.name, image: c.image, essential: c.essential };
    if (c.command) def.command = c.command;
    if (c.cpu !== undefined) def.cpu = c.cpu;
    if (c.memory !== undefined) def.memory = c.memory;
    def.portMappings = c.portMappings.map((m) => ({ ...m }));
    def.environment = c.environment.map((e) => ({ name: e.name, value: e.value }));
    def.secrets = c.secrets.map((s) => ({ name: s.name, valueFrom: s.valueFrom }));
    def.logConfiguration = awslogs(logs, c.name);
    if (c.healthCheck) def.healthCheck = { ...c.healthCheck };
    def.readonlyRootFilesystem = c.readonlyRootFilesystem;
    if (c.user !== undefined) def.user = c.user;
    if (c.privileged) def.privileged = true;
    if (c.dependsOn) def.dependsOn = c.dependsOn.map((d) => ({ ...d }));
    return def;
}

/** All container definitions of the plan. */
export function containerDefinitions(plan: Pick<EcsServicePlan, "containers">, logs: LogTarget): ContainerDefinition[] {
    return plan.containers.map((c) => containerDefinition(c, logs));
}

/** An IAM statement in `aws.iam.getPolicyDocument` terms. */
export interface Statement {
    sid?: string;
    effect?: "Allow" | "Deny";
    actions: string[];
    resources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
}

/**
 * The trust policy of the execution and task roles: ECS tasks of this account only (the
 * confused-deputy conditions AWS recommends).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
export function ecsTasksTrust(partition: string, region: string, accountId: string): Statement[] {
    return [
        {
            sid: "EcsTasksOfThisAccount",
            effect: "Allow",
            actions: ["sts:AssumeRole"],
            principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
            conditions: [
                { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
                { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:ecs:${region}:${accountId}:*`] },
            ],
        },
    ];
}

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/** The ECR repository ARN of an image, or undefined when the image is not in a private ECR registry. */
export function ecrRepositoryArn(image: string, partition: string): string | undefined {
    const m = ECR_IMAGE.exec(image);
    return m ? `arn:${partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}` : undefined;
}

/**
 * The IAM resources that grant `secretsmanager:GetSecretValue` on one `valueFrom`: the secret's
 * ARN without a `:json-key:version-stage:version-id` suffix. A partial ARN (a secret name without
 * the 6 random characters Secrets Manager appends) also gets `-??????`, which matches exactly
 * that secret's full ARN and nothing else; otherwise the grant would never match.
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html#auth-and-access_examples_wildcard
 */
export function secretResources(valueFrom: string): string[] {
    const arn = valueFrom.split(":").slice(0, 7).join(":");
    const secretName = arn.split(":")[6] ?? "";
    return /-[A-Za-z0-9]{6}$/.test(secretName) ? [arn] : [arn, `${arn}-??????`];
}

/** What the execution role needs to start the tasks. */
export interface ExecutionPolicyInputs {
    partition: string;
    images: string[];
    secretArns: string[];
    kmsKeyArns: string[];
    logGroupArn: string;
}

/**
 * The execution role's statements: write to the task's log group only; pull only the private ECR
 * repositories the images name (public images need nothing); read exactly the listed secrets and
 * parameters; decrypt with exactly the listed KMS keys.
 */
export function executionPolicyStatements(i: ExecutionPolicyInputs): Statement[] {
    const out: Statement[] = [{ sid: "WriteLogs", effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${i.logGroupArn}:log-stream:*`] }];
    const repos = [...new Set(i.images.map((img) => ecrRepositoryArn(img, i.partition)).filter((r): r is string => r !== undefined))].sort();
    if (repos.length > 0) {
        // GetAuthorizationToken has no resource-level permissions.
        out.push({ sid: "EcrAuth", effect: "Allow", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] });
        out.push({ sid: "PullImages", effect: "Allow", actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], resources: repos });
    }
    const secrets = [...new Set(i.secretArns.filter((a) => a.split(":")[2] === "secretsmanager").flatMap(secretResources))].sort();
    if (secrets.length > 0) out.push({ sid: "ReadSecrets", effect: "Allow", actions: ["secretsmanager:GetSecretValue"], resources: secrets });
    const params = [...new Set(i.secretArns.filter((a) => a.split(":")[2] === "ssm"))].sort();
    if (params.length > 0) out.push({ sid: "ReadParameters", effect: "Allow", actions: ["ssm:GetParameters"], resources: params });
    const keys = [...new Set(i.kmsKeyArns)].sort();
    if (keys.length > 0) out.push({ sid: "DecryptSecrets", effect: "Allow", actions: ["kms:Decrypt"], resources: keys });
    return out;
}

/**
 * ECS Exec: the task role may open the SSM Session Manager channels, and nothing else.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions
 */
export function execCommandStatements(): Statement[] {
    return [
        {
            sid: "EcsExec",
            effect: "Allow",
            actions: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            resources: ["*"],
        },
    ];
}
