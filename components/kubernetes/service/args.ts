import type * as pulumi from "@pulumi/pulumi";
import type { AutoScalingArgs } from "../../../src/scaling";

/** CPU and memory of a container, as Kubernetes quantities. */
export interface KubernetesResourceQuantitiesArgs {
    /**
     * CPU, as a Kubernetes quantity: `"250m"`, `"0.5"`, `"1"`, or a plain number of cores (`0.5`),
     * as manifests write it.
     * @default "250m" for requests, "500m" for limits
     */
    cpu?: pulumi.Input<string | number>;
    /**
     * Memory, as a Kubernetes quantity: `"256Mi"`, `"1Gi"`, `"512M"`, or a plain number of bytes.
     * (`m` means milli-bytes and is rejected.)
     * @default "256Mi" for requests, "512Mi" for limits
     */
    memory?: pulumi.Input<string | number>;
}

/** The container's resource requests and limits. Each value defaults on its own. */
export interface KubernetesResourcesArgs {
    /**
     * What the scheduler reserves for each pod; the HPA's utilization targets are percentages of these.
     * @default { cpu: "250m", memory: "256Mi" }
     */
    requests?: KubernetesResourceQuantitiesArgs;
    /**
     * The most each pod may use; every limit must be at least its request.
     * @default { cpu: "500m", memory: "512Mi" }
     */
    limits?: KubernetesResourceQuantitiesArgs;
}

/** A value taken from a key of a Kubernetes Secret. */
export interface KubernetesSecretKeyRefArgs {
    /**
     * The Secret's name, in the workload's namespace.
     * @default required
     */
    secretName: pulumi.Input<string>;
    /**
     * The key within the Secret.
     * @default required
     */
    key: pulumi.Input<string>;
}

/** An HTTP GET probe. */
export interface KubernetesProbeArgs {
    /**
     * False turns the probe off. Leave it on unless the image cannot answer HTTP.
     * @default true
     */
    enabled?: boolean;
    /**
     * The HTTP path, starting with `/`.
     * @default "/health" (liveness), "/ready" (readiness)
     */
    path?: pulumi.Input<string>;
    /**
     * The port to probe, 1–65535.
     * @default the container `port`
     */
    port?: pulumi.Input<number>;
    /**
     * Seconds after the container starts before the first probe, 0 or more.
     * @default 30 (liveness), 5 (readiness)
     */
    initialDelaySeconds?: pulumi.Input<number>;
    /**
     * Seconds between probes, 1 or more.
     * @default 10 (liveness), 5 (readiness)
     */
    periodSeconds?: pulumi.Input<number>;
    /**
     * Seconds after which a probe times out, 1 or more.
     * @default 1 (the Kubernetes default)
     */
    timeoutSeconds?: pulumi.Input<number>;
    /**
     * Consecutive failures before the container is restarted (liveness) or taken out of the Service (readiness), 1 or more.
     * @default 3 (the Kubernetes default)
     */
    failureThreshold?: pulumi.Input<number>;
}

/** The Service in front of the pods. */
export interface KubernetesServicePortArgs {
    /**
     * `ClusterIP` (inside the cluster only), `NodePort` or `LoadBalancer` (a cloud load balancer).
     * @default "ClusterIP"
     */
    type?: pulumi.Input<"ClusterIP" | "NodePort" | "LoadBalancer">;
    /**
     * The Service port, 1–65535; it forwards to the container `port`.
     * @default 80
     */
    port?: pulumi.Input<number>;
    /**
     * Annotations on the Service, e.g. `service.beta.kubernetes.io/aws-load-balancer-scheme`.
     * @default none
     */
    annotations?: Record<string, pulumi.Input<string>>;
    /**
     * Whether to create the Service. Turn it off for a workload whose pods another workload's
     * Service selects, such as the second version of a canary.
     * @default true
     */
    enabled?: boolean;
    /**
     * The labels the Service selects, instead of this workload's own selector. Use labels that
     * several workloads share (e.g. `{ app: "web" }` on both `version: v1` and `version: v2`) to
     * put all their pods behind one Service, as an Istio canary needs. Every key must be one of
     * this workload's `labels`.
     * @default the workload's selector (`app.kubernetes.io/name` and `app.kubernetes.io/instance`)
     */
    selector?: Record<string, string>;
}

/** One HPA scaling policy: change by at most `value` pods or percent of the current pods per period. */
export interface HpaPolicyArgs {
    /**
     * `Pods` (an absolute number) or `Percent` (of the current replicas).
     * @default required
     */
    type: "Pods" | "Percent";
    /**
     * How many pods or percent, greater than 0.
     * @default required
     */
    value: number;
    /**
     * The window the policy applies over, 1–1800 seconds.
     * @default required
     */
    periodSeconds: number;
}

/** How fast the HPA scales in one direction. */
export interface HpaScalingRulesArgs {
    /**
     * Seconds of past recommendations the HPA considers before scaling, 0–3600. The same as the
     * policies' `scaleOutCooldownSeconds` (scale up) / `scaleInCooldownSeconds` (scale down); set
     * it in one place, or to the same value in both.
     * @default the policies' cooldown in this direction, else 0 (scale up), 300 (scale down)
     */
    stabilizationWindowSeconds?: number;
    /**
     * Which policy wins when several allow a change: `Max`, `Min` or `Disabled` (never scale in this direction).
     * @default "Max"
     */
    selectPolicy?: "Max" | "Min" | "Disabled";
    /**
     * A non-empty list of policies.
     * @default scale up: [{Percent 100 / 30 s}, {Pods 4 / 30 s}]; scale down: [{Percent 50 / 60 s}]
     */
    policies?: HpaPolicyArgs[];
}

/**
 * The Kubernetes tier's `autoScaling`: the shared scaling vocabulary (`targetTracking` with
 * `cpu`, `memory` or `custom`, an External metric) between `min` and `max` replicas, plus the
 * HPA's own `behavior` (how fast it scales). The policies' `scaleOutCooldownSeconds` /
 * `scaleInCooldownSeconds` are the HPA's scale-up / scale-down stabilization windows, and
 * `disableScaleIn` is `scaleDown.selectPolicy: "Disabled"`. Steps, schedules and predictive
 * scaling are rejected (the HPA has none). All of it must be known at plan time.
 */
/** Queue-based scaling (KEDA's `aws-sqs-queue` scaler): replicas = messages / messagesPerReplica. */
export interface KubernetesSqsQueueScalingArgs {
    /**
     * The queue's URL, `https://sqs.<region>.amazonaws.com/<account>/<name>`. May be an Output.
     * @default required
     */
    queueUrl: pulumi.Input<string>;
    /**
     * The messages one replica should have to work on (KEDA's `queueLength`), 1 or more.
     * @default required
     */
    messagesPerReplica: number;
    /**
     * Messages in the queue before KEDA wakes the workload at all (`activationQueueLength`), 0 or more.
     * @default 0
     */
    activationMessages?: number;
    /**
     * Count messages in flight (received, not yet deleted) as well as visible ones (`scaleOnInFlight`).
     * @default true
     */
    includeInFlight?: boolean;
    /**
     * The queue's region. May be an Output.
     * @default the region in `queueUrl` (required when the URL is an Output)
     */
    region?: pulumi.Input<string>;
}

/** KEDA's own settings of the ScaledObject. */
export interface KubernetesKedaArgs {
    /**
     * Seconds between two checks of each trigger, 1 or more.
     * @default 30
     */
    pollingIntervalSeconds?: number;
    /**
     * Seconds after the last active trigger before scaling back to `min`, 0 or more.
     * @default 300
     */
    cooldownPeriodSeconds?: number;
}

export interface KubernetesAutoScalingArgs extends AutoScalingArgs {
    /**
     * How fast the HPA scales up and down (the HPA's own extra).
     * @default the reference behaviour: scale down after a 300 s window by at most 50 % per 60 s;
     *   scale up at once by the larger of 100 % and 4 pods per 30 s
     */
    behavior?: {
        /** @default stabilization 0 s, Max of {Percent 100 / 30 s, Pods 4 / 30 s} */
        scaleUp?: HpaScalingRulesArgs;
        /** @default stabilization 300 s, Max of {Percent 50 / 60 s} */
        scaleDown?: HpaScalingRulesArgs;
    };
    /**
     * Who scales: `hpa` (a HorizontalPodAutoscaler) or `keda` (a KEDA `ScaledObject`, which owns
     * its HPA; KEDA must be installed, e.g. `EksCluster.keda`). KEDA is needed for `sqsQueue`.
     * @default "hpa"
     */
    engine?: "hpa" | "keda";
    /**
     * Scale on an SQS queue's length per replica (KEDA only). The KEDA operator's own AWS identity
     * reads the queue (`EksCluster.keda.sqsQueueArns` grants it).
     * @default none
     */
    sqsQueue?: KubernetesSqsQueueScalingArgs;
    /**
     * An external-metrics adapter (one serving `external.metrics.k8s.io`) is installed, so the HPA
     * can read `custom` (External) metrics. Without it, or KEDA, nothing serves them.
     * @default false
     */
    externalMetricsAdapter?: boolean;
    /**
     * KEDA's polling and cooldown (engine `keda` only).
     * @default polling every 30 s, cooldown 300 s
     */
    keda?: KubernetesKedaArgs;
}

/**
 * The PodDisruptionBudget: set at most one of `minAvailable` and `maxUnavailable`. Each is a
 * number of pods or a percentage such as `"50%"`.
 */
export interface KubernetesPdbArgs {
    /**
     * Pods that must stay available during voluntary disruptions (node drains, upgrades). It must
     * leave at least one of the fewest pods evictable; a percentage is rounded up to whole pods.
     * @default none
     */
    minAvailable?: number | string;
    /**
     * Pods that may be down at once during voluntary disruptions.
     * @default 1 when `minAvailable` is not set
     */
    maxUnavailable?: number | string;
}

/** How pods spread over failure domains. */
export interface KubernetesTopologySpreadArgs {
    /**
     * False turns spreading off.
     * @default true
     */
    enabled?: boolean;
    /**
     * Node labels to spread over; one constraint each.
     * @default ["topology.kubernetes.io/zone", "kubernetes.io/hostname"]
     */
    topologyKeys?: string[];
    /**
     * The largest allowed difference in pod count between two domains, 1 or more.
     * @default 1
     */
    maxSkew?: number;
    /**
     * `ScheduleAnyway` (prefer spreading) or `DoNotSchedule` (require it; pods stay pending when they cannot spread).
     * @default "ScheduleAnyway"
     */
    whenUnsatisfiable?: "ScheduleAnyway" | "DoNotSchedule";
}

/**
 * The restricted pod security context is always on (runAsNonRoot, no privilege escalation, all
 * capabilities dropped, seccomp RuntimeDefault); these fields tune it.
 */
export interface KubernetesSecurityContextArgs {
    /**
     * The user id the container runs as, 1 or more (0 is root, which the restricted profile forbids).
     * @default none (the image's user, which must not be root)
     */
    runAsUser?: number;
    /**
     * The primary group id of the container's processes, 0 or more.
     * @default none (the image's group)
     */
    runAsGroup?: number;
    /**
     * The group that owns mounted volumes, 0 or more.
     * @default none
     */
    fsGroup?: number;
    /**
     * Mount the root filesystem read-only; `/tmp` is always a writable emptyDir.
     * @default true
     */
    readOnlyRootFilesystem?: boolean;
}

/** One IAM policy statement, in IAM's own JSON field names (resources may be Outputs). */
export interface KubernetesPolicyStatementArgs {
    /** A statement id. @default none */
    Sid?: string;
    /** `Allow` or `Deny`. @default required */
    Effect: "Allow" | "Deny";
    /** Actions such as `sqs:ReceiveMessage` (give Action or NotAction). @default none */
    Action?: string | string[];
    /** Actions the statement does not cover. @default none */
    NotAction?: string | string[];
    /** Resource ARNs (give Resource or NotResource). May be Outputs. @default none */
    Resource?: pulumi.Input<string> | pulumi.Input<string>[];
    /** Resources the statement does not cover. @default none */
    NotResource?: pulumi.Input<string> | pulumi.Input<string>[];
    /** IAM conditions, operator → key → value(s). @default none */
    Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/**
 * AWS access for the pods: a ServiceAccount bound to an IAM role through an EKS Pod Identity
 * association (or IRSA). Give `roleArn` or `statements`.
 */
export interface KubernetesAwsAccessArgs {
    /**
     * An existing role the pods assume; its trust policy must admit them (`pods.eks.amazonaws.com`
     * for Pod Identity, the cluster's OIDC provider for IRSA). May be an Output.
     * @default none (give this or statements)
     */
    roleArn?: pulumi.Input<string>;
    /**
     * The statements of the inline policy of a role compute-layer creates for the pods, trusted by
     * this cluster's Pod Identity agent (or this ServiceAccount's IRSA tokens) only.
     * @default none (give this or roleArn)
     */
    statements?: KubernetesPolicyStatementArgs[];
    /**
     * `podIdentity` (an EKS Pod Identity association; needs the eks-pod-identity-agent add-on) or
     * `irsa` (the ServiceAccount's `eks.amazonaws.com/role-arn` annotation).
     * @default "podIdentity"
     */
    binding?: "podIdentity" | "irsa";
    /**
     * The EKS cluster's name (e.g. `EksCluster.clusterName`). Required for Pod Identity.
     * @default none
     */
    clusterName?: pulumi.Input<string>;
    /**
     * The cluster's IAM OIDC provider ARN (`EksCluster.oidcProviderArn`). Required for IRSA with `statements`.
     * @default none
     */
    oidcProviderArn?: pulumi.Input<string>;
    /**
     * The cluster's OIDC issuer (`EksCluster.oidcIssuer`, with or without `https://`). Required for IRSA with `statements`.
     * @default none
     */
    oidcIssuer?: pulumi.Input<string>;
    /**
     * The name of the ServiceAccount the component creates for the pods (a DNS subdomain).
     * @default the workload's name
     */
    serviceAccountName?: string;
}

/** A host and the paths of it that reach this workload's Service. */
export interface KubernetesIngressRuleArgs {
    /**
     * The host, e.g. `app.example.com` (`*.example.com` allowed).
     * @default none (every host)
     */
    host?: string;
    /**
     * The URL paths, each starting with `/`.
     * @default ["/"]
     */
    paths?: string[];
    /**
     * `Prefix` or `Exact` matching of the paths.
     * @default "Prefix"
     */
    pathType?: "Prefix" | "Exact";
}

/** The ALB target group's health check (the controller's `healthcheck-*` annotations). */
export interface KubernetesIngressHealthCheckArgs {
    /** The HTTP path. @default the readiness probe's path, else "/" */
    path?: string;
    /** A port 1–65535, or `traffic-port` (the pod's port). @default "traffic-port" */
    port?: number | "traffic-port";
    /** `HTTP` or `HTTPS`. @default "HTTP" */
    protocol?: "HTTP" | "HTTPS";
    /** Seconds between checks, 5–300. @default 15 */
    intervalSeconds?: number;
    /** Seconds before a check fails, 2–120, less than the interval. @default 5 */
    timeoutSeconds?: number;
    /** Successes before a target is healthy, 2–10. @default 2 */
    healthyThreshold?: number;
    /** Failures before a target is unhealthy, 2–10. @default 2 */
    unhealthyThreshold?: number;
    /** HTTP codes that mean healthy: `200`, `200,204` or `200-299`. @default "200" */
    successCodes?: string;
}

/**
 * An Ingress for the AWS Load Balancer Controller: an ALB with `ip` targets (the pods behind this
 * workload's Service), HTTPS with an ACM certificate and HTTP only redirecting.
 */
export interface KubernetesIngressArgs {
    /**
     * Hosts and paths.
     * @default [{ paths: ["/"] }] (every host, every path)
     */
    rules?: KubernetesIngressRuleArgs[];
    /**
     * ACM certificate ARN(s), comma-separated as the controller writes them. HTTPS on 443 with
     * HTTP on 80 redirecting. Required for `internet-facing` unless `allowHttp`. May be an Output.
     * @default none
     */
    certificateArn?: pulumi.Input<string>;
    /**
     * `internal` (inside the VPC) or `internet-facing`.
     * @default "internal"
     */
    scheme?: "internal" | "internet-facing";
    /**
     * Serve plain HTTP without a certificate on an internet-facing ALB. Leave it off.
     * @default false
     */
    allowHttp?: boolean;
    /**
     * The TLS policy of the HTTPS listener; a TLS 1.2+ policy.
     * @default "ELBSecurityPolicy-TLS13-1-2-2021-06"
     */
    sslPolicy?: string;
    /**
     * The IngressGroup to share one ALB with (`group.name`): lower-case letters, digits, `-` and `.`, at most 63.
     * @default none (an ALB of its own)
     */
    groupName?: string;
    /**
     * The order of this Ingress's rules in the group (`group.order`), -1000 to 1000.
     * @default none (0)
     */
    groupOrder?: number;
    /**
     * The target group's health check.
     * @default the readiness probe's path on the traffic port
     */
    healthCheck?: KubernetesIngressHealthCheckArgs;
    /**
     * A regional WAFv2 web ACL to attach (`wafv2-acl-arn`). May be an Output.
     * @default none
     */
    wafv2AclArn?: pulumi.Input<string>;
    /**
     * The client CIDR blocks the ALB's security group admits (`inbound-cidrs`), at most 60.
     * @default none (the controller's default: anywhere)
     */
    inboundCidrs?: string[];
    /**
     * Tags on the ALB and its target groups (`tags`).
     * @default none
     */
    tags?: Record<string, string>;
    /**
     * The IngressClass.
     * @default "alb"
     */
    ingressClassName?: string;
    /**
     * Further annotations. `alb.ingress.kubernetes.io/…` keys must be ones the controller documents,
     * and not ones the fields above set.
     * @default none
     */
    annotations?: Record<string, pulumi.Input<string>>;
}

/** Arguments of a `KubernetesService`. */
export interface KubernetesServiceArgs {
    /**
     * The namespace of every object. Created by the component when `createNamespace` is true.
     * Must be known at plan time.
     * @default none (the provider's default namespace)
     */
    namespace?: string;
    /**
     * Create `namespace` (labelled to enforce the Pod Security Standards "restricted" profile).
     * Must be known at plan time.
     * @default false
     */
    createNamespace?: boolean;
    /**
     * The container image, pinned by a tag other than `latest` or by a digest.
     * May be an Output.
     * @default required
     */
    image: pulumi.Input<string>;
    /**
     * The container's name.
     * Must be known at plan time.
     * @default "app"
     */
    containerName?: string;
    /**
     * The port the container listens on, 1–65535.
     * May be an Output.
     * @default required
     */
    port: pulumi.Input<number>;
    /**
     * Pods to run. With `autoScaling`, this is only the count at creation (between `autoScaling.min`
     * and `autoScaling.max`); afterwards the autoscaler owns it.
     * Must be known at plan time.
     * @default 2, or `autoScaling.min` with autoScaling
     */
    replicas?: number;
    /**
     * Labels on every object and on the pods, e.g. `{ app: "web", version: "v1" }`. The selector
     * uses only `app.kubernetes.io/name` and `app.kubernetes.io/instance`, which are immutable,
     * so these labels may change freely.
     * Must be known at plan time.
     * @default none
     */
    labels?: Record<string, string>;
    /**
     * Resource requests and limits.
     * Each quantity may be an Output.
     * @default requests 250m / 256Mi, limits 500m / 512Mi
     */
    resources?: KubernetesResourcesArgs;
    /**
     * Plain environment variables.
     * Values may be Outputs (secrets stay secret).
     * @default none
     */
    env?: Record<string, pulumi.Input<string>>;
    /**
     * Environment variables read from Kubernetes Secrets, e.g. `{ DB_PASSWORD: { secretName: "db-credentials", key: "password" } }`.
     * Names and keys may be Outputs.
     * @default none
     */
    secretEnv?: Record<string, KubernetesSecretKeyRefArgs>;
    /**
     * The liveness probe (HTTP GET).
     * Path and timings may be Outputs.
     * @default GET /health on the container port, 30 s initial delay, every 10 s
     */
    livenessProbe?: KubernetesProbeArgs;
    /**
     * The readiness probe (HTTP GET).
     * Path and timings may be Outputs.
     * @default GET /ready on the container port, 5 s initial delay, every 5 s
     */
    readinessProbe?: KubernetesProbeArgs;
    /**
     * The Service in front of the pods.
     * @default a ClusterIP Service on port 80
     */
    service?: KubernetesServicePortArgs;
    /**
     * Scale the replicas: the shared scaling vocabulary between `min` and `max`, rendered as a
     * HorizontalPodAutoscaler (autoscaling/v2). With no `targetTracking`, it targets 70 % CPU.
     * Must be known at plan time.
     * @default none (a fixed `replicas` count)
     */
    autoScaling?: KubernetesAutoScalingArgs;
    /**
     * The PodDisruptionBudget, created whenever there can be 2 or more pods; `false` turns it off.
     * Must be known at plan time.
     * @default { maxUnavailable: 1 }
     */
    podDisruptionBudget?: KubernetesPdbArgs | false;
    /**
     * Spread the pods over zones and nodes.
     * Must be known at plan time.
     * @default zones and hostnames, maxSkew 1, ScheduleAnyway
     */
    topologySpread?: KubernetesTopologySpreadArgs;
    /**
     * Tunes the restricted security context.
     * Must be known at plan time.
     * @default runAsNonRoot, read-only root filesystem, image's user
     */
    securityContext?: KubernetesSecurityContextArgs;
    /**
     * An existing ServiceAccount for the pods. With `awsAccess`, the component creates one instead.
     * May be an Output.
     * @default none (the namespace's `default` ServiceAccount)
     */
    serviceAccountName?: pulumi.Input<string>;
    /**
     * Mount a Kubernetes API token into the pods. Off unless the workload calls the Kubernetes API.
     * Must be known at plan time.
     * @default false
     */
    automountServiceAccountToken?: boolean;
    /**
     * AWS access for the pods: the component creates their ServiceAccount and binds it to an IAM
     * role through EKS Pod Identity (or IRSA). Needs `namespace`. Must be known at plan time
     * (its role ARN and statements' resources may be Outputs).
     * @default none
     */
    awsAccess?: KubernetesAwsAccessArgs;
    /**
     * An Ingress that the AWS Load Balancer Controller turns into an ALB in front of the Service.
     * Must be known at plan time (certificate and WAF ARNs may be Outputs).
     * @default none
     */
    ingress?: KubernetesIngressArgs;
}
