// LambdaFunction: its args, shape, planner and component.
export * from "./args";
export { LambdaFunction } from "./lambda-function";
export type {
    AlbPlan,
    ChildPlan,
    FunctionUrlPlan,
    HttpApiPlan,
    LambdaCodePlan,
    LambdaFunctionPlan,
    PermissionPlan,
    RulePlan,
    ScalingPlan,
    StatementPlan,
} from "./plan";
export { LAMBDA_DEFAULTS, planLambdaFunction } from "./plan";
export { LAMBDA_LIST_LIMITS, lambdaFunctionArgsSchema } from "./schema";
