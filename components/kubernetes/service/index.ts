export * from "./args";
export { kubernetesServiceArgsSchema, kubernetesAutoScalingSchema } from "./schema";
export { KubernetesService } from "./kubernetes-service";
export { planKubernetesService, type KubernetesServicePlan, type KubernetesObjectPlan, type KubernetesObjectMeta } from "./plan";
