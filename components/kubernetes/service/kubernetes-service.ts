import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { awsContext, childName, planContext } from "../../../src/core";
import { resolvePolicy } from "../../eks/shared";
import type { KubernetesServiceArgs } from "./args";
import { IRSA_ROLE_ANNOTATION } from "./aws-access";
import { type KubernetesObjectMeta, planKubernetesService } from "./plan";

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
    /** KEDA's ScaledObject, when `autoScaling.engine` is `keda`. */
    readonly scaledObject?: k8s.apiextensions.CustomResource;
    /** The TriggerAuthentication of the SQS trigger. */
    readonly triggerAuthentication?: k8s.apiextensions.CustomResource;
    /** The pods' ServiceAccount, when `awsAccess` is set. */
    readonly serviceAccount?: k8s.core.v1.ServiceAccount;
    /** The pods' IAM role, when `awsAccess.statements` is set. */
    readonly role?: aws.iam.Role;
    /** The role's inline policy. */
    readonly rolePolicy?: aws.iam.RolePolicy;
    /** The EKS Pod Identity association, when `awsAccess.binding` is `podIdentity`. */
    readonly podIdentityAssociation?: aws.eks.PodIdentityAssociation;
    /** The Ingress, when `ingress` is set. */
    readonly ingress?: k8s.networking.v1.Ingress;
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
            this.namespace = new k8s.core.v1.Namespace(childName(name, "namespace"), plan.namespaceObject, {
                parent: this,
            });
            // Reading the name from the resource makes every object wait for the namespace.
            namespace = this.namespace.metadata.name;
        }
        this.namespaceName = pulumi.output(namespace);
        // The planned object with the namespace as an Output (a reference to the created Namespace).
        const inNamespace = <T extends { metadata: KubernetesObjectMeta }>(o: T) => ({
            ...o,
            metadata: { ...o.metadata, namespace },
        });

        this.deployment = new k8s.apps.v1.Deployment(childName(name, "deployment"), inNamespace(plan.deployment), {
            parent: this,
            ...(plan.deploymentIgnoreChanges.length > 0 ? { ignoreChanges: plan.deploymentIgnoreChanges } : {}),
        });
        if (plan.service) {
            this.service = new k8s.core.v1.Service(childName(name, "service"), inNamespace(plan.service), {
                parent: this,
            });
        }
        if (plan.hpa) {
            this.hpa = new k8s.autoscaling.v2.HorizontalPodAutoscaler(childName(name, "hpa"), inNamespace(plan.hpa), {
                parent: this,
                dependsOn: [this.deployment],
            });
        }
        if (plan.pdb) {
            this.pdb = new k8s.policy.v1.PodDisruptionBudget(childName(name, "pdb"), inNamespace(plan.pdb), {
                parent: this,
            });
        }
        if (plan.triggerAuthentication) {
            this.triggerAuthentication = new k8s.apiextensions.CustomResource(
                childName(name, "trigger-auth"),
                inNamespace(plan.triggerAuthentication),
                {
                    parent: this,
                },
            );
        }
        if (plan.scaledObject) {
            this.scaledObject = new k8s.apiextensions.CustomResource(
                childName(name, "scaled-object"),
                inNamespace(plan.scaledObject),
                {
                    parent: this,
                    dependsOn: [this.deployment, ...(this.triggerAuthentication ? [this.triggerAuthentication] : [])],
                },
            );
        }
        if (plan.ingress) {
            this.ingress = new k8s.networking.v1.Ingress(childName(name, "ingress"), inNamespace(plan.ingress), {
                parent: this,
                ...(this.service ? { dependsOn: [this.service] } : {}),
            });
        }
        const access = plan.awsAccess;
        if (access && plan.serviceAccount) {
            if (access.role) {
                const aws_ = awsContext(this);
                const issuer =
                    access.refs.oidcIssuer !== undefined
                        ? pulumi.output(access.refs.oidcIssuer).apply((i) => i.replace(/^https:\/\//, ""))
                        : undefined;
                const refs: Record<string, pulumi.Input<string>> = {
                    partition: aws_.partition,
                    region: aws_.region,
                    accountId: aws_.accountId,
                    ...(access.refs.clusterName !== undefined ? { clusterName: access.refs.clusterName } : {}),
                    ...(access.refs.oidcProviderArn !== undefined
                        ? { oidcProviderArn: access.refs.oidcProviderArn }
                        : {}),
                    ...(issuer ? { oidcIssuer: issuer } : {}),
                };
                this.role = new aws.iam.Role(
                    childName(name, "role"),
                    {
                        description: access.role.description,
                        assumeRolePolicy: resolvePolicy(access.role.assumeRolePolicy, refs),
                        tags: access.role.tags,
                    },
                    { parent: this },
                );
                this.rolePolicy = new aws.iam.RolePolicy(
                    childName(name, "role-policy"),
                    { role: this.role.id, policy: pulumi.jsonStringify(pulumi.output(access.role.inlinePolicy)) },
                    { parent: this },
                );
            }
            const roleArn = this.role ? this.role.arn : access.roleArn;
            const irsa: Record<string, pulumi.Input<string>> = access.binding === "irsa" && this.role
                ? { [IRSA_ROLE_ANNOTATION]: this.role.arn }
                : {};
            const saMeta = inNamespace(plan.serviceAccount).metadata;
            const annotations = { ...(saMeta.annotations ?? {}), ...irsa };
            this.serviceAccount = new k8s.core.v1.ServiceAccount(
                childName(name, "service-account"),
                {
                    metadata: { ...saMeta, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
                    automountServiceAccountToken: plan.serviceAccount.automountServiceAccountToken,
                },
                { parent: this },
            );
            if (access.podIdentityAssociation && roleArn !== undefined) {
                this.podIdentityAssociation = new aws.eks.PodIdentityAssociation(
                    childName(name, "pod-identity"),
                    { ...access.podIdentityAssociation, roleArn },
                    { parent: this, ...(this.rolePolicy ? { dependsOn: [this.rolePolicy] } : {}) },
                );
            }
        }

        this.registerOutputs({
            name: plan.name,
            namespace: this.namespaceName,
            deployment: this.deployment,
            service: this.service,
            hpa: this.hpa,
            pdb: this.pdb,
            scaledObject: this.scaledObject,
            serviceAccount: this.serviceAccount,
            role: this.role,
            podIdentityAssociation: this.podIdentityAssociation,
            ingress: this.ingress,
        });
    }
}
