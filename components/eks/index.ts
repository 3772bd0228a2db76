// The eks tier's public exports.
export * from "./args";
export * from "./plan";
export * from "./eks-cluster";
