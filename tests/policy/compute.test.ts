import * as aws from "@pulumi/aws";
import { beforeAll, describe, expect, it } from "vitest";
import { secretLooking, T } from "../../policy/policies";
import { AutoScalingGroup, EcsService, LambdaFunction } from "../../src";
import type { CheckReport } from "../../src/plan/check";
import { referenceService } from "../ecs/service/reference";
import { checkProgram, expectClean, expectViolations, rewrite } from "./support";

const GROUP = { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-given"], autoScaling: { min: 1, max: 4 } };

describe("what the components emit passes the compute rules", () => {
    let report: CheckReport;
    beforeAll(async () => {
        ({ report } = await checkProgram(() => {
            new AutoScalingGroup("web", {
                ...GROUP,
                autoScaling: { ...GROUP.autoScaling, targetTracking: [{ metric: "cpu", target: 60 }] },
            });
            new EcsService("api", referenceService());
            new LambdaFunction("fn", {
                runtime: "nodejs22.x",
                handler: "index.handler",
                code: { s3Bucket: "b", s3Key: "k.zip" },
            });
        }));
    });
    for (const rule of [
        "ec2-imdsv2-required",
        "ebs-encrypted",
        "no-public-ip-on-compute",
        "ecs-circuit-breaker-rollback",
        "ecs-secrets-value-from",
        "lambda-active-tracing",
        "lambda-failure-destination",
        "lambda-permission-source-arn",
    ]) {
        it(rule, () => expectClean(report, rule));
    }
});

describe("ec2-imdsv2-required", () => {
    it("a transform that turns IMDSv1 back on and raises the hop limit is mandatory, on the launch template", async () => {
        const { report } = await checkProgram(() => {
            new AutoScalingGroup("web", GROUP, {
                transformations: [
                    rewrite(T.launchTemplate, (p) => ({
                        ...p,
                        metadataOptions: {
                            httpEndpoint: "enabled",
                            httpTokens: "optional",
                            httpPutResponseHopLimit: 2,
                        },
                    })),
                ],
            });
        });
        const messages = expectViolations(report, "ec2-imdsv2-required", ["web-lt", "web-lt"]);
        expect(messages.join("\n")).toMatch(/httpTokens is optional/);
        expect(messages.join("\n")).toMatch(/httpPutResponseHopLimit is 2/);
    });

    it("a raw instance without metadata options; a raw instance with IMDS disabled passes", async () => {
        const { report } = await checkProgram(() => {
            new aws.ec2.Instance("bare", {
                ami: "ami-1",
                instanceType: "t3.micro",
                rootBlockDevice: { encrypted: true },
            });
            new aws.ec2.Instance("no-imds", {
                ami: "ami-1",
                instanceType: "t3.micro",
                rootBlockDevice: { encrypted: true },
                metadataOptions: { httpEndpoint: "disabled" },
            });
            new aws.ec2.Instance("v2", {
                ami: "ami-1",
                instanceType: "t3.micro",
                rootBlockDevice: { encrypted: true },
                metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
            });
        });
        expectViolations(report, "ec2-imdsv2-required", ["bare", "bare"]);
    });
});

describe("ebs-encrypted", () => {
    it("a transform that turns encryption off, and a raw launch template that leaves the root volume to the AMI", async () => {
        const { report } = await checkProgram(() => {
            new AutoScalingGroup("web", GROUP, {
                transformations: [
                    rewrite(T.launchTemplate, (p) => ({
                        ...p,
                        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeSize: 20 } }],
                    })),
                ],
            });
            new aws.ec2.LaunchTemplate("raw", {
                imageId: "ami-1",
                metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
            });
            new aws.ebs.Volume("data", { availabilityZone: "us-east-1a", size: 10 });
            new aws.ebs.Volume("data-ok", { availabilityZone: "us-east-1a", size: 10, encrypted: true });
        });
        const messages = expectViolations(report, "ebs-encrypted", ["web-lt", "raw", "data"]);
        expect(messages).toContain("blockDeviceMappings[0].ebs.encrypted is not true");
    });
});

describe("no-public-ip-on-compute", () => {
    it("a raw launch template with a public address and an ECS service transformed to assign one", async () => {
        const { report } = await checkProgram(() => {
            new aws.ec2.LaunchTemplate("public", {
                networkInterfaces: [{ associatePublicIpAddress: "true", deviceIndex: 0 }],
            });
            new EcsService("api", referenceService(), {
                transformations: [
                    rewrite(T.ecsService, (p) => ({
                        ...p,
                        networkConfiguration: { ...(p.networkConfiguration as object), assignPublicIp: true },
                    })),
                ],
            });
        });
        expectViolations(report, "no-public-ip-on-compute", ["public", "api-service"]);
    });
});

describe("ecs-circuit-breaker-rollback", () => {
    it("a raw service without the circuit breaker is advisory; a CODE_DEPLOY service is not checked", async () => {
        const { report } = await checkProgram(() => {
            new aws.ecs.Service("raw", { cluster: "c", taskDefinition: "td:1", desiredCount: 1 });
            new aws.ecs.Service("half", {
                cluster: "c",
                taskDefinition: "td:1",
                deploymentCircuitBreaker: { enable: true, rollback: false },
            });
            new aws.ecs.Service("blue-green", {
                cluster: "c",
                taskDefinition: "td:1",
                deploymentController: { type: "CODE_DEPLOY" },
            });
        });
        expectViolations(report, "ecs-circuit-breaker-rollback", ["raw", "half"], "advisory");
    });
});

describe("ecs-secrets-value-from", () => {
    it("the component refuses a plain password, so users put it in a raw task definition: mandatory; ARN references are fine", async () => {
        const { report } = await checkProgram(() => {
            const container = (environment: { name: string; value: string }[]) =>
                JSON.stringify([{ name: "app", image: "nginx:1.27", essential: true, environment }]);
            new aws.ecs.TaskDefinition("raw", {
                family: "raw",
                containerDefinitions: container([
                    { name: "DB_PASSWORD", value: "hunter2" },
                    { name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:1:secret:x" },
                ]),
            });
            new aws.ecs.TaskDefinition("fine", {
                family: "fine",
                containerDefinitions: container([{ name: "ENV", value: "prod" }]),
            });
        });
        const [message] = expectViolations(report, "ecs-secrets-value-from", ["raw"]);
        expect(message).toMatch(/DB_PASSWORD is a plain value and its name says it holds a secret/);
        expect(message).not.toMatch(/DB_SECRET_ARN/);
    });

    it("what looks like a secret: names, AWS keys, private keys, URLs with passwords", () => {
        expect(secretLooking("API_TOKEN", "x")).toMatch(/name/);
        expect(secretLooking("CONFIG", "AKIAABCDEFGHIJKLMNOP")).toMatch(/AWS access key/);
        expect(secretLooking("CERT", "-----BEGIN RSA PRIVATE KEY-----\n...")).toMatch(/private key/);
        expect(secretLooking("DATABASE_URL", "postgres://app:s3cret@db:5432/app")).toMatch(/URL with a password/);
        expect(secretLooking("TOKEN_TTL", "3600")).toBeUndefined();
        expect(secretLooking("PORT", "8080")).toBeUndefined();
    });
});

describe("lambda rules", () => {
    it("a raw function: no tracing (advisory), no DLQ or destination (advisory); a service permission without sourceArn (mandatory)", async () => {
        const { report } = await checkProgram(() => {
            const fn = new aws.lambda.Function("raw", {
                role: "arn:aws:iam::1:role/r",
                runtime: "nodejs22.x",
                handler: "index.handler",
                s3Bucket: "b",
                s3Key: "k",
            });
            new aws.lambda.Permission("from-s3", {
                action: "lambda:InvokeFunction",
                function: fn.name,
                principal: "s3.amazonaws.com",
            });
            new aws.lambda.Permission("from-account", {
                action: "lambda:InvokeFunction",
                function: fn.name,
                principal: "123456789012",
            });
            const withDest = new aws.lambda.Function("with-destination", {
                role: "arn:aws:iam::1:role/r",
                runtime: "nodejs22.x",
                handler: "index.handler",
                s3Bucket: "b",
                s3Key: "k",
                tracingConfig: { mode: "Active" },
            });
            new aws.lambda.FunctionEventInvokeConfig("dest", {
                functionName: withDest.name,
                destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:1:dlq" } },
            });
            new aws.lambda.Permission("from-api", {
                action: "lambda:InvokeFunction",
                function: fn.name,
                principal: "apigateway.amazonaws.com",
                sourceArn: "arn:aws:execute-api:us-east-1:1:abc/*/*",
            });
        });
        expectViolations(report, "lambda-active-tracing", ["raw"], "advisory");
        expectViolations(report, "lambda-failure-destination", ["raw"], "advisory");
        expect(expectViolations(report, "lambda-permission-source-arn", ["from-s3"])[0]).toMatch(
            /s3\.amazonaws\.com has no sourceArn/,
        );
    });
});
