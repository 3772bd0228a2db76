// The lambda tier's public exports.
export * from "./function";
export type { RuntimeSchedule as LambdaRuntimeSchedule, RuntimeStatus as LambdaRuntimeStatus } from "./shared/runtimes";
export {
    DEFAULT_LAMBDA_RUNTIME,
    LAMBDA_RUNTIMES,
    runtimeStatus as lambdaRuntimeStatus,
    supportedRuntimes as supportedLambdaRuntimes,
} from "./shared/runtimes";
