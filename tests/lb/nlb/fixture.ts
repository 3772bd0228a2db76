import type { NetworkLoadBalancerArgs } from "../../../components/lb";

/** REFERENCE.md's NLB: TCP 443 to ip targets on 443, TCP health check every 30 s, thresholds 3/3. */
export function referenceNlbArgs(overrides: Partial<NetworkLoadBalancerArgs> = {}): NetworkLoadBalancerArgs {
    return {
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        listeners: {
            api: {
                port: 443,
                protocol: "TCP",
                targetGroup: {
                    port: 443,
                    protocol: "TCP",
                    targetType: "ip",
                    healthCheck: { protocol: "TCP", intervalSeconds: 30, healthyThreshold: 3, unhealthyThreshold: 3 },
                },
            },
        },
        ...overrides,
    };
}

/** A valid, rich NLB: static IPs, TCP, TLS and UDP listeners, an alb target, tags. */
export const validArgs: NetworkLoadBalancerArgs = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    internal: false,
    staticIps: true,
    crossZone: false,
    deletionProtection: false,
    ingressCidrs: ["203.0.113.0/24"],
    endpointService: {
        acceptanceRequired: true,
        allowedPrincipals: ["arn:aws:iam::210987654321:root", "arn:aws:iam::210987654321:role/consumer"],
        privateDnsName: "api.example.com",
        supportedRegions: ["us-west-2"],
    },
    listeners: {
        https: {
            port: 443,
            protocol: "TCP",
            targetGroup: { port: 443, targetType: "alb", healthCheck: { protocol: "HTTPS", path: "/api/health" } },
        },
        tls: {
            port: 8443,
            protocol: "TLS",
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
            targetGroup: { port: 8080, protocol: "TCP", preserveClientIp: true, deregistrationDelaySeconds: 15 },
        },
        dns: {
            port: 53,
            protocol: "TCP_UDP",
            targetGroup: {
                port: 53,
                targetType: "instance",
                healthCheck: { port: 8053, intervalSeconds: 10, timeoutSeconds: 5 },
            },
        },
    },
    tags: { team: "platform" },
};
