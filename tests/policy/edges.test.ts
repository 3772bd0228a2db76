import * as aws from "@pulumi/aws";
import { beforeAll, describe, expect, it } from "vitest";
import { openPortReason } from "../../policy/policies";
import { ApplicationLoadBalancer, LambdaFunction } from "../../src";
import { checkPlan } from "../../src/plan/check";
import { referenceArgs as referenceFunction } from "../lambda/function/fixture";
import { referenceAlbArgs } from "../lb/alb/fixture";
import { type Plan, runPlan } from "../support";
import { asStack, checkProgram, expectClean, expectViolations } from "./support";

describe("apigw-route-authorizer (advisory) / apigw-route-authorizer-prod (mandatory)", () => {
    let prod: Plan;
    beforeAll(async () => {
        prod = await runPlan(
            () => {
                const api = new aws.apigatewayv2.Api("orders", { protocolType: "HTTP" });
                new aws.apigatewayv2.Route("open", { apiId: api.id, routeKey: "POST /orders" });
                new aws.apigatewayv2.Route("explicit-none", {
                    apiId: api.id,
                    routeKey: "GET /orders",
                    authorizationType: "NONE",
                });
                new aws.apigatewayv2.Route("jwt", {
                    apiId: api.id,
                    routeKey: "GET /me",
                    authorizationType: "JWT",
                    authorizerId: "abc123",
                });
                new aws.apigatewayv2.Api("quick", {
                    protocolType: "HTTP",
                    target: "arn:aws:lambda:us-east-1:123456789012:function:f",
                });
            },
            { stack: "prod" },
        );
    });

    it("in prod a route without an authorizer, and a quick-create API, are mandatory", () => {
        const report = checkPlan(prod);
        const messages = expectViolations(report, "apigw-route-authorizer-prod", ["open", "explicit-none", "quick"]);
        expect(messages).toContain(
            "route POST /orders has authorizationType unset (NONE): anyone who finds the URL can call it",
        );
        expectClean(report, "apigw-route-authorizer");
    });

    it("in dev the same routes are advisory", () => {
        const report = checkPlan(asStack(prod, "dev"));
        expectViolations(report, "apigw-route-authorizer", ["open", "explicit-none", "quick"], "advisory");
        expectClean(report, "apigw-route-authorizer-prod");
    });

    it("the LambdaFunction's HTTP trigger with a JWT authorizer passes in prod", async () => {
        const { report } = await checkProgram(() => new LambdaFunction("process-order", referenceFunction), {
            stack: "prod",
        });
        expectClean(report, "apigw-route-authorizer-prod");
        expectClean(report, "lambda-permission-source-arn");
    });
});

describe("sg-no-public-ports-but-web", () => {
    it("SSH, a database port or all traffic from the internet is mandatory, in every form of rule", async () => {
        const { report } = await checkProgram(() => {
            new aws.ec2.SecurityGroup("inline", {
                vpcId: "vpc-1",
                ingress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
                ],
            });
            new aws.vpc.SecurityGroupIngressRule("postgres-v6", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 5432,
                toPort: 5432,
                cidrIpv6: "::/0",
            });
            new aws.ec2.SecurityGroupRule("everything", {
                type: "ingress",
                securityGroupId: "sg-1",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            });
            new aws.ec2.SecurityGroupRule("egress-anywhere", {
                type: "egress",
                securityGroupId: "sg-1",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            });
            new aws.vpc.SecurityGroupIngressRule("https", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: "0.0.0.0/0",
            });
        });
        const messages = expectViolations(report, "sg-no-public-ports-but-web", [
            "inline",
            "postgres-v6",
            "everything",
        ]);
        expect(messages.sort()).toEqual([
            "admits all protocols and ports from 0.0.0.0/0",
            "admits tcp port 5432 from ::/0",
            "ingress[1] admits tcp port 22 from 0.0.0.0/0",
        ]);
    });

    it("a public ALB (80 and 443 from anywhere) passes", async () => {
        const { report } = await checkProgram(() => new ApplicationLoadBalancer("web", referenceAlbArgs()));
        expectClean(report, "sg-no-public-ports-but-web");
    });

    it("port ranges that include 80 or 443 are still too open", () => {
        expect(openPortReason("tcp", 80, 443)).toBe("tcp ports 80-443");
        expect(openPortReason("udp", 443, 443)).toBeUndefined();
        expect(openPortReason("icmp", -1, -1)).toBeUndefined();
    });
});
