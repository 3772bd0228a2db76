// The mesh tier's public exports.
export * from "./istio-traffic-policy";
export { parseIstioDuration } from "./shared/duration";
export * from "./app-mesh-service";
