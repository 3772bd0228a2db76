import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { childName, isKnown, joinPath, type Tags, type Validator } from "../../../src/core";
import type { LambdaHttpAuth, LambdaHttpEventArgs, LambdaHttpThrottlingArgs } from "../function/args";
import { type ChildPlan, type PermissionPlan, permission } from "./children";
import { routeKeyProblem } from "./expressions";

/**
 * An HTTP API in front of a function: routes with their authorization, JWT authorizers, and a
 * `$default` stage with throttling and access logs.
 *
 * Limits: "Routes per API: 300", "Authorizers per API: 10", "Audiences per authorizer: 50",
 * "Scopes per route: 10" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html);
 * throttling within the account-level defaults of 10,000 requests per second and a burst of 5,000
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 */
export const HTTP_API_LIMITS = {
    routes: 300,
    authorizers: 10,
    audiences: 50,
    scopes: 10,
    rateLimit: 10_000,
    burstLimit: 5_000,
} as const;

/** The stage's throttling when none is given: far under the account's quota, so one API can't starve the rest. */
export const DEFAULT_HTTP_THROTTLING: LambdaHttpThrottlingArgs = { rateLimit: 100, burstLimit: 200 };

/** The access-log fields of the HTTP API's `$default` stage (JSON, one line a request). */
export const ACCESS_LOG_FORMAT = JSON.stringify({
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
    // Who called: the JWT's subject, or the IAM caller.
    principal: "$context.authorizer.claims.sub",
    caller: "$context.identity.caller",
});

/** Route `authorizationType`s by `auth`. */
const AUTHORIZATION_TYPE: Record<LambdaHttpAuth, "NONE" | "AWS_IAM" | "JWT"> = {
    none: "NONE",
    iam: "AWS_IAM",
    jwt: "JWT",
};

/** A Cognito user pool id: `<region>_<id>` (CreateUserPool, Id pattern `[\w-]+_[0-9a-zA-Z]+`, at most 55). */
const COGNITO_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d)_[0-9a-zA-Z]+$/;
/** OAuth 2.0 scope tokens (RFC 6749, 3.3): printable ASCII without spaces, `"` or `\`. */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** The HTTP API's children. */
export interface HttpApiPlan {
    accessLogGroup: ChildPlan<aws.cloudwatch.LogGroupArgs>;
    api: ChildPlan<aws.apigatewayv2.ApiArgs>;
    /** The component adds `apiId`. */
    authorizers: ChildPlan<Omit<aws.apigatewayv2.AuthorizerArgs, "apiId">>[];
    integration: ChildPlan<Omit<aws.apigatewayv2.IntegrationArgs, "apiId" | "integrationUri">>;
    /** The component adds `apiId`, `target` and, for `authorizer` (an index in `authorizers`), `authorizerId`. */
    routes: (ChildPlan<Omit<aws.apigatewayv2.RouteArgs, "apiId" | "target" | "authorizerId">> & {
        authorizer?: number;
    })[];
    /** The component adds `apiId` and `accessLogSettings.destinationArn` (the access log group's ARN). */
    stage: ChildPlan<
        Omit<aws.apigatewayv2.StageArgs, "apiId" | "accessLogSettings"> & { accessLogSettings: { format: string } }
    >;
    permission: PermissionPlan;
}

/** What one route resolves to. */
interface RouteAuth {
    auth?: LambdaHttpAuth;
    authorizer?: string;
    scopes?: string[];
}

function resolve(http: LambdaHttpEventArgs, route: string): RouteAuth {
    const own = http.routeSettings?.[route];
    const auth = own?.auth ?? http.auth;
    if (auth !== "jwt") return { auth };
    const names = Object.keys(http.jwtAuthorizers ?? {});
    const authorizer = own?.authorizer ?? http.authorizer ?? (names.length === 1 ? names[0] : undefined);
    return { auth, authorizer, scopes: own?.scopes ?? http.scopes };
}

function checkThrottling(v: Validator, t: LambdaHttpThrottlingArgs | undefined, path: string): void {
    if (!t) return;
    v.range(t.rateLimit, joinPath(path, "rateLimit"), 0, HTTP_API_LIMITS.rateLimit, {
        integer: false,
        unit: "requests per second (the account-level default quota)",
    });
    v.range(t.burstLimit, joinPath(path, "burstLimit"), 0, HTTP_API_LIMITS.burstLimit, {
        unit: "requests (the account-level default burst)",
    });
}

/** Checks routes, authorization and throttling of `events.http`; paths start at `path`. */
export function checkHttpApi(v: Validator, http: LambdaHttpEventArgs, path: string): void {
    const routes = http.routes ?? [];
    v.count(routes, joinPath(path, "routes"), 1, HTTP_API_LIMITS.routes, "routes");
    routes.forEach((r, i) => {
        const problem = routeKeyProblem(r);
        if (problem) v.add(joinPath(path, "routes", i), problem);
    });
    v.unique(
        routes.map((r, i) => ({ value: r, path: joinPath(path, "routes", i) })),
        "route",
    );

    const authorizers = http.jwtAuthorizers ?? {};
    const names = Object.keys(authorizers);
    if (names.length > HTTP_API_LIMITS.authorizers) {
        v.add(
            joinPath(path, "jwtAuthorizers"),
            `must have at most ${HTTP_API_LIMITS.authorizers} authorizers (HTTP API quota) (got ${names.length})`,
        );
    }
    for (const [key, a] of Object.entries(authorizers)) {
        const at = joinPath(path, "jwtAuthorizers", key);
        if (key.length < 1 || key.length > 128)
            v.add(at, `authorizer names must be 1 to 128 characters (got ${key.length})`);
        if ((a.issuer === undefined) === (a.cognitoUserPoolId === undefined)) {
            v.add(at, "must have exactly one of issuer (any OpenID Connect issuer) and cognitoUserPoolId");
        }
        if (isKnown(a.issuer) && !/^https:\/\/[^\s/]+/.test(a.issuer)) {
            v.add(
                joinPath(at, "issuer"),
                `must be an https:// URL: API Gateway reads <issuer>/.well-known/openid-configuration over HTTPS ` +
                    `(got ${JSON.stringify(a.issuer)})`,
            );
        }
        if (
            a.cognitoUserPoolId !== undefined &&
            (a.cognitoUserPoolId.length > 55 || !COGNITO_POOL_ID.test(a.cognitoUserPoolId))
        ) {
            v.add(
                joinPath(at, "cognitoUserPoolId"),
                `must be a Cognito user pool id, "<region>_<id>" such as "us-east-1_AbCdEfGhI" (got ` +
                    `${JSON.stringify(a.cognitoUserPoolId)})`,
            );
        }
        v.count(
            a.audience,
            joinPath(at, "audience"),
            1,
            HTTP_API_LIMITS.audiences,
            "audiences (for Cognito: the app client ids)",
        );
        if (a.identitySource !== undefined && !/^\$(request|context|stageVariables)\.\S+$/.test(a.identitySource)) {
            v.add(
                joinPath(at, "identitySource"),
                `must be an identity source such as "$request.header.Authorization" (got ` +
                    `${JSON.stringify(a.identitySource)})`,
            );
        }
    }

    const settings = http.routeSettings ?? {};
    for (const key of Object.keys(settings)) {
        if (!routes.includes(key)) {
            v.add(
                joinPath(path, "routeSettings", key),
                `names no route: the keys must be in routes (${routes.map((r) => JSON.stringify(r)).join(", ")})`,
            );
        }
    }
    const where = (route: string, field: string) =>
        settings[route]?.[field as "auth"] !== undefined
            ? joinPath(path, "routeSettings", route, field)
            : joinPath(path, field);
    const missing = routes.filter((r) => resolve(http, r).auth === undefined);
    if (missing.length > 0) {
        v.add(
            joinPath(path, "auth"),
            `is required for ${missing.map((r) => JSON.stringify(r)).join(", ")}: give "jwt" (with jwtAuthorizers), ` +
                `"iam", or "none" to make a route public explicitly (here or in routeSettings)`,
        );
    }
    for (const field of ["authorizer", "scopes"] as const) {
        if (http[field] !== undefined && http.auth !== "jwt") {
            v.add(
                joinPath(path, field),
                `applies only to auth "jwt" (auth is ${JSON.stringify(http.auth)}); set it in routeSettings for the ` +
                    `JWT routes`,
            );
        }
    }
    for (const route of routes) {
        const r = resolve(http, route);
        const own = settings[route];
        if (r.auth !== "jwt") {
            for (const field of ["authorizer", "scopes"] as const) {
                if (own?.[field] !== undefined) {
                    v.add(
                        joinPath(path, "routeSettings", route, field),
                        `applies only to auth "jwt" (this route has auth ${JSON.stringify(r.auth)})`,
                    );
                }
            }
            continue;
        }
        if (names.length === 0) {
            const jwtRoutes = routes.filter((x) => resolve(http, x).auth === "jwt").map((x) => JSON.stringify(x));
            v.add(
                joinPath(path, "jwtAuthorizers"),
                `must have an authorizer for the "jwt" routes (${jwtRoutes.join(", ")}): give one with issuer or ` +
                    `cognitoUserPoolId, and audience`,
            );
        } else if (r.authorizer === undefined) {
            v.add(
                where(route, "authorizer"),
                `is required with several JWT authorizers: one of ${names.map((n) => JSON.stringify(n)).join(", ")}`,
            );
        } else if (!names.includes(r.authorizer)) {
            v.add(
                where(route, "authorizer"),
                `must name one of jwtAuthorizers: ${names.map((n) => JSON.stringify(n)).join(", ")} (got ` +
                    `${JSON.stringify(r.authorizer)})`,
            );
        }
        (r.scopes ?? []).forEach((s, i) => {
            if (!SCOPE.test(s))
                v.add(
                    joinPath(where(route, "scopes"), i),
                    `must be an OAuth scope, without spaces or quotes (got ${JSON.stringify(s)})`,
                );
        });
    }
    checkThrottling(v, http.throttling, joinPath(path, "throttling"));
    for (const [key, s] of Object.entries(settings))
        checkThrottling(v, s.throttling, joinPath(path, "routeSettings", key, "throttling"));
}

function issuerOf(a: { issuer?: pulumi.Input<string>; cognitoUserPoolId?: string }): pulumi.Input<string> {
    if (a.cognitoUserPoolId === undefined) return a.issuer as pulumi.Input<string>;
    const region = a.cognitoUserPoolId.split("_")[0];
    return `https://cognito-idp.${region}.amazonaws.com/${a.cognitoUserPoolId}`;
}

/** The children of a checked `events.http`. */
export function layoutHttpApi(
    name: string,
    functionName: string,
    http: LambdaHttpEventArgs,
    tags: pulumi.Input<Tags>,
    logRetentionDays: number,
): HttpApiPlan {
    const names = Object.keys(http.jwtAuthorizers ?? {});
    const authorizers = Object.entries(http.jwtAuthorizers ?? {}).map(([key, a]) => ({
        name: childName(name, "http-authorizer", key),
        args: {
            name: key,
            authorizerType: "JWT",
            identitySources: [a.identitySource ?? "$request.header.Authorization"],
            jwtConfiguration: { issuer: issuerOf(a), audiences: a.audience },
        },
    }));
    const stageThrottling = http.throttling ?? DEFAULT_HTTP_THROTTLING;
    const routeThrottling = Object.entries(http.routeSettings ?? {}).filter(([, s]) => s.throttling !== undefined);
    return {
        accessLogGroup: {
            name: childName(name, "http-access-logs"),
            args: { name: `/aws/apigateway/${functionName}`, retentionInDays: logRetentionDays, tags },
        },
        api: { name: childName(name, "http"), args: { name: functionName, protocolType: "HTTP", tags } },
        authorizers,
        integration: {
            name: childName(name, "http-integration"),
            args: { integrationType: "AWS_PROXY", integrationMethod: "POST", payloadFormatVersion: "2.0" },
        },
        routes: http.routes.map((routeKey, i) => {
            const r = resolve(http, routeKey);
            const auth = r.auth ?? "none";
            return {
                name: childName(name, "http-route", i),
                args: {
                    routeKey,
                    authorizationType: AUTHORIZATION_TYPE[auth],
                    ...(auth === "jwt" && r.scopes && r.scopes.length > 0 ? { authorizationScopes: r.scopes } : {}),
                },
                ...(auth === "jwt" && r.authorizer !== undefined ? { authorizer: names.indexOf(r.authorizer) } : {}),
            };
        }),
        stage: {
            name: childName(name, "http-stage"),
            args: {
                name: "$default",
                autoDeploy: true,
                defaultRouteSettings: {
                    throttlingRateLimit: stageThrottling.rateLimit,
                    throttlingBurstLimit: stageThrottling.burstLimit,
                },
                ...(routeThrottling.length > 0
                    ? {
                          routeSettings: routeThrottling.map(([routeKey, s]) => ({
                              routeKey,
                              throttlingRateLimit: s.throttling?.rateLimit,
                              throttlingBurstLimit: s.throttling?.burstLimit,
                          })),
                      }
                    : {}),
                accessLogSettings: { format: ACCESS_LOG_FORMAT },
                tags,
            },
        },
        permission: permission(childName(name, "http-permission"), "apigateway.amazonaws.com"),
    };
}
