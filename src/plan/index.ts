export { loadStackConfig } from "./config";
export type { ComponentRef, DiffGroup, FailOn, InputChange, MarkdownOptions, PlanDiff, ResourceChange } from "./diff";
export {
    diffExitCode,
    diffPlans,
    diffSummary,
    isStateful,
    renderDiffMarkdown,
    renderDiffText,
    STATEFUL_TYPES,
} from "./diff";
export type { PlanOptions, PlanResult, Program } from "./engine";
export { capturePlan, machineKeyFile, planSecretKey, revealSecret, runPlan, secretDigest, secretKeyId } from "./engine";
export { bundleProgram, loadProgramModule } from "./load";
export { renderMermaid } from "./mermaid";
export type { CallHandler, MockAnswers, MockContext, NewResourceArgs, ResourceHandler } from "./mocks";
export { DEFAULT_CALLS, DEFAULT_RESOURCES, renderPolicyDocument } from "./mocks";
export { PlanFileError, parsePlan, readPlanFile } from "./plan-file";
export { renderJson, renderTree, summaryLine } from "./render";
export * from "./types";
