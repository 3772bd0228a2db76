/**
 * The shared test harness: the offline plan engine itself, plus small helpers to query a plan.
 * Nothing else in the repo mocks Pulumi.
 */
export * from "../../src/plan/engine";
export * from "../../src/plan/mocks";
export * from "../../src/plan/types";
export * from "./query";
