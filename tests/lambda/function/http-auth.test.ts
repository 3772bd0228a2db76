import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
    LambdaFunction,
    type LambdaFunctionArgs,
    type LambdaHttpEventArgs,
    planLambdaFunction,
} from "../../../components/lambda";
import { input, ofType, only, type Plan, resource, runPlan } from "../../support";
import { referenceArgs, validArgs } from "./fixture";
import { T } from "./tokens";

const NOW = new Date("2026-11-26T12:00:00Z");
const ctx = { stack: "prod", now: NOW };
beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
});
afterAll(() => {
    vi.useRealTimers();
});

const base: LambdaFunctionArgs = { handler: "index.handler", code: { s3Bucket: "code", s3Key: "fn.zip" } };
const cognito = { cognitoUserPoolId: "us-east-1_AbCdEfGhI", audience: ["orders-client"] };
const withHttp = (http: Partial<LambdaHttpEventArgs>): LambdaFunctionArgs => ({
    ...base,
    events: { http: { routes: ["POST /orders"], ...http } as LambdaHttpEventArgs },
});
function paths(args: LambdaFunctionArgs): string[] {
    try {
        planLambdaFunction("fn", args, ctx);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors.map((x) => x.propertyPath);
        throw e;
    }
    throw new Error("expected an InputPropertiesError");
}

describe("the order API behind a Cognito JWT authorizer (issue 16, item 2)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await runPlan(() => {
            new LambdaFunction("process-order", referenceArgs);
        });
    });

    it("creates a JWT authorizer for the user pool, reading the Authorization header", () => {
        expect(only(plan, T.authorizer).inputs).toMatchObject({
            name: "cognito",
            authorizerType: "JWT",
            identitySources: ["$request.header.Authorization"],
            jwtConfiguration: {
                issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI",
                audiences: ["orders-client"],
            },
        });
    });

    it("puts POST /orders behind it, so requestContext.authorizer.jwt.claims.sub reaches the handler", () => {
        const route = only(plan, T.route);
        expect(route.inputs).toMatchObject({ routeKey: "POST /orders", authorizationType: "JWT" });
        expect(route.inputs.authorizerId).toBe(only(plan, T.authorizer).outputs?.id);
        expect(route.inputs.authorizationScopes).toBeUndefined();
    });

    it("throttles the stage with the safe default, 100 requests per second and a burst of 200", () => {
        expect(input(only(plan, T.stage), "defaultRouteSettings")).toEqual({
            throttlingRateLimit: 100,
            throttlingBurstLimit: 200,
        });
        expect(only(plan, T.stage).inputs.routeSettings).toBeUndefined();
    });
});

describe("several authorizers, scopes, a public route and per-route throttling", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await runPlan(() => {
            new LambdaFunction("rich", validArgs);
        });
    });

    it("creates one authorizer per entry: any OIDC issuer, or a user pool", () => {
        const authorizers = ofType(plan, T.authorizer);
        expect(
            authorizers.map((a) => [
                a.inputs.name,
                input(a, "jwtConfiguration.issuer"),
                input(a, "jwtConfiguration.audiences"),
            ]),
        ).toEqual([
            ["auth0", "https://example.eu.auth0.com/", ["https://orders.example.com"]],
            ["cognito", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI", ["client-a", "client-b"]],
        ]);
    });

    it("gives each route its authorizer and scopes, and the public one NONE, explicitly", () => {
        const id = (key: string) => resource(plan, T.authorizer, `rich-http-authorizer-${key}`).outputs?.id;
        const routes = Object.fromEntries(ofType(plan, T.route).map((r) => [r.inputs.routeKey as string, r.inputs]));
        expect(routes["GET /orders/{id}"]).toMatchObject({
            authorizationType: "JWT",
            authorizerId: id("auth0"),
            authorizationScopes: ["orders/read"],
        });
        expect(routes["POST /orders"]).toMatchObject({
            authorizationType: "JWT",
            authorizerId: id("cognito"),
            authorizationScopes: ["orders/write"],
        });
        expect(routes["GET /health"]).toMatchObject({ authorizationType: "NONE" });
        expect(routes["GET /health"].authorizerId).toBeUndefined();
    });

    it("throttles the stage and the two routes that ask, after the routes exist", () => {
        const stage = only(plan, T.stage);
        expect(stage.inputs.defaultRouteSettings).toEqual({ throttlingRateLimit: 500, throttlingBurstLimit: 1000 });
        expect(stage.inputs.routeSettings).toEqual([
            { routeKey: "POST /orders", throttlingRateLimit: 50, throttlingBurstLimit: 100 },
            { routeKey: "GET /health", throttlingRateLimit: 5, throttlingBurstLimit: 10 },
        ]);
        for (const r of ofType(plan, T.route)) expect(stage.options.dependsOn ?? []).toContain(r.urn);
    });
});

describe("IAM authorization", () => {
    it("auth: iam makes every route AWS_IAM, with no authorizer", () => {
        const p = planLambdaFunction("fn", withHttp({ routes: ["GET /a", "GET /b"], auth: "iam" }), ctx);
        expect(p.http?.routes.map((r) => r.args.authorizationType)).toEqual(["AWS_IAM", "AWS_IAM"]);
        expect(p.http?.authorizers).toEqual([]);
    });
});

describe("HTTP API authorization and throttling: one failing case per rule", () => {
    it.each<[string, Partial<LambdaHttpEventArgs>, string[]]>([
        ["a route with no auth (public must be explicit)", {}, ["events.http.auth"]],
        ["jwt without an authorizer", { auth: "jwt" }, ["events.http.jwtAuthorizers"]],
        [
            "an authorizer that does not exist",
            { auth: "jwt", authorizer: "okta", jwtAuthorizers: { cognito } },
            ["events.http.authorizer"],
        ],
        [
            "several authorizers and none chosen",
            { auth: "jwt", jwtAuthorizers: { a: cognito, b: cognito } },
            ["events.http.authorizer"],
        ],
        [
            "an http:// issuer",
            { auth: "jwt", jwtAuthorizers: { idp: { issuer: "http://idp.example.com", audience: ["x"] } } },
            ["events.http.jwtAuthorizers.idp.issuer"],
        ],
        [
            "both issuer and user pool",
            { auth: "jwt", jwtAuthorizers: { idp: { ...cognito, issuer: "https://idp.example.com" } } },
            ["events.http.jwtAuthorizers.idp"],
        ],
        [
            "neither issuer nor user pool",
            { auth: "jwt", jwtAuthorizers: { idp: { audience: ["x"] } } },
            ["events.http.jwtAuthorizers.idp"],
        ],
        [
            "a user pool id without its region",
            { auth: "jwt", jwtAuthorizers: { idp: { cognitoUserPoolId: "AbCdEfGhI", audience: ["x"] } } },
            ["events.http.jwtAuthorizers.idp.cognitoUserPoolId"],
        ],
        [
            "no audience",
            { auth: "jwt", jwtAuthorizers: { idp: { ...cognito, audience: [] } } },
            ["events.http.jwtAuthorizers.idp.audience"],
        ],
        [
            "51 audiences",
            {
                auth: "jwt",
                jwtAuthorizers: { idp: { ...cognito, audience: Array.from({ length: 51 }, (_, i) => `c${i}`) } },
            },
            ["events.http.jwtAuthorizers.idp.audience"],
        ],
        [
            "11 authorizers",
            {
                auth: "jwt",
                authorizer: "a0",
                jwtAuthorizers: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, cognito])),
            },
            ["events.http.jwtAuthorizers"],
        ],
        [
            "an identity source that is not one",
            { auth: "jwt", jwtAuthorizers: { idp: { ...cognito, identitySource: "Authorization" } } },
            ["events.http.jwtAuthorizers.idp.identitySource"],
        ],
        [
            "11 scopes",
            { auth: "jwt", jwtAuthorizers: { cognito }, scopes: Array.from({ length: 11 }, (_, i) => `s${i}`) },
            ["events.http.scopes"],
        ],
        [
            "a scope with a space",
            { auth: "jwt", jwtAuthorizers: { cognito }, scopes: ["orders write"] },
            ["events.http.scopes[0]"],
        ],
        ["scopes without jwt", { auth: "iam", scopes: ["orders/write"] }, ["events.http.scopes"]],
        [
            "an authorizer with auth none",
            { auth: "none", authorizer: "cognito", jwtAuthorizers: { cognito } },
            ["events.http.authorizer"],
        ],
        [
            "route scopes on a public route",
            { auth: "none", routeSettings: { "POST /orders": { scopes: ["a"] } } },
            ["events.http.routeSettings.POST /orders.scopes"],
        ],
        [
            "route settings for a route that does not exist",
            { auth: "none", routeSettings: { "GET /nope": { auth: "none" } } },
            ["events.http.routeSettings.GET /nope"],
        ],
        [
            "a rate above the account's 10,000",
            { auth: "none", throttling: { rateLimit: 10_001, burstLimit: 10 } },
            ["events.http.throttling.rateLimit"],
        ],
        [
            "a burst above the account's 5,000",
            { auth: "none", throttling: { rateLimit: 10, burstLimit: 5_001 } },
            ["events.http.throttling.burstLimit"],
        ],
        [
            "a negative route rate",
            { auth: "none", routeSettings: { "POST /orders": { throttling: { rateLimit: -1, burstLimit: 1 } } } },
            ["events.http.routeSettings.POST /orders.throttling.rateLimit"],
        ],
        [
            "a fractional burst",
            { auth: "none", throttling: { rateLimit: 10, burstLimit: 1.5 } },
            ["events.http.throttling.burstLimit"],
        ],
        ["auth as a string boolean", { auth: "false" as "none" }, ["events.http.auth"]],
    ])("%s", (_what, http, expected) => {
        const found = paths(withHttp(http));
        expect(found.map((p) => p.replace(/\["([^"]+)"\]/g, ".$1"))).toEqual(expected);
    });

    it("names the routes that lack auth and the three choices", () => {
        try {
            planLambdaFunction(
                "fn",
                withHttp({ routes: ["GET /a", "GET /b"], routeSettings: { "GET /a": { auth: "none" } } }),
                ctx,
            );
            throw new Error("expected an error");
        } catch (e) {
            if (!pulumi.InputPropertiesError.isInstance(e)) throw e;
            expect(e.errors).toHaveLength(1);
            expect(e.errors[0].reason).toContain('"GET /b"');
            expect(e.errors[0].reason).not.toContain('"GET /a"');
            expect(e.errors[0].reason).toContain('"none"');
        }
    });
});
