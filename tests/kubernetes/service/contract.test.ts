import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { KubernetesService, type KubernetesServiceArgs, planKubernetesService } from "../../../components/kubernetes";
import { childrenOf, only, runPlan } from "../../support";
import { validArgs } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const plain = (o: unknown) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

/** The reference worker (REFERENCE.md, worker-hpa): 1–50 replicas on an External queue metric. */
const worker: KubernetesServiceArgs = {
    image: "public.ecr.aws/docker/library/busybox:1.36",
    port: 8080,
    service: { enabled: false },
    autoScaling: {
        min: 1,
        max: 50,
        targetTracking: [
            {
                metric: "custom",
                target: 30,
                customMetric: { metricName: "sqs_queue_messages_visible", namespace: "external.metrics.k8s.io", statistic: "Average", dimensions: { queue_name: "my-queue" } },
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
        };
        const want = Object.entries(planned).filter(([, v]) => v !== undefined);
        expect(children.map((r) => r.name).sort()).toEqual(want.map(([n]) => n).sort());
        for (const [childName, inputs] of want) {
            const { apiVersion: _a, kind: _k, ...registered } = byName[childName].inputs as Record<string, unknown>;
            expect(plain(registered), childName).toEqual(plain(inputs));
        }
    });
});
