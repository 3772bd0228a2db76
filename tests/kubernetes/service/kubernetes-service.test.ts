import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Namespace, Service, ServiceAccount } from "kubernetes-models/v1";
import { beforeAll, describe, expect, it } from "vitest";
import { KubernetesService, type KubernetesServiceArgs } from "../../../components/kubernetes";
import {
    childrenOf,
    expectInvalid,
    ofType,
    only,
    type Plan,
    type PlannedResource,
    revealSecret,
    runPlan,
} from "../../support";
import { referenceWorker, validArgs } from "./fixture";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject";
const TRIGGER_AUTHENTICATION = "kubernetes:keda.sh/v1alpha1:TriggerAuthentication";
const COMPONENT = "compute-layer:index:KubernetesService";

/** The manifest the provider would apply: the recorded inputs, which must be plain known JSON. */
function manifest(r: PlannedResource): Record<string, unknown> {
    const text = JSON.stringify(r.inputs);
    expect(text).not.toContain("[unknown]");
    expect(text).not.toContain("$secret");
    return JSON.parse(text) as Record<string, unknown>;
}

/** Validates every Kubernetes object in a plan against the upstream schemas; returns how many. */
function validateAll(plan: Plan): number {
    const models: Record<string, (o: Record<string, unknown>) => { validate(): void }> = {
        [DEPLOYMENT]: (o) => new Deployment(o as never),
        [SERVICE]: (o) => new Service(o as never),
        [HPA]: (o) => new HorizontalPodAutoscaler(o as never),
        [PDB]: (o) => new PodDisruptionBudget(o as never),
        [NAMESPACE]: (o) => new Namespace(o as never),
        [SERVICE_ACCOUNT]: (o) => new ServiceAccount(o as never),
        [INGRESS]: (o) => new Ingress(o as never),
        [SCALED_OBJECT]: (o) => new ScaledObject(o as never),
        [TRIGGER_AUTHENTICATION]: (o) => new TriggerAuthentication(o as never),
    };
    let n = 0;
    for (const r of plan.resources.filter((x) => x.type.startsWith("kubernetes:"))) {
        const model = models[r.type];
        expect(model, `no schema check for ${r.type}`).toBeDefined();
        expect(() => model(manifest(r)).validate(), `${r.type} ${r.name}`).not.toThrow();
        n++;
    }
    return n;
}

/** The reference web-app (REFERENCE.md, "EKS"): Deployment web-app, LoadBalancer Service, HPA 2–10, namespace production. */
const webApp: KubernetesServiceArgs = {
    namespace: "production",
    createNamespace: true,
    image: "nginx:1.21",
    containerName: "nginx",
    port: 80,
    replicas: 4,
    labels: { app: "web", version: "v1" },
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    livenessProbe: { path: "/health", initialDelaySeconds: 30, periodSeconds: 10 },
    readinessProbe: { path: "/ready", initialDelaySeconds: 5, periodSeconds: 5 },
    env: { ENV: "production" },
    secretEnv: { DB_PASSWORD: { secretName: "db-credentials", key: "password" } },
    service: { type: "LoadBalancer", port: 80 },
    autoScaling: {
        min: 2,
        max: 10,
        targetTracking: [
            { metric: "cpu", target: 70 },
            { metric: "memory", target: 80 },
        ],
    },
};

describe("KubernetesService: the reference web-app", () => {
    let plan: Plan;
    let providerUrn: string;
    beforeAll(async () => {
        plan = await runPlan(() => {
            const provider = new k8s.Provider("k", { kubeconfig: "{}" });
            new KubernetesService("web-app", webApp, { provider });
        });
        providerUrn = only(plan, "pulumi:providers:kubernetes").urn;
    });

    it("creates the namespace, Deployment, Service, HPA and PDB under the component, all through the given provider", () => {
        const component = only(plan, COMPONENT);
        expect(
            childrenOf(plan, component)
                .map((r) => `${r.type}::${r.name}`)
                .sort(),
        ).toEqual([
            `${DEPLOYMENT}::web-app-deployment`,
            `${HPA}::web-app-hpa`,
            `${NAMESPACE}::web-app-namespace`,
            `${SERVICE}::web-app-service`,
            `${PDB}::web-app-pdb`,
        ]);
        for (const child of childrenOf(plan, component))
            expect(child.options.provider?.startsWith(`${providerUrn}::`), child.name).toBe(true);
    });

    it("every object passes the upstream Kubernetes schemas", () => {
        expect(validateAll(plan)).toBe(5);
    });

    it("the schema check has teeth: a broken object fails it", () => {
        const h = manifest(only(plan, HPA)) as any;
        h.spec.minReplicas = "two";
        expect(() => new HorizontalPodAutoscaler(h).validate()).toThrow();
        const d = manifest(only(plan, DEPLOYMENT)) as any;
        delete d.spec.template.spec.containers[0].name;
        expect(() => new Deployment(d).validate()).toThrow();
    });

    it("the Deployment is the reference's: nginx:1.21, 4 replicas, its resources, probes and environment", () => {
        const d = manifest(only(plan, DEPLOYMENT)) as any;
        expect(d.metadata).toMatchObject({
            name: "web-app",
            namespace: "production",
            labels: { app: "web", version: "v1" },
        });
        expect(d.spec.replicas).toBe(4);
        expect(d.spec.template.metadata.labels).toMatchObject({ app: "web", version: "v1" });
        const c = d.spec.template.spec.containers;
        expect(c).toHaveLength(1);
        expect(c[0]).toMatchObject({
            name: "nginx",
            image: "nginx:1.21",
            ports: [{ containerPort: 80 }],
            resources: { requests: { memory: "256Mi", cpu: "250m" }, limits: { memory: "512Mi", cpu: "500m" } },
            livenessProbe: { httpGet: { path: "/health", port: 80 }, initialDelaySeconds: 30, periodSeconds: 10 },
            readinessProbe: { httpGet: { path: "/ready", port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 },
            env: [
                { name: "ENV", value: "production" },
                { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } },
            ],
        });
    });

    it("the pods run under the restricted pod security profile", () => {
        const d = manifest(only(plan, DEPLOYMENT)) as any;
        const pod = d.spec.template.spec;
        expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        expect(pod.containers[0].securityContext).toMatchObject({
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            readOnlyRootFilesystem: true,
        });
        expect(pod.volumes).toEqual([{ name: "tmp", emptyDir: {} }]);
        expect(pod.containers[0].volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
    });

    it("the HPA owns the replica count: pulumi up does not reset spec.replicas", () => {
        expect(only(plan, DEPLOYMENT).options.ignoreChanges).toEqual(["spec.replicas"]);
    });

    it("the Service is a LoadBalancer on port 80 to the container's port 80", () => {
        const s = manifest(only(plan, SERVICE)) as any;
        expect(s.metadata).toMatchObject({ name: "web-app", namespace: "production" });
        expect(s.spec).toMatchObject({ type: "LoadBalancer", ports: [{ protocol: "TCP", port: 80, targetPort: 80 }] });
        expect(s.spec.selector).toEqual({
            "app.kubernetes.io/name": "web-app",
            "app.kubernetes.io/instance": "web-app",
        });
        expect(s.spec.selector).toEqual((manifest(only(plan, DEPLOYMENT)) as any).spec.selector.matchLabels);
    });

    it("the HPA scales the Deployment 2–10 at 70 % CPU and 80 % memory, with the reference behaviour", () => {
        const h = manifest(only(plan, HPA)) as any;
        expect(h.metadata).toMatchObject({ name: "web-app", namespace: "production" });
        expect(h.spec).toEqual({
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web-app" },
            minReplicas: 2,
            maxReplicas: 10,
            metrics: [
                {
                    type: "Resource",
                    resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
                },
                {
                    type: "Resource",
                    resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } },
                },
            ],
            behavior: {
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
            },
        });
    });

    it("a PDB keeps all but one pod up during drains", () => {
        const p = manifest(only(plan, PDB)) as any;
        expect(p.spec).toEqual({
            maxUnavailable: 1,
            selector: (manifest(only(plan, DEPLOYMENT)) as any).spec.selector,
        });
    });

    it("the namespace enforces the restricted Pod Security Standard, and every object waits for it", () => {
        const ns = only(plan, NAMESPACE);
        expect(manifest(ns).metadata).toMatchObject({
            name: "production",
            labels: { "pod-security.kubernetes.io/enforce": "restricted" },
        });
        for (const type of [DEPLOYMENT, SERVICE, HPA, PDB])
            expect(only(plan, type).options.dependsOn).toContain(ns.urn);
    });
});

describe("KubernetesService: every object the rich fixtures write passes the upstream schemas", () => {
    it("the rich fixture: namespace, ServiceAccount, Deployment, Service, HPA, PDB and Ingress", async () => {
        const plan = await runPlan(() => {
            new KubernetesService("web", validArgs, { provider: new k8s.Provider("k", { kubeconfig: "{}" }) });
        });
        expect(
            plan.resources
                .filter((r) => r.type.startsWith("kubernetes:"))
                .map((r) => r.type)
                .sort(),
        ).toEqual([DEPLOYMENT, HPA, INGRESS, NAMESPACE, PDB, SERVICE, SERVICE_ACCOUNT].sort());
        expect(validateAll(plan)).toBe(7);
    });

    it("the KEDA worker: Deployment, PDB, ScaledObject and TriggerAuthentication", async () => {
        const plan = await runPlan(() => {
            new KubernetesService("worker", referenceWorker);
        });
        expect([...ofType(plan, SCALED_OBJECT), ...ofType(plan, TRIGGER_AUTHENTICATION)]).toHaveLength(2);
        expect(validateAll(plan)).toBe(4);
    });
});

describe("KubernetesService: an SQS queue-depth external metric (REFERENCE.md, worker-hpa)", () => {
    it("scales worker 1–50 on sqs_queue_messages_visible for my-queue at 30 messages per pod", async () => {
        const plan = await runPlan(() => {
            new KubernetesService("worker", {
                image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1.4.2",
                port: 8080,
                autoScaling: {
                    min: 1,
                    max: 50,
                    // The reference's HPA, with the external-metrics adapter it assumes.
                    externalMetricsAdapter: true,
                    targetTracking: [
                        {
                            metric: "custom",
                            target: 30,
                            customMetric: {
                                metricName: "sqs_queue_messages_visible",
                                namespace: "external.metrics.k8s.io",
                                statistic: "Average",
                                dimensions: { queue_name: "my-queue" },
                            },
                        },
                    ],
                },
            });
        });
        expect(validateAll(plan)).toBe(4);
        const h = manifest(only(plan, HPA)) as any;
        expect(h.spec.metrics).toEqual([
            {
                type: "External",
                external: {
                    metric: {
                        name: "sqs_queue_messages_visible",
                        selector: { matchLabels: { queue_name: "my-queue" } },
                    },
                    target: { type: "AverageValue", averageValue: "30" },
                },
            },
        ]);
        expect(h.spec).toMatchObject({
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "worker" },
            minReplicas: 1,
            maxReplicas: 50,
        });
        // 1 to 50 pods: a PDB, since there can be 2 or more; the Deployment starts at minReplicas.
        expect((manifest(only(plan, PDB)) as any).spec.maxUnavailable).toBe(1);
        expect((manifest(only(plan, DEPLOYMENT)) as any).spec.replicas).toBe(1);
        expect(only(plan, DEPLOYMENT).options.ignoreChanges).toEqual(["spec.replicas"]);
    });
});

describe("KubernetesService: defaults on an existing namespace", () => {
    it("creates a Deployment, ClusterIP Service and PDB in the given namespace, without HPA or namespace", async () => {
        const plan = await runPlan(() => {
            const svc = new KubernetesService("api", {
                namespace: "team-a",
                image: "ghcr.io/acme/api:2.0.1",
                port: 8080,
            });
            expect(svc.hpa).toBeUndefined();
            expect(svc.namespace).toBeUndefined();
        });
        expect(validateAll(plan)).toBe(3);
        expect(plan.resources.map((r) => r.type).sort()).toEqual([COMPONENT, DEPLOYMENT, SERVICE, PDB].sort());
        const d = manifest(only(plan, DEPLOYMENT)) as any;
        expect(d.metadata.namespace).toBe("team-a");
        expect(d.spec.replicas).toBe(2);
        expect(only(plan, DEPLOYMENT).options.ignoreChanges).toBeUndefined();
        expect((manifest(only(plan, SERVICE)) as any).spec).toMatchObject({
            type: "ClusterIP",
            ports: [{ port: 80, targetPort: 8080 }],
        });
    });

    it("a single replica without autoScaling gets no PDB, and objects go to the provider's namespace", async () => {
        const plan = await runPlan(() => {
            new KubernetesService("one", { image: "app:1", port: 8080, replicas: 1 });
        });
        expect(plan.resources.map((r) => r.type).sort()).toEqual([COMPONENT, DEPLOYMENT, SERVICE].sort());
        expect((manifest(only(plan, DEPLOYMENT)) as any).metadata.namespace).toBeUndefined();
    });

    it("accepts Outputs (an image from a registry, a secret env value) without checking them", async () => {
        const plan = await runPlan(() => {
            new KubernetesService("out", {
                image: pulumi.output("app:1"),
                port: 8080,
                env: { API_URL: pulumi.secret("https://x") },
            });
        });
        // The secret stays marked where it is: the plan shows only its digest.
        const container = (only(plan, DEPLOYMENT).inputs.spec as any).template.spec.containers[0];
        expect(container.image).toBe("app:1");
        expect(container.env[0].name).toBe("API_URL");
        expect(container.env[0].value).toHaveProperty("$secret");
        expect(revealSecret(container.env[0].value)).toBe("https://x");
    });
});

describe("KubernetesService: invalid args", () => {
    it("HPA max below min is an InputPropertiesError naming max and min, and nothing is registered", async () => {
        const { errors, plan, message } = await expectInvalid(() => {
            new KubernetesService("web-app", { ...webApp, replicas: undefined, autoScaling: { min: 5, max: 3 } });
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["autoScaling.max", "autoScaling.min"]);
        expect(errors.map((e) => e.reason)).toEqual([
            "must be at least min (5) (got 3)",
            "must be at most max (3) (got 5)",
        ]);
        expect(message).toContain('KubernetesService "web-app"');
        expect(plan.resources).toEqual([]);
    });

    it("collects every problem into one error, before the component registers", async () => {
        const { errors, plan } = await expectInvalid(() => {
            const provider = new k8s.Provider("k", { kubeconfig: "{}" });
            new KubernetesService(
                "bad",
                { image: "nginx:latest", port: 0, podDisruptionBudget: { minAvailable: 1, maxUnavailable: 1 } },
                { provider },
            );
        });
        expect(errors.map((e) => e.propertyPath).sort()).toEqual(["image", "podDisruptionBudget", "port"]);
        expect(plan.resources.map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
    });
});
