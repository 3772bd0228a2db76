import type { IstioGatewayArgs } from "../../../components/mesh";

/** A valid, rich IstioGateway: HTTPS with a cert-manager Secret, HTTP redirect, JWT at the gateway. */
export const validArgs: IstioGatewayArgs = {
    namespace: "istio-ingress",
    selector: { istio: "ingressgateway" },
    hosts: ["production/app.example.com", "production/*.api.example.com"],
    tls: {
        credentialName: "app-example-com-tls",
        mode: "SIMPLE",
        minProtocolVersion: "TLSV1_2",
        port: 443,
        httpsRedirect: true,
    },
    jwt: {
        rules: [
            {
                issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example",
                jwksUri: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example/.well-known/jwks.json",
                audiences: ["web-client"],
                forwardOriginalToken: true,
                outputClaimToHeaders: { "x-user": "sub" },
            },
        ],
        required: true,
        publicPaths: ["/healthz", "/public/*"],
    },
    apiVersion: "networking.istio.io/v1",
    securityApiVersion: "security.istio.io/v1",
};
