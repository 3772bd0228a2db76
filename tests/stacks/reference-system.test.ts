import * as path from "node:path";
import { Gateway, VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1";
import { AuthorizationPolicy, PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { beforeAll, describe, expect, it } from "vitest";
import { injectIstioSidecar } from "../../policy/istio-injection";
import { checkPodSecurity, type PodSpec } from "../../policy/pod-security";
import { loadStackConfig } from "../../src/plan/config";
import { childrenOf, ofType, only, type Plan, type PlannedResource, resource, runPlan } from "../support";

/**
 * The staging and prod plans of the real stack files, planned once for both parts of this file:
 * - issue 12, what the mocks can't see, checked explicitly: the Istio install under the restricted
 *   Pod Security Standard, the only way in from outside, placeholders that become healthy, and the
 *   deployer's reach to the EKS API;
 * - the tier features the reference system uses (issues 16, 17 and 18: "the prod / staging plan
 *   shows …").
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
            Object.entries(config).map(([k, v]) => [
                k.replace(/^compute-layer:/, ""),
                /^[[{]/.test(v) ? JSON.parse(v) : v,
            ]),
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
const PLACEHOLDERS: Record<string, { portEnv: string; servesAnyPath: boolean; imageUser: boolean; writes: string[] }> =
    {
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
        const manifest = {
            apiVersion: "networking.k8s.io/v1",
            kind: "Ingress",
            ...ingress.inputs,
        } as ConstructorParameters<typeof Ingress>[0];
        expect(() => new Ingress(manifest).validate()).not.toThrow();
        const annotations = (ingress.inputs.metadata as { annotations: Record<string, string> }).annotations;
        // HTTPS on 443; HTTP on 80 only answers with a redirect to it (a browser's http:// gets
        // there, in every environment, rather than a timeout).
        const ports = JSON.parse(annotations["alb.ingress.kubernetes.io/listen-ports"]) as Record<string, number>[];
        expect(ports).toHaveLength(2);
        expect(ports).toContainEqual({ HTTPS: 443 });
        expect(ports).toContainEqual({ HTTP: 80 });
        expect(annotations["alb.ingress.kubernetes.io/ssl-redirect"]).toBe("443");
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
        expect(gateway?.inputs).toMatchObject({
            version,
            namespace: "istio-ingress",
            values: { name: "istio-ingressgateway" },
        });
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
        expect(() =>
            new Gateway({ ...gw.inputs, apiVersion: "networking.istio.io/v1beta1" } as ConstructorParameters<
                typeof Gateway
            >[0]).validate(),
        ).not.toThrow();
        const spec = gw.inputs.spec as {
            selector: Record<string, string>;
            servers: { hosts: string[]; port: { number: number } }[];
        };
        // The gateway chart labels its pods `istio: <release name without "istio-">`.
        expect(spec.selector).toEqual({ istio: "ingressgateway" });
        expect(spec.servers).toEqual([
            { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: [`production/app.${configs.prod.domain}`] },
        ]);
    });

    it("the canary's VirtualService is bound to that Gateway and to the mesh, so both kinds of caller get 90/10", () => {
        const plan = plans.prod;
        const vs = only(plan, T.virtualService);
        expect(() =>
            new VirtualService({ ...vs.inputs, apiVersion: "networking.istio.io/v1beta1" } as ConstructorParameters<
                typeof VirtualService
            >[0]).validate(),
        ).not.toThrow();
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
        expect(release(plan, "istiod")?.inputs).toMatchObject({
            version: version(),
            values: { pilot: { cni: { enabled: true } } },
        });
        for (const r of releases(plan).filter((x) =>
            String(x.inputs.repositoryOpts && JSON.stringify(x.inputs.repositoryOpts)).includes("istio"),
        )) {
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
        expect(pods.map((p) => p.template.metadata.labels.version ?? p.template.metadata.labels.app).sort()).toEqual([
            "v1",
            "v2",
            "worker",
        ]);
        const istiod = release(plans.prod, "istiod") as PlannedResource;
        const cni = (istiod.inputs.values as { pilot: { cni: { enabled: boolean } } }).pilot.cni.enabled;
        for (const { name, template } of pods) {
            const injected = injectIstioSidecar(template.spec, { version: version(), cni });
            expect(
                injected.initContainers?.map((c) => c.name),
                name,
            ).toEqual(["istio-validation"]);
            expect(checkPodSecurity(injected, { level: "restricted", metadata: template.metadata }), name).toEqual([]);
            // EKS 1.35 nodes run kubelets ≥ 1.33, where Istio injects the proxy as a native sidecar: same verdict.
            const native = injectIstioSidecar(template.spec, { version: version(), cni, nativeSidecar: true });
            expect(checkPodSecurity(native, { level: "restricted", metadata: template.metadata }), name).toEqual([]);
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
        expect(admits.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.ipProtocol])).toEqual([
            [443, 443, "tcp"],
        ]);
        expect(admits[0].inputs.securityGroupId).not.toBe(runnerId);
        expect(plan.outputs.deployRunnerSecurityGroupId).toBe(runnerId);
    });

    it("the deploy role from config has an explicit cluster-admin access entry", () => {
        const plan = plans[stack];
        const role = (configs[stack].eks as { deployerRoleArn: string }).deployerRoleArn;
        const entries = ofType(plan, "aws:eks/accessEntry:AccessEntry").filter((e) => e.inputs.principalArn === role);
        expect(
            entries.length +
                ofType(plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").filter(
                    (a) => a.inputs.principalArn === role,
                ).length,
        ).toBeGreaterThan(0);
        const association = ofType(plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").find(
            (a) => a.inputs.principalArn === role,
        );
        expect(association?.inputs).toMatchObject({
            policyArn: expect.stringMatching(/AmazonEKSClusterAdminPolicy$/),
            accessScope: { type: "cluster" },
        });
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

// --- The tier features (issues 16, 17, 18) -------------------------------------------------

const idOf = (r: PlannedResource) => r.outputs?.id;
const arnOf = (r: PlannedResource) => r.outputs?.arn;
const componentNamed = (plan: Plan, type: string, name: string) => resource(plan, `compute-layer:index:${type}`, name);

describe("prod: the web group", () => {
    it("admits only the ALB's security group, on 80, through the component's own rule", () => {
        const plan = plans.prod;
        const group = componentNamed(plan, "AutoScalingGroup", "web");
        const instancesSg = childrenOf(plan, group).find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
        const alb = componentNamed(plan, "ApplicationLoadBalancer", "web");
        const albSg = childrenOf(plan, alb).find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
        expect(instancesSg && albSg && idOf(instancesSg) !== idOf(albSg)).toBe(true);
        const rules = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
            (r) => r.inputs.securityGroupId === idOf(instancesSg as PlannedResource),
        );
        expect(rules.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort])).toEqual([
            [idOf(albSg as PlannedResource), 80, 80],
        ]);
        // Nothing outside the component writes rules onto its group.
        for (const r of rules) expect(r.parent).toBe(group.urn);
        // Each ECS service's group admits the ALB's group, too.
        for (const key of ["api", "admin"]) {
            const sg = childrenOf(plan, componentNamed(plan, "EcsService", key)).find(
                (r) => r.type === "aws:ec2/securityGroup:SecurityGroup",
            );
            const admits = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
                (r) => r.inputs.securityGroupId === idOf(sg as PlannedResource),
            );
            expect(
                admits.map((r) => r.inputs.referencedSecurityGroupId),
                key,
            ).toEqual([idOf(albSg as PlannedResource)]);
        }
    });

    it("keeps a warm pool of stopped instances that return to it on scale-in", () => {
        expect(resource(plans.prod, "aws:autoscaling/group:Group", "web-asg").inputs.warmPool).toEqual({
            poolState: "Stopped",
            minSize: 2,
            instanceReusePolicy: { reuseOnScaleIn: true },
        });
        expect(resource(plans.staging, "aws:autoscaling/group:Group", "web-asg").inputs.warmPool).toBeUndefined();
    });
});

describe("prod: the api service canaries through ECS's native strategy", () => {
    it("CANARY 10 % for 15 minutes, with its alternate target group, the /api/* rule it shifts, and the circuit breaker on", () => {
        const plan = plans.prod;
        const api = componentNamed(plan, "EcsService", "api");
        const service = childrenOf(plan, api).find((r) => r.type === "aws:ecs/service:Service") as PlannedResource;
        expect(service.inputs.deploymentConfiguration).toMatchObject({
            strategy: "CANARY",
            canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: "15" },
        });
        expect(service.inputs.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
        const [lb] = service.inputs.loadBalancers as {
            targetGroupArn: string;
            advancedConfiguration: Record<string, string>;
        }[];
        const alternate = childrenOf(plan, api).find(
            (r) => r.type === "aws:lb/targetGroup:TargetGroup",
        ) as PlannedResource;
        const rule = childrenOf(plan, api).find(
            (r) => r.type === "aws:lb/listenerRule:ListenerRule",
        ) as PlannedResource;
        expect(lb.advancedConfiguration.alternateTargetGroupArn).toBe(arnOf(alternate));
        expect(lb.advancedConfiguration.productionListenerRule).toBe(arnOf(rule));
        expect(lb.targetGroupArn).toBe(arnOf(resource(plan, "aws:lb/targetGroup:TargetGroup", "web-tg-api")));
        expect((alternate.inputs.healthCheck as { path: string }).path).toBe("/health");
        // The rule is /api/* at priority 100 on the HTTPS listener; ECS owns its weights.
        const https = ofType(plan, "aws:lb/listener:Listener").find(
            (l) => l.inputs.protocol === "HTTPS",
        ) as PlannedResource;
        expect(rule.inputs).toMatchObject({
            listenerArn: arnOf(https),
            priority: 100,
            conditions: [{ pathPattern: { values: ["/api/*"] } }],
        });
        expect(rule.options.ignoreChanges).toContain("actions");
        // And the ALB has no second /api/* rule of its own.
        const apiRules = ofType(plan, "aws:lb/listenerRule:ListenerRule").filter((r) =>
            JSON.stringify(r.inputs.conditions).includes("/api/*"),
        );
        expect(apiRules).toEqual([rule]);
    });

    it("staging deploys rolling, with the ALB's own /api/* rule", () => {
        const service = childrenOf(plans.staging, componentNamed(plans.staging, "EcsService", "api")).find(
            (r) => r.type === "aws:ecs/service:Service",
        );
        expect(service?.inputs.deploymentConfiguration).toBeUndefined();
        const alb = componentNamed(plans.staging, "ApplicationLoadBalancer", "web");
        expect(
            childrenOf(plans.staging, alb).filter((r) => JSON.stringify(r.inputs.conditions ?? "").includes("/api/*")),
        ).toHaveLength(1);
    });
});

describe("prod and staging: the order API checks callers' tokens", () => {
    it.each(["staging", "prod"])(
        "%s: POST /orders has the JWT authorizer from config, whose claims process-order reads",
        (stack) => {
            const plan = plans[stack];
            const jwt = (configs[stack].orders as { jwt: { cognitoUserPoolId: string; audience: string[] } }).jwt;
            const authorizer = only(plan, "aws:apigatewayv2/authorizer:Authorizer");
            const [region, pool] = [jwt.cognitoUserPoolId.split("_")[0], jwt.cognitoUserPoolId];
            expect(authorizer.inputs).toMatchObject({
                authorizerType: "JWT",
                identitySources: ["$request.header.Authorization"],
                jwtConfiguration: {
                    audiences: jwt.audience,
                    issuer: `https://cognito-idp.${region}.amazonaws.com/${pool}`,
                },
            });
            const route = only(plan, "aws:apigatewayv2/route:Route");
            expect(route.inputs).toMatchObject({
                routeKey: "POST /orders",
                authorizationType: "JWT",
                authorizerId: idOf(authorizer),
            });
        },
    );
});

describe("prod: mesh security in production", () => {
    const security = (kind: string) =>
        ofType(plans.prod, `kubernetes:security.istio.io/v1:${kind}`).filter(
            (r) => (r.inputs.metadata as { namespace: string }).namespace === "production",
        );

    it("STRICT mTLS for the namespace, and the canary's DestinationRule speaks Istio mTLS", () => {
        const [pa] = security("PeerAuthentication");
        expect(security("PeerAuthentication")).toHaveLength(1);
        expect(pa.inputs.spec).toEqual({ mtls: { mode: "STRICT" } });
        expect(() =>
            new PeerAuthentication({ ...pa.inputs, apiVersion: "security.istio.io/v1beta1" } as never).validate(),
        ).not.toThrow();
        const dr = only(plans.prod, "kubernetes:networking.istio.io/v1:DestinationRule");
        expect((dr.inputs.spec as { trafficPolicy: { tls: unknown } }).trafficPolicy.tls).toEqual({
            mode: "ISTIO_MUTUAL",
        });
    });

    it("nothing is allowed by default; the canary's pods admit the ingress gateway's service account only", () => {
        const policies = security("AuthorizationPolicy");
        for (const p of policies)
            expect(
                () =>
                    new AuthorizationPolicy({
                        ...p.inputs,
                        apiVersion: "security.istio.io/v1beta1",
                    } as never).validate(),
                p.name,
            ).not.toThrow();
        expect(policies.filter((p) => JSON.stringify(p.inputs.spec) === "{}")).toHaveLength(1);
        const allow = policies.filter((p) => (p.inputs.spec as { action?: string }).action === "ALLOW");
        expect(allow.map((p) => p.inputs.spec)).toEqual([
            {
                action: "ALLOW",
                selector: { matchLabels: { app: "web" } },
                rules: [
                    { from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] } }] },
                ],
            },
        ]);
        // Both canary versions carry the selected label.
        const versions = ofType(plans.prod, "kubernetes:apps/v1:Deployment")
            .filter((d) => (d.inputs.metadata as { namespace?: string }).namespace === "production")
            .map(
                (d) =>
                    (d.inputs.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata
                        .labels,
            );
        expect(
            versions
                .filter((l) => l.version)
                .map((l) => [l.app, l.version])
                .sort(),
        ).toEqual([
            ["web", "v1"],
            ["web", "v2"],
        ]);
    });
});

describe("staging: the GWLB path, end to end in the plan", () => {
    const gwlb = () =>
        (configs.staging.gwlb as { inspection: { inspectedSubnetCidrs: string[]; endpointSubnetCidrs: string[] } })
            .inspection;

    it("an endpoint per zone in its own subnet, accepted by the service, and each inspected subnet's route to the other through its zone's endpoint", () => {
        const plan = plans.staging;
        const lb = componentNamed(plan, "GatewayLoadBalancer", "inspection");
        const endpoints = childrenOf(plan, lb).filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
        expect(endpoints).toHaveLength(2);
        const service = childrenOf(plan, lb).find(
            (r) => r.type === "aws:ec2/vpcEndpointService:VpcEndpointService",
        ) as PlannedResource;
        for (const e of endpoints)
            expect(e.inputs).toMatchObject({
                vpcEndpointType: "GatewayLoadBalancer",
                serviceName: service.outputs?.serviceName ?? expect.any(String),
            });
        expect(
            childrenOf(plan, lb).filter(
                (r) => r.type === "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter",
            ),
        ).toHaveLength(2);
        const { inspectedSubnetCidrs: inspected, endpointSubnetCidrs } = gwlb();
        const subnets = ofType(plan, "aws:ec2/subnet:Subnet");
        const subnetNamed = (n: string) => subnets.find((s) => s.name === n) as PlannedResource;
        const tableOf = (n: string) => resource(plan, "aws:ec2/routeTable:RouteTable", n);
        const routes = ofType(plan, "aws:ec2/route:Route").filter((r) => r.parent === lb.urn);
        inspected.forEach((cidr, i) => {
            const endpoint = endpoints[i];
            expect(endpoint.inputs.subnetIds).toEqual([idOf(subnetNamed(`inspection-endpoint-${i}`))]);
            expect(subnetNamed(`inspection-endpoint-${i}`).inputs.cidrBlock).toBe(endpointSubnetCidrs[i]);
            expect(subnetNamed(`inspected-${i}`).inputs.cidrBlock).toBe(cidr);
            // Same zone for the inspected subnet and its endpoint.
            expect(subnetNamed(`inspected-${i}`).inputs.availabilityZone).toBe(
                subnetNamed(`inspection-endpoint-${i}`).inputs.availabilityZone,
            );
            const mine = routes.filter((r) => r.inputs.routeTableId === idOf(tableOf(`inspected-${i}`)));
            expect(mine.map((r) => [r.inputs.destinationCidrBlock, r.inputs.vpcEndpointId])).toEqual(
                inspected.filter((_, j) => j !== i).map((other) => [other, idOf(endpoint)]),
            );
        });
        expect(routes).toHaveLength(inspected.length * (inspected.length - 1));
    });

    it("a placeholder appliance group in the GWLB's target group, admitting GENEVE and the health check from the VPC", () => {
        const plan = plans.staging;
        const lb = componentNamed(plan, "GatewayLoadBalancer", "inspection");
        const tg = childrenOf(plan, lb).find((r) => r.type === "aws:lb/targetGroup:TargetGroup") as PlannedResource;
        const asg = resource(plan, "aws:autoscaling/group:Group", "appliance-asg");
        expect(asg.inputs.targetGroupArns).toEqual([arnOf(tg)]);
        const sg = resource(plan, "aws:ec2/securityGroup:SecurityGroup", "appliance");
        const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
            (r) => r.inputs.securityGroupId === idOf(sg),
        );
        const cidr = (configs.staging.network as { cidrBlock: string }).cidrBlock;
        expect(ingress.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.cidrIpv4])).toEqual([
            ["udp", 6081, cidr],
            ["tcp", 80, cidr],
        ]);
        expect(String(plans.staging.outputs.gwlbServiceName)).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
    });
});

describe.each(["staging", "prod"])("%s: EKS day 2", (stack) => {
    it("manages the five add-ons and metrics-server (what the HPAs read), each with a role where it needs AWS", () => {
        const addons = ofType(plans[stack], "aws:eks/addon:Addon")
            .map((a) => a.inputs.addonName)
            .sort();
        expect(addons).toEqual([
            "aws-ebs-csi-driver",
            "coredns",
            "eks-pod-identity-agent",
            "kube-proxy",
            "metrics-server",
            "vpc-cni",
        ]);
        const csi = ofType(plans[stack], "aws:eks/addon:Addon").find(
            (a) => a.inputs.addonName === "aws-ebs-csi-driver",
        );
        expect(JSON.stringify(csi?.inputs)).toMatch(/role/i);
    });

    it("gives the deploy role from config an explicit cluster-admin access entry", () => {
        const role = (configs[stack].eks as { deployerRoleArn: string }).deployerRoleArn;
        const association = ofType(plans[stack], "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").find(
            (a) => a.inputs.principalArn === role,
        );
        expect(association?.inputs).toMatchObject({
            policyArn: expect.stringMatching(/AmazonEKSClusterAdminPolicy$/),
            accessScope: { type: "cluster" },
        });
    });

    it("installs the AWS Load Balancer Controller (Pod Identity), and the web app's Ingress waits for it", () => {
        const plan = plans[stack];
        const controller = ofType(plan, "kubernetes:helm.sh/v3:Release").find(
            (r) => r.inputs.chart === "aws-load-balancer-controller",
        ) as PlannedResource;
        expect(controller).toBeDefined();
        const bindings = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation");
        expect(bindings.find((b) => b.inputs.serviceAccount === "aws-load-balancer-controller")?.inputs.namespace).toBe(
            "kube-system",
        );
        const ingress = only(plan, "kubernetes:networking.k8s.io/v1:Ingress");
        expect((ingress.inputs.spec as { ingressClassName: string }).ingressClassName).toBe("alb");
        // The Ingress, or the KubernetesService that owns it, waits for the controller's webhook.
        const owner = plan.resources.find((r) => r.urn === ingress.parent);
        expect([...(ingress.options.dependsOn ?? []), ...(owner?.options.dependsOn ?? [])]).toContain(controller.urn);
    });

    it("scales the reference's worker with KEDA on its SQS queue, 30 messages per replica, reading the queue through Pod Identity", () => {
        const plan = plans[stack];
        const w = configs[stack].worker as { replicas: { min: number; max: number }; messagesPerReplica: number };
        const queue = resource(plan, "aws:sqs/queue:Queue", "work");
        const scaled = only(plan, "kubernetes:keda.sh/v1alpha1:ScaledObject");
        const spec = scaled.inputs.spec as {
            minReplicaCount: number;
            maxReplicaCount: number;
            scaleTargetRef: { name: string };
            triggers: { type: string; metadata: Record<string, string> }[];
        };
        expect(spec).toMatchObject({ minReplicaCount: w.replicas.min, maxReplicaCount: w.replicas.max });
        expect(spec.triggers).toHaveLength(1);
        expect(spec.triggers[0].type).toBe("aws-sqs-queue");
        expect(spec.triggers[0].metadata).toMatchObject({
            queueURL: queue.outputs?.url ?? expect.any(String),
            queueLength: String(w.messagesPerReplica),
            awsRegion: "us-east-1",
        });
        // No HPA of its own: KEDA owns the worker's.
        expect(ofType(plan, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").map((h) => h.name)).not.toContain(
            "worker-hpa",
        );
        // The operator may read exactly that queue; the worker's pods consume it through Pod Identity.
        const keda = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation").find(
            (b) => b.inputs.serviceAccount === "keda-operator",
        );
        expect(keda).toBeDefined();
        const pods = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation").find(
            (b) => b.inputs.serviceAccount === "worker",
        );
        expect(pods?.inputs).toMatchObject({ namespace: "production" });
        const policies = ofType(plan, "aws:iam/rolePolicy:RolePolicy").map((p) => String(p.inputs.policy));
        const workerPolicy = policies.find((p) => p.includes("sqs:ReceiveMessage"));
        expect(workerPolicy).toContain(String(arnOf(queue)));
        const deployment = ofType(plan, "kubernetes:apps/v1:Deployment").find(
            (d) => (d.inputs.metadata as { name: string }).name === "worker",
        );
        const podSpec = (
            (deployment as PlannedResource).inputs.spec as { template: { spec: { serviceAccountName: string } } }
        ).template.spec;
        expect(podSpec.serviceAccountName).toBe("worker");
    });
});
