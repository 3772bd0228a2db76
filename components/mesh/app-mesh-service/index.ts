export { AppMeshService } from "./app-mesh-service";
export * from "./args";
export {
    APPMESH_DEPRECATION,
    type AppMeshDuration,
    type AppMeshHealthCheckSpec,
    type AppMeshNodePlan,
    type AppMeshServicePlan,
    appMeshDuration,
    planAppMeshService,
} from "./plan";
export { appMeshServiceArgsSchema } from "./schema";
