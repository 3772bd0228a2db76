// The lambda tier's public exports.
export * from "./args";
export * from "./lambdaFunction";
export { planLambdaFunction, LIVE_ALIAS, LOG_RETENTION_DAYS, RESERVED_ENVIRONMENT, LAMBDA_DEFAULTS } from "./plan";
export type { LambdaFunctionPlan, LambdaCodePlan, ProvisionedConcurrencyPlan, DeadLetterPlan, StreamSourcePlan, S3BucketPlan } from "./plan";
export { LAMBDA_RUNTIMES, DEFAULT_LAMBDA_RUNTIME, runtimeStatus, supportedRuntimes } from "./runtimes";
export type { RuntimeSchedule, RuntimeStatus } from "./runtimes";
