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

/** Arguments of a {@link KubernetesService}. */
export interface KubernetesServiceArgs {
    /**
     * The namespace of every object. Created by the component when `createNamespace` is true.
     * @default none (the provider's default namespace)
     */
    namespace?: string;
    /**
     * Create `namespace` (labelled to enforce the Pod Security Standards "restricted" profile).
     * @default false
     */
    createNamespace?: boolean;
    /**
     * The container image, pinned by a tag other than `latest` or by a digest.
     * @default required
     */
    image: pulumi.Input<string>;
    /**
     * The container's name.
     * @default "app"
     */
    containerName?: string;
    /**
     * The port the container listens on, 1–65535.
     * @default required
     */
    port: pulumi.Input<number>;
    /**
     * Pods to run. With `autoScaling`, this is only the count at creation (between `autoScaling.min`
     * and `autoScaling.max`); afterwards the autoscaler owns it.
     * @default 2, or `autoScaling.min` with autoScaling
     */
    replicas?: number;
    /**
     * Labels on every object and on the pods, e.g. `{ app: "web", version: "v1" }`. The selector
     * uses only `app.kubernetes.io/name` and `app.kubernetes.io/instance`, which are immutable,
     * so these labels may change freely.
     * @default none
     */
    labels?: Record<string, string>;
    /**
     * Resource requests and limits.
     * @default requests 250m / 256Mi, limits 500m / 512Mi
     */
    resources?: KubernetesResourcesArgs;
    /**
     * Plain environment variables.
     * @default none
     */
    env?: Record<string, pulumi.Input<string>>;
    /**
     * Environment variables read from Kubernetes Secrets, e.g. `{ DB_PASSWORD: { secretName: "db-credentials", key: "password" } }`.
     * @default none
     */
    secretEnv?: Record<string, KubernetesSecretKeyRefArgs>;
    /**
     * The liveness probe (HTTP GET).
     * @default GET /health on the container port, 30 s initial delay, every 10 s
     */
    livenessProbe?: KubernetesProbeArgs;
    /**
     * The readiness probe (HTTP GET).
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
     * @default { maxUnavailable: 1 }
     */
    podDisruptionBudget?: KubernetesPdbArgs | false;
    /**
     * Spread the pods over zones and nodes.
     * @default zones and hostnames, maxSkew 1, ScheduleAnyway
     */
    topologySpread?: KubernetesTopologySpreadArgs;
    /**
     * Tunes the restricted security context.
     * @default runAsNonRoot, read-only root filesystem, image's user
     */
    securityContext?: KubernetesSecurityContextArgs;
    /**
     * The pod's ServiceAccount (e.g. one bound to an IAM role through IRSA).
     * @default none (the namespace's `default` ServiceAccount)
     */
    serviceAccountName?: pulumi.Input<string>;
    /**
     * Mount a Kubernetes API token into the pods. Off unless the workload calls the Kubernetes API.
     * @default false
     */
    automountServiceAccountToken?: boolean;
}
