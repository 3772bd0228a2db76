import * as pulumi from "@pulumi/pulumi";
import { isKnown, type Validator } from "./validation";

/** Tags as components take them: keys are plain, values may be Outputs. */
export type Tags = Record<string, pulumi.Input<string>>;

/** The tags every child that can be tagged carries, merged under the user's `tags`. */
export function defaultTags(component: string, userTags?: Tags): Tags {
    return { "managed-by": "compute-layer", component, ...(userTags ?? {}) };
}

/**
 * The default tags merged under the user's, for every tier: tags given as an Output (or a
 * Promise) are merged when they resolve, so the default tags are kept either way (anything but a
 * map leaves the default tags alone).
 */
export function planTags(component: string, userTags: pulumi.Input<Tags> | undefined): pulumi.Input<Tags> {
    if (userTags === undefined || isKnown(userTags)) return defaultTags(component, userTags as Tags | undefined);
    return pulumi
        .output(userTags)
        .apply((t) => defaultTags(component, t !== null && typeof t === "object" && !Array.isArray(t) ? t : undefined));
}

/**
 * AWS tag limits: at most 50 user tags a resource, keys up to 128 and values up to 256
 * characters, and the `aws:` prefix is reserved.
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions
 */
export function validateTags(v: Validator, tags: Tags | undefined, path = "tags"): void {
    if (!tags) return;
    const keys = Object.keys(tags);
    // Two of the 50 are the default tags.
    if (keys.length > 48)
        v.add(path, `must have at most 48 tags, leaving room for the 2 default tags (got ${keys.length})`);
    for (const key of keys) {
        const p = `${path}.${key}`;
        if (key.length === 0 || key.length > 128) v.add(p, `tag keys must be 1 to 128 characters (got ${key.length})`);
        if (key.toLowerCase().startsWith("aws:")) v.add(p, `tag keys must not start with "aws:", which AWS reserves`);
        const value = tags[key];
        if (isKnown(value) && value.length > 256)
            v.add(p, `tag values must be at most 256 characters (got ${value.length})`);
    }
}
