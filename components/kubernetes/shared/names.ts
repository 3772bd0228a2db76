import { physicalName, shortHash } from "../../../src/core";

// Kubernetes name and label syntax lives in src/core (the EKS tier checks labels too).
export {
    DNS1123_LABEL,
    DNS1123_SUBDOMAIN,
    dnsLabelProblem,
    dnsSubdomainProblem,
    labelKeyProblem,
    labelValueProblem,
} from "../../../src/core/syntax";

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
