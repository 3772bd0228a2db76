// Code the kubernetes tier's components share: image references, object names, quantities.

export * from "./image";
export * from "./names";
export * from "./quantity";
