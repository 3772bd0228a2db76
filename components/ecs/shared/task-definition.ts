import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../../../src/core";
import type { PlannedContainer } from "./containers";

/**
 * Pure renderers for the task definition: container definitions and the IAM statements (IAM's
 * own JSON, built locally: no `getPolicyDocument` invokes) of the execution and task roles. No
 * Pulumi resources here.
 */

/**
 * Statements as IAM writes them back (and as `getPolicyDocument` rendered them): a list of one
 * action or resource becomes that string, so the documents stay byte-for-byte what they were.
 */
export function compact(statements: PolicyStatement[]): PolicyStatement[] {
    const one = (x: string | string[] | undefined) => (Array.isArray(x) && x.length === 1 ? x[0] : x);
    return statements.map((st) => {
        const out: PolicyStatement = { ...st };
        if (st.Action !== undefined) out.Action = one(st.Action);
        if (st.Resource !== undefined) out.Resource = one(st.Resource);
        return out;
    });
}

/** Where the awslogs driver sends a container's output. */
export interface LogTarget {
    group: pulumi.Input<string>;
    region: pulumi.Input<string>;
}

/** One ECS container definition, as the `containerDefinitions` JSON holds it. */
export type ContainerDefinition = Record<string, unknown>;

/** The awslogs configuration for a stream prefix. */
export function awslogs(
    target: LogTarget,
    streamPrefix: string,
): { logDriver: "awslogs"; options: Record<string, pulumi.Input<string>> } {
    return {
        logDriver: "awslogs",
        options: {
            "awslogs-group": target.group,
            "awslogs-region": target.region,
            "awslogs-stream-prefix": streamPrefix,
        },
    };
}

/**
 * Renders one planned container as an ECS container definition (values may still be Inputs),
 * without its log configuration: the log group and region are known at deploy time only, and
 * {@link withLogs} adds them.
 */
export function containerDefinition(c: PlannedContainer): ContainerDefinition {
    const def: ContainerDefinition = { name: c.name, image: c.image, essential: c.essential };
    if (c.command) def.command = c.command;
    if (c.cpu !== undefined) def.cpu = c.cpu;
    if (c.memory !== undefined) def.memory = c.memory;
    def.portMappings = c.portMappings.map((m) => ({ ...m }));
    def.environment = c.environment.map((e) => ({ name: e.name, value: e.value }));
    def.secrets = c.secrets.map((s) => ({ name: s.name, valueFrom: s.valueFrom }));
    if (c.healthCheck) def.healthCheck = { ...c.healthCheck };
    def.readonlyRootFilesystem = c.readonlyRootFilesystem;
    if (c.user !== undefined) def.user = c.user;
    if (c.privileged) def.privileged = true;
    if (c.dependsOn) def.dependsOn = c.dependsOn.map((d) => ({ ...d }));
    if (c.mountPoints) def.mountPoints = c.mountPoints.map((m) => ({ ...m }));
    return def;
}

/** The container definitions with their awslogs configuration (stream prefix: the container's name). */
export function withLogs(defs: readonly ContainerDefinition[], logs: LogTarget): ContainerDefinition[] {
    return defs.map((d) => ({ ...d, logConfiguration: awslogs(logs, String(d.name)) }));
}

/** All container definitions of planned containers, with their logs. */
export function containerDefinitions(plan: { containers: PlannedContainer[] }, logs: LogTarget): ContainerDefinition[] {
    return withLogs(plan.containers.map(containerDefinition), logs);
}

/**
 * The trust policy of the execution and task roles: ECS tasks of this account only (the
 * confused-deputy conditions AWS recommends).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
export function ecsTasksTrust(partition: string, region: string, accountId: string): PolicyStatement[] {
    return [
        {
            Sid: "EcsTasksOfThisAccount",
            Effect: "Allow",
            Action: "sts:AssumeRole",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Condition: {
                StringEquals: { "aws:SourceAccount": accountId },
                ArnLike: { "aws:SourceArn": `arn:${partition}:ecs:${region}:${accountId}:*` },
            },
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
export function executionPolicyStatements(i: ExecutionPolicyInputs): PolicyStatement[] {
    const out: PolicyStatement[] = [
        {
            Sid: "WriteLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [`${i.logGroupArn}:log-stream:*`],
        },
    ];
    const repos = [
        ...new Set(
            i.images.map((img) => ecrRepositoryArn(img, i.partition)).filter((r): r is string => r !== undefined),
        ),
    ].sort();
    if (repos.length > 0) {
        // GetAuthorizationToken has no resource-level permissions.
        out.push({ Sid: "EcrAuth", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] });
        out.push({
            Sid: "PullImages",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            Resource: repos,
        });
    }
    const secrets = [
        ...new Set(i.secretArns.filter((a) => a.split(":")[2] === "secretsmanager").flatMap(secretResources)),
    ].sort();
    if (secrets.length > 0)
        out.push({ Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secrets });
    const params = [...new Set(i.secretArns.filter((a) => a.split(":")[2] === "ssm"))].sort();
    if (params.length > 0)
        out.push({ Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: params });
    const keys = [...new Set(i.kmsKeyArns)].sort();
    if (keys.length > 0) out.push({ Sid: "DecryptSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: keys });
    return out;
}

/**
 * ECS Exec: the task role may open the SSM Session Manager channels, and nothing else.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions
 */
export function execCommandStatements(): PolicyStatement[] {
    return [
        {
            Sid: "EcsExec",
            Effect: "Allow",
            Action: [
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ],
            Resource: ["*"],
        },
    ];
}

/** One EFS volume the task role mounts with IAM. */
export interface EfsGrant {
    fileSystemId: string;
    accessPointId?: string;
    /** True when some container mounts it writable. */
    write: boolean;
}

/**
 * The task role's EFS statements: mount (and write, when some mount is writable) exactly the
 * file systems the task's volumes name, through their access point when they use one.
 * https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html
 */
export function efsStatements(
    grants: EfsGrant[],
    ctx: { partition: string; region: string; accountId: string },
): PolicyStatement[] {
    return grants.map((g, i) => {
        const arn = (kind: string, id: string) =>
            `arn:${ctx.partition}:elasticfilesystem:${ctx.region}:${ctx.accountId}:${kind}/${id}`;
        return {
            Sid: `MountEfs${i}`,
            Effect: "Allow",
            Action: g.write
                ? ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
                : ["elasticfilesystem:ClientMount"],
            Resource: arn("file-system", g.fileSystemId),
            ...(g.accessPointId
                ? {
                      Condition: {
                          StringEquals: { "elasticfilesystem:AccessPointArn": arn("access-point", g.accessPointId) },
                      },
                  }
                : {}),
        };
    });
}

/** The trust policy of the role ECS itself assumes for deployments (load balancers, lifecycle hooks). */
export const ECS_SERVICE_TRUST: PolicyStatement[] = [
    {
        Sid: "EcsInfrastructure",
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { Service: "ecs.amazonaws.com" },
    },
];

/** The deployment role's own statements: invoke exactly the lifecycle hooks' functions. */
export function deploymentHookStatements(lambdaArns: string[]): PolicyStatement[] {
    const functions = [...new Set(lambdaArns)].sort();
    return functions.length > 0
        ? [{ Sid: "InvokeLifecycleHooks", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: functions }]
        : [];
}
