import { input, int, obj, planTime, z } from "../../../src/core";

const str = z.string();
const protocol = z.enum(["http", "http2", "grpc", "tcp"]);

const healthCheckSchema = obj({
    enabled: z.boolean().optional(),
    protocol: protocol.optional(),
    path: str.optional(),
    port: int().optional(),
    healthyThreshold: int().optional(),
    unhealthyThreshold: int().optional(),
    timeoutMillis: int().optional(),
    intervalMillis: int().optional(),
});

/** The shape of {@link AppMeshServiceArgs}, checked before anything else (issue 19). */
export const appMeshServiceArgsSchema = obj({
    // A secret mesh name stays a secret: it is passed through, never turned into a physical name.
    meshName: input(str).optional(),
    createMesh: planTime(z.boolean(), "it decides whether the mesh is created").optional(),
    serviceName: input(str),
    port: int(),
    protocol: protocol.optional(),
    versions: planTime(
        z.record(str, obj({ hostname: input(str), weight: int(), healthCheck: healthCheckSchema.optional() })),
        "each key names a virtual node",
    ),
    routePrefix: str.optional(),
    routePriority: int().optional(),
    retryPolicy: obj({
        maxRetries: int(),
        perRetryTimeoutMs: int(),
        // HttpRetryPolicy: httpRetryEvents 1 to 25 items, tcpRetryEvents exactly 1 item
        // (https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HttpRetryPolicy.html).
        httpRetryEvents: z
            .array(z.enum(["server-error", "gateway-error", "client-error", "stream-error"]))
            .max(25)
            .optional(),
        tcpRetryEvents: z
            .array(z.enum(["connection-error"]))
            .max(1)
            .optional(),
    }).optional(),
    timeout: obj({ perRequestMs: int().optional(), idleMs: int().optional() }).optional(),
    backends: z.array(input(str)).optional(),
    tags: input(z.record(str, input(str))).optional(),
});
