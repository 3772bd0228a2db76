/**
 * The compute-layer policy pack for Pulumi CrossGuard:
 *
 *     (cd policy && npm install) && pulumi preview --policy-pack policy
 *
 * The rules live in `policies.ts` (plain objects, importable and testable); `npm run check`
 * runs the same list offline over a plan.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./policies";

new PolicyPack(POLICY_PACK_NAME, {
    description:
        "Secure defaults and deploy readiness of the compute layer: IMDSv2, encryption, TLS 1.2+, private or TLS load balancers, a reachable EKS API, restricted pod security with Istio, authorized routes, autoscaler-owned counts.",
    enforcementLevel: "advisory",
    policies,
});
