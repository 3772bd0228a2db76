export * from "./validation";
export * from "./naming";
export * from "./tags";
