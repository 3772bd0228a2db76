import type * as pulumi from "@pulumi/pulumi";
import { checkedPlan, joinPath, type PlanContext, type Validator } from "../../../src/core";
import type { IstioAuthorizationPolicySpec, IstioPlannedObject } from "../istio-security-policy/plan";
import { pathProblem } from "../istio-security-policy/plan";
import { checkNamespace, checkSelector, portProblem } from "../shared/checks";
import { compact, istioObjectName } from "../shared/istio-object";
import type { IstioGatewayArgs } from "./args";
import { istioGatewayArgsSchema } from "./schema";

/** One server of the Gateway, as Istio writes it. */
export interface IstioGatewayServerSpec {
    port: { number: number; name: string; protocol: "HTTP" | "HTTPS" };
    hosts: string[];
    tls?: {
        mode?: "SIMPLE" | "MUTUAL";
        credentialName?: pulumi.Input<string>;
        minProtocolVersion?: string;
        httpsRedirect?: boolean;
    };
}

/** The Gateway spec. */
export interface IstioGatewaySpec {
    selector: Record<string, string>;
    servers: IstioGatewayServerSpec[];
}

/** A RequestAuthentication spec. */
export interface IstioRequestAuthenticationSpec {
    selector: { matchLabels: Record<string, string> };
    jwtRules: {
        issuer: string;
        jwksUri?: string;
        audiences?: string[];
        forwardOriginalToken?: boolean;
        outputClaimToHeaders?: { header: string; claim: string }[];
    }[];
}

/** What an IstioGateway creates. */
export interface IstioGatewayPlan {
    gateway: IstioPlannedObject<IstioGatewaySpec>;
    requestAuthentication?: IstioPlannedObject<IstioRequestAuthenticationSpec>;
    jwtRequired?: IstioPlannedObject<IstioAuthorizationPolicySpec>;
    /** `<namespace>/<name>`: what a VirtualService's `gateways` names. */
    gatewayRef: string;
}

/** The gateway chart's pods when installed as `istio-ingressgateway` (its `istio:` label). */
export const DEFAULT_GATEWAY_SELECTOR = { istio: "ingressgateway" } as const;

/** Istio's header names (`ValidateHTTPHeaderName`). */
const HEADER_NAME = /^[-_A-Za-z0-9]+$/;
/** A host Istio accepts in a Gateway: a DNS name, with a `*` as the whole leftmost label at most. */
const GATEWAY_HOST = /^(\*|(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;
const NAMESPACE_PART = /^(\*|\.|~|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

function hostProblem(value: string): string | undefined {
    const slash = value.indexOf("/");
    const ns = slash >= 0 ? value.slice(0, slash) : undefined;
    const host = slash >= 0 ? value.slice(slash + 1) : value;
    if ((ns !== undefined && !NAMESPACE_PART.test(ns)) || host.length > 253 || !GATEWAY_HOST.test(host)) {
        return `must be "[<namespace>/]<host>": a lower-case DNS name, optionally "*." in front, and a namespace ("*", "." or a name) that may bind to it (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

/**
 * Plans an {@link IstioGateway}: checks every argument (one `InputPropertiesError` with every
 * problem) and returns the final inputs of the Gateway and the JWT policies.
 */
export function planIstioGateway(name: string, args: IstioGatewayArgs, ctx: PlanContext): IstioGatewayPlan {
    return checkedPlan(`IstioGateway "${name}"`, istioGatewayArgsSchema, args, (v) =>
        planChecked(v, name, args ?? ({} as IstioGatewayArgs), ctx),
    );
}

function planChecked(v: Validator, name: string, args: IstioGatewayArgs, _ctx: PlanContext): IstioGatewayPlan {
    checkNamespace(v, args.namespace, "namespace");
    checkSelector(v, args.selector, "selector");
    if (args.hosts.length === 0) v.add("hosts", 'must list at least one host, e.g. "production/app.example.com"');
    args.hosts.forEach((h, i) => {
        const p = hostProblem(h);
        if (p) v.add(joinPath("hosts", i), p);
    });
    const { tls, loadBalancerTls: lbTls } = args;
    if ((tls === undefined) === (lbTls === undefined)) {
        v.add(
            tls ? "loadBalancerTls" : "tls",
            tls
                ? "must not be set together with tls: give tls (the gateway terminates TLS) or loadBalancerTls (the load balancer in front does), not both"
                : "is required, or loadBalancerTls: give tls (the gateway terminates TLS with a Kubernetes Secret) or loadBalancerTls (an NLB or ALB in front terminates it)",
        );
    }
    const httpsPort = tls?.port ?? 443;
    const redirect = tls !== undefined && tls.httpsRedirect !== false;
    if (tls?.port !== undefined) {
        const p = portProblem(tls.port);
        if (p) v.add("tls.port", p);
        else if (redirect && tls.port === 80)
            v.add(
                "tls.port",
                "must not be 80 while httpsRedirect is on (port 80 answers with the redirect): choose another port, or set httpsRedirect: false",
            );
    }
    if (lbTls?.port !== undefined) {
        const p = portProblem(lbTls.port);
        if (p) v.add("loadBalancerTls.port", p);
    }
    const jwt = args.jwt;
    if (jwt) {
        if (jwt.rules.length === 0) v.add("jwt.rules", "must list at least one issuer");
        jwt.rules.forEach((r, i) => {
            const p = joinPath("jwt.rules", i);
            if (r.issuer === "")
                v.add(
                    joinPath(p, "issuer"),
                    "must be the token's iss, e.g. https://cognito-idp.us-east-1.amazonaws.com/<pool-id>",
                );
            if (r.jwksUri !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(r.jwksUri)) {
                v.add(
                    joinPath(p, "jwksUri"),
                    `must be an https:// URL: keys fetched in clear could be replaced (got ${JSON.stringify(r.jwksUri)})`,
                );
            }
            if (r.audiences?.length === 0)
                v.add(joinPath(p, "audiences"), "must not be empty: leave it out to accept any audience");
            r.audiences?.forEach((a, j) => {
                if (a === "") v.add(joinPath(p, "audiences", j), "must not be empty");
            });
            for (const [header, claim] of Object.entries(r.outputClaimToHeaders ?? {})) {
                if (!HEADER_NAME.test(header))
                    v.add(
                        joinPath(p, "outputClaimToHeaders", header),
                        `must be a header name: letters, digits, "-" and "_" (got ${JSON.stringify(header)})`,
                    );
                if (claim === "") v.add(joinPath(p, "outputClaimToHeaders", header), "must name a claim");
            }
        });
        if (jwt.publicPaths !== undefined) {
            if (jwt.required === false)
                v.add("jwt.publicPaths", "applies only when required is true: without it every path is public already");
            jwt.publicPaths.forEach((path, i) => {
                const p = pathProblem(path);
                if (p) v.add(joinPath("jwt.publicPaths", i), p);
            });
        }
    }
    v.throwIfAny();

    const selector = { ...(args.selector ?? DEFAULT_GATEWAY_SELECTOR) };
    const hosts = [...args.hosts];
    const servers: IstioGatewayServerSpec[] = tls
        ? [
              {
                  port: { number: httpsPort, name: "https", protocol: "HTTPS" },
                  hosts,
                  tls: {
                      mode: tls.mode ?? "SIMPLE",
                      credentialName: tls.credentialName,
                      minProtocolVersion: tls.minProtocolVersion ?? "TLSV1_2",
                  },
              },
              ...(redirect
                  ? [
                        {
                            port: { number: 80, name: "http", protocol: "HTTP" as const },
                            hosts,
                            tls: { httpsRedirect: true },
                        },
                    ]
                  : []),
          ]
        : [{ port: { number: lbTls?.port ?? 80, name: "http", protocol: "HTTP" }, hosts }];
    const apiVersion = args.apiVersion ?? "networking.istio.io/v1";
    const securityApiVersion = args.securityApiVersion ?? "security.istio.io/v1";
    const metadataName = istioObjectName(name);
    const meta = (suffix?: string) => ({
        name: suffix ? istioObjectName(name, suffix) : metadataName,
        namespace: args.namespace,
    });

    return {
        gateway: {
            suffix: "gateway",
            object: { apiVersion, kind: "Gateway", metadata: meta(), spec: { selector, servers } },
        },
        ...(jwt
            ? {
                  requestAuthentication: {
                      suffix: "jwt",
                      object: {
                          apiVersion: securityApiVersion,
                          kind: "RequestAuthentication",
                          metadata: meta("jwt"),
                          spec: {
                              selector: { matchLabels: selector },
                              jwtRules: jwt.rules.map((r) =>
                                  compact({
                                      issuer: r.issuer,
                                      jwksUri: r.jwksUri,
                                      audiences: r.audiences,
                                      forwardOriginalToken: r.forwardOriginalToken,
                                      outputClaimToHeaders: r.outputClaimToHeaders
                                          ? Object.entries(r.outputClaimToHeaders).map(([header, claim]) => ({
                                                header,
                                                claim,
                                            }))
                                          : undefined,
                                  }),
                              ),
                          },
                      },
                  },
              }
            : {}),
        ...(jwt && jwt.required !== false
            ? {
                  jwtRequired: {
                      suffix: "jwt-required",
                      object: {
                          apiVersion: securityApiVersion,
                          kind: "AuthorizationPolicy",
                          metadata: meta("jwt-required"),
                          spec: {
                              selector: { matchLabels: selector },
                              action: "DENY",
                              rules: [
                                  compact({
                                      from: [{ source: { notRequestPrincipals: ["*"] } }],
                                      to: jwt.publicPaths?.length
                                          ? [{ operation: { notPaths: [...jwt.publicPaths] } }]
                                          : undefined,
                                  }),
                              ],
                          },
                      },
                  },
              }
            : {}),
        gatewayRef: `${args.namespace}/${metadataName}`,
    };
}
