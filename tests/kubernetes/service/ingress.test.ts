import * as pulumi from "@pulumi/pulumi";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { describe, expect, it } from "vitest";
import {
    ALB_ANNOTATION_PREFIX,
    ALB_ANNOTATIONS,
    type KubernetesServiceArgs,
    planKubernetesService,
} from "../../../components/kubernetes";
import { problemPaths } from "../../support";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
const WAF = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-111111111111";
const base: KubernetesServiceArgs = { namespace: "production", image: "nginx:1.21", port: 8080, service: { port: 80 } };
const plan = (ingress: KubernetesServiceArgs["ingress"], extra: Partial<KubernetesServiceArgs> = {}) =>
    planKubernetesService("web", { ...base, ...extra, ingress }, ctx);
const paths = (ingress: unknown, extra: Partial<KubernetesServiceArgs> = {}) =>
    problemPaths(() => plan(ingress as KubernetesServiceArgs["ingress"], extra));
const plain = (o: unknown) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
const A = (name: string) => ALB_ANNOTATION_PREFIX + name;

describe("ingress: an ALB through the AWS Load Balancer Controller", () => {
    const p = plan({
        rules: [{ host: "app.example.com", paths: ["/", "/api"] }],
        certificateArn: CERT,
        scheme: "internet-facing",
        groupName: "public.web",
        groupOrder: 10,
        wafv2AclArn: WAF,
        inboundCidrs: ["203.0.113.0/24"],
        tags: { team: "web" },
    });
    const annotations = p.ingress?.metadata.annotations ?? {};

    it("routes host and paths to the workload's Service port, with ip targets", () => {
        expect(p.ingress?.spec).toEqual({
            ingressClassName: "alb",
            rules: [
                {
                    host: "app.example.com",
                    http: {
                        paths: ["/", "/api"].map((path) => ({
                            path,
                            pathType: "Prefix",
                            backend: { service: { name: "web", port: { number: 80 } } },
                        })),
                    },
                },
            ],
        });
        expect(annotations[A("target-type")]).toBe("ip");
        new Ingress(plain({ metadata: p.ingress?.metadata, spec: p.ingress?.spec }) as never).validate();
    });

    it("serves HTTPS with a TLS 1.2+ policy, and HTTP only redirects", () => {
        expect(annotations).toMatchObject({
            [A("scheme")]: "internet-facing",
            [A("listen-ports")]: '[{"HTTP": 80}, {"HTTPS": 443}]',
            [A("ssl-redirect")]: "443",
            [A("certificate-arn")]: CERT,
            [A("ssl-policy")]: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        });
    });

    it("health-checks the readiness path on the traffic port, and sets the group, WAF, CIDRs and tags", () => {
        expect(annotations).toMatchObject({
            [A("healthcheck-path")]: "/ready",
            [A("healthcheck-port")]: "traffic-port",
            [A("healthcheck-interval-seconds")]: "15",
            [A("healthcheck-timeout-seconds")]: "5",
            [A("success-codes")]: "200",
            [A("group.name")]: "public.web",
            [A("group.order")]: "10",
            [A("wafv2-acl-arn")]: WAF,
            [A("inbound-cidrs")]: "203.0.113.0/24",
            [A("tags")]: "team=web",
        });
    });

    it("writes only annotations the controller documents", () => {
        for (const key of Object.keys(annotations)) {
            expect(key.startsWith(ALB_ANNOTATION_PREFIX), key).toBe(true);
            expect(ALB_ANNOTATIONS as readonly string[], key).toContain(key.slice(ALB_ANNOTATION_PREFIX.length));
        }
    });

    it("is internal by default, and may serve plain HTTP there", () => {
        const internal = plan({}).ingress?.metadata.annotations ?? {};
        expect(internal[A("scheme")]).toBe("internal");
        expect(internal[A("listen-ports")]).toBe('[{"HTTP": 80}]');
        expect(internal[A("certificate-arn")]).toBeUndefined();
    });

    it("keeps other annotations (external-dns) and documented extras", () => {
        const extra = plan({
            annotations: {
                "external-dns.alpha.kubernetes.io/hostname": "app.example.com",
                [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=60",
            },
        });
        expect(extra.ingress?.metadata.annotations).toMatchObject({
            "external-dns.alpha.kubernetes.io/hostname": "app.example.com",
            [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=60",
        });
    });

    it("takes the certificate as an Output", () => {
        const out = plan({ certificateArn: pulumi.output(CERT), scheme: "internet-facing" });
        expect(pulumi.Output.isInstance(out.ingress?.metadata.annotations?.[A("certificate-arn")])).toBe(true);
    });
});

describe("ingress: failing cases", () => {
    it.each<[string, unknown, Partial<KubernetesServiceArgs>, string]>([
        ["internet-facing needs HTTPS", { scheme: "internet-facing" }, {}, "ingress.certificateArn"],
        ["no allowHttp with a certificate", { certificateArn: CERT, allowHttp: true }, {}, "ingress.allowHttp"],
        [
            "certificate ARNs",
            { certificateArn: "arn:aws:acm:us-east-1:123456789012:cert/x" },
            {},
            "ingress.certificateArn",
        ],
        [
            "TLS 1.2+ policies only",
            { certificateArn: CERT, sslPolicy: "ELBSecurityPolicy-2016-08" },
            {},
            "ingress.sslPolicy",
        ],
        ["policy only with HTTPS", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }, {}, "ingress.sslPolicy"],
        ["group names", { groupName: "Public_Web" }, {}, "ingress.groupName"],
        ["group order range", { groupName: "web", groupOrder: 1001 }, {}, "ingress.groupOrder"],
        ["group order needs a group", { groupOrder: 1 }, {}, "ingress.groupOrder"],
        [
            "regional WAFv2 ACLs",
            { wafv2AclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/web/abc" },
            {},
            "ingress.wafv2AclArn",
        ],
        ["inbound CIDRs", { inboundCidrs: ["10.0.0.0/40"] }, {}, "ingress.inboundCidrs[0]"],
        [
            "at most 60 inbound CIDRs",
            { inboundCidrs: Array.from({ length: 61 }, (_, i) => `10.${i}.0.0/16`) },
            {},
            "ingress.inboundCidrs",
        ],
        ["tag syntax", { tags: { "a,b": "c" } }, {}, "ingress.tags.a,b"],
        ["health check path", { healthCheck: { path: "ready" } }, {}, "ingress.healthCheck.path"],
        [
            "health check interval 5–300",
            { healthCheck: { intervalSeconds: 301 } },
            {},
            "ingress.healthCheck.intervalSeconds",
        ],
        [
            "health check timeout < interval",
            { healthCheck: { intervalSeconds: 5, timeoutSeconds: 5 } },
            {},
            "ingress.healthCheck.timeoutSeconds",
        ],
        ["thresholds 2–10", { healthCheck: { healthyThreshold: 1 } }, {}, "ingress.healthCheck.healthyThreshold"],
        [
            "unhealthy threshold 2–10",
            { healthCheck: { unhealthyThreshold: 11 } },
            {},
            "ingress.healthCheck.unhealthyThreshold",
        ],
        [
            "health-check timeout 2–120 s",
            { healthCheck: { timeoutSeconds: 1 } },
            {},
            "ingress.healthCheck.timeoutSeconds",
        ],
        ["health-check port 1–65535", { healthCheck: { port: 0 } }, {}, "ingress.healthCheck.port"],
        ["at least one rule", { rules: [] }, {}, "ingress.rules"],
        ["at least one path", { rules: [{ paths: [] }] }, {}, "ingress.rules[0].paths"],
        ["success codes", { healthCheck: { successCodes: "2xx" } }, {}, "ingress.healthCheck.successCodes"],
        ["hosts", { rules: [{ host: "App.example.com" }] }, {}, "ingress.rules[0].host"],
        ["paths", { rules: [{ paths: ["api"] }] }, {}, "ingress.rules[0].paths[0]"],
        [
            "ALB rule limit",
            { rules: [{ paths: Array.from({ length: 101 }, (_, i) => `/p${i}`) }] },
            {},
            "ingress.rules",
        ],
        [
            "undocumented controller annotations",
            { annotations: { [A("healthcheck-paths")]: "/" } },
            {},
            "ingress.annotations.alb.ingress.kubernetes.io/healthcheck-paths",
        ],
        [
            "annotations the fields set",
            { annotations: { [A("scheme")]: "internet-facing" } },
            {},
            "ingress.annotations.alb.ingress.kubernetes.io/scheme",
        ],
        ["needs the Service", {}, { service: { enabled: false } }, "ingress"],
        [
            "documented values: ip-address-type",
            { annotations: { [A("ip-address-type")]: "ipv6" } },
            {},
            "ingress.annotations.alb.ingress.kubernetes.io/ip-address-type",
        ],
        [
            "documented values: backend protocol",
            { annotations: { [A("backend-protocol")]: "http" } },
            {},
            "ingress.annotations.alb.ingress.kubernetes.io/backend-protocol",
        ],
        [
            "documented values: load balancer name ≤ 32",
            { annotations: { [A("load-balancer-name")]: "a".repeat(33) } },
            {},
            "ingress.annotations.alb.ingress.kubernetes.io/load-balancer-name",
        ],
        [
            "documented values: attributes",
            { annotations: { [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds" } },
            {},
            "ingress.annotations.alb.ingress.kubernetes.io/load-balancer-attributes",
        ],
        ["strict booleans", { allowHttp: "false" }, {}, "ingress.allowHttp"],
        ["unknown keys", { certificateArns: [CERT] }, {}, "ingress.certificateArns"],
    ])("%s", (_, ingress, extra, path) => {
        expect(paths(ingress, extra)).toEqual([path]);
    });
});
