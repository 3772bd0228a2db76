import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import type { IstioTrafficPolicyArgs } from "./args";
import { planIstioTrafficPolicy } from "./plan";

/**
 * Istio traffic management for one service host: a `VirtualService` with the routes (header
 * and URI matches, weighted canaries, retries, timeouts) and a `DestinationRule` with the
 * subsets and traffic policies (connection pools, load balancing, outlier detection — the
 * circuit breaker), as Kubernetes custom resources.
 *
 * Every argument is validated before anything is registered: a route to an undeclared
 * subset, weights that are all 0, an invalid duration or an out-of-range limit fail with one
 * `InputPropertiesError` naming each path.
 *
 * Pass the cluster's Kubernetes provider in `opts.provider`; the custom resources use it.
 * Istio's CRDs must be installed in the cluster.
 */
export class IstioTrafficPolicy extends pulumi.ComponentResource {
    /** The type token; never changes once released. */
    static readonly TYPE = "compute-layer:index:IstioTrafficPolicy";

    /** The VirtualService; `undefined` when no `routes` were given. */
    readonly virtualService?: k8s.apiextensions.CustomResource;
    /** The DestinationRule; `undefined` when neither `subsets` nor `trafficPolicy` were given. */
    readonly destinationRule?: k8s.apiextensions.CustomResource;
    /** `metadata.name` of the VirtualService and the DestinationRule. */
    readonly resourceName: string;

    constructor(name: string, args: IstioTrafficPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planIstioTrafficPolicy(name, args, planContext());
        super(IstioTrafficPolicy.TYPE, name, {}, opts);
        for (const warning of plan.warnings) pulumi.log.warn(warning, this);

        this.resourceName = plan.metadataName;
        if (plan.destinationRule) {
            this.destinationRule = new k8s.apiextensions.CustomResource(childName(name, "dr"), plan.destinationRule, {
                parent: this,
            });
        }
        if (plan.virtualService) {
            // The DestinationRule goes first: a route to a subset Envoy does not know yet answers 503
            // (Istio's "make before break" advice for adding subsets).
            this.virtualService = new k8s.apiextensions.CustomResource(childName(name, "vs"), plan.virtualService, {
                parent: this,
                ...(this.destinationRule ? { dependsOn: [this.destinationRule] } : {}),
            });
        }
        this.registerOutputs({
            virtualService: this.virtualService,
            destinationRule: this.destinationRule,
            resourceName: this.resourceName,
        });
    }
}
