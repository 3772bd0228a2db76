/**
 * Syntax checks more than one tier needs: IPv4 CIDR blocks, and Kubernetes names and labels
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ and
 * .../labels/#syntax-and-character-set). Each `...Problem` returns the reason, or `undefined`.
 */

/** True for an IPv4 CIDR block such as `10.0.0.0/16`. */
export function isIpv4Cidr(value: string): boolean {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    if (!m) return false;
    return m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

/** RFC 1123 label: lower-case alphanumerics and `-`, starting and ending alphanumeric, at most 63. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: dot-separated labels, at most 253. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The name part of a label key, and a non-empty label value: at most 63. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** The problem with a DNS-1123 label (namespace, container name). */
export function dnsLabelProblem(value: string): string | undefined {
    if (value.length > 63 || !DNS1123_LABEL.test(value)) {
        return `must be an RFC 1123 label: 1 to 63 lower-case letters, digits or "-", starting and ending with a letter or digit (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

/** The problem with a DNS-1123 subdomain (Secret name). */
export function dnsSubdomainProblem(value: string): string | undefined {
    if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
        return `must be an RFC 1123 subdomain: at most 253 lower-case letters, digits, "-" or ".", each part starting and ending with a letter or digit (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

/** The problem with a label, annotation or taint key (`[prefix/]name`). */
export function labelKeyProblem(key: string): string | undefined {
    const slash = key.indexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const ok =
        name.length <= 63 &&
        LABEL_NAME.test(name) &&
        (prefix === undefined || (prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix)));
    if (!ok) {
        return `must be a label key: an optional DNS subdomain prefix and "/", then 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (got ${JSON.stringify(key)})`;
    }
    return undefined;
}

/** The problem with a label or taint value (empty, or shaped like a key name). */
export function labelValueProblem(value: string): string | undefined {
    if (typeof value === "string" && (value === "" || (value.length <= 63 && LABEL_NAME.test(value)))) return undefined;
    return `must be a label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (got ${JSON.stringify(value)})`;
}
