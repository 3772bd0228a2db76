import { input, int, obj, planTime, z } from "../../../src/core";

const str = z.string();

/** The shape of {@link IstioGatewayArgs}, checked before anything else (issue 19). */
export const istioGatewayArgsSchema = obj({
    namespace: planTime(str, "it is where the Gateway and its policies are created"),
    selector: z.record(str, str).optional(),
    hosts: z.array(str),
    tls: planTime(
        obj({
            credentialName: input(str),
            mode: z.enum(["SIMPLE", "MUTUAL"]).optional(),
            minProtocolVersion: z.enum(["TLSV1_2", "TLSV1_3"]).optional(),
            port: int().optional(),
            httpsRedirect: z.boolean().optional(),
        }),
        "it decides the gateway's servers",
    ).optional(),
    loadBalancerTls: planTime(obj({ port: int().optional() }), "it decides the gateway's servers").optional(),
    jwt: planTime(
        obj({
            rules: z.array(
                obj({
                    issuer: str,
                    jwksUri: str.optional(),
                    audiences: z.array(str).optional(),
                    forwardOriginalToken: z.boolean().optional(),
                    outputClaimToHeaders: z.record(str, str).optional(),
                }),
            ),
            required: z.boolean().optional(),
            publicPaths: z.array(str).optional(),
        }),
        "it decides whether the JWT policies exist",
    ).optional(),
    apiVersion: z.enum(["networking.istio.io/v1", "networking.istio.io/v1beta1"]).optional(),
    securityApiVersion: z.enum(["security.istio.io/v1", "security.istio.io/v1beta1"]).optional(),
});
