export * from "./args";
export { KubernetesService } from "./kubernetes-service";
export { planKubernetesService, type KubernetesServicePlan, type KubernetesObjectPlan, type KubernetesObjectMeta } from "./plan";
