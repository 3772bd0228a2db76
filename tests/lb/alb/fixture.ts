import type { ApplicationLoadBalancerArgs, ListenerRuleArgs } from "../../../components/lb";

/** The maintenance page of REFERENCE.md's MaintenanceRule (its YAML block scalar keeps the newline). */
export const MAINTENANCE_HTML = "<html><body><h1>Under Maintenance</h1></body></html>\n";
export const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

/**
 * REFERENCE.md's ALB: target groups with health check /health every 30 s, timeout 5 s, healthy 2,
 * unhealthy 3, matcher 200-299, deregistration delay 30 s and lb_cookie stickiness for 86400 s;
 * rules /api/* -> api, admin.example.com -> admin, /maintenance -> fixed 503 text/html.
 */
export function referenceAlbArgs(
    overrides: Partial<ApplicationLoadBalancerArgs> = {},
): ApplicationLoadBalancerArgs & { rules: ListenerRuleArgs[] } {
    const targetGroup = () => ({
        port: 80,
        protocol: "HTTP" as const,
        targetType: "ip" as const,
        healthCheck: {
            path: "/health",
            intervalSeconds: 30,
            timeoutSeconds: 5,
            healthyThreshold: 2,
            unhealthyThreshold: 3,
            matcher: "200-299",
        },
        deregistrationDelaySeconds: 30,
        stickiness: { durationSeconds: 86400 },
    });
    return {
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        certificateArn: CERT,
        targetGroups: {
            web: targetGroup(),
            api: { ...targetGroup(), port: 8080 },
            admin: { ...targetGroup(), port: 8081 },
        },
        defaultAction: { forward: "web" },
        rules: [
            { priority: 1, conditions: { pathPatterns: ["/api/*"] }, action: { forward: "api" } },
            { priority: 2, conditions: { hostHeaders: ["admin.example.com"] }, action: { forward: "admin" } },
            {
                priority: 3,
                conditions: { pathPatterns: ["/maintenance"] },
                action: { fixedResponse: { statusCode: 503, contentType: "text/html", messageBody: MAINTENANCE_HTML } },
            },
        ],
        ...overrides,
    } as ApplicationLoadBalancerArgs & { rules: ListenerRuleArgs[] };
}

/** A valid, rich ALB: every kind of target group, action and condition, access logs, tags. */
export const validArgs: ApplicationLoadBalancerArgs = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"],
    internal: false,
    ingressCidrs: ["203.0.113.0/24", "198.51.100.0/24"],
    certificateArn: CERT,
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    deletionProtection: false,
    idleTimeoutSeconds: 120,
    accessLogs: { bucket: "alb-logs", prefix: "web" },
    targetGroups: {
        web: {
            port: 80,
            protocol: "HTTP",
            targetType: "instance",
            stickiness: { durationSeconds: 86400 },
            slowStartSeconds: 60,
        },
        api: {
            port: 8080,
            targetType: "ip",
            deregistrationDelaySeconds: 10,
            healthCheck: {
                path: "/api/health",
                port: 9090,
                intervalSeconds: 15,
                timeoutSeconds: 5,
                healthyThreshold: 3,
                unhealthyThreshold: 2,
                matcher: "200,204",
            },
        },
        canary: { port: 8443, protocol: "HTTPS", healthCheck: { protocol: "HTTPS" } },
        fn: { targetType: "lambda" },
    },
    defaultAction: {
        authenticateOidc: {
            issuer: "https://login.example.com",
            authorizationEndpoint: "https://login.example.com/oauth2/v1/authorize",
            tokenEndpoint: "https://login.example.com/oauth2/v1/token",
            userInfoEndpoint: "https://login.example.com/oauth2/v1/userinfo",
            clientId: "web-client",
            clientSecret: "fixture-client-secret",
            scope: "openid email profile",
            sessionTimeoutSeconds: 28800,
            authenticationRequestExtraParams: { prompt: "login" },
        },
        forward: "web",
    },
    rules: [
        {
            priority: 10,
            conditions: { pathPatterns: ["/api/*"], methods: ["GET", "POST"] },
            action: {
                weightedForward: {
                    targetGroups: [
                        { name: "api", weight: 90 },
                        { name: "canary", weight: 10 },
                    ],
                    stickinessSeconds: 300,
                },
            },
        },
        {
            conditions: { hostHeaders: ["admin.example.com"], sourceIps: ["10.0.0.0/8"] },
            action: {
                authenticateCognito: {
                    userPoolArn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123",
                    userPoolClientId: "abc123clientid",
                    userPoolDomain: "auth-example",
                    onUnauthenticatedRequest: "deny",
                },
                forward: "api",
            },
        },
        {
            conditions: { httpHeaders: [{ name: "X-Fn", values: ["1"] }], queryStrings: [{ key: "v", value: "2" }] },
            action: { forward: "fn" },
        },
        { conditions: { pathPatterns: ["/old/*"] }, action: { redirect: { path: "/new/#{path}", statusCode: 301 } } },
        {
            conditions: { pathPatterns: ["/maintenance"] },
            action: { fixedResponse: { statusCode: 503, contentType: "text/html", messageBody: MAINTENANCE_HTML } },
        },
    ],
    tags: { team: "platform", env: "dev" },
};
