// Code the mesh tier's components share.

export * from "./checks";
export * from "./duration";
export * from "./istio-object";
