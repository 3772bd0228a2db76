import * as path from "node:path";
import { AuthorizationPolicy, PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStackConfig } from "../../src/plan/config";
import { childrenOf, ofType, only, type Plan, type PlannedResource, resource, runPlan } from "../support";

/**
 * The tier features the reference system uses (issues 16, 17 and 18: "the prod / staging plan
 * shows …"), asserted on the plans of the real stack files.
 */

const root = path.resolve(__dirname, "../..");
const program = path.join(root, "stacks/index.ts");
const plans: Record<string, Plan> = {};
const configs: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
    for (const stack of ["staging", "prod"]) {
        const { config, secretKeys } = loadStackConfig(path.join(root, `stacks/Pulumi.${stack}.yaml`), "compute-layer");
        plans[stack] = await runPlan(program, { project: "compute-layer", stack, config, secretKeys });
        configs[stack] = Object.fromEntries(
            Object.entries(config).map(([k, v]) => [k.replace(/^compute-layer:/, ""), /^[[{]/.test(v) ? JSON.parse(v) : v]),
        );
    }
}, 60_000);

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
        expect(rules.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort])).toEqual([[idOf(albSg as PlannedResource), 80, 80]]);
        // Nothing outside the component writes rules onto its group.
        for (const r of rules) expect(r.parent).toBe(group.urn);
        // Each ECS service's group admits the ALB's group, too.
        for (const key of ["api", "admin"]) {
            const sg = childrenOf(plan, componentNamed(plan, "EcsService", key)).find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
            const admits = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === idOf(sg as PlannedResource));
            expect(admits.map((r) => r.inputs.referencedSecurityGroupId), key).toEqual([idOf(albSg as PlannedResource)]);
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
        const [lb] = service.inputs.loadBalancers as { targetGroupArn: string; advancedConfiguration: Record<string, string> }[];
        const alternate = childrenOf(plan, api).find((r) => r.type === "aws:lb/targetGroup:TargetGroup") as PlannedResource;
        const rule = childrenOf(plan, api).find((r) => r.type === "aws:lb/listenerRule:ListenerRule") as PlannedResource;
        expect(lb.advancedConfiguration.alternateTargetGroupArn).toBe(arnOf(alternate));
        expect(lb.advancedConfiguration.productionListenerRule).toBe(arnOf(rule));
        expect(lb.targetGroupArn).toBe(arnOf(resource(plan, "aws:lb/targetGroup:TargetGroup", "web-tg-api")));
        expect((alternate.inputs.healthCheck as { path: string }).path).toBe("/health");
        // The rule is /api/* at priority 100 on the HTTPS listener; ECS owns its weights.
        const https = ofType(plan, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "HTTPS") as PlannedResource;
        expect(rule.inputs).toMatchObject({ listenerArn: arnOf(https), priority: 100, conditions: [{ pathPattern: { values: ["/api/*"] } }] });
        expect(rule.options.ignoreChanges).toContain("actions");
        // And the ALB has no second /api/* rule of its own.
        const apiRules = ofType(plan, "aws:lb/listenerRule:ListenerRule").filter((r) => JSON.stringify(r.inputs.conditions).includes("/api/*"));
        expect(apiRules).toEqual([rule]);
    });

    it("staging deploys rolling, with the ALB's own /api/* rule", () => {
        const service = childrenOf(plans.staging, componentNamed(plans.staging, "EcsService", "api")).find((r) => r.type === "aws:ecs/service:Service");
        expect(service?.inputs.deploymentConfiguration).toBeUndefined();
        const alb = componentNamed(plans.staging, "ApplicationLoadBalancer", "web");
        expect(childrenOf(plans.staging, alb).filter((r) => JSON.stringify(r.inputs.conditions ?? "").includes("/api/*"))).toHaveLength(1);
    });
});

describe("prod and staging: the order API checks callers' tokens", () => {
    it.each(["staging", "prod"])("%s: POST /orders has the JWT authorizer from config, whose claims process-order reads", (stack) => {
        const plan = plans[stack];
        const jwt = (configs[stack].orders as { jwt: { cognitoUserPoolId: string; audience: string[] } }).jwt;
        const authorizer = only(plan, "aws:apigatewayv2/authorizer:Authorizer");
        const [region, pool] = [jwt.cognitoUserPoolId.split("_")[0], jwt.cognitoUserPoolId];
        expect(authorizer.inputs).toMatchObject({
            authorizerType: "JWT",
            identitySources: ["$request.header.Authorization"],
            jwtConfiguration: { audiences: jwt.audience, issuer: `https://cognito-idp.${region}.amazonaws.com/${pool}` },
        });
        const route = only(plan, "aws:apigatewayv2/route:Route");
        expect(route.inputs).toMatchObject({ routeKey: "POST /orders", authorizationType: "JWT", authorizerId: idOf(authorizer) });
    });
});

describe("prod: mesh security in production", () => {
    const security = (kind: string) =>
        ofType(plans.prod, `kubernetes:security.istio.io/v1:${kind}`).filter((r) => (r.inputs.metadata as { namespace: string }).namespace === "production");

    it("STRICT mTLS for the namespace, and the canary's DestinationRule speaks Istio mTLS", () => {
        const [pa] = security("PeerAuthentication");
        expect(security("PeerAuthentication")).toHaveLength(1);
        expect(pa.inputs.spec).toEqual({ mtls: { mode: "STRICT" } });
        expect(() => new PeerAuthentication({ ...pa.inputs, apiVersion: "security.istio.io/v1beta1" } as never).validate()).not.toThrow();
        const dr = only(plans.prod, "kubernetes:networking.istio.io/v1:DestinationRule");
        expect((dr.inputs.spec as { trafficPolicy: { tls: unknown } }).trafficPolicy.tls).toEqual({ mode: "ISTIO_MUTUAL" });
    });

    it("nothing is allowed by default; the canary's pods admit the ingress gateway's service account only", () => {
        const policies = security("AuthorizationPolicy");
        for (const p of policies) expect(() => new AuthorizationPolicy({ ...p.inputs, apiVersion: "security.istio.io/v1beta1" } as never).validate(), p.name).not.toThrow();
        expect(policies.filter((p) => JSON.stringify(p.inputs.spec) === "{}")).toHaveLength(1);
        const allow = policies.filter((p) => (p.inputs.spec as { action?: string }).action === "ALLOW");
        expect(allow.map((p) => p.inputs.spec)).toEqual([
            {
                action: "ALLOW",
                selector: { matchLabels: { app: "web" } },
                rules: [{ from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] } }] }],
            },
        ]);
        // Both canary versions carry the selected label.
        const versions = ofType(plans.prod, "kubernetes:apps/v1:Deployment")
            .filter((d) => (d.inputs.metadata as { namespace?: string }).namespace === "production")
            .map((d) => (d.inputs.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels);
        expect(versions.filter((l) => l.version).map((l) => [l.app, l.version]).sort()).toEqual([["web", "v1"], ["web", "v2"]]);
    });
});

describe("staging: the GWLB path, end to end in the plan", () => {
    const gwlb = () => (configs.staging.gwlb as { inspection: { inspectedSubnetCidrs: string[]; endpointSubnetCidrs: string[] } }).inspection;

    it("an endpoint per zone in its own subnet, accepted by the service, and each inspected subnet's route to the other through its zone's endpoint", () => {
        const plan = plans.staging;
        const lb = componentNamed(plan, "GatewayLoadBalancer", "inspection");
        const endpoints = childrenOf(plan, lb).filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
        expect(endpoints).toHaveLength(2);
        const service = childrenOf(plan, lb).find((r) => r.type === "aws:ec2/vpcEndpointService:VpcEndpointService") as PlannedResource;
        for (const e of endpoints) expect(e.inputs).toMatchObject({ vpcEndpointType: "GatewayLoadBalancer", serviceName: service.outputs?.serviceName ?? expect.any(String) });
        expect(childrenOf(plan, lb).filter((r) => r.type === "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter")).toHaveLength(2);
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
            expect(subnetNamed(`inspected-${i}`).inputs.availabilityZone).toBe(subnetNamed(`inspection-endpoint-${i}`).inputs.availabilityZone);
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
        const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === idOf(sg));
        const cidr = (configs.staging.network as { cidrBlock: string }).cidrBlock;
        expect(ingress.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.cidrIpv4])).toEqual([
            ["udp", 6081, cidr],
            ["tcp", 80, cidr],
        ]);
        expect(String(plans.staging.outputs.gwlbServiceName)).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
    });
});

describe.each(["staging", "prod"])("%s: EKS day 2", (stack) => {
    it("manages the five add-ons, the Pod Identity agent among them, each with a role where it needs AWS", () => {
        const addons = ofType(plans[stack], "aws:eks/addon:Addon").map((a) => a.inputs.addonName).sort();
        expect(addons).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
        const csi = ofType(plans[stack], "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "aws-ebs-csi-driver");
        expect(JSON.stringify(csi?.inputs)).toMatch(/role/i);
    });

    it("gives the deploy role from config an explicit cluster-admin access entry", () => {
        const role = (configs[stack].eks as { deployerRoleArn: string }).deployerRoleArn;
        const association = ofType(plans[stack], "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").find((a) => a.inputs.principalArn === role);
        expect(association?.inputs).toMatchObject({ policyArn: expect.stringMatching(/AmazonEKSClusterAdminPolicy$/), accessScope: { type: "cluster" } });
    });

    it("installs the AWS Load Balancer Controller (Pod Identity), and the web app's Ingress waits for it", () => {
        const plan = plans[stack];
        const controller = ofType(plan, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "aws-load-balancer-controller") as PlannedResource;
        expect(controller).toBeDefined();
        const bindings = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation");
        expect(bindings.find((b) => b.inputs.serviceAccount === "aws-load-balancer-controller")?.inputs.namespace).toBe("kube-system");
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
        const spec = scaled.inputs.spec as { minReplicaCount: number; maxReplicaCount: number; scaleTargetRef: { name: string }; triggers: { type: string; metadata: Record<string, string> }[] };
        expect(spec).toMatchObject({ minReplicaCount: w.replicas.min, maxReplicaCount: w.replicas.max });
        expect(spec.triggers).toHaveLength(1);
        expect(spec.triggers[0].type).toBe("aws-sqs-queue");
        expect(spec.triggers[0].metadata).toMatchObject({ queueURL: queue.outputs?.url ?? expect.any(String), queueLength: String(w.messagesPerReplica), awsRegion: "us-east-1" });
        // No HPA of its own: KEDA owns the worker's.
        expect(ofType(plan, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").map((h) => h.name)).not.toContain("worker-hpa");
        // The operator may read exactly that queue; the worker's pods consume it through Pod Identity.
        const keda = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation").find((b) => b.inputs.serviceAccount === "keda-operator");
        expect(keda).toBeDefined();
        const pods = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation").find((b) => b.inputs.serviceAccount === "worker");
        expect(pods?.inputs).toMatchObject({ namespace: "production" });
        const policies = ofType(plan, "aws:iam/rolePolicy:RolePolicy").map((p) => String(p.inputs.policy));
        const workerPolicy = policies.find((p) => p.includes("sqs:ReceiveMessage"));
        expect(workerPolicy).toContain(String(arnOf(queue)));
        const deployment = ofType(plan, "kubernetes:apps/v1:Deployment").find((d) => (d.inputs.metadata as { name: string }).name === "worker");
        const podSpec = ((deployment as PlannedResource).inputs.spec as { template: { spec: { serviceAccountName: string } } }).template.spec;
        expect(podSpec.serviceAccountName).toBe("worker");
    });
});
