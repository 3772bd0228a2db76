import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { KubernetesService, type KubernetesServiceArgs, planKubernetesService } from "../../../components/kubernetes";
import { childrenOf, only, problemPaths, runPlan } from "../../support";
import { referenceWorker } from "./fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/my-queue";
const plain = (o: unknown) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

const worker = referenceWorker;
const plan = (args: Partial<KubernetesServiceArgs>) =>
    planKubernetesService("worker", { ...worker, ...args } as KubernetesServiceArgs, ctx);
const paths = (args: Partial<KubernetesServiceArgs>) => problemPaths(() => plan(args));
const scaling = (a: object) => ({ autoScaling: { min: 1, max: 50, ...a } as KubernetesServiceArgs["autoScaling"] });

describe("KEDA: the reference worker scales 1–50 on its SQS queue", () => {
    const p = plan({});

    it("renders a ScaledObject, not an HPA: 30 messages per replica between 1 and 50 replicas", () => {
        expect(p.hpa).toBeUndefined();
        expect(p.scaledObject?.spec).toMatchObject({
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "worker" },
            minReplicaCount: 1,
            maxReplicaCount: 50,
            pollingInterval: 30,
            cooldownPeriod: 300,
            triggers: [
                {
                    type: "aws-sqs-queue",
                    authenticationRef: { name: "worker" },
                    metadata: { queueURL: QUEUE, queueLength: "30", awsRegion: "us-east-1", scaleOnInFlight: "true" },
                },
            ],
        });
        // The autoscaler owns the count; the HPA behaviour goes through KEDA's HPA.
        expect(p.deploymentIgnoreChanges).toEqual(["spec.replicas"]);
        expect(p.scaledObject?.spec.advanced.horizontalPodAutoscalerConfig.behavior).toMatchObject({
            scaleDown: { stabilizationWindowSeconds: 300 },
        });
        // No default CPU trigger: the queue drives the scaling.
        expect(p.scaledObject?.spec.triggers).toHaveLength(1);
    });

    it("reads the queue with the KEDA operator's own AWS identity", () => {
        expect(p.triggerAuthentication).toEqual({
            apiVersion: "keda.sh/v1alpha1",
            kind: "TriggerAuthentication",
            metadata: { name: "worker", namespace: "production", labels: p.labels },
            spec: { podIdentity: { provider: "aws" } },
        });
    });

    it("both objects pass KEDA's CRD schemas", () => {
        new ScaledObject(plain({ metadata: p.scaledObject?.metadata, spec: p.scaledObject?.spec }) as never).validate();
        new TriggerAuthentication(
            plain({ metadata: p.triggerAuthentication?.metadata, spec: p.triggerAuthentication?.spec }) as never,
        ).validate();
        // The schema does check: a count as a string is refused.
        const bad = plain({
            metadata: p.scaledObject?.metadata,
            spec: { ...p.scaledObject?.spec, minReplicaCount: "1" },
        });
        expect(() => new ScaledObject(bad as never).validate()).toThrow();
    });

    it("adds cpu and memory triggers from targetTracking, and KEDA's polling and cooldown", () => {
        const so = plan(
            scaling({
                engine: "keda",
                targetTracking: [{ metric: "cpu", target: 60 }],
                sqsQueue: { queueUrl: QUEUE, messagesPerReplica: 10, activationMessages: 5, includeInFlight: false },
                keda: { pollingIntervalSeconds: 15, cooldownPeriodSeconds: 120 },
            }),
        ).scaledObject?.spec;
        expect(so?.triggers[0]).toEqual({ type: "cpu", metricType: "Utilization", metadata: { value: "60" } });
        expect(so?.triggers[1].metadata).toMatchObject({
            queueLength: "10",
            activationQueueLength: "5",
            scaleOnInFlight: "false",
        });
        expect(so).toMatchObject({ pollingInterval: 15, cooldownPeriod: 120 });
        new ScaledObject(plain({ metadata: { name: "w" }, spec: so }) as never).validate();
    });

    it("registers the ScaledObject after the Deployment and its TriggerAuthentication", async () => {
        const result = await runPlan(() => {
            new KubernetesService("worker", worker, { provider: new k8s.Provider("k", { kubeconfig: "{}" }) });
        });
        const children = childrenOf(result, only(result, KubernetesService.TYPE));
        const so = children.find((c) => c.type === "kubernetes:keda.sh/v1alpha1:ScaledObject");
        const auth = children.find((c) => c.type === "kubernetes:keda.sh/v1alpha1:TriggerAuthentication");
        const deployment = children.find((c) => c.type === "kubernetes:apps/v1:Deployment");
        expect(so?.options.dependsOn?.sort()).toEqual([deployment?.urn, auth?.urn].sort());
        expect(children.some((c) => c.type.includes("HorizontalPodAutoscaler"))).toBe(false);
    });
});

describe("KEDA and External metrics: failing cases", () => {
    const external = {
        metric: "custom" as const,
        target: 30,
        customMetric: { metricName: "m", namespace: "n", statistic: "Average" as const },
    };

    it("an External metric with neither KEDA nor an adapter names both ways out", () => {
        try {
            plan(scaling({ targetTracking: [external] }));
            throw new Error("expected an error");
        } catch (e) {
            const errors = (e as pulumi.InputPropertiesError).errors;
            expect(errors.map((x) => x.propertyPath)).toEqual(["autoScaling.targetTracking[0]"]);
            expect(errors[0].reason).toContain('autoScaling.engine: "keda"');
            expect(errors[0].reason).toContain("autoScaling.externalMetricsAdapter: true");
        }
        expect(
            plan(scaling({ targetTracking: [external], externalMetricsAdapter: true })).hpa?.spec.metrics,
        ).toHaveLength(1);
    });

    // A relation between two fields is reported at both.
    it.each<[string, Partial<KubernetesServiceArgs>, string | string[]]>([
        [
            "an SQS queue needs KEDA",
            scaling({ sqsQueue: { queueUrl: QUEUE, messagesPerReplica: 30 } }),
            ["autoScaling.sqsQueue", "autoScaling.engine"],
        ],
        [
            "KEDA takes no External metric",
            scaling({ engine: "keda", targetTracking: [external] }),
            "autoScaling.targetTracking[0]",
        ],
        [
            "keda settings need KEDA",
            scaling({ keda: { pollingIntervalSeconds: 10 } }),
            ["autoScaling.keda", "autoScaling.engine"],
        ],
        [
            "the adapter is the HPA's",
            scaling({ engine: "keda", externalMetricsAdapter: true }),
            ["autoScaling.externalMetricsAdapter", "autoScaling.engine"],
        ],
        [
            "messages per replica ≥ 1",
            scaling({ engine: "keda", sqsQueue: { queueUrl: QUEUE, messagesPerReplica: 0 } }),
            "autoScaling.sqsQueue.messagesPerReplica",
        ],
        [
            "activation ≥ 0",
            scaling({ engine: "keda", sqsQueue: { queueUrl: QUEUE, messagesPerReplica: 1, activationMessages: -1 } }),
            "autoScaling.sqsQueue.activationMessages",
        ],
        [
            "queue URL",
            scaling({ engine: "keda", sqsQueue: { queueUrl: "my-queue", messagesPerReplica: 1 } }),
            "autoScaling.sqsQueue.queueUrl",
        ],
        [
            "region matches the URL",
            scaling({ engine: "keda", sqsQueue: { queueUrl: QUEUE, messagesPerReplica: 1, region: "eu-west-1" } }),
            ["autoScaling.sqsQueue.region", "autoScaling.sqsQueue.queueUrl"],
        ],
        [
            "region when the URL is an Output",
            scaling({ engine: "keda", sqsQueue: { queueUrl: pulumi.output(QUEUE), messagesPerReplica: 1 } }),
            ["autoScaling.sqsQueue.region", "autoScaling.sqsQueue.queueUrl"],
        ],
        [
            "polling ≥ 1 s",
            scaling({ engine: "keda", keda: { pollingIntervalSeconds: 0 } }),
            "autoScaling.keda.pollingIntervalSeconds",
        ],
        [
            "cooldown ≥ 0 s",
            scaling({ engine: "keda", keda: { cooldownPeriodSeconds: -1 } }),
            "autoScaling.keda.cooldownPeriodSeconds",
        ],
        ["engine", scaling({ engine: "vpa" as "hpa" }), "autoScaling.engine"],
    ])("%s", (_, args, path) => {
        expect(paths(args)).toEqual(Array.isArray(path) ? path : [path]);
    });

    it("takes the queue URL as an Output with its region", () => {
        const so = plan(
            scaling({
                engine: "keda",
                sqsQueue: { queueUrl: pulumi.output(QUEUE), messagesPerReplica: 30, region: "us-east-1" },
            }),
        ).scaledObject?.spec;
        expect(so?.triggers[0].metadata.awsRegion).toBe("us-east-1");
    });
});
