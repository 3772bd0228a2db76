// The mesh tier's public exports.
export * from "./istio-traffic-policy";
export * from "./istio-security-policy";
export * from "./istio-gateway";
export { parseIstioDuration } from "./shared/duration";
export * from "./app-mesh-service";
