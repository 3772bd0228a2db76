// The mesh tier's public exports.

export * from "./app-mesh-service";
export * from "./istio-gateway";
export * from "./istio-security-policy";
export * from "./istio-traffic-policy";
export { parseIstioDuration } from "./shared/duration";
