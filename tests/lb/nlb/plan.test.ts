import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { type NetworkLoadBalancerArgs, type NlbListenerArgs, planNetworkLoadBalancer } from "../../../components/lb";
import { problemPaths } from "../../support";
import { CERT } from "../alb/fixture";
import { ports } from "../security-group-ports";
import { referenceNlbArgs } from "./fixture";

const ctx = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const nlb = (args: NetworkLoadBalancerArgs) => planNetworkLoadBalancer("edge", args, ctx);
const nlbPaths = (args: NetworkLoadBalancerArgs) => problemPaths(() => nlb(args));
/** The reference NLB with its listener changed. */
const withListener = (l: Partial<NlbListenerArgs>, tg: Partial<NlbListenerArgs["targetGroup"]> = {}) => {
    const base = referenceNlbArgs();
    const api = base.listeners.api;
    return {
        ...base,
        listeners: { api: { ...api, ...l, targetGroup: { ...api.targetGroup, ...(l.targetGroup ?? {}), ...tg } } },
    };
};

describe("planNetworkLoadBalancer", () => {
    it("plans REFERENCE.md's NLB: TCP 443 to ip targets, TCP health check every 30 s, thresholds 3/3", () => {
        const p = nlb(referenceNlbArgs());
        expect(p.listeners).toHaveLength(1);
        expect(p.listeners[0]).toMatchObject({ key: "api", port: 443, protocol: "TCP" });
        expect(p.listeners[0].targetGroup).toMatchObject({
            port: 443,
            protocol: "TCP",
            targetType: "ip",
            healthCheck: {
                enabled: true,
                protocol: "TCP",
                port: "traffic-port",
                interval: 30,
                healthyThreshold: 3,
                unhealthyThreshold: 3,
            },
        });
        // A TCP check has no path or matcher.
        expect(p.listeners[0].targetGroup.healthCheck.path).toBeUndefined();
        expect(p.listeners[0].targetGroup.healthCheck.matcher).toBeUndefined();
    });

    it("defaults: cross-zone on, deletion protection on, internet-facing, no static IPs, TCP health check 30/10/3/3, deregistration 30", () => {
        const p = nlb({
            vpcId: "vpc-1",
            subnetIds: ["subnet-1", "subnet-2"],
            listeners: { tcp: { port: 5432, protocol: "TCP", targetGroup: { port: 5432 } } },
        });
        expect(p.loadBalancer).toMatchObject({
            enableCrossZoneLoadBalancing: true,
            enableDeletionProtection: true,
            internal: false,
            subnets: ["subnet-1", "subnet-2"],
        });
        expect(p.loadBalancer.subnetMappings).toBeUndefined();
        expect(p.eips).toEqual([]);
        expect(p.listeners[0].targetGroup).toMatchObject({
            protocol: "TCP",
            targetType: "ip",
            deregistrationDelay: 30,
            healthCheck: { protocol: "TCP", interval: 30, timeout: 10, healthyThreshold: 3, unhealthyThreshold: 3 },
        });
        expect(p.listeners[0].targetGroup.name).toMatch(/^dev-edge-tcp-[0-9a-f]{7}$/);
    });

    it("an HTTP health check gets the path and the 200-399 matcher", () => {
        const p = nlb(withListener({}, { healthCheck: { protocol: "HTTP" } }));
        expect(p.listeners[0].targetGroup.healthCheck).toMatchObject({
            protocol: "HTTP",
            path: "/health",
            matcher: "200-399",
        });
    });

    it("a TLS listener gets the TLS 1.3/1.2 policy; its target group defaults to TLS", () => {
        const p = nlb(withListener({ protocol: "TLS", certificateArn: CERT }));
        expect(p.listeners[0]).toMatchObject({
            protocol: "TLS",
            certificateArn: CERT,
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        });
        const p2 = nlb({
            ...referenceNlbArgs(),
            listeners: { tls: { port: 443, protocol: "TLS", certificateArn: CERT, targetGroup: { port: 8443 } } },
        });
        expect(p2.listeners[0].targetGroup.protocol).toBe("TLS");
    });

    it("security group: listener ports (TCP_UDP opens both) from the internet, target and health-check ports to the VPC", () => {
        const p = nlb({
            vpcId: "vpc-1",
            subnetIds: ["subnet-1", "subnet-2"],
            listeners: {
                dns: { port: 53, protocol: "TCP_UDP", targetGroup: { port: 53 } },
                game: { port: 7777, protocol: "UDP", targetGroup: { port: 7777, healthCheck: { port: 8080 } } },
            },
        });
        expect(ports(p.securityGroup.ingress)).toEqual([
            { protocol: "tcp", port: 53 },
            { protocol: "udp", port: 53 },
            { protocol: "udp", port: 7777 },
        ]);
        expect(p.securityGroup.ingress.every((r) => r.inputs.cidrIpv4 === "0.0.0.0/0")).toBe(true);
        expect(ports(p.securityGroup.egress)).toEqual([
            { protocol: "tcp", port: 53 },
            { protocol: "udp", port: 53 },
            { protocol: "udp", port: 7777 },
            { protocol: "tcp", port: 8080 },
        ]);
    });

    it("static IPs: one per subnet, in order", () => {
        const p = nlb(referenceNlbArgs({ staticIps: true }));
        expect(p.loadBalancer.subnetMappings).toEqual([
            { subnetId: "subnet-0aaaaaaaaaaaaaaa1" },
            { subnetId: "subnet-0bbbbbbbbbbbbbbb2" },
        ]);
        expect(p.loadBalancer.subnets).toBeUndefined();
        expect(p.eips).toHaveLength(2);
    });

    it("needs at least 2 subnets when the list is known", () => {
        expect(nlbPaths(referenceNlbArgs({ subnetIds: ["subnet-1"] }))).toEqual(["subnetIds"]);
    });

    it("static IPs need a known subnet list and an internet-facing load balancer", () => {
        expect(
            nlbPaths(referenceNlbArgs({ staticIps: true, subnetIds: pulumi.output(["subnet-1", "subnet-2"]) })),
        ).toEqual(["subnetIds"]);
        // The conflict is named at both fields.
        expect(nlbPaths(referenceNlbArgs({ staticIps: true, internal: true }))).toEqual(["staticIps", "internal"]);
    });

    it("a TLS listener needs a certificate; other listeners take none", () => {
        expect(nlbPaths(withListener({ protocol: "TLS" }))).toEqual(["listeners.api.certificateArn"]);
        expect(nlbPaths(withListener({ protocol: "TLS", certificateArn: "my-cert" }))).toEqual([
            "listeners.api.certificateArn",
        ]);
        expect(nlbPaths(withListener({ certificateArn: CERT }))).toEqual(["listeners.api.certificateArn"]);
        expect(nlbPaths(withListener({ sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }))).toEqual([
            "listeners.api.sslPolicy",
        ]);
    });

    it("sslPolicy is one of the TLS 1.2+ policies", () => {
        expect(
            nlbPaths(withListener({ protocol: "TLS", certificateArn: CERT, sslPolicy: "ELBSecurityPolicy-2016-08" })),
        ).toEqual(["listeners.api.sslPolicy"]);
    });

    it("listener protocol TCP, UDP, TLS or TCP_UDP, and a compatible target-group protocol", () => {
        expect(nlbPaths(withListener({ protocol: "HTTP" as "TCP" }, { protocol: undefined }))).toEqual([
            "listeners.api.protocol",
        ]);
        expect(nlbPaths(withListener({ protocol: "UDP" }, { protocol: "TCP", healthCheck: undefined }))).toEqual([
            "listeners.api.targetGroup.protocol",
        ]);
        expect(() => nlb(withListener({ protocol: "TLS", certificateArn: CERT }, { protocol: "TCP" }))).not.toThrow();
    });

    it("listener ports 1-65535 and unique", () => {
        expect(nlbPaths(withListener({ port: 70000 }))).toEqual(["listeners.api.port"]);
        const base = referenceNlbArgs();
        expect(
            nlbPaths({
                ...base,
                listeners: { ...base.listeners, other: { port: 443, protocol: "TCP", targetGroup: { port: 8443 } } },
            }),
        ).toEqual(["listeners.other.port"]);
    });

    it("at least one listener, with a target group", () => {
        expect(nlbPaths(referenceNlbArgs({ listeners: {} }))).toEqual(["listeners"]);
        expect(
            nlbPaths({ ...referenceNlbArgs(), listeners: { api: { port: 443, protocol: "TCP" } as NlbListenerArgs } }),
        ).toEqual(["listeners.api.targetGroup"]);
    });

    it("target type ip, instance or alb; port 1-65535; deregistration delay 0-3600", () => {
        expect(nlbPaths(withListener({}, { targetType: "lambda" as "ip" }))).toEqual([
            "listeners.api.targetGroup.targetType",
        ]);
        expect(nlbPaths(withListener({}, { port: 0 }))).toEqual(["listeners.api.targetGroup.port"]);
        expect(nlbPaths(withListener({}, { deregistrationDelaySeconds: 3601 }))).toEqual([
            "listeners.api.targetGroup.deregistrationDelaySeconds",
        ]);
    });

    it("an alb target: a TCP target group, health-checked over HTTP (by default) or HTTPS, never TCP", () => {
        const p = nlb(withListener({}, { targetType: "alb", healthCheck: undefined }));
        expect(p.listeners[0].targetGroup).toMatchObject({
            protocol: "TCP",
            targetType: "alb",
            healthCheck: { protocol: "HTTP", path: "/health", matcher: "200-399" },
        });
        expect(nlbPaths(withListener({}, { targetType: "alb" }))).toEqual([
            "listeners.api.targetGroup.healthCheck.protocol",
        ]);
        expect(
            nlbPaths(
                withListener(
                    { protocol: "TCP" },
                    { targetType: "alb", protocol: "TCP_UDP", healthCheck: { protocol: "HTTPS" } },
                ),
            ),
        ).toEqual(["listeners.api.targetGroup.protocol"]);
        expect(() =>
            nlb(withListener({}, { targetType: "alb", healthCheck: { protocol: "HTTPS", path: "/api/health" } })),
        ).not.toThrow();
    });

    it("health check limits: interval 5-300, timeout 2-120 below the interval, thresholds 2-10", () => {
        const hc = (h: object) => nlbPaths(withListener({}, { healthCheck: h }));
        expect(hc({ intervalSeconds: 301 })).toEqual(["listeners.api.targetGroup.healthCheck.intervalSeconds"]);
        expect(hc({ timeoutSeconds: 30 })).toEqual(["listeners.api.targetGroup.healthCheck.timeoutSeconds"]);
        expect(hc({ healthyThreshold: 11 })).toEqual(["listeners.api.targetGroup.healthCheck.healthyThreshold"]);
        expect(hc({ protocol: "UDP" })).toEqual(["listeners.api.targetGroup.healthCheck.protocol"]);
    });

    it("matcher codes 200-599 for an NLB, and only on HTTP or HTTPS checks", () => {
        const hc = (h: object) => nlbPaths(withListener({}, { healthCheck: h }));
        expect(() => nlb(withListener({}, { healthCheck: { protocol: "HTTP", matcher: "200-599" } }))).not.toThrow();
        expect(hc({ protocol: "HTTP", matcher: "200-600" })).toEqual(["listeners.api.targetGroup.healthCheck.matcher"]);
        expect(hc({ protocol: "TCP", matcher: "200" })).toEqual(["listeners.api.targetGroup.healthCheck.matcher"]);
        expect(hc({ protocol: "TCP", path: "/health" })).toEqual(["listeners.api.targetGroup.healthCheck.path"]);
    });

    it("listener keys are letters, digits and hyphens", () => {
        const base = referenceNlbArgs();
        expect(nlbPaths({ ...base, listeners: { "api.v2": base.listeners.api } })).toEqual(["listeners.api.v2"]);
    });
});
