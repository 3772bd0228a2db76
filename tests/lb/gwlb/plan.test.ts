import { describe, expect, it } from "vitest";
import { type GatewayLoadBalancerArgs, planGatewayLoadBalancer } from "../../../components/lb";
import { problemPaths } from "../../support";

const ctx = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const gwlbArgs = (o: Partial<GatewayLoadBalancerArgs> = {}): GatewayLoadBalancerArgs => ({
    vpcId: "vpc-1",
    subnetIds: ["subnet-1", "subnet-2"],
    ...o,
});
const gwlb = (args: GatewayLoadBalancerArgs) => planGatewayLoadBalancer("inspection", args, ctx);
const gwlbPaths = (args: GatewayLoadBalancerArgs) => problemPaths(() => gwlb(args));

describe("planGatewayLoadBalancer", () => {
    it("defaults: GENEVE 6081 instance targets, TCP:80 health check 10/5/3/3, cross-zone, acceptance required, nobody allowed yet", () => {
        const p = gwlb(gwlbArgs());
        expect(p.targetGroup).toMatchObject({
            port: 6081,
            protocol: "GENEVE",
            targetType: "instance",
            healthCheck: {
                enabled: true,
                protocol: "TCP",
                port: "80",
                interval: 10,
                timeout: 5,
                healthyThreshold: 3,
                unhealthyThreshold: 3,
            },
        });
        // "dev-inspection-appliances" plus the hash would be 33 characters: the head is cut to 24.
        expect(p.targetGroup.name).toMatch(/^dev-inspection-appliance-[0-9a-f]{7}$/);
        expect(p).toMatchObject({
            loadBalancer: { enableCrossZoneLoadBalancing: true, enableDeletionProtection: true },
            endpointService: { acceptanceRequired: true, allowedPrincipals: [] },
        });
    });

    it("takes the given health check and principals", () => {
        const p = gwlb(
            gwlbArgs({
                healthCheck: { port: 8443, protocol: "HTTPS", path: "/status" },
                allowedPrincipals: ["arn:aws:iam::210987654321:root"],
            }),
        );
        expect(p.targetGroup.healthCheck).toMatchObject({ protocol: "HTTPS", port: "8443", path: "/status" });
        expect(p.endpointService.allowedPrincipals).toEqual(["arn:aws:iam::210987654321:root"]);
    });

    it("a health check with a path and no protocol is an HTTP check", () => {
        expect(gwlb(gwlbArgs({ healthCheck: { path: "/healthz" } })).targetGroup.healthCheck).toMatchObject({
            protocol: "HTTP",
            path: "/healthz",
        });
        expect(gwlbPaths(gwlbArgs({ healthCheck: { protocol: "TCP", path: "/healthz" } }))).toEqual([
            "healthCheck.path",
        ]);
    });

    it("needs at least 2 subnets when the list is known", () => {
        expect(gwlbPaths(gwlbArgs({ subnetIds: ["subnet-1"] }))).toEqual(["subnetIds"]);
    });

    it("health check protocol HTTP, HTTPS or TCP, port 1-65535, and the common limits; no matcher", () => {
        expect(gwlbPaths(gwlbArgs({ healthCheck: { protocol: "UDP" as "TCP" } }))).toEqual(["healthCheck.protocol"]);
        expect(gwlbPaths(gwlbArgs({ healthCheck: { port: 0 } }))).toEqual(["healthCheck.port"]);
        expect(gwlbPaths(gwlbArgs({ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }))).toEqual([
            "healthCheck.timeoutSeconds",
        ]);
        expect(
            gwlbPaths(
                gwlbArgs({
                    healthCheck: { protocol: "HTTP", matcher: "200" } as GatewayLoadBalancerArgs["healthCheck"],
                }),
            ),
        ).toEqual(["healthCheck.matcher"]);
    });

    it("principals are IAM ARNs, and never * without acceptance", () => {
        expect(gwlbPaths(gwlbArgs({ allowedPrincipals: ["123456789012"] }))).toEqual(["allowedPrincipals[0]"]);
        expect(gwlbPaths(gwlbArgs({ allowedPrincipals: ["*"], acceptanceRequired: false }))).toEqual([
            "allowedPrincipals",
        ]);
        expect(() => gwlb(gwlbArgs({ allowedPrincipals: ["*"] }))).not.toThrow();
    });

    it("target type instance or ip", () => {
        expect(gwlbPaths(gwlbArgs({ targetType: "lambda" as "ip" }))).toEqual(["targetType"]);
    });
});
