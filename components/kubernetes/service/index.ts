export * from "./args";
export { IRSA_ROLE_ANNOTATION } from "./aws-access";
export { ALB_ANNOTATION_PREFIX, ALB_ANNOTATIONS, DEFAULT_SSL_POLICY } from "./ingress";
export { KubernetesService } from "./kubernetes-service";
export {
    type KubernetesObjectMeta,
    type KubernetesObjectPlan,
    type KubernetesServicePlan,
    planKubernetesService,
} from "./plan";
export { kubernetesAutoScalingSchema, kubernetesServiceArgsSchema } from "./schema";
