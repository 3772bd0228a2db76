/**
 * Container image references, as the distribution reference grammar defines them
 * (https://github.com/distribution/reference/blob/main/reference.go):
 *
 * ```
 * reference  := name [ ":" tag ] [ "@" digest ]
 * name       := [domain "/"] path-component ["/" path-component]*
 * domain     := host [":" port]
 * tag        := [\w][\w.-]{0,127}
 * digest     := algorithm ":" hex   (sha256: 64 hex characters)
 * ```
 */

/** The parts of an image reference. */
export interface ImageReference {
    /** The registry host (with its port), when the reference names one. */
    domain?: string;
    /** The repository path, e.g. `library/nginx` or `team/app`. */
    path: string;
    /** The tag, when there is one. */
    tag?: string;
    /** The digest (`sha256:…`), when there is one. */
    digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
    /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const SHA256 = /^sha256:[0-9a-f]{64}$/;

/** Splits an image reference into its parts; `undefined` when it does not follow the grammar. */
export function parseImage(image: string): ImageReference | undefined {
    if (image === "" || image.length > 4096) return undefined;
    let rest = image;
    let digest: string | undefined;
    const at = rest.indexOf("@");
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest) || (digest.startsWith("sha256:") && !SHA256.test(digest))) return undefined;
    }
    // The tag follows the last ":" after the last "/", so a registry port (`host:5000/app`) is not a tag.
    let tag: string | undefined;
    const slash = rest.lastIndexOf("/");
    const colon = rest.lastIndexOf(":");
    if (colon > slash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag)) return undefined;
    }
    const parts = rest.split("/");
    let domain: string | undefined;
    // The first component is a registry when it has a dot or a port, or is localhost (the docker rule).
    if (
        parts.length > 1 &&
        (/[.:]/.test(parts[0]) || parts[0] === "localhost" || parts[0] !== parts[0].toLowerCase())
    ) {
        domain = parts.shift();
        if (!DOMAIN.test(domain ?? "")) return undefined;
    }
    if (parts.length === 0 || !parts.every((p) => PATH_COMPONENT.test(p))) return undefined;
    return { domain, path: parts.join("/"), tag, digest };
}

/**
 * What is wrong with an image for a workload, or `undefined`: it must parse, and be pinned by a
 * tag other than `latest` or by a digest, so that a rollout runs exactly the image that was reviewed.
 */
export function imageProblem(image: string): string | undefined {
    const ref = parseImage(image);
    if (!ref)
        return `must be an image reference such as "nginx:1.21", "registry:5000/team/app:2.3.1" or "app@sha256:<64 hex>" (got ${JSON.stringify(image)})`;
    if (ref.digest) return undefined;
    if (ref.tag === undefined)
        return `must name a tag or a digest, e.g. "${image}:1.0.0" or "${image}@sha256:…"; an untagged image means "latest" and changes under you`;
    if (ref.tag === "latest")
        return `must not use the "latest" tag, which changes under you; pin a version tag or a digest`;
    return undefined;
}
