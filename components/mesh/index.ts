// The mesh tier's public exports.
export * from "./istio-args";
export { IstioTrafficPolicy } from "./istio-traffic-policy";
export { planIstioTrafficPolicy, IstioTrafficPolicyPlan, IstioVirtualServiceSpec, IstioDestinationRuleSpec, IstioHttpRouteSpec, IstioTrafficPolicySpec, IstioStringMatchSpec } from "./istio-plan";
export { parseIstioDuration } from "./duration";
export * from "./appmesh-args";
export { AppMeshService } from "./appmesh-service";
export { planAppMeshService, appMeshDuration, AppMeshServicePlan, AppMeshNodePlan, AppMeshHealthCheckSpec, AppMeshDuration, APPMESH_DEPRECATION } from "./appmesh-plan";
