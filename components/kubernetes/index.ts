// The kubernetes tier's public exports.
export * from "./args";
export { KubernetesService } from "./kubernetesService";
export { planKubernetesService, KubernetesServicePlan } from "./plan";
