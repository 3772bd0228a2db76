import type { GatewayLoadBalancerArgs } from "../../../components/lb";

/** A valid, rich GWLB: HTTP health check, ip appliances, principals, tags. */
export const validArgs: GatewayLoadBalancerArgs = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    healthCheck: { port: 8080, protocol: "HTTP", path: "/healthz", intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3 },
    targetType: "ip",
    allowedPrincipals: ["arn:aws:iam::210987654321:root"],
    acceptanceRequired: true,
    crossZone: true,
    deletionProtection: false,
    tags: { team: "security" },
};
