import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    checkShape,
    childName,
    isKnown,
    joinPath,
    known,
    knownList,
    LOG_RETENTION_DAYS,
    looksLikeSecretName,
    type PlanContext,
    type PolicyStatement,
    physicalName,
    planTags,
    policyJson,
    type Tags,
    Validator,
    validateTags,
} from "../../../src/core";
import { type AutoScalingArgs, toApplicationAutoScaling } from "../../../src/scaling";
import { type ChildPlan, type PermissionPlan, permission } from "../shared/children";
import { scheduleExpressionProblem } from "../shared/expressions";
import { checkHttpApi, type HttpApiPlan, layoutHttpApi } from "../shared/http-api";
import { DEFAULT_LAMBDA_RUNTIME, runtimeStatus, snapStartProblem, supportedRuntimes } from "../shared/runtimes";
import {
    type AlbPlan,
    checkAlb,
    checkEventPattern,
    checkFunctionUrl,
    checkKafka,
    type FunctionUrlPlan,
    KAFKA_NETWORK_STATEMENT,
    layoutAlb,
    layoutEventPattern,
    layoutFunctionUrl,
    layoutKafka,
    type RulePlan,
    type SourceStatement,
} from "../shared/sources";
import type { LambdaFunctionArgs, StreamStartingPosition } from "./args";
import { lambdaFunctionArgsSchema } from "./schema";

export type { AlbPlan, ChildPlan, FunctionUrlPlan, HttpApiPlan, PermissionPlan, RulePlan };

/** The alias every event source invokes and provisioned concurrency lives on. */
export const LIVE_ALIAS = "live";

/**
 * Environment variables Lambda sets itself and rejects in a function's configuration.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
export const RESERVED_ENVIRONMENT = [
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
] as const;

/** The code of the function, in one of its three forms. */
export type LambdaCodePlan =
    | { kind: "path"; path: string }
    | {
          kind: "s3";
          s3Bucket: pulumi.Input<string>;
          s3Key: pulumi.Input<string>;
          s3ObjectVersion?: pulumi.Input<string>;
      }
    | { kind: "image"; imageUri: pulumi.Input<string> };

/**
 * One statement of the execution role's inline policy. `resourceOf` names a child whose ARN the
 * component puts in `Resource` (the function's log group, with `:*`, or the created dead-letter queue).
 */
export interface StatementPlan extends Omit<PolicyStatement, "Resource"> {
    Sid: string;
    Action: string[];
    Resource?: pulumi.Input<string>;
    resourceOf?: "logGroup" | "deadLetterQueue";
}

/** The Application Auto Scaling fields every policy and action takes from the scalable target. */
type TargetFields = "resourceId" | "scalableDimension" | "serviceNamespace";

/** Provisioned-concurrency scaling: the scalable target, its policies, their alarms and the scheduled actions. */
export interface ScalingPlan {
    target: ChildPlan<aws.appautoscaling.TargetArgs>;
    policies: ChildPlan<Omit<aws.appautoscaling.PolicyArgs, TargetFields>>[];
    /** One alarm per step policy; `policy` is the index in `policies` whose ARN is its action. */
    alarms: (ChildPlan<Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions">> & { policy: number })[];
    scheduledActions: ChildPlan<Omit<aws.appautoscaling.ScheduledActionArgs, TargetFields>>[];
}

/** An S3 bucket's notification of the function (entries naming the same bucket, or giving the same Output, are merged). */
export interface S3NotificationPlan {
    /** The component adds `sourceArn` (the bucket's ARN in this partition) and `sourceAccount`. */
    permission: PermissionPlan;
    /** The component adds each rule's `lambdaFunctionArn` (the alias). */
    notification: ChildPlan<{
        bucket: pulumi.Input<string>;
        lambdaFunctions: { events: string[]; filterPrefix?: string; filterSuffix?: string }[];
    }>;
}

/** The function's inputs, but `role`; `vpcConfig.securityGroupIds` is absent when the component creates the group. */
export type FunctionPlanArgs = Omit<aws.lambda.FunctionArgs, "role" | "vpcConfig"> & {
    vpcConfig?: {
        subnetIds: pulumi.Input<pulumi.Input<string>[]>;
        securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    };
};

/** Everything {@link LambdaFunction} creates, as the final plain inputs of each child. */
export interface LambdaFunctionPlan {
    functionName: string;
    aliasName: typeof LIVE_ALIAS;
    /** Every child's tags: the defaults merged under the user's. */
    tags: pulumi.Input<Tags>;
    logGroup: ChildPlan<aws.cloudwatch.LogGroupArgs>;
    /** Created when `deadLetter` is `true` (the default). */
    deadLetterQueue?: ChildPlan<aws.sqs.QueueArgs>;
    /** An existing queue or topic (`deadLetter.targetArn`). */
    deadLetterTargetArn?: pulumi.Input<string>;
    /** Created for `vpc` without `securityGroupIds`; the egress rule gets the group's id from the component. */
    securityGroup?: {
        group: ChildPlan<aws.ec2.SecurityGroupArgs>;
        egress: ChildPlan<Omit<aws.vpc.SecurityGroupEgressRuleArgs, "securityGroupId">>;
    };
    /** The execution role, unless `role` brings one. */
    role?: ChildPlan<aws.iam.RoleArgs>;
    /** The role that was brought (`role`). */
    roleArn?: pulumi.Input<string>;
    /**
     * The created role's inline policy (`requiredStatements`); the component adds the role and the
     * children's ARNs in `resourceOf` statements. Absent with a role brought.
     */
    rolePolicy?: { name: string; statements: StatementPlan[] };
    /** What the execution role must allow: the created role's policy, or what a role brought needs. */
    requiredStatements: StatementPlan[];
    /**
     * The function. The component adds `role`, and where the plan leaves them out because they are
     * children: `deadLetterConfig` (the created queue), `vpcConfig.securityGroupIds` (the created group).
     */
    function: ChildPlan<FunctionPlanArgs>;
    /** The component adds `functionName` and `functionVersion` (the published version). */
    alias: ChildPlan<Omit<aws.lambda.AliasArgs, "functionName" | "functionVersion">>;
    eventInvokeConfig: ChildPlan<Omit<aws.lambda.FunctionEventInvokeConfigArgs, "functionName" | "qualifier">>;
    provisionedConcurrency?: ChildPlan<
        Omit<aws.lambda.ProvisionedConcurrencyConfigArgs, "functionName" | "qualifier">
    > & { ignoreChanges?: string[] };
    scaling?: ScalingPlan;
    http?: HttpApiPlan;
    schedules: RulePlan[];
    /** EventBridge rules of `events.eventPatterns`. */
    eventPatterns: RulePlan[];
    alb?: AlbPlan;
    functionUrl?: FunctionUrlPlan;
    /**
     * SQS, then DynamoDB, then Kinesis, then Kafka. The component adds `functionName` (the alias) and, with
     * `onFailureToDeadLetterQueue`, the created queue as the on-failure destination.
     */
    eventSourceMappings: (ChildPlan<Omit<aws.lambda.EventSourceMappingArgs, "functionName">> & {
        onFailureToDeadLetterQueue?: boolean;
    })[];
    s3: S3NotificationPlan[];
    sns: { permission: PermissionPlan; subscription: ChildPlan<Omit<aws.sns.TopicSubscriptionArgs, "endpoint">> }[];
    /** Things worth a `pulumi.log.warn`, not an error. */
    warnings: string[];
}

/** Defaults, in one place. */
export const LAMBDA_DEFAULTS = {
    runtime: DEFAULT_LAMBDA_RUNTIME,
    architecture: "x86_64",
    memorySize: 512,
    timeoutSeconds: 30,
    ephemeralStorageMb: 512,
    maximumRetryAttempts: 2,
    maximumEventAgeSeconds: 21600,
    tracing: "Active",
    logRetentionDays: 30,
    targetUtilization: 0.7,
    sqsBatchSize: 10,
    streamBatchSize: 100,
    streamMaximumRetryAttempts: 10,
    parallelizationFactor: 1,
} as const;

/** Lambda function names: 1–64 of letters, digits, `-`, `_` (CreateFunction, FunctionName). */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * Lambda environment variable keys: a letter, then at least one more letter, digit or `_`
 * (Environment, Key Pattern `[a-zA-Z]([a-zA-Z0-9_])+`: https://docs.aws.amazon.com/lambda/latest/api/API_Environment.html).
 */
const ENV_NAME = /^[A-Za-z][A-Za-z0-9_]+$/;
/** ARNs of the sources a function consumes, checked when they are known (a queue URL or table ARN is a common mix-up). */
const SQS_QUEUE_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/;
const DYNAMODB_STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]+\/stream\/.+$/;
/** A data stream, or one of its enhanced fan-out consumers (`stream/<name>/consumer/<consumer>:<timestamp>`). */
const KINESIS_STREAM_ARN = /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]+(\/consumer\/.+)?$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/;
/** S3 event types: `s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`, `s3:Replication:*`, ... */
const S3_EVENT = /^s3:[A-Za-z]+(:[A-Za-z*]+)?$/;

/** What the checks found, before the children are laid out. */
interface Checked {
    functionName: string;
    code?: LambdaCodePlan;
    runtime?: string;
    handler?: string;
    warnings: string[];
}

/**
 * Applies defaults to a {@link LambdaFunctionArgs}, checks it, and returns the final inputs of
 * every child; throws one `InputPropertiesError` listing every problem.
 * @param ctx the stack, and the day runtimes are judged on (their deprecation schedule).
 */
export function planLambdaFunction(name: string, args: LambdaFunctionArgs, ctx: PlanContext): LambdaFunctionPlan {
    const subject = `LambdaFunction "${name}"`;
    const v = new Validator(subject);
    const shapeOk = checkShape(v, lambdaFunctionArgsSchema, args);
    // The semantic checks run even when the shape is wrong, so that their problems are reported
    // too; a path whose shape is wrong keeps its one shape problem.
    const semantic = new Validator(subject);
    const checked = semantic.attempt(shapeOk, () => {
        const c = check(semantic, name, args ?? ({} as LambdaFunctionArgs), ctx);
        // Layout finds the policy-size problems (it needs the statements).
        return { c, plan: shapeOk && semantic.problems.length === 0 ? layout(name, args, c, semantic) : undefined };
    });
    const wrongShape = v.problems.map((p) => p.propertyPath);
    const under = (path: string) =>
        wrongShape.some((w) => path === w || path.startsWith(`${w}.`) || path.startsWith(`${w}[`));
    // A list of allowed values at a path the shape also lists values for is the narrower one (the
    // shared scaling shape lists every tier's metrics): the Validator keeps only it.
    const lists = (reason: string) => reason.startsWith("must be one of ");
    const listedByShape = new Set(v.problems.filter((p) => lists(p.reason)).map((p) => p.propertyPath));
    for (const p of semantic.problems) {
        if (!under(p.propertyPath) || (lists(p.reason) && listedByShape.has(p.propertyPath)))
            v.add(p.propertyPath, p.reason);
    }
    v.throwIfAny();
    return checked?.plan as LambdaFunctionPlan;
}

function check(v: Validator, name: string, args: LambdaFunctionArgs, ctx: PlanContext): Checked {
    const warnings: string[] = [];

    // Name.
    const functionName = args.functionName ?? physicalName([name], { maxLength: 64, invalid: /[^A-Za-z0-9_-]/g });
    if (args.functionName !== undefined && !FUNCTION_NAME.test(args.functionName)) {
        v.add("functionName", `must be 1 to 64 letters, digits, "-" or "_" (got ${JSON.stringify(args.functionName)})`);
    }

    // Code.
    const code = planCode(v, args);
    let runtime: string | undefined;
    let handler: string | undefined;
    if (code?.kind === "image") {
        if (args.runtime !== undefined) {
            v.add("runtime", "must not be set with code.imageUri: a container image brings its own runtime");
        }
        if (args.handler !== undefined) {
            v.add("handler", "must not be set with code.imageUri: set the handler as the image's CMD");
        }
    } else {
        runtime = args.runtime ?? LAMBDA_DEFAULTS.runtime;
        checkRuntime(v, warnings, runtime, ctx.now);
        handler = args.handler;
        if (handler === undefined || handler === "") {
            v.add(
                "handler",
                'is required for a .zip package: give the handler, e.g. "index.handler" or ' +
                    '"lambda_function.lambda_handler"',
            );
        } else if (handler.length > 128) v.add("handler", `must be at most 128 characters (got ${handler.length})`);
    }
    v.oneOf(args.architecture, "architecture", ["arm64", "x86_64"] as const);

    // Size. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
    v.range(args.memorySize, "memorySize", 128, 10240, { unit: "MB" });
    v.range(args.timeoutSeconds, "timeoutSeconds", 1, 900, { unit: "seconds" });
    v.range(args.ephemeralStorageMb, "ephemeralStorageMb", 512, 10240, { unit: "MB" });

    checkEnvironment(v, args.environment ?? {});

    // Concurrency.
    v.min(args.reservedConcurrency, "reservedConcurrency", 0);
    checkProvisioned(v, args);

    // Failure handling. Retries 0-2 and event age 60-21600 s: PutFunctionEventInvokeConfig,
    // https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
    const dl = args.deadLetter;
    if (
        typeof dl === "object" &&
        dl !== null &&
        isKnown(dl.targetArn) &&
        !/^arn:aws[a-z-]*:(sqs|sns):/.test(dl.targetArn)
    ) {
        v.add(
            "deadLetter.targetArn",
            `must be the ARN of an SQS queue or SNS topic (got ${JSON.stringify(dl.targetArn)})`,
        );
    }
    v.range(args.maximumRetryAttempts, "maximumRetryAttempts", 0, 2);
    v.range(args.maximumEventAgeSeconds, "maximumEventAgeSeconds", 60, 21600, { unit: "seconds" });

    // Network and tracing. At most 16 subnets and 5 security groups: VpcConfig,
    // https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html
    if (args.vpc) {
        v.count(args.vpc.subnetIds, "vpc.subnetIds", 1, 16, "subnets");
        if (args.vpc.securityGroupIds !== undefined) {
            v.count(args.vpc.securityGroupIds, "vpc.securityGroupIds", 1, 5, "security groups");
        } else if (args.vpc.vpcId === undefined) {
            v.add(
                "vpc.vpcId",
                "is required when vpc.securityGroupIds is not given: the function's security group is created in " +
                    "this VPC",
            );
        }
    }
    v.oneOf(args.tracing, "tracing", ["Active", "PassThrough"] as const);
    if (isKnown(args.logRetentionDays)) v.oneOf(args.logRetentionDays, "logRetentionDays", LOG_RETENTION_DAYS);

    checkEvents(v, args);
    checkExtras(v, args, code, runtime);
    const deadLetterOff = args.deadLetter === false;
    if (deadLetterOff && ((args.events?.dynamodb?.length ?? 0) > 0 || (args.events?.kinesis?.length ?? 0) > 0)) {
        warnings.push(
            `LambdaFunction "${name}": deadLetter is off, so the stream event sources have no on-failure ` +
                `destination; records that keep failing are dropped once their retries are spent.`,
        );
    }
    const timeoutSeconds = args.timeoutSeconds ?? LAMBDA_DEFAULTS.timeoutSeconds;
    if (args.events?.http && timeoutSeconds > 30) {
        warnings.push(
            `LambdaFunction "${name}": API Gateway HTTP APIs end an integration after 30 seconds, so HTTP requests ` +
                `fail before the function's ${timeoutSeconds}-second timeout.`,
        );
    }
    if (isKnown(args.tags)) validateTags(v, args.tags);
    return { functionName, code, runtime, handler, warnings };
}

/** The final inputs of every child, from args that passed the checks. */
function layout(name: string, args: LambdaFunctionArgs, c: Checked, v: Validator): LambdaFunctionPlan {
    const { functionName } = c;
    const tags = planTags(name, args.tags);
    const logRetentionDays = args.logRetentionDays ?? LAMBDA_DEFAULTS.logRetentionDays;
    const logGroupName = `/aws/lambda/${functionName}`;
    const code = c.code as LambdaCodePlan;

    const dl = args.deadLetter ?? true;
    const deadLetterQueue: ChildPlan<aws.sqs.QueueArgs> | undefined =
        dl === true
            ? // 14 days, the longest SQS keeps a message, so a failure is never lost before someone looks.
              {
                  name: childName(name, "dlq"),
                  args: { sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600, tags },
              }
            : undefined;
    const deadLetterTargetArn = typeof dl === "object" ? dl.targetArn : undefined;

    const vpc = args.vpc;
    const securityGroup =
        vpc && vpc.securityGroupIds === undefined
            ? {
                  group: {
                      name: childName(name, "sg"),
                      args: {
                          vpcId: vpc.vpcId,
                          description: `Lambda function ${functionName}: outbound HTTPS only`,
                          tags,
                      },
                  },
                  egress: {
                      name: childName(name, "sg-https"),
                      args: {
                          ipProtocol: "tcp",
                          fromPort: 443,
                          toPort: 443,
                          cidrIpv4: "0.0.0.0/0",
                          description: "HTTPS to AWS APIs and the internet",
                          tags,
                      },
                  },
              }
            : undefined;

    const tracing = args.tracing ?? LAMBDA_DEFAULTS.tracing;
    const environment = args.environment ?? {};
    const fn: ChildPlan<FunctionPlanArgs> = {
        name: childName(name, "function"),
        args: {
            name: functionName,
            packageType: code.kind === "image" ? "Image" : "Zip",
            runtime: c.runtime,
            handler: c.handler,
            ...codeInputs(code),
            architectures: [args.architecture ?? LAMBDA_DEFAULTS.architecture],
            memorySize: args.memorySize ?? LAMBDA_DEFAULTS.memorySize,
            timeout: args.timeoutSeconds ?? LAMBDA_DEFAULTS.timeoutSeconds,
            ephemeralStorage: { size: args.ephemeralStorageMb ?? LAMBDA_DEFAULTS.ephemeralStorageMb },
            environment: Object.keys(environment).length > 0 ? { variables: environment } : undefined,
            ...(args.layers !== undefined && args.layers.length > 0 ? { layers: args.layers } : {}),
            ...(args.snapStart === true ? { snapStart: { applyOn: "PublishedVersions" } } : {}),
            reservedConcurrentExecutions: args.reservedConcurrency,
            // Every change publishes a version, which the live alias serves (and SnapStart snapshots).
            publish: true,
            deadLetterConfig: deadLetterTargetArn !== undefined ? { targetArn: deadLetterTargetArn } : undefined,
            vpcConfig: vpc
                ? {
                      subnetIds: vpc.subnetIds,
                      ...(vpc.securityGroupIds !== undefined ? { securityGroupIds: vpc.securityGroupIds } : {}),
                  }
                : undefined,
            tracingConfig: { mode: tracing },
            loggingConfig: { logFormat: "Text", logGroup: logGroupName },
            tags,
        },
    };

    const plan: LambdaFunctionPlan = {
        functionName,
        aliasName: LIVE_ALIAS,
        tags,
        logGroup: {
            name: childName(name, "logs"),
            args: { name: logGroupName, retentionInDays: logRetentionDays, tags },
        },
        deadLetterQueue,
        deadLetterTargetArn,
        securityGroup,
        role:
            args.role !== undefined
                ? undefined
                : {
                      name: childName(name, "role"),
                      args: {
                          description: `Execution role of Lambda function ${functionName}`,
                          assumeRolePolicy: JSON.stringify({
                              Version: "2012-10-17",
                              Statement: [
                                  {
                                      Effect: "Allow",
                                      Principal: { Service: "lambda.amazonaws.com" },
                                      Action: "sts:AssumeRole",
                                  },
                              ],
                          }),
                          tags,
                      },
                  },
        roleArn: args.role,
        requiredStatements: [],
        function: fn,
        alias: {
            name: childName(name, LIVE_ALIAS),
            args: { name: LIVE_ALIAS, description: "The version every event source invokes" },
        },
        // Async retries and event age. Failed events go to the function's dead-letter queue
        // (deadLetterConfig); no on-failure destination as well, which would deliver each failure twice.
        eventInvokeConfig: {
            name: childName(name, "invoke-config"),
            args: {
                maximumRetryAttempts: args.maximumRetryAttempts ?? LAMBDA_DEFAULTS.maximumRetryAttempts,
                maximumEventAgeInSeconds: args.maximumEventAgeSeconds ?? LAMBDA_DEFAULTS.maximumEventAgeSeconds,
            },
        },
        schedules: [],
        eventPatterns: [],
        eventSourceMappings: [],
        s3: [],
        sns: [],
        warnings: c.warnings,
    };
    layoutProvisioned(plan, name, args);
    const kafka = layoutEvents(plan, name, args);
    plan.requiredStatements = [...statements(plan, args), ...kafka];
    if (args.role === undefined) {
        plan.rolePolicy = { name: childName(name, "policy"), statements: plan.requiredStatements };
        checkPolicySize(v, plan.requiredStatements);
    }
    if (args.functionUrl) plan.functionUrl = layoutFunctionUrl(name, args.functionUrl);
    return plan;
}

/**
 * IAM: "Role policy size ... the total size of all inline policies for a role cannot exceed 10,240
 * characters" (whitespace not counted).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * ARNs known only at deploy time count as the shortest ARN could (20 characters), so the check
 * never fails a policy that would fit.
 */
const ROLE_POLICY_MAX = 10_240;

function checkPolicySize(v: Validator, statements: StatementPlan[]): void {
    const doc = statements.map(({ resourceOf, ...s }) => ({
        ...s,
        Resource: resourceOf !== undefined || !isKnown(s.Resource) ? "x".repeat(20) : s.Resource,
    }));
    const size = policyJson(doc as PolicyStatement[]).length;
    if (size > ROLE_POLICY_MAX) {
        v.add(
            "events",
            `give the function fewer queues and streams: its role's inline policy would be at least ${size} ` +
                `characters, and IAM allows ${ROLE_POLICY_MAX} per role`,
        );
    }
}

function codeInputs(code: LambdaCodePlan): Partial<aws.lambda.FunctionArgs> {
    switch (code.kind) {
        case "path":
            return { code: new pulumi.asset.FileArchive(code.path) };
        case "s3":
            return { s3Bucket: code.s3Bucket, s3Key: code.s3Key, s3ObjectVersion: code.s3ObjectVersion };
        case "image":
            return { imageUri: code.imageUri };
    }
}

function planCode(v: Validator, args: LambdaFunctionArgs): LambdaCodePlan | undefined {
    const c = args.code;
    if (c === undefined || c === null) {
        v.add("code", "is required: give exactly one of code.path, code.s3Bucket + code.s3Key, or code.imageUri");
        return undefined;
    }
    const hasS3 = c.s3Bucket !== undefined || c.s3Key !== undefined || c.s3ObjectVersion !== undefined;
    const forms = [
        c.path !== undefined ? "path" : undefined,
        hasS3 ? "s3Bucket" : undefined,
        c.imageUri !== undefined ? "imageUri" : undefined,
    ].filter((f) => f !== undefined);
    if (forms.length !== 1) {
        v.add(
            "code",
            `must have exactly one of code.path, code.s3Bucket + code.s3Key, or code.imageUri (got ` +
                `${forms.length === 0 ? "none" : forms.join(", ")})`,
        );
        return undefined;
    }
    if (c.path !== undefined) {
        if (c.path === "") v.add("code.path", "must be a directory or .zip file path (got an empty string)");
        return { kind: "path", path: c.path };
    }
    if (c.imageUri !== undefined) return { kind: "image", imageUri: c.imageUri };
    if (c.s3Bucket === undefined) {
        v.add(
            "code.s3Bucket",
            "is required with code.s3Key / code.s3ObjectVersion: give the bucket holding the package",
        );
    }
    if (c.s3Key === undefined) v.add("code.s3Key", "is required with code.s3Bucket: give the package's object key");
    return { kind: "s3", s3Bucket: c.s3Bucket ?? "", s3Key: c.s3Key ?? "", s3ObjectVersion: c.s3ObjectVersion };
}

function checkRuntime(v: Validator, warnings: string[], runtime: string, now: Date): void {
    const status = runtimeStatus(runtime, now);
    const supported = supportedRuntimes(now).join(", ");
    switch (status.state) {
        case "supported":
            return;
        case "unknown":
            v.add("runtime", `must be a runtime Lambda supports: one of ${supported} (got ${JSON.stringify(runtime)})`);
            return;
        case "blocked":
            v.add(
                "runtime",
                `${runtime} is deprecated and Lambda blocks updating functions that use it since ` +
                    `${status.schedule.blockUpdate}: use one of ${supported}`,
            );
            return;
        case "deprecated":
            warnings.push(
                `runtime ${runtime} is deprecated since ${status.schedule.deprecation} (no more security patches); ` +
                    (status.canCreate
                        ? `new functions can be created with it until ${status.schedule.blockCreate}`
                        : `new functions cannot be created with it since ${status.schedule.blockCreate}`) +
                    ` and existing ones updated until ${status.schedule.blockUpdate}. Move to one of ${supported}.`,
            );
            return;
    }
}

/** Lambda's environment is at most 4 KB (keys and values). https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
const ENVIRONMENT_MAX_BYTES = 4096;

function checkEnvironment(v: Validator, environment: Record<string, pulumi.Input<string>>): void {
    let bytes = 0;
    let allKnown = true;
    for (const [key, value] of Object.entries(environment)) {
        const path = joinPath("environment", key);
        if (!ENV_NAME.test(key)) {
            v.add(
                path,
                `names must be at least 2 characters, start with a letter and hold only letters, digits and "_" (got ` +
                    `${JSON.stringify(key)})`,
            );
        } else if ((RESERVED_ENVIRONMENT as readonly string[]).includes(key)) {
            v.add(
                path,
                `${key} is set by Lambda itself and cannot be configured; reserved names: ` +
                    `${RESERVED_ENVIRONMENT.join(", ")}`,
            );
        } else if (looksLikeSecretName(key)) {
            v.add(
                path,
                `${key} looks like a secret, and anyone who can read the function's configuration can read its environment. ` +
                    "Keep the secret in AWS Secrets Manager or SSM Parameter Store (SecureString), read it at run time " +
                    '(e.g. with the "AWS Parameters and Secrets Lambda Extension"), and pass only its location under ' +
                    "a plain name such as DB_PARAMETER_NAME",
            );
        }
        bytes += Buffer.byteLength(key);
        if (isKnown(value)) bytes += Buffer.byteLength(value);
        else allKnown = false;
    }
    if (allKnown && bytes > ENVIRONMENT_MAX_BYTES) {
        v.add("environment", `must total at most 4 KB of names and values (got ${bytes} bytes)`);
    }
}

const RESERVED_REASON = "provisioned executions count against the function's reserved concurrency";

function checkProvisioned(v: Validator, args: LambdaFunctionArgs): void {
    const reserved = args.reservedConcurrency;
    const pc = args.provisionedConcurrency;
    const as = args.autoScaling;
    if (pc !== undefined && as !== undefined) {
        v.add(
            "autoScaling",
            "must not be set together with provisionedConcurrency: give a fixed provisionedConcurrency, or " +
                "autoScaling {min, max, ...} to scale it",
        );
    }
    if (pc !== undefined) {
        v.min(pc, "provisionedConcurrency", 1);
        if (isKnown(reserved) && pc > reserved) {
            v.add(
                "provisionedConcurrency",
                `must be at most reservedConcurrency (${reserved}): ${RESERVED_REASON} (got ${pc})`,
            );
            v.add(
                "reservedConcurrency",
                `must be at least provisionedConcurrency (${pc}): ${RESERVED_REASON} (got ${reserved})`,
            );
        }
    }
    if (as === undefined) return;
    v.min(as.min, "autoScaling.min", 1);
    v.min(as.max, "autoScaling.max", 1);
    if (typeof as.min === "number" && typeof as.max === "number" && as.max < as.min) {
        v.add("autoScaling.max", `must be at least min (${as.min}) (got ${as.max})`);
        v.add("autoScaling.min", `must be at most max (${as.max}) (got ${as.min})`);
    }
    if (isKnown(reserved) && typeof as.max === "number" && as.max > reserved) {
        v.add(
            "autoScaling.max",
            `must be at most reservedConcurrency (${reserved}): ${RESERVED_REASON} (got ${as.max})`,
        );
        v.add(
            "reservedConcurrency",
            `must be at least autoScaling.max (${as.max}): ${RESERVED_REASON} (got ${reserved})`,
        );
    }
    (as.schedules ?? []).forEach((s, i) => {
        if (isKnown(reserved) && typeof s.maxCapacity === "number" && s.maxCapacity > reserved) {
            v.add(
                `autoScaling.schedules[${i}].maxCapacity`,
                `must be at most reservedConcurrency (${reserved}) (got ${s.maxCapacity})`,
            );
        }
    });
    // The shared vocabulary checks the targets (0.1-0.9 for utilization), steps and schedule expressions.
    v.merge(toApplicationAutoScaling(policiesOf(as), { service: "lambda" }).problems, "autoScaling");
}

/** The policies of `autoScaling`, with a target of 0.7 on utilization when neither target tracking nor steps are given. */
function policiesOf(as: AutoScalingArgs): AutoScalingArgs {
    if (as.targetTracking !== undefined || as.steps !== undefined) return as;
    return {
        ...as,
        targetTracking: [{ metric: "provisionedConcurrencyUtilization", target: LAMBDA_DEFAULTS.targetUtilization }],
    };
}

function layoutProvisioned(plan: LambdaFunctionPlan, name: string, args: LambdaFunctionArgs): void {
    const pc = args.provisionedConcurrency;
    const as = args.autoScaling;
    if (pc === undefined && as === undefined) return;
    // On the alias, never on $LATEST. When Application Auto Scaling owns the number, start at min
    // and leave later changes to it.
    plan.provisionedConcurrency = {
        name: childName(name, "provisioned"),
        args: { provisionedConcurrentExecutions: pc ?? (as as AutoScalingArgs).min },
        ignoreChanges: as ? ["provisionedConcurrentExecutions"] : undefined,
    };
    if (!as) return;
    const resource = `${plan.functionName}:${LIVE_ALIAS}`;
    const aas = toApplicationAutoScaling(policiesOf(as), {
        service: "lambda",
        // Step alarms on AWS/Lambda default to this alias's metrics.
        alarmDimensions: { FunctionName: plan.functionName, Resource: resource },
    });
    const policyKeys = aas.policies.map((p) => p.key);
    plan.scaling = {
        target: {
            name: childName(name, "scaling-target"),
            args: {
                serviceNamespace: aas.target.serviceNamespace,
                scalableDimension: aas.target.scalableDimension,
                resourceId: `function:${resource}`,
                minCapacity: as.min,
                maxCapacity: as.max,
                tags: plan.tags,
            },
        },
        policies: aas.policies.map((p) => ({
            name: childName(name, "scaling", p.key),
            args: { name: `${plan.functionName}-${p.key}`, ...p.args },
        })),
        alarms: aas.alarms.map((a) => ({
            name: childName(name, "scaling", a.key),
            args: { ...a.args, tags: plan.tags },
            policy: policyKeys.indexOf(a.policyKey),
        })),
        scheduledActions: aas.scheduledActions.map((a) => ({ name: childName(name, "scaling", a.key), args: a.args })),
    };
}

const LAYER_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:[A-Za-z0-9_-]{1,140}:\d+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** Layers, SnapStart, a role brought, the function URL. */
function checkExtras(
    v: Validator,
    args: LambdaFunctionArgs,
    code: LambdaCodePlan | undefined,
    runtime: string | undefined,
): void {
    // "Layers: 5" per function; container images carry their dependencies instead.
    // https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
    const layers = args.layers ?? [];
    v.count(layers, "layers", 0, 5, "layers");
    if (layers.length > 0 && code?.kind === "image")
        v.add("layers", "must not be set with code.imageUri: put the layers' content in the image");
    layers.forEach((l, i) => {
        if (isKnown(l) && !LAYER_ARN.test(l))
            v.add(
                `layers[${i}]`,
                `must be a layer version ARN, "arn:aws:lambda:<region>:<account>:layer:<name>:<version>" (got ` +
                    `${JSON.stringify(l)})`,
            );
    });
    v.unique(
        layers.map((l, i) => ({ value: l, path: `layers[${i}]` })),
        "layer",
    );

    // https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html
    if (args.snapStart === true) {
        const problem =
            code?.kind === "image"
                ? "is not available for container images"
                : runtime !== undefined
                  ? snapStartProblem(runtime)
                  : undefined;
        if (problem) v.add("snapStart", problem);
        if (args.provisionedConcurrency !== undefined || args.autoScaling !== undefined) {
            v.add(
                "snapStart",
                "cannot be used with provisioned concurrency (provisionedConcurrency or autoScaling): choose one",
            );
        }
        if (typeof args.ephemeralStorageMb === "number" && args.ephemeralStorageMb > 512) {
            v.add(
                "snapStart",
                `needs ephemeral storage of at most 512 MB (ephemeralStorageMb is ${args.ephemeralStorageMb})`,
            );
        }
    }

    const role = known(args.role);
    if (role !== undefined && !ROLE_ARN.test(role)) {
        v.add("role", `must be an IAM role ARN, "arn:aws:iam::<account>:role/<name>" (got ${JSON.stringify(role)})`);
    }
    if (args.functionUrl) checkFunctionUrl(v, args.functionUrl, "functionUrl");
}

/**
 * Lambda: "Function resource-based policy: 20 KB"
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). Each source that
 * invokes the function adds a statement of at least 200 characters (principal, action, the alias
 * ARN and the source ARN), so more than 102 of them can never fit.
 */
const RESOURCE_POLICY_MAX_PERMISSIONS = Math.floor(20_480 / 200);

function checkResourcePolicySize(v: Validator, args: LambdaFunctionArgs): void {
    const e = args.events ?? {};
    const buckets = new Set((e.s3 ?? []).map((s) => s.bucket)).size;
    const count =
        (e.http ? 1 : 0) +
        (e.alb ? 1 : 0) +
        (args.functionUrl?.authType === "NONE" ? 2 : 0) +
        (e.schedules?.length ?? 0) +
        (e.eventPatterns?.length ?? 0) +
        (e.sns?.length ?? 0) +
        buckets;
    if (count > RESOURCE_POLICY_MAX_PERMISSIONS) {
        v.add(
            "events",
            `give the function fewer invoking sources: ${count} permissions can't fit its 20 KB resource-based ` +
                `policy (at most ${RESOURCE_POLICY_MAX_PERMISSIONS}); one EventBridge rule or SNS topic can fan ` +
                `several sources in`,
        );
    }
}

function checkEvents(v: Validator, args: LambdaFunctionArgs): void {
    const e = args.events ?? {};

    if (e.http) checkHttpApi(v, e.http, "events.http");

    (e.schedules ?? []).forEach((s, i) => {
        const problem = scheduleExpressionProblem(s.expression ?? "");
        if (problem) v.add(`events.schedules[${i}].expression`, problem);
    });

    // SQS: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html (batch size up to 10000 on
    // standard queues and a batching window of at least 1 second above 10; FIFO queues take at most 10 and no
    // batching window; window 0-300 seconds).
    (e.sqs ?? []).forEach((q, i) => {
        const p = `events.sqs[${i}]`;
        const arn = known(q.queueArn);
        if (arn !== undefined && !SQS_QUEUE_ARN.test(arn)) {
            v.add(
                `${p}.queueArn`,
                `must be an SQS queue ARN such as "arn:aws:sqs:us-east-1:123456789012:orders" (a queue URL is not an ` +
                    `ARN) (got ${JSON.stringify(arn)})`,
            );
        }
        const fifo = arn?.endsWith(".fifo") ?? false;
        const batchSize = q.batchSize ?? LAMBDA_DEFAULTS.sqsBatchSize;
        v.range(
            q.batchSize,
            `${p}.batchSize`,
            1,
            fifo ? 10 : 10000,
            fifo ? { unit: "messages (a FIFO queue's maximum)" } : {},
        );
        v.range(q.maximumBatchingWindowSeconds, `${p}.maximumBatchingWindowSeconds`, 0, 300, { unit: "seconds" });
        const window = q.maximumBatchingWindowSeconds;
        if (fifo) {
            if (typeof window === "number" && window > 0) {
                v.add(
                    `${p}.maximumBatchingWindowSeconds`,
                    `must not be set for a FIFO queue: Lambda supports no batching window on FIFO queues (got ` +
                        `${window})`,
                );
            }
        } else if (batchSize > 10 && !(typeof window === "number" && window >= 1)) {
            v.add(
                `${p}.maximumBatchingWindowSeconds`,
                `is required (1 to 300 seconds) when batchSize is above 10 (batchSize is ${batchSize})`,
            );
        }
    });

    // Streams: https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    const stream = (kind: "dynamodb" | "kinesis", s: StreamArgs, i: number) => {
        const p = `events.${kind}[${i}]`;
        const arn = known(s.streamArn);
        if (kind === "dynamodb" && arn !== undefined && !DYNAMODB_STREAM_ARN.test(arn)) {
            v.add(
                `${p}.streamArn`,
                `must be a DynamoDB stream ARN, "arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>" ` +
                    `(the table's streamArn, not its arn) (got ${JSON.stringify(arn)})`,
            );
        }
        if (kind === "kinesis" && arn !== undefined && !KINESIS_STREAM_ARN.test(arn)) {
            v.add(
                `${p}.streamArn`,
                `must be a Kinesis data stream ARN, "arn:aws:kinesis:<region>:<account>:stream/<name>", or one of ` +
                    `its consumers (got ${JSON.stringify(arn)})`,
            );
        }
        if (s.startingPosition === undefined) v.add(`${p}.startingPosition`, 'is required: "TRIM_HORIZON" or "LATEST"');
        else v.oneOf(s.startingPosition, `${p}.startingPosition`, ["TRIM_HORIZON", "LATEST"] as const);
        v.range(s.batchSize, `${p}.batchSize`, 1, 10000);
        v.range(s.maximumRetryAttempts, `${p}.maximumRetryAttempts`, -1, 10000);
        if (kind === "kinesis") v.range(s.parallelizationFactor, `${p}.parallelizationFactor`, 1, 10);
    };
    (e.dynamodb ?? []).forEach((s, i) => {
        stream("dynamodb", s, i);
    });
    (e.kinesis ?? []).forEach((s, i) => {
        stream("kinesis", s, i);
    });

    // S3: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
    (e.s3 ?? []).forEach((s, i) => {
        const p = `events.s3[${i}]`;
        const events = knownList(s.events) as string[] | undefined;
        if (events) {
            v.count(events, `${p}.events`, 1, Number.MAX_SAFE_INTEGER, "event types");
            events.forEach((ev, j) => {
                if (!S3_EVENT.test(ev)) {
                    v.add(
                        `${p}.events[${j}]`,
                        `must be an S3 event type such as "s3:ObjectCreated:*" or "s3:ObjectRemoved:Delete" (got ` +
                            `${JSON.stringify(ev)})`,
                    );
                }
            });
        }
        for (const key of ["filterPrefix", "filterSuffix"] as const) {
            const value = s[key];
            if (value !== undefined && value.length > 1024)
                v.add(`${p}.${key}`, `must be at most 1024 characters (got ${value.length})`);
        }
    });

    checkResourcePolicySize(v, args);
    if (e.alb) checkAlb(v, e.alb, "events.alb");
    (e.kafka ?? []).forEach((k, i) => {
        checkKafka(v, k, `events.kafka[${i}]`);
    });
    (e.eventPatterns ?? []).forEach((p, i) => {
        checkEventPattern(v, p, `events.eventPatterns[${i}]`);
    });

    (e.sns ?? []).forEach((t, i) => {
        const arn = known(t.topicArn);
        if (arn !== undefined && !SNS_TOPIC_ARN.test(arn)) {
            v.add(
                `events.sns[${i}].topicArn`,
                `must be an SNS topic ARN such as "arn:aws:sns:us-east-1:123456789012:orders" (got ` +
                    `${JSON.stringify(arn)})`,
            );
        }
    });
}

interface StreamArgs {
    streamArn: pulumi.Input<string>;
    startingPosition: StreamStartingPosition;
    batchSize?: number;
    maximumRetryAttempts?: number;
    parallelizationFactor?: number;
}

/** Lays out the event sources; returns the role statements the Kafka sources need. */
function layoutEvents(plan: LambdaFunctionPlan, name: string, args: LambdaFunctionArgs): SourceStatement[] {
    const e = args.events ?? {};
    const { functionName, tags } = plan;
    const logRetentionDays = args.logRetentionDays ?? LAMBDA_DEFAULTS.logRetentionDays;

    if (e.http) plan.http = layoutHttpApi(name, functionName, e.http, tags, logRetentionDays);

    (e.schedules ?? []).forEach((s, i) => {
        plan.schedules.push({
            rule: {
                name: childName(name, "schedule", i),
                args: {
                    scheduleExpression: s.expression,
                    description: `Invokes Lambda function ${functionName} on ${s.expression}`,
                    tags,
                },
            },
            target: { name: childName(name, "schedule", i, "target"), args: { input: s.input } },
            permission: permission(childName(name, "schedule", i, "permission"), "events.amazonaws.com"),
        });
    });

    (e.sqs ?? []).forEach((q, i) => {
        plan.eventSourceMappings.push({
            name: childName(name, "sqs", i),
            args: {
                eventSourceArn: q.queueArn,
                batchSize: q.batchSize ?? LAMBDA_DEFAULTS.sqsBatchSize,
                maximumBatchingWindowInSeconds: q.maximumBatchingWindowSeconds,
                tags,
            },
        });
    });

    const streams: ["dynamodb" | "kinesis", StreamArgs[]][] = [
        ["dynamodb", e.dynamodb ?? []],
        ["kinesis", e.kinesis ?? []],
    ];
    for (const [kind, list] of streams) {
        list.forEach((s, i) => {
            const onFailure = plan.deadLetterTargetArn;
            plan.eventSourceMappings.push({
                name: childName(name, kind, i),
                args: {
                    eventSourceArn: s.streamArn,
                    startingPosition: s.startingPosition,
                    batchSize: s.batchSize ?? LAMBDA_DEFAULTS.streamBatchSize,
                    parallelizationFactor:
                        kind === "kinesis"
                            ? (s.parallelizationFactor ?? LAMBDA_DEFAULTS.parallelizationFactor)
                            : undefined,
                    maximumRetryAttempts: s.maximumRetryAttempts ?? LAMBDA_DEFAULTS.streamMaximumRetryAttempts,
                    bisectBatchOnFunctionError: true,
                    destinationConfig:
                        onFailure !== undefined ? { onFailure: { destinationArn: onFailure } } : undefined,
                    tags,
                },
                onFailureToDeadLetterQueue: plan.deadLetterQueue !== undefined ? true : undefined,
            });
        });
    }

    // Keyed by the bucket value: a name, or the very same Output (e.g. `uploads.bucket` given twice), since a
    // bucket holds one notification configuration and a second BucketNotification would replace the first.
    const byBucket = new Map<pulumi.Input<string>, S3NotificationPlan>();
    (e.s3 ?? []).forEach((s, i) => {
        const rule = {
            events: (knownList(s.events) as string[] | undefined) ?? [],
            ...(s.filterPrefix !== undefined ? { filterPrefix: s.filterPrefix } : {}),
            ...(s.filterSuffix !== undefined ? { filterSuffix: s.filterSuffix } : {}),
        };
        const existing = byBucket.get(s.bucket);
        if (existing) {
            existing.notification.args.lambdaFunctions.push(rule);
            return;
        }
        const entry: S3NotificationPlan = {
            permission: permission(childName(name, "s3", i, "permission"), "s3.amazonaws.com"),
            notification: { name: childName(name, "s3", i), args: { bucket: s.bucket, lambdaFunctions: [rule] } },
        };
        byBucket.set(s.bucket, entry);
        plan.s3.push(entry);
    });

    (e.sns ?? []).forEach((t, i) => {
        plan.sns.push({
            permission: permission(childName(name, "sns", i, "permission"), "sns.amazonaws.com", t.topicArn),
            subscription: { name: childName(name, "sns", i), args: { topic: t.topicArn, protocol: "lambda" } },
        });
    });

    if (e.alb) plan.alb = layoutAlb(name, e.alb, tags);
    (e.eventPatterns ?? []).forEach((p, i) => {
        plan.eventPatterns.push(layoutEventPattern(name, functionName, p, i, tags));
    });
    const kafkaStatements: SourceStatement[] = [];
    (e.kafka ?? []).forEach((k, i) => {
        const { mapping, statements } = layoutKafka(name, k, i, tags);
        plan.eventSourceMappings.push(mapping);
        kafkaStatements.push(...statements);
    });
    if ((e.kafka ?? []).some((k) => k.clusterArn !== undefined || k.vpc !== undefined)) {
        kafkaStatements.push(KAFKA_NETWORK_STATEMENT);
    }
    return kafkaStatements;
}

/** The role's policy statements, each scoped to what it is for. */
function statements(plan: LambdaFunctionPlan, args: LambdaFunctionArgs): StatementPlan[] {
    const out: StatementPlan[] = [
        // Only this function's own log group: it exists before the function, so no logs:CreateLogGroup.
        { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], resourceOf: "logGroup" },
    ];
    if ((args.tracing ?? LAMBDA_DEFAULTS.tracing) === "Active") {
        // The actions of AWSXRayDaemonWriteAccess. X-Ray has no resource-level permissions.
        out.push({
            Sid: "Tracing",
            Effect: "Allow",
            Action: [
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
                "xray:GetSamplingRules",
                "xray:GetSamplingTargets",
                "xray:GetSamplingStatisticSummaries",
            ],
            Resource: "*",
        });
    }
    if (args.vpc) {
        // The network-interface actions of AWSLambdaVPCAccessExecutionRole (without its logs:* on every
        // log group). The Describe actions support no resource-level permissions.
        out.push({
            Sid: "VpcNetworkInterfaces",
            Effect: "Allow",
            Action: [
                "ec2:CreateNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses",
            ],
            Resource: "*",
        });
    }
    if (plan.deadLetterQueue) {
        out.push({ Sid: "DeadLetter", Effect: "Allow", Action: ["sqs:SendMessage"], resourceOf: "deadLetterQueue" });
    } else if (plan.deadLetterTargetArn !== undefined) {
        const arn = known(plan.deadLetterTargetArn);
        // A target known only at deploy time gets both actions, on that one ARN.
        const action =
            arn === undefined
                ? ["sns:Publish", "sqs:SendMessage"]
                : arn.split(":")[2] === "sns"
                  ? ["sns:Publish"]
                  : ["sqs:SendMessage"];
        out.push({ Sid: "DeadLetter", Effect: "Allow", Action: action, Resource: plan.deadLetterTargetArn });
    }
    (args.events?.sqs ?? []).forEach((q, i) => {
        out.push({
            Sid: `SqsSource${i}`,
            Effect: "Allow",
            Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
            Resource: q.queueArn,
        });
    });
    for (const [sid, list, actions] of [
        ["DynamoDbSource", args.events?.dynamodb, STREAM_ACTIONS.dynamodb],
        ["KinesisSource", args.events?.kinesis, STREAM_ACTIONS.kinesis],
    ] as const) {
        (list ?? []).forEach((s, i) => {
            const consumer = KINESIS_CONSUMER.exec(known(s.streamArn) ?? "");
            // An enhanced fan-out consumer: Lambda reads the stream's shards, and subscribes through the
            // consumer (DescribeStreamConsumer, SubscribeToShard on the consumer's ARN: "IAM permissions
            // required for KCL consumer applications", Kinesis Data Streams developer guide).
            out.push({
                Sid: `${sid}${i}`,
                Effect: "Allow",
                Action: [...actions],
                Resource: consumer ? consumer[1] : s.streamArn,
            });
            if (consumer) {
                out.push({
                    Sid: `${sid}${i}Consumer`,
                    Effect: "Allow",
                    Action: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"],
                    Resource: s.streamArn,
                });
            }
        });
    }
    return out;
}

/** A Kinesis enhanced fan-out consumer's ARN, `<stream ARN>/consumer/<name>:<timestamp>`; group 1 is the stream's. */
const KINESIS_CONSUMER = /^(arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]+)\/consumer\/.+$/;

/**
 * What a stream event source reads, on that stream only: the actions of the managed policies
 * AWSLambdaDynamoDBExecutionRole and AWSLambdaKinesisExecutionRole, without their logs:* actions and
 * kinesis:ListStreams (which lists every stream of the account).
 */
const STREAM_ACTIONS = {
    dynamodb: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
    kinesis: [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
        "kinesis:SubscribeToShard",
    ],
} as const;
