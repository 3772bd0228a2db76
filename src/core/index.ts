export * from "./validation";
export * from "./naming";
export * from "./tags";
export * from "./limits";
export * from "./syntax";
export * from "./context";
export * from "./shape";
export * from "./aws-context";
