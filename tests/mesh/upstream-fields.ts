import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The fields an Istio object's spec may have, by the upstream schema (`@kubernetes-models/istio`).
 *
 * The models' `validate()` checks types, enums and required fields but accepts unknown keys (the
 * CRDs' structural schemas prune them on the server instead), so a misspelt or misplaced field in
 * a planned object would pass it and be dropped silently by the API server. This reads the same
 * schema the model validates with and lists every key of the spec the schema does not declare.
 */
type SchemaNode = {
    properties?: Record<string, SchemaNode>;
    additionalProperties?: SchemaNode | boolean;
    items?: SchemaNode;
};

const MODULES: Record<string, string> = {
    VirtualService: "networking.istio.io/v1beta1/VirtualService.js",
    DestinationRule: "networking.istio.io/v1beta1/DestinationRule.js",
    Gateway: "networking.istio.io/v1beta1/Gateway.js",
    AuthorizationPolicy: "security.istio.io/v1/AuthorizationPolicy.js",
    RequestAuthentication: "security.istio.io/v1/RequestAuthentication.js",
    PeerAuthentication: "security.istio.io/v1beta1/PeerAuthentication.js",
};

const cache = new Map<string, SchemaNode>();

/** The spec schema of an Istio kind, read from the model module's `const schema = {…};` literal. */
function specSchema(kind: string): SchemaNode {
    const cached = cache.get(kind);
    if (cached) return cached;
    const file = MODULES[kind];
    if (!file) throw new Error(`no upstream schema module for ${kind}`);
    const root = path.resolve(__dirname, "../../node_modules/@kubernetes-models/istio", file);
    const src = fs.readFileSync(root, "utf8");
    const start = src.indexOf("const schema = ");
    const end = src.indexOf("\n};\n", start);
    if (start < 0 || end < 0) throw new Error(`no schema literal in ${root}: the model's layout changed`);
    const schema = JSON.parse(src.slice(start + "const schema = ".length, end + 2)) as SchemaNode;
    const spec = schema.properties?.spec;
    if (!spec?.properties) throw new Error(`no spec properties in ${root}`);
    cache.set(kind, spec);
    return spec;
}

function unknownKeys(node: SchemaNode | undefined, value: unknown, at: string): string[] {
    if (node === undefined || value === null || typeof value !== "object") return [];
    if (Array.isArray(value)) return value.flatMap((v, i) => unknownKeys(node.items, v, `${at}[${i}]`));
    const out: string[] = [];
    const extra = typeof node.additionalProperties === "object" ? node.additionalProperties : undefined;
    for (const [key, v] of Object.entries(value)) {
        const p = `${at}.${key}`;
        const declared = node.properties?.[key];
        if (declared) out.push(...unknownKeys(declared, v, p));
        else if (extra) out.push(...unknownKeys(extra, v, p));
        // A node without properties is a free-form object (a map or a struct): any key goes.
        else if (node.properties && node.additionalProperties !== true) out.push(p);
    }
    return out;
}

/** The paths (`spec.http[0].retries.atempts`) of every spec field the upstream schema of `kind` does not declare. */
export function undeclaredSpecFields(kind: string, spec: unknown): string[] {
    return unknownKeys(specSchema(kind), JSON.parse(JSON.stringify(spec ?? {})), "spec");
}
