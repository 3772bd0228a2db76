// LambdaFunction: its args, planner and component.
export * from "./args";
export { LambdaFunction } from "./lambda-function";
export type { LambdaCodePlan, LambdaFunctionPlan } from "./plan";
export { LAMBDA_DEFAULTS, planLambdaFunction } from "./plan";
