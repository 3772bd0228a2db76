import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LambdaFunction, type LambdaFunctionArgs } from "../../../components/lambda";
import {
    childrenOf,
    expectInvalid,
    input,
    jsonInput,
    ofType,
    only,
    type Plan,
    type PlannedResource,
    resource,
    runPlan,
} from "../../support";
import { ACCOUNT, REGION, T } from "./tokens";

/** ARNs the way Lambda forms them for a function and its `live` alias. */
const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const aliasArn = (name: string) => `${fnArn(name)}:live`;
const aliasInvokeArn = (name: string) =>
    `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${aliasArn(name)}/invocations`;
const DEFAULT_TAGS = { "managed-by": "compute-layer" };

interface Statement {
    Sid: string;
    Effect: string;
    Action: string[];
    Resource: string | string[];
}
const statements = (plan: Plan): Statement[] =>
    (jsonInput(only(plan, T.rolePolicy), "policy") as { Statement: Statement[] }).Statement;
const statement = (plan: Plan, sid: string): Statement => {
    const s = statements(plan).find((x) => x.Sid === sid);
    if (!s)
        throw new Error(
            `no statement ${sid}; there are ${statements(plan)
                .map((x) => x.Sid)
                .join(", ")}`,
        );
    return s;
};
/** What the mocks answered for a child: its `arn`, `name` or `id` (so the tests don't depend on how the mocks derive them). */
const out = (r: PlannedResource, key: string): string => {
    const value = r.outputs?.[key];
    if (value === undefined) throw new Error(`${r.type} ${r.name} has no output ${key}`);
    return value;
};
const dlqArn = (plan: Plan, component: string) => out(resource(plan, T.queue, `${component}-dlq`), "arn");
const dependsOn = (r: PlannedResource, other: PlannedResource) => (r.options.dependsOn ?? []).includes(other.urn);

// Runtimes are judged by the day; these tests run on the day the runtime table was published.
beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T12:00:00Z"));
});
afterAll(() => {
    vi.useRealTimers();
});

describe("the reference function process-order (REFERENCE.md, Lambda)", () => {
    let plan: Plan;
    let tableName: string;
    beforeAll(async () => {
        plan = await runPlan(() => {
            const table = new aws.dynamodb.Table("orders", {
                attributes: [{ name: "id", type: "S" }],
                hashKey: "id",
                billingMode: "PAY_PER_REQUEST",
            });
            const fn = new LambdaFunction("process-order", {
                runtime: "python3.11",
                handler: "lambda_function.lambda_handler",
                code: { s3Bucket: "my-lambda-code", s3Key: "function.zip" },
                timeoutSeconds: 30,
                memorySize: 512,
                environment: { TABLE_NAME: table.name, ENVIRONMENT: "production" },
                reservedConcurrency: 100,
                vpc: { subnetIds: ["subnet-0private1", "subnet-0private2"], securityGroupIds: ["sg-0lambda"] },
                events: { http: { routes: ["POST /orders"], auth: "none" } },
                provisionedConcurrency: 5,
            });
            return { url: fn.url, alias: fn.alias.arn, version: fn.version };
        });
        tableName = out(only(plan, "aws:dynamodb/table:Table"), "name");
    });

    it("creates the function as the reference configures it", () => {
        const fn = only(plan, T.fn);
        expect(fn.inputs).toMatchObject({
            name: "process-order",
            runtime: "python3.11",
            handler: "lambda_function.lambda_handler",
            s3Bucket: "my-lambda-code",
            s3Key: "function.zip",
            packageType: "Zip",
            timeout: 30,
            memorySize: 512,
            reservedConcurrentExecutions: 100,
            publish: true,
            environment: { variables: { TABLE_NAME: tableName, ENVIRONMENT: "production" } },
            vpcConfig: { subnetIds: ["subnet-0private1", "subnet-0private2"], securityGroupIds: ["sg-0lambda"] },
            tracingConfig: { mode: "Active" },
            loggingConfig: { logGroup: "/aws/lambda/process-order" },
            architectures: ["x86_64"],
            ephemeralStorage: { size: 512 },
        });
        expect(input(fn, "tags.component")).toBe("process-order");
        expect(input(fn, "tags.managed-by")).toBe("compute-layer");
    });

    it("wires a dead-letter queue, encrypted and keeping messages 14 days", () => {
        const queue = only(plan, T.queue);
        expect(queue.inputs).toMatchObject({
            sqsManagedSseEnabled: true,
            messageRetentionSeconds: 1209600,
            tags: { ...DEFAULT_TAGS, component: "process-order" },
        });
        expect(input(only(plan, T.fn), "deadLetterConfig.targetArn")).toBe(dlqArn(plan, "process-order"));
        expect(statement(plan, "DeadLetter")).toEqual({
            Sid: "DeadLetter",
            Effect: "Allow",
            Action: ["sqs:SendMessage"],
            Resource: dlqArn(plan, "process-order"),
        });
    });

    it("publishes a version behind the alias live, with provisioned concurrency 5 on the alias", () => {
        const alias = only(plan, T.alias);
        expect(alias.inputs).toMatchObject({ name: "live", functionName: "process-order", functionVersion: "1" });
        const pcc = only(plan, T.pcc);
        expect(pcc.inputs).toEqual({
            functionName: "process-order",
            qualifier: "live",
            provisionedConcurrentExecutions: 5,
        });
        expect(pcc.options.ignoreChanges).toBeUndefined();
        expect(ofType(plan, T.scalingTarget)).toEqual([]);
        expect(plan.outputs.alias).toBe(aliasArn("process-order"));
        expect(plan.outputs.version).toBe("1");
    });

    it("keeps async retries at Lambda's 2 and 6 hours, on the alias", () => {
        expect(only(plan, T.invokeConfig).inputs).toEqual({
            functionName: "process-order",
            qualifier: "live",
            maximumRetryAttempts: 2,
            maximumEventAgeInSeconds: 21600,
        });
    });

    it("creates the log group /aws/lambda/process-order with 30 days' retention before the function", () => {
        const logs = resource(plan, T.logGroup, "process-order-logs");
        expect(logs.inputs).toMatchObject({ name: "/aws/lambda/process-order", retentionInDays: 30 });
        expect(dependsOn(only(plan, T.fn), logs)).toBe(true);
        expect(dependsOn(only(plan, T.fn), only(plan, T.rolePolicy))).toBe(true);
    });

    it("puts an HTTP API in front: payload 2.0 proxy to the alias, the route, a $default stage with access logs", () => {
        const api = only(plan, T.api);
        expect(api.inputs).toMatchObject({ name: "process-order", protocolType: "HTTP" });
        const integration = only(plan, T.integration);
        expect(integration.inputs).toMatchObject({
            integrationType: "AWS_PROXY",
            integrationMethod: "POST",
            payloadFormatVersion: "2.0",
            integrationUri: aliasInvokeArn("process-order"),
        });
        const route = only(plan, T.route);
        expect(route.inputs.routeKey).toBe("POST /orders");
        expect(route.inputs.target).toBe(`integrations/${out(only(plan, T.integration), "id")}`);
        const stage = only(plan, T.stage);
        expect(stage.inputs).toMatchObject({ name: "$default", autoDeploy: true });
        expect(input(stage, "accessLogSettings.destinationArn")).toBe(
            `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/process-order`,
        );
        const format = JSON.parse(String(input(stage, "accessLogSettings.format"))) as Record<string, string>;
        expect(format).toMatchObject({
            requestId: "$context.requestId",
            status: "$context.status",
            routeKey: "$context.routeKey",
        });
        expect(resource(plan, T.logGroup, "process-order-http-access-logs").inputs.retentionInDays).toBe(30);
    });

    it("lets only that API invoke the alias", () => {
        const apiId = out(only(plan, T.api), "id");
        expect(only(plan, T.api).name).toBe("process-order-http");
        expect(only(plan, T.permission).inputs).toEqual({
            action: "lambda:InvokeFunction",
            function: "process-order",
            qualifier: "live",
            principal: "apigateway.amazonaws.com",
            sourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}/*/*`,
        });
        expect(plan.outputs.url).toBe(`https://${apiId}.execute-api.${REGION}.amazonaws.com`);
    });

    it("gives the role exactly: its own log group, X-Ray, VPC interfaces, the DLQ", () => {
        const role = only(plan, T.role);
        expect(jsonInput(role, "assumeRolePolicy")).toEqual({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        expect(statements(plan)).toEqual([
            {
                Sid: "Logs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/process-order:*`,
            },
            {
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
            },
            {
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
            },
            {
                Sid: "DeadLetter",
                Effect: "Allow",
                Action: ["sqs:SendMessage"],
                Resource: dlqArn(plan, "process-order"),
            },
        ]);
        expect(ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toEqual([]);
    });

    it("parents every child to the component", () => {
        const component = only(plan, T.component);
        const table = only(plan, "aws:dynamodb/table:Table");
        expect(childrenOf(plan, component).length).toBe(plan.resources.length - 2);
        expect(table.parent).toBe(plan.rootUrn);
    });
});

describe("a function with every event type", () => {
    let plan: Plan;
    const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-in`;
    const ddbStream = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders/stream/2026-11-01T00:00:00.000`;
    const kinesisArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clicks`;
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:order-events`;
    beforeAll(async () => {
        plan = await runPlan(() => {
            new LambdaFunction("all-events", {
                handler: "index.handler",
                code: { s3Bucket: "code", s3Key: "all.zip" },
                events: {
                    http: { routes: ["GET /orders/{id}", "$default"], auth: "none" },
                    schedules: [
                        { expression: "rate(5 minutes)" },
                        { expression: "cron(0 3 * * ? *)", input: '{"job":"nightly"}' },
                    ],
                    sqs: [{ queueArn }],
                    dynamodb: [{ streamArn: ddbStream, startingPosition: "LATEST" }],
                    kinesis: [{ streamArn: kinesisArn, startingPosition: "TRIM_HORIZON", parallelizationFactor: 4 }],
                    s3: [
                        {
                            bucket: "uploads",
                            events: ["s3:ObjectCreated:*"],
                            filterPrefix: "in/",
                            filterSuffix: ".csv",
                        },
                        { bucket: "uploads", events: ["s3:ObjectRemoved:*"] },
                    ],
                    sns: [{ topicArn }],
                },
            });
        });
    });

    it("gives every permission a sourceArn, on the live alias", () => {
        const permissions = ofType(plan, T.permission);
        expect(permissions.map((p) => p.inputs.principal).sort()).toEqual([
            "apigateway.amazonaws.com",
            "events.amazonaws.com",
            "events.amazonaws.com",
            "s3.amazonaws.com",
            "sns.amazonaws.com",
        ]);
        for (const p of permissions) {
            expect(typeof p.inputs.sourceArn, p.name).toBe("string");
            expect(String(p.inputs.sourceArn), p.name).toMatch(/^arn:aws:/);
            expect(p.inputs.qualifier, p.name).toBe("live");
            expect(p.inputs.function, p.name).toBe("all-events");
        }
    });

    it("scopes each schedule's permission to its rule, and targets the alias", () => {
        const rules = ofType(plan, T.rule);
        expect(rules.map((r) => r.inputs.scheduleExpression)).toEqual(["rate(5 minutes)", "cron(0 3 * * ? *)"]);
        rules.forEach((rule, i) => {
            const ruleName = out(rule, "name");
            const target = resource(plan, T.target, `all-events-schedule-${i}-target`);
            expect(target.inputs).toMatchObject({ rule: ruleName, arn: aliasArn("all-events") });
            expect(resource(plan, T.permission, `all-events-schedule-${i}-permission`).inputs).toMatchObject({
                principal: "events.amazonaws.com",
                sourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${ruleName}`,
            });
        });
        expect(resource(plan, T.target, "all-events-schedule-1-target").inputs.input).toBe('{"job":"nightly"}');
    });

    it("maps queues and streams to the alias; streams split failing batches and send them to the DLQ", () => {
        const [sqs, ddb, kinesis] = ofType(plan, T.esm);
        expect(sqs.inputs).toMatchObject({
            eventSourceArn: queueArn,
            functionName: aliasArn("all-events"),
            batchSize: 10,
        });
        expect(sqs.inputs.destinationConfig).toBeUndefined();
        for (const [m, arn, position] of [
            [ddb, ddbStream, "LATEST"],
            [kinesis, kinesisArn, "TRIM_HORIZON"],
        ] as const) {
            expect(m.inputs).toMatchObject({
                eventSourceArn: arn,
                functionName: aliasArn("all-events"),
                startingPosition: position,
                batchSize: 100,
                bisectBatchOnFunctionError: true,
                maximumRetryAttempts: 10,
                destinationConfig: { onFailure: { destinationArn: dlqArn(plan, "all-events") } },
            });
        }
        expect(kinesis.inputs.parallelizationFactor).toBe(4);
        expect(ddb.inputs.parallelizationFactor).toBeUndefined();
    });

    it("grants read access to each queue and stream on its own ARN only", () => {
        expect(statement(plan, "SqsSource0")).toEqual({
            Sid: "SqsSource0",
            Effect: "Allow",
            Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
            Resource: queueArn,
        });
        expect(statement(plan, "DynamoDbSource0")).toEqual({
            Sid: "DynamoDbSource0",
            Effect: "Allow",
            Action: [
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
                "dynamodb:ListStreams",
            ],
            Resource: ddbStream,
        });
        expect(statement(plan, "KinesisSource0")).toEqual({
            Sid: "KinesisSource0",
            Effect: "Allow",
            Action: [
                "kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary",
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:ListShards",
                "kinesis:SubscribeToShard",
            ],
            Resource: kinesisArn,
        });
        // Only the log group, X-Ray and the DLQ besides: no statement grants "*" on data.
        expect(statements(plan).map((s) => s.Sid)).toEqual([
            "Logs",
            "Tracing",
            "DeadLetter",
            "SqsSource0",
            "DynamoDbSource0",
            "KinesisSource0",
        ]);
        for (const s of statements(plan))
            if (s.Resource === "*") expect(s.Action.every((a) => a.startsWith("xray:"))).toBe(true);
    });

    it("notifies the alias from the bucket, one notification for both entries, after the bucket-and-account-scoped permission", () => {
        const notification = only(plan, T.notification);
        expect(notification.inputs).toEqual({
            bucket: "uploads",
            lambdaFunctions: [
                {
                    lambdaFunctionArn: aliasArn("all-events"),
                    events: ["s3:ObjectCreated:*"],
                    filterPrefix: "in/",
                    filterSuffix: ".csv",
                },
                { lambdaFunctionArn: aliasArn("all-events"), events: ["s3:ObjectRemoved:*"] },
            ],
        });
        const permission = resource(plan, T.permission, "all-events-s3-0-permission");
        expect(permission.inputs).toMatchObject({
            principal: "s3.amazonaws.com",
            sourceArn: "arn:aws:s3:::uploads",
            sourceAccount: ACCOUNT,
        });
        expect(dependsOn(notification, permission)).toBe(true);
    });

    it("subscribes the alias to the topic after the topic-scoped permission", () => {
        const sub = only(plan, T.subscription);
        expect(sub.inputs).toEqual({ topic: topicArn, protocol: "lambda", endpoint: aliasArn("all-events") });
        const permission = resource(plan, T.permission, "all-events-sns-0-permission");
        expect(permission.inputs).toMatchObject({ principal: "sns.amazonaws.com", sourceArn: topicArn });
        expect(dependsOn(sub, permission)).toBe(true);
    });

    it("tags every child that can be tagged", () => {
        const tagged = plan.resources.filter((r) => r.custom && r.inputs.tags !== undefined);
        expect([...new Set(tagged.map((r) => r.type))].sort()).toEqual(
            [T.rule, T.logGroup, T.role, T.esm, T.fn, T.api, T.stage, T.queue].sort(),
        );
        for (const r of tagged)
            expect(r.inputs.tags, r.name).toEqual({ "managed-by": "compute-layer", component: "all-events" });
    });

    it("creates one route per key", () => {
        expect(ofType(plan, T.route).map((r) => r.inputs.routeKey)).toEqual(["GET /orders/{id}", "$default"]);
    });
});

describe("examples", () => {
    it("a scheduled job: a nightly cron with defaults everywhere else", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("nightly-report", {
                handler: "report.handler",
                code: { s3Bucket: "code", s3Key: "report.zip" },
                timeoutSeconds: 900,
                events: { schedules: [{ expression: "cron(0 2 * * ? *)" }] },
            });
        });
        expect(only(plan, T.fn).inputs).toMatchObject({ runtime: "nodejs22.x", timeout: 900, memorySize: 512 });
        const rule = only(plan, T.rule);
        expect(rule.inputs.scheduleExpression).toBe("cron(0 2 * * ? *)");
        expect(only(plan, T.permission).inputs.sourceArn).toBe(
            `arn:aws:events:${REGION}:${ACCOUNT}:rule/${out(rule, "name")}`,
        );
        expect(only(plan, T.target).inputs.arn).toBe(aliasArn("nightly-report"));
        expect(ofType(plan, T.queue)).toHaveLength(1);
    });

    it("an SQS consumer with a batch window", async () => {
        const plan = await runPlan(() => {
            const queue = new aws.sqs.Queue("orders-in", { visibilityTimeoutSeconds: 180 });
            new LambdaFunction("order-worker", {
                handler: "worker.handler",
                code: { s3Bucket: "code", s3Key: "worker.zip" },
                events: { sqs: [{ queueArn: queue.arn, batchSize: 100, maximumBatchingWindowSeconds: 5 }] },
            });
        });
        const queueArn = out(resource(plan, T.queue, "orders-in"), "arn");
        expect(only(plan, T.esm).inputs).toMatchObject({
            eventSourceArn: queueArn,
            functionName: aliasArn("order-worker"),
            batchSize: 100,
            maximumBatchingWindowInSeconds: 5,
        });
        expect(statement(plan, "SqsSource0").Resource).toBe(queueArn);
        expect(ofType(plan, T.permission)).toEqual([]);
    });

    it("a DynamoDB stream consumer with its on-failure destination", async () => {
        const plan = await runPlan(() => {
            const table = new aws.dynamodb.Table("orders", {
                attributes: [{ name: "id", type: "S" }],
                hashKey: "id",
                billingMode: "PAY_PER_REQUEST",
                streamEnabled: true,
                streamViewType: "NEW_AND_OLD_IMAGES",
            });
            new LambdaFunction("order-stream", {
                handler: "stream.handler",
                code: { s3Bucket: "code", s3Key: "stream.zip" },
                events: {
                    dynamodb: [
                        {
                            streamArn: table.streamArn,
                            startingPosition: "TRIM_HORIZON",
                            batchSize: 500,
                            maximumRetryAttempts: 3,
                        },
                    ],
                },
            });
        });
        const streamArn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${out(only(plan, "aws:dynamodb/table:Table"), "name")}/stream/2026-11-01T00:00:00.000`;
        expect(only(plan, T.esm).inputs).toMatchObject({
            eventSourceArn: streamArn,
            startingPosition: "TRIM_HORIZON",
            batchSize: 500,
            maximumRetryAttempts: 3,
            bisectBatchOnFunctionError: true,
            destinationConfig: { onFailure: { destinationArn: dlqArn(plan, "order-stream") } },
        });
        expect(statement(plan, "DynamoDbSource0").Resource).toBe(streamArn);
        expect(statement(plan, "DeadLetter").Resource).toBe(dlqArn(plan, "order-stream"));
    });

    it("provisioned concurrency that scales between bounds, with schedules", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("checkout", {
                handler: "index.handler",
                code: { s3Bucket: "code", s3Key: "checkout.zip" },
                reservedConcurrency: 50,
                autoScaling: {
                    min: 2,
                    max: 20,
                    schedules: [
                        { name: "business-hours", cron: "cron(0 8 ? * MON-FRI *)", minCapacity: 10 },
                        {
                            name: "evening",
                            cron: "cron(0 20 ? * MON-FRI *)",
                            minCapacity: 2,
                            timezone: "Europe/Berlin",
                        },
                    ],
                },
            });
        });
        const pcc = only(plan, T.pcc);
        expect(pcc.inputs).toEqual({ functionName: "checkout", qualifier: "live", provisionedConcurrentExecutions: 2 });
        expect(pcc.options.ignoreChanges).toEqual(["provisionedConcurrentExecutions"]);
        const target = only(plan, T.scalingTarget);
        expect(target.inputs).toMatchObject({
            serviceNamespace: "lambda",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            resourceId: "function:checkout:live",
            minCapacity: 2,
            maxCapacity: 20,
        });
        expect(dependsOn(target, only(plan, T.alias))).toBe(true);
        expect(dependsOn(target, pcc)).toBe(true);
        expect(only(plan, T.scalingPolicy).inputs).toMatchObject({
            policyType: "TargetTrackingScaling",
            resourceId: "function:checkout:live",
            scalableDimension: "lambda:function:ProvisionedConcurrency",
            serviceNamespace: "lambda",
            targetTrackingScalingPolicyConfiguration: {
                targetValue: 0.7,
                predefinedMetricSpecification: { predefinedMetricType: "LambdaProvisionedConcurrencyUtilization" },
            },
        });
        expect(
            ofType(plan, T.scheduledAction).map((a) => [
                a.inputs.name,
                a.inputs.schedule,
                a.inputs.timezone,
                a.inputs.scalableTargetAction,
                a.inputs.resourceId,
            ]),
        ).toEqual([
            ["business-hours", "cron(0 8 ? * MON-FRI *)", "UTC", { minCapacity: 10 }, "function:checkout:live"],
            ["evening", "cron(0 20 ? * MON-FRI *)", "Europe/Berlin", { minCapacity: 2 }, "function:checkout:live"],
        ]);
    });
});

describe("autoScaling steps on provisioned concurrency", () => {
    it("alarms default to the alias's own AWS/Lambda metrics and trigger their policy", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("checkout", {
                handler: "index.handler",
                code: { s3Bucket: "code", s3Key: "checkout.zip" },
                autoScaling: {
                    min: 1,
                    max: 10,
                    steps: [
                        {
                            alarm: {
                                metric: "ProvisionedConcurrencySpilloverInvocations",
                                threshold: 0,
                                comparison: "GreaterThanThreshold",
                                statistic: "Sum",
                            },
                            adjustments: [{ lowerBound: 0, change: 2 }],
                        },
                    ],
                },
            });
        });
        const policy = only(plan, T.scalingPolicy);
        expect(policy.inputs).toMatchObject({ policyType: "StepScaling", resourceId: "function:checkout:live" });
        // No target tracking is added when steps are given.
        expect(ofType(plan, T.scalingPolicy)).toHaveLength(1);
        const alarm = only(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(alarm.inputs).toMatchObject({
            metricName: "ProvisionedConcurrencySpilloverInvocations",
            namespace: "AWS/Lambda",
            statistic: "Sum",
            dimensions: { FunctionName: "checkout", Resource: "checkout:live" },
            alarmActions: [policy.outputs?.arn],
        });
    });
});

describe("options", () => {
    it("a container image, an existing SNS dead-letter topic, pass-through tracing, and a VPC without security groups", async () => {
        const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:failed-events`;
        const plan = await runPlan(() => {
            new LambdaFunction("img", {
                code: { imageUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/img:1.2.3` },
                architecture: "arm64",
                deadLetter: { targetArn: topic },
                tracing: "PassThrough",
                vpc: { subnetIds: ["subnet-a"], vpcId: "vpc-0123" },
                tags: { team: "payments" },
            });
        });
        const fn = only(plan, T.fn);
        expect(fn.inputs).toMatchObject({
            packageType: "Image",
            imageUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/img:1.2.3`,
            architectures: ["arm64"],
            tracingConfig: { mode: "PassThrough" },
        });
        expect(fn.inputs.runtime).toBeUndefined();
        expect(fn.inputs.handler).toBeUndefined();
        expect(ofType(plan, T.queue)).toEqual([]);
        expect(input(fn, "deadLetterConfig.targetArn")).toBe(topic);
        expect(statement(plan, "DeadLetter")).toEqual({
            Sid: "DeadLetter",
            Effect: "Allow",
            Action: ["sns:Publish"],
            Resource: topic,
        });
        expect(statements(plan).map((s) => s.Sid)).toEqual(["Logs", "VpcNetworkInterfaces", "DeadLetter"]);
        const sg = only(plan, T.sg);
        expect(sg.inputs).toMatchObject({
            vpcId: "vpc-0123",
            tags: { team: "payments", component: "img", "managed-by": "compute-layer" },
        });
        expect(only(plan, T.egress).inputs).toMatchObject({
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
        });
        expect(ofType(plan, T.ingress)).toEqual([]);
        expect(input(fn, "vpcConfig.securityGroupIds")).toEqual([out(only(plan, T.sg), "id")]);
        expect(input(fn, "vpcConfig.subnetIds")).toEqual(["subnet-a"]);
        expect(input(fn, "tags.team")).toBe("payments");
    });

    it("a local code path, no dead-letter queue, and a deprecated runtime with a warning", async () => {
        const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        try {
            const plan = await runPlan(() => {
                new LambdaFunction("legacy", {
                    runtime: "python3.10",
                    handler: "app.handler",
                    code: { path: "./tests/lambda/function" },
                    deadLetter: false,
                });
            });
            const fn = only(plan, T.fn);
            // The engine records an archive with its path.
            expect(fn.inputs.code).toMatchObject({
                $archive: "tests/lambda/function",
                digest: expect.stringMatching(/^sha256:/),
            });
            expect(fn.inputs.s3Bucket).toBeUndefined();
            expect(fn.inputs.deadLetterConfig).toBeUndefined();
            expect(ofType(plan, T.queue)).toEqual([]);
            expect(statements(plan).map((s) => s.Sid)).toEqual(["Logs", "Tracing"]);
            const messages = warn.mock.calls.map((c) => String(c[0]));
            expect(messages.some((m) => m.includes("python3.10 is deprecated since 2026-10-31"))).toBe(true);
        } finally {
            warn.mockRestore();
        }
    });
});

describe("invalid args", () => {
    it("provisioned 10 with reserved 5 names both fields and registers nothing", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new LambdaFunction("too-many", {
                handler: "index.handler",
                code: { s3Bucket: "code", s3Key: "a.zip" },
                reservedConcurrency: 5,
                provisionedConcurrency: 10,
            } satisfies LambdaFunctionArgs);
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["provisionedConcurrency", "reservedConcurrency"]);
        expect(plan.resources).toEqual([]);
    });
});
