import { describe, expect, it } from "vitest";
import { LambdaFunction } from "../../components/lambda";
import { ApplicationLoadBalancer, GatewayLoadBalancer, NetworkLoadBalancer } from "../../components/lb";
import { renderMermaid } from "../../src/plan/mermaid";
import { runPlan } from "../support";
import { parseFlowchart } from "./mermaid-parser";

const VPC = "vpc-0123456789abcdef0";
const SUBNETS = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"];
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";

describe("the picture shows who must sign in, and the PrivateLink paths (issue 16)", () => {
    it("OIDC and Cognito on ALB edges, JWT on API routes, NLB → endpoint service, GWLB endpoints → their service", async () => {
        const plan = await runPlan(() => {
            new ApplicationLoadBalancer("web", {
                vpcId: VPC,
                subnetIds: SUBNETS,
                certificateArn: CERT,
                targetGroups: { app: { port: 8080, targetType: "ip" }, admin: { port: 8081, targetType: "ip" } },
                defaultAction: {
                    authenticateOidc: {
                        issuer: "https://login.example.com/oauth2",
                        authorizationEndpoint: "https://login.example.com/oauth2/authorize",
                        tokenEndpoint: "https://login.example.com/oauth2/token",
                        userInfoEndpoint: "https://login.example.com/oauth2/userinfo",
                        clientId: "web",
                        clientSecret: "not-shown",
                    },
                    forward: "app",
                },
                rules: [
                    {
                        priority: 10,
                        conditions: { hostHeaders: ["admin.example.com"] },
                        action: {
                            authenticateCognito: {
                                userPoolArn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123",
                                userPoolClientId: "abc123",
                                userPoolDomain: "auth-example",
                            },
                            forward: "admin",
                        },
                    },
                ],
            });
            new NetworkLoadBalancer("api", {
                vpcId: VPC,
                subnetIds: SUBNETS,
                internal: true,
                listeners: { tcp: { port: 443, protocol: "TCP", targetGroup: { port: 443 } } },
                endpointService: { allowedPrincipals: ["arn:aws:iam::210987654321:root"] },
            });
            new GatewayLoadBalancer("inspect", {
                vpcId: VPC,
                subnetIds: SUBNETS,
                endpoints: {
                    a: {
                        subnetId: "subnet-0gwlbe000000001",
                        routes: [{ routeTableId: "rtb-0edge0000000001", destinationCidrBlock: "10.0.0.0/24" }],
                    },
                },
            });
            new LambdaFunction("orders", {
                runtime: "python3.12",
                handler: "h.main",
                code: { s3Bucket: "code", s3Key: "orders.zip" },
                events: {
                    http: {
                        routes: ["POST /orders"],
                        auth: "jwt",
                        authorizer: "users",
                        jwtAuthorizers: { users: { issuer: "https://auth.example.com/", audience: ["orders"] } },
                    },
                },
            });
        });
        const text = renderMermaid(plan);
        expect(text).not.toContain("not-shown");
        const chart = await parseFlowchart(text);
        const edges = chart.edges.map((e) => e.join(" | "));
        expect(edges).toContain(
            "ALB / web-lb | target group HTTP:8080 / web-tg-app | HTTPS:443 default · OIDC login.example.com",
        );
        expect([...chart.labels.values()]).toContain("rule 10: admin.example.com · Cognito / web-rule-10");
        expect(
            edges.some((e) =>
                /^NLB \(internal\) \/ api-lb \| PrivateLink service \(acceptance required\) \/ .* \| PrivateLink$/.test(
                    e,
                ),
            ),
        ).toBe(true);
        expect(
            edges.some((e) =>
                /^GWLB endpoint \/ .* \| PrivateLink service \(acceptance required\) \/ .* \| inspects via$/.test(e),
            ),
        ).toBe(true);
        expect(edges.some((e) => /^HTTP API \/ .* \| Lambda function \/ .* \| POST \/orders \(JWT\)$/.test(e))).toBe(
            true,
        );
    });
});
