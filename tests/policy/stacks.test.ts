import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/check";
import { loadStackConfig } from "../../src/plan/config";
import { type Plan, type PlannedResource, type PlanValue, runPlan } from "../support";

const root = path.resolve(__dirname, "../..");
const T = {
    eks: "eks:index:Cluster",
    release: "kubernetes:helm.sh/v3:Release",
    service: "kubernetes:core/v1:Service",
};

/** The prod program under its real stack file: planned once for this file. */
let prod: Plan;
beforeAll(async () => {
    const { config, secretKeys } = loadStackConfig(path.join(root, "stacks/Pulumi.prod.yaml"), "compute-layer");
    prod = await runPlan(path.join(root, "stacks/index.ts"), {
        project: "compute-layer",
        stack: "prod",
        config,
        secretKeys,
    });
}, 60_000);

/** A deep copy of the prod plan with one change put back. */
function copyWith(change: (resources: PlannedResource[]) => PlannedResource[]): Plan {
    const copy = JSON.parse(JSON.stringify(prod)) as Plan;
    copy.resources = change(copy.resources);
    return copy;
}

const one = (
    resources: PlannedResource[],
    type: string,
    match: (r: PlannedResource) => boolean = () => true,
): PlannedResource => {
    const found = resources.filter((r) => r.type === type && match(r));
    expect(found, type).toHaveLength(1);
    return found[0];
};

const mandatory = (plan: Plan) => checkPlan(plan).violations.filter((v) => v.enforcement === "mandatory");
/** The mandatory violations a copy has that the shipped prod plan has not. */
const added = (plan: Plan) => {
    const before = new Set(mandatory(prod).map((v) => `${v.policy} ${v.urn} ${v.message}`));
    return mandatory(plan).filter((v) => !before.has(`${v.policy} ${v.urn} ${v.message}`));
};

describe("the shipped prod stack", () => {
    it("has no mandatory violation", () => {
        expect(mandatory(prod).map((v) => `${v.policy} ${v.name}: ${v.message}`)).toEqual([]);
    });
});

describe("the deploy blockers of the review, each put back into a copy of the prod plan, are mandatory violations", () => {
    it("a private-only EKS endpoint that nothing is allowed to reach", () => {
        let clusterUrn = "";
        const plan = copyWith((resources) => {
            const cluster = one(resources, T.eks);
            clusterUrn = cluster.urn;
            Object.assign(cluster.inputs, { endpointPrivateAccess: true, endpointPublicAccess: false });
            delete cluster.inputs.publicAccessCidrs;
            // Every security-group rule that was written against the cluster goes.
            return resources.filter(
                (r) =>
                    !(
                        r.type.includes("securityGroup") &&
                        r.type.includes("Rule") &&
                        r.options.dependsOn?.includes(cluster.urn)
                    ),
            );
        });
        const found = added(plan);
        expect(found.map((v) => [v.policy, v.urn])).toEqual([["eks-endpoint-reachable-not-open", clusterUrn]]);
        expect(found[0].message).toMatch(/private only and no security-group rule admits 443/);
    });

    it("Istio sidecars without CNI in the namespace that enforces restricted", () => {
        const plan = copyWith((resources) => {
            const istiod = one(resources, T.release, (r) => r.inputs.chart === "istiod");
            const values = (istiod.inputs.values ?? {}) as Record<string, PlanValue>;
            istiod.inputs.values = {
                ...values,
                pilot: { ...((values.pilot ?? {}) as Record<string, PlanValue>), cni: { enabled: false } },
            };
            return resources.filter((r) => !(r.type === T.release && r.inputs.chart === "cni"));
        });
        const found = added(plan);
        expect(found.length).toBeGreaterThan(0);
        expect(new Set(found.map((v) => v.policy))).toEqual(new Set(["k8s-pod-security-restricted"]));
        const names = found.map((v) => v.name);
        expect(names).toContain("web-app-deployment");
        for (const v of found)
            expect(v.message).toMatch(
                /without CNI breaks the restricted Pod Security Standard; namespace production enforces restricted/,
            );
    });

    it("a public plaintext LoadBalancer Service for the app", () => {
        let serviceUrn = "";
        const plan = copyWith((resources) => {
            const svc = one(resources, T.service, (r) => (r.inputs.metadata as { name?: string }).name === "web-app");
            serviceUrn = svc.urn;
            (svc.inputs.spec as Record<string, PlanValue>).type = "LoadBalancer";
            return resources;
        });
        const found = added(plan);
        expect(found.map((v) => [v.policy, v.urn])).toEqual([["k8s-loadbalancer-service-private-or-tls", serviceUrn]]);
    });
});
