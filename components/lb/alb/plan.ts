import type * as pulumi from "@pulumi/pulumi";
import { isKnown, type PlanContext, planTags, type Tags, type Validator, validateTags } from "../../../src/core";
import {
    checkCertificateArn,
    checkCidrs,
    checkKey,
    checkPlacement,
    checkRuleQuota,
    checkTargetGroupCommon,
    loadBalancerName,
    plainRecord,
    targetGroupName,
    validated,
} from "../shared/checks";
import { type PlannedHealthCheck, planHealthCheck } from "../shared/health-check";
import { DEFAULT_SSL_POLICY, TLS12_PLUS_POLICIES } from "../shared/policies";
import { type SecurityGroupPlan, securityGroupPlan } from "../shared/security-group";
import type {
    ApplicationLoadBalancerArgs,
    AuthenticateCognitoArgs,
    AuthenticateCommonArgs,
    AuthenticateOidcArgs,
    FixedResponseActionArgs,
    ListenerAction,
    ListenerRuleArgs,
    ListenerRuleConditionsArgs,
    OnUnauthenticatedRequest,
    RedirectActionArgs,
    TargetGroupArgs,
    WeightedForwardArgs,
} from "./args";
import { ALB_LIST_LIMITS, applicationLoadBalancerArgsSchema } from "./schema";

/** A target group as `aws.lb.TargetGroup` takes it, with its key in `targetGroups`. */
export interface PlannedTargetGroup {
    key: string;
    name: pulumi.Input<string>;
    /** Absent for Lambda targets. */
    vpcId?: pulumi.Input<string>;
    /** Absent for Lambda targets. */
    port?: number;
    /** Absent for Lambda targets. */
    protocol?: string;
    targetType: string;
    healthCheck: PlannedHealthCheck;
    deregistrationDelay: number;
    slowStart: number;
    stickiness?: { type: "lb_cookie"; enabled: true; cookieDuration: number };
    tags: pulumi.Input<Tags>;
}

/**
 * A listener or rule action as `aws.lb.Listener` / `aws.lb.ListenerRule` take it, except that
 * target groups are named by key: the component puts the ARN of `targetGroupKey` in
 * `targetGroupArn`, and of each `forward.targetGroups[].key` in its `arn`.
 */
export interface PlannedAction {
    type: "forward" | "redirect" | "fixed-response" | "authenticate-oidc" | "authenticate-cognito";
    /** With authentication: 1 for it, 2 for the action that serves the request. */
    order?: number;
    /**
     * Without `clientSecret`: the component adds it from the args, wrapped in `pulumi.secret`, so the
     * secret is never part of a plan.
     */
    authenticateOidc?: PlannedAuthentication & {
        issuer: pulumi.Input<string>;
        authorizationEndpoint: pulumi.Input<string>;
        tokenEndpoint: pulumi.Input<string>;
        userInfoEndpoint: pulumi.Input<string>;
        clientId: pulumi.Input<string>;
    };
    authenticateCognito?: PlannedAuthentication & {
        userPoolArn: pulumi.Input<string>;
        userPoolClientId: pulumi.Input<string>;
        userPoolDomain: pulumi.Input<string>;
    };
    /** A forward to one target group: its key. */
    targetGroupKey?: string;
    /** A weighted forward. */
    forward?: { targetGroups: { key: string; weight: number }[]; stickiness?: { enabled: true; duration: number } };
    redirect?: {
        protocol: string;
        host?: pulumi.Input<string>;
        port: string;
        path?: string;
        query?: string;
        statusCode: "HTTP_301" | "HTTP_302";
    };
    fixedResponse?: { statusCode: string; contentType: string; messageBody?: string };
}

/** What both authentication actions carry, defaults applied. */
export interface PlannedAuthentication {
    scope: string;
    sessionCookieName: string;
    sessionTimeout: number;
    onUnauthenticatedRequest: OnUnauthenticatedRequest;
    authenticationRequestExtraParams?: Record<string, string>;
}

/** A rule condition as `aws.lb.ListenerRule` takes it. */
export interface PlannedCondition {
    pathPattern?: { values: string[] };
    hostHeader?: { values: pulumi.Input<string>[] };
    httpHeader?: { httpHeaderName: string; values: pulumi.Input<string>[] };
    queryStrings?: { key?: string; value: string }[];
    httpRequestMethod?: { values: string[] };
    sourceIp?: { values: string[] };
}

/** One listener rule as `aws.lb.ListenerRule` takes it (the component adds `listenerArn`), with its index in `rules`. */
export interface PlannedRule {
    index: number;
    priority: number;
    conditions: PlannedCondition[];
    actions: PlannedAction[];
    tags: pulumi.Input<Tags>;
}

/** A listener as `aws.lb.Listener` takes it; the component adds `loadBalancerArn`. */
export interface PlannedListener {
    port: 80 | 443;
    protocol: "HTTP" | "HTTPS";
    certificateArn?: pulumi.Input<string>;
    sslPolicy?: string;
    defaultActions: PlannedAction[];
    tags: pulumi.Input<Tags>;
}

/** What {@link ApplicationLoadBalancer} creates: the final inputs of every child, less the Outputs that connect them. */
export interface ApplicationLoadBalancerPlan {
    /** The `aws.lb.LoadBalancer`'s inputs; the component adds `securityGroups`. */
    loadBalancer: {
        name: string;
        loadBalancerType: "application";
        internal: boolean;
        subnets: pulumi.Input<pulumi.Input<string>[]>;
        dropInvalidHeaderFields: true;
        enableDeletionProtection: boolean;
        idleTimeout: number;
        accessLogs?: { bucket: pulumi.Input<string>; prefix?: string; enabled: true };
        tags: pulumi.Input<Tags>;
    };
    securityGroup: SecurityGroupPlan;
    /** The HTTP:80 listener: it redirects (301) to HTTPS when there is a certificate, else it routes. */
    httpListener: PlannedListener;
    /** The HTTPS:443 listener, when there is a certificate: it routes. */
    httpsListener?: PlannedListener;
    targetGroups: PlannedTargetGroup[];
    /** The rules of the routing listener (HTTPS when there is one). */
    rules: PlannedRule[];
    /** `https` with a certificate, else `http`: the scheme of the component's `url`. */
    scheme: "https" | "http";
}

/** Priority limits of listener rules. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html */
export const RULE_PRIORITY = { min: 1, max: 50000 } as const;

const ACTION_KEYS = ["forward", "weightedForward", "redirect", "fixedResponse"] as const;
const AUTH_KEYS = ["authenticateOidc", "authenticateCognito"] as const;
const quote = (s: string) => JSON.stringify(s);

/**
 * Assigns priorities: explicit ones stay; each omitted one gets the lowest number above the
 * previous rule's priority that no other rule has (explicitly or assigned), so priorities never
 * collide and a run of omitted ones keeps its list order.
 */
export function assignPriorities(rules: readonly { priority?: number }[]): number[] {
    // A priority that is not a finite number (NaN, Infinity: a shape problem reported elsewhere)
    // counts as taken but never as the previous one, so the search below always ends.
    const given = (p: unknown): p is number => typeof p === "number";
    const taken = new Set(rules.map((r) => r.priority).filter(given));
    let previous = 0;
    return rules.map((r) => {
        if (given(r.priority)) {
            if (Number.isFinite(r.priority)) previous = r.priority;
            return r.priority;
        }
        // Past the safe integers, p + 1 === p: start above the limit instead (reported as too high).
        let p = Number.isSafeInteger(Math.floor(previous) + 1) ? Math.floor(previous) + 1 : RULE_PRIORITY.max + 1;
        while (taken.has(p)) p++;
        taken.add(p);
        previous = p;
        return p;
    });
}

function planTargetGroup(
    v: Validator,
    ctx: PlanContext,
    component: string,
    key: string,
    tg: TargetGroupArgs,
    vpcId: pulumi.Input<string>,
    tags: pulumi.Input<Tags>,
): PlannedTargetGroup {
    const path = `targetGroups.${key}`;
    checkKey(v, key, path);
    const targetType = tg.targetType ?? "ip";
    const lambda = targetType === "lambda";
    const protocol = tg.protocol ?? "HTTP";
    if (lambda) {
        // A Lambda target group has no port, protocol or VPC.
        if (tg.port !== undefined) v.add(`${path}.port`, "is not used by lambda target groups; remove it");
        if (tg.protocol !== undefined) v.add(`${path}.protocol`, "is not used by lambda target groups; remove it");
        v.range(tg.deregistrationDelaySeconds, `${path}.deregistrationDelaySeconds`, 0, 3600, { unit: "seconds" });
    } else {
        checkTargetGroupCommon(v, tg, path, true);
        // Neither a port nor a target type: either may be what was meant.
        if (tg.port === undefined && tg.targetType === undefined)
            v.add(
                `${path}.targetType`,
                'is "ip" when not given, which needs a port; give port, or targetType "lambda"',
            );
    }
    const slowStart = tg.slowStartSeconds ?? 0;
    if (isKnown(slowStart) && slowStart !== 0)
        v.range(slowStart, `${path}.slowStartSeconds`, 30, 900, { unit: "seconds (or 0 to turn slow start off)" });
    if (tg.stickiness !== undefined)
        v.range(tg.stickiness.durationSeconds, `${path}.stickiness.durationSeconds`, 1, 604800, { unit: "seconds" });

    // "If the target type is instance, ip, or alb, health checks are always enabled and can't be
    // disabled" (CreateTargetGroup, HealthCheckEnabled).
    if (!lambda && tg.healthCheck?.enabled === false) {
        v.add(
            `${path}.healthCheck.enabled`,
            `must be true (or left out) for ${JSON.stringify(targetType)} target groups: AWS only lets lambda target groups turn health checks off`,
        );
    }
    let healthCheck: PlannedHealthCheck;
    if (lambda && tg.healthCheck === undefined) {
        // Lambda target groups are not health-checked unless asked: each check is an invocation.
        healthCheck = { enabled: false };
    } else {
        // A wrong target-group protocol is reported once, not again through its health check.
        const hcProtocol = protocol === "HTTPS" ? "HTTPS" : "HTTP";
        healthCheck = planHealthCheck(v, tg.healthCheck, `${path}.healthCheck`, {
            protocols: ["HTTP", "HTTPS"],
            targetProtocol: lambda ? undefined : hcProtocol,
            matcherRange: { min: 200, max: 499 },
            defaults: {
                protocol: hcProtocol,
                path: "/health",
                intervalSeconds: 30,
                timeoutSeconds: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
                matcher: "200-299",
            },
        });
        if (lambda) {
            delete healthCheck.protocol;
            delete healthCheck.port;
        }
    }
    return {
        key,
        name: targetGroupName(
            ctx.stack,
            component,
            key,
            lambda ? { targetType } : { port: tg.port, protocol, targetType, vpcId },
        ),
        ...(lambda ? {} : { port: tg.port, protocol, vpcId }),
        targetType,
        healthCheck,
        deregistrationDelay: tg.deregistrationDelaySeconds ?? 30,
        slowStart,
        ...(tg.stickiness !== undefined
            ? {
                  stickiness: {
                      type: "lb_cookie" as const,
                      enabled: true as const,
                      cookieDuration: tg.stickiness.durationSeconds,
                  },
              }
            : {}),
        tags,
    };
}

/** The target-group keys actions may name; `undefined` when `targetGroups` itself is malformed (its own problem says so). */
type TargetKeys = readonly string[] | undefined;

function checkTargetKey(v: Validator, name: unknown, path: string, keys: TargetKeys): void {
    if (keys === undefined) return;
    if (typeof name !== "string" || !keys.includes(name)) {
        const allowed = keys.length === 0 ? "there are no targetGroups" : `one of ${keys.map(quote).join(", ")}`;
        v.add(
            path,
            `must name a target group in targetGroups: ${allowed} (got ${name === undefined ? "nothing" : JSON.stringify(name)})`,
        );
    }
}

function planWeighted(v: Validator, wf: WeightedForwardArgs, path: string, keys: TargetKeys): PlannedAction {
    const groups = Array.isArray(wf.targetGroups) ? wf.targetGroups : [];
    const gPath = `${path}.targetGroups`;
    v.count(groups, gPath, 1, ALB_LIST_LIMITS.weightedTargetGroups, "target groups");
    groups.forEach((g, i) => {
        checkTargetKey(v, g.name, `${gPath}[${i}].name`, keys);
        v.range(g.weight, `${gPath}[${i}].weight`, 0, 999);
    });
    v.unique(
        groups.map((g, i) => ({ value: g.name, path: `${gPath}[${i}].name` })),
        "target group",
    );
    if (groups.length > 0 && groups.every((g) => g.weight === 0))
        v.add(gPath, "weights must not all be 0: give at least one target group a weight from 1 to 999");
    if (wf.stickinessSeconds !== undefined)
        v.range(wf.stickinessSeconds, `${path}.stickinessSeconds`, 1, 604800, { unit: "seconds" });
    return {
        type: "forward",
        forward: {
            targetGroups: groups.map((g) => ({ key: g.name, weight: g.weight })),
            ...(wf.stickinessSeconds !== undefined
                ? { stickiness: { enabled: true as const, duration: wf.stickinessSeconds } }
                : {}),
        },
    };
}

function planRedirect(v: Validator, r: RedirectActionArgs, path: string): PlannedAction {
    if (r.port !== undefined) v.range(r.port, `${path}.port`, 1, 65535);
    if (isKnown(r.host) && (r.host.length < 1 || r.host.length > 128))
        v.add(`${path}.host`, `must be 1 to 128 characters (got ${r.host.length})`);
    if (r.path !== undefined && (!r.path.startsWith("/") || r.path.length > 128))
        v.add(`${path}.path`, `must start with "/" and have at most 128 characters (got ${quote(r.path)})`);
    if (r.query !== undefined && (r.query.startsWith("?") || r.query.length > 128))
        v.add(`${path}.query`, `must be at most 128 characters without the leading "?" (got ${quote(r.query)})`);
    if (
        r.protocol === undefined &&
        r.host === undefined &&
        r.port === undefined &&
        r.path === undefined &&
        r.query === undefined
    ) {
        v.add(path, "would redirect to the same URL: change at least one of protocol, host, port, path, query");
    }
    return {
        type: "redirect",
        redirect: {
            protocol: r.protocol ?? "#{protocol}",
            host: r.host ?? "#{host}",
            port: r.port !== undefined ? String(r.port) : "#{port}",
            path: r.path ?? "/#{path}",
            query: r.query ?? "#{query}",
            statusCode: r.statusCode === 302 ? "HTTP_302" : "HTTP_301",
        },
    };
}

function planFixedResponse(v: Validator, f: FixedResponseActionArgs, path: string): PlannedAction {
    v.range(f.statusCode, `${path}.statusCode`, 200, 599);
    const contentType = f.contentType ?? "text/plain";
    if (f.messageBody !== undefined && f.messageBody.length > 1024)
        v.add(`${path}.messageBody`, `must be at most 1024 characters (got ${f.messageBody.length})`);
    return {
        type: "fixed-response",
        fixedResponse: {
            statusCode: String(f.statusCode),
            contentType,
            ...(f.messageBody !== undefined ? { messageBody: f.messageBody } : {}),
        },
    };
}

/**
 * Validates a {@link ListenerAction} and turns it into the listener's or rule's actions: the
 * authentication (order 1), when there is one, then the action that serves the request (order 2).
 * `https` says whether the listener it goes on is HTTPS, which authentication needs.
 */
export function planActions(
    v: Validator,
    action: ListenerAction | undefined,
    path: string,
    keys: TargetKeys,
    https: boolean,
): PlannedAction[] {
    const serve = planAction(v, action, path, keys);
    const auth = action ? AUTH_KEYS.filter((k) => action[k] !== undefined) : [];
    if (auth.length === 0 || !action) return [serve];
    if (auth.length > 1) v.add(path, `must have at most one of ${AUTH_KEYS.join(", ")} (got both)`);
    if (!https) {
        v.add(
            `${path}.${auth[0]}`,
            "needs an HTTPS listener: AWS authenticates users on HTTPS listeners only, so give certificateArn (the routing listener becomes HTTPS:443)",
        );
    }
    const authenticate =
        auth[0] === "authenticateOidc"
            ? planOidc(v, action.authenticateOidc as AuthenticateOidcArgs, `${path}.authenticateOidc`)
            : planCognito(v, action.authenticateCognito as AuthenticateCognitoArgs, `${path}.authenticateCognito`);
    return [
        { ...authenticate, order: 1 },
        { ...serve, order: 2 },
    ];
}

/** AWS's limit on the authenticated session: 1 second to 7 days. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html */
export const SESSION_TIMEOUT = { min: 1, max: 604800 } as const;
/** A scope token (RFC 6749 §3.3): printable ASCII except space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
/** A cookie name (RFC 6265 token). */
const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;

function planAuthentication(v: Validator, a: AuthenticateCommonArgs, path: string): PlannedAuthentication {
    const scope = a.scope ?? "openid";
    const tokens = scope.split(" ");
    if (scope.length > 1024 || tokens.some((t) => !SCOPE_TOKEN.test(t))) {
        v.add(
            `${path}.scope`,
            `must be scope values separated by single spaces, each printable ASCII without '"' or '\\' (got ${quote(scope)})`,
        );
    } else if (!tokens.includes("openid")) {
        // OpenID Connect Core 1.0, 3.1.2.1: "OpenID Connect requests MUST contain the openid scope value."
        v.add(
            `${path}.scope`,
            `must include "openid": the load balancer signs users in with OpenID Connect (got ${quote(scope)})`,
        );
    }
    const sessionCookieName = a.sessionCookieName ?? "AWSELBAuthSessionCookie";
    if (!COOKIE_NAME.test(sessionCookieName))
        v.add(
            `${path}.sessionCookieName`,
            `must be a cookie name of 1 to 128 letters, digits or !#$%&'*+-.^_\`|~ (got ${quote(sessionCookieName)})`,
        );
    const sessionTimeout = a.sessionTimeoutSeconds ?? 3600;
    v.range(sessionTimeout, `${path}.sessionTimeoutSeconds`, SESSION_TIMEOUT.min, SESSION_TIMEOUT.max, {
        unit: "seconds (7 days)",
    });
    const onUnauthenticatedRequest = a.onUnauthenticatedRequest ?? "authenticate";
    return {
        scope,
        sessionCookieName,
        sessionTimeout,
        onUnauthenticatedRequest,
        ...(a.authenticationRequestExtraParams !== undefined
            ? { authenticationRequestExtraParams: a.authenticationRequestExtraParams }
            : {}),
    };
}

function checkHttpsUrl(v: Validator, url: pulumi.Input<string> | undefined, path: string): void {
    v.required(url, path, "an https:// URL");
    if (!isKnown(url) || url === "") return;
    let ok = false;
    try {
        const u = new URL(url);
        ok = u.protocol === "https:" && u.hostname !== "";
    } catch {
        ok = false;
    }
    if (!ok)
        v.add(
            path,
            `must be an https:// URL with a host, as AWS requires for identity-provider endpoints (got ${quote(url)})`,
        );
}

function planOidc(v: Validator, a: AuthenticateOidcArgs, path: string): PlannedAction {
    const at = (k: string) => `${path}.${k}`;
    for (const k of ["issuer", "authorizationEndpoint", "tokenEndpoint", "userInfoEndpoint"] as const)
        checkHttpsUrl(v, a[k], at(k));
    v.required(a.clientId, at("clientId"), "the OAuth 2.0 client id");
    v.required(a.clientSecret, at("clientSecret"), "the OAuth 2.0 client secret (an Output of config.requireSecret)");
    return {
        type: "authenticate-oidc",
        authenticateOidc: {
            ...planAuthentication(v, a, path),
            issuer: a.issuer,
            authorizationEndpoint: a.authorizationEndpoint,
            tokenEndpoint: a.tokenEndpoint,
            userInfoEndpoint: a.userInfoEndpoint,
            clientId: a.clientId,
        },
    };
}

function planCognito(v: Validator, a: AuthenticateCognitoArgs, path: string): PlannedAction {
    const at = (k: string) => `${path}.${k}`;
    v.required(a.userPoolArn, at("userPoolArn"), "the user pool's ARN");
    if (
        isKnown(a.userPoolArn) &&
        a.userPoolArn !== "" &&
        !/^arn:aws[\w-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+$/.test(a.userPoolArn)
    ) {
        v.add(
            at("userPoolArn"),
            `must be a Cognito user pool ARN, "arn:aws:cognito-idp:<region>:<account>:userpool/<id>" (got ${quote(a.userPoolArn)})`,
        );
    }
    v.required(a.userPoolClientId, at("userPoolClientId"), "the app client's id");
    v.required(a.userPoolDomain, at("userPoolDomain"), "the user pool's domain prefix or custom domain");
    return {
        type: "authenticate-cognito",
        authenticateCognito: {
            ...planAuthentication(v, a, path),
            userPoolArn: a.userPoolArn,
            userPoolClientId: a.userPoolClientId,
            userPoolDomain: a.userPoolDomain,
        },
    };
}

/** Validates the serving part of a {@link ListenerAction} (exactly one of its keys). */
function planAction(v: Validator, action: ListenerAction | undefined, path: string, keys: TargetKeys): PlannedAction {
    const given = action ? ACTION_KEYS.filter((k) => action[k] !== undefined) : [];
    if (!action || given.length !== 1) {
        v.add(
            path,
            `must have exactly one of ${ACTION_KEYS.join(", ")} (got ${given.length === 0 ? "none" : given.join(", ")})`,
        );
        return { type: "fixed-response", fixedResponse: { statusCode: "503", contentType: "text/plain" } };
    }
    if (action.forward !== undefined) {
        checkTargetKey(v, action.forward, `${path}.forward`, keys);
        return { type: "forward", targetGroupKey: action.forward };
    }
    if (action.weightedForward !== undefined)
        return planWeighted(v, action.weightedForward, `${path}.weightedForward`, keys);
    if (action.redirect !== undefined) return planRedirect(v, action.redirect, `${path}.redirect`);
    return planFixedResponse(v, action.fixedResponse as FixedResponseActionArgs, `${path}.fixedResponse`);
}

function checkValues(v: Validator, values: unknown, path: string, maxLength: number, what: string): void {
    if (!Array.isArray(values) || values.length === 0) {
        v.add(path, `must list at least one ${what} (leave the condition out instead)`);
        return;
    }
    values.forEach((val, i) => {
        if (
            isKnown(val as pulumi.Input<string>) &&
            (typeof val !== "string" || val.length < 1 || val.length > maxLength)
        ) {
            v.add(`${path}[${i}]`, `must be a ${what} of 1 to ${maxLength} characters (got ${JSON.stringify(val)})`);
        }
    });
}

/** Validates a rule's conditions and turns them into `aws.lb.ListenerRule` conditions, in a fixed order. */
export function planConditions(
    v: Validator,
    c: ListenerRuleConditionsArgs | undefined,
    path: string,
): PlannedCondition[] {
    if (c === undefined || typeof c !== "object") {
        v.add(
            path,
            "is required: give at least one of pathPatterns, hostHeaders, httpHeaders, queryStrings, methods, sourceIps",
        );
        return [];
    }
    const out: PlannedCondition[] = [];
    let count = 0;
    if (c.pathPatterns !== undefined) {
        checkValues(v, c.pathPatterns, `${path}.pathPatterns`, 128, "path pattern");
        count += c.pathPatterns.length;
        out.push({ pathPattern: { values: c.pathPatterns } });
    }
    if (c.hostHeaders !== undefined) {
        checkValues(v, c.hostHeaders, `${path}.hostHeaders`, 128, "host name");
        count += c.hostHeaders.length;
        out.push({ hostHeader: { values: c.hostHeaders } });
    }
    (c.httpHeaders ?? []).forEach((h, i) => {
        const p = `${path}.httpHeaders[${i}]`;
        if (typeof h.name !== "string" || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$/.test(h.name))
            v.add(`${p}.name`, `must be an HTTP header name of 1 to 40 characters (got ${JSON.stringify(h.name)})`);
        checkValues(v, h.values, `${p}.values`, 128, "header value");
        count += Array.isArray(h.values) ? h.values.length : 0;
        out.push({ httpHeader: { httpHeaderName: h.name, values: h.values } });
    });
    if (c.queryStrings !== undefined) {
        if (c.queryStrings.length === 0)
            v.add(`${path}.queryStrings`, "must list at least one key/value pair (leave the condition out instead)");
        c.queryStrings.forEach((q, i) => {
            const p = `${path}.queryStrings[${i}]`;
            if (typeof q.value !== "string" || q.value.length < 1 || q.value.length > 128)
                v.add(`${p}.value`, `must be 1 to 128 characters (got ${JSON.stringify(q.value)})`);
            if (q.key !== undefined && (q.key.length < 1 || q.key.length > 128))
                v.add(`${p}.key`, `must be 1 to 128 characters (got ${JSON.stringify(q.key)})`);
        });
        count += c.queryStrings.length;
        out.push({
            queryStrings: c.queryStrings.map((q) => ({
                ...(q.key !== undefined ? { key: q.key } : {}),
                value: q.value,
            })),
        });
    }
    if (c.methods !== undefined) {
        checkValues(v, c.methods, `${path}.methods`, 40, "method");
        c.methods.forEach((m, i) => {
            if (typeof m === "string" && !/^[A-Z_-]+$/.test(m))
                v.add(
                    `${path}.methods[${i}]`,
                    `must be an HTTP method in upper case: letters, "-" and "_" (got ${quote(m)})`,
                );
        });
        count += c.methods.length;
        out.push({ httpRequestMethod: { values: c.methods } });
    }
    if (c.sourceIps !== undefined) {
        checkCidrs(v, c.sourceIps, `${path}.sourceIps`);
        count += c.sourceIps.length;
        out.push({ sourceIp: { values: c.sourceIps } });
    }
    if (out.length === 0)
        v.add(
            path,
            "must have at least one of pathPatterns, hostHeaders, httpHeaders, queryStrings, methods, sourceIps",
        );
    if (count > ALB_LIST_LIMITS.conditionValues)
        v.add(
            path,
            `must have at most ${ALB_LIST_LIMITS.conditionValues} condition values across all conditions (got ${count}); split the rule`,
        );
    return out;
}

function planRules(
    v: Validator,
    rules: ListenerRuleArgs[],
    keys: TargetKeys,
    https: boolean,
    tags: pulumi.Input<Tags>,
): PlannedRule[] {
    rules.forEach((r, i) => {
        if (r.priority !== undefined) v.range(r.priority, `rules[${i}].priority`, RULE_PRIORITY.min, RULE_PRIORITY.max);
    });
    v.unique(
        rules.map((r, i) => ({ value: r.priority, path: `rules[${i}].priority` })),
        "priority",
    );
    const priorities = assignPriorities(rules);
    return rules.map((r, i) => {
        if (r.priority === undefined && priorities[i] > RULE_PRIORITY.max) {
            v.add(
                `rules[${i}].priority`,
                `no free priority is left above the previous rule's; give priorities from ${RULE_PRIORITY.min} to ${RULE_PRIORITY.max} explicitly`,
            );
        }
        return {
            index: i,
            priority: priorities[i],
            conditions: planConditions(v, r.conditions, `rules[${i}].conditions`),
            actions: planActions(v, r.action, `rules[${i}].action`, keys, https),
            tags,
        };
    });
}

/**
 * Plans an {@link ApplicationLoadBalancer}: applies the defaults, checks every input against
 * AWS's limits, and throws one `InputPropertiesError` listing every problem.
 */
export function planApplicationLoadBalancer(
    name: string,
    args: ApplicationLoadBalancerArgs,
    ctx: PlanContext,
): ApplicationLoadBalancerPlan {
    return validated(`ApplicationLoadBalancer "${name}"`, applicationLoadBalancerArgsSchema, args, (v) =>
        checkAndPlan(v, name, args, ctx),
    );
}

function checkAndPlan(
    v: Validator,
    name: string,
    args: ApplicationLoadBalancerArgs,
    ctx: PlanContext,
): () => ApplicationLoadBalancerPlan {
    checkPlacement(v, args);
    const internal = args.internal ?? false;
    const https = args.certificateArn !== undefined;
    const sslPolicy = args.sslPolicy ?? DEFAULT_SSL_POLICY;
    v.oneOf(sslPolicy, "sslPolicy", TLS12_PLUS_POLICIES as readonly string[]);
    if (args.sslPolicy !== undefined && args.certificateArn === undefined) {
        v.add(
            "certificateArn",
            "is required when sslPolicy is set: an HTTPS listener needs a certificate (give an ACM certificate ARN, or remove sslPolicy)",
        );
    }
    checkCertificateArn(v, args.certificateArn, "certificateArn");
    v.range(args.idleTimeoutSeconds, "idleTimeoutSeconds", 1, 4000, { unit: "seconds" });
    if (args.accessLogs !== undefined) {
        v.required(args.accessLogs.bucket, "accessLogs.bucket", "the S3 bucket name");
        const prefix = args.accessLogs.prefix;
        if (prefix !== undefined && (prefix.startsWith("/") || prefix.endsWith("/") || prefix.includes("AWSLogs"))) {
            v.add("accessLogs.prefix", `must not start or end with "/" nor contain "AWSLogs" (got ${quote(prefix)})`);
        }
    }
    validateTags(v, plainRecord(args.tags));
    const tags = planTags(name, args.tags);

    const tgArgs = plainRecord(args.targetGroups) ?? {};
    if (args.targetGroups === undefined)
        v.add(
            "targetGroups",
            "is required: give the target groups by key ({} when every action is a redirect or fixed response)",
        );
    const keys = Object.keys(tgArgs);
    if (keys.length > ALB_LIST_LIMITS.targetGroups)
        v.add("targetGroups", `must have at most ${ALB_LIST_LIMITS.targetGroups} target groups (got ${keys.length})`);
    const targetGroups = keys.map((k) => planTargetGroup(v, ctx, name, k, tgArgs[k], args.vpcId, tags));
    const actionKeys = plainRecord(args.targetGroups) ? keys : undefined;
    const defaultActions = planActions(v, args.defaultAction, "defaultAction", actionKeys, https);
    const rules = planRules(v, args.rules ?? [], actionKeys, https, tags);
    checkRuleQuota(v, args.ingressCidrs, https ? 2 : 1);
    return () => build(name, args, ctx, { internal, sslPolicy, tags, keys, targetGroups, defaultActions, rules });
}

function build(
    name: string,
    args: ApplicationLoadBalancerArgs,
    ctx: PlanContext,
    p: {
        internal: boolean;
        sslPolicy: string;
        tags: pulumi.Input<Tags>;
        keys: string[];
        targetGroups: PlannedTargetGroup[];
        defaultActions: PlannedAction[];
        rules: PlannedRule[];
    },
): ApplicationLoadBalancerPlan {
    const { internal, sslPolicy, tags, keys, targetGroups, defaultActions, rules } = p;
    const tgArgs = args.targetGroups;
    const https = args.certificateArn !== undefined;
    // Target ports, and health-check ports other than the traffic port, as the user gave them.
    const egress = keys.flatMap((k) => {
        const tg = tgArgs[k];
        if ((tg.targetType ?? "ip") === "lambda" || tg.port === undefined) return [];
        const hcPort = tg.healthCheck?.port;
        return [
            { protocol: "tcp" as const, port: tg.port },
            ...(hcPort !== undefined ? [{ protocol: "tcp" as const, port: hcPort }] : []),
        ];
    });
    return {
        loadBalancer: {
            name: loadBalancerName(ctx.stack, name, ["application", internal]),
            loadBalancerType: "application",
            internal,
            subnets: args.subnetIds,
            dropInvalidHeaderFields: true,
            enableDeletionProtection: args.deletionProtection ?? true,
            idleTimeout: args.idleTimeoutSeconds ?? 60,
            ...(args.accessLogs !== undefined
                ? {
                      accessLogs: {
                          bucket: args.accessLogs.bucket,
                          ...(args.accessLogs.prefix !== undefined ? { prefix: args.accessLogs.prefix } : {}),
                          enabled: true as const,
                      },
                  }
                : {}),
            tags,
        },
        securityGroup: securityGroupPlan({
            component: name,
            vpcId: args.vpcId,
            description: `ALB ${name}: listener ports from clients, target ports to the VPC`,
            internal,
            ingressCidrs: args.ingressCidrs,
            ingress: [{ protocol: "tcp", port: 80 }, ...(https ? [{ protocol: "tcp" as const, port: 443 }] : [])],
            egress,
            tags,
        }),
        httpListener: {
            port: 80,
            protocol: "HTTP",
            defaultActions: https
                ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]
                : defaultActions,
            tags,
        },
        ...(https
            ? {
                  httpsListener: {
                      port: 443 as const,
                      protocol: "HTTPS" as const,
                      certificateArn: args.certificateArn,
                      sslPolicy,
                      defaultActions,
                      tags,
                  },
              }
            : {}),
        targetGroups,
        rules,
        scheme: https ? "https" : "http",
    };
}
