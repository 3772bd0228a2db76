import { input, int, obj, planTime, z } from "../../../src/core";
import { scalingPoliciesShape } from "../../../src/scaling/schema";

const str = z.string();

// A quantity is a string, or a number as manifests write it (`cpu: 1`).
const quantity = input(z.union([str, z.number()]));
const quantitiesSchema = obj({ cpu: quantity.optional(), memory: quantity.optional() });

const probeSchema = obj({
    enabled: z.boolean().optional(),
    path: input(str).optional(),
    port: input(int()).optional(),
    initialDelaySeconds: input(int()).optional(),
    periodSeconds: input(int()).optional(),
    timeoutSeconds: input(int()).optional(),
    failureThreshold: input(int()).optional(),
});

const serviceSchema = obj({
    type: input(z.enum(["ClusterIP", "NodePort", "LoadBalancer"])).optional(),
    port: input(int()).optional(),
    annotations: z.record(str, input(str)).optional(),
    enabled: z.boolean().optional(),
    selector: z.record(str, str).optional(),
});

const hpaRulesSchema = obj({
    stabilizationWindowSeconds: int().optional(),
    selectPolicy: z.enum(["Max", "Min", "Disabled"]).optional(),
    policies: z.array(obj({ type: z.enum(["Pods", "Percent"]), value: int(), periodSeconds: int() })).optional(),
});

/** The Kubernetes tier's `autoScaling`: the shared vocabulary plus the HPA's `behavior` and KEDA's extras. */
export const kubernetesAutoScalingSchema = obj({
    // The shared vocabulary (src/scaling/schema.ts: its policies, and min/max as autoScalingSchema
    // has them), spread rather than .extend()ed: obj() schemas are pipes, which have no extend().
    ...scalingPoliciesShape,
    min: int().min(0),
    max: int().min(0),
    behavior: obj({ scaleUp: hpaRulesSchema.optional(), scaleDown: hpaRulesSchema.optional() }).optional(),
    engine: z.enum(["hpa", "keda"]).optional(),
    sqsQueue: obj({
        queueUrl: input(str),
        messagesPerReplica: int(),
        activationMessages: int().optional(),
        includeInFlight: z.boolean().optional(),
        region: input(str).optional(),
    }).optional(),
    externalMetricsAdapter: z.boolean().optional(),
    keda: obj({ pollingIntervalSeconds: int().optional(), cooldownPeriodSeconds: int().optional() }).optional(),
});

const stringOrList = z.union([str, z.array(str)]);
const resources = z.union([input(str), z.array(input(str))]);

/** An IAM policy statement in IAM's own field names. */
const statementSchema = obj({
    Sid: str.optional(),
    Effect: z.enum(["Allow", "Deny"]),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: resources.optional(),
    NotResource: resources.optional(),
    Condition: z.record(str, z.record(str, z.union([str, z.array(str), z.boolean()]))).optional(),
});

const awsAccessSchema = obj({
    roleArn: input(str).optional(),
    statements: z.array(statementSchema).optional(),
    binding: z.enum(["podIdentity", "irsa"]).optional(),
    clusterName: input(str).optional(),
    oidcProviderArn: input(str).optional(),
    oidcIssuer: input(str).optional(),
    serviceAccountName: str.optional(),
});

const ingressSchema = obj({
    rules: z
        .array(
            obj({
                host: str.optional(),
                paths: z.array(str).optional(),
                pathType: z.enum(["Prefix", "Exact"]).optional(),
            }),
        )
        .optional(),
    certificateArn: input(str).optional(),
    scheme: z.enum(["internal", "internet-facing"]).optional(),
    allowHttp: z.boolean().optional(),
    sslPolicy: str.optional(),
    groupName: str.optional(),
    groupOrder: int().optional(),
    healthCheck: obj({
        path: str.optional(),
        port: z.union([int(), z.literal("traffic-port")]).optional(),
        protocol: z.enum(["HTTP", "HTTPS"]).optional(),
        intervalSeconds: int().optional(),
        timeoutSeconds: int().optional(),
        healthyThreshold: int().optional(),
        unhealthyThreshold: int().optional(),
        successCodes: str.optional(),
    }).optional(),
    wafv2AclArn: input(str).optional(),
    // "Inbound or outbound rules per security group": 60 by default (Amazon VPC quotas).
    inboundCidrs: z.array(str).max(60).optional(),
    tags: z.record(str, str).optional(),
    ingressClassName: str.optional(),
    annotations: z.record(str, input(str)).optional(),
});

const pdbSchema = obj({
    minAvailable: z.union([int(), str]).optional(),
    maxUnavailable: z.union([int(), str]).optional(),
});

/** The shape of {@link KubernetesServiceArgs}, checked before anything else (issue 19). */
export const kubernetesServiceArgsSchema = obj({
    namespace: str.optional(),
    createNamespace: z.boolean().optional(),
    image: input(str),
    containerName: str.optional(),
    port: input(int()),
    replicas: int().optional(),
    labels: z.record(str, str).optional(),
    resources: obj({ requests: quantitiesSchema.optional(), limits: quantitiesSchema.optional() }).optional(),
    env: z.record(str, input(str)).optional(),
    secretEnv: z.record(str, obj({ secretName: input(str), key: input(str) })).optional(),
    livenessProbe: probeSchema.optional(),
    readinessProbe: probeSchema.optional(),
    service: planTime(serviceSchema, "it decides whether the Service exists and what it selects").optional(),
    autoScaling: planTime(
        kubernetesAutoScalingSchema,
        "it decides whether an autoscaler exists and the PodDisruptionBudget",
    ).optional(),
    podDisruptionBudget: z.union([pdbSchema, z.literal(false)]).optional(),
    topologySpread: obj({
        enabled: z.boolean().optional(),
        topologyKeys: z.array(str).optional(),
        maxSkew: int().optional(),
        whenUnsatisfiable: z.enum(["ScheduleAnyway", "DoNotSchedule"]).optional(),
    }).optional(),
    securityContext: obj({
        runAsUser: int().optional(),
        runAsGroup: int().optional(),
        fsGroup: int().optional(),
        readOnlyRootFilesystem: z.boolean().optional(),
    }).optional(),
    serviceAccountName: input(str).optional(),
    automountServiceAccountToken: z.boolean().optional(),
    awsAccess: planTime(
        awsAccessSchema,
        "it decides whether a ServiceAccount, an IAM role and a Pod Identity association exist",
    ).optional(),
    ingress: planTime(ingressSchema, "it decides whether an Ingress exists and its annotations").optional(),
});
