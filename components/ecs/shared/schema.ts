import * as pulumi from "@pulumi/pulumi";
import { defaultTags, isKnown, type Tags } from "../../../src/core";
import { input, z } from "../../../src/core/shape";

/** Tags: plain keys, values that may be Outputs. */
export const tagsSchema = z.record(z.string(), input(z.string()));

/** The default tags merged under the user's; tags given as an Output are merged when they resolve. */
export function planTags(name: string, userTags: pulumi.Input<Tags> | undefined): pulumi.Input<Tags> {
    if (userTags === undefined || isKnown(userTags)) return defaultTags(name, userTags);
    return pulumi.output(userTags).apply((t) => defaultTags(name, t ?? undefined));
}
