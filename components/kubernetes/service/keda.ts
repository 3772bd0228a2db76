import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { isKnown, joinPath, type Validator } from "../../../src/core";
import type { HpaMetric } from "../../../src/scaling";
import type { KubernetesAutoScalingArgs } from "./args";

type HpaBehavior = k8s.types.input.autoscaling.v2.HorizontalPodAutoscalerBehavior;

/** One KEDA trigger of a ScaledObject. */
export interface KedaTrigger {
    type: "cpu" | "memory" | "aws-sqs-queue";
    metricType?: "Utilization";
    metadata: Record<string, pulumi.Input<string>>;
    authenticationRef?: { name: string };
}

/** A KEDA ScaledObject spec (keda.sh/v1alpha1). */
export interface ScaledObjectSpec {
    scaleTargetRef: { apiVersion: "apps/v1"; kind: "Deployment"; name: string };
    minReplicaCount: number;
    maxReplicaCount: number;
    pollingInterval: number;
    cooldownPeriod: number;
    advanced: { horizontalPodAutoscalerConfig: { behavior: HpaBehavior } };
    triggers: KedaTrigger[];
}

/** A KEDA TriggerAuthentication spec: the AWS identity KEDA reads the queue with. */
export interface TriggerAuthenticationSpec {
    podIdentity: { provider: "aws" };
}

/** The region in an SQS queue URL, `https://sqs.<region>.amazonaws.com/<account>/<name>`. */
const QUEUE_URL = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/\d{12}\/[\w-]{1,80}(\.fifo)?$/;

/**
 * The ScaledObject for `engine: "keda"`: cpu and memory targets as KEDA's cpu/memory triggers, the
 * SQS queue as an `aws-sqs-queue` trigger read with the KEDA operator's own AWS identity
 * (a TriggerAuthentication with `podIdentity.provider: aws`), the HPA behaviour passed through
 * KEDA's `advanced.horizontalPodAutoscalerConfig` (https://keda.sh/docs/latest/reference/scaledobject-spec/,
 * https://keda.sh/docs/latest/scalers/aws-sqs/).
 */
export function planScaledObject(
    v: Validator,
    a: KubernetesAutoScalingArgs,
    metrics: HpaMetric[],
    behavior: HpaBehavior,
    names: { deployment: string; triggerAuthentication: string },
): { spec: ScaledObjectSpec; triggerAuthentication?: TriggerAuthenticationSpec } {
    const k = a.keda ?? {};
    v.min(k.pollingIntervalSeconds, "autoScaling.keda.pollingIntervalSeconds", 1, { unit: "seconds" });
    v.min(k.cooldownPeriodSeconds, "autoScaling.keda.cooldownPeriodSeconds", 0, { unit: "seconds" });
    const triggers: KedaTrigger[] = [];
    for (const m of metrics) {
        if (m.type === "Resource" && m.resource) {
            triggers.push({
                type: m.resource.name,
                metricType: "Utilization",
                metadata: { value: String(m.resource.target.averageUtilization) },
            });
        }
    }
    const q = a.sqsQueue;
    let auth: TriggerAuthenticationSpec | undefined;
    if (q) {
        const p = (...rest: string[]) => joinPath("autoScaling.sqsQueue", ...rest);
        v.min(q.messagesPerReplica, p("messagesPerReplica"), 1);
        v.min(q.activationMessages, p("activationMessages"), 0);
        const url = isKnown(q.queueUrl) ? q.queueUrl : undefined;
        const m = url !== undefined ? QUEUE_URL.exec(url) : null;
        if (url !== undefined && !m)
            v.add(
                p("queueUrl"),
                `must be an SQS queue URL, https://sqs.<region>.amazonaws.com/<account>/<name> (got ${JSON.stringify(url)})`,
            );
        const region = q.region ?? m?.[1];
        if (region === undefined && url === undefined) {
            v.add(p("region"), "is required when queueUrl is an Output: KEDA needs the queue's region");
            v.add(p("queueUrl"), "is an Output, so KEDA can't read the region from it: give sqsQueue.region too");
        }
        if (isKnown(q.region) && m && q.region !== m[1]) {
            v.add(p("region"), `must be the queue's region, ${m[1]} in queueUrl (got ${JSON.stringify(q.region)})`);
            v.add(p("queueUrl"), `is in ${m[1]}, not in sqsQueue.region ${JSON.stringify(q.region)}`);
        }
        auth = { podIdentity: { provider: "aws" } };
        triggers.push({
            type: "aws-sqs-queue",
            authenticationRef: { name: names.triggerAuthentication },
            metadata: {
                queueURL: q.queueUrl,
                queueLength: String(q.messagesPerReplica),
                awsRegion: region ?? "",
                ...(q.activationMessages !== undefined ? { activationQueueLength: String(q.activationMessages) } : {}),
                scaleOnInFlight: String(q.includeInFlight ?? true),
            },
        });
    }
    return {
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: names.deployment },
            minReplicaCount: a.min,
            maxReplicaCount: a.max,
            pollingInterval: k.pollingIntervalSeconds ?? 30,
            cooldownPeriod: k.cooldownPeriodSeconds ?? 300,
            advanced: { horizontalPodAutoscalerConfig: { behavior } },
            triggers,
        },
        ...(auth ? { triggerAuthentication: auth } : {}),
    };
}
