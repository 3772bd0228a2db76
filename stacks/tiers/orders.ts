import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LambdaFunction } from "../../src";
import type { SystemContext } from "./context";
import type { Network } from "./network";

/** The orders table and `process-order` behind an HTTP API's `POST /orders`. */
export function orderApi(ctx: SystemContext, net: Network): LambdaFunction | undefined {
    const { config, env, tags } = ctx;
    if (!config.orders) return undefined;
    const table = new aws.dynamodb.Table("orders", {
        billingMode: "PAY_PER_REQUEST",
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        deletionProtectionEnabled: config.deletionProtection,
        tags,
    });
    const orders = new LambdaFunction("process-order", {
        // One account may hold several environments: the name (and its log group) carries the stack.
        functionName: `process-order-${env}`,
        runtime: "python3.12",
        handler: "lambda_function.lambda_handler",
        code: { path: path.join(__dirname, "..", "functions", "process-order") },
        timeoutSeconds: 30,
        memorySize: config.orders.memorySize,
        environment: { TABLE_NAME: table.name, ENVIRONMENT: env },
        reservedConcurrency: config.orders.reservedConcurrency,
        provisionedConcurrency: config.orders.provisionedConcurrency,
        vpc: { subnetIds: net.privateSubnets, vpcId: net.vpcId },
        logRetentionDays: config.logRetentionDays,
        // Public until the stack gives it a JWT authorizer from config (auth: "jwt", jwtAuthorizers).
        events: { http: { routes: ["POST /orders"], auth: "none" } },
        tags,
    });
    // The function writes orders, and nothing else, to its table (the policy built locally: no invoke).
    const statement = { Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:GetItem"], Resource: table.arn };
    new aws.iam.RolePolicy("process-order-table", {
        role: orders.role.name,
        policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [statement] }),
    });
    return orders;
}
