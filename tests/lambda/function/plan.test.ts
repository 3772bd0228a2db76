import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LambdaFunctionArgs, planLambdaFunction } from "../../../components/lambda";
import { routeKeyProblem, scheduleExpressionProblem } from "../../../components/lambda/shared/expressions";
import { runtimeStatus, supportedRuntimes } from "../../../components/lambda/shared/runtimes";
import { problemPaths } from "../../support";

/** The day these tests judge runtimes on (the runtime table's publication). */
const NOW = new Date("2026-11-26T12:00:00Z");
/** Source ARNs shaped the way AWS forms them. */
const QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders";
const DDB_STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-11-01T00:00:00.000";
const KINESIS = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks";
const base: LambdaFunctionArgs = { handler: "index.handler", code: { path: "./app" } };
const ctx = (now = NOW) => ({ stack: "dev", now });
const plan = (args: Partial<LambdaFunctionArgs>, now = NOW) =>
    planLambdaFunction("fn", { ...base, ...args } as LambdaFunctionArgs, ctx(now));
const paths = (args: Partial<LambdaFunctionArgs>, now = NOW) => problemPaths(() => plan(args, now));
const problems = (args: Partial<LambdaFunctionArgs>): { propertyPath: string; reason: string }[] => {
    try {
        plan(args);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    throw new Error("expected an InputPropertiesError");
};

describe("defaults", () => {
    it("applies the documented defaults", () => {
        const p = plan({});
        expect(p).toMatchObject({ functionName: "fn", aliasName: "live" });
        expect(p.logGroup.args).toMatchObject({ name: "/aws/lambda/fn", retentionInDays: 30 });
        expect(p.function.args).toMatchObject({
            name: "fn",
            packageType: "Zip",
            runtime: "nodejs22.x",
            handler: "index.handler",
            architectures: ["x86_64"],
            memorySize: 512,
            timeout: 30,
            ephemeralStorage: { size: 512 },
            tracingConfig: { mode: "Active" },
            loggingConfig: { logFormat: "Text", logGroup: "/aws/lambda/fn" },
            publish: true,
        });
        expect(p.eventInvokeConfig.args).toEqual({ maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600 });
        expect(p.deadLetterQueue?.args).toMatchObject({ sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600 });
        expect(p.provisionedConcurrency).toBeUndefined();
        expect(p.function.args.vpcConfig).toBeUndefined();
        expect(p.warnings).toEqual([]);
    });

    it("derives a valid function name of at most 64 characters", () => {
        expect(planLambdaFunction("orders api.v2", base, ctx()).functionName).toBe("orders-api-v2");
        const long = planLambdaFunction("x".repeat(80), base, ctx()).functionName;
        expect(long.length).toBe(64);
        expect(long).toMatch(/^x+-[0-9a-f]{7}$/);
    });

    it("fills event-source defaults: SQS batch 10, stream batch 100, 10 retries, parallelization 1", () => {
        const p = plan({
            events: {
                sqs: [{ queueArn: QUEUE }],
                dynamodb: [{ streamArn: DDB_STREAM, startingPosition: "LATEST" }],
                kinesis: [{ streamArn: KINESIS, startingPosition: "TRIM_HORIZON" }],
            },
        });
        const [sqs, ...streams] = p.eventSourceMappings;
        expect(sqs.args).toMatchObject({ eventSourceArn: QUEUE, batchSize: 10 });
        expect(sqs.args.maximumBatchingWindowInSeconds).toBeUndefined();
        expect(
            streams.map((s) => [s.name, s.args.batchSize, s.args.maximumRetryAttempts, s.args.parallelizationFactor]),
        ).toEqual([
            ["fn-dynamodb-0", 100, 10, undefined],
            ["fn-kinesis-0", 100, 10, 1],
        ]);
    });

    it("accepts a FIFO queue at its batch maximum of 10, a Kinesis fan-out consumer, and GovCloud ARNs", () => {
        const consumer = `${KINESIS}/consumer/app:1700000000`;
        const p = plan({
            events: {
                sqs: [{ queueArn: `${QUEUE}.fifo`, batchSize: 10 }],
                kinesis: [{ streamArn: consumer, startingPosition: "LATEST" }],
                sns: [{ topicArn: "arn:aws-us-gov:sns:us-gov-west-1:123456789012:alerts.fifo" }],
            },
        });
        expect(p.eventSourceMappings[0].args.batchSize).toBe(10);
        expect(p.eventSourceMappings[1].args.eventSourceArn).toBe(consumer);
    });

    it("lets a function on a Kinesis fan-out consumer read the stream and subscribe through the consumer", () => {
        const consumer = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks/consumer/app:1700000000";
        const p = plan({ events: { kinesis: [{ streamArn: consumer, startingPosition: "LATEST" }] } });
        const kinesis = p.requiredStatements.filter((s) => s.Sid.startsWith("KinesisSource"));
        // The stream's read actions (the same as for a plain stream source) go on the stream itself.
        expect(kinesis.map((s) => [s.Sid, s.Resource])).toEqual([
            ["KinesisSource0", "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"],
            ["KinesisSource0Consumer", consumer],
        ]);
        expect(kinesis[0].Action).toEqual(expect.arrayContaining(["kinesis:GetRecords", "kinesis:GetShardIterator"]));
        expect(kinesis[1].Action).toEqual(["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"]);
    });

    it("merges S3 entries of the same bucket into one notification", () => {
        const p = plan({
            events: {
                s3: [
                    { bucket: "uploads", events: ["s3:ObjectCreated:*"], filterSuffix: ".csv" },
                    { bucket: "other", events: ["s3:ObjectRemoved:*"] },
                    { bucket: "uploads", events: ["s3:ObjectRemoved:Delete"], filterPrefix: "tmp/" },
                ],
            },
        });
        expect(
            p.s3.map((b) => [
                b.notification.args.bucket,
                b.notification.name,
                b.notification.args.lambdaFunctions.length,
            ]),
        ).toEqual([
            ["uploads", "fn-s3-0", 2],
            ["other", "fn-s3-1", 1],
        ]);
    });

    it("merges entries that give the same Output for the bucket, and keeps different Outputs apart", () => {
        const uploads = pulumi.output("uploads");
        const other = pulumi.output("uploads");
        const p = plan({
            events: {
                s3: [
                    { bucket: uploads, events: ["s3:ObjectCreated:*"] },
                    { bucket: other, events: ["s3:ObjectCreated:*"] },
                    { bucket: uploads, events: ["s3:ObjectRemoved:*"] },
                ],
            },
        });
        expect(
            p.s3.map((b) => [b.notification.name, b.notification.args.lambdaFunctions.map((r) => r.events[0])]),
        ).toEqual([
            ["fn-s3-0", ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]],
            ["fn-s3-1", ["s3:ObjectCreated:*"]],
        ]);
        // The very same Outputs (toEqual cannot tell two Outputs apart).
        expect(p.s3[0].notification.args.bucket).toBe(uploads);
        expect(p.s3[1].notification.args.bucket).toBe(other);
    });

    it("a container image has no runtime or handler", () => {
        const p = planLambdaFunction(
            "fn",
            { code: { imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1" } },
            ctx(),
        );
        expect(p.function.args.packageType).toBe("Image");
        expect(p.function.args.runtime).toBeUndefined();
        expect(p.function.args.handler).toBeUndefined();
    });

    it("autoScaling with bounds only becomes a target-tracking policy at 0.7 on LambdaProvisionedConcurrencyUtilization", () => {
        const p = plan({ autoScaling: { min: 2, max: 20 } });
        if (!p.scaling) throw new Error("expected scaling");
        expect(p.scaling.target.args).toMatchObject({
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId: "function:fn:live",
            minCapacity: 2,
            maxCapacity: 20,
        });
        expect(p.provisionedConcurrency).toMatchObject({
            args: { provisionedConcurrentExecutions: 2 },
            ignoreChanges: ["provisionedConcurrentExecutions"],
        });
        expect(p.scaling.policies).toHaveLength(1);
        expect(p.scaling.policies[0].args).toMatchObject({
            policyType: "TargetTrackingScaling",
            targetTrackingScalingPolicyConfiguration: {
                targetValue: 0.7,
                predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
            },
        });
    });
});

describe("runtimes (Lambda runtimes page, November 2026)", () => {
    it("python3.11 is still supported on 2026-11-26 (deprecation moved to 2027-06-30)", () => {
        expect(runtimeStatus("python3.11", NOW).state).toBe("supported");
        expect(plan({ runtime: "python3.11" }).warnings).toEqual([]);
    });

    it("a deprecated runtime that can still be updated is accepted with a warning", () => {
        // python3.10: deprecated 2026-10-31, create blocked 2026-11-30, update blocked 2027-01-15.
        expect(runtimeStatus("python3.10", NOW)).toMatchObject({ state: "deprecated", canCreate: true });
        const p = plan({ runtime: "python3.10" });
        expect(p.warnings).toHaveLength(1);
        expect(p.warnings[0]).toContain("python3.10 is deprecated since 2026-10-31");
        expect(p.warnings[0]).toContain("until 2026-11-30");
        // After the create block, the warning says so.
        const later = plan({ runtime: "python3.10" }, new Date("2026-12-15T00:00:00Z"));
        expect(later.warnings[0]).toContain("cannot be created with it since 2026-11-30");
    });

    it("a runtime past its update block is rejected", () => {
        // nodejs20.x: update blocked since 2026-09-30.
        expect(runtimeStatus("nodejs20.x", NOW).state).toBe("blocked");
        const errs = problems({ runtime: "nodejs20.x" });
        expect(errs.map((e) => e.propertyPath)).toEqual(["runtime"]);
        expect(errs[0].reason).toContain("nodejs22.x");
    });

    it("an unknown runtime is rejected with the supported list", () => {
        const errs = problems({ runtime: "go1.x" });
        expect(errs.map((e) => e.propertyPath)).toEqual(["runtime"]);
        expect(errs[0].reason).toContain("nodejs24.x");
        expect(errs[0].reason).toContain("python3.14");
    });

    it("the default runtime is supported today and the supported list excludes deprecated runtimes", () => {
        const supported = supportedRuntimes(NOW);
        expect(supported).toContain("nodejs22.x");
        expect(supported).toContain("provided.al2023");
        expect(supported).not.toContain("nodejs20.x");
        expect(supported).not.toContain("python3.10");
        expect(supported).not.toContain("dotnet8"); // deprecated 2026-11-10
    });
});

describe("validation: one failing case per rule, with its path", () => {
    it.each<[string, Partial<LambdaFunctionArgs>, string]>([
        ["memory below 128", { memorySize: 127 }, "memorySize"],
        ["memory above 10240", { memorySize: 10241 }, "memorySize"],
        ["timeout below 1", { timeoutSeconds: 0 }, "timeoutSeconds"],
        ["timeout above 900", { timeoutSeconds: 901 }, "timeoutSeconds"],
        ["ephemeral storage below 512", { ephemeralStorageMb: 511 }, "ephemeralStorageMb"],
        ["ephemeral storage above 10240", { ephemeralStorageMb: 10241 }, "ephemeralStorageMb"],
        ["negative reserved concurrency", { reservedConcurrency: -1 }, "reservedConcurrency"],
        ["provisioned concurrency 0", { provisionedConcurrency: 0 }, "provisionedConcurrency"],
        ["scaling min 0", { autoScaling: { min: 0, max: 5 } }, "autoScaling.min"],
        [
            "fixed and scaled provisioned concurrency at once",
            { provisionedConcurrency: 2, autoScaling: { min: 1, max: 5 } },
            "autoScaling",
        ],
        [
            "target utilization below 0.1",
            {
                autoScaling: {
                    min: 1,
                    max: 5,
                    targetTracking: [{ metric: "provisionedConcurrencyUtilization", target: 0.05 }],
                },
            },
            "autoScaling.targetTracking[0].target",
        ],
        [
            "target utilization above 0.9",
            {
                autoScaling: {
                    min: 1,
                    max: 5,
                    targetTracking: [{ metric: "provisionedConcurrencyUtilization", target: 0.95 }],
                },
            },
            "autoScaling.targetTracking[0].target",
        ],
        [
            "a cpu target (not a Lambda metric)",
            { autoScaling: { min: 1, max: 5, targetTracking: [{ metric: "cpu", target: 50 }] } },
            "autoScaling.targetTracking[0].metric",
        ],
        [
            "predictive scaling",
            { autoScaling: { min: 1, max: 5, predictive: { metric: "cpu", target: 50 } } },
            "autoScaling.predictive",
        ],
        [
            "scaling schedule with a 5-field cron",
            { autoScaling: { min: 1, max: 5, schedules: [{ name: "day", cron: "cron(0 8 * * *)", minCapacity: 3 }] } },
            "autoScaling.schedules[0].cron",
        ],
        [
            "scaling schedule above reserved",
            {
                reservedConcurrency: 10,
                autoScaling: {
                    min: 1,
                    max: 5,
                    schedules: [{ name: "peak", cron: "cron(0 8 ? * MON-FRI *)", maxCapacity: 11 }],
                },
            },
            "autoScaling.schedules[0].maxCapacity",
        ],
        [
            "17 subnets",
            { vpc: { subnetIds: Array.from({ length: 17 }, (_, i) => `subnet-${i}`), securityGroupIds: ["sg-1"] } },
            "vpc.subnetIds",
        ],
        ["no subnets", { vpc: { subnetIds: [], securityGroupIds: ["sg-1"] } }, "vpc.subnetIds"],
        [
            "6 security groups",
            { vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"] } },
            "vpc.securityGroupIds",
        ],
        ["no security groups and no VPC id", { vpc: { subnetIds: ["subnet-1"] } }, "vpc.vpcId"],
        ["3 retries", { maximumRetryAttempts: 3 }, "maximumRetryAttempts"],
        ["negative retries", { maximumRetryAttempts: -1 }, "maximumRetryAttempts"],
        ["event age below 60", { maximumEventAgeSeconds: 59 }, "maximumEventAgeSeconds"],
        ["event age above 21600", { maximumEventAgeSeconds: 21601 }, "maximumEventAgeSeconds"],
        ["SQS batch 0", { events: { sqs: [{ queueArn: QUEUE, batchSize: 0 }] } }, "events.sqs[0].batchSize"],
        [
            "SQS batch above 10000",
            { events: { sqs: [{ queueArn: QUEUE, batchSize: 10001, maximumBatchingWindowSeconds: 5 }] } },
            "events.sqs[0].batchSize",
        ],
        [
            "SQS batch above 10 without a window",
            { events: { sqs: [{ queueArn: QUEUE, batchSize: 11 }] } },
            "events.sqs[0].maximumBatchingWindowSeconds",
        ],
        [
            "SQS batch above 10 with a 0-second window",
            { events: { sqs: [{ queueArn: QUEUE, batchSize: 100, maximumBatchingWindowSeconds: 0 }] } },
            "events.sqs[0].maximumBatchingWindowSeconds",
        ],
        [
            "SQS window above 300",
            { events: { sqs: [{ queueArn: QUEUE, maximumBatchingWindowSeconds: 301 }] } },
            "events.sqs[0].maximumBatchingWindowSeconds",
        ],
        [
            "DynamoDB batch 0",
            { events: { dynamodb: [{ streamArn: DDB_STREAM, startingPosition: "LATEST", batchSize: 0 }] } },
            "events.dynamodb[0].batchSize",
        ],
        [
            "DynamoDB batch above 10000",
            { events: { dynamodb: [{ streamArn: DDB_STREAM, startingPosition: "LATEST", batchSize: 10001 }] } },
            "events.dynamodb[0].batchSize",
        ],
        [
            "DynamoDB starting position",
            { events: { dynamodb: [{ streamArn: DDB_STREAM, startingPosition: "AT_TIMESTAMP" as "LATEST" }] } },
            "events.dynamodb[0].startingPosition",
        ],
        [
            "DynamoDB retries below -1",
            { events: { dynamodb: [{ streamArn: DDB_STREAM, startingPosition: "LATEST", maximumRetryAttempts: -2 }] } },
            "events.dynamodb[0].maximumRetryAttempts",
        ],
        [
            "Kinesis batch above 10000",
            { events: { kinesis: [{ streamArn: KINESIS, startingPosition: "LATEST", batchSize: 10001 }] } },
            "events.kinesis[0].batchSize",
        ],
        [
            "Kinesis parallelization 0",
            { events: { kinesis: [{ streamArn: KINESIS, startingPosition: "LATEST", parallelizationFactor: 0 }] } },
            "events.kinesis[0].parallelizationFactor",
        ],
        [
            "Kinesis parallelization 11",
            { events: { kinesis: [{ streamArn: KINESIS, startingPosition: "LATEST", parallelizationFactor: 11 }] } },
            "events.kinesis[0].parallelizationFactor",
        ],
        [
            "SQS queue URL instead of ARN",
            { events: { sqs: [{ queueArn: "https://sqs.us-east-1.amazonaws.com/123456789012/orders" }] } },
            "events.sqs[0].queueArn",
        ],
        [
            "FIFO queue batch above 10",
            { events: { sqs: [{ queueArn: `${QUEUE}.fifo`, batchSize: 11 }] } },
            "events.sqs[0].batchSize",
        ],
        [
            "FIFO queue with a batching window",
            { events: { sqs: [{ queueArn: `${QUEUE}.fifo`, maximumBatchingWindowSeconds: 5 }] } },
            "events.sqs[0].maximumBatchingWindowSeconds",
        ],
        [
            "DynamoDB table ARN instead of its stream ARN",
            {
                events: {
                    dynamodb: [
                        {
                            streamArn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                            startingPosition: "LATEST",
                        },
                    ],
                },
            },
            "events.dynamodb[0].streamArn",
        ],
        [
            "Kinesis stream name instead of ARN",
            { events: { kinesis: [{ streamArn: "clicks", startingPosition: "LATEST" }] } },
            "events.kinesis[0].streamArn",
        ],
        [
            "SNS topic name instead of ARN",
            { events: { sns: [{ topicArn: "order-events" }] } },
            "events.sns[0].topicArn",
        ],
        [
            "schedule expression",
            { events: { schedules: [{ expression: "rate(5 minute)" }] } },
            "events.schedules[0].expression",
        ],
        [
            "HTTP route without a method",
            { events: { http: { routes: ["/orders"], auth: "none" } } },
            "events.http.routes[0]",
        ],
        ["HTTP API without routes", { events: { http: { routes: [], auth: "none" } } }, "events.http.routes"],
        [
            "duplicate HTTP route",
            { events: { http: { routes: ["GET /a", "GET /a"], auth: "none" } } },
            "events.http.routes[1]",
        ],
        ["no code form", { code: {} }, "code"],
        ["two code forms", { code: { path: "./app", imageUri: "repo/app:1" } }, "code"],
        ["s3 bucket without key", { code: { s3Bucket: "b" } }, "code.s3Key"],
        ["s3 key without bucket", { code: { s3Key: "k.zip" } }, "code.s3Bucket"],
        [
            "runtime with an image",
            { code: { imageUri: "repo/app:1" }, handler: undefined, runtime: "nodejs22.x" },
            "runtime",
        ],
        ["handler with an image", { code: { imageUri: "repo/app:1" } }, "handler"],
        ["zip without a handler", { handler: undefined }, "handler"],
        ["secret-looking environment variable", { environment: { DB_PASSWORD: "hunter2" } }, "environment.DB_PASSWORD"],
        ["reserved environment variable", { environment: { AWS_REGION: "eu-west-1" } }, "environment.AWS_REGION"],
        ["invalid environment variable name", { environment: { "1ST": "x" } }, "environment.1ST"],
        ["one-character environment variable name", { environment: { X: "1" } }, "environment.X"],
        ["environment above 4 KB", { environment: { BIG: "x".repeat(4100) } }, "environment"],
        ["architecture", { architecture: "ppc64" as "arm64" }, "architecture"],
        ["tracing mode", { tracing: "On" as "Active" }, "tracing"],
        ["log retention not a CloudWatch value", { logRetentionDays: 31 }, "logRetentionDays"],
        ["function name", { functionName: "orders.api" }, "functionName"],
        ["function name too long", { functionName: "f".repeat(65) }, "functionName"],
        [
            "dead-letter target not a queue or topic",
            { deadLetter: { targetArn: "arn:aws:s3:::bucket" } },
            "deadLetter.targetArn",
        ],
        ["S3 event type", { events: { s3: [{ bucket: "b", events: ["ObjectCreated"] }] } }, "events.s3[0].events[0]"],
        ["S3 without events", { events: { s3: [{ bucket: "b", events: [] }] } }, "events.s3[0].events"],
        [
            "S3 prefix too long",
            { events: { s3: [{ bucket: "b", events: ["s3:ObjectCreated:*"], filterPrefix: "p".repeat(1025) }] } },
            "events.s3[0].filterPrefix",
        ],
        ["reserved tag key", { tags: { "aws:owner": "me" } }, "tags.aws:owner"],
    ])("%s", (_what, args, path) => {
        expect(paths(args)).toEqual([path]);
    });

    it("scaling max below min: both fields are named (either may be the wrong one)", () => {
        expect(paths({ autoScaling: { min: 5, max: 2 } }).sort()).toEqual(["autoScaling.max", "autoScaling.min"]);
    });

    it("names Secrets Manager and SSM for a secret-looking variable", () => {
        const [err] = problems({ environment: { STRIPE_API_KEY: "sk_live_x" } });
        expect(err.propertyPath).toBe("environment.STRIPE_API_KEY");
        expect(err.reason).toContain("Secrets Manager");
        expect(err.reason).toContain("SSM Parameter Store");
    });

    it("reports provisioned 10 over reserved 5 at both fields, naming both numbers", () => {
        const errs = problems({ provisionedConcurrency: 10, reservedConcurrency: 5 });
        expect(errs.map((e) => e.propertyPath)).toEqual(["provisionedConcurrency", "reservedConcurrency"]);
        expect(errs[0].reason).toContain("reservedConcurrency (5)");
        expect(errs[0].reason).toContain("got 10");
        expect(errs[1].reason).toContain("provisionedConcurrency (10)");
    });

    it("reports an autoScaling max above reservedConcurrency at both fields", () => {
        expect(paths({ autoScaling: { min: 1, max: 50 }, reservedConcurrency: 20 })).toEqual([
            "autoScaling.max",
            "reservedConcurrency",
        ]);
    });

    it("collects every problem in one error", () => {
        expect(
            paths({
                memorySize: 64,
                timeoutSeconds: 1000,
                maximumRetryAttempts: 5,
                events: { http: { routes: ["orders"], auth: "none" } },
            }),
        ).toEqual(["memorySize", "timeoutSeconds", "maximumRetryAttempts", "events.http.routes[0]"]);
    });

    it("does not check values that are Outputs", () => {
        const unknown = pulumi.output("later");
        expect(() =>
            plan({
                environment: { TABLE: unknown },
                deadLetter: { targetArn: unknown },
                events: {
                    s3: [{ bucket: unknown, events: ["s3:ObjectCreated:*"] }],
                    sqs: [{ queueArn: unknown, batchSize: 100, maximumBatchingWindowSeconds: 5 }],
                    dynamodb: [{ streamArn: unknown, startingPosition: "LATEST" }],
                    kinesis: [{ streamArn: unknown, startingPosition: "LATEST" }],
                    sns: [{ topicArn: unknown }],
                },
            }),
        ).not.toThrow();
    });

    it("warns when the stream sources have no on-failure destination, and when HTTP requests would time out first", () => {
        const p = plan({
            deadLetter: false,
            timeoutSeconds: 60,
            events: {
                http: { routes: ["$default"], auth: "none" },
                dynamodb: [{ streamArn: DDB_STREAM, startingPosition: "LATEST" }],
            },
        });
        expect(p.deadLetterQueue).toBeUndefined();
        expect(p.deadLetterTargetArn).toBeUndefined();
        expect(p.warnings.some((w) => w.includes("no on-failure destination"))).toBe(true);
        expect(p.warnings.some((w) => w.includes("30 seconds"))).toBe(true);
    });
});

describe("schedule expressions (EventBridge)", () => {
    it.each([
        "rate(1 minute)",
        "rate(5 minutes)",
        "rate(1 day)",
        "rate(12 hours)",
        "cron(0 12 * * ? *)",
        "cron(0/15 8-17 ? * MON-FRI *)",
        "cron(0 8 15W * ? *)",
        "cron(30 2 L * ? 2027)",
        "cron(0 9 ? * 2#1 *)",
    ])("accepts %s", (e) => {
        expect(scheduleExpressionProblem(e)).toBeUndefined();
    });

    it.each([
        ["rate(5 minute)", "plural"],
        ["rate(1 minutes)", "singular"],
        ["rate(0 minutes)", "positive"],
        ["rate(5 weeks)", "rate("],
        ["cron(0 12 * * *)", "6 fields"],
        ["cron(0 12 * * * *)", '"?"'],
        ["cron(0 12 ? * ? *)", '"?"'],
        ["cron(0 25 * * ? *)", "cron("],
        ["cron(0 12 * * ? 1960)", "year"],
        ["at(2026-12-01T08:00:00)", "rate(<value> <unit>)"],
        ["every 5 minutes", "rate(<value> <unit>)"],
    ])("rejects %s", (e, hint) => {
        const problem = scheduleExpressionProblem(e);
        expect(problem).toBeDefined();
        expect(problem).toContain(hint);
    });
});

describe("HTTP route keys", () => {
    it.each([
        "$default",
        "GET /",
        "POST /orders",
        "GET /orders/{id}",
        "ANY /{proxy+}",
        "DELETE /orders/{id}/items/{item}",
    ])("accepts %s", (r) => {
        expect(routeKeyProblem(r)).toBeUndefined();
    });
    it.each(["post /orders", "POST orders", "FETCH /x", "GET /a/{proxy+}/b", "GET //a", "GET /a b", "default"])(
        "rejects %s",
        (r) => {
            expect(routeKeyProblem(r)).toBeDefined();
        },
    );
    it("accepts every method with any literal path", () => {
        fc.assert(
            fc.property(
                fc.constantFrom("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
                fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 5 }),
                (m, segs) => {
                    expect(routeKeyProblem(`${m} /${segs.join("/")}`)).toBeUndefined();
                },
            ),
            { numRuns: 200 },
        );
    });
});

describe("limits as properties", () => {
    it("memory is accepted exactly within 128-10240 MB", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 20000 }), (mb) => {
                const ok = mb >= 128 && mb <= 10240;
                if (ok) expect(plan({ memorySize: mb }).function.args.memorySize).toBe(mb);
                else expect(paths({ memorySize: mb })).toEqual(["memorySize"]);
            }),
            { numRuns: 200 },
        );
    });
});
