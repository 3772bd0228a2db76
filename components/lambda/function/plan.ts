import * as pulumi from "@pulumi/pulumi";
import { isKnown, joinPath, known, knownList, LOG_RETENTION_DAYS, looksLikeSecretName, physicalName, validateTags, Validator } from "../../../src/core";
import { AppAutoScalingPlan, toApplicationAutoScaling } from "../../../src/scaling";
import type { LambdaFunctionArgs, StreamStartingPosition } from "./args";
import { routeKeyProblem, scheduleExpressionProblem } from "../shared/expressions";
import { DEFAULT_LAMBDA_RUNTIME, runtimeStatus, supportedRuntimes } from "../shared/runtimes";

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
    | { kind: "s3"; s3Bucket: pulumi.Input<string>; s3Key: pulumi.Input<string>; s3ObjectVersion?: pulumi.Input<string> }
    | { kind: "image"; imageUri: pulumi.Input<string> };

/** Provisioned concurrency on the `live` alias: fixed, or scaled between bounds. */
export type ProvisionedConcurrencyPlan =
    | { kind: "fixed"; executions: number }
    | {
          kind: "scaling";
          minCapacity: number;
          maxCapacity: number;
          targetUtilization: number;
          /** The vocabulary's translation: the target-tracking policy and the scheduled actions. */
          autoScaling: AppAutoScalingPlan;
      };

/** Where failed events go. */
export type DeadLetterPlan = { kind: "queue" } | { kind: "existing"; targetArn: pulumi.Input<string> };

/** One stream event source with its defaults applied. */
export interface StreamSourcePlan {
    kind: "dynamodb" | "kinesis";
    /** Position within its own list (`events.dynamodb[i]` / `events.kinesis[i]`). */
    index: number;
    streamArn: pulumi.Input<string>;
    startingPosition: StreamStartingPosition;
    batchSize: number;
    maximumRetryAttempts: number;
    /** Kinesis only. */
    parallelizationFactor?: number;
}

/** The S3 events of one bucket (entries naming the same bucket, or giving the same Output, are merged). */
export interface S3BucketPlan {
    bucket: pulumi.Input<string>;
    /** The index of the first entry for this bucket: names the children. */
    index: number;
    rules: { events: string[]; filterPrefix?: string; filterSuffix?: string }[];
}

/** Everything {@link LambdaFunction} creates, as plain data. */
export interface LambdaFunctionPlan {
    functionName: string;
    logGroupName: string;
    aliasName: typeof LIVE_ALIAS;
    packageType: "Zip" | "Image";
    /** Absent for container images. */
    runtime?: string;
    /** Absent for container images. */
    handler?: string;
    code: LambdaCodePlan;
    architecture: "arm64" | "x86_64";
    memorySize: number;
    timeoutSeconds: number;
    ephemeralStorageMb: number;
    environment: Record<string, pulumi.Input<string>>;
    reservedConcurrency?: number;
    provisioned?: ProvisionedConcurrencyPlan;
    deadLetter?: DeadLetterPlan;
    maximumRetryAttempts: number;
    maximumEventAgeSeconds: number;
    vpc?: { subnetIds: pulumi.Input<pulumi.Input<string>[]>; securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>; vpcId?: pulumi.Input<string> };
    tracing: "Active" | "PassThrough";
    logRetentionDays: number;
    events: {
        http?: { routes: string[] };
        schedules: { expression: string; input?: string }[];
        sqs: { queueArn: pulumi.Input<string>; batchSize: number; maximumBatchingWindowSeconds?: number }[];
        streams: StreamSourcePlan[];
        s3: S3BucketPlan[];
        sns: { topicArn: pulumi.Input<string> }[];
    };
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

/**
 * Applies defaults to a {@link LambdaFunctionArgs} and checks it; throws one
 * `InputPropertiesError` listing every problem.
 * @param now the day runtimes are judged on (their deprecation schedule); today by default.
 */
export function planLambdaFunction(name: string, args: LambdaFunctionArgs, now: Date = new Date()): LambdaFunctionPlan {
    const v = new Validator(`LambdaFunction "${name}"`);
    const warnings: string[] = [];

    // Name.
    const functionName = args.functionName ?? physicalName([name], { maxLength: 64, invalid: /[^A-Za-z0-9_-]/g });
    if (args.functionName !== undefined && !FUNCTION_NAME.test(args.functionName)) {
        v.add("functionName", `must be 1 to 64 letters, digits, "-" or "_" (got ${JSON.stringify(args.functionName)})`);
    }

    // Code.
    const code = planCode(v, args);
    const packageType = code?.kind === "image" ? "Image" : "Zip";
    let runtime: string | undefined;
    let handler: string | undefined;
    if (packageType === "Image") {
        if (args.runtime !== undefined) v.add("runtime", "must not be set with code.imageUri: a container image brings its own runtime");
        if (args.handler !== undefined) v.add("handler", "must not be set with code.imageUri: set the handler as the image's CMD");
    } else {
        runtime = args.runtime ?? LAMBDA_DEFAULTS.runtime;
        checkRuntime(v, warnings, runtime, now);
        handler = args.handler;
        if (handler === undefined || handler === "") v.add("handler", 'is required for a .zip package: give the handler, e.g. "index.handler" or "lambda_function.lambda_handler"');
        else if (handler.length > 128) v.add("handler", `must be at most 128 characters (got ${handler.length})`);
    }
    v.oneOf(args.architecture, "architecture", ["arm64", "x86_64"] as const);

    // Size. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
    const memorySize = args.memorySize ?? LAMBDA_DEFAULTS.memorySize;
    v.range(args.memorySize, "memorySize", 128, 10240, { unit: "MB" });
    const timeoutSeconds = args.timeoutSeconds ?? LAMBDA_DEFAULTS.timeoutSeconds;
    v.range(args.timeoutSeconds, "timeoutSeconds", 1, 900, { unit: "seconds" });
    const ephemeralStorageMb = args.ephemeralStorageMb ?? LAMBDA_DEFAULTS.ephemeralStorageMb;
    v.range(args.ephemeralStorageMb, "ephemeralStorageMb", 512, 10240, { unit: "MB" });

    // Environment.
    const environment = args.environment ?? {};
    checkEnvironment(v, environment);

    // Concurrency.
    v.min(args.reservedConcurrency, "reservedConcurrency", 0);
    const provisioned = planProvisioned(v, args);

    // Failure handling. Retries 0-2 and event age 60-21600 s: PutFunctionEventInvokeConfig,
    // https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
    const deadLetter = planDeadLetter(v, args.deadLetter);
    v.range(args.maximumRetryAttempts, "maximumRetryAttempts", 0, 2);
    v.range(args.maximumEventAgeSeconds, "maximumEventAgeSeconds", 60, 21600, { unit: "seconds" });

    // Network and tracing. At most 16 subnets and 5 security groups: VpcConfig,
    // https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html
    if (args.vpc) {
        v.count(args.vpc.subnetIds, "vpc.subnetIds", 1, 16, "subnets");
        if (args.vpc.securityGroupIds !== undefined) v.count(args.vpc.securityGroupIds, "vpc.securityGroupIds", 1, 5, "security groups");
        else if (args.vpc.vpcId === undefined) v.add("vpc.vpcId", "is required when vpc.securityGroupIds is not given: the function's security group is created in this VPC");
    }
    v.oneOf(args.tracing, "tracing", ["Active", "PassThrough"] as const);
    if (isKnown(args.logRetentionDays)) v.oneOf(args.logRetentionDays, "logRetentionDays", LOG_RETENTION_DAYS);

    const events = planEvents(v, args);
    if (!deadLetter && events.streams.length > 0) {
        warnings.push(
            `LambdaFunction "${name}": deadLetter is off, so the stream event sources have no on-failure destination; records that keep failing are dropped once their retries are spent.`,
        );
    }
    if (events.http && timeoutSeconds > 30) {
        warnings.push(
            `LambdaFunction "${name}": API Gateway HTTP APIs end an integration after 30 seconds, so HTTP requests fail before the function's ${timeoutSeconds}-second timeout.`,
        );
    }
    validateTags(v, args.tags);
    v.throwIfAny();

    return {
        functionName,
        logGroupName: `/aws/lambda/${functionName}`,
        aliasName: LIVE_ALIAS,
        packageType,
        runtime,
        handler,
        code: code!,
        architecture: args.architecture ?? LAMBDA_DEFAULTS.architecture,
        memorySize,
        timeoutSeconds,
        ephemeralStorageMb,
        environment,
        reservedConcurrency: args.reservedConcurrency,
        provisioned,
        deadLetter,
        maximumRetryAttempts: args.maximumRetryAttempts ?? LAMBDA_DEFAULTS.maximumRetryAttempts,
        maximumEventAgeSeconds: args.maximumEventAgeSeconds ?? LAMBDA_DEFAULTS.maximumEventAgeSeconds,
        vpc: args.vpc ? { subnetIds: args.vpc.subnetIds, securityGroupIds: args.vpc.securityGroupIds, vpcId: args.vpc.vpcId } : undefined,
        tracing: args.tracing ?? LAMBDA_DEFAULTS.tracing,
        logRetentionDays: args.logRetentionDays ?? LAMBDA_DEFAULTS.logRetentionDays,
        events,
        warnings,
    };
}

function planCode(v: Validator, args: LambdaFunctionArgs): LambdaCodePlan | undefined {
    const c = args.code;
    if (c === undefined || c === null) {
        v.add("code", "is required: give exactly one of code.path, code.s3Bucket + code.s3Key, or code.imageUri");
        return undefined;
    }
    const hasS3 = c.s3Bucket !== undefined || c.s3Key !== undefined || c.s3ObjectVersion !== undefined;
    const forms = [c.path !== undefined ? "path" : undefined, hasS3 ? "s3Bucket" : undefined, c.imageUri !== undefined ? "imageUri" : undefined].filter((f) => f !== undefined);
    if (forms.length !== 1) {
        v.add("code", `must have exactly one of code.path, code.s3Bucket + code.s3Key, or code.imageUri (got ${forms.length === 0 ? "none" : forms.join(", ")})`);
        return undefined;
    }
    if (c.path !== undefined) {
        if (c.path === "") v.add("code.path", "must be a directory or .zip file path (got an empty string)");
        return { kind: "path", path: c.path };
    }
    if (c.imageUri !== undefined) return { kind: "image", imageUri: c.imageUri };
    if (c.s3Bucket === undefined) v.add("code.s3Bucket", "is required with code.s3Key / code.s3ObjectVersion: give the bucket holding the package");
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
            v.add("runtime", `${runtime} is deprecated and Lambda blocks updating functions that use it since ${status.schedule.blockUpdate}: use one of ${supported}`);
            return;
        case "deprecated":
            warnings.push(
                `runtime ${runtime} is deprecated since ${status.schedule.deprecation} (no more security patches); ` +
                    (status.canCreate ? `new functions can be created with it until ${status.schedule.blockCreate}` : `new functions cannot be created with it since ${status.schedule.blockCreate}`) +
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
        if (!ENV_NAME.test(key)) v.add(path, `names must be at least 2 characters, start with a letter and hold only letters, digits and "_" (got ${JSON.stringify(key)})`);
        else if ((RESERVED_ENVIRONMENT as readonly string[]).includes(key)) v.add(path, `${key} is set by Lambda itself and cannot be configured; reserved names: ${RESERVED_ENVIRONMENT.join(", ")}`);
        else if (looksLikeSecretName(key)) {
            v.add(
                path,
                `${key} looks like a secret, and anyone who can read the function's configuration can read its environment. ` +
                    "Keep the secret in AWS Secrets Manager or SSM Parameter Store (SecureString), read it at run time " +
                    '(e.g. with the "AWS Parameters and Secrets Lambda Extension"), and pass only its location under a plain name such as DB_PARAMETER_NAME',
            );
        }
        bytes += Buffer.byteLength(key);
        if (isKnown(value)) bytes += Buffer.byteLength(value);
        else allKnown = false;
    }
    if (allKnown && bytes > ENVIRONMENT_MAX_BYTES) v.add("environment", `must total at most 4 KB of names and values (got ${bytes} bytes)`);
}

function planProvisioned(v: Validator, args: LambdaFunctionArgs): ProvisionedConcurrencyPlan | undefined {
    const pc = args.provisionedConcurrency;
    const reserved = args.reservedConcurrency;
    if (pc === undefined) return undefined;
    if (typeof pc === "number") {
        v.min(pc, "provisionedConcurrency", 1);
        if (isKnown(reserved) && pc > reserved) {
            v.add("provisionedConcurrency", `must be at most reservedConcurrency (${reserved}): provisioned executions count against the function's reserved concurrency (got ${pc})`);
        }
        return { kind: "fixed", executions: pc };
    }
    const base = "provisionedConcurrency";
    v.min(pc.minCapacity, `${base}.minCapacity`, 1);
    v.min(pc.maxCapacity, `${base}.maxCapacity`, 1);
    if (typeof pc.minCapacity === "number" && typeof pc.maxCapacity === "number" && pc.maxCapacity < pc.minCapacity) {
        v.add(`${base}.maxCapacity`, `must be at least minCapacity (${pc.minCapacity}) (got ${pc.maxCapacity})`);
    }
    if (isKnown(reserved) && typeof pc.maxCapacity === "number" && pc.maxCapacity > reserved) {
        v.add(`${base}.maxCapacity`, `must be at most reservedConcurrency (${reserved}): provisioned executions count against the function's reserved concurrency (got ${pc.maxCapacity})`);
    }
    // Target tracking on LambdaProvisionedConcurrencyUtilization and the schedules, through the shared
    // scaling vocabulary (it checks the target, 0.1-0.9, and the schedule expressions).
    const targetUtilization = pc.targetUtilization ?? LAMBDA_DEFAULTS.targetUtilization;
    const autoScaling = toApplicationAutoScaling({ targetTracking: [{ metric: "provisionedConcurrencyUtilization", target: targetUtilization }], schedules: pc.schedules }, { service: "lambda" });
    for (const problem of autoScaling.problems) {
        const path = problem.propertyPath.startsWith("targetTracking[0].target") ? "targetUtilization" : problem.propertyPath;
        v.add(joinPath(base, path), problem.reason);
    }
    (pc.schedules ?? []).forEach((s, i) => {
        if (isKnown(reserved) && typeof s.maxCapacity === "number" && s.maxCapacity > reserved) {
            v.add(`${base}.schedules[${i}].maxCapacity`, `must be at most reservedConcurrency (${reserved}) (got ${s.maxCapacity})`);
        }
    });
    return { kind: "scaling", minCapacity: pc.minCapacity, maxCapacity: pc.maxCapacity, targetUtilization, autoScaling };
}

function planDeadLetter(v: Validator, dl: LambdaFunctionArgs["deadLetter"]): DeadLetterPlan | undefined {
    if (dl === undefined || dl === true) return { kind: "queue" };
    if (dl === false) return undefined;
    if (isKnown(dl.targetArn) && !/^arn:aws[a-z-]*:(sqs|sns):/.test(dl.targetArn)) {
        v.add("deadLetter.targetArn", `must be the ARN of an SQS queue or SNS topic (got ${JSON.stringify(dl.targetArn)})`);
    }
    return { kind: "existing", targetArn: dl.targetArn };
}

function planEvents(v: Validator, args: LambdaFunctionArgs): LambdaFunctionPlan["events"] {
    const e = args.events ?? {};
    const out: LambdaFunctionPlan["events"] = { schedules: [], sqs: [], streams: [], s3: [], sns: [] };

    if (e.http) {
        const routes = e.http.routes ?? [];
        v.count(routes, "events.http.routes", 1, 300, "routes");
        routes.forEach((r, i) => {
            const problem = routeKeyProblem(r);
            if (problem) v.add(`events.http.routes[${i}]`, problem);
        });
        v.unique(routes.map((r, i) => ({ value: r, path: `events.http.routes[${i}]` })), "route");
        out.http = { routes };
    }

    (e.schedules ?? []).forEach((s, i) => {
        const problem = scheduleExpressionProblem(s.expression ?? "");
        if (problem) v.add(`events.schedules[${i}].expression`, problem);
        out.schedules.push({ expression: s.expression, input: s.input });
    });

    // SQS: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html (batch size up to 10000 on
    // standard queues and a batching window of at least 1 second above 10; FIFO queues take at most 10 and no
    // batching window; window 0-300 seconds).
    (e.sqs ?? []).forEach((q, i) => {
        const p = `events.sqs[${i}]`;
        const arn = known(q.queueArn);
        if (arn !== undefined && !SQS_QUEUE_ARN.test(arn)) {
            v.add(`${p}.queueArn`, `must be an SQS queue ARN such as "arn:aws:sqs:us-east-1:123456789012:orders" (a queue URL is not an ARN) (got ${JSON.stringify(arn)})`);
        }
        const fifo = arn !== undefined && arn.endsWith(".fifo");
        const batchSize = q.batchSize ?? LAMBDA_DEFAULTS.sqsBatchSize;
        v.range(q.batchSize, `${p}.batchSize`, 1, fifo ? 10 : 10000, fifo ? { unit: "messages (a FIFO queue's maximum)" } : {});
        v.range(q.maximumBatchingWindowSeconds, `${p}.maximumBatchingWindowSeconds`, 0, 300, { unit: "seconds" });
        if (fifo) {
            if (typeof q.maximumBatchingWindowSeconds === "number" && q.maximumBatchingWindowSeconds > 0) {
                v.add(`${p}.maximumBatchingWindowSeconds`, `must not be set for a FIFO queue: Lambda supports no batching window on FIFO queues (got ${q.maximumBatchingWindowSeconds})`);
            }
        } else if (batchSize > 10 && !(typeof q.maximumBatchingWindowSeconds === "number" && q.maximumBatchingWindowSeconds >= 1)) {
            v.add(`${p}.maximumBatchingWindowSeconds`, `is required (1 to 300 seconds) when batchSize is above 10 (batchSize is ${batchSize})`);
        }
        out.sqs.push({ queueArn: q.queueArn, batchSize, maximumBatchingWindowSeconds: q.maximumBatchingWindowSeconds });
    });

    // Streams: https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    const stream = (kind: "dynamodb" | "kinesis", s: { streamArn: pulumi.Input<string>; startingPosition: StreamStartingPosition; batchSize?: number; maximumRetryAttempts?: number; parallelizationFactor?: number }, i: number) => {
        const p = `events.${kind}[${i}]`;
        const arn = known(s.streamArn);
        if (kind === "dynamodb" && arn !== undefined && !DYNAMODB_STREAM_ARN.test(arn)) {
            v.add(`${p}.streamArn`, `must be a DynamoDB stream ARN, "arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>" (the table's streamArn, not its arn) (got ${JSON.stringify(arn)})`);
        }
        if (kind === "kinesis" && arn !== undefined && !KINESIS_STREAM_ARN.test(arn)) {
            v.add(`${p}.streamArn`, `must be a Kinesis data stream ARN, "arn:aws:kinesis:<region>:<account>:stream/<name>", or one of its consumers (got ${JSON.stringify(arn)})`);
        }
        if (s.startingPosition === undefined) v.add(`${p}.startingPosition`, 'is required: "TRIM_HORIZON" or "LATEST"');
        else v.oneOf(s.startingPosition, `${p}.startingPosition`, ["TRIM_HORIZON", "LATEST"] as const);
        v.range(s.batchSize, `${p}.batchSize`, 1, 10000);
        v.range(s.maximumRetryAttempts, `${p}.maximumRetryAttempts`, -1, 10000);
        if (kind === "kinesis") v.range(s.parallelizationFactor, `${p}.parallelizationFactor`, 1, 10);
        out.streams.push({
            kind,
            index: i,
            streamArn: s.streamArn,
            startingPosition: s.startingPosition,
            batchSize: s.batchSize ?? LAMBDA_DEFAULTS.streamBatchSize,
            maximumRetryAttempts: s.maximumRetryAttempts ?? LAMBDA_DEFAULTS.streamMaximumRetryAttempts,
            parallelizationFactor: kind === "kinesis" ? (s.parallelizationFactor ?? LAMBDA_DEFAULTS.parallelizationFactor) : undefined,
        });
    };
    (e.dynamodb ?? []).forEach((s, i) => stream("dynamodb", s, i));
    (e.kinesis ?? []).forEach((s, i) => stream("kinesis", s, i));

    // S3: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
    // Keyed by the bucket value: a name, or the very same Output (e.g. `uploads.bucket` given twice), since a
    // bucket holds one notification configuration and a second BucketNotification would replace the first.
    const byBucket = new Map<pulumi.Input<string>, S3BucketPlan>();
    (e.s3 ?? []).forEach((s, i) => {
        const p = `events.s3[${i}]`;
        const events = knownList(s.events) as string[] | undefined;
        if (events) {
            v.count(events, `${p}.events`, 1, Number.MAX_SAFE_INTEGER, "event types");
            events.forEach((ev, j) => {
                if (!S3_EVENT.test(ev)) v.add(`${p}.events[${j}]`, `must be an S3 event type such as "s3:ObjectCreated:*" or "s3:ObjectRemoved:Delete" (got ${JSON.stringify(ev)})`);
            });
        }
        for (const key of ["filterPrefix", "filterSuffix"] as const) {
            const value = s[key];
            if (value !== undefined && value.length > 1024) v.add(`${p}.${key}`, `must be at most 1024 characters (got ${value.length})`);
        }
        const rule = { events: events ?? [], filterPrefix: s.filterPrefix, filterSuffix: s.filterSuffix };
        const existing = byBucket.get(s.bucket);
        if (existing) existing.rules.push(rule);
        else {
            const plan: S3BucketPlan = { bucket: s.bucket, index: i, rules: [rule] };
            byBucket.set(s.bucket, plan);
            out.s3.push(plan);
        }
    });

    (e.sns ?? []).forEach((t, i) => {
        const arn = known(t.topicArn);
        if (arn !== undefined && !SNS_TOPIC_ARN.test(arn)) v.add(`events.sns[${i}].topicArn`, `must be an SNS topic ARN such as "arn:aws:sns:us-east-1:123456789012:orders" (got ${JSON.stringify(arn)})`);
        out.sns.push({ topicArn: t.topicArn });
    });
    return out;
}
