import { input, int, type MutuallyAssignable, obj, planTime, tagsSchema, z } from "../../../src/core";
import { autoScalingSchema } from "../../../src/scaling/schema";
import type {
    LambdaAlbEventArgs,
    LambdaCodeArgs,
    LambdaDeadLetterTargetArgs,
    LambdaEventPatternArgs,
    LambdaEventsArgs,
    LambdaFunctionArgs,
    LambdaFunctionUrlArgs,
    LambdaHttpEventArgs,
    LambdaHttpRouteSettingsArgs,
    LambdaHttpThrottlingArgs,
    LambdaJwtAuthorizerArgs,
    LambdaKafkaEventArgs,
    LambdaS3EventArgs,
    LambdaVpcArgs,
} from "./args";

/**
 * The runtime shape of {@link LambdaFunctionArgs} (issue 19): types (booleans strictly booleans),
 * required fields, whole numbers where Lambda wants them, closed objects (unknown keys are errors
 * with a suggestion), fields that decide which children exist known at plan time, and AWS's list
 * limits. Ranges and cross-field rules are the planner's semantic checks.
 *
 * List limits:
 * - "Routes per API: 300", "Authorizers per API: 10", "Audiences per authorizer: 50" and "Scopes
 *   per route: 10" (API Gateway HTTP API quotas,
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
 * - "Rules per event bus: 300" (EventBridge quotas, the default,
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html): schedules and event
 *   patterns each create one rule on the default bus.
 * - VpcConfig: at most 16 subnets and 5 security groups
 *   (https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html).
 * - "Layers: 5" per function (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
 * - Function URL CORS: at most 100 origins and headers, 6 methods
 *   (https://docs.aws.amazon.com/lambda/latest/api/API_Cors.html).
 * - Each queue, stream and topic adds a statement to the role's inline policy or a permission to
 *   the function's resource policy (10,240 and 20,480 characters); the planner checks the policy
 *   size, and these lists stop at the number of rules an event bus holds.
 */
export const LAMBDA_LIST_LIMITS = {
    routes: 300,
    authorizers: 10,
    audiences: 50,
    scopesPerRoute: 10,
    rules: 300,
    subnets: 16,
    securityGroups: 5,
    sources: 300,
    layers: 5,
    corsEntries: 100,
    corsMethods: 6,
    bootstrapServers: 10,
    kafkaVpcIds: 16,
} as const;

const arn = () => input(z.string().min(1));
const list = <T extends z.ZodType>(item: T, max: number = LAMBDA_LIST_LIMITS.sources) => z.array(item).max(max);
const whyEvents = "each entry creates its own children: a rule, a mapping, a subscription or a permission";

const codeSchema = obj({
    path: z.string().optional(),
    s3Bucket: arn().optional(),
    s3Key: arn().optional(),
    s3ObjectVersion: arn().optional(),
    imageUri: arn().optional(),
});

const deadLetterTargetSchema = obj({ targetArn: arn() });

const vpcSchema = obj({
    subnetIds: input(z.array(input(z.string())).max(LAMBDA_LIST_LIMITS.subnets)),
    securityGroupIds: input(z.array(input(z.string())).max(LAMBDA_LIST_LIMITS.securityGroups)).optional(),
    vpcId: input(z.string()).optional(),
});

const startingPosition = z.enum(["TRIM_HORIZON", "LATEST"]);

const httpAuth = z.enum(["none", "iam", "jwt"]);
const scopes = z.array(z.string()).max(LAMBDA_LIST_LIMITS.scopesPerRoute);
const throttlingSchema = obj({ rateLimit: z.number(), burstLimit: int() });

const jwtAuthorizerSchema = obj({
    issuer: input(z.string()).optional(),
    cognitoUserPoolId: z.string().optional(),
    audience: z.array(input(z.string())).max(LAMBDA_LIST_LIMITS.audiences),
    identitySource: z.string().optional(),
});

const routeSettingsSchema = obj({
    auth: httpAuth.optional(),
    authorizer: z.string().optional(),
    scopes: scopes.optional(),
    throttling: throttlingSchema.optional(),
});

const httpSchema = obj({
    routes: z.array(z.string()).max(LAMBDA_LIST_LIMITS.routes),
    auth: httpAuth.optional(),
    authorizer: z.string().optional(),
    scopes: scopes.optional(),
    jwtAuthorizers: z.record(z.string(), jwtAuthorizerSchema).optional(),
    throttling: throttlingSchema.optional(),
    routeSettings: z.record(z.string(), routeSettingsSchema).optional(),
});

const s3Schema = obj({
    bucket: input(z.string().min(1)),
    events: z.array(z.string()),
    filterPrefix: z.string().optional(),
    filterSuffix: z.string().optional(),
});

const albSchema = obj({
    targetGroupArn: arn().optional(),
    multiValueHeaders: z.boolean().optional(),
    healthCheck: obj({
        path: z.string().optional(),
        intervalSeconds: int().optional(),
        timeoutSeconds: int().optional(),
    }).optional(),
});

const kafkaSchema = obj({
    clusterArn: arn().optional(),
    bootstrapServers: z.array(z.string()).max(LAMBDA_LIST_LIMITS.bootstrapServers).optional(),
    topic: z.string(),
    startingPosition,
    batchSize: int().optional(),
    maximumBatchingWindowSeconds: int().optional(),
    consumerGroupId: z.string().optional(),
    auth: z.enum(["iam", "saslScram512", "saslScram256", "saslPlain", "mtls"]).optional(),
    secretArn: arn().optional(),
    vpc: obj({
        subnetIds: z.array(input(z.string())).max(LAMBDA_LIST_LIMITS.kafkaVpcIds),
        securityGroupIds: z.array(input(z.string())).max(LAMBDA_LIST_LIMITS.kafkaVpcIds),
    }).optional(),
});

const eventPatternSchema = obj({
    pattern: z.union([z.string(), z.record(z.string(), z.unknown())]),
    eventBusName: input(z.string()).optional(),
    description: z.string().optional(),
});

/** The fields of a DynamoDB or Kinesis stream source (Kinesis adds `parallelizationFactor`). */
const streamShape = {
    streamArn: arn(),
    startingPosition,
    batchSize: int().optional(),
    maximumRetryAttempts: int().optional(),
};

const eventsSchema = obj({
    http: httpSchema.optional(),
    schedules: list(obj({ expression: z.string(), input: z.string().optional() }), LAMBDA_LIST_LIMITS.rules).optional(),
    sqs: list(
        obj({ queueArn: arn(), batchSize: int().optional(), maximumBatchingWindowSeconds: int().optional() }),
    ).optional(),
    dynamodb: list(obj(streamShape)).optional(),
    kinesis: list(obj({ ...streamShape, parallelizationFactor: int().optional() })).optional(),
    s3: list(s3Schema).optional(),
    sns: list(obj({ topicArn: arn() })).optional(),
    alb: albSchema.optional(),
    kafka: list(kafkaSchema).optional(),
    eventPatterns: list(eventPatternSchema, LAMBDA_LIST_LIMITS.rules).optional(),
});

const corsSchema = obj({
    allowOrigins: z.array(z.string()).max(LAMBDA_LIST_LIMITS.corsEntries),
    allowMethods: z.array(z.string()).max(LAMBDA_LIST_LIMITS.corsMethods).optional(),
    allowHeaders: z.array(z.string()).max(LAMBDA_LIST_LIMITS.corsEntries).optional(),
    exposeHeaders: z.array(z.string()).max(LAMBDA_LIST_LIMITS.corsEntries).optional(),
    allowCredentials: z.boolean().optional(),
    maxAgeSeconds: int().optional(),
});

const functionUrlSchema = obj({
    authType: z.enum(["AWS_IAM", "NONE"]).optional(),
    cors: corsSchema.optional(),
    invokeMode: z.enum(["BUFFERED", "RESPONSE_STREAM"]).optional(),
});

/** The runtime shape of {@link LambdaFunctionArgs}. */
export const lambdaFunctionArgsSchema = obj({
    functionName: z.string().optional(),
    runtime: z.string().optional(),
    handler: z.string().optional(),
    code: planTime(codeSchema, "its form decides the package type and whether an archive is uploaded"),
    layers: z.array(arn()).max(LAMBDA_LIST_LIMITS.layers).optional(),
    snapStart: z.boolean().optional(),
    role: arn().optional(),
    architecture: z.enum(["arm64", "x86_64"]).optional(),
    memorySize: int().optional(),
    timeoutSeconds: int().optional(),
    ephemeralStorageMb: int().optional(),
    environment: planTime(
        z.record(z.string(), input(z.string())),
        "each name is checked against Lambda's rules; the values may be Outputs",
    ).optional(),
    reservedConcurrency: int().optional(),
    provisionedConcurrency: planTime(int(), "it is checked against reservedConcurrency").optional(),
    autoScaling: planTime(autoScalingSchema, "it decides the scaling target, policies, alarms and actions").optional(),
    deadLetter: planTime(
        z.union([z.boolean(), deadLetterTargetSchema]),
        "true creates a queue, false none, { targetArn } uses yours",
    ).optional(),
    maximumRetryAttempts: int().optional(),
    maximumEventAgeSeconds: int().optional(),
    vpc: planTime(vpcSchema, "without securityGroupIds a security group is created").optional(),
    functionUrl: planTime(functionUrlSchema, "it creates the URL and, for NONE, public permissions").optional(),
    tracing: z.enum(["Active", "PassThrough"]).optional(),
    logRetentionDays: int().optional(),
    events: planTime(eventsSchema, whyEvents).optional(),
    tags: input(tagsSchema).optional(),
});

// The schema and the interfaces can't drift apart: each pair must be mutually assignable.
const drift: [
    MutuallyAssignable<z.input<typeof codeSchema>, LambdaCodeArgs>,
    MutuallyAssignable<z.input<typeof deadLetterTargetSchema>, LambdaDeadLetterTargetArgs>,
    MutuallyAssignable<z.input<typeof vpcSchema>, LambdaVpcArgs>,
    MutuallyAssignable<z.input<typeof httpSchema>, LambdaHttpEventArgs>,
    MutuallyAssignable<z.input<typeof jwtAuthorizerSchema>, LambdaJwtAuthorizerArgs>,
    MutuallyAssignable<z.input<typeof throttlingSchema>, LambdaHttpThrottlingArgs>,
    MutuallyAssignable<z.input<typeof routeSettingsSchema>, LambdaHttpRouteSettingsArgs>,
    MutuallyAssignable<z.input<typeof s3Schema>, LambdaS3EventArgs>,
    MutuallyAssignable<z.input<typeof eventsSchema>, LambdaEventsArgs>,
    MutuallyAssignable<z.input<typeof lambdaFunctionArgsSchema>, LambdaFunctionArgs>,
    MutuallyAssignable<z.input<typeof albSchema>, LambdaAlbEventArgs>,
    MutuallyAssignable<z.input<typeof kafkaSchema>, LambdaKafkaEventArgs>,
    MutuallyAssignable<z.input<typeof eventPatternSchema>, LambdaEventPatternArgs>,
    MutuallyAssignable<z.input<typeof functionUrlSchema>, LambdaFunctionUrlArgs>,
    // Optional fields missing on one side pass the check above: compare the keys too.
    MutuallyAssignable<keyof z.input<typeof lambdaFunctionArgsSchema>, keyof LambdaFunctionArgs>,
    MutuallyAssignable<keyof z.input<typeof eventsSchema>, keyof LambdaEventsArgs>,
    MutuallyAssignable<keyof z.input<typeof httpSchema>, keyof LambdaHttpEventArgs>,
    MutuallyAssignable<keyof z.input<typeof kafkaSchema>, keyof LambdaKafkaEventArgs>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void drift;
