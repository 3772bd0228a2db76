/**
 * The benchmark's system: N ALB-fronted Fargate services with CPU, memory and request-count
 * target tracking, under the same mocks, three ways:
 * - `computeLayer`: the library's components;
 * - `floor`: the same system written by hand with raw `@pulumi/aws` resources. It registers the
 *   same AWS resources with the same inputs (tests/bench/systems.test.ts proves it), so the
 *   ratio measures what the library itself costs: its components, checks and plumbing;
 * - `minimal`: a smaller system a hurried user might write instead (inline security-group rules,
 *   no tags, trust policies without the confused-deputy conditions, fewer explicit settings). The
 *   ratio to it also counts what the library's defaults add.
 */
export type System = (n: number) => void;

/** Each system's module, loaded when asked for. */
export const SYSTEMS: Record<string, () => System> = {
    "compute-layer": () => (require("./compute-layer") as typeof import("./compute-layer")).computeLayer,
    floor: () => (require("./floor") as typeof import("./floor")).floor,
    minimal: () => (require("./minimal") as typeof import("./minimal")).minimal,
};
