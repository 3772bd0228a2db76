import { type MutuallyAssignable, planTime } from "../../../src/core";
import {
    healthCheckShape,
    idInput,
    ingressCidrsSchema,
    input,
    int,
    obj,
    subnetIdsSchema,
    tagsSchema,
    vpcIdSchema,
    z,
} from "../shared/schema";
import type {
    ApplicationLoadBalancerArgs,
    AuthenticateCognitoArgs,
    AuthenticateOidcArgs,
    FixedResponseActionArgs,
    ListenerAction,
    ListenerRuleArgs,
    ListenerRuleConditionsArgs,
    RedirectActionArgs,
    TargetGroupArgs,
    WeightedForwardArgs,
} from "./args";

/**
 * "Condition values per rule: 5", "Target groups per action: 5", "Rules per Application Load
 * Balancer (excluding default rules): 100" and "Target groups per Application Load Balancer: 100".
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
 */
export const ALB_LIST_LIMITS = { conditionValues: 5, weightedTargetGroups: 5, rules: 100, targetGroups: 100 } as const;

/** Fixed-response content types. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html */
export const FIXED_RESPONSE_CONTENT_TYPES = [
    "text/plain",
    "text/css",
    "text/html",
    "application/javascript",
    "application/json",
] as const;

const values = <T extends z.ZodType>(value: T) => z.array(value).max(ALB_LIST_LIMITS.conditionValues);

const targetGroupSchema = obj({
    port: int().optional(),
    protocol: z.enum(["HTTP", "HTTPS"]).optional(),
    targetType: z.enum(["ip", "instance", "lambda"]).optional(),
    healthCheck: obj({
        ...healthCheckShape,
        enabled: z.boolean().optional(),
        protocol: z.enum(["HTTP", "HTTPS"]).optional(),
        matcher: z.string().optional(),
    }).optional(),
    deregistrationDelaySeconds: int().optional(),
    stickiness: obj({ durationSeconds: int() }).optional(),
    slowStartSeconds: int().optional(),
});

const weightedForwardSchema = obj({
    targetGroups: z.array(obj({ name: z.string(), weight: int() })).max(ALB_LIST_LIMITS.weightedTargetGroups),
    stickinessSeconds: int().optional(),
});

const redirectSchema = obj({
    protocol: z.enum(["HTTP", "HTTPS"]).optional(),
    host: input(z.string()).optional(),
    port: int().optional(),
    path: z.string().optional(),
    query: z.string().optional(),
    statusCode: z.literal([301, 302]),
});

const fixedResponseSchema = obj({
    statusCode: int(),
    contentType: z.enum(FIXED_RESPONSE_CONTENT_TYPES).optional(),
    messageBody: z.string().optional(),
});

/** "AuthenticationRequestExtraParams: maximum 10 items" (AuthenticateOidcActionConfig, ELBv2 API reference). */
export const MAX_AUTH_EXTRA_PARAMS = 10;

const authenticateCommonShape = {
    scope: z.string().optional(),
    sessionCookieName: z.string().optional(),
    sessionTimeoutSeconds: int().optional(),
    onUnauthenticatedRequest: z.enum(["deny", "allow", "authenticate"]).optional(),
    authenticationRequestExtraParams: z
        .record(z.string(), z.string())
        .refine(
            (m) => Object.keys(m).length <= MAX_AUTH_EXTRA_PARAMS,
            `must have at most ${MAX_AUTH_EXTRA_PARAMS} parameters`,
        )
        .optional(),
};

const authenticateOidcSchema = obj({
    ...authenticateCommonShape,
    issuer: idInput(),
    authorizationEndpoint: idInput(),
    tokenEndpoint: idInput(),
    userInfoEndpoint: idInput(),
    clientId: idInput(),
    clientSecret: idInput(),
});

const authenticateCognitoSchema = obj({
    ...authenticateCommonShape,
    userPoolArn: idInput(),
    userPoolClientId: idInput(),
    userPoolDomain: idInput(),
});

/** A {@link ListenerAction}: exactly one serving key, at most one authenticating key (checked by the planner, which names the ones given). */
export const listenerActionSchema = obj({
    authenticateOidc: authenticateOidcSchema.optional(),
    authenticateCognito: authenticateCognitoSchema.optional(),
    forward: z.string().optional(),
    weightedForward: weightedForwardSchema.optional(),
    redirect: redirectSchema.optional(),
    fixedResponse: fixedResponseSchema.optional(),
});

const conditionsSchema = obj({
    pathPatterns: values(z.string()).optional(),
    hostHeaders: values(input(z.string())).optional(),
    httpHeaders: values(obj({ name: z.string(), values: values(input(z.string())) })).optional(),
    queryStrings: values(obj({ key: z.string().optional(), value: z.string() })).optional(),
    methods: values(z.string()).optional(),
    sourceIps: values(z.string()).optional(),
});

const ruleSchema = obj({ priority: int().optional(), conditions: conditionsSchema, action: listenerActionSchema });

/** The runtime shape of {@link ApplicationLoadBalancerArgs}. */
export const applicationLoadBalancerArgsSchema = obj({
    vpcId: vpcIdSchema,
    subnetIds: subnetIdsSchema,
    internal: z.boolean().optional(),
    ingressCidrs: ingressCidrsSchema.optional(),
    certificateArn: idInput().optional(),
    sslPolicy: z.string().optional(),
    deletionProtection: z.boolean().optional(),
    idleTimeoutSeconds: int().optional(),
    accessLogs: obj({ bucket: idInput(), prefix: z.string().optional() }).optional(),
    targetGroups: planTime(z.record(z.string(), targetGroupSchema), "each key names a target group"),
    defaultAction: listenerActionSchema,
    rules: planTime(z.array(ruleSchema).max(ALB_LIST_LIMITS.rules), "each rule is a listener rule").optional(),
    tags: tagsSchema.optional(),
});

// The schema and the Args types can't drift apart: each pair must be mutually assignable.
const drift: [
    MutuallyAssignable<z.input<typeof targetGroupSchema>, TargetGroupArgs>,
    MutuallyAssignable<z.input<typeof weightedForwardSchema>, WeightedForwardArgs>,
    MutuallyAssignable<z.input<typeof redirectSchema>, RedirectActionArgs>,
    MutuallyAssignable<z.input<typeof fixedResponseSchema>, FixedResponseActionArgs>,
    MutuallyAssignable<z.input<typeof authenticateOidcSchema>, AuthenticateOidcArgs>,
    MutuallyAssignable<z.input<typeof authenticateCognitoSchema>, AuthenticateCognitoArgs>,
    MutuallyAssignable<z.input<typeof listenerActionSchema>, ListenerAction>,
    MutuallyAssignable<z.input<typeof conditionsSchema>, ListenerRuleConditionsArgs>,
    MutuallyAssignable<z.input<typeof ruleSchema>, ListenerRuleArgs>,
    MutuallyAssignable<z.input<typeof applicationLoadBalancerArgsSchema>, ApplicationLoadBalancerArgs>,
] = [true, true, true, true, true, true, true, true, true, true];
void drift;
