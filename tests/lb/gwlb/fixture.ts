import type { GatewayLoadBalancerArgs } from "../../../components/lb";

/** A valid, rich GWLB: HTTP health check, ip appliances, principals, tags. */
export const validArgs: GatewayLoadBalancerArgs = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    healthCheck: {
        port: 8080,
        protocol: "HTTP",
        path: "/healthz",
        intervalSeconds: 10,
        timeoutSeconds: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
    },
    targetType: "ip",
    allowedPrincipals: ["arn:aws:iam::210987654321:root"],
    acceptanceRequired: true,
    endpoints: {
        a: {
            subnetId: "subnet-0eeeeeeeeeeeeeee1",
            vpcId: "vpc-0fedcba9876543210",
            routes: [
                { routeTableId: "rtb-0edge00000000000a", destinationCidrBlock: "10.1.1.0/24" },
                { routeTableId: "rtb-0app000000000000a", destinationCidrBlock: "0.0.0.0/0" },
            ],
        },
        b: {
            subnetId: "subnet-0eeeeeeeeeeeeeee2",
            vpcId: "vpc-0fedcba9876543210",
            routes: [
                { routeTableId: "rtb-0edge00000000000a", destinationCidrBlock: "10.1.2.0/24" },
                { routeTableId: "rtb-0app000000000000b", destinationCidrBlock: "0.0.0.0/0" },
            ],
        },
    },
    crossZone: true,
    deletionProtection: false,
    tags: { team: "security" },
};
