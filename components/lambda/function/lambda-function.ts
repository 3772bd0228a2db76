import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, defaultTags } from "../../../src/core";
import type { LambdaFunctionArgs } from "./args";
import { LambdaFunctionPlan, planLambdaFunction } from "./plan";

/** One statement of an IAM policy document, as the component writes them. */
interface Statement {
    Sid: string;
    Effect: "Allow";
    Action: pulumi.Input<string>[];
    Resource: pulumi.Input<string> | pulumi.Input<string>[];
}

/** The access-log fields of the HTTP API's `$default` stage (JSON, one line a request). */
const ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    routeKey: "$context.routeKey",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    integrationLatency: "$context.integrationLatency",
    integrationError: "$context.integrationErrorMessage",
});

/**
 * A Lambda function with everything it needs to run safely: a least-privilege role, a log group
 * with retention, a published version behind the alias `live` (where provisioned concurrency
 * lives and which every event source invokes), a dead-letter queue, X-Ray tracing, optional VPC
 * access, and its event sources (HTTP API, schedules, SQS, DynamoDB and Kinesis streams, S3, SNS),
 * each with a permission scoped to its source.
 */
export class LambdaFunction extends pulumi.ComponentResource {
    /** The function. */
    readonly function: aws.lambda.Function;
    /** Its execution role. */
    readonly role: aws.iam.Role;
    /** The role's inline policy: logs, tracing, VPC, dead-letter and event-source access, each scoped. */
    readonly rolePolicy: aws.iam.RolePolicy;
    /** The `live` alias, on the latest published version. */
    readonly alias: aws.lambda.Alias;
    /** The version the alias points at. */
    readonly version: pulumi.Output<string>;
    /** `/aws/lambda/<function name>`. */
    readonly logGroup: aws.cloudwatch.LogGroup;
    /** The dead-letter queue, when the component created it (`deadLetter: true`, the default). */
    readonly deadLetterQueue?: aws.sqs.Queue;
    /** The ARN failed events go to (created queue or `deadLetter.targetArn`), when there is one. */
    readonly deadLetterArn?: pulumi.Output<string>;
    /** The function's security group, when `vpc` is set without `securityGroupIds`. */
    readonly securityGroup?: aws.ec2.SecurityGroup;
    /** Retries and event age of asynchronous invocations of the alias. */
    readonly eventInvokeConfig: aws.lambda.FunctionEventInvokeConfig;
    /** Provisioned concurrency on the alias, when asked for. */
    readonly provisionedConcurrencyConfig?: aws.lambda.ProvisionedConcurrencyConfig;
    /** The scalable target of the alias's provisioned concurrency, with `provisionedConcurrency: {minCapacity, maxCapacity}`. */
    readonly scalingTarget?: aws.appautoscaling.Target;
    /** The target-tracking policy on LambdaProvisionedConcurrencyUtilization. */
    readonly scalingPolicies: aws.appautoscaling.Policy[] = [];
    /** Scheduled changes of the provisioned-concurrency bounds. */
    readonly scheduledActions: aws.appautoscaling.ScheduledAction[] = [];
    /** The HTTP API, when `events.http` is set. */
    readonly httpApi?: aws.apigatewayv2.Api;
    /** The HTTP API's `$default` stage. */
    readonly httpStage?: aws.apigatewayv2.Stage;
    /** The HTTP API's routes, in the order given. */
    readonly httpRoutes: aws.apigatewayv2.Route[] = [];
    /** The HTTP API's access log group. */
    readonly accessLogGroup?: aws.cloudwatch.LogGroup;
    /** The HTTP API's endpoint URL. */
    readonly url?: pulumi.Output<string>;
    /** EventBridge rules of `events.schedules`, in order. */
    readonly scheduleRules: aws.cloudwatch.EventRule[] = [];
    /** Event source mappings: SQS, then DynamoDB, then Kinesis, each in order. */
    readonly eventSourceMappings: aws.lambda.EventSourceMapping[] = [];
    /** One bucket notification per bucket of `events.s3`. */
    readonly bucketNotifications: aws.s3.BucketNotification[] = [];
    /** SNS subscriptions of `events.sns`, in order. */
    readonly topicSubscriptions: aws.sns.TopicSubscription[] = [];
    /** Every invoke permission the component created; each has a sourceArn. */
    readonly permissions: aws.lambda.Permission[] = [];
    /** What the planner decided, with defaults applied. */
    readonly plan: LambdaFunctionPlan;

    constructor(name: string, args: LambdaFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planLambdaFunction(name, args);
        super("compute-layer:index:LambdaFunction", name, {}, opts);
        this.plan = plan;
        for (const w of plan.warnings) pulumi.log.warn(w, this);
        const tags = defaultTags(name, args.tags);
        const parent = { parent: this };

        this.logGroup = new aws.cloudwatch.LogGroup(childName(name, "logs"), { name: plan.logGroupName, retentionInDays: plan.logRetentionDays, tags }, parent);

        if (plan.deadLetter?.kind === "queue") {
            this.deadLetterQueue = new aws.sqs.Queue(
                childName(name, "dlq"),
                // 14 days, the longest SQS keeps a message, so a failure is never lost before someone looks.
                { sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600, tags },
                parent,
            );
            this.deadLetterArn = this.deadLetterQueue.arn;
        } else if (plan.deadLetter?.kind === "existing") {
            this.deadLetterArn = pulumi.output(plan.deadLetter.targetArn);
        }

        let securityGroupIds: pulumi.Input<pulumi.Input<string>[]> | undefined = plan.vpc?.securityGroupIds;
        if (plan.vpc && securityGroupIds === undefined) {
            this.securityGroup = new aws.ec2.SecurityGroup(
                childName(name, "sg"),
                { vpcId: plan.vpc.vpcId, description: `Lambda function ${plan.functionName}: outbound HTTPS only`, tags },
                parent,
            );
            new aws.vpc.SecurityGroupEgressRule(
                childName(name, "sg-https"),
                { securityGroupId: this.securityGroup.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "HTTPS to AWS APIs and the internet", tags },
                parent,
            );
            securityGroupIds = [this.securityGroup.id];
        }

        this.role = new aws.iam.Role(
            childName(name, "role"),
            {
                description: `Execution role of Lambda function ${plan.functionName}`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
                tags,
            },
            parent,
        );
        this.rolePolicy = new aws.iam.RolePolicy(
            childName(name, "policy"),
            { role: this.role.id, policy: pulumi.jsonStringify(pulumi.output({ Version: "2012-10-17", Statement: this.statements(plan) })) },
            parent,
        );

        this.function = new aws.lambda.Function(
            childName(name, "function"),
            {
                name: plan.functionName,
                role: this.role.arn,
                packageType: plan.packageType,
                runtime: plan.runtime,
                handler: plan.handler,
                code: plan.code.kind === "path" ? new pulumi.asset.FileArchive(plan.code.path) : undefined,
                s3Bucket: plan.code.kind === "s3" ? plan.code.s3Bucket : undefined,
                s3Key: plan.code.kind === "s3" ? plan.code.s3Key : undefined,
                s3ObjectVersion: plan.code.kind === "s3" ? plan.code.s3ObjectVersion : undefined,
                imageUri: plan.code.kind === "image" ? plan.code.imageUri : undefined,
                architectures: [plan.architecture],
                memorySize: plan.memorySize,
                timeout: plan.timeoutSeconds,
                ephemeralStorage: { size: plan.ephemeralStorageMb },
                environment: Object.keys(plan.environment).length > 0 ? { variables: plan.environment } : undefined,
                reservedConcurrentExecutions: plan.reservedConcurrency,
                publish: true,
                deadLetterConfig: this.deadLetterArn ? { targetArn: this.deadLetterArn } : undefined,
                vpcConfig: plan.vpc && securityGroupIds ? { subnetIds: plan.vpc.subnetIds, securityGroupIds } : undefined,
                tracingConfig: { mode: plan.tracing },
                loggingConfig: { logFormat: "Text", logGroup: this.logGroup.name },
                tags,
            },
            // The role's policy must exist first: Lambda checks the role can reach the DLQ and the VPC on create.
            { parent: this, dependsOn: [this.logGroup, this.rolePolicy] },
        );
        this.version = this.function.version;

        this.alias = new aws.lambda.Alias(
            childName(name, plan.aliasName),
            { name: plan.aliasName, functionName: this.function.name, functionVersion: this.function.version, description: "The version every event source invokes" },
            parent,
        );

        // Async retries and event age. Failed events go to the function's dead-letter queue
        // (deadLetterConfig); no on-failure destination as well, which would deliver each failure twice.
        this.eventInvokeConfig = new aws.lambda.FunctionEventInvokeConfig(
            childName(name, "invoke-config"),
            { functionName: this.function.name, qualifier: this.alias.name, maximumRetryAttempts: plan.maximumRetryAttempts, maximumEventAgeInSeconds: plan.maximumEventAgeSeconds },
            parent,
        );

        const pc = plan.provisioned;
        if (pc) {
            // On the alias, never on $LATEST. When Application Auto Scaling owns the number, start at
            // minCapacity and leave later changes to it.
            this.provisionedConcurrencyConfig = new aws.lambda.ProvisionedConcurrencyConfig(
                childName(name, "provisioned"),
                { functionName: this.function.name, qualifier: this.alias.name, provisionedConcurrentExecutions: pc.kind === "fixed" ? pc.executions : pc.minCapacity },
                pc.kind === "fixed" ? parent : { parent: this, ignoreChanges: ["provisionedConcurrentExecutions"] },
            );
        }
        if (pc?.kind === "scaling" && this.provisionedConcurrencyConfig) {
            const aas = pc.autoScaling;
            this.scalingTarget = new aws.appautoscaling.Target(
                childName(name, "scaling-target"),
                {
                    serviceNamespace: aas.target.serviceNamespace,
                    scalableDimension: aas.target.scalableDimension,
                    resourceId: `function:${plan.functionName}:${plan.aliasName}`,
                    minCapacity: pc.minCapacity,
                    maxCapacity: pc.maxCapacity,
                    tags,
                },
                // The alias and its provisioned concurrency must exist before the alias is registered.
                { parent: this, dependsOn: [this.alias, this.provisionedConcurrencyConfig] },
            );
            const fields = { resourceId: this.scalingTarget.resourceId, scalableDimension: this.scalingTarget.scalableDimension, serviceNamespace: this.scalingTarget.serviceNamespace };
            for (const p of aas.policies) {
                this.scalingPolicies.push(new aws.appautoscaling.Policy(childName(name, "scaling", p.key), { name: `${plan.functionName}-${p.key}`, ...p.args, ...fields }, parent));
            }
            for (const a of aas.scheduledActions) {
                this.scheduledActions.push(new aws.appautoscaling.ScheduledAction(childName(name, "scaling", a.key), { ...a.args, ...fields }, parent));
            }
        }

        if (plan.events.http) {
            const http = this.createHttpApi(name, plan, plan.events.http.routes, tags);
            this.httpApi = http.api;
            this.httpStage = http.stage;
            this.accessLogGroup = http.accessLogGroup;
            this.url = http.api.apiEndpoint;
        }
        this.createEvents(name, plan, tags);

        this.registerOutputs({
            function: this.function,
            role: this.role,
            alias: this.alias,
            version: this.version,
            logGroup: this.logGroup,
            deadLetterQueue: this.deadLetterQueue,
            httpApi: this.httpApi,
            url: this.url,
        });
    }

    /** The role's policy statements, each scoped to what it is for. */
    private statements(plan: LambdaFunctionPlan): Statement[] {
        const out: Statement[] = [
            // Only this function's own log group: it exists before the function, so no logs:CreateLogGroup.
            { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${this.logGroup.arn}:*` },
        ];
        if (plan.tracing === "Active") {
            // The actions of AWSXRayDaemonWriteAccess. X-Ray has no resource-level permissions.
            out.push({
                Sid: "Tracing",
                Effect: "Allow",
                Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"],
                Resource: "*",
            });
        }
        if (plan.vpc) {
            // The network-interface actions of AWSLambdaVPCAccessExecutionRole (without its logs:* on every
            // log group). The Describe actions support no resource-level permissions.
            out.push({
                Sid: "VpcNetworkInterfaces",
                Effect: "Allow",
                Action: ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
                Resource: "*",
            });
        }
        if (this.deadLetterArn) {
            const arn = this.deadLetterArn;
            out.push({
                Sid: "DeadLetter",
                Effect: "Allow",
                Action: [arn.apply((a) => (a.split(":")[2] === "sns" ? "sns:Publish" : "sqs:SendMessage"))],
                Resource: arn,
            });
        }
        plan.events.sqs.forEach((q, i) => {
            out.push({ Sid: `SqsSource${i}`, Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: q.queueArn });
        });
        for (const s of plan.events.streams) {
            out.push(
                s.kind === "dynamodb"
                    ? { Sid: `DynamoDbSource${s.index}`, Effect: "Allow", Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], Resource: s.streamArn }
                    : {
                          Sid: `KinesisSource${s.index}`,
                          Effect: "Allow",
                          Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard"],
                          Resource: s.streamArn,
                      },
            );
        }
        return out;
    }

    /** An invoke permission on the `live` alias for one source. */
    private permit(name: string, principal: string, sourceArn: pulumi.Input<string>, sourceAccount?: pulumi.Input<string>): aws.lambda.Permission {
        const p = new aws.lambda.Permission(
            name,
            { action: "lambda:InvokeFunction", function: this.function.name, qualifier: this.alias.name, principal, sourceArn, sourceAccount },
            { parent: this },
        );
        this.permissions.push(p);
        return p;
    }

    /** The HTTP API: payload 2.0 proxy integration to the alias, one route per key, a `$default` stage with access logs. */
    private createHttpApi(name: string, plan: LambdaFunctionPlan, routes: string[], tags: Record<string, pulumi.Input<string>>) {
        const parent = { parent: this };
        const accessLogGroup = new aws.cloudwatch.LogGroup(
            childName(name, "http-access-logs"),
            { name: `/aws/apigateway/${plan.functionName}`, retentionInDays: plan.logRetentionDays, tags },
            parent,
        );
        const api = new aws.apigatewayv2.Api(childName(name, "http"), { name: plan.functionName, protocolType: "HTTP", tags }, parent);
        const integration = new aws.apigatewayv2.Integration(
            childName(name, "http-integration"),
            { apiId: api.id, integrationType: "AWS_PROXY", integrationMethod: "POST", integrationUri: this.alias.invokeArn, payloadFormatVersion: "2.0" },
            parent,
        );
        routes.forEach((routeKey, i) => {
            this.httpRoutes.push(new aws.apigatewayv2.Route(childName(name, "http-route", i), { apiId: api.id, routeKey, target: pulumi.interpolate`integrations/${integration.id}` }, parent));
        });
        const stage = new aws.apigatewayv2.Stage(
            childName(name, "http-stage"),
            { apiId: api.id, name: "$default", autoDeploy: true, accessLogSettings: { destinationArn: accessLogGroup.arn, format: ACCESS_LOG_FORMAT }, tags },
            parent,
        );
        this.permit(childName(name, "http-permission"), "apigateway.amazonaws.com", pulumi.interpolate`${api.executionArn}/*/*`);
        return { api, stage, accessLogGroup };
    }

    private createEvents(name: string, plan: LambdaFunctionPlan, tags: Record<string, pulumi.Input<string>>): void {
        const parent = { parent: this };
        const ev = plan.events;

        ev.schedules.forEach((s, i) => {
            const rule = new aws.cloudwatch.EventRule(
                childName(name, "schedule", i),
                { scheduleExpression: s.expression, description: `Invokes Lambda function ${plan.functionName} on ${s.expression}`, tags },
                parent,
            );
            new aws.cloudwatch.EventTarget(childName(name, "schedule", i, "target"), { rule: rule.name, arn: this.alias.arn, input: s.input }, parent);
            this.permit(childName(name, "schedule", i, "permission"), "events.amazonaws.com", rule.arn);
            this.scheduleRules.push(rule);
        });

        ev.sqs.forEach((q, i) => {
            this.eventSourceMappings.push(
                new aws.lambda.EventSourceMapping(
                    childName(name, "sqs", i),
                    { eventSourceArn: q.queueArn, functionName: this.alias.arn, batchSize: q.batchSize, maximumBatchingWindowInSeconds: q.maximumBatchingWindowSeconds, tags },
                    { parent: this, dependsOn: [this.rolePolicy] },
                ),
            );
        });

        for (const s of ev.streams) {
            this.eventSourceMappings.push(
                new aws.lambda.EventSourceMapping(
                    childName(name, s.kind, s.index),
                    {
                        eventSourceArn: s.streamArn,
                        functionName: this.alias.arn,
                        startingPosition: s.startingPosition,
                        batchSize: s.batchSize,
                        parallelizationFactor: s.parallelizationFactor,
                        maximumRetryAttempts: s.maximumRetryAttempts,
                        bisectBatchOnFunctionError: true,
                        destinationConfig: this.deadLetterArn ? { onFailure: { destinationArn: this.deadLetterArn } } : undefined,
                        tags,
                    },
                    { parent: this, dependsOn: [this.rolePolicy] },
                ),
            );
        }

        if (ev.s3.length > 0) {
            const partition = aws.getPartitionOutput({}, parent).partition;
            const account = aws.getCallerIdentityOutput({}, parent).accountId;
            for (const b of ev.s3) {
                const permission = this.permit(childName(name, "s3", b.index, "permission"), "s3.amazonaws.com", pulumi.interpolate`arn:${partition}:s3:::${b.bucket}`, account);
                this.bucketNotifications.push(
                    new aws.s3.BucketNotification(
                        childName(name, "s3", b.index),
                        { bucket: b.bucket, lambdaFunctions: b.rules.map((r) => ({ lambdaFunctionArn: this.alias.arn, events: r.events, filterPrefix: r.filterPrefix, filterSuffix: r.filterSuffix })) },
                        // S3 checks it may invoke the function when the notification is put.
                        { parent: this, dependsOn: [permission] },
                    ),
                );
            }
        }

        ev.sns.forEach((t, i) => {
            const permission = this.permit(childName(name, "sns", i, "permission"), "sns.amazonaws.com", t.topicArn);
            this.topicSubscriptions.push(
                new aws.sns.TopicSubscription(childName(name, "sns", i), { topic: t.topicArn, protocol: "lambda", endpoint: this.alias.arn }, { parent: this, dependsOn: [permission] }),
            );
        });
    }
}
