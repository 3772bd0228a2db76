import * as fs from "node:fs";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { meshInstallOf, sidecarInjected } from "../../policy/policies";
import { KubernetesService } from "../../src";
import { type CheckReport, checkPlan, policyResources } from "../../src/plan/check";
import { type Plan, runPlan } from "../support";
import { checkProgram, expectClean, expectViolations } from "./support";

/** The Istio release the prod stack pins. */
const ISTIO =
    (parse(fs.readFileSync("stacks/Pulumi.prod.yaml", "utf8")) as { config: Record<string, { istioVersion?: string }> })
        .config["compute-layer:mesh"]?.istioVersion ?? "1.29.2";
const CHARTS = { repo: "https://istio-release.storage.googleapis.com/charts" };
const INTERNAL = { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" };

/**
 * The production namespace of the reference (sidecar injection, restricted enforced) with a
 * KubernetesService in it, and Istio installed with or without CNI.
 */
function meshProgram(cni: boolean) {
    return () => {
        const provider = new k8s.Provider("k", { kubeconfig: "{}" });
        new k8s.core.v1.Namespace(
            "production",
            {
                metadata: {
                    name: "production",
                    labels: { "istio-injection": "enabled", "pod-security.kubernetes.io/enforce": "restricted" },
                },
            },
            { provider },
        );
        new k8s.helm.v3.Release(
            "istiod",
            {
                chart: "istiod",
                version: ISTIO,
                repositoryOpts: CHARTS,
                namespace: "istio-system",
                values: cni ? { pilot: { cni: { enabled: true } } } : { pilot: { autoscaleMin: 2 } },
            },
            { provider },
        );
        if (cni)
            new k8s.helm.v3.Release(
                "istio-cni",
                { chart: "cni", version: ISTIO, repositoryOpts: CHARTS, namespace: "istio-system" },
                { provider },
            );
        new k8s.helm.v3.Release(
            "istio-ingress",
            {
                chart: "gateway",
                version: ISTIO,
                repositoryOpts: CHARTS,
                namespace: "istio-ingress",
                values: cni ? { service: { annotations: INTERNAL } } : {},
            },
            { provider },
        );
        new KubernetesService(
            "web-app",
            {
                namespace: "production",
                image: "nginxinc/nginx-unprivileged:1.27",
                port: 8080,
                autoScaling: { min: 2, max: 6 },
                service: cni ? { type: "ClusterIP" } : { type: "LoadBalancer" },
                ...(cni ? {} : { podDisruptionBudget: false as const }),
            },
            { provider },
        );
        // Opted out of injection with the pod label: never injected, passes as it is.
        new KubernetesService(
            "batch",
            {
                namespace: "production",
                image: "busybox:1.36",
                port: 8080,
                labels: { "sidecar.istio.io/inject": "false" },
                service: { type: "ClusterIP" },
            },
            { provider },
        );
    };
}

let withoutCni: Plan;
let withCni: Plan;
let bad: CheckReport;
let good: CheckReport;
beforeAll(async () => {
    withoutCni = await runPlan(meshProgram(false));
    withCni = await runPlan(meshProgram(true));
    bad = checkPlan(withoutCni);
    good = checkPlan(withCni);
});

describe("k8s-pod-security-restricted", () => {
    it("a KubernetesService in an injected namespace without Istio CNI is mandatory: istio-init is root with NET_ADMIN/NET_RAW", () => {
        const [message] = expectViolations(bad, "k8s-pod-security-restricted", ["web-app-deployment"]);
        expect(message).toContain(`Deployment production/web-app with the Istio ${ISTIO} sidecar injected without CNI`);
        expect(message).toContain("namespace production enforces restricted, so the API server rejects these pods");
        expect(message).toMatch(/container "istio-init" adds NET_ADMIN, NET_RAW/);
        expect(message).toMatch(/runAsUser at spec\.template\.spec\.initContainers\[0\]\.securityContext\.runAsUser/);
    });

    it("the same with Istio CNI installed and used passes; a pod opted out of injection passes either way", () => {
        expectClean(good, "k8s-pod-security-restricted");
    });

    it("istiod told to use CNI without the cni chart is mandatory too (the validation init container fails)", () => {
        const broken = { ...withCni, resources: withCni.resources.filter((r) => r.name !== "istio-cni") };
        const found = checkPlan(broken).violations.filter((v) => v.policy === "k8s-pod-security-restricted");
        expect(found.map((v) => v.name)).toEqual(["istiod"]);
        expect(found[0].message).toMatch(/the `cni` chart is not installed/);
    });

    it("a raw privileged Deployment anywhere is mandatory, with every control it breaks", async () => {
        const { report } = await checkProgram(() => {
            const provider = new k8s.Provider("k", { kubeconfig: "{}" });
            new k8s.apps.v1.Deployment(
                "debug",
                {
                    metadata: { name: "debug", namespace: "tools" },
                    spec: {
                        selector: { matchLabels: { app: "debug" } },
                        template: {
                            metadata: { labels: { app: "debug" } },
                            spec: {
                                hostNetwork: true,
                                containers: [
                                    { name: "sh", image: "busybox:1.36", securityContext: { privileged: true } },
                                ],
                            },
                        },
                    },
                },
                { provider },
            );
        });
        const [message] = expectViolations(report, "k8s-pod-security-restricted", ["debug"]);
        for (const rule of [
            "hostNamespaces",
            "privileged",
            "allowPrivilegeEscalation",
            "runAsNonRoot",
            "seccompProfile_restricted",
            "capabilities_restricted",
        ])
            expect(message).toContain(`${rule} at `);
        expect(message).not.toContain("enforces");
    });

    it("reads the Istio install and the injection selectors the way istiod's webhooks do", () => {
        expect(meshInstallOf(policyResources(withoutCni))).toEqual({
            version: ISTIO,
            istiodUsesCni: false,
            cniInstalled: false,
        });
        expect(meshInstallOf(policyResources(withCni))).toEqual({
            version: ISTIO,
            istiodUsesCni: true,
            cniInstalled: true,
        });
        expect(sidecarInjected({ "istio-injection": "enabled" }, {}, {})).toBe(true);
        expect(sidecarInjected({ "istio.io/rev": "1-29" }, {}, {})).toBe(true);
        expect(sidecarInjected({ "istio-injection": "disabled" }, { "sidecar.istio.io/inject": "true" }, {})).toBe(
            false,
        );
        expect(sidecarInjected({}, { "sidecar.istio.io/inject": "true" }, {})).toBe(true);
        expect(sidecarInjected({ "istio-injection": "enabled" }, {}, { "sidecar.istio.io/inject": "false" })).toBe(
            false,
        );
        expect(sidecarInjected({ "istio.io/dataplane-mode": "ambient" }, {}, {})).toBe(false);
    });
});

describe("k8s-loadbalancer-service-private-or-tls", () => {
    it("a KubernetesService of type LoadBalancer and a gateway chart without annotations are public plaintext: mandatory", () => {
        const messages = expectViolations(bad, "k8s-loadbalancer-service-private-or-tls", [
            "web-app-service",
            "istio-ingress",
        ]);
        expect(messages.join("\n")).toMatch(
            /Service production\/web-app of type LoadBalancer would be public and plaintext/,
        );
        expect(messages.join("\n")).toMatch(/the gateway chart's LoadBalancer Service would be public and plaintext/);
    });

    it("ClusterIP, an internal scheme or TLS on every port passes; TLS on some ports does not", async () => {
        expectClean(good, "k8s-loadbalancer-service-private-or-tls");
        const { report } = await checkProgram(() => {
            const provider = new k8s.Provider("k", { kubeconfig: "{}" });
            const svc = (name: string, annotations: Record<string, string>) =>
                new k8s.core.v1.Service(
                    name,
                    {
                        metadata: { name, annotations },
                        spec: {
                            type: "LoadBalancer",
                            selector: { app: "a" },
                            ports: [
                                { name: "https", port: 443 },
                                { name: "http", port: 80 },
                            ],
                        },
                    },
                    { provider },
                );
            svc("tls-all", {
                "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:aws:acm:us-east-1:1:certificate/x",
            });
            svc("tls-443-only", {
                "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:aws:acm:us-east-1:1:certificate/x",
                "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "443",
            });
            svc("legacy-internal", { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" });
        });
        expect(expectViolations(report, "k8s-loadbalancer-service-private-or-tls", ["tls-443-only"])[0]).toMatch(
            /ports 80 are not in/,
        );
    });
});

describe("k8s-hpa-workload-has-pdb", () => {
    it("a KubernetesService with autoScaling and its PDB turned off is advisory; the default PDB passes", () => {
        expectViolations(bad, "k8s-hpa-workload-has-pdb", ["web-app-deployment"], "advisory");
        expectClean(good, "k8s-hpa-workload-has-pdb");
    });
});

describe("k8s-image-pinned", () => {
    it("a raw Deployment on latest or untagged images is advisory; tags and digests pass", async () => {
        const { report } = await checkProgram(() => {
            const provider = new k8s.Provider("k", { kubeconfig: "{}" });
            const deploy = (name: string, image: string) =>
                new k8s.apps.v1.Deployment(
                    name,
                    {
                        metadata: { name },
                        spec: {
                            selector: { matchLabels: { app: name } },
                            template: {
                                metadata: { labels: { app: name } },
                                spec: { containers: [{ name: "c", image }] },
                            },
                        },
                    },
                    { provider },
                );
            deploy("latest", "nginx:latest");
            deploy("untagged", "registry.example.com:5000/team/app");
            deploy("tagged", "nginx:1.27");
            deploy("digest", `nginx@sha256:${"a".repeat(64)}`);
        });
        const messages = expectViolations(report, "k8s-image-pinned", ["latest", "untagged"], "advisory");
        expect(messages.join("\n")).toMatch(/"latest" tag/);
        expect(messages.join("\n")).toMatch(/must name a tag or a digest/);
        expectClean(good, "k8s-image-pinned");
    });
});

describe("EKS control plane", () => {
    let report: CheckReport;
    beforeAll(async () => {
        ({ report } = await checkProgram(() => {
            const base = {
                roleArn: "arn:aws:iam::123456789012:role/eks",
                enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            };
            const encrypted = {
                encryptionConfig: {
                    resources: ["secrets"],
                    provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/k" },
                },
            };
            const subnetIds = ["subnet-a", "subnet-b"];
            // The defaults: a public endpoint open to the internet, no secrets encryption, no logs.
            new aws.eks.Cluster("defaults", { roleArn: base.roleArn, vpcConfig: { subnetIds } });
            // The prod blocker: private only, and nothing admits 443 to the cluster's group.
            new aws.eks.Cluster("private-unreachable", {
                ...base,
                ...encrypted,
                vpcConfig: { subnetIds, endpointPrivateAccess: true, endpointPublicAccess: false },
            });
            // Private, with the deployer's runner admitted to 443 on the cluster security group.
            const reachable = new aws.eks.Cluster("private-reachable", {
                ...base,
                ...encrypted,
                vpcConfig: { subnetIds, endpointPrivateAccess: true, endpointPublicAccess: false },
            });
            new aws.vpc.SecurityGroupIngressRule("runner-to-api", {
                securityGroupId: reachable.vpcConfig.apply((v) => v.clusterSecurityGroupId),
                referencedSecurityGroupId: "sg-0runner0000000000",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
            });
            // The same through the older aws.ec2.SecurityGroupRule, which also says which way the rule goes.
            const legacy = new aws.eks.Cluster("private-legacy-rule", {
                ...base,
                ...encrypted,
                vpcConfig: { subnetIds, endpointPrivateAccess: true, endpointPublicAccess: false },
            });
            new aws.ec2.SecurityGroupRule("runner-to-legacy-api", {
                type: "ingress",
                securityGroupId: legacy.vpcConfig.apply((v) => v.clusterSecurityGroupId),
                sourceSecurityGroupId: "sg-0runner0000000000",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
            });
            // An egress rule on 443 lets nothing in.
            const egressOnly = new aws.eks.Cluster("private-egress-only", {
                ...base,
                ...encrypted,
                vpcConfig: { subnetIds, endpointPrivateAccess: true, endpointPublicAccess: false },
            });
            new aws.ec2.SecurityGroupRule("api-to-anywhere", {
                type: "egress",
                securityGroupId: egressOnly.vpcConfig.apply((v) => v.clusterSecurityGroupId),
                cidrBlocks: ["10.0.0.0/16"],
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
            });
            // Public, limited to the deployer's CIDRs.
            new aws.eks.Cluster("public-limited", {
                ...base,
                ...encrypted,
                vpcConfig: { subnetIds, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
            });
        }));
    });

    it("eks-secrets-encryption: a cluster without a KMS key for Secrets is mandatory", () => {
        expectViolations(report, "eks-secrets-encryption", ["defaults"]);
    });

    it("eks-control-plane-logs: missing log types are advisory and named", () => {
        expect(expectViolations(report, "eks-control-plane-logs", ["defaults"], "advisory")[0]).toBe(
            "control-plane log types not enabled: api, audit, authenticator, controllerManager, scheduler",
        );
    });

    it("eks-endpoint-reachable-not-open: open to 0.0.0.0/0, or private with no way in, is mandatory", () => {
        const messages = expectViolations(report, "eks-endpoint-reachable-not-open", [
            "defaults",
            "private-unreachable",
            "private-egress-only",
        ]);
        expect(messages[0]).toMatch(/open to 0\.0\.0\.0\/0 \(no publicAccessCidrs\)/);
        expect(messages[1]).toMatch(/private only and no security-group rule admits 443/);
        expect(messages[2]).toMatch(/private only and no security-group rule admits 443/);
    });

    it("an open public endpoint can be accepted explicitly through the policy config", async () => {
        const plan = await runPlan(
            () =>
                new aws.eks.Cluster("open", {
                    roleArn: "arn:aws:iam::1:role/eks",
                    vpcConfig: { subnetIds: ["subnet-a"] },
                }),
        );
        expectClean(
            checkPlan(plan, { config: { "eks-endpoint-reachable-not-open": { allowPublicFromAnywhere: true } } }),
            "eks-endpoint-reachable-not-open",
        );
    });
});
