export * from "./validation";
export * from "./naming";
export * from "./tags";
export * from "./limits";
export * from "./syntax";
