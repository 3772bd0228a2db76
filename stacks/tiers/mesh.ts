import * as k8s from "@pulumi/kubernetes";
import type { SystemContext } from "./context";

const ISTIO_CHARTS = { repo: "https://istio-release.storage.googleapis.com/charts" };

/** Istio from its official Helm charts at the configured version: the CRDs (base), then the control plane. */
export function istio(ctx: SystemContext, provider: k8s.Provider): k8s.helm.v3.Release | undefined {
    const mesh = ctx.config.mesh;
    if (!mesh) return undefined;
    const chart = (name: string) => ({
        chart: name,
        version: mesh.istioVersion,
        repositoryOpts: ISTIO_CHARTS,
        namespace: "istio-system",
    });
    const base = new k8s.helm.v3.Release("istio-base", { ...chart("base"), createNamespace: true }, { provider });
    return new k8s.helm.v3.Release(
        "istiod",
        { ...chart("istiod"), values: { pilot: { autoscaleMin: 2 } } },
        { provider, dependsOn: [base] },
    );
}
