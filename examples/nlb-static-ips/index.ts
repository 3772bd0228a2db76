import { ApplicationLoadBalancer, NetworkLoadBalancer } from "compute-layer";

const vpcId = "vpc-0example000000001";
const publicSubnetIds = ["subnet-0public000000001", "subnet-0public000000002"];

const alb = new ApplicationLoadBalancer("web", {
    vpcId,
    subnetIds: publicSubnetIds,
    internal: true,
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
    targetGroups: { app: { port: 8080, targetType: "ip" } },
    defaultAction: { forward: "app" },
});

// Clients allow-list two fixed addresses: one Elastic IP per subnet.
const edge = new NetworkLoadBalancer("edge", {
    vpcId,
    subnetIds: publicSubnetIds,
    staticIps: true,
    listeners: {
        https: {
            port: 443,
            protocol: "TCP",
            targetGroup: { port: 443, targetType: "alb", healthCheck: { protocol: "HTTPS", path: "/health" } },
        },
    },
});

export const albArn = alb.arn;
export const staticIps = edge.eips.map((ip) => ip.publicIp);
