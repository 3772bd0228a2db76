import {
    dnsLabelProblem,
    isIpv4Cidr,
    joinPath,
    labelKeyProblem,
    labelValueProblem,
    type Validator,
} from "../../../src/core";

/** Checks a pod-label selector: at least one label, each key and value in Kubernetes syntax. */
export function checkSelector(v: Validator, selector: Record<string, string> | undefined, path: string): void {
    if (selector === undefined) return;
    if (Object.keys(selector).length === 0)
        v.add(path, "must name at least one pod label; leave it out to select every workload of the namespace");
    for (const [key, value] of Object.entries(selector)) {
        const problem = labelKeyProblem(key) ?? labelValueProblem(value);
        if (problem) v.add(joinPath(path, key), problem);
    }
}

/** Checks a namespace name (a DNS label). */
export function checkNamespace(v: Validator, namespace: string | undefined, path: string): void {
    if (typeof namespace !== "string") return;
    const problem = dnsLabelProblem(namespace);
    if (problem) v.add(path, problem);
}

/** Checks a map key or list entry that must be a port number 1–65535. */
export function portProblem(port: string | number): string | undefined {
    const n = typeof port === "number" ? port : /^\d{1,5}$/.test(port) ? Number(port) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > 65535)
        return `must be a port number from 1 to 65535 (got ${JSON.stringify(port)})`;
    return undefined;
}

/** True for an IPv4 address or CIDR block, or an IPv6 one (loosely: hex groups and colons). */
export function isIpBlock(value: string): boolean {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return isIpv4Cidr(`${value}/32`);
    if (isIpv4Cidr(value)) return true;
    const m = /^([0-9a-fA-F:]+)(?:\/(\d{1,3}))?$/.exec(value);
    return m?.[1].includes(":") === true && (m[2] === undefined || Number(m[2]) <= 128);
}
