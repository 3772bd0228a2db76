// EksCluster: args, schema, planner and component.
export * from "./args";
export * from "./autoscaler";
export * from "./eks-cluster";
export * from "./plan";
export * from "./schema";
