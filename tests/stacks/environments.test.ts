import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStackConfig } from "../../src/plan/config";
import { renderJson, renderTree } from "../../src/plan/render";
import { DEV } from "../../stacks/dev";
import { PROD } from "../../stacks/prod";
import type { Profile } from "../../stacks/profile";
import { STAGING } from "../../stacks/staging";
import {
    capturePlan,
    isSecretMarker,
    ofType,
    only,
    type Plan,
    type PlannedResource,
    type PlanOptions,
    resource,
    runPlan,
} from "../support";

const root = path.resolve(__dirname, "../..");
const program = path.join(root, "stacks/index.ts");

/** Plan options from an environment's real stack file, as the plan CLI loads them. */
function stackOptions(stack: string): PlanOptions & { config: Record<string, string> } {
    const { config, secretKeys } = loadStackConfig(path.join(root, `stacks/Pulumi.${stack}.yaml`), "compute-layer");
    return { project: "compute-layer", stack, config, secretKeys };
}

/** The environment's config as the yaml gives it, parsed. */
function yamlConfig(stack: string): Record<string, unknown> {
    const { config } = stackOptions(stack);
    return Object.fromEntries(
        Object.entries(config).map(([k, v]) => [
            k.replace(/^compute-layer:/, ""),
            /^[[{]/.test(v) || /^(true|false|\d+)$/.test(v) ? JSON.parse(v) : v,
        ]),
    );
}

const plans: Record<string, Plan> = {};
const profiles: Record<string, Profile> = { dev: DEV, staging: STAGING, prod: PROD };

beforeAll(async () => {
    for (const stack of ["dev", "staging", "prod"]) plans[stack] = await runPlan(program, stackOptions(stack));
}, 60_000);

const T = {
    asg: "aws:autoscaling/group:Group",
    appTarget: "aws:appautoscaling/target:Target",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    tg: "aws:lb/targetGroup:TargetGroup",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    table: "aws:dynamodb/table:Table",
    vpc: "awsx:ec2:Vpc",
    ecsService: "aws:ecs/service:Service",
};

/** The lowest capacity of every autoscaled tier: EC2 groups, ECS services, node groups, HPAs. */
function autoscaledMinimums(plan: Plan): { what: string; min: number }[] {
    const spec = (r: PlannedResource) => r.inputs.spec as { minReplicas: number };
    return [
        ...ofType(plan, T.asg).map((r) => ({ what: r.name, min: Number(r.inputs.minSize) })),
        ...ofType(plan, T.appTarget).map((r) => ({ what: r.name, min: Number(r.inputs.minCapacity) })),
        // The Spot node group may scale to zero: the on-demand general group carries the floor.
        ...ofType(plan, T.nodeGroup)
            .filter((r) => r.inputs.capacityType !== "SPOT")
            .map((r) => ({ what: r.name, min: Number((r.inputs.scalingConfig as { minSize: number }).minSize) })),
        ...ofType(plan, T.hpa).map((r) => ({ what: r.name, min: spec(r).minReplicas })),
    ];
}

function targetGroupArnOf(plan: Plan, key: string): (arn: unknown) => boolean {
    const tg = resource(plan, T.tg, `web-tg-${key}`);
    return (arn) => typeof arn === "string" && arn.includes(`:targetgroup/${String(tg.inputs.name)}/`);
}

describe.each(["dev", "staging", "prod"])("the %s environment with its real stack file", (stack) => {
    const profile = () => profiles[stack];

    it("prints the full tree with every tier the config turns on", () => {
        const plan = plans[stack];
        const tiers = yamlConfig(stack).tiers as Record<string, boolean>;
        const tree = renderTree(plan);
        expect(tree.split("\n")[0]).toBe(`compute-layer (stack ${stack})`);
        const has = (type: string) => ofType(plan, type).length > 0;
        expect(has("compute-layer:index:ApplicationLoadBalancer")).toBe(true);
        expect(has("compute-layer:index:EcsService")).toBe(tiers.ecs);
        expect(has("compute-layer:index:AutoScalingGroup")).toBe(tiers.ec2);
        expect(has("compute-layer:index:LambdaFunction")).toBe(tiers.lambda);
        expect(has("compute-layer:index:EksCluster")).toBe(tiers.eks);
        expect(has("compute-layer:index:NetworkLoadBalancer")).toBe(tiers.nlb);
        expect(has("compute-layer:index:GatewayLoadBalancer")).toBe(tiers.gwlb);
        expect(has("compute-layer:index:IstioTrafficPolicy")).toBe(tiers.mesh && profile().canary);
    });

    it("routes /api/* to api, admin.<domain> to admin, /maintenance to a fixed 503 and everything else to web", () => {
        const plan = plans[stack];
        const domain = yamlConfig(stack).domain as string;
        // Where the stack names its admin networks, the admin host answers only them.
        const adminCidrs = yamlConfig(stack).adminAllowedCidrs as string[] | undefined;
        const rules = ofType(plan, T.rule).sort((a, b) => Number(a.inputs.priority) - Number(b.inputs.priority));
        const table = rules.map((r) => ({
            conditions: r.inputs.conditions,
            action: (r.inputs.actions as Record<string, unknown>[])[0],
        }));
        expect(table.map((r) => r.conditions)).toEqual([
            [{ pathPattern: { values: ["/api/*"] } }],
            [
                { hostHeader: { values: [`admin.${domain}`] } },
                ...(adminCidrs ? [{ sourceIp: { values: adminCidrs } }] : []),
            ],
            [{ pathPattern: { values: ["/maintenance"] } }],
        ]);
        // With ECS's native canary (prod), the api service owns /api/*: it forwards to its group at weight 100.
        const apiAction = table[0].action as {
            targetGroupArn?: string;
            forward?: { targetGroups: { arn: string; weight: number }[] };
        };
        const apiTarget =
            apiAction.targetGroupArn ?? apiAction.forward?.targetGroups.find((t) => t.weight === 100)?.arn;
        expect(targetGroupArnOf(plan, "api")(apiTarget)).toBe(true);
        expect(targetGroupArnOf(plan, "admin")(table[1].action.targetGroupArn)).toBe(true);
        expect(table[2].action).toEqual({
            type: "fixed-response",
            fixedResponse: {
                statusCode: "503",
                contentType: "text/html",
                messageBody: "<html><body><h1>Under Maintenance</h1></body></html>",
            },
        });
        // The listener that carries the rules forwards everything else to the web group.
        const routing = ofType(plan, T.listener).find(
            (l) => l.inputs.protocol === (yamlConfig(stack).certificateArn ? "HTTPS" : "HTTP"),
        );
        const defaults = (routing as PlannedResource).inputs.defaultActions as Record<string, unknown>[];
        expect(targetGroupArnOf(plan, "web")(defaults[0].targetGroupArn)).toBe(true);
        for (const r of rules) expect(r.inputs.listenerArn).toBe(routing?.outputs?.arn);
        // The ECS services sit behind their target groups.
        const services = ofType(plan, T.ecsService);
        expect(services).toHaveLength(2);
        expect(
            targetGroupArnOf(
                plan,
                "api",
            )(
                (resource(plan, T.ecsService, "api-service").inputs.loadBalancers as { targetGroupArn: string }[])[0]
                    .targetGroupArn,
            ),
        ).toBe(true);
    });

    it("keeps every autoscaled tier at or above the environment's minimum, and lets the autoscalers own the counts", () => {
        const plan = plans[stack];
        const minimums = autoscaledMinimums(plan);
        expect(minimums.length).toBeGreaterThan(0);
        for (const m of minimums) expect(m.min, m.what).toBeGreaterThanOrEqual(profile().policy.minCapacity);
        for (const r of ofType(plan, T.asg)) expect(r.options.ignoreChanges).toContain("desiredCapacity");
        for (const r of ofType(plan, T.ecsService)) expect(r.options.ignoreChanges).toContain("desiredCount");
        for (const r of ofType(plan, T.nodeGroup))
            expect(r.options.ignoreChanges).toContain("scalingConfig.desiredSize");
    });

    it("sets deletion protection and log retention by the environment's profile", () => {
        const plan = plans[stack];
        const config = yamlConfig(stack);
        const protect = profile().policy.deletionProtection;
        expect(config.deletionProtection).toBe(protect);
        for (const lb of ofType(plan, T.lb)) expect(lb.inputs.enableDeletionProtection, lb.name).toBe(protect);
        for (const t of ofType(plan, T.table)) expect(t.inputs.deletionProtectionEnabled).toBe(protect);
        for (const c of ofType(plan, "eks:index:Cluster")) expect(c.inputs.deletionProtection).toBe(protect);
        const retention = config.logRetentionDays as number;
        expect(retention).toBeGreaterThanOrEqual(profile().policy.minLogRetentionDays);
        for (const g of ofType(plan, T.logGroup)) expect(g.inputs.retentionInDays, g.name).toBe(retention);
    });

    it("spreads over the environment's zones", () => {
        const vpc = only(plans[stack], T.vpc);
        expect(Number(vpc.inputs.numberOfAvailabilityZones)).toBeGreaterThanOrEqual(
            profile().policy.minAvailabilityZones,
        );
        expect(resource(plans[stack], T.lb, "web-lb").inputs.subnets).toHaveLength(
            Number(vpc.inputs.numberOfAvailabilityZones),
        );
    });

    it("exports the ALB URL, the API endpoint, the cluster names and the kubeconfig as a secret", () => {
        const out = plans[stack].outputs;
        expect(String(out.albUrl)).toMatch(/^https?:\/\/.+\.elb\.amazonaws\.com$/);
        expect(String(out.apiEndpoint)).toMatch(/^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com/);
        expect(typeof out.ecsClusterName).toBe("string");
        if ((yamlConfig(stack).tiers as Record<string, boolean>).eks) {
            expect(typeof out.eksClusterName).toBe("string");
            expect(isSecretMarker(out.kubeconfig)).toBe(true);
        } else {
            expect(out.eksClusterName).toBeUndefined();
        }
    });
});

describe("what differs per environment", () => {
    it("dev: Spot and FARGATE_SPOT first, 2 zones and one NAT gateway, HTTP only, no EKS", () => {
        const plan = plans.dev;
        const asg = only(plan, T.asg);
        expect(asg.inputs.mixedInstancesPolicy).toMatchObject({
            instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 0 },
        });
        for (const s of ofType(plan, T.ecsService)) {
            expect((s.inputs.capacityProviderStrategies as { capacityProvider: string }[])[0].capacityProvider).toBe(
                "FARGATE_SPOT",
            );
        }
        expect(only(plan, T.vpc).inputs).toMatchObject({
            numberOfAvailabilityZones: 2,
            natGateways: { strategy: "Single" },
        });
        expect(ofType(plan, T.listener).map((l) => l.inputs.protocol)).toEqual(["HTTP"]);
        expect(ofType(plan, "eks:index:Cluster")).toHaveLength(0);
    });

    it("prod: HTTPS only with a TLS 1.2+ policy, HTTP redirects with 301", () => {
        const listeners = ofType(plans.prod, T.listener).filter((l) => l.name.startsWith("web-"));
        const http = listeners.find((l) => l.inputs.protocol === "HTTP");
        const https = listeners.find((l) => l.inputs.protocol === "HTTPS");
        expect(http?.inputs.defaultActions).toEqual([
            { type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } },
        ]);
        expect(https?.inputs.sslPolicy).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
        expect(https?.inputs.certificateArn).toBe(yamlConfig("prod").certificateArn);
    });

    it("prod: on-demand first, a NAT gateway per zone, business-hours schedules and predictive scaling for the web group", () => {
        const plan = plans.prod;
        for (const s of ofType(plan, T.ecsService)) {
            expect(
                (s.inputs.capacityProviderStrategies as { capacityProvider: string; base: number }[])[0],
            ).toMatchObject({ capacityProvider: "FARGATE", base: 2 });
        }
        expect(only(plan, T.vpc).inputs).toMatchObject({
            numberOfAvailabilityZones: 3,
            natGateways: { strategy: "OnePerAz" },
        });
        const schedules = ofType(plan, "aws:autoscaling/schedule:Schedule").map((s) => s.inputs);
        expect(schedules).toEqual([
            expect.objectContaining({ recurrence: "0 9 * * MON-FRI", minSize: 10, maxSize: 30, desiredCapacity: 20 }),
            expect.objectContaining({ recurrence: "0 20 * * *", minSize: 2, maxSize: 10, desiredCapacity: 4 }),
        ]);
        expect(
            ofType(plan, "aws:autoscaling/policy:Policy")
                .map((p) => p.inputs.policyType)
                .sort(),
        ).toEqual(["PredictiveScaling", "StepScaling", "TargetTrackingScaling"]);
        expect(ofType(plans.staging, "aws:autoscaling/schedule:Schedule")).toHaveLength(0);
    });

    it("prod: process-order has provisioned concurrency on its live alias", () => {
        expect(
            only(plans.prod, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig").inputs,
        ).toMatchObject({ qualifier: "live", provisionedConcurrentExecutions: 5 });
        expect(ofType(plans.dev, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig")).toHaveLength(
            0,
        );
    });

    it("prod: an NLB on TCP 443 with one static IP per zone, in front of the HTTPS listener that reaches the api tier", () => {
        const plan = plans.prod;
        const nlb = only(plan, "compute-layer:index:NetworkLoadBalancer");
        const listener = ofType(plan, T.listener).find((l) => l.parent === nlb.urn);
        expect(listener?.inputs).toMatchObject({ port: 443, protocol: "TCP" });
        expect(ofType(plan, "aws:ec2/eip:Eip")).toHaveLength(3);
        const lb = ofType(plan, T.lb).find((l) => l.parent === nlb.urn);
        expect(lb?.inputs.subnetMappings).toHaveLength(3);
        expect(only(plan, "aws:lb/targetGroupAttachment:TargetGroupAttachment").inputs.port).toBe(443);
    });

    it("prod: an Istio 90/10 canary between web-app v1 and v2, with a circuit breaker", () => {
        const plan = plans.prod;
        const vs = only(plan, "kubernetes:networking.istio.io/v1:VirtualService").inputs.spec as {
            http: { route: { destination: { subset: string }; weight: number }[] }[];
        };
        expect(vs.http[0].route.map((r) => [r.destination.subset, r.weight])).toEqual([
            ["v1", 90],
            ["v2", 10],
        ]);
        const dr = only(plan, "kubernetes:networking.istio.io/v1:DestinationRule").inputs.spec as Record<
            string,
            unknown
        >;
        expect(dr).toMatchObject({
            subsets: [
                { name: "v1", labels: { version: "v1" } },
                { name: "v2", labels: { version: "v2" } },
            ],
            trafficPolicy: {
                outlierDetection: {
                    consecutive5xxErrors: 5,
                    interval: "30s",
                    baseEjectionTime: "30s",
                    maxEjectionPercent: 50,
                },
            },
        });
        // Istio itself comes from its Helm charts at the configured version, and injects the sidecars.
        const istioVersion = (yamlConfig("prod").mesh as { istioVersion: string }).istioVersion;
        // CNI, so injected pods pass the restricted profile; the ingress gateway, the only way in.
        const istioCharts = ofType(plan, "kubernetes:helm.sh/v3:Release").filter((r) =>
            JSON.stringify(r.inputs.repositoryOpts).includes("istio"),
        );
        expect(istioCharts.map((r) => [r.inputs.chart, r.inputs.version, r.inputs.namespace])).toEqual([
            ["base", istioVersion, "istio-system"],
            ["cni", istioVersion, "istio-system"],
            ["istiod", istioVersion, "istio-system"],
            ["gateway", istioVersion, "istio-ingress"],
        ]);
        expect(resource(plan, "kubernetes:core/v1:Namespace", "production").inputs.metadata).toMatchObject({
            labels: { "istio-injection": "enabled" },
        });
        // One Service selects both versions' pods; the canary has none of its own.
        const services = ofType(plan, "kubernetes:core/v1:Service");
        expect(services).toHaveLength(1);
        expect((services[0].inputs.spec as { selector: unknown }).selector).toEqual({ app: "web" });
        const workloads = ofType(plan, "kubernetes:apps/v1:Deployment").filter(
            (d) =>
                (d.inputs.metadata as { namespace?: string }).namespace === "production" &&
                (d.inputs.metadata as { name: string }).name.startsWith("web-app"),
        );
        expect(
            workloads
                .map(
                    (d) =>
                        (d.inputs.spec as { template: { metadata: { labels: { version: string } } } }).template.metadata
                            .labels.version,
                )
                .sort(),
        ).toEqual(["v1", "v2"]);
    });
});

describe("optional tiers", () => {
    it("GWLB: off unless configured; with tiers.gwlb and gwlb set, a Gateway Load Balancer and its endpoint service", async () => {
        expect(ofType(plans.dev, "compute-layer:index:GatewayLoadBalancer")).toHaveLength(0);
        const options = stackOptions("dev");
        const tiers = { ...(yamlConfig("dev").tiers as Record<string, boolean>), gwlb: true };
        const principal = "arn:aws:iam::210987654321:root";
        const plan = await runPlan(program, {
            ...options,
            config: {
                ...options.config,
                "compute-layer:tiers": tiers,
                "compute-layer:gwlb": { allowedPrincipals: [principal] },
            },
        });
        only(plan, "compute-layer:index:GatewayLoadBalancer");
        expect(only(plan, "aws:ec2/vpcEndpointService:VpcEndpointService").inputs.allowedPrincipals).toEqual([
            principal,
        ]);
        expect(String(plan.outputs.gwlbServiceName)).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
    });
});

describe("secrets", () => {
    it("never appear in clear in the plan output, tree or JSON", async () => {
        const options = stackOptions("prod");
        const password = "Correct-Horse-Battery-Staple-42";
        const plan = await runPlan(program, {
            ...options,
            config: { ...options.config, "compute-layer:dbPassword": password },
        });
        const secretVersion = only(plan, "aws:secretsmanager/secretVersion:SecretVersion");
        expect(isSecretMarker(secretVersion.inputs.secretString)).toBe(true);
        for (const text of [renderTree(plan), renderJson(plan)]) expect(text).not.toContain(password);
    });
});

describe("choosing the environment", () => {
    it("rejects a stack that is not dev, staging or prod, listing the three", async () => {
        const { error, plan } = await capturePlan(program, { ...stackOptions("dev"), stack: "qa" });
        expect(String(error)).toContain('unknown stack "qa"');
        expect(String(error)).toContain("dev, staging, prod");
        expect(plan.resources).toHaveLength(0);
    });
});

describe("stacks/README.md says what the environments build", () => {
    const readme = fs.readFileSync(path.join(root, "stacks/README.md"), "utf8");
    /** A top-level bullet of "What every environment builds", from `- **<title>**` to the next one. */
    const bullet = (title: string) => {
        const start = readme.indexOf(`- **${title}**`);
        expect(start, `stacks/README.md has a "${title}" bullet`).toBeGreaterThanOrEqual(0);
        const next = readme.slice(start + 1).search(/^- \*\*/m);
        return readme.slice(start, next < 0 ? undefined : start + 1 + next);
    };
    const NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    it.each(["staging", "prod"])(
        "%s: the EKS bullet names every add-on the cluster installs, and how many",
        (stack) => {
            const installed = ofType(plans[stack], "aws:eks/addon:Addon").map((a) => String(a.inputs.addonName));
            expect(installed.length).toBeGreaterThan(0);
            const eks = bullet("EKS");
            for (const name of installed) expect(eks, `the README names ${name}`).toContain(`\`${name}\``);
            expect(/the (\w+) \*\*EKS add-ons\*\*/.exec(eks)?.[1]).toBe(NUMBERS[installed.length]);
        },
    );

    it.each(["dev", "staging", "prod"])('%s: every stack output is listed under "Stack outputs"', (stack) => {
        const start = readme.indexOf("Stack outputs:");
        const listed = readme.slice(start, readme.indexOf("\n\n", start));
        for (const key of Object.keys(plans[stack].outputs)) expect(listed, key).toContain(`\`${key}\``);
    });

    it('every README section a stack file or workflow cites (README, "<section>") is a heading that exists', () => {
        const headings = (file: string) =>
            [...fs.readFileSync(path.join(root, file), "utf8").matchAll(/^#+ (.+)$/gm)].map((m) => m[1]);
        const pages: Record<string, string[]> = {
            README: [...headings("README.md"), ...headings("stacks/README.md"), ...headings("policy/README.md")],
            "stacks/README.md": headings("stacks/README.md"),
        };
        const files = [
            ...["stacks", "stacks/tiers", ".github/workflows"].flatMap((dir) =>
                fs
                    .readdirSync(path.join(root, dir))
                    .filter((f) => /\.(ts|ya?ml)$/.test(f))
                    .map((f) => path.join(dir, f)),
            ),
        ];
        const cites: string[] = [];
        for (const file of files) {
            const text = fs.readFileSync(path.join(root, file), "utf8");
            // "its README" is a third party's (traefik/whoami's), not ours.
            for (const m of text.matchAll(/(?<!its )\b(stacks\/README\.md|README),? "([^"]+)"/g)) {
                cites.push(`${file}: ${m[1]} "${m[2]}"`);
                const found = pages[m[1]].some((h) => h === m[2] || h.startsWith(`${m[2]}:`));
                expect(found, `${file} cites ${m[1]}, "${m[2]}", which has no such heading`).toBe(true);
            }
        }
        expect(cites.length).toBeGreaterThan(5);
    });
});
