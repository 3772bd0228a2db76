import { describe, expect, it } from "vitest";
import { GatewayLoadBalancer } from "../../../components/lb";
import { childrenOf, only, runPlan } from "../../support";

describe("GatewayLoadBalancer", () => {
    it("creates the GWLB, a GENEVE 6081 target group, a forwarding listener and an endpoint service needing acceptance", async () => {
        const principal = "arn:aws:iam::210987654321:root";
        const plan = await runPlan(() => {
            const gwlb = new GatewayLoadBalancer("inspection", {
                vpcId: "vpc-1",
                subnetIds: ["subnet-1", "subnet-2"],
                allowedPrincipals: [principal],
                healthCheck: { port: 8080, protocol: "HTTP", path: "/healthz" },
            });
            return { lbArn: gwlb.arn, tgArn: gwlb.targetGroup.arn, serviceName: gwlb.serviceName };
        });
        const component = only(plan, "compute-layer:index:GatewayLoadBalancer");
        expect(plan.resources).toHaveLength(5);
        expect(
            childrenOf(plan, component)
                .map((r) => r.type)
                .sort(),
        ).toEqual([
            "aws:ec2/vpcEndpointService:VpcEndpointService",
            "aws:lb/listener:Listener",
            "aws:lb/loadBalancer:LoadBalancer",
            "aws:lb/targetGroup:TargetGroup",
        ]);
        expect(only(plan, "aws:lb/loadBalancer:LoadBalancer").inputs).toMatchObject({
            loadBalancerType: "gateway",
            enableCrossZoneLoadBalancing: true,
            subnets: ["subnet-1", "subnet-2"],
        });
        expect(only(plan, "aws:lb/loadBalancer:LoadBalancer").inputs.securityGroups).toBeUndefined();
        const tg = only(plan, "aws:lb/targetGroup:TargetGroup");
        expect(tg.inputs).toMatchObject({ port: 6081, protocol: "GENEVE", targetType: "instance", vpcId: "vpc-1" });
        expect(tg.inputs.healthCheck).toEqual({
            enabled: true,
            protocol: "HTTP",
            port: "8080",
            path: "/healthz",
            interval: 10,
            timeout: 5,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
        });
        const listener = only(plan, "aws:lb/listener:Listener");
        expect(listener.inputs).toMatchObject({
            loadBalancerArn: plan.outputs.lbArn,
            defaultActions: [{ type: "forward", targetGroupArn: plan.outputs.tgArn }],
        });
        expect(listener.inputs.port).toBeUndefined();
        expect(only(plan, "aws:ec2/vpcEndpointService:VpcEndpointService").inputs).toMatchObject({
            acceptanceRequired: true,
            allowedPrincipals: [principal],
            gatewayLoadBalancerArns: [plan.outputs.lbArn],
        });
        expect(plan.outputs.serviceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
    });
});
