import { ApplicationLoadBalancer, type ApplicationLoadBalancerArgs } from "../../src";
import type { SystemContext } from "./context";
import type { Network } from "./network";

const MAINTENANCE_PAGE = "<html><body><h1>Under Maintenance</h1></body></html>";

/** Whether the api service's native canary owns the `/api/*` rule (ECS shifts its weights). */
export const apiCanaryOwnsRule = ({ config, profile }: SystemContext) =>
    Boolean(profile.apiCanary && config.tiers.ecs && config.api);

/** `/api/*` at priority 100: on the ALB, or created by the api service when it canaries. */
export const API_RULE = { priority: 100, pathPatterns: ["/api/*"] };

/** The listener rules: blocked paths first, then /api/*, admin.<domain> and the maintenance page. */
function rules(ctx: SystemContext): ApplicationLoadBalancerArgs["rules"] {
    const { config } = ctx;
    const blocked = config.blockedPaths.length > 0 ? [config.blockedPaths] : [];
    const api = apiCanaryOwnsRule(ctx) ? [] : [API_RULE];
    return [
        // Blocked paths come first, so no service ever sees them.
        ...blocked.map((pathPatterns) => ({
            priority: 10,
            conditions: { pathPatterns },
            action: {
                fixedResponse: { statusCode: 403, contentType: "text/plain" as const, messageBody: "Forbidden" },
            },
        })),
        // Spaced priorities: a rule added later slots in without renumbering the others.
        ...api.map(({ priority, pathPatterns }) => ({
            priority,
            conditions: { pathPatterns },
            action: { forward: "api" },
        })),
        {
            priority: 200,
            // Only from the admin networks where they are given (required in staging and prod).
            conditions: {
                hostHeaders: [`admin.${config.domain}`],
                ...(config.adminAllowedCidrs ? { sourceIps: config.adminAllowedCidrs } : {}),
            },
            action: { forward: "admin" },
        },
        {
            priority: 300,
            conditions: { pathPatterns: ["/maintenance"] },
            action: { fixedResponse: { statusCode: 503, contentType: "text/html", messageBody: MAINTENANCE_PAGE } },
        },
    ];
}

/** The public ALB: HTTPS where a certificate is set, the api/admin/web target groups and their rules. */
export function webLoadBalancer(ctx: SystemContext, net: Network): ApplicationLoadBalancer {
    const { config, tags } = ctx;
    const notFound = {
        fixedResponse: { statusCode: 404, contentType: "text/plain" as const, messageBody: "Not found" },
    };
    return new ApplicationLoadBalancer("web", {
        vpcId: net.vpcId,
        subnetIds: net.publicSubnets,
        certificateArn: config.certificateArn,
        deletionProtection: config.deletionProtection,
        targetGroups: {
            api: { port: config.api?.port ?? 8080, targetType: "ip", healthCheck: { path: "/health" } },
            admin: { port: config.admin?.port ?? 8080, targetType: "ip", healthCheck: { path: "/health" } },
            web: {
                port: 80,
                targetType: "instance",
                healthCheck: { path: "/health" },
                stickiness: { durationSeconds: 86400 },
            },
        },
        defaultAction: config.tiers.ec2 ? { forward: "web" } : notFound,
        rules: rules(ctx),
        tags,
    });
}
