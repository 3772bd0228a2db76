export { capturePlan, machineKeyFile, planSecretKey, runPlan, revealSecret, secretDigest, secretKeyId } from "./engine";
export type { PlanOptions, PlanResult, Program } from "./engine";
export { DEFAULT_CALLS, DEFAULT_RESOURCES, renderPolicyDocument } from "./mocks";
export type { CallHandler, MockAnswers, MockContext, NewResourceArgs, ResourceHandler } from "./mocks";
export { bundleProgram, loadProgramModule } from "./load";
export { renderJson, renderTree, summaryLine } from "./render";
export { loadStackConfig } from "./config";
export * from "./types";
export {
    diffPlans,
    diffExitCode,
    diffSummary,
    isStateful,
    parsePlan,
    PlanFileError,
    readPlanFile,
    renderDiffMarkdown,
    renderDiffText,
    STATEFUL_TYPES,
} from "./diff";
export type { ComponentRef, DiffGroup, FailOn, InputChange, MarkdownOptions, PlanDiff, ResourceChange } from "./diff";
export { renderMermaid } from "./mermaid";
