export * from "./aws-context";
export * from "./context";
export * from "./limits";
export * from "./naming";
export * from "./shape";
export * from "./syntax";
export * from "./tags";
export * from "./validation";
