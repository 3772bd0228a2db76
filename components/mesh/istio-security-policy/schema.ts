import { int, obj, planTime, z } from "../../../src/core";

const str = z.string();
const strings = z.array(str);
const mode = z.enum(["STRICT", "PERMISSIVE", "DISABLE"]);
const labels = z.record(str, str);

const sourceSchema = obj({
    principals: strings.optional(),
    notPrincipals: strings.optional(),
    serviceAccounts: strings.optional(),
    namespaces: strings.optional(),
    notNamespaces: strings.optional(),
    requestPrincipals: strings.optional(),
    notRequestPrincipals: strings.optional(),
    ipBlocks: strings.optional(),
    notIpBlocks: strings.optional(),
    remoteIpBlocks: strings.optional(),
    notRemoteIpBlocks: strings.optional(),
});

const operationSchema = obj({
    methods: strings.optional(),
    notMethods: strings.optional(),
    paths: strings.optional(),
    notPaths: strings.optional(),
    ports: z.array(int()).optional(),
    notPorts: z.array(int()).optional(),
    hosts: strings.optional(),
    notHosts: strings.optional(),
});

const ruleSchema = obj({
    from: sourceSchema.optional(),
    to: operationSchema.optional(),
    when: z.array(obj({ key: str, values: strings.optional(), notValues: strings.optional() })).optional(),
    jwtClaims: z.record(str, strings).optional(),
});

/** The shape of one AuthorizationPolicy's args (the gateway's JWT policy reuses the rule shape). */
export const authorizationPolicySchema = obj({
    action: z.enum(["ALLOW", "DENY", "CUSTOM"]).optional(),
    provider: str.optional(),
    selector: labels.optional(),
    rules: z.array(ruleSchema),
});

/** The shape of {@link IstioSecurityPolicyArgs}, checked before anything else (issue 19). */
export const istioSecurityPolicyArgsSchema = obj({
    namespace: planTime(str, "it is where every policy is created"),
    mtls: planTime(
        z.union([obj({ mode: mode.optional() }), z.literal(false)]),
        "it decides whether a PeerAuthentication exists",
    ).optional(),
    workloadMtls: planTime(
        z.record(str, obj({ selector: labels, mode: mode.optional(), ports: z.record(str, mode).optional() })),
        "each key names a PeerAuthentication",
    ).optional(),
    defaultDeny: planTime(z.boolean(), "it decides whether the allow-nothing policy exists").optional(),
    authorization: planTime(
        z.record(str, authorizationPolicySchema),
        "each key names an AuthorizationPolicy",
    ).optional(),
    trustDomain: str.optional(),
    apiVersion: z.enum(["security.istio.io/v1", "security.istio.io/v1beta1"]).optional(),
});
