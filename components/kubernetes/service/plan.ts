import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { checkedPlan, joinPath, known, type PlanContext, type Validator } from "../../../src/core";
import { type TargetTrackingPolicy, toHpa } from "../../../src/scaling";
import { imageProblem } from "../shared/image";
import {
    dnsLabelProblem,
    dnsSubdomainProblem,
    kubernetesName,
    labelKeyProblem,
    labelValueProblem,
} from "../shared/names";
import { cpuProblem, memoryProblem, parseQuantity } from "../shared/quantity";
import type {
    HpaScalingRulesArgs,
    KubernetesAutoScalingArgs,
    KubernetesPdbArgs,
    KubernetesProbeArgs,
    KubernetesResourceQuantitiesArgs,
    KubernetesServiceArgs,
} from "./args";
import { type AwsAccessPlan, planAwsAccess } from "./aws-access";
import { type IngressPlan, planIngress } from "./ingress";
import { planScaledObject, type ScaledObjectSpec, type TriggerAuthenticationSpec } from "./keda";
import { kubernetesServiceArgsSchema } from "./schema";

type DeploymentSpec = k8s.types.input.apps.v1.DeploymentSpec;
type ServiceSpec = k8s.types.input.core.v1.ServiceSpec;
type HpaSpec = k8s.types.input.autoscaling.v2.HorizontalPodAutoscalerSpec;
type HpaBehavior = k8s.types.input.autoscaling.v2.HorizontalPodAutoscalerBehavior;
type HpaRules = k8s.types.input.autoscaling.v2.HPAScalingRules;
type PdbSpec = k8s.types.input.policy.v1.PodDisruptionBudgetSpec;
type Probe = k8s.types.input.core.v1.Probe;
type EnvVar = k8s.types.input.core.v1.EnvVar;
type TopologySpreadConstraint = k8s.types.input.core.v1.TopologySpreadConstraint;

/** The class name the errors carry. */
const SUBJECT = "KubernetesService";

/** Resource defaults: the reference web-app's requests and limits. */
export const DEFAULT_REQUESTS = { cpu: "250m", memory: "256Mi" } as const;
export const DEFAULT_LIMITS = { cpu: "500m", memory: "512Mi" } as const;
/** Probe defaults: the reference web-app's. */
export const DEFAULT_LIVENESS = { path: "/health", initialDelaySeconds: 30, periodSeconds: 10 } as const;
export const DEFAULT_READINESS = { path: "/ready", initialDelaySeconds: 5, periodSeconds: 5 } as const;
/** Replicas when neither `replicas` nor `autoScaling` is given: two, so one pod can go while the other serves. */
export const DEFAULT_REPLICAS = 2;
/** CPU utilization target when autoScaling names no target-tracking policy. */
export const DEFAULT_CPU_UTILIZATION = 70;
/** Spread over zones first, then nodes. */
export const DEFAULT_TOPOLOGY_KEYS = ["topology.kubernetes.io/zone", "kubernetes.io/hostname"] as const;
/** The label keys of the (immutable) selector. */
export const NAME_LABEL = "app.kubernetes.io/name";
export const INSTANCE_LABEL = "app.kubernetes.io/instance";

/**
 * The HPA behaviour of the reference: scale down only after 300 s of lower recommendations, by
 * at most 50 % of the pods per 60 s; scale up at once by the larger of 100 % and 4 pods per 30 s.
 */
export const DEFAULT_BEHAVIOR = {
    scaleDown: {
        stabilizationWindowSeconds: 300,
        selectPolicy: "Max",
        policies: [{ type: "Percent", value: 50, periodSeconds: 60 }],
    },
    scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: "Max",
        policies: [
            { type: "Percent", value: 100, periodSeconds: 30 },
            { type: "Pods", value: 4, periodSeconds: 30 },
        ],
    },
} as const;

/** The metadata every object of a {@link KubernetesService} carries. */
export interface KubernetesObjectMeta {
    name: string;
    /** The namespace; the component puts the created Namespace's name (an Output) here. */
    namespace?: string;
    labels: Record<string, string>;
    annotations?: Record<string, pulumi.Input<string>>;
}

/** The final inputs of one namespaced Kubernetes object: its metadata and spec. */
export interface KubernetesObjectPlan<Spec> {
    metadata: KubernetesObjectMeta;
    spec: Spec;
}

/** What a {@link KubernetesService} creates: the final inputs of every child, plain data. */
export interface KubernetesServicePlan {
    /** `metadata.name` of every object. */
    name: string;
    /** The namespace, when one is given. */
    namespace?: string;
    /** The Namespace to create (`createNamespace`), labelled to enforce the Pod Security Standards "restricted" profile. */
    namespaceObject?: { metadata: { name: string; labels: Record<string, string> } };
    /** The selector: `app.kubernetes.io/name` and `app.kubernetes.io/instance`. */
    selector: Record<string, string>;
    /** Labels on every object and pod: the selector plus the user's labels. */
    labels: Record<string, string>;
    /** The Deployment. With autoScaling, `spec.replicas` is only the count at creation (see `deploymentIgnoreChanges`). */
    deployment: KubernetesObjectPlan<DeploymentSpec>;
    /** `ignoreChanges` of the Deployment: `spec.replicas` when an autoscaler owns the count. */
    deploymentIgnoreChanges: string[];
    /** The Service; `undefined` when `service.enabled` is false. */
    service?: KubernetesObjectPlan<ServiceSpec>;
    /** The HorizontalPodAutoscaler, when autoScaling is on. */
    hpa?: KubernetesObjectPlan<HpaSpec>;
    /** The PodDisruptionBudget, when there can be 2 or more pods and it is not turned off. */
    pdb?: KubernetesObjectPlan<PdbSpec>;
    /** KEDA's ScaledObject (keda.sh/v1alpha1), when `autoScaling.engine` is `keda` (instead of the HPA). */
    scaledObject?: {
        apiVersion: "keda.sh/v1alpha1";
        kind: "ScaledObject";
        metadata: KubernetesObjectMeta;
        spec: ScaledObjectSpec;
    };
    /** The TriggerAuthentication the SQS trigger reads the queue with. */
    triggerAuthentication?: {
        apiVersion: "keda.sh/v1alpha1";
        kind: "TriggerAuthentication";
        metadata: KubernetesObjectMeta;
        spec: TriggerAuthenticationSpec;
    };
    /** The pods' ServiceAccount, when `awsAccess` is set (the component adds a created role's IRSA annotation). */
    serviceAccount?: { metadata: KubernetesObjectMeta; automountServiceAccountToken: false };
    /** The role and its binding, when `awsAccess` is set. */
    awsAccess?: AwsAccessPlan;
    /** The Ingress, when `ingress` is set. */
    ingress?: { metadata: KubernetesObjectMeta; spec: IngressPlan["spec"] };
}

function quote(value: unknown): string {
    return JSON.stringify(value);
}

/** A quantity as the API takes it: a plain number (`cpu: 1`) becomes its decimal text, anything else passes. */
function quantityText(q: pulumi.Input<string | number>): pulumi.Input<string> {
    return typeof q === "number" ? String(q) : (q as pulumi.Input<string>);
}

function checkLabels(v: Validator, labels: Record<string, string> | undefined, path: string): void {
    for (const [key, value] of Object.entries(labels ?? {})) {
        const p = joinPath(path, key);
        const kp = labelKeyProblem(key);
        if (kp) v.add(p, kp);
        if (typeof value !== "string") v.add(p, `must be a string label value (got ${quote(value)})`);
        else {
            const vp = labelValueProblem(value);
            if (vp) v.add(p, vp);
        }
    }
}

function checkResources(
    v: Validator,
    args: KubernetesServiceArgs,
): { requests: Required<KubernetesResourceQuantitiesArgs>; limits: Required<KubernetesResourceQuantitiesArgs> } {
    const requests = { ...DEFAULT_REQUESTS, ...(args.resources?.requests ?? {}) };
    const limits = { ...DEFAULT_LIMITS, ...(args.resources?.limits ?? {}) };
    const parsed: Record<string, number | undefined> = {};
    for (const [group, values] of [
        ["requests", requests],
        ["limits", limits],
    ] as const) {
        for (const kind of ["cpu", "memory"] as const) {
            const value = known(values[kind]);
            if (value === undefined) continue;
            const p = `resources.${group}.${kind}`;
            const problem = kind === "cpu" ? cpuProblem(value) : memoryProblem(value);
            if (problem) v.add(p, problem);
            else parsed[p] = parseQuantity(value)?.value;
        }
    }
    for (const kind of ["cpu", "memory"] as const) {
        const req = parsed[`resources.requests.${kind}`];
        const lim = parsed[`resources.limits.${kind}`];
        if (req !== undefined && lim !== undefined && req > lim) {
            const limitSource =
                args.resources?.limits?.[kind] === undefined
                    ? ` (the default; raise resources.limits.${kind} too)`
                    : "";
            v.add(
                `resources.requests.${kind}`,
                `must be at most the ${kind} limit ${quote(known(limits[kind]))}${limitSource} (got ${quote(known(requests[kind]))})`,
            );
            // A relation between two fields is reported at both: either may be the one to change.
            if (args.resources?.limits?.[kind] !== undefined) {
                v.add(
                    `resources.limits.${kind}`,
                    `must be at least the ${kind} request ${quote(known(requests[kind]))} (got ${quote(known(limits[kind]))})`,
                );
            }
        }
    }
    return { requests, limits };
}

function planProbe(
    v: Validator,
    probe: KubernetesProbeArgs | undefined,
    path: string,
    defaults: { path: string; initialDelaySeconds: number; periodSeconds: number },
    port: pulumi.Input<number>,
): Probe | undefined {
    if (probe?.enabled === false) return undefined;
    const httpPath = probe?.path ?? defaults.path;
    const p = known(httpPath);
    if (p !== undefined && (typeof p !== "string" || !p.startsWith("/")))
        v.add(joinPath(path, "path"), `must be an HTTP path starting with "/" (got ${quote(p)})`);
    v.range(probe?.port, joinPath(path, "port"), 1, 65535);
    v.range(probe?.initialDelaySeconds, joinPath(path, "initialDelaySeconds"), 0, 2147483647, { unit: "seconds" });
    v.range(probe?.periodSeconds, joinPath(path, "periodSeconds"), 1, 2147483647, { unit: "seconds" });
    v.range(probe?.timeoutSeconds, joinPath(path, "timeoutSeconds"), 1, 2147483647, { unit: "seconds" });
    v.range(probe?.failureThreshold, joinPath(path, "failureThreshold"), 1, 2147483647);
    const out: Probe = {
        httpGet: { path: httpPath, port: probe?.port ?? port },
        initialDelaySeconds: probe?.initialDelaySeconds ?? defaults.initialDelaySeconds,
        periodSeconds: probe?.periodSeconds ?? defaults.periodSeconds,
    };
    if (probe?.timeoutSeconds !== undefined) out.timeoutSeconds = probe.timeoutSeconds;
    if (probe?.failureThreshold !== undefined) out.failureThreshold = probe.failureThreshold;
    return out;
}

/** Environment variable names: a C identifier with `-` and `.` allowed (the API server's rule before 1.34). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** ConfigMap and Secret keys. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

function planEnv(v: Validator, args: KubernetesServiceArgs): EnvVar[] {
    const out: EnvVar[] = [];
    const envNames = new Set(Object.keys(args.env ?? {}));
    for (const [name, value] of Object.entries(args.env ?? {})) {
        if (!ENV_NAME.test(name))
            v.add(
                `env.${name}`,
                `must be an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit (got ${quote(name)})`,
            );
        out.push({ name, value });
    }
    for (const [name, ref] of Object.entries(args.secretEnv ?? {})) {
        const p = joinPath("secretEnv", name);
        if (!ENV_NAME.test(name))
            v.add(
                p,
                `must be an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit (got ${quote(name)})`,
            );
        if (envNames.has(name)) v.add(p, `is also set in env.${name}; give each variable once, in env or in secretEnv`);
        v.required(ref?.secretName, joinPath(p, "secretName"), "the Secret's name");
        v.required(ref?.key, joinPath(p, "key"), "the key within the Secret");
        const secretName = known(ref?.secretName);
        if (secretName !== undefined && secretName !== "") {
            const sp = dnsSubdomainProblem(secretName);
            if (sp) v.add(joinPath(p, "secretName"), sp);
        }
        const key = known(ref?.key);
        if (key !== undefined && key !== "" && (key.length > 253 || !SECRET_KEY.test(key))) {
            v.add(
                joinPath(p, "key"),
                `must be a Secret key: 1 to 253 letters, digits, "-", "_" or "." (got ${quote(key)})`,
            );
        }
        out.push({ name, valueFrom: { secretKeyRef: { name: ref?.secretName, key: ref?.key } } });
    }
    return out;
}

/** A PDB value: a whole number of pods ≥ 0 or a percentage `"0%"`–`"100%"`. Returns pods or percent. */
function pdbValue(v: Validator, value: number | string, path: string): { pods?: number; percent?: number } | undefined {
    if (typeof value === "number") {
        if (!Number.isInteger(value) || value < 0) {
            v.add(
                path,
                `must be a whole number of pods (0 or more) or a percentage such as "50%" (got ${quote(value)})`,
            );
            return undefined;
        }
        return { pods: value };
    }
    const m = typeof value === "string" ? /^(\d{1,3})%$/.exec(value) : null;
    if (!m || Number(m[1]) > 100) {
        v.add(
            path,
            `must be a whole number of pods (0 or more) or a percentage from "0%" to "100%" (got ${quote(value)})`,
        );
        return undefined;
    }
    return { percent: Number(m[1]) };
}

/**
 * The PDB, or none. Settings that would forbid every voluntary eviction (maxUnavailable 0,
 * minAvailable 100 % or at least the lowest pod count) are rejected: they block node drains and
 * cluster upgrades forever (https://kubernetes.io/docs/tasks/run-application/configure-pdb/).
 */
function planPdb(
    v: Validator,
    pdb: KubernetesPdbArgs | false | undefined,
    fewestPods: number | undefined,
    mostPods: number | undefined,
    selector: Record<string, string>,
): PdbSpec | undefined {
    if (pdb === false) return undefined;
    const args = pdb ?? {};
    if (args.minAvailable !== undefined && args.maxUnavailable !== undefined) {
        v.add(
            "podDisruptionBudget",
            "must set at most one of minAvailable and maxUnavailable (a PodDisruptionBudget takes only one)",
        );
        return undefined;
    }
    const blocked = "would forbid every voluntary eviction, so node drains and cluster upgrades would hang";
    if (args.minAvailable !== undefined) {
        const value = pdbValue(v, args.minAvailable, "podDisruptionBudget.minAvailable");
        if (value?.percent === 100) v.add("podDisruptionBudget.minAvailable", `${blocked}; use less than "100%"`);
        else if (value?.pods !== undefined && fewestPods !== undefined && value.pods >= fewestPods) {
            v.add(
                "podDisruptionBudget.minAvailable",
                `${blocked}: there can be as few as ${fewestPods} pods; use less than ${fewestPods} (got ${value.pods})`,
            );
        } else if (
            value?.percent !== undefined &&
            fewestPods !== undefined &&
            fewestPods >= 1 &&
            Math.ceil((value.percent * fewestPods) / 100) >= fewestPods
        ) {
            // Kubernetes rounds a percentage up to whole pods.
            const most = Math.floor((100 * (fewestPods - 1)) / fewestPods);
            v.add(
                "podDisruptionBudget.minAvailable",
                `${blocked}: with as few as ${fewestPods} pods, ${JSON.stringify(`${value.percent}%`)} rounds up to ${fewestPods}; use at most "${most}%" (got ${JSON.stringify(args.minAvailable)})`,
            );
        }
    }
    if (args.maxUnavailable !== undefined) {
        const value = pdbValue(v, args.maxUnavailable, "podDisruptionBudget.maxUnavailable");
        if (value?.pods === 0 || value?.percent === 0)
            v.add("podDisruptionBudget.maxUnavailable", `${blocked}; use 1 or more`);
    }
    if (mostPods === undefined || mostPods < 2) return undefined;
    const spec: PdbSpec = { selector: { matchLabels: selector } };
    if (args.minAvailable !== undefined) spec.minAvailable = args.minAvailable;
    else spec.maxUnavailable = args.maxUnavailable ?? 1;
    return spec;
}

function planRules(
    v: Validator,
    rules: HpaScalingRulesArgs | undefined,
    path: string,
    defaults: (typeof DEFAULT_BEHAVIOR)["scaleUp"] | (typeof DEFAULT_BEHAVIOR)["scaleDown"],
    translated: { stabilizationWindowSeconds?: number; selectPolicy?: "Disabled" } | undefined,
    cooldownField: string,
): HpaRules {
    // Limits from the autoscaling/v2 API: HPAScalingRules and HPAScalingPolicy
    // (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/):
    // stabilization window 0–3600 s, policy period 1–1800 s, value > 0.
    v.range(rules?.stabilizationWindowSeconds, joinPath(path, "stabilizationWindowSeconds"), 0, 3600, {
        unit: "seconds",
    });
    const window = rules?.stabilizationWindowSeconds;
    if (
        window !== undefined &&
        translated?.stabilizationWindowSeconds !== undefined &&
        translated.stabilizationWindowSeconds !== window
    ) {
        v.add(
            joinPath(path, "stabilizationWindowSeconds"),
            `is also given as autoScaling.targetTracking[].${cooldownField} (${translated.stabilizationWindowSeconds}); both are the HPA's stabilization window: set one, or the same value (got ${window})`,
        );
    }
    v.oneOf(rules?.selectPolicy, joinPath(path, "selectPolicy"), ["Max", "Min", "Disabled"]);
    const policies = rules?.policies ?? defaults.policies;
    v.count(policies, joinPath(path, "policies"), 1, Number.MAX_SAFE_INTEGER, "policies (Pods or Percent)");
    policies.forEach((policy, i) => {
        const pp = joinPath(path, "policies", i);
        v.oneOf(policy.type, joinPath(pp, "type"), ["Pods", "Percent"]);
        if (typeof policy.value !== "number" || !Number.isInteger(policy.value) || policy.value <= 0) {
            v.add(joinPath(pp, "value"), `must be a whole number greater than 0 (got ${quote(policy.value)})`);
        }
        v.range(policy.periodSeconds, joinPath(pp, "periodSeconds"), 1, 1800, { unit: "seconds" });
    });
    return {
        stabilizationWindowSeconds:
            window ?? translated?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
        selectPolicy: translated?.selectPolicy ?? rules?.selectPolicy ?? defaults.selectPolicy,
        policies: policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds })),
    };
}

/**
 * The HPA through the shared scaling vocabulary (src/scaling): `toHpa` checks the policies and
 * returns the autoscaling/v2 metrics (cpu and memory as Resource utilization, custom as an
 * External metric averaged per pod) and the stabilization windows from the cooldowns. The HPA's
 * own `behavior` (Pods / Percent per period), which the vocabulary does not model, is added here
 * with the reference defaults.
 */
function planScaling(
    v: Validator,
    a: KubernetesAutoScalingArgs,
    names: { deployment: string; triggerAuthentication: string },
): { hpa?: HpaSpec; scaledObject?: ScaledObjectSpec; triggerAuthentication?: TriggerAuthenticationSpec } {
    v.required(a.min, "autoScaling.min", "the fewest replicas (1 or more)");
    v.required(a.max, "autoScaling.max", "the most replicas (at least min)");
    // minReplicas 0 needs the alpha HPAScaleToZero feature gate, so 1 is the floor.
    v.min(a.min, "autoScaling.min", 1);
    if (typeof a.max === "number" && typeof a.min === "number" && a.max < a.min) {
        v.add("autoScaling.max", `must be at least min (${a.min}) (got ${a.max})`);
        v.add("autoScaling.min", `must be at most max (${a.max}) (got ${a.min})`);
    } else {
        v.min(a.max, "autoScaling.max", 1);
    }
    const engine = a.engine ?? "hpa";
    const onEngine = (reason: string) =>
        v.add("autoScaling.engine", `must be "keda" for ${reason} (got ${JSON.stringify(engine)})`);
    if (a.sqsQueue !== undefined && engine !== "keda") {
        v.add(
            "autoScaling.sqsQueue",
            "needs engine: \"keda\": the HPA can't read an SQS queue (KEDA's aws-sqs-queue scaler can)",
        );
        onEngine("sqsQueue");
    }
    if (a.keda !== undefined && engine !== "keda") {
        v.add("autoScaling.keda", 'applies only with engine: "keda"');
        onEngine("the keda settings");
    }
    if (a.externalMetricsAdapter !== undefined && engine === "keda") {
        v.add("autoScaling.externalMetricsAdapter", 'applies only with engine: "hpa" (KEDA serves its own triggers)');
        v.add("autoScaling.engine", 'must be "hpa" for externalMetricsAdapter (got "keda")');
    }

    const given = a.targetTracking ?? [];
    // 70 % CPU when nothing else drives the scaling.
    const targetTracking: TargetTrackingPolicy[] =
        given.length > 0 || a.sqsQueue !== undefined ? given : [{ metric: "cpu", target: DEFAULT_CPU_UTILIZATION }];
    given.forEach((t, i) => {
        if (t?.metric !== "custom") return;
        const p = joinPath("autoScaling.targetTracking", i);
        if (engine === "keda") {
            v.add(
                p,
                'is an External metric, which KEDA does not take here: scale on cpu, memory or autoScaling.sqsQueue with KEDA, or use engine: "hpa" with externalMetricsAdapter: true',
            );
        } else if (a.externalMetricsAdapter !== true) {
            v.add(
                p,
                'is an External metric, and nothing serves external.metrics.k8s.io to the HPA: set autoScaling.engine: "keda" (with autoScaling.sqsQueue for an SQS queue\'s length), ' +
                    "or set autoScaling.externalMetricsAdapter: true once an external-metrics adapter is installed",
            );
            if (a.externalMetricsAdapter === false) {
                v.add(
                    "autoScaling.externalMetricsAdapter",
                    `is false while targetTracking[${i}] is an External metric: nothing would serve it`,
                );
            }
        }
        // The External metric's label selector.
        checkLabels(
            v,
            t.customMetric?.dimensions as Record<string, string> | undefined,
            joinPath(p, "customMetric.dimensions"),
        );
    });
    const translated = toHpa({ targetTracking, steps: a.steps, schedules: a.schedules, predictive: a.predictive });
    for (const problem of translated.problems) v.add(joinPath("autoScaling", problem.propertyPath), problem.reason);

    const cooldown = translated.behavior;
    const behavior: HpaBehavior = {
        scaleUp: planRules(
            v,
            a.behavior?.scaleUp,
            "autoScaling.behavior.scaleUp",
            DEFAULT_BEHAVIOR.scaleUp,
            cooldown?.scaleUp,
            "scaleOutCooldownSeconds",
        ),
        scaleDown: planRules(
            v,
            a.behavior?.scaleDown,
            "autoScaling.behavior.scaleDown",
            DEFAULT_BEHAVIOR.scaleDown,
            cooldown?.scaleDown,
            "scaleInCooldownSeconds",
        ),
    };
    if (engine === "keda") {
        const keda = planScaledObject(v, a, translated.metrics, behavior, names);
        return {
            scaledObject: keda.spec,
            ...(keda.triggerAuthentication ? { triggerAuthentication: keda.triggerAuthentication } : {}),
        };
    }
    return {
        hpa: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: names.deployment },
            minReplicas: a.min,
            maxReplicas: a.max,
            metrics: translated.metrics,
            behavior,
        },
    };
}

function planTopology(
    v: Validator,
    args: KubernetesServiceArgs,
    selector: Record<string, string>,
): TopologySpreadConstraint[] {
    const t = args.topologySpread ?? {};
    if (t.enabled === false) return [];
    const keys = t.topologyKeys ?? [...DEFAULT_TOPOLOGY_KEYS];
    v.count(keys, "topologySpread.topologyKeys", 1, Number.MAX_SAFE_INTEGER, "topology keys (or set enabled: false)");
    keys.forEach((key, i) => {
        const kp = labelKeyProblem(key);
        if (kp) v.add(joinPath("topologySpread.topologyKeys", i), kp);
    });
    v.unique(
        keys.map((value, i) => ({ value, path: joinPath("topologySpread.topologyKeys", i) })),
        "topology key",
    );
    v.min(t.maxSkew, "topologySpread.maxSkew", 1);
    v.oneOf(t.whenUnsatisfiable, "topologySpread.whenUnsatisfiable", ["ScheduleAnyway", "DoNotSchedule"]);
    return keys.map((topologyKey) => ({
        topologyKey,
        maxSkew: t.maxSkew ?? 1,
        whenUnsatisfiable: t.whenUnsatisfiable ?? "ScheduleAnyway",
        labelSelector: { matchLabels: selector },
        // Spread each rollout's pods on their own, not old and new together.
        matchLabelKeys: ["pod-template-hash"],
    }));
}

/**
 * Applies the defaults to a {@link KubernetesServiceArgs}, checks every known input, and returns
 * what to create. Throws one `InputPropertiesError` listing every problem.
 */
export function planKubernetesService(
    name: string,
    args: KubernetesServiceArgs,
    ctx: PlanContext,
): KubernetesServicePlan {
    return checkedPlan(`${SUBJECT} "${name}"`, kubernetesServiceArgsSchema, args, (v) =>
        planChecked(v, name, args ?? ({} as KubernetesServiceArgs), ctx),
    );
}

function planChecked(
    v: Validator,
    name: string,
    args: KubernetesServiceArgs,
    _ctx: PlanContext,
): KubernetesServicePlan {
    const k8sName = kubernetesName(name);
    const selector = { [NAME_LABEL]: k8sName, [INSTANCE_LABEL]: k8sName };

    // Pod and metadata.
    if (args.namespace !== undefined) {
        const np = dnsLabelProblem(args.namespace);
        if (np) v.add("namespace", np);
    }
    if (args.createNamespace && args.namespace === undefined)
        v.add("namespace", "is required when createNamespace is true: give the namespace to create");
    const containerName = args.containerName ?? "app";
    const cp = dnsLabelProblem(containerName);
    if (cp) v.add("containerName", cp);
    v.required(args.image, "image", 'a container image pinned by tag or digest, e.g. "nginx:1.21"');
    const image = known(args.image);
    if (image !== undefined && image !== "") {
        const ip = typeof image === "string" ? imageProblem(image) : `must be a string (got ${quote(image)})`;
        if (ip) v.add("image", ip);
    }
    v.required(args.port, "port", "the port the container listens on (1-65535)");
    v.range(args.port, "port", 1, 65535);
    checkLabels(v, args.labels, "labels");
    for (const key of [NAME_LABEL, INSTANCE_LABEL]) {
        if (args.labels && key in args.labels)
            v.add(
                joinPath("labels", key),
                `is set by the component to ${quote(k8sName)} for the selector; remove it from labels`,
            );
    }
    const labels: Record<string, string> = { ...(args.labels ?? {}), ...selector };

    // Replicas and autoScaling.
    v.min(args.replicas, "replicas", 0);
    const a = args.autoScaling;
    let hpa: HpaSpec | undefined;
    let scaledObject: ScaledObjectSpec | undefined;
    let triggerAuthentication: TriggerAuthenticationSpec | undefined;
    let replicas: number | undefined;
    let fewestPods: number | undefined;
    let mostPods: number | undefined;
    if (a) {
        const scaling = planScaling(v, a, { deployment: k8sName, triggerAuthentication: k8sName });
        hpa = scaling.hpa;
        scaledObject = scaling.scaledObject;
        triggerAuthentication = scaling.triggerAuthentication;
        const lo = a.min;
        const hi = a.max;
        if (
            args.replicas !== undefined &&
            typeof lo === "number" &&
            typeof hi === "number" &&
            lo <= hi &&
            (args.replicas < lo || args.replicas > hi)
        ) {
            v.add(
                "replicas",
                `must be between autoScaling.min (${lo}) and autoScaling.max (${hi}) when autoScaling is on; it is only the count at creation (got ${args.replicas})`,
            );
        }
        replicas = args.replicas ?? lo;
        fewestPods = lo;
        mostPods = hi;
    } else {
        replicas = args.replicas ?? DEFAULT_REPLICAS;
        fewestPods = replicas;
        mostPods = replicas;
    }

    // Container.
    const { requests, limits } = checkResources(v, args);
    const env = planEnv(v, args);
    const liveness = planProbe(v, args.livenessProbe, "livenessProbe", DEFAULT_LIVENESS, args.port);
    const readiness = planProbe(v, args.readinessProbe, "readinessProbe", DEFAULT_READINESS, args.port);
    const sc = args.securityContext ?? {};
    v.range(sc.runAsUser, "securityContext.runAsUser", 1, 2147483647);
    v.range(sc.runAsGroup, "securityContext.runAsGroup", 0, 2147483647);
    v.range(sc.fsGroup, "securityContext.fsGroup", 0, 2147483647);

    // Service.
    const svc = args.service ?? {};
    v.oneOf(svc.type, "service.type", ["ClusterIP", "NodePort", "LoadBalancer"]);
    v.range(svc.port, "service.port", 1, 65535);
    for (const key of Object.keys(svc.annotations ?? {})) {
        const kp = labelKeyProblem(key);
        if (kp) v.add(joinPath("service.annotations", key), kp.replace("a label key", "an annotation key"));
    }
    if (svc.selector !== undefined) {
        const keys = Object.keys(svc.selector);
        if (keys.length === 0)
            v.add("service.selector", "must name at least one label; leave it out to select this workload's own pods");
        for (const [key, value] of Object.entries(svc.selector)) {
            if (labels[key] !== value) {
                v.add(
                    joinPath("service.selector", key),
                    `must be one of this workload's labels (${Object.entries(labels)
                        .map(([k, x]) => `${k}=${x}`)
                        .join(", ")}), or the Service would not select its pods`,
                );
                v.add(
                    args.labels && key in args.labels ? joinPath("labels", key) : "labels",
                    `must include ${key}=${JSON.stringify(value)}, which service.selector.${key} selects, or the Service would not select its pods`,
                );
            }
        }
    }

    const pdb = planPdb(v, args.podDisruptionBudget, fewestPods, mostPods, selector);
    const awsAccess = args.awsAccess
        ? planAwsAccess(v, args.awsAccess, {
              name: k8sName,
              component: name,
              namespace: args.namespace,
              serviceAccountName: args.serviceAccountName,
          })
        : undefined;
    const readiness0 =
        args.readinessProbe?.enabled === false ? undefined : (args.readinessProbe?.path ?? DEFAULT_READINESS.path);
    const ingress = args.ingress
        ? planIngress(v, args.ingress, {
              ...(svc.enabled === false ? {} : { service: { name: k8sName, port: svc.port ?? 80 } }),
              ...(readiness0 !== undefined ? { readinessPath: readiness0 } : {}),
          })
        : undefined;
    const topologySpreadConstraints = planTopology(v, args, selector);
    v.throwIfAny();

    const podSecurityContext: k8s.types.input.core.v1.PodSecurityContext = {
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
    };
    if (sc.runAsUser !== undefined) podSecurityContext.runAsUser = sc.runAsUser;
    if (sc.runAsGroup !== undefined) podSecurityContext.runAsGroup = sc.runAsGroup;
    if (sc.fsGroup !== undefined) podSecurityContext.fsGroup = sc.fsGroup;
    const container: k8s.types.input.core.v1.Container = {
        name: containerName,
        image: args.image,
        ports: [{ name: "http", containerPort: args.port, protocol: "TCP" }],
        resources: {
            requests: { cpu: quantityText(requests.cpu), memory: quantityText(requests.memory) },
            limits: { cpu: quantityText(limits.cpu), memory: quantityText(limits.memory) },
        },
        securityContext: {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            readOnlyRootFilesystem: sc.readOnlyRootFilesystem ?? true,
            seccompProfile: { type: "RuntimeDefault" },
        },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
    };
    if (env.length > 0) container.env = env;
    if (liveness) container.livenessProbe = liveness;
    if (readiness) container.readinessProbe = readiness;

    const podSpec: k8s.types.input.core.v1.PodSpec = {
        automountServiceAccountToken: args.automountServiceAccountToken ?? false,
        securityContext: podSecurityContext,
        containers: [container],
        volumes: [{ name: "tmp", emptyDir: {} }],
    };
    if (args.serviceAccountName !== undefined) podSpec.serviceAccountName = args.serviceAccountName;
    if (awsAccess) podSpec.serviceAccountName = awsAccess.serviceAccountName;
    if (topologySpreadConstraints.length > 0) podSpec.topologySpreadConstraints = topologySpreadConstraints;

    const deployment: DeploymentSpec = {
        selector: { matchLabels: selector },
        // Surge first, never drop below the desired count while rolling out.
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        template: { metadata: { labels }, spec: podSpec },
    };
    if (replicas !== undefined) deployment.replicas = replicas;

    const serviceSpec: ServiceSpec = {
        type: svc.type ?? "ClusterIP",
        selector: svc.selector ?? selector,
        ports: [{ name: "http", protocol: "TCP", port: svc.port ?? 80, targetPort: args.port }],
    };

    const metadata = (annotations?: Record<string, pulumi.Input<string>>): KubernetesObjectMeta => ({
        name: k8sName,
        ...(args.namespace !== undefined ? { namespace: args.namespace } : {}),
        labels,
        ...(annotations ? { annotations } : {}),
    });
    return {
        name: k8sName,
        ...(args.namespace !== undefined ? { namespace: args.namespace } : {}),
        ...(args.createNamespace && args.namespace !== undefined
            ? {
                  namespaceObject: {
                      metadata: {
                          name: args.namespace,
                          labels: {
                              "pod-security.kubernetes.io/enforce": "restricted",
                              "pod-security.kubernetes.io/warn": "restricted",
                              "pod-security.kubernetes.io/audit": "restricted",
                          },
                      },
                  },
              }
            : {}),
        selector,
        labels,
        deployment: { metadata: metadata(), spec: deployment },
        deploymentIgnoreChanges: hpa || scaledObject ? ["spec.replicas"] : [],
        ...(svc.enabled === false ? {} : { service: { metadata: metadata(svc.annotations), spec: serviceSpec } }),
        ...(hpa ? { hpa: { metadata: metadata(), spec: hpa } } : {}),
        ...(scaledObject
            ? {
                  scaledObject: {
                      apiVersion: "keda.sh/v1alpha1",
                      kind: "ScaledObject",
                      metadata: metadata(),
                      spec: scaledObject,
                  },
              }
            : {}),
        ...(triggerAuthentication
            ? {
                  triggerAuthentication: {
                      apiVersion: "keda.sh/v1alpha1",
                      kind: "TriggerAuthentication",
                      metadata: metadata(),
                      spec: triggerAuthentication,
                  },
              }
            : {}),
        ...(awsAccess
            ? {
                  awsAccess,
                  serviceAccount: {
                      metadata: {
                          ...metadata(
                              Object.keys(awsAccess.serviceAccountAnnotations).length > 0
                                  ? awsAccess.serviceAccountAnnotations
                                  : undefined,
                          ),
                          name: awsAccess.serviceAccountName,
                      },
                      automountServiceAccountToken: false,
                  },
              }
            : {}),
        ...(ingress ? { ingress: { metadata: metadata(ingress.annotations), spec: ingress.spec } } : {}),
        ...(pdb ? { pdb: { metadata: metadata(), spec: pdb } } : {}),
    };
}
