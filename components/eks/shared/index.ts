// Code shared by the eks tier's components.
export * from "./iam";
export * from "./versions";
