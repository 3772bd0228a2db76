import * as path from "node:path";
import { Gateway, VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { beforeAll, describe, expect, it } from "vitest";
import { injectIstioSidecar } from "../../policy/istio-injection";
import { checkPodSecurity, type PodSpec } from "../../policy/pod-security";
import { loadStackConfig } from "../../src/plan/config";
import { ofType, only, type Plan, type PlannedResource, resource, runPlan } from "../support";

/**
 * Issue 12: what the mocks can't see, checked explicitly on the staging and prod plans with their
 * real stack files: the Istio install under the restricted Pod Security Standard, the only way in
 * from outside, placeholders that become healthy, and the deployer's reach to the EKS API.
 */

const root = path.resolve(__dirname, "../..");
const program = path.join(root, "stacks/index.ts");
const STACKS = ["staging", "prod"] as const;
const plans: Record<string, Plan> = {};
const configs: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
    for (const stack of STACKS) {
        const file = path.join(root, `stacks/Pulumi.${stack}.yaml`);
        const { config, secretKeys } = loadStackConfig(file, "compute-layer");
        plans[stack] = await runPlan(program, { project: "compute-layer", stack, config, secretKeys });
        configs[stack] = Object.fromEntries(
            Object.entries(config).map(([k, v]) => [k.replace(/^compute-layer:/, ""), /^[[{]/.test(v) ? JSON.parse(v) : v]),
        );
    }
}, 60_000);

const T = {
    release: "kubernetes:helm.sh/v3:Release",
    deployment: "kubernetes:apps/v1:Deployment",
    service: "kubernetes:core/v1:Service",
    namespace: "kubernetes:core/v1:Namespace",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    gateway: "kubernetes:networking.istio.io/v1:Gateway",
    virtualService: "kubernetes:networking.istio.io/v1:VirtualService",
    taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
};

interface PodTemplate {
    metadata: { labels: Record<string, string> };
    spec: PodSpec & { containers: Container[] };
}
interface Container {
    name: string;
    image: string;
    ports?: { containerPort: number }[];
    env?: { name: string; value?: string }[];
    livenessProbe?: { httpGet: { path: string; port: number } };
    readinessProbe?: { httpGet: { path: string; port: number } };
    securityContext?: { readOnlyRootFilesystem?: boolean; runAsNonRoot?: boolean };
}

const namespaceOf = (r: PlannedResource) => (r.inputs.metadata as { namespace?: string }).namespace;
const templateOf = (d: PlannedResource) => (d.inputs.spec as unknown as { template: PodTemplate }).template;
const releases = (plan: Plan) => ofType(plan, T.release);
const release = (plan: Plan, chart: string) => releases(plan).find((r) => r.inputs.chart === chart);

/**
 * What each placeholder image serves, from its documentation (README, "Placeholder images"):
 * traefik/whoami (github.com/traefik/whoami, README "Paths" and "Flags") answers `/health` with its
 * health status (200 until told otherwise) and every other path with the request it received;
 * it listens on `WHOAMI_PORT_NUMBER` (default 80); its image is `FROM scratch` with no `USER`,
 * and it writes no file.
 */
const PLACEHOLDERS: Record<string, { portEnv: string; servesAnyPath: boolean; imageUser: boolean; writes: string[] }> = {
    "traefik/whoami": { portEnv: "WHOAMI_PORT_NUMBER", servesAnyPath: true, imageUser: false, writes: [] },
};
const placeholderOf = (image: string) => PLACEHOLDERS[image.replace(/[:@].*$/, "")];

describe.each(STACKS)("%s: nothing but the ingress path is exposed", (stack) => {
    it("has no Service of type LoadBalancer; the app's Service is ClusterIP", () => {
        const plan = plans[stack];
        const services = ofType(plan, T.service);
        expect(services.length).toBeGreaterThan(0);
        for (const s of services) expect((s.inputs.spec as { type?: string }).type, s.name).toBe("ClusterIP");
        // The charts' own Services: only the ingress gateway's exists, and it is ClusterIP too.
        const gateway = release(plan, "gateway");
        if (gateway) expect((gateway.inputs.values as { service: { type: string } }).service.type).toBe("ClusterIP");
    });

    it("comes in through one HTTPS-only ALB of the AWS Load Balancer Controller, with the stack's certificate", () => {
        const plan = plans[stack];
        const ingress = only(plan, T.ingress);
        const manifest = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", ...ingress.inputs } as ConstructorParameters<typeof Ingress>[0];
        expect(() => new Ingress(manifest).validate()).not.toThrow();
        const annotations = (ingress.inputs.metadata as { annotations: Record<string, string> }).annotations;
        // HTTPS on 443; HTTP on 80 only where it answers with a redirect to it.
        const ports = JSON.parse(annotations["alb.ingress.kubernetes.io/listen-ports"]) as Record<string, number>[];
        expect(ports).toContainEqual({ HTTPS: 443 });
        for (const p of ports.filter((x) => x.HTTP !== undefined)) {
            expect(p).toEqual({ HTTP: 80 });
            expect(annotations["alb.ingress.kubernetes.io/ssl-redirect"]).toBe("443");
        }
        expect(annotations["alb.ingress.kubernetes.io/certificate-arn"]).toBe(configs[stack].certificateArn);
        expect(annotations["alb.ingress.kubernetes.io/ssl-policy"]).toMatch(/^ELBSecurityPolicy-TLS13-1-2/);
        expect(annotations["alb.ingress.kubernetes.io/target-type"]).toBe("ip");
        expect((ingress.inputs.spec as { ingressClassName: string }).ingressClassName).toBe("alb");
        const [rule] = (ingress.inputs.spec as { rules: { host: string }[] }).rules;
        expect(rule.host).toBe(`app.${configs[stack].domain}`);
    });
});

describe("prod: external callers get the canary's 90/10 through the mesh", () => {
    it("the ALB forwards to the Istio ingress gateway (chart `gateway`, same version), health-checked on its status port", () => {
        const plan = plans.prod;
        const version = (configs.prod.mesh as { istioVersion: string }).istioVersion;
        const gateway = release(plan, "gateway");
        expect(gateway?.inputs).toMatchObject({ version, namespace: "istio-ingress", values: { name: "istio-ingressgateway" } });
        const ingress = only(plan, T.ingress);
        expect(namespaceOf(ingress)).toBe("istio-ingress");
        const [rule] = (ingress.inputs.spec as { rules: { http: { paths: { backend: unknown }[] } }[] }).rules;
        expect(rule.http.paths[0].backend).toEqual({ service: { name: "istio-ingressgateway", port: { number: 80 } } });
        const annotations = (ingress.inputs.metadata as { annotations: Record<string, string> }).annotations;
        expect(annotations).toMatchObject({
            "alb.ingress.kubernetes.io/healthcheck-port": "15021",
            "alb.ingress.kubernetes.io/healthcheck-path": "/healthz/ready",
        });
    });

    it("the Gateway selects the gateway's pods and admits app.<domain> for VirtualServices in production only", () => {
        const plan = plans.prod;
        const gw = only(plan, T.gateway);
        expect(() => new Gateway({ ...gw.inputs, apiVersion: "networking.istio.io/v1beta1" } as ConstructorParameters<typeof Gateway>[0]).validate()).not.toThrow();
        const spec = gw.inputs.spec as { selector: Record<string, string>; servers: { hosts: string[]; port: { number: number } }[] };
        // The gateway chart labels its pods `istio: <release name without "istio-">`.
        expect(spec.selector).toEqual({ istio: "ingressgateway" });
        expect(spec.servers).toEqual([
            { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: [`production/app.${configs.prod.domain}`] },
        ]);
    });

    it("the canary's VirtualService is bound to that Gateway and to the mesh, so both kinds of caller get 90/10", () => {
        const plan = plans.prod;
        const vs = only(plan, T.virtualService);
        expect(() => new VirtualService({ ...vs.inputs, apiVersion: "networking.istio.io/v1beta1" } as ConstructorParameters<typeof VirtualService>[0]).validate()).not.toThrow();
        const spec = vs.inputs.spec as { gateways: string[]; hosts: string[]; http: { route: { weight: number }[] }[] };
        expect(spec.gateways.sort()).toEqual(["istio-ingress/web-gateway", "mesh"]);
        // The gateway routes by Host header: the external host is one of the VirtualService's hosts.
        expect(spec.hosts).toContain(`app.${configs.prod.domain}`);
        expect(spec.http[0].route.map((r) => r.weight)).toEqual([90, 10]);
    });
});

describe("prod: Istio under the restricted Pod Security Standard", () => {
    const version = () => (configs.prod.mesh as { istioVersion: string }).istioVersion;
    const productionPods = () =>
        ofType(plans.prod, T.deployment)
            .filter((d) => namespaceOf(d) === "production")
            .map((d) => ({ name: d.name, template: templateOf(d) }));

    it("installs the Istio CNI chart at istiod's version, and tells istiod to rely on it", () => {
        const plan = plans.prod;
        expect(release(plan, "cni")?.inputs).toMatchObject({ version: version(), namespace: "istio-system" });
        expect(release(plan, "istiod")?.inputs).toMatchObject({ version: version(), values: { pilot: { cni: { enabled: true } } } });
        for (const r of releases(plan).filter((x) => String(x.inputs.repositoryOpts && JSON.stringify(x.inputs.repositoryOpts)).includes("istio"))) {
            expect(r.inputs.version, String(r.inputs.chart)).toBe(version());
        }
        const ns = resource(plan, T.namespace, "production");
        expect((ns.inputs.metadata as { labels: Record<string, string> }).labels).toMatchObject({
            "pod-security.kubernetes.io/enforce": "restricted",
            "istio-injection": "enabled",
        });
    });

    it("every injected pod in production passes restricted with CNI, and fails it without", () => {
        const pods = productionPods();
        // web-app v1 and v2, and the worker: every Deployment of the injected namespace.
        expect(pods.map((p) => p.template.metadata.labels.version ?? p.template.metadata.labels.app).sort()).toEqual(["v1", "v2", "worker"]);
        const istiod = release(plans.prod, "istiod") as PlannedResource;
        const cni = (istiod.inputs.values as { pilot: { cni: { enabled: boolean } } }).pilot.cni.enabled;
        for (const { name, template } of pods) {
            const injected = injectIstioSidecar(template.spec, { version: version(), cni });
            expect(injected.initContainers?.map((c) => c.name), name).toEqual(["istio-validation"]);
            expect(checkPodSecurity(injected, { level: "restricted", metadata: template.metadata }), name).toEqual([]);
            // The same pod without CNI: istio-init runs as root and adds NET_ADMIN and NET_RAW.
            const withoutCni = injectIstioSidecar(template.spec, { version: version(), cni: false });
            const violations = checkPodSecurity(withoutCni, { level: "restricted", metadata: template.metadata });
            const about = violations.map((v) => JSON.stringify(v)).join("\n");
            expect(about, name).toContain("istio-init");
            expect(about, name).toMatch(/NET_ADMIN|capabilit/i);
            expect(about, name).toMatch(/runAsNonRoot|non-?root|runAsUser/i);
        }
    });
});

describe.each(STACKS)("%s: placeholders that become healthy", (stack) => {
    it("every pod's image serves its probed paths on the probed port, as a non-root user, on a read-only root", () => {
        const pods = ofType(plans[stack], T.deployment).filter((d) => namespaceOf(d) === "production");
        expect(pods.length).toBeGreaterThan(0);
        for (const d of pods) {
            const { spec } = templateOf(d);
            for (const c of spec.containers) {
                const image = placeholderOf(c.image);
                expect(image, `${d.name}: ${c.image} is not a documented placeholder`).toBeDefined();
                if (!image) continue;
                const port = c.ports?.[0]?.containerPort;
                expect(c.env?.find((e) => e.name === image.portEnv)?.value, d.name).toBe(String(port));
                for (const probe of [c.livenessProbe, c.readinessProbe]) {
                    expect(probe?.httpGet.port, d.name).toBe(port);
                    expect(image.servesAnyPath || probe?.httpGet.path === "/health", d.name).toBe(true);
                }
                expect(c.securityContext?.readOnlyRootFilesystem, d.name).toBe(true);
                // The image names no user: the pod must, or the kubelet refuses runAsNonRoot.
                const user = (spec.securityContext as { runAsUser?: number } | undefined)?.runAsUser;
                if (!image.imageUser) expect(user, d.name).toBeGreaterThan(0);
                expect(image.writes, d.name).toEqual([]);
            }
        }
    });

    it("every ECS task's image listens on the target group's port, answers its health-check path, non-root, read-only root", () => {
        const plan = plans[stack];
        const tasks = ofType(plan, T.taskDefinition);
        expect(tasks.length).toBe(2);
        for (const task of tasks) {
            const defs = JSON.parse(String(task.inputs.containerDefinitions)) as {
                image: string;
                user?: string;
                readonlyRootFilesystem: boolean;
                portMappings: { containerPort: number }[];
                environment: { name: string; value: string }[];
            }[];
            for (const c of defs) {
                const image = placeholderOf(c.image);
                expect(image, `${task.name}: ${c.image}`).toBeDefined();
                if (!image) continue;
                const port = c.portMappings[0].containerPort;
                expect(c.environment.find((e) => e.name === image.portEnv)?.value, task.name).toBe(String(port));
                expect(c.readonlyRootFilesystem, task.name).toBe(true);
                if (!image.imageUser) expect(c.user, task.name).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
            }
        }
        for (const key of ["api", "admin"]) {
            const tg = resource(plan, T.targetGroup, `web-tg-${key}`);
            const port = (configs[stack][key] as { port: number }).port;
            expect(tg.inputs.port, key).toBe(port);
            expect((tg.inputs.healthCheck as { path: string }).path, key).toBe("/health");
        }
    });
});

describe.each(STACKS)("%s: the deployer reaches the EKS API", (stack) => {
    it("the cluster security group admits the deploy runner's group on 443, and the stack exports that group", () => {
        const plan = plans[stack];
        const runner = resource(plan, "aws:ec2/securityGroup:SecurityGroup", "deploy-runner");
        const runnerId = runner.outputs?.id;
        expect(typeof runnerId).toBe("string");
        const admits = ofType(plan, T.ingressRule).filter((r) => r.inputs.referencedSecurityGroupId === runnerId);
        expect(admits.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.ipProtocol])).toEqual([[443, 443, "tcp"]]);
        expect(admits[0].inputs.securityGroupId).not.toBe(runnerId);
        expect(plan.outputs.deployRunnerSecurityGroupId).toBe(runnerId);
    });

    it("the deploy role from config has an explicit cluster-admin access entry", () => {
        const plan = plans[stack];
        const role = (configs[stack].eks as { deployerRoleArn: string }).deployerRoleArn;
        const entries = ofType(plan, "aws:eks/accessEntry:AccessEntry").filter((e) => e.inputs.principalArn === role);
        expect(entries.length + ofType(plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").filter((a) => a.inputs.principalArn === role).length).toBeGreaterThan(0);
        const association = ofType(plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").find((a) => a.inputs.principalArn === role);
        expect(association?.inputs).toMatchObject({ policyArn: expect.stringMatching(/AmazonEKSClusterAdminPolicy$/), accessScope: { type: "cluster" } });
    });
});

describe.each(STACKS)("%s: identities", (stack) => {
    it("no two resources share an id (a Kubernetes object's is namespace/name within its kind, as in the cluster)", () => {
        const ids = plans[stack].resources
            .filter((r) => typeof r.outputs?.id === "string")
            .map((r) => (r.type.startsWith("kubernetes:") ? `${r.type} ${r.outputs?.id}` : String(r.outputs?.id)));
        expect(ids.length).toBeGreaterThan(50);
        const seen = new Map<string, number>();
        for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
        expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    });
});
