export * from "./args";
export { KubernetesService } from "./kubernetes-service";
export { planKubernetesService, type KubernetesServicePlan } from "./plan";
