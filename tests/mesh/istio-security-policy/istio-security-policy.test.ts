import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import { PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1/PeerAuthentication";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    IstioSecurityPolicy,
    type IstioSecurityPolicyArgs,
    type istioSecurityPolicyArgsSchema,
    planIstioSecurityPolicy,
} from "../../../components/mesh";
import type { MutuallyAssignable, z } from "../../../src/core";
import { childrenOf, expectInvalid, only, problemPaths, runPlan } from "../../support";
import { undeclaredSpecFields } from "../upstream-fields";
import { validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const plan = (args: IstioSecurityPolicyArgs) => planIstioSecurityPolicy("web", args, ctx);
const plain = (o: unknown) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

/**
 * Validates an object against the upstream Istio schema. PeerAuthentication's model is the v1beta1
 * one, whose fields are v1's; the v1 AuthorizationPolicy model checks the whole object.
 */
function validate(o: { kind: string; apiVersion: string; metadata: unknown; spec: unknown }): void {
    const data = plain({ metadata: o.metadata, spec: o.spec });
    if (o.kind === "PeerAuthentication") new PeerAuthentication(data as never).validate();
    else if (o.kind === "AuthorizationPolicy") new AuthorizationPolicy(data as never).validate();
    else throw new Error(`no schema for ${o.kind}`);
    expect(undeclaredSpecFields(o.kind, o.spec)).toEqual([]);
}

describe("IstioSecurityPolicy: the prod namespace", () => {
    const p = plan({
        namespace: "production",
        authorization: {
            "web-callers": {
                selector: { app: "web" },
                rules: [{ from: { serviceAccounts: ["istio-ingress/istio-ingressgateway"] } }],
            },
        },
    });

    it("runs STRICT mTLS namespace-wide by default", () => {
        expect(p.peerAuthentications).toHaveLength(1);
        expect(p.peerAuthentications[0].object).toEqual({
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "web-mtls", namespace: "production" },
            spec: { mtls: { mode: "STRICT" } },
        });
    });

    it("authorizes the canary's callers by service account, as SPIFFE principals of the trust domain", () => {
        expect(p.authorizationPolicies.map((a) => a.object.spec)).toEqual([
            {
                selector: { matchLabels: { app: "web" } },
                action: "ALLOW",
                rules: [
                    { from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] } }] },
                ],
            },
        ]);
    });

    it("every object of the rich fixture passes the upstream Istio schemas", () => {
        const rich = plan(validArgs);
        const all = [...rich.peerAuthentications, ...rich.authorizationPolicies];
        expect(all.map((o) => o.suffix)).toEqual([
            "mtls",
            "mtls-metrics",
            "allow-nothing",
            "web-callers",
            "admin-only",
            "ext-authz",
        ]);
        for (const o of all) validate(o.object);
    });
});

describe("IstioSecurityPolicy: what each option writes", () => {
    it("port exceptions go on a workload-level PeerAuthentication", () => {
        const pa = plan({
            namespace: "production",
            mtls: false,
            workloadMtls: { web: { selector: { app: "web" }, ports: { "9090": "DISABLE" } } },
        }).peerAuthentications;
        expect(pa.map((o) => o.object.spec)).toEqual([
            {
                selector: { matchLabels: { app: "web" } },
                mtls: { mode: "STRICT" },
                portLevelMtls: { "9090": { mode: "DISABLE" } },
            },
        ]);
    });

    it("default deny is Istio's allow-nothing policy", () => {
        const policies = plan({ namespace: "production", defaultDeny: true }).authorizationPolicies;
        expect(policies.map((o) => [o.object.metadata.name, o.object.spec])).toEqual([["web-allow-nothing", {}]]);
        validate(policies[0].object);
    });

    it("writes JWT claims as request.auth.claims conditions and ports as strings", () => {
        const spec = plan({
            namespace: "production",
            mtls: false,
            authorization: {
                admins: {
                    rules: [
                        {
                            from: { requestPrincipals: ["https://issuer.example.com/*"] },
                            to: { ports: [8080] },
                            jwtClaims: { groups: ["admin", "ops"] },
                        },
                    ],
                },
            },
        }).authorizationPolicies[0].object.spec;
        expect(spec.rules).toEqual([
            {
                from: [{ source: { requestPrincipals: ["https://issuer.example.com/*"] } }],
                to: [{ operation: { ports: ["8080"] } }],
                when: [{ key: "request.auth.claims[groups]", values: ["admin", "ops"] }],
            },
        ]);
    });

    it("CUSTOM names its provider", () => {
        const spec = plan({
            namespace: "production",
            mtls: false,
            authorization: { ext: { action: "CUSTOM", provider: "opa", rules: [{}] } },
        }).authorizationPolicies[0].object.spec;
        expect(spec).toEqual({ action: "CUSTOM", provider: { name: "opa" }, rules: [{}] });
    });

    it("writes security.istio.io/v1beta1 for meshes older than Istio 1.22", () => {
        const p = plan({ namespace: "production", apiVersion: "security.istio.io/v1beta1" });
        expect(p.peerAuthentications[0].object.apiVersion).toBe("security.istio.io/v1beta1");
    });
});

describe("IstioSecurityPolicy validation: one failing case per rule", () => {
    const base = (): IstioSecurityPolicyArgs => ({ namespace: "production" });
    const authz = (policy: object): IstioSecurityPolicyArgs => ({
        namespace: "production",
        authorization: { p: { rules: [{}], ...policy } as never },
    });
    const rule = (r: object): IstioSecurityPolicyArgs => authz({ rules: [r] });
    it.each<[string, IstioSecurityPolicyArgs, string | string[]]>([
        ["namespace is a DNS label", { namespace: "Prod" }, "namespace"],
        ["mtls mode", { namespace: "production", mtls: { mode: "STRICTLY" as "STRICT" } }, "mtls.mode"],
        ["nothing to create", { namespace: "production", mtls: false }, "mtls"],
        [
            "workload names are DNS labels",
            { ...base(), workloadMtls: { Web: { selector: { app: "web" } } } },
            "workloadMtls.Web",
        ],
        [
            "workload selector not empty",
            { ...base(), workloadMtls: { web: { selector: {} } } },
            "workloadMtls.web.selector",
        ],
        [
            "workload selector label values",
            { ...base(), workloadMtls: { web: { selector: { app: "a b" } } } },
            "workloadMtls.web.selector.app",
        ],
        [
            "port exceptions are ports",
            { ...base(), workloadMtls: { web: { selector: { app: "web" }, ports: { http: "DISABLE" } } } },
            "workloadMtls.web.ports.http",
        ],
        [
            "port exceptions ≤ 65535",
            { ...base(), workloadMtls: { web: { selector: { app: "web" }, ports: { "70000": "DISABLE" } } } },
            "workloadMtls.web.ports.70000",
        ],
        [
            "policy names are DNS labels",
            { ...base(), authorization: { Callers: { rules: [{}] } } },
            "authorization.Callers",
        ],
        ["ALLOW needs a rule", authz({ rules: [] }), "authorization.p.rules"],
        [
            "CUSTOM needs a provider",
            authz({ action: "CUSTOM" }),
            ["authorization.p.provider", "authorization.p.action"],
        ],
        [
            "provider only with CUSTOM",
            authz({ provider: "opa" }),
            ["authorization.p.provider", "authorization.p.action"],
        ],
        ["action", authz({ action: "AUDIT" }), "authorization.p.action"],
        ["empty source", rule({ from: {} }), "authorization.p.rules[0].from"],
        ["empty operation", rule({ to: {} }), "authorization.p.rules[0].to"],
        [
            "principal wildcard in the middle",
            rule({ from: { principals: ["cluster.local/*/sa/web"] } }),
            "authorization.p.rules[0].from.principals[0]",
        ],
        [
            "service accounts are namespace/name",
            rule({ from: { serviceAccounts: ["web"] } }),
            "authorization.p.rules[0].from.serviceAccounts[0]",
        ],
        [
            "service account namespace",
            rule({ from: { serviceAccounts: ["Prod/web"] } }),
            "authorization.p.rules[0].from.serviceAccounts[0]",
        ],
        ["namespaces", rule({ from: { namespaces: ["Production"] } }), "authorization.p.rules[0].from.namespaces[0]"],
        ["empty lists", rule({ from: { principals: [] } }), "authorization.p.rules[0].from.principals"],
        ["ip blocks", rule({ from: { ipBlocks: ["10.0.0.0/33"] } }), "authorization.p.rules[0].from.ipBlocks[0]"],
        ["methods upper case", rule({ to: { methods: ["get"] } }), "authorization.p.rules[0].to.methods[0]"],
        ["paths start with /", rule({ to: { paths: ["api/*"] } }), "authorization.p.rules[0].to.paths[0]"],
        ["paths wildcard placement", rule({ to: { paths: ["/a/*/b"] } }), "authorization.p.rules[0].to.paths[0]"],
        ["ports", rule({ to: { ports: [0] } }), "authorization.p.rules[0].to.ports[0]"],
        [
            "condition keys",
            rule({ when: [{ key: "request.claims[groups]", values: ["a"] }] }),
            "authorization.p.rules[0].when[0].key",
        ],
        ["condition values", rule({ when: [{ key: "source.ip" }] }), "authorization.p.rules[0].when[0]"],
        [
            "destination.port values",
            rule({ when: [{ key: "destination.port", values: ["http"] }] }),
            "authorization.p.rules[0].when[0].values[0]",
        ],
        ["JWT claim values", rule({ jwtClaims: { groups: [] } }), "authorization.p.rules[0].jwtClaims.groups"],
        ["ports not empty", rule({ to: { ports: [] } }), "authorization.p.rules[0].to.ports"],
        [
            "CUSTOM without jwtClaims",
            authz({ action: "CUSTOM", provider: "opa", rules: [{ jwtClaims: { groups: ["admin"] } }] }),
            "authorization.p.rules[0].jwtClaims.groups",
        ],
        ["JWT claim names", rule({ jwtClaims: { "a]b": ["x"] } }), "authorization.p.rules[0].jwtClaims.a]b"],
        [
            "CUSTOM without request principals",
            authz({ action: "CUSTOM", provider: "opa", rules: [{ from: { requestPrincipals: ["*"] } }] }),
            "authorization.p.rules[0].from.requestPrincipals",
        ],
        [
            "CUSTOM without JWT claims",
            authz({
                action: "CUSTOM",
                provider: "opa",
                rules: [{ when: [{ key: "request.auth.claims[iss]", values: ["x"] }] }],
            }),
            "authorization.p.rules[0].when[0].key",
        ],
        ["trust domain", { ...base(), trustDomain: "cluster local" }, "trustDomain"],
        ["defaultDeny is a boolean", { ...base(), defaultDeny: "true" as unknown as boolean }, "defaultDeny"],
        ["unknown keys", { ...base(), defaultDenny: true } as IstioSecurityPolicyArgs, "defaultDenny"],
    ])("%s", (_, args, path) => {
        // A relation between two fields is reported at both: either may be the one to change.
        expect(problemPaths(() => plan(args))).toEqual(Array.isArray(path) ? path : [path]);
    });

    it("names the allowed values and suggests the near key", () => {
        const reasons = (args: unknown) => {
            try {
                plan(args as IstioSecurityPolicyArgs);
            } catch (e) {
                return (e as pulumi.InputPropertiesError).errors.map((x) => x.reason);
            }
            return [];
        };
        expect(reasons({ namespace: "production", defaultDenny: true })).toEqual([
            "unknown key; did you mean defaultDeny?",
        ]);
        expect(reasons(rule({ to: { methods: ["get"] } }))[0]).toMatch(/upper-case HTTP method \(GET, HEAD, POST/);
        expect(reasons({ namespace: "production", workloadMtls: pulumi.output({}) })[0]).toMatch(
            /must be known before deployment \(each key names a PeerAuthentication\)/,
        );
    });
});

describe("IstioSecurityPolicy args: schema and type agree", () => {
    it("the schema's type and IstioSecurityPolicyArgs are mutually assignable", () => {
        const same: MutuallyAssignable<z.input<typeof istioSecurityPolicyArgsSchema>, IstioSecurityPolicyArgs> = true;
        expect(same).toBe(true);
    });
});

describe("IstioSecurityPolicy under mocks", () => {
    it("registers each planned object as a custom resource on the given provider, as planned", async () => {
        const expected = plan(validArgs);
        const result = await runPlan(() => {
            new IstioSecurityPolicy("web", validArgs, { provider: new k8s.Provider("k", { kubeconfig: "{}" }) });
        });
        const children = childrenOf(result, only(result, IstioSecurityPolicy.TYPE));
        const planned = [...expected.peerAuthentications, ...expected.authorizationPolicies];
        expect(children.map((c) => c.name).sort()).toEqual(planned.map((o) => `web-${o.suffix}`).sort());
        for (const o of planned) {
            const c = children.find((x) => x.name === `web-${o.suffix}`);
            expect(c?.type).toBe(`kubernetes:security.istio.io/v1:${o.object.kind}`);
            expect(plain(c?.inputs)).toEqual(plain(o.object));
            expect(c?.options.provider).toBeDefined();
        }
    });

    it("registers nothing when an input is wrong", async () => {
        const { errors, plan: result } = await expectInvalid(() => {
            new IstioSecurityPolicy("web", { namespace: "production", authorization: { p: { rules: [] } } });
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["authorization.p.rules"]);
        expect(result.resources).toEqual([]);
    });
});
