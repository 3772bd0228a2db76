import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    childName,
    isKnown,
    joinPath,
    known,
    type PolicyStatement,
    type Tags,
    type Validator,
} from "../../../src/core";
import type {
    LambdaAlbEventArgs,
    LambdaEventPatternArgs,
    LambdaFunctionUrlArgs,
    LambdaKafkaEventArgs,
} from "../function/args";
import { type ChildPlan, type PermissionPlan, permission } from "./children";

/**
 * Entry points other than the HTTP API and the AWS event sources: an ALB target group, a
 * function URL, Kafka topics (MSK or self-managed) and EventBridge event patterns. Each has a
 * `check...` (problems, paths from the args root) and a `layout...` (the children's inputs).
 */

/** One statement of the execution role's policy (IAM's JSON field names), whose Resource may be an Output. */
export interface SourceStatement extends Omit<PolicyStatement, "Resource"> {
    Sid: string;
    Action: string[];
    Resource?: pulumi.Input<string>;
}

// ---- ALB -------------------------------------------------------------------------------------

const TARGET_GROUP_ARN =
    /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/;

/** The function behind an ALB target group. */
export interface AlbPlan {
    /** Created when `targetGroupArn` is not given. */
    targetGroup?: ChildPlan<aws.lb.TargetGroupArgs>;
    /** The given target group (the permission's `sourceArn` is in the plan then). */
    targetGroupArn?: pulumi.Input<string>;
    /** Principal `elasticloadbalancing.amazonaws.com`; the component adds a created group's ARN as `sourceArn`. */
    permission: PermissionPlan;
    /** The component adds `targetGroupArn` and `targetId` (the alias ARN). */
    attachment: ChildPlan<Record<string, never>>;
}

/**
 * Target group health checks for Lambda: interval 5–300 s, timeout 2–120 s, and the interval must
 * be longer than the timeout (CreateTargetGroup, https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html).
 */
export function checkAlb(v: Validator, alb: LambdaAlbEventArgs, path: string): void {
    const arn = known(alb.targetGroupArn);
    if (arn !== undefined && !TARGET_GROUP_ARN.test(arn)) {
        v.add(
            joinPath(path, "targetGroupArn"),
            `must be a target group ARN, "arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>" ` +
                `(got ${JSON.stringify(arn)})`,
        );
    }
    if (alb.targetGroupArn !== undefined) {
        for (const field of ["multiValueHeaders", "healthCheck"] as const) {
            if (alb[field] !== undefined)
                v.add(
                    joinPath(path, field),
                    "applies only to a created target group: set it on the target group you give, or leave " +
                        "targetGroupArn out",
                );
        }
    }
    const hc = alb.healthCheck;
    if (!hc) return;
    const at = (f: string) => joinPath(path, "healthCheck", f);
    v.range(hc.intervalSeconds, at("intervalSeconds"), 5, 300, { unit: "seconds" });
    v.range(hc.timeoutSeconds, at("timeoutSeconds"), 2, 120, { unit: "seconds" });
    const interval = hc.intervalSeconds ?? 35;
    const timeout = hc.timeoutSeconds ?? 30;
    if (interval <= timeout)
        v.add(at("intervalSeconds"), `must be longer than timeoutSeconds (${timeout}) (got ${interval})`);
    if (hc.path !== undefined && !/^\/\S{0,1023}$/.test(hc.path))
        v.add(
            at("path"),
            `must start with "/" and be at most 1024 characters, without spaces (got ${JSON.stringify(hc.path)})`,
        );
}

export function layoutAlb(name: string, alb: LambdaAlbEventArgs, tags: pulumi.Input<Tags>): AlbPlan {
    const hc = alb.healthCheck;
    return {
        targetGroup:
            alb.targetGroupArn === undefined
                ? {
                      name: childName(name, "alb"),
                      args: {
                          targetType: "lambda",
                          lambdaMultiValueHeadersEnabled: alb.multiValueHeaders ?? false,
                          // Each health check is an invocation: off unless asked for.
                          healthCheck: hc
                              ? {
                                    enabled: true,
                                    path: hc.path ?? "/",
                                    interval: hc.intervalSeconds ?? 35,
                                    timeout: hc.timeoutSeconds ?? 30,
                                }
                              : { enabled: false },
                          tags,
                      },
                  }
                : undefined,
        targetGroupArn: alb.targetGroupArn,
        permission: permission(
            childName(name, "alb-permission"),
            "elasticloadbalancing.amazonaws.com",
            alb.targetGroupArn,
        ),
        attachment: { name: childName(name, "alb-attachment"), args: {} },
    };
}

// ---- Function URL ----------------------------------------------------------------------------

const CORS_METHODS = ["GET", "PUT", "HEAD", "POST", "PATCH", "DELETE", "*"];
const ORIGIN = /^(\*|https?:\/\/[A-Za-z0-9.*-]+(:\d{1,5})?)$/;
const HEADER = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,1024}$/;

/** The function URL and, for `NONE`, the two public permissions AWS requires since October 2025. */
export interface FunctionUrlPlan {
    /** The component adds `functionName` and `qualifier` (the alias). */
    url: ChildPlan<Omit<aws.lambda.FunctionUrlArgs, "functionName" | "qualifier">>;
    permissions: PermissionPlan[];
}

/** CORS: https://docs.aws.amazon.com/lambda/latest/api/API_Cors.html (max age 0–86400, 6 methods, 100 origins and headers). */
export function checkFunctionUrl(v: Validator, url: LambdaFunctionUrlArgs, path: string): void {
    const cors = url.cors;
    if (!cors) return;
    const at = (...s: (string | number)[]) => joinPath(path, "cors", ...s);
    v.count(cors.allowOrigins, at("allowOrigins"), 1, 100, "origins");
    (cors.allowOrigins ?? []).forEach((o, i) => {
        if (o.length > 253 || !ORIGIN.test(o))
            v.add(
                at("allowOrigins", i),
                `must be "*" or an origin such as "https://app.example.com" (scheme, host, optional port; no path) ` +
                    `(got ${JSON.stringify(o)})`,
            );
    });
    (cors.allowMethods ?? []).forEach((m, i) => {
        if (!CORS_METHODS.includes(m))
            v.add(
                at("allowMethods", i),
                `must be one of ${CORS_METHODS.map((x) => JSON.stringify(x)).join(", ")} (got ${JSON.stringify(m)})`,
            );
    });
    for (const key of ["allowHeaders", "exposeHeaders"] as const) {
        (cors[key] ?? []).forEach((h, i) => {
            if (!HEADER.test(h))
                v.add(at(key, i), `must be an HTTP header name of at most 1024 characters (got ${JSON.stringify(h)})`);
        });
    }
    v.range(cors.maxAgeSeconds, at("maxAgeSeconds"), 0, 86400, { unit: "seconds" });
    if (cors.allowCredentials === true && (cors.allowOrigins ?? []).includes("*")) {
        v.add(
            at("allowCredentials"),
            'must not be true with the origin "*": browsers refuse credentials for a wildcard origin; list the origins',
        );
    }
}

export function layoutFunctionUrl(name: string, url: LambdaFunctionUrlArgs): FunctionUrlPlan {
    const authType = url.authType ?? "AWS_IAM";
    const c = url.cors;
    return {
        url: {
            name: childName(name, "url"),
            args: {
                authorizationType: authType,
                invokeMode: url.invokeMode ?? "BUFFERED",
                ...(c
                    ? {
                          cors: {
                              allowOrigins: c.allowOrigins,
                              allowMethods: c.allowMethods ?? ["GET"],
                              ...(c.allowHeaders ? { allowHeaders: c.allowHeaders } : {}),
                              ...(c.exposeHeaders ? { exposeHeaders: c.exposeHeaders } : {}),
                              allowCredentials: c.allowCredentials ?? false,
                              maxAge: c.maxAgeSeconds ?? 0,
                          },
                      }
                    : {}),
            },
        },
        // https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html: a NONE URL needs a public
        // lambda:InvokeFunctionUrl, and (since October 2025) lambda:InvokeFunction limited to calls through the URL.
        permissions:
            authType === "NONE"
                ? [
                      {
                          name: childName(name, "url-public"),
                          args: { action: "lambda:InvokeFunctionUrl", principal: "*", functionUrlAuthType: "NONE" },
                      },
                      {
                          name: childName(name, "url-public-invoke"),
                          args: { action: "lambda:InvokeFunction", principal: "*", invokedViaFunctionUrl: true },
                      },
                  ]
                : [],
    };
}

// ---- Kafka -----------------------------------------------------------------------------------

const MSK_CLUSTER_ARN = /^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9-]+\/[A-Za-z0-9-]+$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const CONSUMER_GROUP = /^[a-zA-Z0-9\-/*:_+=.@]{1,200}$/;
const KAFKA_ACCESS = {
    saslScram512: "SASL_SCRAM_512_AUTH",
    saslScram256: "SASL_SCRAM_256_AUTH",
    saslPlain: "BASIC_AUTH",
    mtls: "CLIENT_CERTIFICATE_TLS_AUTH",
} as const;
const MSK_AUTH = ["iam", "saslScram512", "mtls"];
const SELF_MANAGED_AUTH = ["saslScram512", "saslScram256", "saslPlain", "mtls"];

/**
 * Kafka event sources: https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html and
 * .../with-kafka.html (one topic per mapping, batch 1–10000, window 0–300 s, consumer group id
 * 1–200 characters; MSK authenticates with IAM, SASL/SCRAM-512 or mTLS; self-managed clusters with
 * SASL/SCRAM, SASL/PLAIN or mTLS, the credentials in Secrets Manager).
 */
export function checkKafka(v: Validator, k: LambdaKafkaEventArgs, path: string): void {
    const at = (f?: string | number) => joinPath(path, f);
    const msk = k.clusterArn !== undefined;
    if (msk === (k.bootstrapServers !== undefined)) {
        v.add(path, "must have exactly one of clusterArn (Amazon MSK) and bootstrapServers (a self-managed cluster)");
        return;
    }
    const arn = known(k.clusterArn);
    if (arn !== undefined && !MSK_CLUSTER_ARN.test(arn))
        v.add(
            at("clusterArn"),
            `must be an MSK cluster ARN, "arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>" (got ` +
                `${JSON.stringify(arn)})`,
        );
    if (k.bootstrapServers !== undefined) {
        v.count(k.bootstrapServers, at("bootstrapServers"), 1, 10, "servers");
        k.bootstrapServers.forEach((s, i) => {
            const m = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(s);
            if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535)
                v.add(
                    joinPath(path, "bootstrapServers", i),
                    `must be "<host>:<port>" with a port 1-65535 (got ${JSON.stringify(s)})`,
                );
        });
    }
    if (!TOPIC.test(k.topic ?? ""))
        v.add(at("topic"), `must be 1 to 249 letters, digits, ".", "_" or "-" (got ${JSON.stringify(k.topic)})`);
    v.range(k.batchSize, at("batchSize"), 1, 10000);
    v.range(k.maximumBatchingWindowSeconds, at("maximumBatchingWindowSeconds"), 0, 300, { unit: "seconds" });
    if (k.consumerGroupId !== undefined && !CONSUMER_GROUP.test(k.consumerGroupId)) {
        v.add(
            at("consumerGroupId"),
            `must be 1 to 200 letters, digits or -/*:_+=.@ (got ${JSON.stringify(k.consumerGroupId)})`,
        );
    }
    const allowed = msk ? MSK_AUTH : SELF_MANAGED_AUTH;
    const auth = k.auth ?? (msk ? "iam" : undefined);
    if (auth === undefined)
        v.add(
            at("auth"),
            `is required for a self-managed cluster: one of ` +
                `${SELF_MANAGED_AUTH.map((a) => JSON.stringify(a)).join(", ")}, with secretArn`,
        );
    else if (!allowed.includes(auth))
        v.add(
            at("auth"),
            `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")} for ` +
                `${msk ? "Amazon MSK" : "a self-managed cluster"} (got ${JSON.stringify(auth)})`,
        );
    if (auth !== undefined && auth !== "iam" && k.secretArn === undefined)
        v.add(
            at("secretArn"),
            `is required with auth ${JSON.stringify(auth)}: the Secrets Manager secret holding the credentials`,
        );
    if (auth === "iam" && k.secretArn !== undefined)
        v.add(at("secretArn"), 'is not used with auth "iam": the function\'s role authenticates; remove it');
    const secret = known(k.secretArn);
    if (secret !== undefined && !SECRET_ARN.test(secret))
        v.add(at("secretArn"), `must be a Secrets Manager secret ARN (got ${JSON.stringify(secret)})`);
    if (k.vpc !== undefined) {
        if (msk)
            v.add(
                at("vpc"),
                "applies only to self-managed clusters: Lambda reaches an MSK cluster through the cluster's own " +
                    "network",
            );
        v.count(k.vpc.subnetIds, joinPath(path, "vpc", "subnetIds"), 1, 16, "subnets");
        v.count(k.vpc.securityGroupIds, joinPath(path, "vpc", "securityGroupIds"), 1, 5, "security groups");
    }
}

/** `<prefix><id>` for an id that may be an Output. */
function prefixed(prefix: string, id: pulumi.Input<string>): pulumi.Input<string> {
    return isKnown(id) ? `${prefix}${id}` : pulumi.interpolate`${prefix}${id}`;
}

/** An ARN next to an MSK cluster's: `topic/<cluster>/<uuid>/<topic>` or `group/<cluster>/<uuid>/<group>`. */
function mskArn(clusterArn: pulumi.Input<string>, kind: "topic" | "group", leaf: string): pulumi.Input<string> {
    const derive = (a: string) => `${String(a).replace(":cluster/", `:${kind}/`)}/${leaf}`;
    return isKnown(clusterArn) ? derive(clusterArn) : pulumi.output(clusterArn).apply(derive);
}

export type KafkaMappingArgs = Omit<aws.lambda.EventSourceMappingArgs, "functionName">;

export function layoutKafka(
    name: string,
    k: LambdaKafkaEventArgs,
    i: number,
    tags: pulumi.Input<Tags>,
): { mapping: ChildPlan<KafkaMappingArgs>; statements: SourceStatement[] } {
    const msk = k.clusterArn !== undefined;
    const auth = k.auth ?? "iam";
    const access: { type: string; uri: pulumi.Input<string> }[] = [];
    if (auth !== "iam" && k.secretArn !== undefined) access.push({ type: KAFKA_ACCESS[auth], uri: k.secretArn });
    for (const id of k.vpc?.subnetIds ?? []) access.push({ type: "VPC_SUBNET", uri: prefixed("subnet:", id) });
    for (const id of k.vpc?.securityGroupIds ?? [])
        access.push({ type: "VPC_SECURITY_GROUP", uri: prefixed("security_group:", id) });
    const group = k.consumerGroupId !== undefined ? { consumerGroupId: k.consumerGroupId } : undefined;
    const mapping: ChildPlan<KafkaMappingArgs> = {
        name: childName(name, "kafka", i),
        args: {
            ...(msk
                ? { eventSourceArn: k.clusterArn, ...(group ? { amazonManagedKafkaEventSourceConfig: group } : {}) }
                : {
                      selfManagedEventSource: {
                          endpoints: { KAFKA_BOOTSTRAP_SERVERS: (k.bootstrapServers ?? []).join(",") },
                      },
                      ...(group ? { selfManagedKafkaEventSourceConfig: group } : {}),
                  }),
            topics: [k.topic],
            startingPosition: k.startingPosition,
            batchSize: k.batchSize ?? 100,
            maximumBatchingWindowInSeconds: k.maximumBatchingWindowSeconds ?? 0,
            ...(access.length > 0 ? { sourceAccessConfigurations: access } : {}),
            tags,
        },
    };
    const statements: SourceStatement[] = [];
    if (msk && k.clusterArn !== undefined) {
        statements.push({
            Sid: `KafkaCluster${i}`,
            Effect: "Allow",
            Action: ["kafka:DescribeCluster", "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"],
            Resource: k.clusterArn,
        });
        if (auth === "iam") {
            // https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html: connect, read the topic, own the consumer group.
            statements.push(
                {
                    Sid: `KafkaConnect${i}`,
                    Effect: "Allow",
                    Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"],
                    Resource: k.clusterArn,
                },
                {
                    Sid: `KafkaTopic${i}`,
                    Effect: "Allow",
                    Action: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
                    Resource: mskArn(k.clusterArn, "topic", k.topic),
                },
                {
                    Sid: `KafkaGroup${i}`,
                    Effect: "Allow",
                    Action: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
                    Resource: mskArn(k.clusterArn, "group", k.consumerGroupId ?? "*"),
                },
            );
        }
    }
    if (k.secretArn !== undefined)
        statements.push({
            Sid: `KafkaSecret${i}`,
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: k.secretArn,
        });
    return { mapping, statements };
}

/** The network-interface actions Lambda's Kafka poller needs to reach brokers in a VPC (no resource-level permissions). */
export const KAFKA_NETWORK_STATEMENT: SourceStatement = {
    Sid: "KafkaNetwork",
    Effect: "Allow",
    Action: [
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeVpcs",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
    ],
    Resource: "*",
};

// ---- EventBridge event patterns --------------------------------------------------------------

/** PutRule: EventPattern at most 4096 characters, Description at most 512 (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html). */
const PATTERN_MAX = 4096;

/** Why an event pattern is not one, or undefined. Leaves must be lists of match values. */
function patternShapeProblem(value: unknown, at: string): string | undefined {
    if (Array.isArray(value)) {
        if (value.length === 0) return `${at} is an empty list, which matches nothing`;
        return undefined;
    }
    if (value === null || typeof value !== "object")
        return `${at} must be a list of match values (got ${JSON.stringify(value)}); e.g. { "source": ["aws.ec2"] }`;
    const entries = Object.entries(value);
    if (entries.length === 0)
        return `${at || "the pattern"} is an empty object, which matches every event; name what to match`;
    for (const [k, v] of entries) {
        const p = patternShapeProblem(v, at ? `${at}.${k}` : k);
        if (p) return p;
    }
    return undefined;
}

/** The pattern as JSON text, and why it is not a valid pattern. */
export function eventPatternJson(pattern: string | Record<string, unknown>): { json: string; problem?: string } {
    let parsed: unknown = pattern;
    let json = typeof pattern === "string" ? pattern : JSON.stringify(pattern);
    if (typeof pattern === "string") {
        try {
            parsed = JSON.parse(pattern);
        } catch (e) {
            return { json, problem: `must be JSON text: ${(e as Error).message}` };
        }
        json = JSON.stringify(parsed);
    }
    const problem = patternShapeProblem(parsed, "");
    if (problem) return { json, problem };
    if (json.length > PATTERN_MAX)
        return { json, problem: `must be at most ${PATTERN_MAX} characters as JSON (got ${json.length})` };
    return { json };
}

export function checkEventPattern(v: Validator, e: LambdaEventPatternArgs, path: string): void {
    const { problem } = eventPatternJson(e.pattern);
    if (problem) v.add(joinPath(path, "pattern"), problem);
    if (e.description !== undefined && e.description.length > 512)
        v.add(joinPath(path, "description"), `must be at most 512 characters (got ${e.description.length})`);
}

export interface RulePlan {
    rule: ChildPlan<aws.cloudwatch.EventRuleArgs>;
    /** The component adds `rule` and `arn` (the alias). */
    target: ChildPlan<Omit<aws.cloudwatch.EventTargetArgs, "rule" | "arn">>;
    /** The component adds the rule's ARN as `sourceArn`. */
    permission: PermissionPlan;
}

export function layoutEventPattern(
    name: string,
    functionName: string,
    e: LambdaEventPatternArgs,
    i: number,
    tags: pulumi.Input<Tags>,
): RulePlan {
    const bus = e.eventBusName !== undefined ? { eventBusName: e.eventBusName } : {};
    return {
        rule: {
            name: childName(name, "pattern", i),
            args: {
                eventPattern: eventPatternJson(e.pattern).json,
                ...bus,
                description: e.description ?? `Invokes Lambda function ${functionName} on matching events`,
                tags,
            },
        },
        target: { name: childName(name, "pattern", i, "target"), args: { ...bus } },
        permission: permission(childName(name, "pattern", i, "permission"), "events.amazonaws.com"),
    };
}
