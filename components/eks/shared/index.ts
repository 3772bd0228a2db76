// Code shared by the eks tier's components.
export * from "./iam";
export * from "./lists";
export * from "./versions";
