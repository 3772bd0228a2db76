// The kubernetes tier's public exports.
export * from "./service";
