import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../../src/core";

/**
 * Health check of an ALB target group. Limits: interval 5–300 s, timeout 2–120 s and shorter
 * than the interval, thresholds 2–10, matcher codes 200–499.
 */
export interface TargetGroupHealthCheckArgs {
    /**
     * Whether the load balancer health-checks the targets. Only `lambda` target groups can turn it
     * off: AWS always health-checks `ip` and `instance` targets, so `false` is an error there.
     * @default true (for `lambda` target groups: false unless a `healthCheck` is given)
     */
    enabled?: boolean;
    /**
     * Protocol of the health-check request: `"HTTP"` or `"HTTPS"` (an HTTP or HTTPS target group
     * never gets a TCP health check).
     * @default the target group's protocol
     */
    protocol?: "HTTP" | "HTTPS";
    /** Port of the health-check request, 1–65535. @default the traffic port ("traffic-port") */
    port?: number;
    /** Path of the health-check request; starts with `/`. @default "/health" */
    path?: string;
    /** Seconds between checks, 5–300. @default 30 */
    intervalSeconds?: number;
    /** Seconds without a response that count as a failure, 2–120 and less than `intervalSeconds`. @default 5 */
    timeoutSeconds?: number;
    /** Consecutive successes before an unhealthy target is healthy again, 2–10. @default 2 */
    healthyThreshold?: number;
    /** Consecutive failures before a target is unhealthy, 2–10. @default 3 */
    unhealthyThreshold?: number;
    /** HTTP codes that mean healthy, 200–499: `"200"`, `"200,202"` or `"200-299"`. @default "200-299" */
    matcher?: string;
}

/** Cookie stickiness (`lb_cookie`): a client keeps reaching the same target while the cookie lives. */
export interface TargetGroupStickinessArgs {
    /** How long the load balancer's cookie lives, 1–604800 seconds (7 days). @default required */
    durationSeconds: number;
}

/** One ALB target group. Its key in `targetGroups` names it in actions and in resource names. */
export interface TargetGroupArgs {
    /** Port the targets receive traffic on, 1–65535. @default required (not used for `lambda` targets) */
    port?: number;
    /** Protocol to the targets. @default "HTTP" */
    protocol?: "HTTP" | "HTTPS";
    /** What gets registered: task or pod IPs (`ip`), EC2 instances, or a Lambda function. @default "ip" */
    targetType?: "ip" | "instance" | "lambda";
    /** The health check. @default path /health, every 30 s, timeout 5 s, healthy 2, unhealthy 3, matcher "200-299" */
    healthCheck?: TargetGroupHealthCheckArgs;
    /** Seconds a deregistering target keeps its in-flight requests, 0–3600. @default 30 */
    deregistrationDelaySeconds?: number;
    /** Cookie (`lb_cookie`) stickiness. @default none (no stickiness) */
    stickiness?: TargetGroupStickinessArgs;
    /** Seconds a new target ramps up its share of requests: 0 (off) or 30–900. @default 0 */
    slowStartSeconds?: number;
}

/** One target group of a weighted forward, by its key in `targetGroups`. */
export interface WeightedTargetArgs {
    /** Key of a target group in `targetGroups`. @default required */
    name: string;
    /** Relative weight, 0–999 (not all 0). @default required */
    weight: number;
}

/** Forward to up to five target groups by weight (blue/green, canary). */
export interface WeightedForwardArgs {
    /** 1–5 target groups with their weights. @default required */
    targetGroups: WeightedTargetArgs[];
    /** Keeps a client on the target group it first reached for this long, 1–604800 s. @default none (no group stickiness) */
    stickinessSeconds?: number;
}

/** Redirect the request. Every component left out keeps the request's own value. */
export interface RedirectActionArgs {
    /** `"HTTP"` or `"HTTPS"`. @default the request's protocol ("#{protocol}") */
    protocol?: "HTTP" | "HTTPS";
    /** Host name, up to 128 characters. @default the request's host ("#{host}") */
    host?: pulumi.Input<string>;
    /** Port, 1–65535. @default the request's port ("#{port}") */
    port?: number;
    /** Absolute path starting with `/`, up to 128 characters. @default the request's path ("/#{path}") */
    path?: string;
    /** Query without the leading `?`, up to 128 characters. @default the request's query ("#{query}") */
    query?: string;
    /** 301 (permanent) or 302 (temporary). @default required */
    statusCode: 301 | 302;
}

/** Answer the request directly. */
export interface FixedResponseActionArgs {
    /** HTTP status code, 200–599. @default required */
    statusCode: number;
    /** One of text/plain, text/css, text/html, application/javascript, application/json. @default "text/plain" */
    contentType?: "text/plain" | "text/css" | "text/html" | "application/javascript" | "application/json";
    /** Body, up to 1024 characters. @default none (empty body) */
    messageBody?: string;
}

/** What the load balancer does with a request it could not authenticate. */
export type OnUnauthenticatedRequest = "deny" | "allow" | "authenticate";

/** Settings both authentication actions share (AWS's limits and defaults, except where noted). */
export interface AuthenticateCommonArgs {
    /**
     * The claims requested from the identity provider: space-separated scope values that include
     * `openid` (OpenID Connect requests must), e.g. `"openid email profile"`. Known at plan time.
     * @default "openid"
     */
    scope?: string;
    /** The session cookie's name: letters, digits and `!#$%&'*+-.^_`|~`, up to 128. @default "AWSELBAuthSessionCookie" */
    sessionCookieName?: string;
    /**
     * How long the authenticated session lasts, 1–604800 seconds (7 days). A shorter default than
     * AWS's (7 days), so a signed-out user or revoked account stops getting through within the hour.
     * @default 3600
     */
    sessionTimeoutSeconds?: number;
    /**
     * A request without a valid session: `"authenticate"` redirects to the identity provider,
     * `"deny"` answers 401, `"allow"` lets it through unauthenticated (claims headers absent).
     * @default "authenticate"
     */
    onUnauthenticatedRequest?: OnUnauthenticatedRequest;
    /** Extra query parameters for the authorization request, at most 10. @default none */
    authenticationRequestExtraParams?: Record<string, string>;
}

/**
 * Authenticate users with any OpenID Connect identity provider before serving the request.
 * Every endpoint must be an `https://` URL. HTTPS listeners only (give `certificateArn`).
 */
export interface AuthenticateOidcArgs extends AuthenticateCommonArgs {
    /** The issuer identifier, `https://...` (must match the ID token's `iss`). May be an Output. @default required */
    issuer: pulumi.Input<string>;
    /** The authorization endpoint, `https://...`. May be an Output. @default required */
    authorizationEndpoint: pulumi.Input<string>;
    /** The token endpoint, `https://...`. May be an Output. @default required */
    tokenEndpoint: pulumi.Input<string>;
    /** The user-info endpoint, `https://...`. May be an Output. @default required */
    userInfoEndpoint: pulumi.Input<string>;
    /** The OAuth 2.0 client id. May be an Output. @default required */
    clientId: pulumi.Input<string>;
    /**
     * The OAuth 2.0 client secret. It is wrapped in `pulumi.secret`, so it is encrypted in the state
     * and never shown in a plan or a diff; pass an Output from `config.requireSecret(...)`.
     * @default required
     */
    clientSecret: pulumi.Input<string>;
}

/** Authenticate users with an Amazon Cognito user pool before serving the request. HTTPS listeners only. */
export interface AuthenticateCognitoArgs extends AuthenticateCommonArgs {
    /** The user pool's ARN, `arn:aws:cognito-idp:<region>:<account>:userpool/<id>`. May be an Output. @default required */
    userPoolArn: pulumi.Input<string>;
    /** The user pool app client's id. May be an Output. @default required */
    userPoolClientId: pulumi.Input<string>;
    /** The user pool's domain prefix, or its full custom domain. May be an Output. @default required */
    userPoolDomain: pulumi.Input<string>;
}

/**
 * What a listener or rule does with a request: exactly one of `forward`, `weightedForward`,
 * `redirect` and `fixedResponse` serves it, optionally after one of `authenticateOidc` and
 * `authenticateCognito` (AWS's order: authenticate first, then serve; HTTPS listeners only).
 */
export interface ListenerAction {
    /** Authenticate with an OpenID Connect provider first. @default none */
    authenticateOidc?: AuthenticateOidcArgs;
    /** Authenticate with a Cognito user pool first. @default none */
    authenticateCognito?: AuthenticateCognitoArgs;
    /** Forward to the target group with this key in `targetGroups`. @default none */
    forward?: string;
    /** Forward to several target groups by weight. @default none */
    weightedForward?: WeightedForwardArgs;
    /** Redirect the client. @default none */
    redirect?: RedirectActionArgs;
    /** Answer with a fixed response. @default none */
    fixedResponse?: FixedResponseActionArgs;
}

/** Match one HTTP header. */
export interface HttpHeaderConditionArgs {
    /** Header name, up to 40 characters. @default required */
    name: string;
    /** Values to match (`*` and `?` wildcards), up to 128 characters each. @default required */
    values: pulumi.Input<string>[];
}

/** Match one query-string parameter. */
export interface QueryStringConditionArgs {
    /** Parameter name; without it any parameter with `value` matches. @default none (any key) */
    key?: string;
    /** Value to match (`*` and `?` wildcards). @default required */
    value: string;
}

/**
 * When a rule applies: every condition given must match. At least one condition; at most 5
 * values across all of them (AWS quota "Condition values per rule").
 */
export interface ListenerRuleConditionsArgs {
    /** Path patterns, e.g. `/api/*` (case-sensitive, up to 128 characters each). @default none */
    pathPatterns?: string[];
    /** Host names, e.g. `admin.example.com` (wildcards allowed). @default none */
    hostHeaders?: pulumi.Input<string>[];
    /** HTTP headers. @default none */
    httpHeaders?: HttpHeaderConditionArgs[];
    /** Query-string parameters. @default none */
    queryStrings?: QueryStringConditionArgs[];
    /** HTTP methods, e.g. `GET` (upper case letters, `-` and `_`). @default none */
    methods?: string[];
    /** Client IPv4 CIDR blocks. @default none */
    sourceIps?: string[];
}

/** One listener rule. */
export interface ListenerRuleArgs {
    /**
     * Evaluation order, 1–50000, unique. When left out, rules get priorities in list order: each
     * the lowest free number above the previous rule's, never one given explicitly.
     * @default assigned in order
     */
    priority?: number;
    /** When the rule applies. @default required */
    conditions: ListenerRuleConditionsArgs;
    /** What it does. @default required */
    action: ListenerAction;
}

/** Where the load balancer writes its access logs. */
export interface LoadBalancerAccessLogsArgs {
    /** S3 bucket name; its policy must let Elastic Load Balancing write. @default required */
    bucket: pulumi.Input<string>;
    /** Key prefix, without leading or trailing `/`. @default none (bucket root) */
    prefix?: string;
}

/**
 * Arguments of `ApplicationLoadBalancer`.
 *
 * Fields typed `pulumi.Input<…>` may be Outputs (AWS checks them at deploy time); every other field
 * must be a plain value known at plan time, and an Output there is an error.
 */
export interface ApplicationLoadBalancerArgs {
    /** The VPC of the load balancer and its target groups. @default required */
    vpcId: pulumi.Input<string>;
    /** At least 2 subnets in different Availability Zones (public ones unless `internal`). @default required */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** An internal load balancer has private addresses only. @default false (internet-facing) */
    internal?: boolean;
    /**
     * IPv4 CIDR blocks allowed to reach the listener ports.
     * Each gets one security-group rule per listener port: together at most 60, AWS's default
     * "Inbound or outbound rules per security group" quota. The entries may be Outputs.
     * @default ["0.0.0.0/0"] when internet-facing; the VPC's CIDR block when internal
     */
    ingressCidrs?: pulumi.Input<string>[];
    /**
     * ACM certificate ARN. With it, HTTPS:443 carries the routing and HTTP:80 only redirects
     * (301) to HTTPS; without it, HTTP:80 carries the routing.
     * @default none (HTTP only)
     */
    certificateArn?: pulumi.Input<string>;
    /** TLS policy of the HTTPS listener: one of the TLS 1.2+ policies (`TLS12_PLUS_POLICIES`). @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
    sslPolicy?: string;
    /** Protects the load balancer from deletion; set false to allow `pulumi destroy`. @default true */
    deletionProtection?: boolean;
    /** Seconds a connection may stay idle, 1–4000. @default 60 */
    idleTimeoutSeconds?: number;
    /** Writes access logs to S3. @default none (no access logs) */
    accessLogs?: LoadBalancerAccessLogsArgs;
    /** Target groups by key (letters, digits, hyphens); at most 100. Known at plan time (each key names a target group). @default required */
    targetGroups: Record<string, TargetGroupArgs>;
    /** What the routing listener does when no rule matches. @default required */
    defaultAction: ListenerAction;
    /** Routing rules of the routing listener, at most 100 (AWS's rules per load balancer). Known at plan time (each is a listener rule). @default [] */
    rules?: ListenerRuleArgs[];
    /**
     * Tags for every child, merged over the default tags `managed-by` and `component`. May be an
     * Output (the default tags are kept); at most 48 (AWS's 50 less the 2 default tags).
     * @default {}
     */
    tags?: pulumi.Input<Tags>;
}
