// The ecs tier's public exports.
export * from "./cluster";
export * from "./service";
export type { PlannedContainer, PlannedHealthCheck, PlannedPortMapping } from "./shared/containers";
