import { Gateway } from "@kubernetes-models/istio/networking.istio.io/v1beta1/Gateway";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import { RequestAuthentication } from "@kubernetes-models/istio/security.istio.io/v1/RequestAuthentication";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    IstioGateway,
    type IstioGatewayArgs,
    type istioGatewayArgsSchema,
    planIstioGateway,
} from "../../../components/mesh";
import type { MutuallyAssignable, z } from "../../../src/core";
import { childrenOf, expectInvalid, only, problemPaths, runPlan } from "../../support";
import { undeclaredSpecFields } from "../upstream-fields";
import { validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const plan = (args: IstioGatewayArgs) => planIstioGateway("web", args, ctx);
const plain = (o: unknown) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

/** The upstream schemas: the v1beta1 Gateway model (v1's fields), the v1 security models. */
function validate(o: { kind: string; metadata: unknown; spec: unknown }): void {
    const data = plain({ metadata: o.metadata, spec: o.spec }) as never;
    if (o.kind === "Gateway") new Gateway(data).validate();
    else if (o.kind === "RequestAuthentication") new RequestAuthentication(data).validate();
    else if (o.kind === "AuthorizationPolicy") new AuthorizationPolicy(data).validate();
    else throw new Error(`no schema for ${o.kind}`);
    expect(undeclaredSpecFields(o.kind, o.spec)).toEqual([]);
}

describe("IstioGateway", () => {
    it("terminates TLS with a Kubernetes Secret on 443, TLS 1.2+, and only redirects on 80", () => {
        const p = plan({
            namespace: "istio-ingress",
            hosts: ["production/app.example.com"],
            tls: { credentialName: "app-tls" },
        });
        expect(p.gateway.object).toEqual({
            apiVersion: "networking.istio.io/v1",
            kind: "Gateway",
            metadata: { name: "web", namespace: "istio-ingress" },
            spec: {
                selector: { istio: "ingressgateway" },
                servers: [
                    {
                        port: { number: 443, name: "https", protocol: "HTTPS" },
                        hosts: ["production/app.example.com"],
                        tls: { mode: "SIMPLE", credentialName: "app-tls", minProtocolVersion: "TLSV1_2" },
                    },
                    {
                        port: { number: 80, name: "http", protocol: "HTTP" },
                        hosts: ["production/app.example.com"],
                        tls: { httpsRedirect: true },
                    },
                ],
            },
        });
        expect(p.gatewayRef).toBe("istio-ingress/web");
        expect(p.requestAuthentication).toBeUndefined();
        validate(p.gateway.object);
    });

    it("serves plain HTTP behind a load balancer that terminates TLS", () => {
        const p = plan({ namespace: "istio-ingress", hosts: ["production/app.example.com"], loadBalancerTls: {} });
        expect(p.gateway.object.spec.servers).toEqual([
            { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["production/app.example.com"] },
        ]);
        validate(p.gateway.object);
    });

    it("authenticates JWTs at the gateway and refuses requests without one, except on public paths", () => {
        const p = plan(validArgs);
        expect(p.requestAuthentication?.object.spec).toEqual({
            selector: { matchLabels: { istio: "ingressgateway" } },
            jwtRules: [
                {
                    issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example",
                    jwksUri: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example/.well-known/jwks.json",
                    audiences: ["web-client"],
                    forwardOriginalToken: true,
                    outputClaimToHeaders: [{ header: "x-user", claim: "sub" }],
                },
            ],
        });
        expect(p.jwtRequired?.object.spec).toEqual({
            selector: { matchLabels: { istio: "ingressgateway" } },
            action: "DENY",
            rules: [
                {
                    from: [{ source: { notRequestPrincipals: ["*"] } }],
                    to: [{ operation: { notPaths: ["/healthz", "/public/*"] } }],
                },
            ],
        });
        for (const o of [p.gateway, p.requestAuthentication, p.jwtRequired]) validate(o!.object);
        expect(
            plan({ ...validArgs, jwt: { rules: validArgs.jwt!.rules, required: false } }).jwtRequired,
        ).toBeUndefined();
    });

    it("the schema's type and IstioGatewayArgs are mutually assignable, and the fixture is valid", () => {
        const same: MutuallyAssignable<z.input<typeof istioGatewayArgsSchema>, IstioGatewayArgs> = true;
        expect(same).toBe(true);
        expect(() => plan(validArgs)).not.toThrow();
    });
});

describe("IstioGateway validation: one failing case per rule", () => {
    const base = (): IstioGatewayArgs => ({
        namespace: "istio-ingress",
        hosts: ["production/app.example.com"],
        tls: { credentialName: "app-tls" },
    });
    const jwt = (j: object): IstioGatewayArgs => ({
        ...base(),
        jwt: { rules: [{ issuer: "https://issuer.example.com" }], ...j } as never,
    });
    it.each<[string, IstioGatewayArgs, string]>([
        ["namespace", { ...base(), namespace: "Istio" }, "namespace"],
        ["hosts not empty", { ...base(), hosts: [] }, "hosts"],
        ["host syntax", { ...base(), hosts: ["production/App.Example.com"] }, "hosts[0]"],
        ["host wildcard placement", { ...base(), hosts: ["app.*.com"] }, "hosts[0]"],
        ["host namespace part", { ...base(), hosts: ["Prod/app.example.com"] }, "hosts[0]"],
        ["tls or loadBalancerTls", { namespace: "istio-ingress", hosts: ["app.example.com"] }, "tls"],
        ["not both", { ...base(), loadBalancerTls: {} }, "loadBalancerTls"],
        ["tls port", { ...base(), tls: { credentialName: "x", port: 0 } }, "tls.port"],
        ["tls port 80 collides with the redirect", { ...base(), tls: { credentialName: "x", port: 80 } }, "tls.port"],
        [
            "load balancer port",
            { namespace: "istio-ingress", hosts: ["app.example.com"], loadBalancerTls: { port: 70000 } },
            "loadBalancerTls.port",
        ],
        ["tls mode", { ...base(), tls: { credentialName: "x", mode: "PASSTHROUGH" as "SIMPLE" } }, "tls.mode"],
        [
            "TLS 1.0 is not offered",
            { ...base(), tls: { credentialName: "x", minProtocolVersion: "TLSV1_0" as "TLSV1_2" } },
            "tls.minProtocolVersion",
        ],
        ["selector", { ...base(), selector: {} }, "selector"],
        ["jwt rules not empty", { ...base(), jwt: { rules: [] } }, "jwt.rules"],
        ["jwt issuer", jwt({ rules: [{ issuer: "" }] }), "jwt.rules[0].issuer"],
        [
            "jwks over https",
            jwt({ rules: [{ issuer: "i", jwksUri: "http://issuer.example.com/jwks" }] }),
            "jwt.rules[0].jwksUri",
        ],
        ["audiences not empty", jwt({ rules: [{ issuer: "i", audiences: [] }] }), "jwt.rules[0].audiences"],
        ["audience names", jwt({ rules: [{ issuer: "i", audiences: [""] }] }), "jwt.rules[0].audiences[0]"],
        [
            "claim names",
            jwt({ rules: [{ issuer: "i", outputClaimToHeaders: { "x-user": "" } }] }),
            "jwt.rules[0].outputClaimToHeaders.x-user",
        ],
        [
            "claim header names",
            jwt({ rules: [{ issuer: "i", outputClaimToHeaders: { "x user": "sub" } }] }),
            "jwt.rules[0].outputClaimToHeaders.x user",
        ],
        ["public paths", jwt({ publicPaths: ["healthz"] }), "jwt.publicPaths[0]"],
        ["public paths need required", jwt({ required: false, publicPaths: ["/healthz"] }), "jwt.publicPaths"],
        [
            "strict booleans",
            { ...base(), tls: { credentialName: "x", httpsRedirect: "false" as unknown as boolean } },
            "tls.httpsRedirect",
        ],
        ["unknown keys", { ...base(), hostz: [] } as IstioGatewayArgs, "hostz"],
    ])("%s", (_, args, path) => {
        expect(problemPaths(() => plan(args))).toEqual([path]);
    });

    it("says both ways out when neither TLS mode is given", () => {
        try {
            plan({ namespace: "istio-ingress", hosts: ["app.example.com"] });
        } catch (e) {
            expect((e as pulumi.InputPropertiesError).errors[0].reason).toMatch(/give tls .* or loadBalancerTls/);
            return;
        }
        throw new Error("expected an error");
    });
});

describe("IstioGateway under mocks", () => {
    it("registers the Gateway and the JWT policies as planned; the Secret name may be an Output", async () => {
        const expected = plan(validArgs);
        const result = await runPlan(() => {
            new IstioGateway(
                "web",
                { ...validArgs, tls: { ...validArgs.tls!, credentialName: pulumi.output("app-example-com-tls") } },
                {
                    provider: new k8s.Provider("k", { kubeconfig: "{}" }),
                },
            );
        });
        const children = childrenOf(result, only(result, IstioGateway.TYPE));
        expect(children.map((c) => c.type).sort()).toEqual([
            "kubernetes:networking.istio.io/v1:Gateway",
            "kubernetes:security.istio.io/v1:AuthorizationPolicy",
            "kubernetes:security.istio.io/v1:RequestAuthentication",
        ]);
        for (const o of [expected.gateway, expected.requestAuthentication!, expected.jwtRequired!]) {
            expect(plain(children.find((c) => c.name === `web-${o.suffix}`)?.inputs)).toEqual(plain(o.object));
        }
    });

    it("registers nothing when an input is wrong", async () => {
        const { errors, plan: result } = await expectInvalid(() => {
            new IstioGateway("web", { namespace: "istio-ingress", hosts: ["app.example.com"] });
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["tls"]);
        expect(result.resources).toEqual([]);
    });
});
