import type { IstioSecurityPolicyArgs } from "../../../components/mesh";

/** A valid, rich IstioSecurityPolicy: prod's `production` namespace (STRICT mTLS, callers authorized by service account). */
export const validArgs: IstioSecurityPolicyArgs = {
    namespace: "production",
    mtls: { mode: "STRICT" },
    workloadMtls: {
        metrics: { selector: { app: "web" }, mode: "STRICT", ports: { "9090": "PERMISSIVE" } },
    },
    defaultDeny: true,
    authorization: {
        "web-callers": {
            action: "ALLOW",
            selector: { app: "web" },
            rules: [
                {
                    from: { serviceAccounts: ["istio-ingress/istio-ingressgateway", "production/orders"] },
                    to: { methods: ["GET", "POST"], paths: ["/*"], ports: [8080] },
                },
            ],
        },
        "admin-only": {
            action: "DENY",
            selector: { app: "web" },
            rules: [
                { to: { paths: ["/admin/*"] }, when: [{ key: "request.auth.claims[groups]", notValues: ["admin"] }] },
            ],
        },
        "ext-authz": {
            action: "CUSTOM",
            provider: "opa",
            selector: { app: "web" },
            rules: [{ to: { paths: ["/internal/*"] } }],
        },
    },
    trustDomain: "cluster.local",
    apiVersion: "security.istio.io/v1",
};
