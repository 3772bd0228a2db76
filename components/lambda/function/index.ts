// LambdaFunction: its args, planner and component.
export * from "./args";
export { LambdaFunction } from "./lambda-function";
export { planLambdaFunction, LAMBDA_DEFAULTS } from "./plan";
export type { LambdaFunctionPlan, LambdaCodePlan } from "./plan";
