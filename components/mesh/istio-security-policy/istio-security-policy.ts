import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import type { IstioSecurityPolicyArgs } from "./args";
import { planIstioSecurityPolicy } from "./plan";

/**
 * Mutual TLS and authorization for one namespace of an Istio mesh: a namespace-wide
 * `PeerAuthentication` (STRICT unless told otherwise), workload-level ones with port exceptions,
 * an optional allow-nothing policy (default deny), and `AuthorizationPolicy` objects (ALLOW, DENY or
 * CUSTOM over principals, service accounts, namespaces, methods, paths, ports and JWT claims).
 *
 * Every argument is checked before anything is registered. Pass the cluster's Kubernetes provider
 * in `opts.provider`; Istio's CRDs must be installed.
 */
export class IstioSecurityPolicy extends pulumi.ComponentResource {
    /** The type token; never changes once released. */
    static readonly TYPE = "compute-layer:index:IstioSecurityPolicy";

    /** The PeerAuthentications, by child-name suffix (`mtls`, `mtls-<key>`). */
    readonly peerAuthentications: Record<string, k8s.apiextensions.CustomResource>;
    /** The AuthorizationPolicies, by child-name suffix (`allow-nothing`, `<key>`). */
    readonly authorizationPolicies: Record<string, k8s.apiextensions.CustomResource>;

    constructor(name: string, args: IstioSecurityPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planIstioSecurityPolicy(name, args, planContext());
        super(IstioSecurityPolicy.TYPE, name, {}, opts);
        const create = (p: { suffix: string; object: k8s.apiextensions.CustomResourceArgs }) =>
            [
                p.suffix,
                new k8s.apiextensions.CustomResource(childName(name, p.suffix), p.object, { parent: this }),
            ] as const;
        // mTLS first: an authorization rule on principals needs the peers' mTLS identities.
        this.peerAuthentications = Object.fromEntries(plan.peerAuthentications.map(create));
        this.authorizationPolicies = Object.fromEntries(plan.authorizationPolicies.map(create));
        this.registerOutputs({
            peerAuthentications: this.peerAuthentications,
            authorizationPolicies: this.authorizationPolicies,
        });
    }
}
