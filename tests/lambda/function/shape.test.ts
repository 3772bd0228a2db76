import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { LambdaFunction, type LambdaFunctionArgs, planLambdaFunction } from "../../../components/lambda";
import type { lambdaFunctionArgsSchema } from "../../../components/lambda/function/schema";
import type { MutuallyAssignable, z } from "../../../src/core";
import { capturePlan, DEFAULT_CALLS, expectInvalid, type MockContext, only, runPlan } from "../../support";
import { validArgs } from "./fixture";

const ctx = { stack: "dev", now: new Date("2026-11-26T12:00:00Z") };
const base: LambdaFunctionArgs = { handler: "index.handler", code: { s3Bucket: "code", s3Key: "fn.zip" } };
const QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders";

/** The problems of args given as any caller could (plain JavaScript, YAML, `as any`). */
function problems(args: unknown): { propertyPath: string; reason: string }[] {
    try {
        planLambdaFunction("fn", args as LambdaFunctionArgs, ctx);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors;
        throw e;
    }
    throw new Error("expected an InputPropertiesError, but the plan succeeded");
}
const at = (args: unknown, path: string) => problems(args).filter((p) => p.propertyPath === path);

describe("LambdaFunction args: runtime shape (issue 19)", () => {
    it("the schema's type and LambdaFunctionArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof lambdaFunctionArgsSchema>, LambdaFunctionArgs> = true;
        expect(same).toBe(true);
    });

    it("the rich fixture is valid", () => {
        expect(planLambdaFunction("rich", validArgs, ctx).functionName).toBe("rich-fn");
    });

    it('deadLetter: "false" is an error naming the allowed values, not a crash inside apply', async () => {
        const [p] = at({ ...base, deadLetter: "false" }, "deadLetter");
        expect(p.reason).toMatch(/boolean/);
        expect(p.reason).toContain('the string "false"');
        const { plan, errors } = await expectInvalid(() => {
            new LambdaFunction("fn", { ...base, deadLetter: "false" } as unknown as LambdaFunctionArgs);
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["deadLetter"]);
        expect(plan.resources).toEqual([]);
    });

    it.each<[string, unknown, string, RegExp]>([
        ["autoScaling without min", { autoScaling: { max: 5 } }, "autoScaling.min", /^is required/],
        [
            "an S3 event without a bucket",
            { events: { s3: [{ events: ["s3:ObjectCreated:*"] }] } },
            "events.s3[0].bucket",
            /^is required/,
        ],
        ["an SNS event without a topic", { events: { sns: [{}] } }, "events.sns[0].topicArn", /^is required/],
        [
            "an SQS event without queueArn",
            { events: { sqs: [{ batchSize: 5 }] } },
            "events.sqs[0].queueArn",
            /^is required/,
        ],
        [
            "a DynamoDB event without a starting position",
            { events: { dynamodb: [{ streamArn: "arn:x" }] } },
            "events.dynamodb[0].startingPosition",
            /"TRIM_HORIZON", "LATEST"/,
        ],
        ["a string for a boolean-or-target", { deadLetter: "true" }, "deadLetter", /boolean/],
        ["NaN memory", { memorySize: Number.NaN }, "memorySize", /finite number/],
        ["a fractional timeout", { timeoutSeconds: 1.5 }, "timeoutSeconds", /whole number/],
        [
            "Infinity reserved concurrency",
            { reservedConcurrency: Number.POSITIVE_INFINITY },
            "reservedConcurrency",
            /./,
        ],
        ["null code", { code: null }, "code", /object/],
        ["a string for tags", { tags: "x" }, "tags", /map/],
        ["null subnets", { vpc: { subnetIds: null, vpcId: "vpc-1" } }, "vpc.subnetIds", /list/],
        [
            "a number for a route",
            { events: { http: { routes: [5], auth: "none" } } },
            "events.http.routes[0]",
            /string/,
        ],
        ["a misspelled key", { memorySise: 512 }, "memorySise", /did you mean memorySize\?/],
        [
            "a misspelled nested key",
            { events: { sqs: [{ queueArn: QUEUE, batchSise: 5 }] } },
            "events.sqs[0].batchSise",
            /did you mean batchSize\?/,
        ],
        ["a misspelled event kind", { events: { schedule: [] } }, "events.schedule", /did you mean schedules\?/],
        ["an Output for the events", { events: pulumi.output({}) }, "events", /must be known before deployment/],
        [
            "an Output for deadLetter",
            { deadLetter: pulumi.output(true) },
            "deadLetter",
            /must be known before deployment \(true creates a queue/,
        ],
        [
            "an Output for autoScaling",
            { autoScaling: pulumi.output({ min: 1, max: 2 }) },
            "autoScaling",
            /must be known before deployment/,
        ],
        [
            "an Output for provisioned concurrency",
            { provisionedConcurrency: pulumi.output(2) },
            "provisionedConcurrency",
            /must be known before deployment/,
        ],
        ["an Output for the code", { code: pulumi.output({ path: "." }) }, "code", /must be known before deployment/],
        [
            "10,000 SQS queues",
            { events: { sqs: Array.from({ length: 10_000 }, () => ({ queueArn: QUEUE })) } },
            "events.sqs",
            /at most 300 entries/,
        ],
        [
            "10,000 routes",
            { events: { http: { routes: Array.from({ length: 10_000 }, (_, i) => `GET /r${i}`), auth: "none" } } },
            "events.http.routes",
            /at most 300 entries/,
        ],
        [
            "17 subnets",
            { vpc: { subnetIds: Array.from({ length: 17 }, (_, i) => `subnet-${i}`), vpcId: "vpc-1" } },
            "vpc.subnetIds",
            /at most 16 entries/,
        ],
        ["a 10,000-character handler", { handler: "h".repeat(10_000) }, "handler", /at most 128 characters/],
    ])("%s", (_what, patch, path, reason) => {
        const found = at({ ...base, ...(patch as object) }, path);
        expect(found.length, JSON.stringify(problems({ ...base, ...(patch as object) }))).toBeGreaterThan(0);
        expect(found[0].reason).toMatch(reason);
    });

    it("an unknown scaling metric gets one reason naming Lambda's metrics, not every tier's", () => {
        for (const metric of ["bogus", 5]) {
            const args = { ...base, autoScaling: { min: 1, max: 2, targetTracking: [{ metric, target: 50 }] } };
            expect(at(args, "autoScaling.targetTracking[0].metric").map((p) => p.reason)).toEqual([
                `must be one of "provisionedConcurrencyUtilization", "custom" for Lambda provisioned-concurrency scaling (got ${JSON.stringify(metric)})`,
            ]);
        }
    });

    it("null and non-object args are errors, not TypeErrors", () => {
        expect(problems(null).length).toBeGreaterThan(0);
        expect(problems("fn").length).toBeGreaterThan(0);
        expect(problems({}).map((p) => p.propertyPath)).toContain("code");
    });

    it("Outputs in pass-through fields are accepted", () => {
        const o = pulumi.output("later");
        const p = planLambdaFunction(
            "fn",
            {
                ...base,
                code: { s3Bucket: o, s3Key: o },
                environment: { TABLE: o },
                vpc: { subnetIds: o.apply((s) => [s]), securityGroupIds: [o] },
                deadLetter: { targetArn: o },
                events: {
                    sqs: [{ queueArn: o }],
                    sns: [{ topicArn: o }],
                    s3: [{ bucket: o, events: ["s3:ObjectCreated:*"] }],
                },
                tags: pulumi.output({ team: "x" }),
            },
            ctx,
        );
        expect(p.eventSourceMappings).toHaveLength(1);
    });

    it("a role policy IAM would reject (over 10,240 characters) is an error at events", () => {
        const sqs = Array.from({ length: 100 }, (_, i) => ({
            queueArn: `arn:aws:sqs:us-east-1:123456789012:queue-with-a-long-name-${i}`,
        }));
        const found = at({ ...base, events: { sqs } }, "events");
        expect(found).toHaveLength(1);
        expect(found[0].reason).toContain("10240");
        // Thirty of them fit.
        expect(() => planLambdaFunction("fn", { ...base, events: { sqs: sqs.slice(0, 30) } }, ctx)).not.toThrow();
    });

    it("more invoking sources than the function's 20 KB resource policy holds is an error at events", () => {
        const topics = (n: number) =>
            Array.from({ length: n }, (_, i) => ({ topicArn: `arn:aws:sns:us-east-1:123456789012:t${i}` }));
        const found = at({ ...base, events: { sns: topics(103) } }, "events");
        expect(found).toHaveLength(1);
        expect(found[0].reason).toContain("20 KB");
        expect(() => planLambdaFunction("fn", { ...base, events: { sns: topics(50) } }, ctx)).not.toThrow();
    });

    it("tags given as an Output keep the default tags", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("fn", { ...base, tags: pulumi.output({ team: "payments" }) });
        });
        expect(only(plan, "aws:lambda/function:Function").inputs.tags).toEqual({
            "managed-by": "compute-layer",
            component: "fn",
            team: "payments",
        });
    });
});

/** The data-source calls a program makes, answered as usual; any other call (getPolicyDocument) fails the plan. */
async function invokes(program: () => void): Promise<string[]> {
    const calls: string[] = [];
    const counted = Object.fromEntries(
        Object.entries(DEFAULT_CALLS).map(([token, answer]) => [
            token,
            (inputs: Record<string, unknown>, c: MockContext) => {
                calls.push(token.split(":").pop() ?? token);
                return answer(inputs, c);
            },
        ]),
    );
    const { error } = await capturePlan(program, { mocks: { calls: counted } });
    expect(error).toBeUndefined();
    return calls;
}

describe("invokes (issue 20)", () => {
    it("two functions with S3 events look the partition and account up once, and build their policies locally", async () => {
        const calls = await invokes(() => {
            for (const name of ["a", "b"]) {
                new LambdaFunction(name, {
                    ...base,
                    events: { s3: [{ bucket: `uploads-${name}`, events: ["s3:ObjectCreated:*"] }] },
                });
            }
        });
        expect(calls.filter((c) => c !== "getRegion").sort()).toEqual(["getCallerIdentity", "getPartition"]);
        expect(calls.length).toBeLessThanOrEqual(3);
    });

    it("a function without S3 events makes no invoke", async () => {
        expect(
            await invokes(
                () => new LambdaFunction("fn", { ...validArgs, events: { ...validArgs.events, s3: undefined } }),
            ),
        ).toEqual([]);
    });
});
