import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import type { IstioGatewayArgs } from "./args";
import { planIstioGateway } from "./plan";

/**
 * The ingress `Gateway` of an Istio ingress gateway deployment: HTTPS with a certificate from a
 * Kubernetes Secret (and HTTP on 80 only to redirect), or plain HTTP behind an NLB or ALB that
 * terminates TLS. Optionally JWT authentication at the gateway: a `RequestAuthentication` for the
 * issuers and a DENY `AuthorizationPolicy` for requests without a valid token.
 *
 * Bind routes to it with `IstioTrafficPolicy`'s `gateways: [gateway.gatewayRef, "mesh"]`. Every
 * argument is checked before anything is registered. Pass the cluster's Kubernetes provider in
 * `opts.provider`; the gateway deployment (the `gateway` Helm chart) and Istio's CRDs must exist.
 */
export class IstioGateway extends pulumi.ComponentResource {
    /** The type token; never changes once released. */
    static readonly TYPE = "compute-layer:index:IstioGateway";

    /** The Gateway. */
    readonly gateway: k8s.apiextensions.CustomResource;
    /** The RequestAuthentication, when `jwt` is set. */
    readonly requestAuthentication?: k8s.apiextensions.CustomResource;
    /** The DENY policy for requests without a valid token, when `jwt.required`. */
    readonly jwtRequired?: k8s.apiextensions.CustomResource;
    /** `<namespace>/<name>`: put it in a VirtualService's `gateways`. */
    readonly gatewayRef: string;

    constructor(name: string, args: IstioGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planIstioGateway(name, args, planContext());
        super(IstioGateway.TYPE, name, {}, opts);
        const create = (p: { suffix: string; object: k8s.apiextensions.CustomResourceArgs }) =>
            new k8s.apiextensions.CustomResource(childName(name, p.suffix), p.object, { parent: this });
        this.gatewayRef = plan.gatewayRef;
        this.gateway = create(plan.gateway);
        if (plan.requestAuthentication) this.requestAuthentication = create(plan.requestAuthentication);
        if (plan.jwtRequired) this.jwtRequired = create(plan.jwtRequired);
        this.registerOutputs({
            gateway: this.gateway,
            requestAuthentication: this.requestAuthentication,
            jwtRequired: this.jwtRequired,
            gatewayRef: this.gatewayRef,
        });
    }
}
