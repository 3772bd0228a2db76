import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { ApplicationLoadBalancer, type ApplicationLoadBalancerArgs } from "../../../components/lb";
import {
    childrenOf,
    expectInvalid,
    input,
    ofType,
    only,
    type Plan,
    type PlannedResource,
    resource,
    runPlan,
} from "../../support";
import { CERT, MAINTENANCE_HTML, referenceAlbArgs } from "./fixture";

const T = {
    component: "compute-layer:index:ApplicationLoadBalancer",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
};
/** The CIDR the plan engine's aws:ec2/getVpc answer gives every VPC. */
const VPC_CIDR = "10.0.0.0/16";

/** Runs one ALB and returns the ids and ARNs its children got, as stack outputs. */
function albProgram(args: ApplicationLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    return () => {
        const alb = new ApplicationLoadBalancer("web", args, opts);
        return {
            sgId: alb.securityGroup.id,
            lbArn: alb.arn,
            arnSuffix: alb.arnSuffix,
            dnsName: alb.dnsName,
            url: alb.url,
            httpArn: alb.httpListener.arn,
            httpsArn: alb.httpsListener?.arn,
            tgArns: pulumi.all(Object.fromEntries(Object.entries(alb.targetGroups).map(([k, tg]) => [k, tg.arn]))),
            apiLabel: pulumi.interpolate`${alb.arnSuffix}/${alb.targetGroups.api?.arnSuffix}`,
            ruleCount: alb.rules.length,
        };
    };
}
const out = (plan: Plan, key: string) => plan.outputs[key] as string;
const tgArn = (plan: Plan, key: string) => (plan.outputs.tgArns as Record<string, string>)[key];

describe("ApplicationLoadBalancer: REFERENCE.md's ALB with a certificate", () => {
    let plan: Plan;
    let component: PlannedResource;
    beforeAll(async () => {
        plan = await runPlan(albProgram(referenceAlbArgs({ tags: { team: "platform" } })));
        component = only(plan, T.component);
    });

    it("creates the load balancer, its security group and rules, 3 target groups, HTTP and HTTPS listeners and 3 rules", () => {
        const counts = Object.fromEntries(Object.entries(T).map(([k, t]) => [k, ofType(plan, t).length]));
        // Ingress: ports 80 and 443 from one CIDR. Egress: target ports 80, 8080, 8081.
        expect(counts).toEqual({ component: 1, lb: 1, tg: 3, listener: 2, rule: 3, sg: 1, ingress: 2, egress: 3 });
        expect(plan.resources).toHaveLength(16);
    });

    it("parents every child to the component", () => {
        const children = plan.resources.filter((r) => r !== component);
        expect(children.every((r) => r.parent === component.urn)).toBe(true);
        expect(childrenOf(plan, component)).toHaveLength(15);
    });

    it("configures the load balancer securely: own security group, invalid headers dropped, deletion protection on", () => {
        const lb = only(plan, T.lb);
        expect(lb.inputs).toMatchObject({
            loadBalancerType: "application",
            internal: false,
            dropInvalidHeaderFields: true,
            enableDeletionProtection: true,
            idleTimeout: 60,
            securityGroups: [out(plan, "sgId")],
            subnets: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        });
        expect(String(lb.inputs.name).length).toBeLessThanOrEqual(32);
        expect(lb.inputs.accessLogs).toBeUndefined();
    });

    it("opens only ports 80 and 443 from the internet, and only the target ports to the VPC's CIDR", () => {
        const ingress = ofType(plan, T.ingress).map((r) => ({ ...r.inputs }));
        expect(ingress.map((r) => [r.ipProtocol, r.fromPort, r.toPort, r.cidrIpv4, r.securityGroupId])).toEqual([
            ["tcp", 80, 80, "0.0.0.0/0", out(plan, "sgId")],
            ["tcp", 443, 443, "0.0.0.0/0", out(plan, "sgId")],
        ]);
        const egress = ofType(plan, T.egress).map((r) => r.inputs);
        expect(egress.map((r) => [r.ipProtocol, r.fromPort, r.toPort, r.cidrIpv4, r.securityGroupId])).toEqual([
            ["tcp", 80, 80, VPC_CIDR, out(plan, "sgId")],
            ["tcp", 8080, 8080, VPC_CIDR, out(plan, "sgId")],
            ["tcp", 8081, 8081, VPC_CIDR, out(plan, "sgId")],
        ]);
        expect(only(plan, T.sg).inputs).toMatchObject({ vpcId: "vpc-0123456789abcdef0" });
        // No inline rules: the provider removes AWS's default allow-all egress.
        expect(only(plan, T.sg).inputs.egress).toBeUndefined();
        expect(only(plan, T.sg).inputs.ingress).toBeUndefined();
    });

    it("gives the target groups the health check, deregistration delay and stickiness exactly as given", () => {
        for (const [key, port] of [
            ["web", 80],
            ["api", 8080],
            ["admin", 8081],
        ] as const) {
            const tg = resource(plan, T.tg, `web-tg-${key}`);
            expect(tg.inputs).toMatchObject({
                port,
                protocol: "HTTP",
                targetType: "ip",
                vpcId: "vpc-0123456789abcdef0",
                deregistrationDelay: 30,
                slowStart: 0,
            });
            expect(tg.inputs.healthCheck).toEqual({
                enabled: true,
                protocol: "HTTP",
                port: "traffic-port",
                path: "/health",
                interval: 30,
                timeout: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
                matcher: "200-299",
            });
            expect(tg.inputs.stickiness).toEqual({ type: "lb_cookie", enabled: true, cookieDuration: 86400 });
            expect(String(tg.inputs.name)).toMatch(new RegExp(`^dev-web-${key}-[0-9a-f]{7}$`));
        }
    });

    it("HTTP:80 only redirects (301) to HTTPS:443, which has the certificate, the TLS 1.3/1.2 policy and the default action", () => {
        const http = resource(plan, T.listener, "web-http");
        expect(http.inputs).toMatchObject({ loadBalancerArn: out(plan, "lbArn"), port: 80, protocol: "HTTP" });
        expect(http.inputs.defaultActions).toEqual([
            { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ]);
        const https = resource(plan, T.listener, "web-https");
        expect(https.inputs).toMatchObject({
            loadBalancerArn: out(plan, "lbArn"),
            port: 443,
            protocol: "HTTPS",
            certificateArn: CERT,
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        });
        expect(https.inputs.defaultActions).toEqual([{ type: "forward", targetGroupArn: tgArn(plan, "web") }]);
    });

    it("puts the rules on the HTTPS listener with their conditions exactly as given", () => {
        const rules = ofType(plan, T.rule).sort((a, b) => Number(a.inputs.priority) - Number(b.inputs.priority));
        expect(rules.map((r) => r.inputs.listenerArn)).toEqual(Array(3).fill(out(plan, "httpsArn")));
        expect(rules.map((r) => [r.name, r.inputs.priority])).toEqual([
            ["web-rule-1", 1],
            ["web-rule-2", 2],
            ["web-rule-3", 3],
        ]);
        expect(rules.map((r) => r.inputs.conditions)).toEqual([
            [{ pathPattern: { values: ["/api/*"] } }],
            [{ hostHeader: { values: ["admin.example.com"] } }],
            [{ pathPattern: { values: ["/maintenance"] } }],
        ]);
        expect(rules.map((r) => r.inputs.actions)).toEqual([
            [{ type: "forward", targetGroupArn: tgArn(plan, "api") }],
            [{ type: "forward", targetGroupArn: tgArn(plan, "admin") }],
            [
                {
                    type: "fixed-response",
                    fixedResponse: { statusCode: "503", contentType: "text/html", messageBody: MAINTENANCE_HTML },
                },
            ],
        ]);
    });

    it("tags every child with the default tags and the user's", () => {
        const children = plan.resources.filter((r) => r !== component);
        for (const r of children)
            expect(r.inputs.tags, `${r.type} ${r.name}`).toEqual({
                "managed-by": "compute-layer",
                component: "web",
                team: "platform",
            });
    });

    it("exposes dnsName, arn, arnSuffix, the HTTPS url and target-group arnSuffix for an ALBRequestCountPerTarget resource label", () => {
        const suffix = out(plan, "arnSuffix");
        expect(suffix).toMatch(/^app\/dev-web-[0-9a-f]{7}\/[0-9a-f]{16}$/);
        expect(out(plan, "lbArn")).toBe(`arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/${suffix}`);
        expect(out(plan, "url")).toBe(`https://${out(plan, "dnsName")}`);
        expect(out(plan, "apiLabel")).toMatch(
            /^app\/dev-web-[0-9a-f]{7}\/[0-9a-f]{16}\/targetgroup\/dev-web-api-[0-9a-f]{7}\/[0-9a-f]{16}$/,
        );
    });
});

describe("ApplicationLoadBalancer: variants", () => {
    it("without a certificate, HTTP:80 carries the default action and the rules", async () => {
        const plan = await runPlan(
            albProgram(referenceAlbArgs({ certificateArn: undefined, deletionProtection: false })),
        );
        const http = only(plan, T.listener);
        expect(http.inputs).toMatchObject({
            port: 80,
            protocol: "HTTP",
            defaultActions: [{ type: "forward", targetGroupArn: tgArn(plan, "web") }],
        });
        expect(ofType(plan, T.rule).every((r) => r.inputs.listenerArn === out(plan, "httpArn"))).toBe(true);
        expect(ofType(plan, T.ingress).map((r) => r.inputs.fromPort)).toEqual([80]);
        expect(plan.outputs.httpsArn).toBeUndefined();
        expect(out(plan, "url")).toBe(`http://${out(plan, "dnsName")}`);
        expect(input(only(plan, T.lb), "enableDeletionProtection")).toBe(false);
    });

    it("an internal ALB admits clients from the VPC's CIDR; access logs, weighted forwards and every condition kind reach AWS as given", async () => {
        const plan = await runPlan(
            albProgram(
                referenceAlbArgs({
                    internal: true,
                    accessLogs: { bucket: "alb-logs", prefix: "web" },
                    rules: [
                        {
                            conditions: {
                                httpHeaders: [{ name: "X-Canary", values: ["always"] }],
                                queryStrings: [{ key: "v", value: "2" }],
                                methods: ["GET"],
                                sourceIps: ["10.0.0.0/8"],
                            },
                            action: {
                                weightedForward: {
                                    targetGroups: [
                                        { name: "api", weight: 90 },
                                        { name: "admin", weight: 10 },
                                    ],
                                    stickinessSeconds: 300,
                                },
                            },
                        },
                    ],
                }),
            ),
        );
        expect(ofType(plan, T.ingress).map((r) => r.inputs.cidrIpv4)).toEqual([VPC_CIDR, VPC_CIDR]);
        expect(only(plan, T.lb).inputs).toMatchObject({
            internal: true,
            accessLogs: { bucket: "alb-logs", prefix: "web", enabled: true },
        });
        const rule = only(plan, T.rule);
        expect(rule.inputs.priority).toBe(1);
        expect(rule.inputs.conditions).toEqual([
            { httpHeader: { httpHeaderName: "X-Canary", values: ["always"] } },
            { queryStrings: [{ key: "v", value: "2" }] },
            { httpRequestMethod: { values: ["GET"] } },
            { sourceIp: { values: ["10.0.0.0/8"] } },
        ]);
        expect(rule.inputs.actions).toEqual([
            {
                type: "forward",
                forward: {
                    targetGroups: [
                        { arn: tgArn(plan, "api"), weight: 90 },
                        { arn: tgArn(plan, "admin"), weight: 10 },
                    ],
                    stickiness: { enabled: true, duration: 300 },
                },
            },
        ]);
    });

    it("a transformations callback in the component's options sees every child with its options", async () => {
        const seen: { type: string; name: string; parent?: string }[] = [];
        const plan = await runPlan(
            albProgram(referenceAlbArgs(), {
                transformations: [
                    (a) => {
                        seen.push({ type: a.type, name: a.name, parent: a.opts.parent?.constructor.name });
                        return undefined;
                    },
                ],
            }),
        );
        const component = only(plan, T.component);
        const children = childrenOf(plan, component).map((r) => ({ type: r.type, name: r.name }));
        expect(children).toHaveLength(15);
        // The callback runs for the component itself first, then for each child.
        expect(seen[0]).toMatchObject({ type: T.component, name: "web" });
        const seenChildren = seen.slice(1);
        expect(seenChildren.map(({ type, name }) => ({ type, name })).sort(byTypeName)).toEqual(
            [...children].sort(byTypeName),
        );
        expect(seenChildren.every((s) => s.parent === "ApplicationLoadBalancer")).toBe(true);
    });
});

describe("ApplicationLoadBalancer: invalid args register nothing", () => {
    it("rules[0].priority = 0 throws an InputPropertiesError listing rules[0].priority", async () => {
        const args = referenceAlbArgs();
        args.rules[0].priority = 0;
        const { errors, plan, message } = await expectInvalid(albProgram(args));
        expect(errors.map((e) => e.propertyPath)).toEqual(["rules[0].priority"]);
        expect(errors[0].reason).toContain("from 1 to 50000");
        expect(message).toContain('ApplicationLoadBalancer "web"');
        expect(plan.resources).toEqual([]);
    });

    it("three wrong fields are all listed and no resource is registered", async () => {
        const args = referenceAlbArgs({ subnetIds: ["subnet-only-one"], sslPolicy: "ELBSecurityPolicy-2016-08" });
        args.rules[0].priority = 0;
        const { errors, plan } = await expectInvalid(albProgram(args));
        expect(errors.map((e) => e.propertyPath).sort()).toEqual(["rules[0].priority", "sslPolicy", "subnetIds"]);
        expect(plan.resources).toEqual([]);
    });
});

function byTypeName(a: { type: string; name: string }, b: { type: string; name: string }): number {
    return a.type.localeCompare(b.type) || a.name.localeCompare(b.name);
}
