import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    NetworkLoadBalancer,
    type NetworkLoadBalancerArgs,
    type NlbEndpointServiceArgs,
    planNetworkLoadBalancer,
} from "../../../components/lb";
import { ofType, only, problemPaths, runPlan } from "../../support";
import { referenceNlbArgs } from "./fixture";

const ctx = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const CONSUMER = "arn:aws:iam::210987654321:root";
const withService = (endpointService: NlbEndpointServiceArgs, o: Partial<NetworkLoadBalancerArgs> = {}) =>
    referenceNlbArgs({ internal: true, endpointService, ...o });
const paths = (s: unknown) =>
    problemPaths(() => planNetworkLoadBalancer("edge", withService(s as NlbEndpointServiceArgs), ctx));

describe("NetworkLoadBalancer.endpointService: REFERENCE.md's NLB with PrivateLink support, as AWS inputs", () => {
    it("creates a VPC endpoint service for the NLB that needs acceptance, with the allowed principals, DNS name and Regions; outputs its name and ARN", async () => {
        const plan = await runPlan(() => {
            const nlb = new NetworkLoadBalancer(
                "edge",
                withService({
                    allowedPrincipals: [CONSUMER],
                    privateDnsName: "api.example.com",
                    supportedRegions: ["us-west-2"],
                }),
            );
            return { lbArn: nlb.arn, name: nlb.endpointServiceName, arn: nlb.endpointServiceArn };
        });
        const svc = only(plan, "aws:ec2/vpcEndpointService:VpcEndpointService");
        expect(svc.name).toBe("edge-endpoint-service");
        expect(svc.inputs).toEqual({
            acceptanceRequired: true,
            allowedPrincipals: [CONSUMER],
            privateDnsName: "api.example.com",
            supportedRegions: ["us-west-2"],
            networkLoadBalancerArns: [plan.outputs.lbArn],
            tags: { "managed-by": "compute-layer", component: "edge" },
        });
        expect(svc.inputs.gatewayLoadBalancerArns).toBeUndefined();
        expect(plan.outputs.name).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
        expect(plan.outputs.arn).toBe(svc.outputs?.arn);
        expect(String(plan.outputs.arn)).toMatch(/^arn:aws:/);
    });

    it("defaults: acceptance required, nobody allowed yet; without endpointService there is none", async () => {
        const p = planNetworkLoadBalancer("edge", withService({}), ctx);
        expect(p.endpointService).toEqual({
            acceptanceRequired: true,
            allowedPrincipals: [],
            tags: { "managed-by": "compute-layer", component: "edge" },
        });
        const plan = await runPlan(() => {
            const nlb = new NetworkLoadBalancer("edge", referenceNlbArgs());
            return { name: nlb.endpointServiceName ?? "none" };
        });
        expect(ofType(plan, "aws:ec2/vpcEndpointService:VpcEndpointService")).toEqual([]);
        expect(plan.outputs.name).toBe("none");
    });

    it("principals are IAM ARNs (account root, role, user) or *, unique, and never * without acceptance; Outputs are left to AWS", () => {
        expect(paths({ allowedPrincipals: ["210987654321"] })).toEqual(["endpointService.allowedPrincipals[0]"]);
        expect(paths({ allowedPrincipals: ["arn:aws:iam::21098765432:root"] })).toEqual([
            "endpointService.allowedPrincipals[0]",
        ]);
        expect(paths({ allowedPrincipals: [CONSUMER, CONSUMER] })).toEqual(["endpointService.allowedPrincipals[1]"]);
        expect(paths({ allowedPrincipals: ["*"], acceptanceRequired: false })).toEqual([
            "endpointService.allowedPrincipals",
        ]);
        expect(() =>
            planNetworkLoadBalancer(
                "edge",
                withService({ allowedPrincipals: ["*", "arn:aws:iam::210987654321:role/app", pulumi.output("x")] }),
                ctx,
            ),
        ).not.toThrow();
    });

    it("the private DNS name is a lower-case domain name; supported Regions are Region codes", () => {
        expect(paths({ privateDnsName: "API.example.com" })).toEqual(["endpointService.privateDnsName"]);
        expect(paths({ privateDnsName: "localhost" })).toEqual(["endpointService.privateDnsName"]);
        expect(() =>
            planNetworkLoadBalancer("edge", withService({ privateDnsName: "*.example.com" }), ctx),
        ).not.toThrow();
        expect(paths({ supportedRegions: ["us-east"] })).toEqual(["endpointService.supportedRegions[0]"]);
        expect(paths({ supportedRegions: ["eu-west-1", "eu-west-1"] })).toEqual([
            "endpointService.supportedRegions[1]",
        ]);
    });

    it("shape: strict booleans, unknown keys with a suggestion, and an Output can't decide whether the service exists", () => {
        expect(paths({ acceptanceRequired: "false" })).toEqual(["endpointService.acceptanceRequired"]);
        expect(paths({ allowedPrincipal: [CONSUMER] })).toEqual(["endpointService.allowedPrincipal"]);
        expect(
            problemPaths(() =>
                planNetworkLoadBalancer(
                    "edge",
                    referenceNlbArgs({ endpointService: pulumi.output({}) as unknown as NlbEndpointServiceArgs }),
                    ctx,
                ),
            ),
        ).toEqual(["endpointService"]);
    });
});
