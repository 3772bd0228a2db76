// Code the lambda tier's components share: the runtime table and expression checks.

export * from "./expressions";
export * from "./runtimes";
