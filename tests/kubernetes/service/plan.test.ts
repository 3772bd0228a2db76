import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    type KubernetesServiceArgs,
    type KubernetesServicePlan,
    planKubernetesService,
} from "../../../components/kubernetes";
import { problemPaths } from "../../support";

const cpu = (target: number) => ({ metric: "cpu" as const, target });
const memory = (target: number) => ({ metric: "memory" as const, target });
/** An External metric target: the vocabulary's custom metric (namespace and statistic are CloudWatch's, unused by the HPA). */
const external = (metricName: string, target: number, dimensions?: Record<string, string>) => ({
    metric: "custom" as const,
    target,
    customMetric: {
        metricName,
        namespace: "external.metrics.k8s.io",
        statistic: "Average" as const,
        ...(dimensions ? { dimensions } : {}),
    },
});
const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };

const base: KubernetesServiceArgs = { image: "nginx:1.21", port: 80 };
const plan = (args: Partial<KubernetesServiceArgs>, name = "web-app") =>
    planKubernetesService(name, { ...base, ...args } as KubernetesServiceArgs, ctx);
const paths = (args: Partial<KubernetesServiceArgs>) => problemPaths(() => plan(args));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the planned pod freely
const podOf = (p: KubernetesServicePlan) => (p.deployment.spec.template as { spec: Record<string, any> }).spec;

describe("planKubernetesService defaults", () => {
    const p = plan({});
    const pod = podOf(p);
    const container = pod.containers[0];

    it("names every object after the component, selecting on the app.kubernetes.io labels", () => {
        expect(p.name).toBe("web-app");
        expect(p.selector).toEqual({ "app.kubernetes.io/name": "web-app", "app.kubernetes.io/instance": "web-app" });
        expect(p.deployment.spec.selector).toEqual({ matchLabels: p.selector });
        expect(p.service?.spec.selector).toEqual(p.selector);
    });

    it("runs 2 replicas with the reference resources (250m/256Mi requests, 500m/512Mi limits)", () => {
        expect(p.deployment.spec.replicas).toBe(2);
        expect(container.resources).toEqual({
            requests: { cpu: "250m", memory: "256Mi" },
            limits: { cpu: "500m", memory: "512Mi" },
        });
    });

    it("probes /health (30 s delay, every 10 s) and /ready (5 s, every 5 s) on the container port", () => {
        expect(container.livenessProbe).toEqual({
            httpGet: { path: "/health", port: 80 },
            initialDelaySeconds: 30,
            periodSeconds: 10,
        });
        expect(container.readinessProbe).toEqual({
            httpGet: { path: "/ready", port: 80 },
            initialDelaySeconds: 5,
            periodSeconds: 5,
        });
    });

    it("applies the restricted pod security profile with a writable /tmp", () => {
        expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        expect(container.securityContext).toEqual({
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            readOnlyRootFilesystem: true,
            seccompProfile: { type: "RuntimeDefault" },
        });
        expect(container.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
        expect(pod.volumes).toEqual([{ name: "tmp", emptyDir: {} }]);
        expect(pod.automountServiceAccountToken).toBe(false);
    });

    it("spreads over zones and hostnames, preferring but not requiring it", () => {
        expect(pod.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey)).toEqual([
            "topology.kubernetes.io/zone",
            "kubernetes.io/hostname",
        ]);
        for (const c of pod.topologySpreadConstraints) {
            expect(c).toMatchObject({
                maxSkew: 1,
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: { matchLabels: p.selector },
            });
        }
    });

    it("puts a ClusterIP Service on port 80 in front of the container port", () => {
        expect(p.service?.spec).toMatchObject({
            type: "ClusterIP",
            ports: [{ port: 80, targetPort: 80, protocol: "TCP" }],
        });
        expect(plan({ port: 8080 }).service?.spec.ports).toEqual([
            { name: "http", protocol: "TCP", port: 80, targetPort: 8080 },
        ]);
    });

    it("has a PDB allowing one pod down at a time, no HPA, and no namespace", () => {
        expect(p.pdb?.spec).toEqual({ selector: { matchLabels: p.selector }, maxUnavailable: 1 });
        expect(p.hpa).toBeUndefined();
        expect(p.namespaceObject).toBeUndefined();
        expect(p.deploymentIgnoreChanges).toEqual([]);
    });

    it("rolls out by surging, never dropping below the desired count", () => {
        expect(p.deployment.spec.strategy).toEqual({
            type: "RollingUpdate",
            rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 },
        });
    });
});

describe("planKubernetesService options", () => {
    it("keeps user labels off the selector, so they can change", () => {
        const p = plan({ labels: { app: "web", version: "v1" } });
        expect((p.deployment.spec.template as { metadata: unknown }).metadata).toEqual({
            labels: { app: "web", version: "v1", ...p.selector },
        });
        expect(p.deployment.spec.selector).toEqual({ matchLabels: p.selector });
    });

    it("reads secretEnv from secretKeyRef and env as plain values", () => {
        const p = plan({
            env: { ENV: "production" },
            secretEnv: { DB_PASSWORD: { secretName: "db-credentials", key: "password" } },
        });
        const c = podOf(p).containers[0];
        expect(c.env).toEqual([
            { name: "ENV", value: "production" },
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } },
        ]);
    });

    it("turns off probes, the PDB and spreading only when asked", () => {
        const p = plan({
            livenessProbe: { enabled: false },
            readinessProbe: { enabled: false },
            podDisruptionBudget: false,
            topologySpread: { enabled: false },
        });
        const pod = podOf(p);
        expect(pod.containers[0].livenessProbe).toBeUndefined();
        expect(pod.containers[0].readinessProbe).toBeUndefined();
        expect(pod.topologySpreadConstraints).toBeUndefined();
        expect(p.pdb?.spec).toBeUndefined();
    });

    it("creates no PDB when there can only be one pod", () => {
        expect(plan({ replicas: 1 }).pdb?.spec).toBeUndefined();
        expect(plan({ autoScaling: { min: 1, max: 1 } }).pdb?.spec).toBeUndefined();
        expect(plan({ replicas: 1, autoScaling: { min: 1, max: 3 } }).pdb?.spec).toEqual({
            selector: { matchLabels: plan({}).selector },
            maxUnavailable: 1,
        });
    });

    it("takes minAvailable instead of maxUnavailable", () => {
        expect(plan({ replicas: 4, podDisruptionBudget: { minAvailable: "50%" } }).pdb?.spec).toEqual({
            selector: { matchLabels: plan({}).selector },
            minAvailable: "50%",
        });
        // 75 % of 4 pods is 3, leaving one pod that may be evicted.
        expect(plan({ replicas: 4, podDisruptionBudget: { minAvailable: "75%" } }).pdb?.spec.minAvailable).toBe("75%");
    });

    it("with autoScaling, starts at min (or replicas) and leaves the count to the HPA", () => {
        const p = plan({ autoScaling: { min: 3, max: 6 } });
        expect(p.deployment.spec.replicas).toBe(3);
        expect(p.deploymentIgnoreChanges).toEqual(["spec.replicas"]);
        expect(plan({ replicas: 5, autoScaling: { min: 3, max: 6 } }).deployment.spec.replicas).toBe(5);
    });

    it("translates custom behaviour: windows through the scaling vocabulary, policies as given", () => {
        const hpa = plan({
            autoScaling: {
                min: 2,
                max: 8,
                targetTracking: [{ metric: "cpu", target: 60 }],
                behavior: {
                    scaleUp: {
                        stabilizationWindowSeconds: 60,
                        selectPolicy: "Min",
                        policies: [{ type: "Pods", value: 2, periodSeconds: 60 }],
                    },
                    scaleDown: { selectPolicy: "Disabled" },
                },
            },
        }).hpa?.spec;
        expect(hpa?.behavior).toEqual({
            scaleUp: {
                stabilizationWindowSeconds: 60,
                selectPolicy: "Min",
                policies: [{ type: "Pods", value: 2, periodSeconds: 60 }],
            },
            scaleDown: {
                stabilizationWindowSeconds: 300,
                selectPolicy: "Disabled",
                policies: [{ type: "Percent", value: 50, periodSeconds: 60 }],
            },
        });
    });

    it("reports a bad window once, however many metrics share it", () => {
        const args = {
            autoScaling: {
                externalMetricsAdapter: true,
                min: 1,
                max: 3,
                targetTracking: [cpu(70), memory(80), external("m", 5)],
                behavior: { scaleDown: { stabilizationWindowSeconds: 4000 } },
            },
        };
        expect(paths(args)).toEqual(["autoScaling.behavior.scaleDown.stabilizationWindowSeconds"]);
        const cooldowns = {
            autoScaling: {
                min: 1,
                max: 3,
                targetTracking: [
                    { ...cpu(70), scaleInCooldownSeconds: 4000 },
                    { ...memory(80), scaleInCooldownSeconds: 4000 },
                ],
            },
        };
        expect(paths(cooldowns)).toEqual([
            "autoScaling.targetTracking[0].scaleInCooldownSeconds",
            "autoScaling.targetTracking[1].scaleInCooldownSeconds",
        ]);
    });

    it("reads the policies' cooldowns as the stabilization windows, and rejects a different window in behavior", () => {
        const hpa = plan({
            autoScaling: {
                min: 1,
                max: 3,
                targetTracking: [{ ...cpu(70), scaleInCooldownSeconds: 120, scaleOutCooldownSeconds: 15 }],
            },
        }).hpa?.spec;
        expect(hpa?.behavior).toMatchObject({
            scaleDown: { stabilizationWindowSeconds: 120 },
            scaleUp: { stabilizationWindowSeconds: 15 },
        });
        const both = {
            autoScaling: {
                min: 1,
                max: 3,
                targetTracking: [{ ...cpu(70), scaleInCooldownSeconds: 120 }],
                behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
            },
        };
        expect(paths(both)).toEqual(["autoScaling.behavior.scaleDown.stabilizationWindowSeconds"]);
        const same = {
            autoScaling: {
                min: 1,
                max: 3,
                targetTracking: [{ ...cpu(70), scaleInCooldownSeconds: 120 }],
                behavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
            },
        };
        expect(plan(same).hpa?.spec.behavior).toMatchObject({ scaleDown: { stabilizationWindowSeconds: 120 } });
    });

    it("turns a custom metric into an External metric averaged per pod, its dimensions the label selector", () => {
        const hpa = plan({
            autoScaling: {
                externalMetricsAdapter: true,
                min: 1,
                max: 3,
                targetTracking: [external("lag", 1000, { topic: "orders" })],
            },
        }).hpa?.spec;
        expect(hpa?.metrics).toEqual([
            {
                type: "External",
                external: {
                    metric: { name: "lag", selector: { matchLabels: { topic: "orders" } } },
                    target: { type: "AverageValue", averageValue: "1000" },
                },
            },
        ]);
    });

    it("targets 70 % CPU when autoScaling names no target-tracking policy", () => {
        expect(plan({ autoScaling: { min: 2, max: 4 } }).hpa?.spec.metrics).toEqual([
            { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
        ]);
    });

    it("tunes the security context without giving up the restricted profile", () => {
        const p = plan({
            securityContext: { runAsUser: 101, runAsGroup: 101, fsGroup: 101, readOnlyRootFilesystem: false },
        });
        const pod = podOf(p);
        expect(pod.securityContext).toEqual({
            runAsNonRoot: true,
            seccompProfile: { type: "RuntimeDefault" },
            runAsUser: 101,
            runAsGroup: 101,
            fsGroup: 101,
        });
        expect(pod.containers[0].securityContext).toMatchObject({
            readOnlyRootFilesystem: false,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
        });
    });

    it("does not check inputs that are Outputs", () => {
        const p = plan({
            image: pulumi.output("nginx"),
            port: pulumi.output(0),
            resources: { requests: { cpu: pulumi.output("lots") } },
        });
        expect(p.name).toBe("web-app");
    });
});

describe("planKubernetesService validation: one failing case per rule", () => {
    it.each<[string, Partial<KubernetesServiceArgs>, string | string[]]>([
        ["namespace syntax", { namespace: "Production" }, "namespace"],
        ["createNamespace needs a namespace", { createNamespace: true }, "namespace"],
        ["container name syntax", { containerName: "Nginx_1" }, "containerName"],
        ["image required", { image: "" }, "image"],
        ["image untagged", { image: "nginx" }, "image"],
        ["image latest", { image: "nginx:latest" }, "image"],
        ["image registry port without tag", { image: "registry:5000/nginx" }, "image"],
        ["image syntax", { image: "Nginx:1.0" }, "image"],
        ["port low", { port: 0 }, "port"],
        ["port high", { port: 65536 }, "port"],
        ["label key", { labels: { "bad key": "x" } }, "labels.bad key"],
        ["label value", { labels: { version: "v1!" } }, "labels.version"],
        ["selector label reserved", { labels: { "app.kubernetes.io/name": "other" } }, "labels.app.kubernetes.io/name"],
        ["replicas negative", { replicas: -1 }, "replicas"],
        ["replicas whole", { replicas: 1.5 }, "replicas"],
        ["replicas outside the HPA range", { replicas: 12, autoScaling: { min: 2, max: 10 } }, "replicas"],
        ["cpu request syntax", { resources: { requests: { cpu: "fast" } } }, "resources.requests.cpu"],
        ["cpu limit below 1m", { resources: { limits: { cpu: "0" } } }, "resources.limits.cpu"],
        ["memory request milli-bytes", { resources: { requests: { memory: "256m" } } }, "resources.requests.memory"],
        ["memory limit syntax", { resources: { limits: { memory: "1GB" } } }, "resources.limits.memory"],
        [
            "cpu request above limit",
            { resources: { requests: { cpu: "1" }, limits: { cpu: "500m" } } },
            ["resources.requests.cpu", "resources.limits.cpu"],
        ],
        [
            "memory request above the default limit",
            { resources: { requests: { memory: "1Gi" } } },
            "resources.requests.memory",
        ],
        ["env name", { env: { "1BAD": "x" } }, "env.1BAD"],
        ["secretEnv name", { secretEnv: { "BAD NAME": { secretName: "s", key: "k" } } }, "secretEnv.BAD NAME"],
        [
            "secretEnv also in env",
            { env: { DB: "x" }, secretEnv: { DB: { secretName: "s", key: "k" } } },
            "secretEnv.DB",
        ],
        [
            "secretEnv secret name syntax",
            { secretEnv: { DB: { secretName: "DB_Credentials", key: "k" } } },
            "secretEnv.DB.secretName",
        ],
        [
            "secretEnv secret name required",
            { secretEnv: { DB: { secretName: "", key: "k" } } },
            "secretEnv.DB.secretName",
        ],
        ["secretEnv key syntax", { secretEnv: { DB: { secretName: "s", key: "pass word" } } }, "secretEnv.DB.key"],
        ["liveness path", { livenessProbe: { path: "health" } }, "livenessProbe.path"],
        ["liveness port", { livenessProbe: { port: 70000 } }, "livenessProbe.port"],
        [
            "readiness initial delay",
            { readinessProbe: { initialDelaySeconds: -1 } },
            "readinessProbe.initialDelaySeconds",
        ],
        ["readiness period", { readinessProbe: { periodSeconds: 0 } }, "readinessProbe.periodSeconds"],
        ["liveness timeout", { livenessProbe: { timeoutSeconds: 0 } }, "livenessProbe.timeoutSeconds"],
        ["readiness failure threshold", { readinessProbe: { failureThreshold: 0 } }, "readinessProbe.failureThreshold"],
        ["runAsUser root", { securityContext: { runAsUser: 0 } }, "securityContext.runAsUser"],
        ["runAsGroup negative", { securityContext: { runAsGroup: -1 } }, "securityContext.runAsGroup"],
        ["fsGroup negative", { securityContext: { fsGroup: -1 } }, "securityContext.fsGroup"],
        ["service type", { service: { type: "External" as "ClusterIP" } }, "service.type"],
        ["service port", { service: { port: 0 } }, "service.port"],
        ["service annotation key", { service: { annotations: { "bad key": "x" } } }, "service.annotations.bad key"],
        ["HPA minReplicas ≥ 1", { autoScaling: { min: 0, max: 3 } }, "autoScaling.min"],
        ["HPA max ≥ min", { autoScaling: { min: 5, max: 3 } }, ["autoScaling.max", "autoScaling.min"]],
        [
            "HPA cpu target",
            { autoScaling: { min: 1, max: 3, targetTracking: [cpu(0)] } },
            "autoScaling.targetTracking[0].target",
        ],
        [
            "HPA memory target",
            { autoScaling: { min: 1, max: 3, targetTracking: [memory(101)] } },
            "autoScaling.targetTracking[0].target",
        ],
        [
            "HPA external metric name",
            { autoScaling: { externalMetricsAdapter: true, min: 1, max: 3, targetTracking: [external("", 30)] } },
            "autoScaling.targetTracking[0].customMetric.metricName",
        ],
        [
            "HPA external average value > 0",
            { autoScaling: { externalMetricsAdapter: true, min: 1, max: 3, targetTracking: [external("m", 0)] } },
            "autoScaling.targetTracking[0].target",
        ],
        [
            "HPA cpu target whole percent",
            { autoScaling: { min: 1, max: 3, targetTracking: [cpu(70.5)] } },
            "autoScaling.targetTracking[0].target",
        ],
        [
            "HPA external selector",
            {
                autoScaling: {
                    externalMetricsAdapter: true,
                    min: 1,
                    max: 3,
                    targetTracking: [external("m", 30, { q: "my queue" })],
                },
            },
            "autoScaling.targetTracking[0].customMetric.dimensions.q",
        ],
        [
            "HPA has no step scaling",
            {
                autoScaling: {
                    min: 1,
                    max: 3,
                    steps: [
                        {
                            alarm: { metric: "m", threshold: 1, comparison: "GreaterThanThreshold" as const },
                            adjustments: [{ change: 1 }],
                        },
                    ],
                },
            },
            "autoScaling.steps",
        ],
        [
            "HPA policies non-empty",
            { autoScaling: { min: 1, max: 3, behavior: { scaleUp: { policies: [] } } } },
            "autoScaling.behavior.scaleUp.policies",
        ],
        [
            "HPA policy type",
            {
                autoScaling: {
                    min: 1,
                    max: 3,
                    behavior: { scaleDown: { policies: [{ type: "Nodes" as "Pods", value: 1, periodSeconds: 60 }] } },
                },
            },
            "autoScaling.behavior.scaleDown.policies[0].type",
        ],
        [
            "HPA policy value > 0",
            {
                autoScaling: {
                    min: 1,
                    max: 3,
                    behavior: { scaleDown: { policies: [{ type: "Pods", value: 0, periodSeconds: 60 }] } },
                },
            },
            "autoScaling.behavior.scaleDown.policies[0].value",
        ],
        [
            "HPA policy period ≤ 1800",
            {
                autoScaling: {
                    min: 1,
                    max: 3,
                    behavior: { scaleUp: { policies: [{ type: "Percent", value: 100, periodSeconds: 1801 }] } },
                },
            },
            "autoScaling.behavior.scaleUp.policies[0].periodSeconds",
        ],
        [
            "HPA policy period ≥ 1",
            {
                autoScaling: {
                    min: 1,
                    max: 3,
                    behavior: { scaleUp: { policies: [{ type: "Percent", value: 100, periodSeconds: 0 }] } },
                },
            },
            "autoScaling.behavior.scaleUp.policies[0].periodSeconds",
        ],
        [
            "HPA stabilization ≤ 3600",
            { autoScaling: { min: 1, max: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } } } },
            "autoScaling.behavior.scaleDown.stabilizationWindowSeconds",
        ],
        [
            "HPA stabilization ≥ 0",
            { autoScaling: { min: 1, max: 3, behavior: { scaleUp: { stabilizationWindowSeconds: -1 } } } },
            "autoScaling.behavior.scaleUp.stabilizationWindowSeconds",
        ],
        [
            "HPA select policy",
            { autoScaling: { min: 1, max: 3, behavior: { scaleUp: { selectPolicy: "Avg" as "Max" } } } },
            "autoScaling.behavior.scaleUp.selectPolicy",
        ],
        ["PDB both fields", { podDisruptionBudget: { minAvailable: 1, maxUnavailable: 1 } }, "podDisruptionBudget"],
        [
            "PDB minAvailable syntax",
            { replicas: 4, podDisruptionBudget: { minAvailable: "half" } },
            "podDisruptionBudget.minAvailable",
        ],
        [
            "PDB percentage above 100",
            { replicas: 4, podDisruptionBudget: { maxUnavailable: "150%" } },
            "podDisruptionBudget.maxUnavailable",
        ],
        [
            "PDB minAvailable 100 %",
            { replicas: 4, podDisruptionBudget: { minAvailable: "100%" } },
            "podDisruptionBudget.minAvailable",
        ],
        [
            "PDB minAvailable ≥ the fewest pods",
            { autoScaling: { min: 2, max: 10 }, podDisruptionBudget: { minAvailable: 2 } },
            "podDisruptionBudget.minAvailable",
        ],
        [
            "PDB minAvailable percentage rounding up to the fewest pods",
            { autoScaling: { min: 1, max: 10 }, podDisruptionBudget: { minAvailable: "50%" } },
            "podDisruptionBudget.minAvailable",
        ],
        [
            "PDB minAvailable 80 % of 4 pods rounds up to 4",
            { replicas: 4, podDisruptionBudget: { minAvailable: "80%" } },
            "podDisruptionBudget.minAvailable",
        ],
        ["PDB maxUnavailable 0", { podDisruptionBudget: { maxUnavailable: 0 } }, "podDisruptionBudget.maxUnavailable"],
        ["topology keys non-empty", { topologySpread: { topologyKeys: [] } }, "topologySpread.topologyKeys"],
        ["topology key syntax", { topologySpread: { topologyKeys: ["bad key"] } }, "topologySpread.topologyKeys[0]"],
        [
            "topology keys unique",
            { topologySpread: { topologyKeys: ["kubernetes.io/hostname", "kubernetes.io/hostname"] } },
            "topologySpread.topologyKeys[1]",
        ],
        ["topology maxSkew", { topologySpread: { maxSkew: 0 } }, "topologySpread.maxSkew"],
        ["secret env key required", { secretEnv: { DB: { secretName: "db", key: "" } } }, "secretEnv.DB.key"],
        ["PDB whole pods", { podDisruptionBudget: { maxUnavailable: 1.5 } }, "podDisruptionBudget.maxUnavailable"],
        ["PDB pods ≥ 0", { podDisruptionBudget: { minAvailable: -1 } }, "podDisruptionBudget.minAvailable"],
        [
            "an External metric with the adapter turned off",
            {
                autoScaling: {
                    min: 1,
                    max: 5,
                    externalMetricsAdapter: false,
                    targetTracking: [external("queue_depth", 30)],
                },
            },
            ["autoScaling.targetTracking[0]", "autoScaling.externalMetricsAdapter"],
        ],
        [
            "topology whenUnsatisfiable",
            { topologySpread: { whenUnsatisfiable: "Never" as "DoNotSchedule" } },
            "topologySpread.whenUnsatisfiable",
        ],
    ])("%s", (_rule, args, path) => {
        // A relation between two fields is reported at both: either may be the one to change.
        expect(paths(args)).toEqual(Array.isArray(path) ? path : [path]);
    });

    it("collects every problem at once", () => {
        expect(
            paths({ image: "nginx", port: 0, service: { port: 70000 }, autoScaling: { min: 4, max: 2 } }).sort(),
        ).toEqual(["autoScaling.max", "autoScaling.min", "image", "port", "service.port"].sort());
    });

    it("names the allowed values in each reason", () => {
        try {
            plan({ service: { type: "External" as "ClusterIP" } });
        } catch (e) {
            expect((e as pulumi.InputPropertiesError).errors[0].reason).toBe(
                'must be one of "ClusterIP", "NodePort", "LoadBalancer" (got the string "External")',
            );
            return;
        }
        throw new Error("expected an error");
    });
});

describe("planKubernetesService: one Service for several workloads (canary)", () => {
    it("selects the shared labels instead of the workload's own selector", () => {
        const p = plan({ labels: { app: "web", version: "v1" }, service: { selector: { app: "web" } } });
        expect(p.service?.spec.selector).toEqual({ app: "web" });
        // The Deployment still owns only its own pods.
        expect(p.deployment.spec.selector).toEqual({ matchLabels: p.selector });
    });

    it("creates no Service when it is turned off", () => {
        expect(plan({ labels: { app: "web", version: "v2" }, service: { enabled: false } }).service).toBeUndefined();
    });

    it("rejects a Service selector that would not select the workload's own pods", () => {
        expect(paths({ labels: { app: "web" }, service: { selector: { app: "api" } } })).toEqual([
            "service.selector.app",
            "labels.app",
        ]);
        expect(paths({ service: { selector: { tier: "front" } } })).toEqual(["service.selector.tier", "labels"]);
        expect(paths({ service: { selector: {} } })).toEqual(["service.selector"]);
    });
});
