export { capturePlan, runPlan, revealSecret, secretDigest } from "./engine";
export type { PlanOptions, PlanResult, Program } from "./engine";
export { DEFAULT_CALLS, DEFAULT_RESOURCES, renderPolicyDocument } from "./mocks";
export type { CallHandler, MockAnswers, MockContext, ResourceHandler } from "./mocks";
export { renderJson, renderTree, summaryLine } from "./render";
export { loadStackConfig } from "./config";
export * from "./types";
