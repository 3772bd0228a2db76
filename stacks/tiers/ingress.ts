import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
// IstioGateway from its tier: the generated root index does not list it yet.
import { IstioGateway } from "../../src";
import type { SystemContext } from "./context";
import { INGRESS, type Mesh, WEB_GATEWAY } from "./mesh";

/** The public host of web-app: `app.<domain>`. */
export const webAppHost = (ctx: SystemContext) => `app.${ctx.config.domain}`;

/**
 * The ALB in front of web-app: internet-facing, HTTPS on 443 with the stack's certificate and a
 * TLS 1.2+ policy (HTTP only redirects; the defaults of `KubernetesService.ingress`), tagged with
 * the environment.
 */
export function webAppIngress(ctx: SystemContext) {
    const certificateArn = ctx.config.certificateArn;
    if (!certificateArn) throw new Error(`the ${ctx.env} ingress needs compute-layer:certificateArn (HTTPS only)`);
    return {
        rules: [{ host: webAppHost(ctx) }],
        certificateArn,
        scheme: "internet-facing" as const,
        tags: { environment: ctx.env },
    };
}

/**
 * The controller's annotations for {@link webAppIngress} in front of a Service that is not a
 * KubernetesService (the Istio ingress gateway's): the same ALB, and the documented keys
 * (kubernetes-sigs.github.io/aws-load-balancer-controller, "Ingress annotations").
 */
function albAnnotations(ctx: SystemContext, healthCheck: { port: string; path: string }) {
    const alb = webAppIngress(ctx);
    return {
        "alb.ingress.kubernetes.io/scheme": alb.scheme,
        "alb.ingress.kubernetes.io/target-type": "ip",
        // HTTP only redirects to HTTPS, as on the KubernetesService's own Ingress (staging).
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
        "alb.ingress.kubernetes.io/ssl-redirect": "443",
        "alb.ingress.kubernetes.io/certificate-arn": alb.certificateArn,
        "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "alb.ingress.kubernetes.io/healthcheck-port": healthCheck.port,
        "alb.ingress.kubernetes.io/healthcheck-path": healthCheck.path,
        "alb.ingress.kubernetes.io/tags": `environment=${ctx.env}`,
    };
}

/**
 * External traffic into the mesh: an ALB (HTTPS 443, made by the AWS Load Balancer Controller from
 * an Ingress) → the Istio ingress gateway's pods (ClusterIP Service, `ip` targets, health-checked on
 * the gateway's status port 15021 `/healthz/ready`) → the `web-gateway` Gateway (HTTP on 80 for
 * `app.<domain>`, only for VirtualServices in `production`) → the canary's VirtualService, which
 * splits 90/10 exactly as it does for callers inside the mesh.
 */
export function meshIngress(
    ctx: SystemContext,
    provider: k8s.Provider,
    mesh: Mesh,
    controller: pulumi.Resource[],
): string {
    const gateway = new IstioGateway(
        WEB_GATEWAY.split("/")[1],
        {
            namespace: INGRESS.namespace,
            selector: { istio: INGRESS.selector },
            hosts: [`production/${webAppHost(ctx)}`],
            // TLS ends at the ALB, which reaches the gateway's pods on plain HTTP 80 (ClusterIP, ip targets).
            loadBalancerTls: { port: 80 },
        },
        { provider, dependsOn: [mesh.gateway] },
    );
    const backend = { namespace: INGRESS.namespace, service: INGRESS.name, port: 80 };
    albIngress(
        ctx,
        "web-ingress",
        backend,
        { provider, dependsOn: [mesh.gateway, ...controller] },
        {
            port: "15021",
            path: "/healthz/ready",
        },
    );
    return gateway.gatewayRef;
}

/** An Ingress for `app.<domain>` to one Service, which the AWS Load Balancer Controller turns into an HTTPS ALB. */
function albIngress(
    ctx: SystemContext,
    name: string,
    backend: { namespace: string; service: pulumi.Input<string>; port: number },
    opts: pulumi.CustomResourceOptions,
    healthCheck: { port: string; path: string },
): k8s.networking.v1.Ingress {
    const path = {
        path: "/",
        pathType: "Prefix",
        backend: { service: { name: backend.service, port: { number: backend.port } } },
    };
    return new k8s.networking.v1.Ingress(
        name,
        {
            metadata: { name: "web", namespace: backend.namespace, annotations: albAnnotations(ctx, healthCheck) },
            spec: { ingressClassName: "alb", rules: [{ host: webAppHost(ctx), http: { paths: [path] } }] },
        },
        opts,
    );
}
