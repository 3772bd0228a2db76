import type * as pulumi from "@pulumi/pulumi";
import type { IstioSecurityApiVersion } from "../istio-security-policy/args";
import type { IstioNetworkingApiVersion } from "../istio-traffic-policy/args";

/** The gateway terminates TLS itself, with a certificate from a Kubernetes Secret. */
export interface IstioGatewayTlsArgs {
    /**
     * The Kubernetes TLS Secret (`tls.crt` / `tls.key`, plus `ca.crt` for MUTUAL) in the gateway's
     * namespace, e.g. one cert-manager keeps renewed.
     * @default required
     */
    credentialName: pulumi.Input<string>;
    /**
     * `SIMPLE` (server TLS) or `MUTUAL` (clients must present a certificate signed by `ca.crt`).
     * @default "SIMPLE"
     */
    mode?: "SIMPLE" | "MUTUAL";
    /**
     * The oldest TLS version accepted.
     * @default "TLSV1_2"
     */
    minProtocolVersion?: "TLSV1_2" | "TLSV1_3";
    /**
     * The HTTPS port the gateway listens on, 1–65535.
     * @default 443
     */
    port?: number;
    /**
     * Also listen for HTTP on port 80 and answer every request there with a redirect to HTTPS.
     * @default true
     */
    httpsRedirect?: boolean;
}

/** TLS ends at a load balancer in front of the gateway (an NLB TLS listener or an ALB HTTPS listener). */
export interface IstioGatewayLoadBalancerTlsArgs {
    /**
     * The plain HTTP port the gateway serves the load balancer on, 1–65535. Keep it reachable only
     * from the load balancer (a ClusterIP Service with `ip` targets, or a private NLB).
     * @default 80
     */
    port?: number;
}

/** A JWT issuer the gateway accepts tokens from (a RequestAuthentication `jwtRules` entry). */
export interface IstioJwtRuleArgs {
    /**
     * The token's `iss`, e.g. `https://cognito-idp.us-east-1.amazonaws.com/<pool-id>`.
     * @default required
     */
    issuer: string;
    /**
     * Where the issuer publishes its keys (HTTPS).
     * @default none (Istio discovers it from the issuer's OpenID configuration)
     */
    jwksUri?: string;
    /**
     * The accepted `aud` values.
     * @default none (any audience)
     */
    audiences?: string[];
    /**
     * Keep the `Authorization` header for the services behind the gateway.
     * @default false
     */
    forwardOriginalToken?: boolean;
    /**
     * Claims copied into request headers for the services, header → claim, e.g. `{ "x-user": "sub" }`.
     * @default none
     */
    outputClaimToHeaders?: Record<string, string>;
}

/** JWT authentication at the gateway. */
export interface IstioGatewayJwtArgs {
    /**
     * The issuers, at least one.
     * @default required
     */
    rules: IstioJwtRuleArgs[];
    /**
     * Refuse requests that carry no valid token (a DENY AuthorizationPolicy on
     * `notRequestPrincipals: ["*"]`). A RequestAuthentication alone refuses only invalid tokens and
     * lets requests without one through.
     * @default true
     */
    required?: boolean;
    /**
     * Paths that need no token when `required` (exact, `/prefix*` or `*suffix`), e.g. `/healthz`.
     * @default none
     */
    publicPaths?: string[];
}

/**
 * The arguments of an `IstioGateway`: the ingress `Gateway` of an Istio ingress gateway
 * deployment (the `gateway` Helm chart), with TLS, and optionally JWT authentication. Give exactly
 * one of `tls` and `loadBalancerTls`. All of them must be known at plan time, except the TLS
 * Secret's name.
 */
export interface IstioGatewayArgs {
    /**
     * The namespace of the gateway deployment (the Gateway, its TLS Secret and the JWT policies live there).
     * @default required
     */
    namespace: string;
    /**
     * The pod labels of the gateway deployment.
     * @default { istio: "ingressgateway" } (the gateway chart installed as `istio-ingressgateway`)
     */
    selector?: Record<string, string>;
    /**
     * The hosts the gateway serves, `[<namespace>/]<host>`: the namespace limits which
     * VirtualServices may bind (`production/app.example.com`); `*.example.com` wildcards are allowed.
     * @default required
     */
    hosts: string[];
    /**
     * The gateway terminates TLS with a Kubernetes Secret.
     * @default none (give this or loadBalancerTls)
     */
    tls?: IstioGatewayTlsArgs;
    /**
     * TLS ends at an NLB or ALB in front of the gateway, which serves it plain HTTP.
     * @default none (give this or tls)
     */
    loadBalancerTls?: IstioGatewayLoadBalancerTlsArgs;
    /**
     * JWT authentication of every request through the gateway (a RequestAuthentication on the
     * gateway's pods, and by default a policy refusing requests without a token).
     * @default none
     */
    jwt?: IstioGatewayJwtArgs;
    /**
     * The Istio networking API version of the Gateway.
     * @default "networking.istio.io/v1"
     */
    apiVersion?: IstioNetworkingApiVersion;
    /**
     * The Istio security API version of the JWT objects.
     * @default "security.istio.io/v1"
     */
    securityApiVersion?: IstioSecurityApiVersion;
}
