import type { ApplicationLoadBalancerArgs, NetworkLoadBalancerArgs } from "../../components/lb";

/** The maintenance page of REFERENCE.md's MaintenanceRule (its YAML block scalar keeps the newline). */
export const MAINTENANCE_HTML = "<html><body><h1>Under Maintenance</h1></body></html>\n";
export const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

/**
 * REFERENCE.md's ALB: target groups with health check /health every 30 s, timeout 5 s, healthy 2,
 * unhealthy 3, matcher 200-299, deregistration delay 30 s and lb_cookie stickiness for 86400 s;
 * rules /api/* -> api, admin.example.com -> admin, /maintenance -> fixed 503 text/html.
 */
export function referenceAlbArgs(overrides: Partial<ApplicationLoadBalancerArgs> = {}): ApplicationLoadBalancerArgs {
    const targetGroup = () => ({
        port: 80,
        protocol: "HTTP" as const,
        targetType: "ip" as const,
        healthCheck: { path: "/health", intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3, matcher: "200-299" },
        deregistrationDelaySeconds: 30,
        stickiness: { durationSeconds: 86400 },
    });
    return {
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        certificateArn: CERT,
        targetGroups: { web: targetGroup(), api: { ...targetGroup(), port: 8080 }, admin: { ...targetGroup(), port: 8081 } },
        defaultAction: { forward: "web" },
        rules: [
            { priority: 1, conditions: { pathPatterns: ["/api/*"] }, action: { forward: "api" } },
            { priority: 2, conditions: { hostHeaders: ["admin.example.com"] }, action: { forward: "admin" } },
            { priority: 3, conditions: { pathPatterns: ["/maintenance"] }, action: { fixedResponse: { statusCode: 503, contentType: "text/html", messageBody: MAINTENANCE_HTML } } },
        ],
        ...overrides,
    };
}

/** REFERENCE.md's NLB: TCP 443 to ip targets on 443, TCP health check every 30 s, thresholds 3/3. */
export function referenceNlbArgs(overrides: Partial<NetworkLoadBalancerArgs> = {}): NetworkLoadBalancerArgs {
    return {
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        listeners: {
            api: {
                port: 443,
                protocol: "TCP",
                targetGroup: { port: 443, protocol: "TCP", targetType: "ip", healthCheck: { protocol: "TCP", intervalSeconds: 30, healthyThreshold: 3, unhealthyThreshold: 3 } },
            },
        },
        ...overrides,
    };
}
