/** The Istio security API versions. `security.istio.io/v1` needs Istio 1.22 or later. */
export type IstioSecurityApiVersion = "security.istio.io/v1" | "security.istio.io/v1beta1";

/** How a workload accepts connections: mTLS only, mTLS or plaintext, or plaintext only. */
export type IstioMtlsMode = "STRICT" | "PERMISSIVE" | "DISABLE";

/** The namespace-wide PeerAuthentication. */
export interface IstioMtlsArgs {
    /**
     * `STRICT` (only mTLS from sidecars), `PERMISSIVE` (mTLS or plaintext, for a migration) or `DISABLE`.
     * @default "STRICT"
     */
    mode?: IstioMtlsMode;
}

/** A PeerAuthentication for some workloads of the namespace, e.g. a port that must take plaintext. */
export interface IstioWorkloadMtlsArgs {
    /**
     * The pod labels that select the workloads. Required: Istio takes port-level settings only for
     * selected workloads.
     * @default required
     */
    selector: Record<string, string>;
    /**
     * The mode for the selected workloads.
     * @default "STRICT"
     */
    mode?: IstioMtlsMode;
    /**
     * Exceptions by container port (`"8080"`, 1–65535): a health or metrics port scraped from
     * outside the mesh can take `PERMISSIVE` or `DISABLE` while the rest stays STRICT.
     * @default none
     */
    ports?: Record<string, IstioMtlsMode>;
}

/** Who sends a request (an AuthorizationPolicy `source`). Every field set must match. */
export interface IstioAuthorizationSourceArgs {
    /**
     * Peer identities from mTLS, `<trust-domain>/ns/<namespace>/sa/<service-account>`; a `*` at the
     * start or end matches any prefix or suffix, `*` alone any authenticated peer.
     * @default none
     */
    principals?: string[];
    /** Peer identities that must not match, in the same form. @default none */
    notPrincipals?: string[];
    /**
     * Service accounts as `<namespace>/<name>`, turned into principals in the policy's `trustDomain`
     * (`cluster.local/ns/<namespace>/sa/<name>`). The simplest way to authorize callers.
     * @default none
     */
    serviceAccounts?: string[];
    /** Namespaces the peer's workload runs in (needs mTLS). @default none */
    namespaces?: string[];
    /** Namespaces that must not match. @default none */
    notNamespaces?: string[];
    /** JWT identities, `<iss>/<sub>` (needs a RequestAuthentication); `*` matches any valid token. @default none */
    requestPrincipals?: string[];
    /** JWT identities that must not match; `["*"]` matches requests without a valid token. @default none */
    notRequestPrincipals?: string[];
    /** Source IPv4 CIDR blocks of the connection. @default none */
    ipBlocks?: string[];
    /** Source CIDR blocks that must not match. @default none */
    notIpBlocks?: string[];
    /** Client IPv4 CIDR blocks from X-Forwarded-For (as the gateway's numTrustedProxies sets it). @default none */
    remoteIpBlocks?: string[];
    /** Client CIDR blocks that must not match. @default none */
    notRemoteIpBlocks?: string[];
}

/** What a request does (an AuthorizationPolicy `operation`). Every field set must match. */
export interface IstioAuthorizationOperationArgs {
    /** HTTP methods in upper case (`GET`, `POST`, …), or `*`. @default none */
    methods?: string[];
    /** HTTP methods that must not match. @default none */
    notMethods?: string[];
    /** URL paths: exact (`/orders`), prefix (`/api/*`), suffix (`*.png`) or `*`. @default none */
    paths?: string[];
    /** Paths that must not match. @default none */
    notPaths?: string[];
    /** Destination ports, 1–65535. @default none */
    ports?: number[];
    /** Ports that must not match. @default none */
    notPorts?: number[];
    /** Host headers, with `*` prefix or suffix wildcards. @default none */
    hosts?: string[];
    /** Hosts that must not match. @default none */
    notHosts?: string[];
}

/** An extra condition of a rule (`when`): an Istio attribute and the values it must (not) have. */
export interface IstioAuthorizationConditionArgs {
    /**
     * The attribute: `request.headers[<name>]`, `source.ip`, `remote.ip`, `source.namespace`,
     * `source.principal`, `request.auth.principal`, `request.auth.audiences`,
     * `request.auth.presenter`, `request.auth.claims[<claim>]` (nested: `[a][b]`), `destination.ip`,
     * `destination.port`, `connection.sni` or `experimental.envoy.filters.…`.
     * @default required
     */
    key: string;
    /** Values that match. Set `values`, `notValues` or both. @default none */
    values?: string[];
    /** Values that must not match. @default none */
    notValues?: string[];
}

/** One rule: it matches when its source, operation and conditions all match. */
export interface IstioAuthorizationRuleArgs {
    /** Who sends the request. @default any source */
    from?: IstioAuthorizationSourceArgs;
    /** What the request does. @default any operation */
    to?: IstioAuthorizationOperationArgs;
    /** Further conditions on Istio attributes. @default none */
    when?: IstioAuthorizationConditionArgs[];
    /**
     * JWT claims the request's token must carry, claim → accepted values, e.g. `{ groups: ["admin"] }`
     * (each becomes a `request.auth.claims[<claim>]` condition; needs a RequestAuthentication).
     * @default none
     */
    jwtClaims?: Record<string, string[]>;
}

/** One AuthorizationPolicy. */
export interface IstioAuthorizationPolicyArgs {
    /**
     * `ALLOW` (only matching requests pass, once any ALLOW policy selects a workload), `DENY`
     * (matching requests are refused; evaluated before ALLOW) or `CUSTOM` (delegated to an
     * external authorizer named by `provider`).
     * @default "ALLOW"
     */
    action?: "ALLOW" | "DENY" | "CUSTOM";
    /**
     * The extension provider (from the mesh config's `extensionProviders`) that decides. `CUSTOM` only, required there.
     * @default none
     */
    provider?: string;
    /**
     * The pod labels of the workloads the policy protects.
     * @default every workload of the namespace
     */
    selector?: Record<string, string>;
    /**
     * The rules, at least one; a request matches the policy when it matches any rule. (An ALLOW
     * policy without rules would deny everything: use `defaultDeny` for that.)
     * @default required
     */
    rules: IstioAuthorizationRuleArgs[];
}

/**
 * The arguments of an `IstioSecurityPolicy`: mutual TLS and authorization for one namespace.
 * All of them must be known at plan time.
 */
export interface IstioSecurityPolicyArgs {
    /**
     * The namespace the policies protect (and live in). Istio's root namespace (`istio-system`)
     * makes them mesh-wide.
     * @default required
     */
    namespace: string;
    /**
     * The namespace-wide PeerAuthentication; `false` creates none (the mesh-wide setting applies).
     * @default { mode: "STRICT" }
     */
    mtls?: IstioMtlsArgs | false;
    /**
     * Workload-level PeerAuthentications by name (each a DNS label), for other modes or port exceptions.
     * @default {}
     */
    workloadMtls?: Record<string, IstioWorkloadMtlsArgs>;
    /**
     * Deny every request in the namespace that no ALLOW policy allows: an allow-nothing policy
     * (`spec: {}`). Give `authorization` ALLOW policies for the traffic that must pass.
     * @default false
     */
    defaultDeny?: boolean;
    /**
     * AuthorizationPolicies by name (each a DNS label).
     * @default {}
     */
    authorization?: Record<string, IstioAuthorizationPolicyArgs>;
    /**
     * The trust domain `serviceAccounts` are turned into principals in.
     * @default "cluster.local"
     */
    trustDomain?: string;
    /**
     * The Istio security API version. `security.istio.io/v1` needs Istio 1.22 or later.
     * @default "security.istio.io/v1"
     */
    apiVersion?: IstioSecurityApiVersion;
}
