import { runSelectedEnvironment } from "./environments";

// Pulumi's entry point (Pulumi.yaml `main: stacks/index.ts`). The module itself is the program
// function, which Pulumi calls; its result is the stack's outputs.
export = async () => runSelectedEnvironment();
