import * as pulumi from "@pulumi/pulumi";

/**
 * The environment programs, by stack name; only the selected one's module is loaded. Add a fourth
 * here (stacks/README.md, "Adding a fourth environment").
 */
export const ENVIRONMENTS: Record<string, () => () => unknown> = {
    dev: () => (require("./dev") as typeof import("./dev")).dev,
    staging: () => (require("./staging") as typeof import("./staging")).staging,
    prod: () => (require("./prod") as typeof import("./prod")).prod,
};

/** Picks the environment program by `pulumi.getStack()` and runs it; the result is the stack's outputs. */
export function runSelectedEnvironment() {
    const stack = pulumi.getStack();
    const load = Object.hasOwn(ENVIRONMENTS, stack) ? ENVIRONMENTS[stack] : undefined;
    if (!load) {
        throw new Error(
            `unknown stack "${stack}": compute-layer's environments are ${Object.keys(ENVIRONMENTS).join(", ")} (stacks/Pulumi.<env>.yaml)`,
        );
    }
    return load()();
}
