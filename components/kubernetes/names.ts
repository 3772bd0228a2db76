import { physicalName, shortHash } from "../../src/core";

/**
 * Kubernetes name and label syntax (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 * and .../labels/#syntax-and-character-set).
 */

/** RFC 1123 label: lower-case alphanumerics and `-`, starting and ending alphanumeric, at most 63. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: dot-separated labels, at most 253. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The name part of a label key, and a non-empty label value: at most 63. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * The Kubernetes name of a component's objects: its Pulumi name in lower case, characters
 * outside `[a-z0-9-]` turned into `-`, starting with a letter (Services need an RFC 1035 label),
 * and at most 63 characters (a hash keeps long names distinct), so it is valid as an object
 * name, a Service name and a label value.
 */
export function kubernetesName(name: string): string {
    const base = physicalName([name.toLowerCase()], { maxLength: 63, invalid: /[^a-z0-9-]/g });
    if (base === "") return `app-${shortHash([name])}`;
    if (/^[a-z]/.test(base)) return base;
    return physicalName(["app", base], { maxLength: 63, invalid: /[^a-z0-9-]/g });
}

/** The problem with a DNS-1123 label (namespace, container name), or `undefined`. */
export function dnsLabelProblem(value: string): string | undefined {
    if (value.length > 63 || !DNS1123_LABEL.test(value)) {
        return `must be an RFC 1123 label: 1 to 63 lower-case letters, digits or "-", starting and ending with a letter or digit (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

/** The problem with a DNS-1123 subdomain (Secret name), or `undefined`. */
export function dnsSubdomainProblem(value: string): string | undefined {
    if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
        return `must be an RFC 1123 subdomain: at most 253 lower-case letters, digits, "-" or ".", each part starting and ending with a letter or digit (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

/** The problem with a label or annotation key (`[prefix/]name`), or `undefined`. */
export function labelKeyProblem(key: string): string | undefined {
    const slash = key.indexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const ok = name.length <= 63 && LABEL_NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix)));
    if (!ok) {
        return `must be a label key: an optional DNS subdomain prefix and "/", then 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (got ${JSON.stringify(key)})`;
    }
    return undefined;
}

/** The problem with a label value, or `undefined`. */
export function labelValueProblem(value: string): string | undefined {
    if (value === "" || (value.length <= 63 && LABEL_NAME.test(value))) return undefined;
    return `must be a label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (got ${JSON.stringify(value)})`;
}
