import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { NetworkLoadBalancer } from "../../../components/lb";
import { childrenOf, expectInvalid, ofType, only, runPlan } from "../../support";
import { CERT } from "../alb/fixture";
import { referenceNlbArgs } from "./fixture";

const VPC_CIDR = "10.0.0.0/16";

describe("NetworkLoadBalancer", () => {
    it("builds REFERENCE.md's NLB: TCP 443 forwarding to ip targets with a TCP health check every 30 s, thresholds 3/3", async () => {
        const plan = await runPlan(() => {
            const nlb = new NetworkLoadBalancer("edge", referenceNlbArgs());
            return {
                sgId: nlb.securityGroup.id,
                lbArn: nlb.arn,
                tgArn: nlb.targetGroups.api.arn,
                arnSuffix: nlb.arnSuffix,
            };
        });
        const component = only(plan, "compute-layer:index:NetworkLoadBalancer");
        expect(childrenOf(plan, component)).toHaveLength(plan.resources.length - 1);
        expect(only(plan, "aws:lb/loadBalancer:LoadBalancer").inputs).toMatchObject({
            loadBalancerType: "network",
            internal: false,
            enableCrossZoneLoadBalancing: true,
            enableDeletionProtection: true,
            securityGroups: [plan.outputs.sgId],
            subnets: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        });
        const tg = only(plan, "aws:lb/targetGroup:TargetGroup");
        expect(tg.inputs).toMatchObject({
            port: 443,
            protocol: "TCP",
            targetType: "ip",
            vpcId: "vpc-0123456789abcdef0",
            deregistrationDelay: 30,
        });
        expect(tg.inputs.healthCheck).toEqual({
            enabled: true,
            protocol: "TCP",
            port: "traffic-port",
            interval: 30,
            timeout: 10,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
        });
        const listener = only(plan, "aws:lb/listener:Listener");
        expect(listener.inputs).toMatchObject({
            loadBalancerArn: plan.outputs.lbArn,
            port: 443,
            protocol: "TCP",
            defaultActions: [{ type: "forward", targetGroupArn: plan.outputs.tgArn }],
        });
        expect(listener.inputs.sslPolicy).toBeUndefined();
        expect(
            ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => [
                r.inputs.ipProtocol,
                r.inputs.fromPort,
                r.inputs.cidrIpv4,
            ]),
        ).toEqual([["tcp", 443, "0.0.0.0/0"]]);
        expect(
            ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map((r) => [
                r.inputs.ipProtocol,
                r.inputs.fromPort,
                r.inputs.cidrIpv4,
            ]),
        ).toEqual([["tcp", 443, VPC_CIDR]]);
        expect(plan.outputs.arnSuffix).toMatch(/^net\//);
        for (const r of plan.resources.filter((x) => x !== component))
            expect(r.inputs.tags).toEqual({ "managed-by": "compute-layer", component: "edge" });
    });

    it("static IPs: one Elastic IP per subnet through subnet mappings; TLS listeners get the certificate and policy", async () => {
        const plan = await runPlan(() => {
            const nlb = new NetworkLoadBalancer("edge", {
                ...referenceNlbArgs({ staticIps: true }),
                listeners: {
                    tls: {
                        port: 443,
                        protocol: "TLS",
                        certificateArn: CERT,
                        targetGroup: { port: 8443, protocol: "TCP", preserveClientIp: true },
                    },
                },
            });
            return { allocations: pulumi.all(nlb.eips.map((e) => e.allocationId)), publicIps: nlb.publicIps };
        });
        const eips = ofType(plan, "aws:ec2/eip:Eip");
        expect(eips.map((e) => [e.name, e.inputs.domain])).toEqual([
            ["edge-eip-0", "vpc"],
            ["edge-eip-1", "vpc"],
        ]);
        const [a0, a1] = plan.outputs.allocations as string[];
        const lb = only(plan, "aws:lb/loadBalancer:LoadBalancer");
        expect(lb.inputs.subnetMappings).toEqual([
            { subnetId: "subnet-0aaaaaaaaaaaaaaa1", allocationId: a0 },
            { subnetId: "subnet-0bbbbbbbbbbbbbbb2", allocationId: a1 },
        ]);
        expect(lb.inputs.subnets).toBeUndefined();
        expect((plan.outputs.publicIps as string[]).length).toBe(2);
        expect(only(plan, "aws:lb/listener:Listener").inputs).toMatchObject({
            port: 443,
            protocol: "TLS",
            certificateArn: CERT,
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        });
        expect(only(plan, "aws:lb/targetGroup:TargetGroup").inputs).toMatchObject({
            port: 8443,
            protocol: "TCP",
            preserveClientIp: "true",
        });
    });

    it("a TLS listener without a certificate registers nothing", async () => {
        const { errors, plan } = await expectInvalid(
            () =>
                new NetworkLoadBalancer("edge", {
                    ...referenceNlbArgs(),
                    listeners: { tls: { port: 443, protocol: "TLS", targetGroup: { port: 8443 } } },
                }),
        );
        expect(errors.map((e) => e.propertyPath)).toEqual(["listeners.tls.certificateArn"]);
        expect(plan.resources).toEqual([]);
    });
});
