import * as pulumi from "@pulumi/pulumi";

/** Pulumi's entry point (placeholder until the environment programs land). */
export = async () => {
    return { stack: pulumi.getStack() };
};
