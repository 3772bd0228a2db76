import { createHash } from "node:crypto";

/** A short, stable hex digest of the given parts. */
export function shortHash(parts: readonly unknown[], length = 7): string {
    return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, length);
}

export interface PhysicalNameOptions {
    /** Longest name the service accepts. */
    maxLength: number;
    /** Characters the service accepts; everything else becomes `-`. @default /[^a-zA-Z0-9-]/g */
    invalid?: RegExp;
    /** Extra values that, when they change, must give a new name (properties that force replacement). */
    discriminator?: readonly unknown[];
}

/**
 * Derives a cloud name from logical parts, within the service's length limit, the same way
 * every time. When the joined name is too long, or when a `discriminator` is given, it ends
 * in a 7-character hash of the full name and discriminator, so two long names that share a
 * prefix never collide and a long stack or component name never fails.
 */
export function physicalName(parts: readonly string[], opts: PhysicalNameOptions): string {
    const invalid = opts.invalid ?? /[^a-zA-Z0-9-]/g;
    const full = parts
        .filter((p) => p !== "")
        .join("-")
        .replace(invalid, "-")
        .replace(/-+/g, "-")
        .replace(/^-|-$/g, "");
    const needsHash = full.length > opts.maxLength || opts.discriminator !== undefined;
    if (!needsHash) return full;
    const hash = shortHash([full, ...(opts.discriminator ?? [])]);
    const room = opts.maxLength - hash.length - 1;
    const head = full.slice(0, room).replace(/-+$/, "");
    return head === "" ? hash : `${head}-${hash}`;
}

/** `<component>-<suffix>`: the Pulumi name of a component's child. */
export function childName(component: string, ...suffix: (string | number)[]): string {
    return [component, ...suffix.map(String)].filter((s) => s !== "").join("-");
}
