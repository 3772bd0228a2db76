import {
    checkedPlan,
    dnsLabelProblem,
    dnsSubdomainProblem,
    joinPath,
    type PlanContext,
    type Validator,
} from "../../../src/core";
import { checkNamespace, checkSelector, isIpBlock, portProblem } from "../shared/checks";
import { compact, type IstioObject, istioObjectName } from "../shared/istio-object";
import type {
    IstioAuthorizationConditionArgs,
    IstioAuthorizationOperationArgs,
    IstioAuthorizationPolicyArgs,
    IstioAuthorizationRuleArgs,
    IstioAuthorizationSourceArgs,
    IstioMtlsMode,
    IstioSecurityApiVersion,
    IstioSecurityPolicyArgs,
} from "./args";
import { istioSecurityPolicyArgsSchema } from "./schema";

/** A PeerAuthentication spec as Istio writes it. */
export interface IstioPeerAuthenticationSpec {
    selector?: { matchLabels: Record<string, string> };
    mtls?: { mode: IstioMtlsMode };
    portLevelMtls?: Record<string, { mode: IstioMtlsMode }>;
}

/** An AuthorizationPolicy rule as Istio writes it. */
export interface IstioAuthorizationRuleSpec {
    from?: { source: Record<string, string[]> }[];
    to?: { operation: Record<string, string[]> }[];
    when?: { key: string; values?: string[]; notValues?: string[] }[];
}

/** An AuthorizationPolicy spec as Istio writes it (`{}` is the allow-nothing policy). */
export interface IstioAuthorizationPolicySpec {
    selector?: { matchLabels: Record<string, string> };
    action?: "ALLOW" | "DENY" | "CUSTOM";
    provider?: { name: string };
    rules?: IstioAuthorizationRuleSpec[];
}

/** One planned custom resource: the child's name suffix and its final inputs. */
export interface IstioPlannedObject<Spec> {
    /** The Pulumi child name is `<component>-<suffix>`. */
    suffix: string;
    object: IstioObject<Spec>;
}

/** What an IstioSecurityPolicy creates. */
export interface IstioSecurityPolicyPlan {
    peerAuthentications: IstioPlannedObject<IstioPeerAuthenticationSpec>[];
    authorizationPolicies: IstioPlannedObject<IstioAuthorizationPolicySpec>[];
}

/**
 * The attributes an AuthorizationPolicy condition may name
 * (https://istio.io/latest/docs/reference/config/security/conditions/). Keys in brackets take a
 * name: `request.headers[x-token]`, `request.auth.claims[groups]` (nested `[a][b]`).
 */
const CONDITION_KEYS = [
    "source.ip",
    "remote.ip",
    "source.namespace",
    "source.principal",
    "request.auth.principal",
    "request.auth.audiences",
    "request.auth.presenter",
    "destination.ip",
    "destination.port",
    "connection.sni",
] as const;
const BRACKETED_KEY = /^(request\.headers|request\.auth\.claims)(\[[^[\]]+\])+$/;

/** HTTP methods Envoy matches (case-sensitively, so `get` would never match). */
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

/** The source fields that only authentication (a RequestAuthentication) fills, which CUSTOM can't use. */
const REQUEST_AUTH_FIELDS = ["requestPrincipals", "notRequestPrincipals"] as const;

/** Istio's string match in policies: exact, `*` alone, or one `*` at the start or the end. */
export function wildcardProblem(value: string): string | undefined {
    if (value === "") return "must not be empty";
    if (value === "*") return undefined;
    const stars = value.split("*").length - 1;
    if (stars === 0) return undefined;
    if (stars === 1 && (value.startsWith("*") || value.endsWith("*"))) return undefined;
    return `may hold one "*", at the start (suffix match) or the end (prefix match) only (got ${JSON.stringify(value)})`;
}

function checkEach(
    v: Validator,
    values: string[] | undefined,
    path: string,
    problem: (s: string) => string | undefined,
): void {
    if (values === undefined) return;
    if (values.length === 0) v.add(path, "must not be empty: leave it out instead");
    values.forEach((s, i) => {
        const p = problem(s);
        if (p) v.add(joinPath(path, i), p);
    });
}

export function pathProblem(path: string): string | undefined {
    // Path templates ({*}, {**}) are Istio 1.23's; otherwise one wildcard at either end.
    if (/\{\*\*?\}/.test(path))
        return path.startsWith("/") ? undefined : `a path template must start with "/" (got ${JSON.stringify(path)})`;
    const wp = wildcardProblem(path);
    if (wp) return wp;
    if (!path.startsWith("/") && !path.startsWith("*"))
        return `must start with "/" (or "*" for a suffix match) (got ${JSON.stringify(path)})`;
    return undefined;
}

function namespaceMatchProblem(ns: string): string | undefined {
    const wp = wildcardProblem(ns);
    if (wp) return wp;
    return ns.includes("*") ? undefined : dnsLabelProblem(ns);
}

function serviceAccountProblem(sa: string): string | undefined {
    const parts = sa.split("/");
    if (parts.length !== 2)
        return `must be "<namespace>/<service account>", e.g. "production/web-client" (got ${JSON.stringify(sa)})`;
    return dnsLabelProblem(parts[0]) ?? dnsSubdomainProblem(parts[1]);
}

function checkSource(v: Validator, s: IstioAuthorizationSourceArgs, path: string, action: string): void {
    if (Object.values(s).every((x) => x === undefined))
        v.add(path, "must set at least one field (Istio rejects an empty source); leave from out to match any source");
    for (const field of ["principals", "notPrincipals", "requestPrincipals", "notRequestPrincipals"] as const) {
        checkEach(v, s[field], joinPath(path, field), wildcardProblem);
    }
    checkEach(v, s.serviceAccounts, joinPath(path, "serviceAccounts"), serviceAccountProblem);
    for (const field of ["namespaces", "notNamespaces"] as const)
        checkEach(v, s[field], joinPath(path, field), namespaceMatchProblem);
    for (const field of ["ipBlocks", "notIpBlocks", "remoteIpBlocks", "notRemoteIpBlocks"] as const) {
        checkEach(v, s[field], joinPath(path, field), (b) =>
            isIpBlock(b)
                ? undefined
                : `must be an IP address or CIDR block, e.g. "10.0.0.0/16" (got ${JSON.stringify(b)})`,
        );
    }
    if (action === "CUSTOM") {
        for (const field of REQUEST_AUTH_FIELDS) {
            if (s[field] !== undefined)
                v.add(
                    joinPath(path, field),
                    "is not supported with action CUSTOM: the external authorizer runs before JWT authentication; use an ALLOW or DENY policy for it",
                );
        }
    }
}

function checkOperation(v: Validator, o: IstioAuthorizationOperationArgs, path: string): void {
    if (Object.values(o).every((x) => x === undefined))
        v.add(
            path,
            "must set at least one field (Istio rejects an empty operation); leave to out to match any operation",
        );
    for (const field of ["methods", "notMethods"] as const) {
        checkEach(v, o[field], joinPath(path, field), (m) =>
            m === "*" || HTTP_METHODS.includes(m)
                ? undefined
                : `must be an upper-case HTTP method (${HTTP_METHODS.join(", ")}) or "*"; Envoy matches methods case-sensitively (got ${JSON.stringify(m)})`,
        );
    }
    for (const field of ["paths", "notPaths"] as const) checkEach(v, o[field], joinPath(path, field), pathProblem);
    for (const field of ["hosts", "notHosts"] as const) checkEach(v, o[field], joinPath(path, field), wildcardProblem);
    for (const field of ["ports", "notPorts"] as const) {
        (o[field] ?? []).forEach((port, i) => {
            const p = portProblem(port);
            if (p) v.add(joinPath(path, field, i), p);
        });
        if (o[field]?.length === 0) v.add(joinPath(path, field), "must not be empty: leave it out instead");
    }
}

function checkCondition(v: Validator, c: IstioAuthorizationConditionArgs, path: string, action: string): void {
    const known =
        (CONDITION_KEYS as readonly string[]).includes(c.key) ||
        BRACKETED_KEY.test(c.key) ||
        c.key.startsWith("experimental.envoy.filters.");
    if (!known) {
        v.add(
            joinPath(path, "key"),
            `must be an Istio attribute: ${CONDITION_KEYS.join(", ")}, request.headers[<name>], request.auth.claims[<claim>] or experimental.envoy.filters.… (got ${JSON.stringify(c.key)})`,
        );
    }
    if (c.values === undefined && c.notValues === undefined) v.add(path, "must set values, notValues or both");
    if (action === "CUSTOM" && c.key.startsWith("request.auth.")) {
        v.add(
            joinPath(path, "key"),
            "is not supported with action CUSTOM: the external authorizer runs before JWT authentication",
        );
    }
    if (c.key === "destination.port") checkEach(v, c.values, joinPath(path, "values"), portProblem);
}

function checkRule(v: Validator, rule: IstioAuthorizationRuleArgs, path: string, action: string): void {
    if (rule.from !== undefined) checkSource(v, rule.from, joinPath(path, "from"), action);
    if (rule.to !== undefined) checkOperation(v, rule.to, joinPath(path, "to"));
    (rule.when ?? []).forEach((c, i) => {
        checkCondition(v, c, joinPath(path, "when", i), action);
    });
    for (const [claim, values] of Object.entries(rule.jwtClaims ?? {})) {
        const p = joinPath(path, "jwtClaims", claim);
        if (claim === "" || /[[\]]/.test(claim))
            v.add(p, `must be a claim name without "[" or "]" (got ${JSON.stringify(claim)})`);
        if (values.length === 0) v.add(p, "must list at least one accepted value");
        if (action === "CUSTOM")
            v.add(p, "is not supported with action CUSTOM: the external authorizer runs before JWT authentication");
    }
}

function checkPolicy(v: Validator, policy: IstioAuthorizationPolicyArgs, path: string): void {
    const action = policy.action ?? "ALLOW";
    if (action === "CUSTOM" && policy.provider === undefined) {
        v.add(
            joinPath(path, "provider"),
            "is required with action CUSTOM: name the extension provider of the mesh config that decides",
        );
        if (policy.action !== undefined)
            v.add(joinPath(path, "action"), "is CUSTOM, which needs provider: give it, or use ALLOW or DENY");
    }
    if (action !== "CUSTOM" && policy.provider !== undefined) {
        v.add(joinPath(path, "provider"), `applies to action CUSTOM only (action is ${JSON.stringify(action)})`);
        v.add(joinPath(path, "action"), `must be CUSTOM for a provider (got ${JSON.stringify(action)})`);
    }
    checkSelector(v, policy.selector, joinPath(path, "selector"));
    if (policy.rules.length === 0) {
        v.add(
            joinPath(path, "rules"),
            action === "ALLOW"
                ? "must have at least one rule: an ALLOW policy without rules denies everything; set defaultDeny: true for that"
                : "must have at least one rule: a policy without rules never matches",
        );
    }
    policy.rules.forEach((rule, i) => {
        checkRule(v, rule, joinPath(path, "rules", i), action);
    });
}

/** A list field, only when set. */
function list<T>(values: T[] | undefined, map: (x: T) => string = String): string[] | undefined {
    return values === undefined ? undefined : values.map(map);
}

function ruleSpec(rule: IstioAuthorizationRuleArgs, trustDomain: string): IstioAuthorizationRuleSpec {
    const s = rule.from;
    const principals =
        s?.principals !== undefined || s?.serviceAccounts !== undefined
            ? [
                  ...(s.principals ?? []),
                  ...(s.serviceAccounts ?? []).map((sa) => {
                      const [ns, name] = sa.split("/");
                      return `${trustDomain}/ns/${ns}/sa/${name}`;
                  }),
              ]
            : undefined;
    const source = s
        ? compact({
              principals,
              notPrincipals: s.notPrincipals,
              namespaces: s.namespaces,
              notNamespaces: s.notNamespaces,
              requestPrincipals: s.requestPrincipals,
              notRequestPrincipals: s.notRequestPrincipals,
              ipBlocks: s.ipBlocks,
              notIpBlocks: s.notIpBlocks,
              remoteIpBlocks: s.remoteIpBlocks,
              notRemoteIpBlocks: s.notRemoteIpBlocks,
          })
        : undefined;
    const o = rule.to;
    const operation = o
        ? compact({
              methods: o.methods,
              notMethods: o.notMethods,
              paths: o.paths,
              notPaths: o.notPaths,
              // Istio writes ports as strings.
              ports: list(o.ports),
              notPorts: list(o.notPorts),
              hosts: o.hosts,
              notHosts: o.notHosts,
          })
        : undefined;
    const when = [
        ...(rule.when ?? []).map((c) => compact({ key: c.key, values: c.values, notValues: c.notValues })),
        ...Object.entries(rule.jwtClaims ?? {}).map(([claim, values]) => ({
            key: `request.auth.claims[${claim}]`,
            values,
        })),
    ];
    return compact({
        from: source ? [{ source: source as Record<string, string[]> }] : undefined,
        to: operation ? [{ operation: operation as Record<string, string[]> }] : undefined,
        when: when.length > 0 ? when : undefined,
    });
}

/** The spec of one AuthorizationPolicy from its args (also used by the gateway's JWT policy). */
export function authorizationPolicySpec(
    policy: IstioAuthorizationPolicyArgs,
    trustDomain = "cluster.local",
): IstioAuthorizationPolicySpec {
    return compact({
        selector: policy.selector ? { matchLabels: { ...policy.selector } } : undefined,
        action: policy.action ?? "ALLOW",
        provider: policy.provider !== undefined ? { name: policy.provider } : undefined,
        rules: policy.rules.map((r) => ruleSpec(r, trustDomain)),
    });
}

/**
 * Plans an {@link IstioSecurityPolicy}: checks every argument (one `InputPropertiesError` with
 * every problem) and returns the final inputs of each PeerAuthentication and AuthorizationPolicy.
 */
export function planIstioSecurityPolicy(
    name: string,
    args: IstioSecurityPolicyArgs,
    ctx: PlanContext,
): IstioSecurityPolicyPlan {
    return checkedPlan(`IstioSecurityPolicy "${name}"`, istioSecurityPolicyArgsSchema, args, (v) =>
        planChecked(v, name, args ?? ({} as IstioSecurityPolicyArgs), ctx),
    );
}

function planChecked(
    v: Validator,
    name: string,
    args: IstioSecurityPolicyArgs,
    _ctx: PlanContext,
): IstioSecurityPolicyPlan {
    checkNamespace(v, args.namespace, "namespace");
    const trustDomain = args.trustDomain ?? "cluster.local";
    if (!/^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?$/.test(trustDomain)) {
        v.add(
            "trustDomain",
            `must be a trust domain such as "cluster.local": letters, digits, "-" and "." (got ${JSON.stringify(trustDomain)})`,
        );
    }
    for (const [key, w] of Object.entries(args.workloadMtls ?? {})) {
        const p = joinPath("workloadMtls", key);
        const kp = dnsLabelProblem(key);
        if (kp) v.add(p, kp);
        checkSelector(v, w.selector, joinPath(p, "selector"));
        for (const port of Object.keys(w.ports ?? {})) {
            const pp = portProblem(port);
            if (pp) v.add(joinPath(p, "ports", port), pp);
        }
    }
    for (const [key, policy] of Object.entries(args.authorization ?? {})) {
        const p = joinPath("authorization", key);
        const kp = dnsLabelProblem(key);
        if (kp) v.add(p, kp);
        checkPolicy(v, policy, p);
    }
    if (
        args.mtls === false &&
        Object.keys(args.workloadMtls ?? {}).length === 0 &&
        !args.defaultDeny &&
        Object.keys(args.authorization ?? {}).length === 0
    ) {
        v.add("mtls", "is false and nothing else is set: there is nothing to create");
    }
    v.throwIfAny();

    const apiVersion: IstioSecurityApiVersion = args.apiVersion ?? "security.istio.io/v1";
    const object = <S>(suffix: string, kind: string, spec: S): IstioPlannedObject<S> => ({
        suffix,
        object: {
            apiVersion,
            kind,
            metadata: { name: istioObjectName(name, suffix), namespace: args.namespace },
            spec,
        },
    });
    const peerAuthentications: IstioPlannedObject<IstioPeerAuthenticationSpec>[] = [];
    if (args.mtls !== false)
        peerAuthentications.push(object("mtls", "PeerAuthentication", { mtls: { mode: args.mtls?.mode ?? "STRICT" } }));
    for (const [key, w] of Object.entries(args.workloadMtls ?? {})) {
        const ports = Object.entries(w.ports ?? {});
        peerAuthentications.push(
            object(`mtls-${key}`, "PeerAuthentication", {
                selector: { matchLabels: { ...w.selector } },
                mtls: { mode: w.mode ?? "STRICT" },
                ...(ports.length > 0
                    ? {
                          portLevelMtls: Object.fromEntries(
                              ports.map(([port, mode]) => [String(Number(port)), { mode }]),
                          ),
                      }
                    : {}),
            }),
        );
    }
    const authorizationPolicies: IstioPlannedObject<IstioAuthorizationPolicySpec>[] = [];
    // The allow-nothing policy: an ALLOW policy that matches nothing (Istio's documented default-deny).
    if (args.defaultDeny) authorizationPolicies.push(object("allow-nothing", "AuthorizationPolicy", {}));
    for (const [key, policy] of Object.entries(args.authorization ?? {})) {
        authorizationPolicies.push(object(key, "AuthorizationPolicy", authorizationPolicySpec(policy, trustDomain)));
    }
    return { peerAuthentications, authorizationPolicies };
}
