import { input, int, obj, planTime, z } from "../../../src/core";

const str = z.string();

const stringMatchSchema = obj({ exact: str.optional(), prefix: str.optional(), regex: str.optional() });

const routeSchema = obj({
    name: str.optional(),
    match: obj({
        headers: z.record(str, stringMatchSchema).optional(),
        uriPrefix: str.optional(),
        uriExact: str.optional(),
    }).optional(),
    destinations: z.array(obj({ subset: str.optional(), weight: int().optional() })),
    retries: obj({
        attempts: int(),
        perTryTimeout: str.optional(),
        // Istio's own form is one comma-separated string; a list is accepted too.
        retryOn: z.union([z.array(str), str]).optional(),
    }).optional(),
    timeout: str.optional(),
});

/** A DestinationRule traffic policy's shape (shared with the security components' TLS settings). */
export const trafficPolicySettingsSchema = obj({
    connectionPool: obj({
        tcp: obj({ maxConnections: int().optional() }).optional(),
        http: obj({
            http1MaxPendingRequests: int().optional(),
            http2MaxRequests: int().optional(),
            maxRequestsPerConnection: int().optional(),
        }).optional(),
    }).optional(),
    loadBalancer: z.enum(["ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH"]).optional(),
    tls: obj({ mode: z.enum(["ISTIO_MUTUAL", "DISABLE"]) }).optional(),
    outlierDetection: obj({
        consecutive5xxErrors: int().optional(),
        consecutiveGatewayErrors: int().optional(),
        consecutiveErrors: int().optional(),
        interval: str,
        baseEjectionTime: str,
        maxEjectionPercent: int().optional(),
    }).optional(),
});

/** The shape of {@link IstioTrafficPolicyArgs}, checked before anything else (issue 19). */
export const istioTrafficPolicyArgsSchema = obj({
    host: input(str),
    namespace: input(str).optional(),
    gateways: input(z.array(input(str))).optional(),
    gatewayHosts: z.array(input(str)).optional(),
    subsets: planTime(z.record(str, z.record(str, input(str))), "each key names a DestinationRule subset").optional(),
    routes: planTime(z.array(routeSchema), "the routes decide whether a VirtualService exists").optional(),
    trafficPolicy: planTime(trafficPolicySettingsSchema, "it decides whether a DestinationRule exists").optional(),
    subsetPolicies: planTime(z.record(str, trafficPolicySettingsSchema), "each key names a subset").optional(),
    apiVersion: z.enum(["networking.istio.io/v1", "networking.istio.io/v1beta1"]).optional(),
});
