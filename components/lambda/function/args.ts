import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";
import type { AutoScalingArgs } from "../../../src/scaling";

/**
 * Where the function's code comes from: exactly one of a local path, an S3 object, or a
 * container image.
 */
export interface LambdaCodeArgs {
    /**
     * A local directory or `.zip` file, uploaded as the deployment package (a `FileArchive`).
     * Known at plan time (not an Output).
     * @default none (one of `path`, `s3Bucket` + `s3Key`, `imageUri` is required)
     */
    path?: string;
    /**
     * The S3 bucket holding the deployment package; needs `s3Key`.
     * May be an Output.
     * @default none
     */
    s3Bucket?: pulumi.Input<string>;
    /**
     * The package's object key in `s3Bucket`.
     * May be an Output.
     * @default none (required with `s3Bucket`)
     */
    s3Key?: pulumi.Input<string>;
    /**
     * The object version of the package, for versioned buckets.
     * May be an Output.
     * @default the latest version
     */
    s3ObjectVersion?: pulumi.Input<string>;
    /**
     * An ECR image URI. The function then has package type `Image`: the image defines the
     * runtime and handler, so `runtime` and `handler` must not be set.
     * May be an Output.
     * @default none
     */
    imageUri?: pulumi.Input<string>;
}

/** An existing queue or topic that receives the events the function failed to process. */
export interface LambdaDeadLetterTargetArgs {
    /**
     * The ARN of an SQS queue or SNS topic.
     * May be an Output.
     * @default required
     */
    targetArn: pulumi.Input<string>;
}

/** Network placement of the function. */
export interface LambdaVpcArgs {
    /**
     * The subnets the function's network interfaces go in: 1 to 16, private ones.
     * May be an Output.
     * @default required
     */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Up to 5 security groups for the function.
     * May be an Output.
     * @default a security group created in `vpcId` that allows only outbound HTTPS (443) and no inbound traffic
     */
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The VPC of the subnets; needed only when `securityGroupIds` is not given.
     * May be an Output.
     * @default none (required without `securityGroupIds`)
     */
    vpcId?: pulumi.Input<string>;
}

/**
 * Who may call a route: `"jwt"` (a bearer token checked by a JWT authorizer), `"iam"` (requests
 * signed with AWS credentials that IAM allows `execute-api:Invoke`), or `"none"` (public: say so
 * explicitly; the policy pack flags it in prod).
 */
export type LambdaHttpAuth = "none" | "iam" | "jwt";

/** A JWT authorizer: an Amazon Cognito user pool or any OpenID Connect issuer. */
export interface LambdaJwtAuthorizerArgs {
    /**
     * The token issuer, an HTTPS URL whose `/.well-known/openid-configuration` API Gateway reads,
     * e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI` or
     * `https://example.eu.auth0.com/`. May be an Output.
     * @default none (exactly one of `issuer` and `cognitoUserPoolId` is required)
     */
    issuer?: pulumi.Input<string>;
    /**
     * A Cognito user pool id, `<region>_<id>`; the issuer becomes
     * `https://cognito-idp.<region>.amazonaws.com/<id>`. Known at plan time (not an Output): use
     * `issuer` for an Output.
     * @default none (exactly one of `issuer` and `cognitoUserPoolId` is required)
     */
    cognitoUserPoolId?: string;
    /**
     * The accepted `aud` values (for Cognito: the app client ids; Cognito access tokens carry the
     * client id in `client_id`, which API Gateway also accepts), 1 to 50. The list is known at
     * plan time; the values may be Outputs.
     * @default required
     */
    audience: pulumi.Input<string>[];
    /**
     * Where the token is read, as an API Gateway identity source. Known at plan time (not an Output).
     * @default "$request.header.Authorization"
     */
    identitySource?: string;
}

/** Request throttling of a stage or a route (a token bucket). */
export interface LambdaHttpThrottlingArgs {
    /**
     * Steady requests per second, 0–10000 (API Gateway's account-level default quota is 10,000).
     * Known at plan time (not an Output).
     * @default required
     */
    rateLimit: number;
    /**
     * Requests that may arrive at once above the rate, a whole number 0–5000 (the account-level
     * default burst). Known at plan time (not an Output).
     * @default required
     */
    burstLimit: number;
}

/** Settings of one route that differ from the API's. */
export interface LambdaHttpRouteSettingsArgs {
    /**
     * Who may call this route. Known at plan time (not an Output).
     * @default the API's `auth`
     */
    auth?: LambdaHttpAuth;
    /**
     * With `auth: "jwt"`: the key in `jwtAuthorizers` that checks this route's tokens. Known at plan
     * time (not an Output).
     * @default the API's `authorizer`, or the only JWT authorizer
     */
    authorizer?: string;
    /**
     * With `auth: "jwt"`: OAuth scopes a token must hold one of, at most 10. Known at plan time (not an Output).
     * @default the API's `scopes` (none: any valid token)
     */
    scopes?: string[];
    /**
     * This route's throttling. Known at plan time (not an Output).
     * @default the stage's
     */
    throttling?: LambdaHttpThrottlingArgs;
}

/**
 * An API Gateway HTTP API in front of the function. Every route says who may call it: `auth` for
 * the API, or `routeSettings[route].auth`; a route with neither is an error.
 */
export interface LambdaHttpEventArgs {
    /**
     * Route keys, `"METHOD /path"` (e.g. `"POST /orders"`, `"GET /orders/{id}"`) or `"$default"`, at most 300.
     * Known at plan time (not an Output).
     * @default required (at least one)
     */
    routes: string[];
    /**
     * Who may call the routes that don't set their own: `"jwt"`, `"iam"` or `"none"` (public, explicitly).
     * Known at plan time (not an Output).
     * @default none: every route must then set `routeSettings[route].auth`
     */
    auth?: LambdaHttpAuth;
    /**
     * With `auth: "jwt"`: the key in `jwtAuthorizers` that checks the tokens. Known at plan time (not an Output).
     * @default the only JWT authorizer
     */
    authorizer?: string;
    /**
     * With `auth: "jwt"`: OAuth scopes a token must hold one of, at most 10. Known at plan time (not an Output).
     * @default none (any valid token)
     */
    scopes?: string[];
    /**
     * JWT authorizers by name (the name is the authorizer's name in API Gateway, 1–128
     * characters), at most 10. Known at plan time (not an Output).
     * @default none
     */
    jwtAuthorizers?: Record<string, LambdaJwtAuthorizerArgs>;
    /**
     * The `$default` stage's throttling, for every route without its own. Known at plan time (not an Output).
     * @default `{ rateLimit: 100, burstLimit: 200 }`: a cap well under the account's 10,000 requests
     * per second, so one API can't starve the others or run the function into its concurrency limit
     */
    throttling?: LambdaHttpThrottlingArgs;
    /**
     * Per-route auth, scopes and throttling, keyed by route key (each must be in `routes`). Known
     * at plan time (not an Output).
     * @default none
     */
    routeSettings?: Record<string, LambdaHttpRouteSettingsArgs>;
}

/** An EventBridge rule that invokes the function on a schedule. */
export interface LambdaScheduleEventArgs {
    /**
     * `rate(<value> <unit>)` (e.g. `rate(5 minutes)`) or `cron(<6 fields>)` (e.g. `cron(0 3 * * ? *)`), in UTC.
     * Known at plan time (not an Output).
     * @default required
     */
    expression: string;
    /**
     * A constant JSON text passed to the function as its event.
     * Known at plan time (not an Output).
     * @default the EventBridge scheduled event
     */
    input?: string;
}

/** An SQS queue the function consumes. */
export interface LambdaSqsEventArgs {
    /**
     * The queue's ARN. Give the queue a visibility timeout of at least 6 times the function's
     * timeout and its own redrive policy.
     * May be an Output.
     * @default required
     */
    queueArn: pulumi.Input<string>;
    /**
     * Messages per batch, 1–10000 (above 10 needs `maximumBatchingWindowSeconds`); 1–10 for a FIFO queue (`.fifo`).
     * Known at plan time (not an Output).
     * @default 10
     */
    batchSize?: number;
    /**
     * Seconds to gather a batch before invoking, 0–300. Not allowed for a FIFO queue.
     * Known at plan time (not an Output).
     * @default none (invoke as soon as messages arrive)
     */
    maximumBatchingWindowSeconds?: number;
}

/** Where a stream consumer starts reading. */
export type StreamStartingPosition = "TRIM_HORIZON" | "LATEST";

/** A DynamoDB stream the function consumes. */
export interface LambdaDynamoDbEventArgs {
    /**
     * The table's stream ARN.
     * May be an Output.
     * @default required
     */
    streamArn: pulumi.Input<string>;
    /**
     * `TRIM_HORIZON` (oldest record) or `LATEST`.
     * Known at plan time (not an Output).
     * @default required
     */
    startingPosition: StreamStartingPosition;
    /**
     * Records per batch, 1–10000.
     * Known at plan time (not an Output).
     * @default 100
     */
    batchSize?: number;
    /**
     * Retries of a failed batch before its records go to the on-failure destination, -1 (until
     * the record expires) to 10000.
     * Known at plan time (not an Output).
     * @default 10
     */
    maximumRetryAttempts?: number;
}

/** A Kinesis data stream the function consumes. */
export interface LambdaKinesisEventArgs {
    /**
     * The stream's ARN.
     * May be an Output.
     * @default required
     */
    streamArn: pulumi.Input<string>;
    /**
     * `TRIM_HORIZON` (oldest record) or `LATEST`.
     * Known at plan time (not an Output).
     * @default required
     */
    startingPosition: StreamStartingPosition;
    /**
     * Records per batch, 1–10000.
     * Known at plan time (not an Output).
     * @default 100
     */
    batchSize?: number;
    /**
     * Batches processed at once per shard, 1–10.
     * Known at plan time (not an Output).
     * @default 1
     */
    parallelizationFactor?: number;
    /**
     * Retries of a failed batch before its records go to the on-failure destination, -1 (until
     * the record expires) to 10000.
     * Known at plan time (not an Output).
     * @default 10
     */
    maximumRetryAttempts?: number;
}

/** S3 object events that invoke the function. */
export interface LambdaS3EventArgs {
    /**
     * The bucket's name. Entries naming the same bucket (the same string, or the same Output such as
     * `uploads.bucket`) share one bucket notification, which replaces any notification configured on
     * that bucket elsewhere; give one bucket's entries the same value.
     * May be an Output.
     * @default required
     */
    bucket: pulumi.Input<string>;
    /**
     * S3 event types, e.g. `["s3:ObjectCreated:*"]`.
     * Known at plan time (not an Output).
     * @default required (at least one)
     */
    events: string[];
    /**
     * Only objects whose key starts with this.
     * Known at plan time (not an Output).
     * @default none
     */
    filterPrefix?: string;
    /**
     * Only objects whose key ends with this.
     * Known at plan time (not an Output).
     * @default none
     */
    filterSuffix?: string;
}

/** An SNS topic the function subscribes to. */
export interface LambdaSnsEventArgs {
    /**
     * The topic's ARN.
     * May be an Output.
     * @default required
     */
    topicArn: pulumi.Input<string>;
}

/** An Application Load Balancer target group that forwards to the function. */
export interface LambdaAlbEventArgs {
    /**
     * An existing target group of type `lambda` (e.g. an `ApplicationLoadBalancer` target group with
     * `targetType: "lambda"`). May be an Output.
     * @default none: a `lambda` target group is created (forward to it from a listener rule)
     */
    targetGroupArn?: pulumi.Input<string>;
    /**
     * Pass repeated headers and query parameters as lists (`multiValueHeaders`). Only for a created
     * target group. Known at plan time (not an Output).
     * @default false
     */
    multiValueHeaders?: boolean;
    /**
     * Health checks of a created target group (each check is an invocation). Known at plan time (not an Output).
     * @default none (Lambda target groups are not health-checked unless asked)
     */
    healthCheck?: LambdaAlbHealthCheckArgs;
}

/** Health checks of the function's target group. */
export interface LambdaAlbHealthCheckArgs {
    /**
     * The path requested. Known at plan time (not an Output).
     * @default "/"
     */
    path?: string;
    /**
     * Seconds between checks, 5–300, more than `timeoutSeconds`. Known at plan time (not an Output).
     * @default 35
     */
    intervalSeconds?: number;
    /**
     * Seconds to wait for the function, 2–120. Known at plan time (not an Output).
     * @default 30
     */
    timeoutSeconds?: number;
}

/** CORS of a function URL. */
export interface LambdaFunctionUrlCorsArgs {
    /**
     * Origins allowed to call, e.g. `https://app.example.com`, at most 100. Known at plan time (not an Output).
     * @default required
     */
    allowOrigins: string[];
    /**
     * HTTP methods allowed (`GET`, `POST`, ... or `*`), at most 6. Known at plan time (not an Output).
     * @default ["GET"]
     */
    allowMethods?: string[];
    /**
     * Request headers allowed, at most 100. Known at plan time (not an Output).
     * @default none
     */
    allowHeaders?: string[];
    /**
     * Response headers the browser may read, at most 100. Known at plan time (not an Output).
     * @default none
     */
    exposeHeaders?: string[];
    /**
     * Allow cookies and credentials (not with the origin `*`). Known at plan time (not an Output).
     * @default false
     */
    allowCredentials?: boolean;
    /**
     * Seconds a browser may cache the preflight answer, 0–86400. Known at plan time (not an Output).
     * @default 0
     */
    maxAgeSeconds?: number;
}

/** A dedicated HTTPS endpoint of the function's `live` alias. */
export interface LambdaFunctionUrlArgs {
    /**
     * `AWS_IAM`: callers sign requests with credentials allowed `lambda:InvokeFunctionUrl`. `NONE`:
     * public; a permission for everyone (`*`) is created, limited to calls through the URL.
     * Known at plan time (not an Output).
     * @default "AWS_IAM"
     */
    authType?: "AWS_IAM" | "NONE";
    /**
     * CORS for browsers. Known at plan time (not an Output).
     * @default none (no CORS headers)
     */
    cors?: LambdaFunctionUrlCorsArgs;
    /**
     * `BUFFERED` or `RESPONSE_STREAM`. Known at plan time (not an Output).
     * @default "BUFFERED"
     */
    invokeMode?: "BUFFERED" | "RESPONSE_STREAM";
}

/** How the function's poller authenticates to Kafka. */
export type LambdaKafkaAuth = "iam" | "saslScram512" | "saslScram256" | "saslPlain" | "mtls";

/** A Kafka topic the function consumes: an Amazon MSK cluster, or a self-managed cluster. */
export interface LambdaKafkaEventArgs {
    /**
     * The MSK cluster's ARN. May be an Output.
     * @default none (exactly one of `clusterArn` and `bootstrapServers` is required)
     */
    clusterArn?: pulumi.Input<string>;
    /**
     * A self-managed cluster's bootstrap servers, `host:port`, 1 to 10. Known at plan time (not an Output).
     * @default none (exactly one of `clusterArn` and `bootstrapServers` is required)
     */
    bootstrapServers?: string[];
    /**
     * The topic: 1–249 letters, digits, `.`, `_` or `-`. Known at plan time (not an Output).
     * @default required
     */
    topic: string;
    /**
     * `TRIM_HORIZON` (oldest record) or `LATEST`. Known at plan time (not an Output).
     * @default required
     */
    startingPosition: StreamStartingPosition;
    /**
     * Records per batch, 1–10000. Known at plan time (not an Output).
     * @default 100
     */
    batchSize?: number;
    /**
     * Seconds to gather a batch, 0–300. Known at plan time (not an Output).
     * @default 0 for MSK and self-managed Kafka (Lambda's default is 500 ms: set it to trade latency for batches)
     */
    maximumBatchingWindowSeconds?: number;
    /**
     * The consumer group id, 1–200 characters. Known at plan time (not an Output).
     * @default Lambda's (the mapping's UUID)
     */
    consumerGroupId?: string;
    /**
     * How the poller authenticates. MSK: `iam` (the default), `saslScram512` or `mtls`.
     * Self-managed: `saslScram512`, `saslScram256`, `saslPlain` or `mtls` (required). Known at plan time (not an Output).
     * @default "iam" for MSK; required for self-managed
     */
    auth?: LambdaKafkaAuth;
    /**
     * The Secrets Manager secret with the credentials (SASL: `username` and `password`; mTLS: the
     * client certificate and key). Required for every `auth` but `iam`. May be an Output.
     * @default none
     */
    secretArn?: pulumi.Input<string>;
    /**
     * Self-managed only: the subnets and security groups through which the poller reaches the brokers.
     * Known at plan time (not an Output); the ids may be Outputs.
     * @default none (the brokers are reached over the internet)
     */
    vpc?: { subnetIds: pulumi.Input<string>[]; securityGroupIds: pulumi.Input<string>[] };
}

/** An EventBridge rule that invokes the function for events matching a pattern. */
export interface LambdaEventPatternArgs {
    /**
     * The event pattern: an object, or its JSON text, whose leaves are lists of match values, e.g.
     * `{ source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] }`; at most
     * 4096 characters as JSON. Known at plan time (not an Output).
     * @default required
     */
    pattern: string | Record<string, unknown>;
    /**
     * The event bus. May be an Output.
     * @default "default"
     */
    eventBusName?: pulumi.Input<string>;
    /**
     * The rule's description, at most 512 characters. Known at plan time (not an Output).
     * @default "Invokes Lambda function <name> on matching events"
     */
    description?: string;
}

/** What invokes the function. Every source invokes the `live` alias. */
export interface LambdaEventsArgs {
    /**
     * An HTTP API with these routes, a payload 2.0 integration, a `$default` stage with access
     * logs, and a permission scoped to the API.
     * Known at plan time (not an Output).
     * @default none
     */
    http?: LambdaHttpEventArgs;
    /**
     * EventBridge schedules, each with its rule, target and a permission scoped to the rule.
     * Known at plan time (not an Output).
     * @default none
     */
    schedules?: LambdaScheduleEventArgs[];
    /**
     * SQS queues to consume.
     * Known at plan time (not an Output).
     * @default none
     */
    sqs?: LambdaSqsEventArgs[];
    /**
     * DynamoDB streams to consume; failed batches are split and then sent to the dead-letter queue.
     * Known at plan time (not an Output).
     * @default none
     */
    dynamodb?: LambdaDynamoDbEventArgs[];
    /**
     * Kinesis streams to consume; failed batches are split and then sent to the dead-letter queue.
     * Known at plan time (not an Output).
     * @default none
     */
    kinesis?: LambdaKinesisEventArgs[];
    /**
     * S3 bucket notifications, with permissions scoped to the bucket and this account.
     * Known at plan time (not an Output).
     * @default none
     */
    s3?: LambdaS3EventArgs[];
    /**
     * SNS topic subscriptions, with permissions scoped to the topic.
     * Known at plan time (not an Output).
     * @default none
     */
    sns?: LambdaSnsEventArgs[];
    /**
     * An Application Load Balancer target group: the one given or a created `lambda` target
     * group, the alias attached to it, and a permission scoped to it.
     * Known at plan time (not an Output).
     * @default none
     */
    alb?: LambdaAlbEventArgs;
    /**
     * Kafka topics to consume (Amazon MSK or self-managed), with the role access they need.
     * Known at plan time (not an Output).
     * @default none
     */
    kafka?: LambdaKafkaEventArgs[];
    /**
     * EventBridge rules with event patterns, each with its target and a permission scoped to the rule.
     * Known at plan time (not an Output).
     * @default none
     */
    eventPatterns?: LambdaEventPatternArgs[];
}

/** Arguments of `LambdaFunction`. */
export interface LambdaFunctionArgs {
    /**
     * The function's name in Lambda: 1–64 letters, digits, `-` and `_`. Its log group is `/aws/lambda/<name>`.
     * Known at plan time (not an Output).
     * @default the component name (made valid, and shortened with a hash beyond 64 characters)
     */
    functionName?: string;
    /**
     * A managed runtime Lambda currently supports, e.g. `nodejs22.x`, `python3.13`, `java21`.
     * A deprecated runtime that can still be updated is accepted with a warning. Not allowed with `code.imageUri`.
     * Known at plan time (not an Output).
     * @default "nodejs22.x" (none for container images)
     */
    runtime?: string;
    /**
     * The handler, e.g. `index.handler` or `lambda_function.lambda_handler`. Not allowed with `code.imageUri`.
     * Known at plan time (not an Output).
     * @default required for `.zip` packages (`code.path`, `code.s3Bucket`)
     */
    handler?: string;
    /**
     * The code: exactly one of `path`, `s3Bucket` + `s3Key` (+ `s3ObjectVersion`), or `imageUri`.
     * Known at plan time (not an Output).
     * @default required
     */
    code: LambdaCodeArgs;
    /**
     * Layer version ARNs (`arn:aws:lambda:<region>:<account>:layer:<name>:<version>`), at most 5,
     * in the order they are extracted. Not with `code.imageUri`. The list is known at plan time; the
     * ARNs may be Outputs.
     * @default none
     */
    layers?: pulumi.Input<string>[];
    /**
     * SnapStart on published versions (the `live` alias serves them): Java 11+, Python 3.12+ and
     * .NET 8+ runtimes, not with provisioned concurrency, container images or more than 512 MB of
     * ephemeral storage. Known at plan time (not an Output).
     * @default false
     */
    snapStart?: boolean;
    /**
     * The ARN of an existing execution role to use instead of the one the component creates. The
     * scoped inline policy is then not created: the role must allow what the README's "Bring your
     * own role" lists (the plan's `requiredStatements`), and trust `lambda.amazonaws.com`. May be an Output.
     * @default none: a role with a least-privilege inline policy is created
     */
    role?: pulumi.Input<string>;
    /**
     * The instruction set.
     * Known at plan time (not an Output).
     * @default "x86_64"
     */
    architecture?: "arm64" | "x86_64";
    /**
     * Memory in MB, 128–10240.
     * Known at plan time (not an Output).
     * @default 512
     */
    memorySize?: number;
    /**
     * Seconds an invocation may run, 1–900.
     * Known at plan time (not an Output).
     * @default 30
     */
    timeoutSeconds?: number;
    /**
     * Size of `/tmp` in MB, 512–10240.
     * Known at plan time (not an Output).
     * @default 512
     */
    ephemeralStorageMb?: number;
    /**
     * Environment variables: names of 2 or more letters, digits and `_`, starting with a letter.
     * Names that look like secrets (PASSWORD, TOKEN, API_KEY, ...) are rejected: keep secrets in
     * Secrets Manager or SSM Parameter Store and pass their name. The names are known at plan
     * time; the values may be Outputs.
     * @default none
     */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * Concurrent executions reserved for (and the most allowed to) this function, 0 or more.
     * Known at plan time (not an Output).
     * @default none (the account's unreserved pool)
     */
    reservedConcurrency?: number;
    /**
     * A fixed number of pre-initialized execution environments on the `live` alias, 1 or more and
     * at most `reservedConcurrency`. For a number that scales, use `autoScaling` instead (not both).
     * Known at plan time (not an Output).
     * @default none
     */
    provisionedConcurrency?: number;
    /**
     * Provisioned concurrency on the `live` alias that Application Auto Scaling keeps between `min`
     * and `max` (units of provisioned concurrency; `min` 1 or more, `max` at most
     * `reservedConcurrency`), in the shared scaling vocabulary: `targetTracking` on
     * `provisionedConcurrencyUtilization` (a fraction 0.1–0.9) or a `custom` metric, `steps`
     * (alarms default to the alias's `FunctionName` and `Resource` dimensions), and `schedules`
     * (`cron(...)`, `rate(...)` or `at(...)`). Without `targetTracking` and `steps`, a target of
     * 0.7 on `provisionedConcurrencyUtilization` is added. Lambda has no predictive scaling. Not
     * with `provisionedConcurrency`.
     * Known at plan time (not an Output).
     * @default none
     */
    autoScaling?: AutoScalingArgs;
    /**
     * Where failed asynchronous events go: `true` creates an encrypted SQS queue (14 days'
     * retention), `{ targetArn }` uses an existing queue or topic, `false` drops them. Stream
     * sources use it as their on-failure destination.
     * Known at plan time (not an Output).
     * @default true
     */
    deadLetter?: boolean | LambdaDeadLetterTargetArgs;
    /**
     * Retries of a failed asynchronous invocation, 0–2.
     * Known at plan time (not an Output).
     * @default 2
     */
    maximumRetryAttempts?: number;
    /**
     * Seconds an asynchronous event may wait to be processed, 60–21600.
     * Known at plan time (not an Output).
     * @default 21600
     */
    maximumEventAgeSeconds?: number;
    /**
     * Run the function in a VPC.
     * Known at plan time (not an Output).
     * @default none (Lambda's own network)
     */
    vpc?: LambdaVpcArgs;
    /**
     * A function URL on the `live` alias (auth `AWS_IAM` unless `NONE` is asked for).
     * Known at plan time (not an Output).
     * @default none
     */
    functionUrl?: LambdaFunctionUrlArgs;
    /**
     * X-Ray tracing mode.
     * Known at plan time (not an Output).
     * @default "Active"
     */
    tracing?: "Active" | "PassThrough";
    /**
     * Days to keep the function's logs (and the HTTP API's access logs): one of CloudWatch Logs'
     * values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
     * 2557, 2922, 3288, 3653.
     * Known at plan time (not an Output).
     * @default 30
     */
    logRetentionDays?: number;
    /**
     * What invokes the function.
     * Known at plan time (not an Output).
     * @default none
     */
    events?: LambdaEventsArgs;
    /**
     * Tags for every child that can be tagged, merged over `managed-by` and `component`. May be an
     * Output (the default tags are still added).
     * May be an Output.
     * @default none
     */
    tags?: pulumi.Input<Tags>;
}
