import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { KubernetesService, type KubernetesServiceArgs, planKubernetesService } from "../../../components/kubernetes";
import { childrenOf, only, runPlan } from "../../support";
import { referenceWorker, validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const plain = (o: unknown) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

/** The reference worker with Pod Identity for its queue. */
const worker: KubernetesServiceArgs = {
    ...referenceWorker,
    awsAccess: {
        clusterName: "platform",
        statements: [
            {
                Effect: "Allow",
                Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
                Resource: "arn:aws:sqs:us-east-1:123456789012:my-queue",
            },
        ],
    },
};

describe("KubernetesService adds only Outputs to its planner's result", () => {
    it.each([
        ["the rich fixture", validArgs],
        ["the reference worker", worker],
    ])("%s: every child's registered inputs are the planned inputs", async (_, args) => {
        const expected = planKubernetesService("app", args, ctx);
        const plan = await runPlan(() => {
            new KubernetesService("app", args, { provider: new k8s.Provider("k", { kubeconfig: "{}" }) });
        });
        const children = childrenOf(plan, only(plan, KubernetesService.TYPE));
        const byName = Object.fromEntries(children.map((r) => [r.name, r]));
        const planned: Record<string, unknown> = {
            "app-deployment": expected.deployment,
            "app-service": expected.service,
            "app-hpa": expected.hpa,
            "app-pdb": expected.pdb,
            "app-namespace": expected.namespaceObject,
            "app-scaled-object": expected.scaledObject,
            "app-trigger-auth": expected.triggerAuthentication,
            "app-service-account": expected.serviceAccount,
            "app-ingress": expected.ingress,
        };
        const want = Object.entries(planned).filter(([, v]) => v !== undefined);
        // The IAM role, its policy and the Pod Identity association carry Outputs (the trust's account, the role's ARN).
        const aws = expected.awsAccess?.role ? ["app-role", "app-role-policy", "app-pod-identity"] : [];
        expect(children.map((r) => r.name).sort()).toEqual([...want.map(([n]) => n), ...aws].sort());
        for (const [childName, inputs] of want) {
            // The typed Kubernetes classes add apiVersion and kind themselves; custom resources carry them in the plan.
            const { apiVersion: _a, kind: _k, ...registered } = byName[childName].inputs as Record<string, unknown>;
            const { apiVersion: _pa, kind: _pk, ...planned } = plain(inputs);
            expect(plain(registered), childName).toEqual(planned);
        }
    });
});
