import * as aws from "@pulumi/aws";
import { beforeAll, describe, expect, it } from "vitest";
import { isTls12Policy } from "../../policy/policies";
import { ApplicationLoadBalancer } from "../../src";
import { checkPlan } from "../../src/plan/check";
import { CERT, referenceAlbArgs } from "../lb/alb/fixture";
import { type Plan, runPlan } from "../support";
import { asStack, checkProgram, expectClean, expectViolations } from "./support";

const LB_RULES = [
    "lb-listener-tls12",
    "lb-http-redirects-to-https",
    "alb-drop-invalid-header-fields",
    "lb-deletion-protection",
    "lb-target-group-health-check",
];

describe("what the ApplicationLoadBalancer emits in prod passes every load balancer rule", () => {
    it("HTTPS with a TLS 1.2+ policy, HTTP only redirecting, invalid headers dropped, deletion protection, health checks", async () => {
        const { report } = await checkProgram(
            () => new ApplicationLoadBalancer("web", referenceAlbArgs({ deletionProtection: true })),
            { stack: "prod" },
        );
        for (const rule of LB_RULES) expectClean(report, rule);
    });
});

/** An ALB with the mistakes users add beside it, in prod: planned once, checked as prod and as dev. */
let broken: Plan;
beforeAll(async () => {
    broken = await runPlan(
        () => {
            const alb = new ApplicationLoadBalancer("web", referenceAlbArgs({ deletionProtection: false }));
            new aws.lb.Listener("legacy-https", {
                loadBalancerArn: alb.loadBalancer.arn,
                port: 8443,
                protocol: "HTTPS",
                certificateArn: CERT,
                sslPolicy: "ELBSecurityPolicy-2016-08",
                defaultActions: [{ type: "forward", targetGroupArn: alb.targetGroups.web.arn }],
            });
            // A rule hung on the redirecting HTTP listener, and a plain HTTP listener beside it.
            new aws.lb.ListenerRule("health-over-http", {
                listenerArn: alb.httpListener.arn,
                priority: 5,
                conditions: [{ pathPattern: { values: ["/health"] } }],
                actions: [{ type: "forward", targetGroupArn: alb.targetGroups.web.arn }],
            });
            new aws.lb.Listener("plain-8080", {
                loadBalancerArn: alb.loadBalancer.arn,
                port: 8080,
                protocol: "HTTP",
                defaultActions: [{ type: "forward", targetGroupArn: alb.targetGroups.api.arn }],
            });
        },
        { stack: "prod" },
    );
});

describe("lb-listener-tls12", () => {
    it("a raw aws.lb.Listener with an old TLS policy is mandatory", () => {
        const [message] = expectViolations(checkPlan(broken), "lb-listener-tls12", ["legacy-https"]);
        expect(message).toMatch(/HTTPS listener on port 8443 uses ELBSecurityPolicy-2016-08/);
    });

    it("a TLS listener without a policy gets the API's TLS 1.0 default; TCP is not concerned", async () => {
        const { report } = await checkProgram(() => {
            new aws.lb.Listener("tls-default", {
                loadBalancerArn: "arn:nlb",
                port: 443,
                protocol: "TLS",
                certificateArn: CERT,
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            });
            new aws.lb.Listener("tls-modern", {
                loadBalancerArn: "arn:nlb",
                port: 8443,
                protocol: "TLS",
                certificateArn: CERT,
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            });
            new aws.lb.Listener("plain-tcp", {
                loadBalancerArn: "arn:nlb",
                port: 80,
                protocol: "TCP",
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            });
        });
        expect(expectViolations(report, "lb-listener-tls12", ["tls-default"])[0]).toMatch(/no sslPolicy/);
    });

    it("reads the lb tier's list of TLS 1.2+ policies", () => {
        expect(isTls12Policy("ELBSecurityPolicy-TLS13-1-2-Res-2021-06")).toBe(true);
        expect(isTls12Policy("ELBSecurityPolicy-FS-1-2-Res-2020-10")).toBe(true);
        for (const old of [
            "ELBSecurityPolicy-TLS13-1-1-2021-06",
            "ELBSecurityPolicy-FS-2018-06",
            "ELBSecurityPolicy-TLS-1-1-2017-01",
            undefined,
        ])
            expect(isTls12Policy(old)).toBe(false);
    });
});

describe("lb-http-redirects-to-https", () => {
    it("in an HTTPS-only stack (prod) a forwarding HTTP listener or rule is mandatory", () => {
        expectViolations(checkPlan(broken), "lb-http-redirects-to-https", ["plain-8080", "health-over-http"]);
    });

    it("dev does not demand HTTPS; the stacks that do are policy config", () => {
        const dev = asStack(broken, "dev");
        expectClean(checkPlan(dev), "lb-http-redirects-to-https");
        const configured = checkPlan(dev, { config: { "lb-http-redirects-to-https": { httpsOnlyStacks: ["dev"] } } });
        expectViolations(configured, "lb-http-redirects-to-https", ["plain-8080", "health-over-http"]);
    });
});

describe("alb-drop-invalid-header-fields", () => {
    it("a raw application load balancer is advisory; a network load balancer is not concerned", async () => {
        const { report } = await checkProgram(() => {
            new aws.lb.LoadBalancer("raw-alb", { subnets: ["subnet-a", "subnet-b"] });
            new aws.lb.LoadBalancer("raw-nlb", { loadBalancerType: "network", subnets: ["subnet-a"] });
        });
        expectViolations(report, "alb-drop-invalid-header-fields", ["raw-alb"], "advisory");
    });
});

describe("lb-deletion-protection", () => {
    it("deletionProtection: false in prod is mandatory; dev is not protected unless configured", () => {
        expectViolations(checkPlan(broken), "lb-deletion-protection", ["web-lb"]);
        const dev = asStack(broken, "dev");
        expectClean(checkPlan(dev), "lb-deletion-protection");
        expectViolations(
            checkPlan(dev, { config: { "lb-deletion-protection": { protectedStacks: ["dev"] } } }),
            "lb-deletion-protection",
            ["web-lb"],
        );
    });

    it("an enforcement level from the policy config: advisory, or disabled", () => {
        expectViolations(
            checkPlan(broken, { config: { "lb-deletion-protection": "advisory" } }),
            "lb-deletion-protection",
            ["web-lb"],
            "advisory",
        );
        expectClean(
            checkPlan(broken, { config: { "lb-deletion-protection": { enforcementLevel: "disabled" } } }),
            "lb-deletion-protection",
        );
    });
});

describe("lb-target-group-health-check", () => {
    it("an ip target group with health checks turned off is mandatory; a Lambda target group is not concerned", async () => {
        const { report } = await checkProgram(() => {
            new aws.lb.TargetGroup("unchecked", {
                port: 80,
                protocol: "HTTP",
                targetType: "ip",
                vpcId: "vpc-1",
                healthCheck: { enabled: false },
            });
            new aws.lb.TargetGroup("instances", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
            new aws.lb.TargetGroup("lambda", { targetType: "lambda", healthCheck: { enabled: false } });
        });
        expectViolations(report, "lb-target-group-health-check", ["unchecked"]);
    });
});
