// The lambda tier's public exports.
export * from "./function";
export {
    LAMBDA_RUNTIMES,
    DEFAULT_LAMBDA_RUNTIME,
    runtimeStatus as lambdaRuntimeStatus,
    supportedRuntimes as supportedLambdaRuntimes,
} from "./shared/runtimes";
export type { RuntimeSchedule as LambdaRuntimeSchedule, RuntimeStatus as LambdaRuntimeStatus } from "./shared/runtimes";
