import * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type EksCluster, KubernetesService } from "../../src";
import type { SystemContext } from "./context";

/** The stack's region (`aws:region`), known at plan time: no invoke. */
const awsRegion = () => new pulumi.Config("aws").require("region");

/** The work queue the reference's worker drains, with a dead-letter queue for messages that keep failing. */
export function workQueue({ config, tags }: SystemContext): aws.sqs.Queue | undefined {
    if (!config.worker || !config.tiers.eks) return undefined;
    const dlq = new aws.sqs.Queue("work-dlq", { sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600, tags });
    return new aws.sqs.Queue("work", {
        sqsManagedSseEnabled: true,
        visibilityTimeoutSeconds: 60,
        redrivePolicy: dlq.arn.apply((deadLetterTargetArn) =>
            JSON.stringify({ deadLetterTargetArn, maxReceiveCount: 5 }),
        ),
        tags,
    });
}

/**
 * The reference's SQS worker: KEDA scales it on the queue's length (messages per replica, as the
 * reference's `worker-hpa` meant, which nothing served), and its pods read the queue through an
 * EKS Pod Identity role allowed exactly the consumer's SQS actions on it.
 */
export function worker(
    ctx: SystemContext,
    cluster: EksCluster,
    queue: aws.sqs.Queue,
    opts: { provider: k8s.Provider; dependsOn: pulumi.Input<pulumi.Resource>[] },
) {
    const w = ctx.config.worker;
    if (!w) return undefined;
    const consume = [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
    ];
    return new KubernetesService(
        "worker",
        {
            namespace: "production",
            image: w.image,
            port: 8080,
            labels: { app: "worker" },
            // The placeholder (traefik/whoami) answers the probes on WHOAMI_PORT_NUMBER.
            env: { ENV: ctx.env, QUEUE_URL: queue.url, WHOAMI_PORT_NUMBER: "8080", WHOAMI_NAME: "worker" },
            securityContext: { runAsUser: 65532, runAsGroup: 65532 },
            service: { enabled: false },
            awsAccess: {
                binding: "podIdentity",
                clusterName: cluster.clusterName,
                statements: [{ Effect: "Allow", Action: consume, Resource: queue.arn }],
            },
            autoScaling: {
                min: w.replicas.min,
                max: w.replicas.max,
                engine: "keda",
                sqsQueue: { queueUrl: queue.url, messagesPerReplica: w.messagesPerReplica, region: awsRegion() },
            },
        },
        // The ScaledObject and TriggerAuthentication are KEDA's custom resources: they wait for the
        // chart that installs their CRDs, or a first `pulumi up` fails with "no matches for kind".
        { ...opts, dependsOn: [...opts.dependsOn, ...(cluster.keda ? [cluster.keda.release] : [])] },
    );
}
