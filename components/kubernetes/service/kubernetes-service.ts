import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import type { KubernetesServiceArgs } from "./args";
import { type KubernetesObjectPlan, planKubernetesService } from "./plan";

/**
 * A Kubernetes workload on any conformant cluster (EKS or not): a Deployment with probes,
 * resources and the restricted pod security profile, a Service, an optional
 * HorizontalPodAutoscaler (autoscaling/v2), a PodDisruptionBudget whenever there can be 2 or more
 * pods, and optionally its namespace.
 *
 * Pass the cluster's provider as `{ provider }`; every child uses it.
 *
 * **Replicas and the autoscaler.** With `autoScaling`, the Deployment is created with `replicas`
 * (default `autoScaling.min`) and has `spec.replicas` in `ignoreChanges`, so `pulumi up` never
 * resets the count the autoscaler chose. (Leaving `spec.replicas` out instead would start every
 * new Deployment at 1 pod until the HPA catches up; with `ignoreChanges` the provider drops the
 * field from its apply once the HPA owns it, so there is no server-side-apply conflict either.)
 *
 * All args are checked before anything is registered; problems are thrown together as one
 * `pulumi.InputPropertiesError`.
 */
export class KubernetesService extends pulumi.ComponentResource {
    static readonly TYPE = "compute-layer:index:KubernetesService";

    /** The namespace, when `createNamespace` is true. */
    readonly namespace?: k8s.core.v1.Namespace;
    /** The Deployment. */
    readonly deployment: k8s.apps.v1.Deployment;
    /** The Service; `undefined` when `service.enabled` is false. */
    readonly service?: k8s.core.v1.Service;
    /** The HorizontalPodAutoscaler, when `autoScaling` is set. */
    readonly hpa?: k8s.autoscaling.v2.HorizontalPodAutoscaler;
    /** The PodDisruptionBudget, when there can be 2 or more pods and it is not turned off. */
    readonly pdb?: k8s.policy.v1.PodDisruptionBudget;
    /** The objects' `metadata.name`. */
    readonly name: string;
    /** The namespace the objects are in (`undefined`: the provider's default namespace). */
    readonly namespaceName: pulumi.Output<string | undefined>;

    constructor(name: string, args: KubernetesServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planKubernetesService(name, args, planContext());
        super(KubernetesService.TYPE, name, {}, opts);
        this.name = plan.name;

        let namespace: pulumi.Input<string> | undefined = plan.namespace;
        if (plan.namespaceObject) {
            this.namespace = new k8s.core.v1.Namespace(childName(name, "namespace"), plan.namespaceObject, { parent: this });
            // Reading the name from the resource makes every object wait for the namespace.
            namespace = this.namespace.metadata.name;
        }
        this.namespaceName = pulumi.output(namespace);
        // The planned object with the namespace as an Output (a reference to the created Namespace).
        const inNamespace = <S>(o: KubernetesObjectPlan<S>) => ({ ...o, metadata: { ...o.metadata, namespace } });

        this.deployment = new k8s.apps.v1.Deployment(childName(name, "deployment"), inNamespace(plan.deployment), {
            parent: this,
            ...(plan.deploymentIgnoreChanges.length > 0 ? { ignoreChanges: plan.deploymentIgnoreChanges } : {}),
        });
        if (plan.service) {
            this.service = new k8s.core.v1.Service(childName(name, "service"), inNamespace(plan.service), { parent: this });
        }
        if (plan.hpa) {
            this.hpa = new k8s.autoscaling.v2.HorizontalPodAutoscaler(childName(name, "hpa"), inNamespace(plan.hpa), {
                parent: this,
                dependsOn: [this.deployment],
            });
        }
        if (plan.pdb) {
            this.pdb = new k8s.policy.v1.PodDisruptionBudget(childName(name, "pdb"), inNamespace(plan.pdb), { parent: this });
        }

        this.registerOutputs({
            name: plan.name,
            namespace: this.namespaceName,
            deployment: this.deployment,
            service: this.service,
            hpa: this.hpa,
            pdb: this.pdb,
        });
    }
}
