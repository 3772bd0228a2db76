// The lambda tier's public exports.
export * from "./args";
export { LambdaFunction } from "./lambdaFunction";
export { planLambdaFunction, LAMBDA_DEFAULTS } from "./plan";
export type { LambdaFunctionPlan, LambdaCodePlan } from "./plan";
export { LAMBDA_RUNTIMES, DEFAULT_LAMBDA_RUNTIME, runtimeStatus as lambdaRuntimeStatus, supportedRuntimes as supportedLambdaRuntimes } from "./runtimes";
export type { RuntimeSchedule as LambdaRuntimeSchedule, RuntimeStatus as LambdaRuntimeStatus } from "./runtimes";
