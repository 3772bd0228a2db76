import type { LambdaFunctionArgs } from "../../../components/lambda";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** REFERENCE.md's process-order function, as the reference configures it. */
export const referenceArgs: LambdaFunctionArgs = {
    runtime: "python3.11",
    handler: "lambda_function.lambda_handler",
    code: { s3Bucket: "my-lambda-code", s3Key: "function.zip" },
    timeoutSeconds: 30,
    memorySize: 512,
    environment: { TABLE_NAME: "orders", ENVIRONMENT: "production" },
    reservedConcurrency: 100,
    vpc: { subnetIds: ["subnet-0private1", "subnet-0private2"], securityGroupIds: ["sg-0lambda"] },
    // The handler reads the caller from requestContext.authorizer.jwt.claims.sub: a JWT authorizer provides it.
    events: {
        http: {
            routes: ["POST /orders"],
            auth: "jwt",
            jwtAuthorizers: { cognito: { cognitoUserPoolId: "us-east-1_AbCdEfGhI", audience: ["orders-client"] } },
        },
    },
    provisionedConcurrency: 5,
};

/** One valid, rich LambdaFunction: plain values, most fields set (the cross-component property test mutates it). */
export const validArgs: LambdaFunctionArgs = {
    functionName: "rich-fn",
    runtime: "nodejs22.x",
    handler: "index.handler",
    code: { s3Bucket: "code-bucket", s3Key: "rich.zip", s3ObjectVersion: "3" },
    layers: [`arn:aws:lambda:${REGION}:${ACCOUNT}:layer:powertools:12`],
    architecture: "arm64",
    memorySize: 1024,
    timeoutSeconds: 20,
    ephemeralStorageMb: 1024,
    environment: { TABLE_NAME: "orders", LOG_LEVEL: "info" },
    reservedConcurrency: 50,
    autoScaling: {
        min: 2,
        max: 20,
        targetTracking: [{ metric: "provisionedConcurrencyUtilization", target: 0.6 }],
        steps: [
            {
                alarm: { metric: "Errors", threshold: 10, comparison: "GreaterThanThreshold", statistic: "Sum" },
                adjustments: [{ lowerBound: 0, change: 2 }],
                cooldownSeconds: 120,
            },
        ],
        schedules: [{ name: "business-hours", cron: "cron(0 8 ? * MON-FRI *)", minCapacity: 10 }],
    },
    deadLetter: true,
    maximumRetryAttempts: 1,
    maximumEventAgeSeconds: 3600,
    vpc: { subnetIds: ["subnet-0a", "subnet-0b"], vpcId: "vpc-0123" },
    functionUrl: {
        cors: {
            allowOrigins: ["https://app.example.com"],
            allowMethods: ["GET", "POST"],
            allowHeaders: ["content-type"],
            maxAgeSeconds: 300,
        },
    },
    tracing: "Active",
    logRetentionDays: 90,
    events: {
        http: {
            routes: ["GET /orders/{id}", "POST /orders", "GET /health"],
            auth: "jwt",
            authorizer: "auth0",
            scopes: ["orders/read"],
            jwtAuthorizers: {
                auth0: { issuer: "https://example.eu.auth0.com/", audience: ["https://orders.example.com"] },
                cognito: { cognitoUserPoolId: "eu-west-1_AbCdEfGhI", audience: ["client-a", "client-b"] },
            },
            throttling: { rateLimit: 500, burstLimit: 1000 },
            routeSettings: {
                "POST /orders": {
                    authorizer: "cognito",
                    scopes: ["orders/write"],
                    throttling: { rateLimit: 50, burstLimit: 100 },
                },
                "GET /health": { auth: "none", throttling: { rateLimit: 5, burstLimit: 10 } },
            },
        },
        schedules: [{ expression: "rate(5 minutes)", input: '{"job":"sweep"}' }],
        sqs: [
            { queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-in`, batchSize: 50, maximumBatchingWindowSeconds: 5 },
        ],
        dynamodb: [
            {
                streamArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders/stream/2026-11-01T00:00:00.000`,
                startingPosition: "LATEST",
                batchSize: 200,
                maximumRetryAttempts: 3,
            },
        ],
        kinesis: [
            {
                streamArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clicks`,
                startingPosition: "TRIM_HORIZON",
                parallelizationFactor: 2,
            },
        ],
        s3: [{ bucket: "uploads", events: ["s3:ObjectCreated:*"], filterPrefix: "in/", filterSuffix: ".csv" }],
        sns: [{ topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:order-events` }],
        alb: { multiValueHeaders: true, healthCheck: { path: "/health", intervalSeconds: 60, timeoutSeconds: 10 } },
        kafka: [
            {
                clusterArn: `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/orders/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-1`,
                topic: "orders",
                startingPosition: "LATEST",
                consumerGroupId: "order-workers",
                batchSize: 500,
                maximumBatchingWindowSeconds: 1,
            },
        ],
        eventPatterns: [
            { pattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] } },
        ],
    },
    tags: { team: "payments" },
};
