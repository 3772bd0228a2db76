import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LambdaFunction, type LambdaFunctionArgs, planLambdaFunction } from "../../../components/lambda";
import { eventPatternJson } from "../../../components/lambda/shared/sources";
import { jsonInput, ofType, only, type Plan, type PlannedResource, runPlan } from "../../support";
import { validArgs } from "./fixture";
import { ACCOUNT, REGION, T } from "./tokens";

const NOW = new Date("2026-11-26T12:00:00Z");
const ctx = { stack: "dev", now: NOW };
const CLUSTER = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/orders/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-1`;
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kafka-orders-AbCdEf`;
const LAYER = `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:powertools:12`;
const base: LambdaFunctionArgs = { handler: "index.handler", code: { s3Bucket: "code", s3Key: "fn.zip" } };

beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
});
afterAll(() => {
    vi.useRealTimers();
});

const out = (r: PlannedResource, key: string) => r.outputs?.[key];
const aliasArn = (plan: Plan) => out(only(plan, T.alias), "arn");
const dependsOn = (r: PlannedResource, other: PlannedResource) => (r.options.dependsOn ?? []).includes(other.urn);
const statements = (plan: Plan) =>
    (
        jsonInput(only(plan, T.rolePolicy), "policy") as {
            Statement: { Sid: string; Action: string[]; Resource: string }[];
        }
    ).Statement;
function paths(args: Partial<LambdaFunctionArgs>): string[] {
    try {
        planLambdaFunction("fn", { ...base, ...args } as LambdaFunctionArgs, ctx);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors.map((x) => x.propertyPath);
        throw e;
    }
    throw new Error("expected an InputPropertiesError");
}

describe("an ALB target (issue 17, item 4)", () => {
    it("creates a lambda target group, lets only it invoke the alias, and attaches the alias after the permission", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("thumbs", { ...base, events: { alb: {} } });
        });
        const tg = only(plan, T.targetGroup);
        expect(tg.inputs).toMatchObject({
            targetType: "lambda",
            lambdaMultiValueHeadersEnabled: false,
            healthCheck: { enabled: false },
        });
        expect(tg.inputs.port).toBeUndefined();
        const permission = only(plan, T.permission);
        expect(permission.inputs).toEqual({
            action: "lambda:InvokeFunction",
            principal: "elasticloadbalancing.amazonaws.com",
            function: "thumbs",
            qualifier: "live",
            sourceArn: out(tg, "arn"),
        });
        const attachment = only(plan, T.attachment);
        expect(attachment.inputs).toEqual({ targetGroupArn: out(tg, "arn"), targetId: aliasArn(plan) });
        expect(dependsOn(attachment, permission)).toBe(true);
    });

    it("uses a target group it is given (e.g. an ApplicationLoadBalancer's lambda group)", async () => {
        const tgArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web-thumbs/0123456789abcdef`;
        const plan = await runPlan(() => {
            new LambdaFunction("thumbs", { ...base, events: { alb: { targetGroupArn: tgArn } } });
        });
        expect(ofType(plan, T.targetGroup)).toEqual([]);
        expect(only(plan, T.permission).inputs.sourceArn).toBe(tgArn);
        expect(only(plan, T.attachment).inputs.targetGroupArn).toBe(tgArn);
    });

    it("health-checks the group only when asked", () => {
        const p = planLambdaFunction("fn", { ...base, events: { alb: { healthCheck: { path: "/health" } } } }, ctx);
        expect(p.alb?.targetGroup?.args.healthCheck).toEqual({
            enabled: true,
            path: "/health",
            interval: 35,
            timeout: 30,
        });
    });
});

describe("a function URL", () => {
    it("defaults to AWS_IAM on the alias, with no public permission", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("api", { ...base, functionUrl: {} });
        });
        expect(only(plan, T.url).inputs).toEqual({
            functionName: "api",
            qualifier: "live",
            authorizationType: "AWS_IAM",
            invokeMode: "BUFFERED",
        });
        expect(ofType(plan, T.permission)).toEqual([]);
    });

    it("NONE gets both permissions AWS requires, each limited to calls through the URL, and CORS", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("api", {
                ...base,
                functionUrl: {
                    authType: "NONE",
                    invokeMode: "RESPONSE_STREAM",
                    cors: {
                        allowOrigins: ["https://app.example.com"],
                        allowMethods: ["GET", "POST"],
                        allowCredentials: true,
                        maxAgeSeconds: 600,
                    },
                },
            });
        });
        expect(only(plan, T.url).inputs).toMatchObject({
            authorizationType: "NONE",
            invokeMode: "RESPONSE_STREAM",
            cors: {
                allowOrigins: ["https://app.example.com"],
                allowMethods: ["GET", "POST"],
                allowCredentials: true,
                maxAge: 600,
            },
        });
        const permissions = ofType(plan, T.permission).map((p) => p.inputs);
        expect(permissions).toEqual([
            {
                action: "lambda:InvokeFunctionUrl",
                principal: "*",
                functionUrlAuthType: "NONE",
                function: "api",
                qualifier: "live",
            },
            {
                action: "lambda:InvokeFunction",
                principal: "*",
                invokedViaFunctionUrl: true,
                function: "api",
                qualifier: "live",
            },
        ]);
    });
});

describe("layers and SnapStart", () => {
    it("passes the layers in order, and turns SnapStart on for published versions, which the alias serves", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("java", {
                handler: "com.example.Handler::handle",
                runtime: "java21",
                code: { s3Bucket: "code", s3Key: "app.jar" },
                layers: [LAYER],
                snapStart: true,
            });
        });
        const fn = only(plan, T.fn);
        expect(fn.inputs).toMatchObject({
            layers: [LAYER],
            snapStart: { applyOn: "PublishedVersions" },
            publish: true,
        });
        expect(only(plan, T.alias).inputs.functionVersion).toBe(out(fn, "version") ?? "1");
    });

    it.each(["java11", "java17", "java21", "java25", "python3.12", "python3.13", "python3.14", "dotnet10"])(
        "SnapStart is accepted on %s",
        (runtime) => {
            expect(
                planLambdaFunction("fn", { ...base, runtime, snapStart: true }, ctx).function.args.snapStart,
            ).toEqual({ applyOn: "PublishedVersions" });
        },
    );
});

describe("Kafka", () => {
    it("MSK with IAM auth: one topic, the role reads only that cluster, topic and consumer group", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("consumer", {
                ...base,
                events: {
                    kafka: [
                        {
                            clusterArn: CLUSTER,
                            topic: "orders",
                            startingPosition: "TRIM_HORIZON",
                            consumerGroupId: "workers",
                        },
                    ],
                },
            });
        });
        expect(only(plan, T.esm).inputs).toMatchObject({
            eventSourceArn: CLUSTER,
            functionName: aliasArn(plan),
            topics: ["orders"],
            startingPosition: "TRIM_HORIZON",
            batchSize: 100,
            amazonManagedKafkaEventSourceConfig: { consumerGroupId: "workers" },
        });
        expect(only(plan, T.esm).inputs.sourceAccessConfigurations).toBeUndefined();
        const bySid = Object.fromEntries(statements(plan).map((s) => [s.Sid, s]));
        expect(bySid.KafkaCluster0.Resource).toBe(CLUSTER);
        expect(bySid.KafkaConnect0).toMatchObject({
            Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"],
            Resource: CLUSTER,
        });
        expect(bySid.KafkaTopic0.Resource).toBe(
            `arn:aws:kafka:${REGION}:${ACCOUNT}:topic/orders/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-1/orders`,
        );
        expect(bySid.KafkaGroup0.Resource).toBe(
            `arn:aws:kafka:${REGION}:${ACCOUNT}:group/orders/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-1/workers`,
        );
        expect(bySid.KafkaNetwork.Resource).toBe("*");
        expect(bySid.KafkaSecret0).toBeUndefined();
    });

    it("a self-managed cluster with SASL/SCRAM from Secrets Manager, reached through the VPC", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("consumer", {
                ...base,
                events: {
                    kafka: [
                        {
                            bootstrapServers: ["b-1.kafka.internal:9096", "b-2.kafka.internal:9096"],
                            topic: "clicks",
                            startingPosition: "LATEST",
                            auth: "saslScram512",
                            secretArn: SECRET,
                            vpc: { subnetIds: ["subnet-0a"], securityGroupIds: [pulumi.output("sg-0kafka")] },
                        },
                    ],
                },
            });
        });
        expect(only(plan, T.esm).inputs).toMatchObject({
            selfManagedEventSource: {
                endpoints: { KAFKA_BOOTSTRAP_SERVERS: "b-1.kafka.internal:9096,b-2.kafka.internal:9096" },
            },
            topics: ["clicks"],
            sourceAccessConfigurations: [
                { type: "SASL_SCRAM_512_AUTH", uri: SECRET },
                { type: "VPC_SUBNET", uri: "subnet:subnet-0a" },
                { type: "VPC_SECURITY_GROUP", uri: "security_group:sg-0kafka" },
            ],
        });
        const bySid = Object.fromEntries(statements(plan).map((s) => [s.Sid, s]));
        expect(bySid.KafkaSecret0).toMatchObject({ Action: ["secretsmanager:GetSecretValue"], Resource: SECRET });
        expect(bySid.KafkaNetwork).toBeDefined();
        expect(bySid.KafkaCluster0).toBeUndefined();
    });
});

describe("EventBridge event patterns", () => {
    it("a rule with the pattern as JSON, targeting the alias, and a permission scoped to the rule", async () => {
        const pattern = {
            source: ["aws.ec2"],
            "detail-type": ["EC2 Instance State-change Notification"],
            detail: { state: ["stopped"] },
        };
        const plan = await runPlan(() => {
            new LambdaFunction("watcher", { ...base, events: { eventPatterns: [{ pattern, eventBusName: "ops" }] } });
        });
        const rule = only(plan, T.rule);
        expect(JSON.parse(String(rule.inputs.eventPattern))).toEqual(pattern);
        expect(rule.inputs).toMatchObject({
            eventBusName: "ops",
            description: "Invokes Lambda function watcher on matching events",
        });
        expect(only(plan, T.target).inputs).toMatchObject({
            eventBusName: "ops",
            arn: aliasArn(plan),
            rule: out(rule, "name"),
        });
        expect(only(plan, T.permission).inputs).toMatchObject({
            principal: "events.amazonaws.com",
            sourceArn: out(rule, "arn"),
        });
    });

    it("accepts the pattern as JSON text, and normalises it", () => {
        expect(eventPatternJson('{ "source": ["aws.s3"] }')).toEqual({ json: '{"source":["aws.s3"]}' });
    });
});

describe("bringing your own role", () => {
    it("creates no role and no inline policy, and the plan lists what the role must allow", async () => {
        const roleArn = `arn:aws:iam::${ACCOUNT}:role/service/orders-fn`;
        const args: LambdaFunctionArgs = {
            ...base,
            role: roleArn,
            events: { sqs: [{ queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:in` }] },
        };
        let roleName: pulumi.Output<string> | undefined;
        const plan = await runPlan(() => {
            const fn = new LambdaFunction("byo", args);
            roleName = fn.roleName;
            return { roleName: fn.roleName, roleArn: fn.roleArn };
        });
        expect(roleName).toBeDefined();
        expect(ofType(plan, T.role)).toEqual([]);
        expect(ofType(plan, T.rolePolicy)).toEqual([]);
        expect(only(plan, T.fn).inputs.role).toBe(roleArn);
        expect(plan.outputs).toMatchObject({ roleName: "orders-fn", roleArn });
        expect((only(plan, T.esm).options.dependsOn ?? []).some((u) => u.includes("rolePolicy"))).toBe(false);
        const required = planLambdaFunction("byo", args, ctx).requiredStatements.map((s) => s.Sid);
        expect(required).toEqual(["Logs", "Tracing", "DeadLetter", "SqsSource0"]);
    });
});

describe("entry points: one failing case per rule", () => {
    const tg = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/0123456789abcdef`;
    it.each<[string, Partial<LambdaFunctionArgs>, string[]]>([
        [
            "a target group ARN that is not one",
            { events: { alb: { targetGroupArn: "web-thumbs" } } },
            ["events.alb.targetGroupArn"],
        ],
        [
            "multi-value headers on a target group given",
            { events: { alb: { targetGroupArn: tg, multiValueHeaders: true } } },
            ["events.alb.multiValueHeaders"],
        ],
        [
            "health check interval below 5",
            { events: { alb: { healthCheck: { intervalSeconds: 4, timeoutSeconds: 2 } } } },
            ["events.alb.healthCheck.intervalSeconds"],
        ],
        [
            "health check timeout above 120",
            { events: { alb: { healthCheck: { intervalSeconds: 300, timeoutSeconds: 121 } } } },
            ["events.alb.healthCheck.timeoutSeconds"],
        ],
        [
            "health check interval not longer than the timeout",
            { events: { alb: { healthCheck: { intervalSeconds: 30, timeoutSeconds: 30 } } } },
            ["events.alb.healthCheck.intervalSeconds"],
        ],
        [
            "a URL auth type that is not one",
            { functionUrl: { authType: "PUBLIC" as "NONE" } },
            ["functionUrl.authType"],
        ],
        [
            "a CORS origin with a path",
            { functionUrl: { cors: { allowOrigins: ["https://app.example.com/x"] } } },
            ["functionUrl.cors.allowOrigins[0]"],
        ],
        ["no CORS origin", { functionUrl: { cors: { allowOrigins: [] } } }, ["functionUrl.cors.allowOrigins"]],
        [
            "a CORS method that is not one",
            { functionUrl: { cors: { allowOrigins: ["*"], allowMethods: ["FETCH"] } } },
            ["functionUrl.cors.allowMethods[0]"],
        ],
        [
            "credentials with the origin *",
            { functionUrl: { cors: { allowOrigins: ["*"], allowCredentials: true } } },
            ["functionUrl.cors.allowCredentials"],
        ],
        [
            "CORS max age above a day",
            { functionUrl: { cors: { allowOrigins: ["*"], maxAgeSeconds: 86401 } } },
            ["functionUrl.cors.maxAgeSeconds"],
        ],
        [
            "a header with a space",
            { functionUrl: { cors: { allowOrigins: ["*"], allowHeaders: ["x y"] } } },
            ["functionUrl.cors.allowHeaders[0]"],
        ],
        ["6 layers", { layers: Array.from({ length: 6 }, (_, i) => `${LAYER.slice(0, -2)}${i + 1}`) }, ["layers"]],
        [
            "a layer without its version",
            { layers: [`arn:aws:lambda:${REGION}:${ACCOUNT}:layer:powertools`] },
            ["layers[0]"],
        ],
        ["the same layer twice", { layers: [LAYER, LAYER] }, ["layers[1]"]],
        [
            "layers with a container image",
            { code: { imageUri: "repo/app:1" }, handler: undefined, layers: [LAYER] },
            ["layers"],
        ],
        ["SnapStart on Node.js", { snapStart: true }, ["snapStart"]],
        ["SnapStart on python3.11", { runtime: "python3.11", snapStart: true }, ["snapStart"]],
        [
            "SnapStart with provisioned concurrency",
            { runtime: "java21", snapStart: true, provisionedConcurrency: 2 },
            ["snapStart"],
        ],
        [
            "SnapStart with more than 512 MB of /tmp",
            { runtime: "java21", snapStart: true, ephemeralStorageMb: 1024 },
            ["snapStart"],
        ],
        ["SnapStart as a string", { snapStart: "true" as unknown as boolean }, ["snapStart"]],
        ["a role that is not a role ARN", { role: "orders-fn" }, ["role"]],
        [
            "Kafka with neither cluster nor servers",
            { events: { kafka: [{ topic: "t", startingPosition: "LATEST" }] } },
            ["events.kafka[0]"],
        ],
        [
            "Kafka with both",
            {
                events: {
                    kafka: [
                        { clusterArn: CLUSTER, bootstrapServers: ["b:9092"], topic: "t", startingPosition: "LATEST" },
                    ],
                },
            },
            ["events.kafka[0]"],
        ],
        [
            "an MSK ARN that is not one",
            { events: { kafka: [{ clusterArn: "orders", topic: "t", startingPosition: "LATEST" }] } },
            ["events.kafka[0].clusterArn"],
        ],
        [
            "a server without a port",
            {
                events: {
                    kafka: [
                        {
                            bootstrapServers: ["b-1"],
                            topic: "t",
                            startingPosition: "LATEST",
                            auth: "saslPlain",
                            secretArn: SECRET,
                        },
                    ],
                },
            },
            ["events.kafka[0].bootstrapServers[0]"],
        ],
        [
            "a topic with a slash",
            { events: { kafka: [{ clusterArn: CLUSTER, topic: "a/b", startingPosition: "LATEST" }] } },
            ["events.kafka[0].topic"],
        ],
        [
            "Kafka batch above 10000",
            { events: { kafka: [{ clusterArn: CLUSTER, topic: "t", startingPosition: "LATEST", batchSize: 10001 }] } },
            ["events.kafka[0].batchSize"],
        ],
        [
            "Kafka window above 300",
            {
                events: {
                    kafka: [
                        {
                            clusterArn: CLUSTER,
                            topic: "t",
                            startingPosition: "LATEST",
                            maximumBatchingWindowSeconds: 301,
                        },
                    ],
                },
            },
            ["events.kafka[0].maximumBatchingWindowSeconds"],
        ],
        [
            "a consumer group of 201 characters",
            {
                events: {
                    kafka: [
                        {
                            clusterArn: CLUSTER,
                            topic: "t",
                            startingPosition: "LATEST",
                            consumerGroupId: "g".repeat(201),
                        },
                    ],
                },
            },
            ["events.kafka[0].consumerGroupId"],
        ],
        [
            "self-managed Kafka without auth",
            { events: { kafka: [{ bootstrapServers: ["b:9092"], topic: "t", startingPosition: "LATEST" }] } },
            ["events.kafka[0].auth"],
        ],
        [
            "self-managed Kafka with IAM auth",
            {
                events: {
                    kafka: [{ bootstrapServers: ["b:9092"], topic: "t", startingPosition: "LATEST", auth: "iam" }],
                },
            },
            ["events.kafka[0].auth"],
        ],
        [
            "MSK with SCRAM-256",
            {
                events: {
                    kafka: [
                        {
                            clusterArn: CLUSTER,
                            topic: "t",
                            startingPosition: "LATEST",
                            auth: "saslScram256",
                            secretArn: SECRET,
                        },
                    ],
                },
            },
            ["events.kafka[0].auth"],
        ],
        [
            "SASL without a secret",
            {
                events: {
                    kafka: [{ clusterArn: CLUSTER, topic: "t", startingPosition: "LATEST", auth: "saslScram512" }],
                },
            },
            ["events.kafka[0].secretArn"],
        ],
        [
            "a secret with IAM auth",
            { events: { kafka: [{ clusterArn: CLUSTER, topic: "t", startingPosition: "LATEST", secretArn: SECRET }] } },
            ["events.kafka[0].secretArn"],
        ],
        [
            "a secret ARN that is not one",
            {
                events: {
                    kafka: [
                        {
                            bootstrapServers: ["b:9092"],
                            topic: "t",
                            startingPosition: "LATEST",
                            auth: "mtls",
                            secretArn: "kafka-cert",
                        },
                    ],
                },
            },
            ["events.kafka[0].secretArn"],
        ],
        [
            "VPC access for MSK",
            {
                events: {
                    kafka: [
                        {
                            clusterArn: CLUSTER,
                            topic: "t",
                            startingPosition: "LATEST",
                            vpc: { subnetIds: ["s"], securityGroupIds: ["g"] },
                        },
                    ],
                },
            },
            ["events.kafka[0].vpc"],
        ],
        [
            "an event pattern that is not JSON",
            { events: { eventPatterns: [{ pattern: "{source: aws.ec2}" }] } },
            ["events.eventPatterns[0].pattern"],
        ],
        [
            "an event pattern leaf that is not a list",
            { events: { eventPatterns: [{ pattern: { source: "aws.ec2" } }] } },
            ["events.eventPatterns[0].pattern"],
        ],
        [
            "an empty event pattern",
            { events: { eventPatterns: [{ pattern: {} }] } },
            ["events.eventPatterns[0].pattern"],
        ],
        [
            "an event pattern above 4096 characters",
            {
                events: {
                    eventPatterns: [{ pattern: { source: Array.from({ length: 500 }, (_, i) => `source-${i}`) } }],
                },
            },
            ["events.eventPatterns[0].pattern"],
        ],
        [
            "a rule description above 512 characters",
            { events: { eventPatterns: [{ pattern: { source: ["a"] }, description: "d".repeat(513) }] } },
            ["events.eventPatterns[0].description"],
        ],
    ])("%s", (_what, args, expected) => {
        expect(paths(args)).toEqual(expected);
    });

    it("an event pattern error says which leaf", () => {
        expect(eventPatternJson({ detail: { state: "stopped" } }).problem).toContain("detail.state");
    });

    it("the rich fixture plans every entry point", () => {
        const p = planLambdaFunction("rich", validArgs, ctx);
        expect(p.alb?.targetGroup?.args).toMatchObject({ lambdaMultiValueHeadersEnabled: true });
        expect(p.functionUrl?.url.args.authorizationType).toBe("AWS_IAM");
        expect(p.eventPatterns).toHaveLength(1);
        expect(p.eventSourceMappings.map((m) => m.name)).toContain("rich-kafka-0");
    });
});
