/**
 * EKS and Kubernetes: the control plane's encryption, logs and reachability; pod templates under
 * the restricted Pod Security Standard (with what Istio injects); LoadBalancer Services; PDBs for
 * HPA-managed workloads; pinned images.
 */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { imageProblem } from "../../src/core/image";
import { injectIstioSidecar, TRANSCRIBED_ISTIO_MINORS, UnsupportedIstioVersionError } from "../istio-injection";
import { checkPodSecurity, type PodSpec, podTemplateOf } from "../pod-security";
import {
    asList,
    asNum,
    asObj,
    asStr,
    at,
    isFalse,
    isTrue,
    ofTypes,
    type Props,
    resourceRule,
    stackRule,
    T,
    WORKLOAD_TYPES,
} from "./common";

const CLUSTERS = [T.eksCluster, T.eksPackageCluster];

/** The control plane's settings, from `aws.eks.Cluster` (under `vpcConfig`) or `@pulumi/eks`'s Cluster (top level). */
function clusterSettings(
    type: string,
    props: Props,
): {
    publicAccess: boolean;
    privateAccess: boolean;
    publicCidrs: string[] | undefined;
    logTypes: string[];
    encrypted: boolean;
    securityGroupIds: string[];
} {
    if (type === T.eksCluster) {
        const vpc = asObj(props.vpcConfig) ?? {};
        const enc =
            asList(props.encryptionConfig).length > 0 ? asList(props.encryptionConfig) : [props.encryptionConfig];
        return {
            publicAccess: !isFalse(vpc.endpointPublicAccess),
            privateAccess: isTrue(vpc.endpointPrivateAccess),
            publicCidrs: Array.isArray(vpc.publicAccessCidrs) ? vpc.publicAccessCidrs.map(String) : undefined,
            logTypes: asList(props.enabledClusterLogTypes).map(String),
            encrypted: enc.some(
                (e) => asList(asObj(e)?.resources).includes("secrets") && !!asStr(at(e, "provider.keyArn")),
            ),
            securityGroupIds: [
                ...asList(vpc.securityGroupIds).map(String),
                asStr(vpc.clusterSecurityGroupId) ?? "",
            ].filter(Boolean),
        };
    }
    return {
        publicAccess: !isFalse(props.endpointPublicAccess),
        privateAccess: isTrue(props.endpointPrivateAccess),
        publicCidrs: Array.isArray(props.publicAccessCidrs) ? props.publicAccessCidrs.map(String) : undefined,
        logTypes: asList(props.enabledClusterLogTypes).map(String),
        encrypted: !!asStr(props.encryptionConfigKeyArn),
        securityGroupIds: [asStr(props.clusterSecurityGroup) ?? "", asStr(props.clusterSecurityGroupId) ?? ""].filter(
            Boolean,
        ),
    };
}

export const eksSecretsEncryption: ResourceValidationPolicy = resourceRule({
    name: "eks-secrets-encryption",
    description:
        "EKS clusters must encrypt Kubernetes Secrets with a KMS key (envelope encryption). Without it, anyone who reads " +
        "etcd or its backups reads every Secret in plaintext; it cannot be turned off once on.",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set encryptionConfig { resources: ["secrets"], provider: { keyArn } } (EksCluster does, with its own key by default).',
    types: CLUSTERS,
    check: (props, args, report) => {
        if (!clusterSettings(args.type, props).encrypted) report("Kubernetes Secrets are not encrypted with a KMS key");
    },
});

/** The five control-plane log types. */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

export const eksControlPlaneLogs: ResourceValidationPolicy = resourceRule({
    name: "eks-control-plane-logs",
    description:
        "EKS clusters should send all five control-plane log types to CloudWatch: without the audit and authenticator logs, who did what to the cluster cannot be answered.",
    enforcementLevel: "advisory",
    remediationSteps: `Set enabledClusterLogTypes to ${EKS_LOG_TYPES.join(", ")} (EksCluster's default).`,
    types: CLUSTERS,
    check: (props, args, report) => {
        const missing = EKS_LOG_TYPES.filter((t) => !clusterSettings(args.type, props).logTypes.includes(t));
        if (missing.length > 0) report(`control-plane log types not enabled: ${missing.join(", ")}`);
    },
});

/** Whether a rule (standalone or inline) admits TCP 443. */
function admits443(protocol: unknown, from: unknown, to: unknown): boolean {
    const p = String(protocol ?? "").toLowerCase();
    if (p === "-1" || p === "all") return true;
    if (p !== "tcp" && p !== "6") return false;
    const lo = asNum(from);
    const hi = asNum(to) ?? lo;
    return lo !== undefined && hi !== undefined && lo <= 443 && 443 <= hi;
}

/** Whether a rule names any source (a CIDR, a security group or a prefix list). */
function hasSource(props: Props): boolean {
    const keys = [
        "cidrIpv4",
        "cidrIpv6",
        "referencedSecurityGroupId",
        "prefixListId",
        "sourceSecurityGroupId",
        "cidrBlocks",
        "ipv6CidrBlocks",
        "prefixListIds",
        "securityGroups",
        "self",
    ];
    return keys.some((k) => {
        const v = props[k];
        return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== "" && v !== false;
    });
}

/** The ingress rules of a stack that admit 443 to a cluster: to one of its groups, or through a reference to the cluster itself. */
function reachesCluster(resources: PolicyResource[], cluster: PolicyResource, groups: string[]): boolean {
    const targetsCluster = (r: PolicyResource, sg: unknown) =>
        (typeof sg === "string" && groups.includes(sg)) ||
        r.dependencies?.some((d) => d.urn === cluster.urn || d.parent?.urn === cluster.urn) === true;
    // Standalone rules: aws.vpc.SecurityGroupIngressRule (ipProtocol) and aws.ec2.SecurityGroupRule (protocol, type).
    const rules = [
        ...ofTypes(resources, T.vpcIngressRule).map((r) => ({ r, protocol: r.props.ipProtocol })),
        ...ofTypes(resources, T.securityGroupRule)
            .filter((r) => asStr(r.props.type) === "ingress")
            .map((r) => ({ r, protocol: r.props.protocol })),
    ];
    for (const { r, protocol } of rules) {
        if (
            targetsCluster(r, r.props.securityGroupId) &&
            admits443(protocol, r.props.fromPort, r.props.toPort) &&
            hasSource(r.props)
        )
            return true;
    }
    for (const sg of ofTypes(resources, T.securityGroup)) {
        if (!groups.includes(asStr(sg.props.id) ?? "") && !groups.includes(sg.urn)) continue;
        for (const ing of asList(sg.props.ingress)) {
            const i = asObj(ing) ?? {};
            if (admits443(i.protocol, i.fromPort, i.toPort) && hasSource(i)) return true;
        }
    }
    return false;
}

const ANYWHERE = ["0.0.0.0/0", "::/0"];

export const eksEndpointAccess: StackValidationPolicy = stackRule({
    name: "eks-endpoint-reachable-not-open",
    description:
        "The EKS API endpoint must be private, or public only to listed CIDRs, and whoever deploys must be able to reach " +
        "it. A public endpoint open to 0.0.0.0/0 exposes the API server to the internet; a private-only endpoint with no " +
        "rule admitting 443 to the cluster's security group cannot be reached by the deployer, so every Kubernetes object " +
        "and Helm release of the stack fails at `pulumi up`.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Use EksCluster's apiAccess: a private endpoint plus the security groups or CIDRs of the deployer (a CI runner " +
        "inside the VPC, a VPN) allowed to reach 443, and/or a public endpoint limited to publicAccessCidrs.",
    configSchema: {
        properties: {
            allowPublicFromAnywhere: {
                type: "boolean",
                default: false,
                description: "Accept a public endpoint open to 0.0.0.0/0 (not recommended).",
            },
        },
    },
    check: (resources, args, report) => {
        const allowOpen = args.getConfig<{ allowPublicFromAnywhere?: boolean }>()?.allowPublicFromAnywhere === true;
        for (const cluster of ofTypes(resources, ...CLUSTERS)) {
            // @pulumi/eks creates an aws.eks.Cluster child in a real preview: check the child, not both.
            if (cluster.type === T.eksCluster && cluster.parent?.type === T.eksPackageCluster) continue;
            const s = clusterSettings(cluster.type, cluster.props);
            const label = asStr(cluster.props.name) ?? cluster.name;
            if (s.publicAccess) {
                const cidrs = s.publicCidrs ?? ["0.0.0.0/0"];
                const open = cidrs.filter((c) => ANYWHERE.includes(c));
                if (open.length > 0 && !allowOpen) {
                    report(
                        `cluster ${label}: the public API endpoint is open to ${open.join(", ")}${s.publicCidrs ? "" : " (no publicAccessCidrs)"}; limit it to the deployer's CIDRs or make it private`,
                        cluster.urn,
                    );
                }
                continue;
            }
            if (!s.privateAccess) {
                report(
                    `cluster ${label}: both the public and the private endpoint are off; nothing can reach the API`,
                    cluster.urn,
                );
                continue;
            }
            if (!reachesCluster(resources, cluster, s.securityGroupIds)) {
                const k8s = resources.filter(
                    (r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:"),
                ).length;
                report(
                    `cluster ${label}: the endpoint is private only and no security-group rule admits 443 to the cluster's security group, ` +
                        `so the deployer cannot reach the Kubernetes API${k8s > 0 ? ` (${k8s} Kubernetes resources of this stack would fail)` : ""}`,
                    cluster.urn,
                );
            }
        }
    },
});

/** What the stack installs of Istio: the istiod chart's version, and whether CNI is installed and used. */
export interface MeshInstall {
    version?: string;
    /** istiod is told to use CNI (`pilot.cni.enabled`, or the ambient profile). */
    istiodUsesCni: boolean;
    /** The `cni` chart is installed. */
    cniInstalled: boolean;
}

function chartName(props: Props): string {
    const chart = asStr(props.chart) ?? "";
    return chart.split("/").pop() ?? chart;
}

/** Reads the Istio install from the Helm releases of a stack; undefined when istiod is not among them. */
export function meshInstallOf(resources: PolicyResource[]): MeshInstall | undefined {
    const releases = ofTypes(resources, T.helmRelease, T.helmChartV4);
    const istiod = releases.find((r) => chartName(r.props) === "istiod");
    if (!istiod) return undefined;
    const values = asObj(istiod.props.values) ?? {};
    const istiodUsesCni =
        isTrue(at(values, "pilot.cni.enabled")) ||
        isTrue(at(values, "istio_cni.enabled")) ||
        asStr(values.profile) === "ambient";
    return {
        version: asStr(istiod.props.version),
        istiodUsesCni,
        cniInstalled: releases.some((r) => chartName(r.props) === "cni"),
    };
}

function namespaceOf(props: Props): string {
    return asStr(at(props, "metadata.namespace")) ?? "default";
}

function labelsOfNamespace(resources: PolicyResource[], ns: string): Record<string, string> | undefined {
    const found = ofTypes(resources, T.k8sNamespace).find((n) => asStr(at(n.props, "metadata.name")) === ns);
    return found ? ((asObj(at(found.props, "metadata.labels")) ?? {}) as Record<string, string>) : undefined;
}

/** Whether Istio's webhooks inject a sidecar into a pod of this namespace (the default istiod webhooks' selectors). */
export function sidecarInjected(
    nsLabels: Record<string, string>,
    podLabels: Record<string, string>,
    podAnnotations: Record<string, string>,
): boolean {
    const podSays = podLabels["sidecar.istio.io/inject"] ?? podAnnotations["sidecar.istio.io/inject"];
    if (podSays === "false") return false;
    const nsInjection = nsLabels["istio-injection"];
    if (nsInjection === "disabled") return false;
    if (nsInjection === "enabled" || nsLabels["istio.io/rev"] !== undefined) return true;
    return podSays === "true";
}

const POD_SECURITY_ISTIO_FALLBACK = `${TRANSCRIBED_ISTIO_MINORS[TRANSCRIBED_ISTIO_MINORS.length - 1]}.0`;

export const podSecurityRestricted: StackValidationPolicy = stackRule({
    name: "k8s-pod-security-restricted",
    description:
        "Every pod template must pass the restricted Pod Security Standard, counting the containers Istio's sidecar " +
        "injection adds when its namespace is injected. Without Istio CNI (or ambient mode) the injected istio-init runs " +
        "as root with NET_ADMIN and NET_RAW, so a namespace that enforces restricted rejects every injected pod and the " +
        "workload never starts.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Fix the pod's securityContext (KubernetesService sets the restricted one), and for injected namespaces install " +
        "the Istio `cni` chart at istiod's version with istiod values { pilot: { cni: { enabled: true } } }, or use ambient mode.",
    configSchema: {
        properties: {
            istioVersion: {
                type: "string",
                description: "The Istio release when istiod is installed outside this stack.",
            },
            istioCni: { type: "boolean", default: false, description: "Whether that Istio uses CNI." },
        },
    },
    check: (resources, args, report) => {
        const config = args.getConfig<{ istioVersion?: string; istioCni?: boolean }>() ?? {};
        const mesh = meshInstallOf(resources);
        if (mesh?.istiodUsesCni && !mesh.cniInstalled) {
            const istiod = ofTypes(resources, T.helmRelease, T.helmChartV4).find(
                (r) => chartName(r.props) === "istiod",
            );
            report(
                "istiod is told to use Istio CNI but the `cni` chart is not installed: injected pods would fail their istio-validation init container",
                istiod?.urn,
            );
        }
        // What the injector renders follows istiod's values; a missing cni chart is reported above.
        const cni = mesh ? mesh.istiodUsesCni : config.istioCni === true;
        const version = mesh?.version ?? config.istioVersion;
        for (const w of ofTypes(resources, ...WORKLOAD_TYPES)) {
            const t = podTemplateOf(w.props);
            if (!t) continue;
            const ns = namespaceOf(w.props);
            const nsLabels = labelsOfNamespace(resources, ns) ?? {};
            let spec: PodSpec = t.spec;
            let injected = "";
            if (sidecarInjected(nsLabels, t.metadata.labels ?? {}, t.metadata.annotations ?? {}) && !spec.hostNetwork) {
                let used = version ?? POD_SECURITY_ISTIO_FALLBACK;
                try {
                    spec = injectIstioSidecar(t.spec, { version: used, cni });
                } catch (e) {
                    if (!(e instanceof UnsupportedIstioVersionError)) throw e;
                    used = POD_SECURITY_ISTIO_FALLBACK;
                    spec = injectIstioSidecar(t.spec, { version: used, cni });
                }
                injected = ` with the Istio ${used} sidecar injected ${cni ? "with" : "without"} CNI`;
            }
            const problems = checkPodSecurity(spec, { metadata: t.metadata, path: t.path });
            if (problems.length === 0) continue;
            const enforce = nsLabels["pod-security.kubernetes.io/enforce"];
            const consequence =
                enforce === "restricted" || (enforce === "baseline" && problems.some((p) => p.level === "baseline"))
                    ? `; namespace ${ns} enforces ${enforce}, so the API server rejects these pods`
                    : "";
            const kind = asStr(w.props.kind) ?? w.type.split(":").pop();
            const list = problems.map((p) => `${p.rule} at ${p.path}: ${p.message}`).join("; ");
            report(
                `${kind} ${ns}/${asStr(at(w.props, "metadata.name")) ?? w.name}${injected} breaks the restricted Pod Security Standard${consequence}: ${list}`,
                w.urn,
            );
        }
    },
});

const LB_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
const LB_INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";
const LB_SSL_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert";
const LB_SSL_PORTS = "service.beta.kubernetes.io/aws-load-balancer-ssl-ports";

/** Why a LoadBalancer Service with these annotations and ports would be public plaintext, or undefined when it is private or TLS. */
export function publicPlaintextReason(annotations: Record<string, string>, ports: unknown[]): string | undefined {
    if (annotations[LB_SCHEME] === "internal" || ["true", "0.0.0.0/0"].includes(annotations[LB_INTERNAL] ?? ""))
        return undefined;
    const cert = annotations[LB_SSL_CERT];
    if (cert) {
        const sslPorts = (annotations[LB_SSL_PORTS] ?? "*").split(",").map((p) => p.trim());
        const plain = asList(ports).filter((p) => {
            const port = asObj(p) ?? {};
            return (
                !sslPorts.includes("*") &&
                !sslPorts.includes(String(port.port)) &&
                !sslPorts.includes(String(port.name))
            );
        });
        if (plain.length === 0) return undefined;
        return `ports ${plain.map((p) => String(asObj(p)?.port)).join(", ")} are not in ${LB_SSL_PORTS}`;
    }
    return `it has neither ${LB_SCHEME}: internal nor ${LB_SSL_CERT}`;
}

export const loadBalancerServiceScheme: ResourceValidationPolicy = resourceRule({
    name: "k8s-loadbalancer-service-private-or-tls",
    description:
        "A Kubernetes Service of type LoadBalancer must carry the AWS load balancer annotations for an internal scheme or " +
        "a TLS certificate: without them AWS provisions an internet-facing load balancer that serves plaintext, bypassing " +
        "the mesh's ingress gateway and its routing.",
    enforcementLevel: "mandatory",
    remediationSteps:
        `Make the Service ClusterIP and route outside traffic through the Istio ingress gateway, or annotate it with ${LB_SCHEME}: internal, ` +
        `or with ${LB_SSL_CERT} (an ACM ARN) and ${LB_SSL_PORTS}.`,
    types: [T.k8sService, T.helmRelease, T.helmChartV4],
    check: (props, args, report) => {
        if (args.type !== T.k8sService) {
            // Istio's `gateway` chart renders a LoadBalancer Service from its values.
            if (chartName(props) !== "gateway") return;
            const service = asObj(at(props, "values.service")) ?? {};
            if ((asStr(service.type) ?? "LoadBalancer") !== "LoadBalancer") return;
            const ports = Array.isArray(service.ports)
                ? service.ports
                : [
                      { port: 80, name: "http2" },
                      { port: 443, name: "https" },
                  ];
            const why = publicPlaintextReason((asObj(service.annotations) ?? {}) as Record<string, string>, ports);
            if (why)
                report(
                    `the gateway chart's LoadBalancer Service would be public and plaintext: ${why} (values.service.annotations)`,
                );
            return;
        }
        if (asStr(at(props, "spec.type")) !== "LoadBalancer") return;
        const why = publicPlaintextReason(
            (asObj(at(props, "metadata.annotations")) ?? {}) as Record<string, string>,
            asList(at(props, "spec.ports")),
        );
        if (why)
            report(
                `Service ${namespaceOf(props)}/${asStr(at(props, "metadata.name")) ?? args.name} of type LoadBalancer would be public and plaintext: ${why}`,
            );
    },
});

function matches(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
    const keys = Object.keys(selector);
    return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

export const hpaHasPdb: StackValidationPolicy = stackRule({
    name: "k8s-hpa-workload-has-pdb",
    description:
        "A workload an HPA scales should have a PodDisruptionBudget: node drains (upgrades, consolidation, spot " +
        "interruptions) otherwise evict all its pods at once.",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add a PodDisruptionBudget selecting the workload's pods (KubernetesService's podDisruptionBudget, on by default).",
    check: (resources, _args, report) => {
        const pdbs = ofTypes(resources, T.k8sPdb);
        for (const hpa of ofTypes(resources, T.k8sHpa)) {
            const ns = namespaceOf(hpa.props);
            const ref = asObj(at(hpa.props, "spec.scaleTargetRef")) ?? {};
            const target = ofTypes(resources, ...WORKLOAD_TYPES).find(
                (w) =>
                    asStr(w.props.kind) === asStr(ref.kind) &&
                    asStr(at(w.props, "metadata.name")) === asStr(ref.name) &&
                    namespaceOf(w.props) === ns,
            );
            if (!target) continue;
            const labels = (podTemplateOf(target.props)?.metadata.labels ?? {}) as Record<string, unknown>;
            const covered = pdbs.some(
                (p) =>
                    namespaceOf(p.props) === ns &&
                    matches(asObj(at(p.props, "spec.selector.matchLabels")) ?? {}, labels),
            );
            if (!covered)
                report(
                    `${asStr(ref.kind)} ${ns}/${asStr(ref.name)} is scaled by an HPA but no PodDisruptionBudget selects its pods`,
                    target.urn,
                );
        }
    },
});

export const imagesPinned: ResourceValidationPolicy = resourceRule({
    name: "k8s-image-pinned",
    description:
        "Container images should be pinned to a version tag other than `latest`, or to a digest: a moving tag changes " +
        "what runs without a change in the program, and nodes disagree on what it points to.",
    enforcementLevel: "advisory",
    remediationSteps: 'Use image: "repo/name:1.2.3" or "repo/name@sha256:…".',
    types: WORKLOAD_TYPES,
    check: (props, _args, report) => {
        const t = podTemplateOf(props);
        if (!t) return;
        for (const key of ["initContainers", "containers"] as const) {
            asList(t.spec[key]).forEach((c, i) => {
                const image = asStr(asObj(c)?.image);
                const why = image === undefined ? "is not set" : imageProblem(image);
                if (why) report(`${t.path}.${key}[${i}].image ${why}`);
            });
        }
    },
});
