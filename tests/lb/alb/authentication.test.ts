import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    ApplicationLoadBalancer,
    type ApplicationLoadBalancerArgs,
    type AuthenticateOidcArgs,
    type ListenerAction,
    planApplicationLoadBalancer,
} from "../../../components/lb";
import { diffPlans, renderDiffMarkdown, renderDiffText } from "../../../src/plan/diff";
import { renderMermaid } from "../../../src/plan/mermaid";
import { renderJson, renderTree } from "../../../src/plan/render";
import { isSecretMarker, ofType, type Plan, problemPaths, resource, runPlan } from "../../support";
import { referenceAlbArgs } from "./fixture";

/** A canary that must appear in no plan format. */
const SECRET = "oidc-S3cr3t-canary-7f3a";
const ctx = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };

const oidc = (o: Partial<AuthenticateOidcArgs> = {}): AuthenticateOidcArgs => ({
    issuer: "https://login.example.com",
    authorizationEndpoint: "https://login.example.com/oauth2/v1/authorize",
    tokenEndpoint: "https://login.example.com/oauth2/v1/token",
    userInfoEndpoint: "https://login.example.com/oauth2/v1/userinfo",
    clientId: "web-client",
    clientSecret: pulumi.secret(SECRET),
    ...o,
});
const USER_POOL = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123";
const cognito = { userPoolArn: USER_POOL, userPoolClientId: "abc123clientid", userPoolDomain: "auth-example" };

/**
 * REFERENCE.md lists "Authentication (Cognito, OIDC)" among the ALB's features: the web tier signs
 * users in with the company's OIDC provider, the admin host with a Cognito user pool.
 */
const authenticated = (o: Partial<ApplicationLoadBalancerArgs> = {}): ApplicationLoadBalancerArgs => {
    const base = referenceAlbArgs();
    return {
        ...base,
        defaultAction: { authenticateOidc: oidc({ scope: "openid email" }), forward: "web" },
        rules: [
            base.rules[0],
            {
                ...base.rules[1],
                action: { authenticateCognito: { ...cognito, onUnauthenticatedRequest: "deny" }, forward: "admin" },
            },
            base.rules[2],
        ],
        ...o,
    };
};
const withDefault = (defaultAction: ListenerAction) => authenticated({ defaultAction });
const paths = (args: ApplicationLoadBalancerArgs) => problemPaths(() => planApplicationLoadBalancer("web", args, ctx));

describe("ApplicationLoadBalancer authentication: REFERENCE.md's OIDC and Cognito sign-in as AWS inputs", () => {
    let plan: Plan;
    const program = () => {
        const alb = new ApplicationLoadBalancer("web", authenticated());
        return { tgWeb: alb.targetGroups.web.arn, tgAdmin: alb.targetGroups.admin.arn };
    };

    it("authenticates first (order 1), then serves the request (order 2), on the HTTPS listener", async () => {
        plan = await runPlan(program);
        const https = resource(plan, "aws:lb/listener:Listener", "web-https");
        const [auth, serve] = https.inputs.defaultActions as Record<string, unknown>[];
        expect(serve).toEqual({ type: "forward", order: 2, targetGroupArn: plan.outputs.tgWeb });
        expect(auth).toMatchObject({
            type: "authenticate-oidc",
            order: 1,
            authenticateOidc: {
                issuer: "https://login.example.com",
                authorizationEndpoint: "https://login.example.com/oauth2/v1/authorize",
                tokenEndpoint: "https://login.example.com/oauth2/v1/token",
                userInfoEndpoint: "https://login.example.com/oauth2/v1/userinfo",
                clientId: "web-client",
                scope: "openid email",
                sessionCookieName: "AWSELBAuthSessionCookie",
                sessionTimeout: 3600,
                onUnauthenticatedRequest: "authenticate",
            },
        });
        // The client secret reaches AWS, marked secret.
        expect(isSecretMarker((auth.authenticateOidc as Record<string, unknown>).clientSecret)).toBe(true);
        // HTTP:80 still only redirects.
        expect(resource(plan, "aws:lb/listener:Listener", "web-http").inputs.defaultActions).toEqual([
            { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ]);
        const admin = resource(plan, "aws:lb/listenerRule:ListenerRule", "web-rule-2");
        expect(admin.inputs.actions).toEqual([
            {
                type: "authenticate-cognito",
                order: 1,
                authenticateCognito: {
                    ...cognito,
                    scope: "openid",
                    sessionCookieName: "AWSELBAuthSessionCookie",
                    sessionTimeout: 3600,
                    onUnauthenticatedRequest: "deny",
                },
            },
            { type: "forward", order: 2, targetGroupArn: plan.outputs.tgAdmin },
        ]);
        // Rules without authentication keep their single action.
        expect(
            (resource(plan, "aws:lb/listenerRule:ListenerRule", "web-rule-1").inputs.actions as unknown[]).length,
        ).toBe(1);
    });

    it("the client secret appears in no plan format: the planner's result, JSON, tree, mermaid, diff text and markdown", async () => {
        plan ??= await runPlan(program);
        const planned = planApplicationLoadBalancer(
            "web",
            authenticated({ defaultAction: { authenticateOidc: oidc({ clientSecret: SECRET }), forward: "web" } }),
            ctx,
        );
        expect(JSON.stringify(planned)).not.toContain(SECRET);
        const before = await runPlan(
            () =>
                void new ApplicationLoadBalancer(
                    "web",
                    authenticated({
                        defaultAction: {
                            authenticateOidc: oidc({ clientSecret: pulumi.secret("an-older-one") }),
                            forward: "web",
                        },
                    }),
                ),
        );
        const diff = diffPlans(before, plan);
        for (const text of [
            renderJson(plan),
            renderTree(plan),
            renderMermaid(plan),
            renderDiffText(diff),
            renderDiffMarkdown(diff),
        ]) {
            expect(text).not.toContain(SECRET);
        }
        // Even a plain string secret is wrapped by the component.
        const plainSecret = await runPlan(
            () =>
                void new ApplicationLoadBalancer(
                    "web",
                    withDefault({ authenticateOidc: oidc({ clientSecret: SECRET }), forward: "web" }),
                ),
        );
        expect(renderJson(plainSecret)).not.toContain(SECRET);
        expect(ofType(plainSecret, "aws:lb/listener:Listener").length).toBe(2);
    });
});

describe("ApplicationLoadBalancer authentication: AWS's rules, each with a failing case", () => {
    it("only on an HTTPS listener: without a certificate, authentication is an error", () => {
        expect(paths(authenticated({ certificateArn: undefined }))).toEqual([
            "defaultAction.authenticateOidc",
            "rules[1].action.authenticateCognito",
        ]);
    });

    it("issuer, authorization, token and user-info endpoints are https:// URLs", () => {
        expect(
            paths(withDefault({ authenticateOidc: oidc({ issuer: "http://login.example.com" }), forward: "web" })),
        ).toEqual(["defaultAction.authenticateOidc.issuer"]);
        expect(
            paths(
                withDefault({
                    authenticateOidc: oidc({ authorizationEndpoint: "login.example.com/authorize" }),
                    forward: "web",
                }),
            ),
        ).toEqual(["defaultAction.authenticateOidc.authorizationEndpoint"]);
        expect(
            paths(withDefault({ authenticateOidc: oidc({ tokenEndpoint: "ftp://x/token" }), forward: "web" })),
        ).toEqual(["defaultAction.authenticateOidc.tokenEndpoint"]);
        expect(paths(withDefault({ authenticateOidc: oidc({ userInfoEndpoint: "" }), forward: "web" }))).toEqual([
            "defaultAction.authenticateOidc.userInfoEndpoint",
        ]);
        // An Output is checked by AWS at deploy time.
        expect(() =>
            planApplicationLoadBalancer(
                "web",
                withDefault({ authenticateOidc: oidc({ issuer: pulumi.output("http://x") }), forward: "web" }),
                ctx,
            ),
        ).not.toThrow();
    });

    it("scope: space-separated scope values that include openid", () => {
        expect(paths(withDefault({ authenticateOidc: oidc({ scope: "email profile" }), forward: "web" }))).toEqual([
            "defaultAction.authenticateOidc.scope",
        ]);
        expect(paths(withDefault({ authenticateOidc: oidc({ scope: "openid  email" }), forward: "web" }))).toEqual([
            "defaultAction.authenticateOidc.scope",
        ]);
        expect(paths(withDefault({ authenticateOidc: oidc({ scope: 'openid "email"' }), forward: "web" }))).toEqual([
            "defaultAction.authenticateOidc.scope",
        ]);
        expect(
            paths(
                withDefault({
                    authenticateCognito: { ...cognito, scope: "aws.cognito.signin.user.admin" },
                    forward: "web",
                }),
            ),
        ).toEqual(["defaultAction.authenticateCognito.scope"]);
    });

    it("session timeout 1-604800 seconds", () => {
        const timeout = (sessionTimeoutSeconds: number) =>
            paths(withDefault({ authenticateOidc: oidc({ sessionTimeoutSeconds }), forward: "web" }));
        expect(timeout(0)).toEqual(["defaultAction.authenticateOidc.sessionTimeoutSeconds"]);
        expect(timeout(604801)).toEqual(["defaultAction.authenticateOidc.sessionTimeoutSeconds"]);
        expect(() =>
            planApplicationLoadBalancer(
                "web",
                withDefault({ authenticateOidc: oidc({ sessionTimeoutSeconds: 604800 }), forward: "web" }),
                ctx,
            ),
        ).not.toThrow();
        expect(() =>
            planApplicationLoadBalancer(
                "web",
                withDefault({ authenticateOidc: oidc({ sessionTimeoutSeconds: 1 }), forward: "web" }),
                ctx,
            ),
        ).not.toThrow();
    });

    it("onUnauthenticatedRequest is deny, allow or authenticate", () => {
        const bad = { ...cognito, onUnauthenticatedRequest: "redirect" } as unknown as typeof cognito;
        expect(paths(withDefault({ authenticateCognito: bad, forward: "web" }))).toEqual([
            "defaultAction.authenticateCognito.onUnauthenticatedRequest",
        ]);
        for (const onUnauthenticatedRequest of ["deny", "allow", "authenticate"] as const) {
            expect(() =>
                planApplicationLoadBalancer(
                    "web",
                    withDefault({ authenticateCognito: { ...cognito, onUnauthenticatedRequest }, forward: "web" }),
                    ctx,
                ),
            ).not.toThrow();
        }
    });

    it("one authentication, followed by exactly one action that serves the request", () => {
        expect(paths(withDefault({ authenticateOidc: oidc(), authenticateCognito: cognito, forward: "web" }))).toEqual([
            "defaultAction",
        ]);
        expect(paths(withDefault({ authenticateOidc: oidc() }))).toEqual(["defaultAction"]);
    });

    it("the OIDC client id and secret are required; the Cognito user pool is an ARN; at most 10 extra parameters", () => {
        const { clientSecret: _s, ...noSecret } = oidc();
        expect(paths(withDefault({ authenticateOidc: noSecret as AuthenticateOidcArgs, forward: "web" }))).toEqual([
            "defaultAction.authenticateOidc.clientSecret",
        ]);
        expect(paths(withDefault({ authenticateOidc: oidc({ clientId: "" }), forward: "web" }))).toEqual([
            "defaultAction.authenticateOidc.clientId",
        ]);
        expect(
            paths(
                withDefault({
                    authenticateCognito: { ...cognito, userPoolArn: "us-east-1_AbCdEf123" },
                    forward: "web",
                }),
            ),
        ).toEqual(["defaultAction.authenticateCognito.userPoolArn"]);
        const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, "v"]));
        expect(
            paths(
                withDefault({ authenticateOidc: oidc({ authenticationRequestExtraParams: eleven }), forward: "web" }),
            ),
        ).toEqual(["defaultAction.authenticateOidc.authenticationRequestExtraParams"]);
        expect(
            paths(withDefault({ authenticateOidc: oidc({ sessionCookieName: "my cookie" }), forward: "web" })),
        ).toEqual(["defaultAction.authenticateOidc.sessionCookieName"]);
    });
});
