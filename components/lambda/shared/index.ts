// Code the lambda tier's components share: the runtime table, expression checks, child plans and
// the event sources' checks and layouts.
export * from "./children";
export * from "./expressions";
export * from "./http-api";
export * from "./runtimes";
export * from "./sources";
