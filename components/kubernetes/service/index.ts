export * from "./args";
export { kubernetesServiceArgsSchema, kubernetesAutoScalingSchema } from "./schema";
export { ALB_ANNOTATION_PREFIX, ALB_ANNOTATIONS, DEFAULT_SSL_POLICY } from "./ingress";
export { IRSA_ROLE_ANNOTATION } from "./aws-access";
export { KubernetesService } from "./kubernetes-service";
export {
    planKubernetesService,
    type KubernetesServicePlan,
    type KubernetesObjectPlan,
    type KubernetesObjectMeta,
} from "./plan";
