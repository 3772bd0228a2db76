import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { isIpv4Cidr } from "../src/core/syntax";

/**
 * The typed, validated configuration of the environment programs. Every key lives in
 * `stacks/Pulumi.<stack>.yaml` under the `compute-layer:` namespace (plus `aws:region`). A wrong
 * type, an unknown key or a missing required key stops the program with an error that names
 * the key and the stack file.
 */

export const NAMESPACE = "compute-layer";

const positiveInt = z.number().int().positive();
const count = z.number().int().nonnegative();

/** A capacity range for an autoscaled tier. */
const capacity = z.strictObject({
    min: count,
    max: positiveInt,
    desired: count.optional(),
});

/** Which tiers the environment builds. */
const tiers = z.strictObject({
    ec2: z.boolean(),
    ecs: z.boolean(),
    eks: z.boolean(),
    lambda: z.boolean(),
    nlb: z.boolean(),
    gwlb: z.boolean(),
    mesh: z.boolean(),
});

const cidr = z.string().refine(isIpv4Cidr, "must be an IPv4 CIDR block such as 10.0.0.0/24");

/**
 * Who reaches the EKS API besides the nodes and the stack's deploy-runner security group: extra
 * networks on the private endpoint (a VPN, a peered VPC), and the public endpoint for a few CIDRs
 * (for the first `pulumi up`, before the runner exists; EKS allows at most 40).
 */
const apiAccess = z.strictObject({
    privateAccessCidrs: z.array(cidr).max(58).default([]),
    publicAccessCidrs: z.array(cidr).min(1).max(40).optional(),
});

/**
 * The JWT authorizer of `POST /orders`: an OpenID Connect issuer (HTTPS) or a Cognito user pool,
 * the accepted audiences (for Cognito, the app client ids) and optional scopes. process-order
 * reads the token's claims (`sub`) from `requestContext.authorizer.jwt.claims`.
 */
const jwt = z
    .strictObject({
        issuer: z
            .string()
            .regex(/^https:\/\/[^\s/]+/, "must be an HTTPS issuer URL")
            .optional(),
        cognitoUserPoolId: z
            .string()
            .regex(/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/, "must be a user pool id such as us-east-1_AbCdEfGhI")
            .optional(),
        audience: z.array(z.string().min(1)).min(1).max(50),
        scopes: z.array(z.string().min(1)).max(10).optional(),
    })
    .refine(
        (j) => (j.issuer === undefined) !== (j.cognitoUserPoolId === undefined),
        "give exactly one of issuer and cognitoUserPoolId",
    );

const container = z.strictObject({
    /** Image with a tag or digest. */
    image: z.string().regex(/[:@]/, "must have a tag or digest, e.g. nginx:1.27"),
    cpu: positiveInt,
    memory: positiveInt,
    port: z.number().int().min(1).max(65535).default(8080),
    capacity,
});

/** The keys of the `compute-layer:` namespace, each on its own. */
const configKeys = z.strictObject({
    /** The public domain; the admin service answers on `admin.<domain>`. */
    domain: z.string().min(3),
    /** ACM certificate for HTTPS; without it the ALB serves HTTP only (not allowed in prod). */
    certificateArn: z.string().startsWith("arn:").optional(),
    tiers,
    network: z.strictObject({
        // A VPC's block is a /16 to a /28 (Amazon VPC User Guide, "VPC CIDR blocks").
        cidrBlock: cidr.refine((c) => {
            const bits = Number(c.split("/")[1]);
            return !isIpv4Cidr(c) || (bits >= 16 && bits <= 28);
        }, "a VPC's CIDR block is a /16 to a /28"),
        availabilityZones: z.number().int().min(2).max(6),
        natGateways: z.enum(["single", "perAz"]),
    }),
    /** Path patterns the ALB answers with 403 before any routing (e.g. `/.env`, `/wp-admin/*`). */
    blockedPaths: z.array(z.string().startsWith("/")).max(5).default([]),
    /**
     * Networks (IPv4 CIDRs) allowed to reach `admin.<domain>` through the public ALB: the rule gets
     * a source-IP condition (at most 5 values, AWS's condition limit). Required where the profile
     * authenticates its entry points (staging, prod); without it dev's admin host is public.
     */
    adminAllowedCidrs: z.array(cidr).min(1).max(5).optional(),
    logRetentionDays: z.number().int().positive(),
    deletionProtection: z.boolean(),
    web: z
        .strictObject({
            instanceType: z.string(),
            spotInstanceTypes: z.array(z.string()).optional(),
            capacity,
        })
        .optional(),
    api: container.optional(),
    admin: container.optional(),
    orders: z
        .strictObject({
            memorySize: positiveInt.default(512),
            reservedConcurrency: count.optional(),
            provisionedConcurrency: positiveInt.optional(),
            jwt: jwt.optional(),
        })
        .optional(),
    eks: z
        .strictObject({
            version: z.string(),
            general: z.strictObject({ instanceType: z.string(), capacity }),
            spot: z.strictObject({ instanceTypes: z.array(z.string()).min(1), capacity }).optional(),
            apiAccess: apiAccess.default({ privateAccessCidrs: [] }),
            /** The IAM role that runs `pulumi up` (the deploy jobs' AWS_ROLE_TO_ASSUME): an explicit cluster-admin access entry. */
            deployerRoleArn: z
                .string()
                .regex(
                    /^arn:aws[a-z-]*:iam::\d{12}:role\/.+/,
                    "must be an IAM role ARN, arn:aws:iam::<account>:role/<name>",
                )
                .optional(),
        })
        .optional(),
    webApp: z
        .strictObject({
            image: z.string().regex(/[:@]/, "must have a tag or digest, e.g. nginx:1.27"),
            canaryImage: z.string().regex(/[:@]/, "must have a tag or digest").optional(),
            canaryWeight: z.number().int().min(0).max(100).default(10),
            replicas: z.strictObject({ min: positiveInt, max: positiveInt }),
        })
        .optional(),
    /** The reference's SQS worker on EKS, scaled by KEDA on its queue (messages per replica). */
    worker: z
        .strictObject({
            image: z.string().regex(/[:@]/, "must have a tag or digest"),
            replicas: z.strictObject({ min: positiveInt, max: positiveInt }),
            messagesPerReplica: positiveInt.default(30),
        })
        .optional(),
    /** Istio, installed with its Helm charts when the mesh tier is on (staging/prod with EKS). */
    mesh: z
        .strictObject({ istioVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "must be an Istio release such as 1.29.2") })
        .optional(),
    nlb: z.strictObject({ staticIps: z.boolean() }).optional(),
    gwlb: z
        .strictObject({
            allowedPrincipals: z.array(z.string()).default([]),
            /**
             * East-west inspection between subnets of their own: one inspected and one endpoint
             * subnet per zone (CIDRs free in the VPC), and placeholder appliances.
             */
            inspection: z
                .strictObject({
                    inspectedSubnetCidrs: z.array(cidr).min(2).max(6),
                    endpointSubnetCidrs: z.array(cidr).min(2).max(6),
                    applianceInstanceType: z.string().default("t3.small"),
                })
                .refine(
                    (i) => i.inspectedSubnetCidrs.length === i.endpointSubnetCidrs.length,
                    "give one endpoint subnet per inspected subnet",
                )
                .optional(),
        })
        .optional(),
    /** The database password: set with `pulumi config set --secret compute-layer:dbPassword`. */
    dbPassword: z.string().min(1),
});

/** The key each tier builds from: a tier turned on without it would build nothing, silently. */
const TIER_KEYS = { ec2: "web", eks: "eks", lambda: "orders", nlb: "nlb", gwlb: "gwlb", mesh: "mesh" } as const;

/** The schema of the `compute-layer:` namespace: its keys, and the rules between them. */
export const configSchema = (
    Object.entries(TIER_KEYS) as [keyof typeof TIER_KEYS, keyof z.infer<typeof configKeys>][]
).reduce(
    (schema, [tier, key]) =>
        schema.refine((c) => !c.tiers[tier] || c[key] !== undefined, {
            path: [key],
            message: `tiers.${tier} is on and builds from this key: give it, or turn the tier off`,
        }),
    configKeys,
);

/** The validated config, with `dbPassword` as a secret Output. */
export type StackConfig = Omit<z.infer<typeof configSchema>, "dbPassword"> & { dbPassword: pulumi.Output<string> };

/** Thrown for a config that does not fit the schema; names each key and the stack file. */
export class StackConfigError extends Error {}

function expectsString(schema: z.ZodType): boolean {
    let s: z.ZodType = schema;
    while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    return s instanceof z.ZodString;
}

/** Parses the raw `compute-layer:*` strings the way Pulumi's `getObject` does, where the schema wants a structure. */
export function parseRawConfig(raw: Record<string, string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const shape = configSchema.shape as Record<string, z.ZodType>;
    for (const [key, value] of Object.entries(raw)) {
        const field = shape[key];
        if (field === undefined || expectsString(field)) {
            out[key] = value;
            continue;
        }
        try {
            out[key] = JSON.parse(value);
        } catch {
            out[key] = value;
        }
    }
    return out;
}

/** Validates parsed config; throws a {@link StackConfigError} naming every bad key and the file. */
export function validateConfig(parsed: Record<string, unknown>, stackFile: string): z.infer<typeof configSchema> {
    const result = configSchema.safeParse(parsed);
    if (result.success) return result.data;
    const lines = result.error.issues.flatMap((issue) => {
        const where = issue.path.map(String).join(".");
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((k) => `  - ${NAMESPACE}:${where ? `${where}.` : ""}${k}: unknown key`);
        }
        const key = `${NAMESPACE}:${where}`;
        const message =
            issue.code === "invalid_type" && parsed[String(issue.path[0])] === undefined && issue.path.length === 1
                ? "required key is missing"
                : issue.message;
        return [`  - ${key}: ${message}`];
    });
    throw new StackConfigError(`${stackFile} has invalid config:\n${lines.join("\n")}`);
}

/** Reads and validates this stack's config. */
export function loadConfig(): StackConfig {
    const stack = pulumi.getStack();
    const file = `stacks/Pulumi.${stack}.yaml`;
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(pulumi.runtime.allConfig())) {
        if (k.startsWith(`${NAMESPACE}:`)) raw[k.slice(NAMESPACE.length + 1)] = v;
    }
    const valid = validateConfig(parseRawConfig(raw), file);
    const secret = new pulumi.Config(NAMESPACE).requireSecret("dbPassword");
    return { ...valid, dbPassword: secret };
}
