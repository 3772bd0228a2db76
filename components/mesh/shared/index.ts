// Code the mesh tier's components share.
export * from "./duration";
export * from "./istio-object";
export * from "./checks";
