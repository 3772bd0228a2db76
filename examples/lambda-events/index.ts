import * as aws from "@pulumi/aws";
import { LambdaFunction } from "compute-layer";

const orders = new aws.sqs.Queue("orders", { sqsManagedSseEnabled: true, visibilityTimeoutSeconds: 180 });

const fn = new LambdaFunction("process-order", {
    runtime: "python3.12",
    handler: "handler.main",
    code: { s3Bucket: "my-artifacts", s3Key: "process-order/1.4.0.zip" },
    memorySize: 512,
    timeoutSeconds: 30,
    // Warm capacity that follows business hours; the alias `live` carries it.
    autoScaling: {
        min: 2,
        max: 20,
        targetTracking: [{ metric: "provisionedConcurrencyUtilization", target: 0.7 }],
        schedules: [{ name: "business-hours", cron: "cron(0 8 ? * MON-FRI *)", minCapacity: 10 }],
    },
    events: {
        http: {
            routes: ["POST /orders", "GET /orders/{id}"],
            // Every route needs a token from the issuer; claims reach the handler in the event.
            auth: "jwt",
            authorizer: "users",
            jwtAuthorizers: { users: { issuer: "https://auth.example.com/", audience: ["orders-api"] } },
            throttling: { rateLimit: 200, burstLimit: 400 },
        },
        sqs: [{ queueArn: orders.arn, batchSize: 10 }],
        schedules: [{ expression: "rate(5 minutes)", input: '{"job":"retry-stuck-orders"}' }],
    },
});

export const apiUrl = fn.url;
