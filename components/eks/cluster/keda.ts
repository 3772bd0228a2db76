import { isKnown, joinPath, type Validator } from "../../../src/core";
import { checkable, type PolicyDocument, policyDocument, ref, serviceAccountRole } from "../shared";
import type { EksKedaArgs } from "./args";
import type { HelmReleasePlan } from "./load-balancer-controller";

/** The pinned KEDA release: chart `keda` 2.20.2 (appVersion 2.20.2) from kedacore/charts. */
export const KEDA_VERSION = "2.20.2";
export const KEDA_CHART = { chart: "keda", repo: "https://kedacore.github.io/charts" } as const;
export const KEDA_NAMESPACE = "keda";
export const KEDA_OPERATOR_SERVICE_ACCOUNT = "keda-operator";
/** The placeholder of the i-th queue ARN in `keda.sqsQueueArns`. */
export const kedaQueueRef = (i: number) => ref(`kedaSqsQueue${i}`);
/** An SQS queue ARN (queue names: 1 to 80 letters, digits, "-" and "_", ".fifo" for FIFO queues). */
const SQS_QUEUE_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

/** KEDA: the operator's role (SQS queue depth for `aws-sqs-queue` triggers) and the Helm release. */
export interface KedaPlan {
    binding: "podIdentity" | "irsa";
    namespace: string;
    serviceAccount: string;
    role: { description: string; assumeRolePolicy: PolicyDocument };
    /** Read access to the queues' attributes; absent without queues. */
    policy?: PolicyDocument;
    release: HelmReleasePlan;
}

export function planKeda(v: Validator, k: EksKedaArgs, clusterName: string, hasPodIdentityAgent: boolean): KedaPlan {
    const p = (...rest: (string | number)[]) => joinPath("keda", ...rest);
    const version = k.version ?? KEDA_VERSION;
    if (!/^2\.\d+\.\d+$/.test(version))
        v.add(
            p("version"),
            `must be a KEDA 2.x chart version such as "${KEDA_VERSION}" (got ${JSON.stringify(version)})`,
        );
    const queues = k.sqsQueueArns ?? [];
    checkable(queues, 100).forEach((q, i) => {
        if (isKnown(q) && !SQS_QUEUE_ARN.test(q)) {
            v.add(
                p("sqsQueueArns", i),
                `must be an SQS queue ARN such as "arn:aws:sqs:us-east-1:123456789012:orders" (got ` +
                    `${JSON.stringify(q)})`,
            );
        }
    });
    const sa = KEDA_OPERATOR_SERVICE_ACCOUNT;
    const { binding, role } = serviceAccountRole(v, p("iam"), {
        iam: k.iam,
        hasPodIdentityAgent,
        clusterName,
        namespace: KEDA_NAMESPACE,
        serviceAccount: sa,
        of: "the KEDA operator",
    });
    return {
        binding,
        namespace: KEDA_NAMESPACE,
        serviceAccount: sa,
        role,
        // The aws-sqs-queue scaler reads ApproximateNumberOfMessages(+NotVisible) with GetQueueAttributes.
        // https://keda.sh/docs/latest/scalers/aws-sqs/
        ...(queues.length > 0
            ? {
                  policy: policyDocument([
                      {
                          Sid: "ReadQueueDepth",
                          Effect: "Allow",
                          Action: "sqs:GetQueueAttributes",
                          Resource: queues.map((_, i) => kedaQueueRef(i)),
                      },
                  ]),
              }
            : {}),
        release: {
            chart: KEDA_CHART.chart,
            version,
            repositoryOpts: { repo: KEDA_CHART.repo },
            namespace: KEDA_NAMESPACE,
            createNamespace: true,
            values: {
                serviceAccount: { operator: { create: true, name: sa } },
                ...(binding === "irsa"
                    ? { podIdentity: { aws: { irsa: { enabled: true, roleArn: ref("kedaRoleArn") } } } }
                    : {}),
            },
        },
    };
}
