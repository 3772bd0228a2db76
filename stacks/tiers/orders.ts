import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LambdaFunction, type LambdaHttpEventArgs } from "../../src";
import type { SystemContext } from "./context";
import type { Network } from "./network";

/**
 * `POST /orders`: callers bring a JWT the config's authorizer checks (its claims reach the
 * handler), or, where the environment's config has none (dev), the route is public, explicitly.
 */
function orderRoutes({ config }: SystemContext): LambdaHttpEventArgs {
    const jwt = config.orders?.jwt;
    if (!jwt) return { routes: ["POST /orders"], auth: "none" };
    const { scopes, ...authorizer } = jwt;
    return {
        routes: ["POST /orders"],
        auth: "jwt",
        jwtAuthorizers: { orders: authorizer },
        ...(scopes ? { scopes } : {}),
    };
}

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
        events: { http: orderRoutes(ctx) },
        tags,
    });
    // The function writes orders, and nothing else, to its table (the policy built locally: no invoke).
    const statement = { Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:GetItem"], Resource: table.arn };
    new aws.iam.RolePolicy("process-order-table", {
        role: orders.roleName,
        policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [statement] }),
    });
    return orders;
}
