import * as k8s from "@pulumi/kubernetes";
import type { SystemContext } from "./context";

const ISTIO_CHARTS = { repo: "https://istio-release.storage.googleapis.com/charts" };

/** The ingress gateway's namespace, name and the `istio:` label its pods carry (the chart's `trimPrefix "istio-"`). */
export const INGRESS = {
    namespace: "istio-ingress",
    name: "istio-ingressgateway",
    selector: "ingressgateway",
} as const;

/** The Istio Gateway the canary's VirtualService binds to, as `<namespace>/<name>`. */
export const WEB_GATEWAY = `${INGRESS.namespace}/web-gateway`;

/** The installed mesh: the control plane and the ingress gateway. */
export interface Mesh {
    istiod: k8s.helm.v3.Release;
    gateway: k8s.helm.v3.Release;
}

/**
 * Istio from its official Helm charts, every chart at the configured version: the CRDs (`base`),
 * the CNI node agent (`cni`), the control plane told to rely on it (`pilot.cni.enabled`, so
 * injected pods get the non-root `istio-validation` init container instead of the root
 * `istio-init` with NET_ADMIN/NET_RAW, and pass the restricted Pod Security Standard), and the
 * ingress gateway (`gateway`) behind a ClusterIP Service.
 */
export function istio(ctx: SystemContext, provider: k8s.Provider): Mesh | undefined {
    const mesh = ctx.config.mesh;
    if (!mesh) return undefined;
    const chart = (name: string, namespace = "istio-system") => ({
        chart: name,
        version: mesh.istioVersion,
        repositoryOpts: ISTIO_CHARTS,
        namespace,
    });
    const base = new k8s.helm.v3.Release("istio-base", { ...chart("base"), createNamespace: true }, { provider });
    const cni = new k8s.helm.v3.Release("istio-cni", chart("cni"), { provider, dependsOn: [base] });
    const istiod = new k8s.helm.v3.Release(
        "istiod",
        { ...chart("istiod"), values: { pilot: { autoscaleMin: 2, cni: { enabled: true } } } },
        { provider, dependsOn: [base, cni] },
    );
    const gatewayValues = {
        name: INGRESS.name,
        // Reached only through the ALB of the Ingress below: no LoadBalancer Service of its own.
        service: { type: "ClusterIP" },
        autoscaling: { minReplicas: 2 },
        podDisruptionBudget: { minAvailable: 1 },
    };
    const gateway = new k8s.helm.v3.Release(
        "istio-ingress",
        { ...chart("gateway", INGRESS.namespace), createNamespace: true, values: gatewayValues },
        { provider, dependsOn: [istiod] },
    );
    return { istiod, gateway };
}
