import * as pulumi from "@pulumi/pulumi";
import { dev } from "./dev";
import { prod } from "./prod";
import { staging } from "./staging";

/** The environment programs, by stack name. Add a fourth here (see README, "Adding an environment"). */
export const ENVIRONMENTS = { dev, staging, prod } as const;

/** Picks the environment program by `pulumi.getStack()` and runs it; the result is the stack's outputs. */
export function runSelectedEnvironment() {
    const stack = pulumi.getStack();
    const program = (ENVIRONMENTS as Record<string, (() => unknown) | undefined>)[stack];
    if (!program) {
        throw new Error(`unknown stack "${stack}": compute-layer's environments are ${Object.keys(ENVIRONMENTS).join(", ")} (stacks/Pulumi.<env>.yaml)`);
    }
    return program();
}
