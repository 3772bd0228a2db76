// EksCluster: args, schema, planner (and its parts) and component.
export * from "./access";
export * from "./addons";
export * from "./args";
export * from "./autoscaler";
export * from "./eks-cluster";
export * from "./karpenter";
export * from "./keda";
export * from "./load-balancer-controller";
export * from "./plan";
export * from "./schema";
