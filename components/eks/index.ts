// The eks tier's public exports.
export * from "./cluster";
export * from "./shared";
