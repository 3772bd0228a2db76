export * from "./args";
export { appMeshServiceArgsSchema } from "./schema";
export { AppMeshService } from "./app-mesh-service";
export {
    planAppMeshService,
    appMeshDuration,
    type AppMeshServicePlan,
    type AppMeshNodePlan,
    type AppMeshHealthCheckSpec,
    type AppMeshDuration,
    APPMESH_DEPRECATION,
} from "./plan";
