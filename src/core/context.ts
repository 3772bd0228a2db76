import * as pulumi from "@pulumi/pulumi";

/**
 * What a planner may know of the world besides its args: the stack it plans for and the time it
 * plans at. Components pass `planContext()`; tests pass fixed values, so every plan is a pure
 * function of `(name, args, ctx)`.
 */
export interface PlanContext {
    /** The Pulumi stack name (`pulumi.getStack()`), used in physical names and tags. */
    stack: string;
    /** The time of planning: runtime deprecation dates, certificate and schedule checks compare against it. */
    now: Date;
}

/** The context a component passes to its planner: the current stack and the current time. */
export function planContext(): PlanContext {
    return { stack: pulumi.getStack(), now: new Date() };
}
