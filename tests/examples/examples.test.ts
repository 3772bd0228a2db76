import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStackConfig, readProjectName } from "../../src/plan/config";
import { input, jsonInput, ofType, only, type Plan, runPlan } from "../support";

/**
 * Every program in examples/ plans offline (they also type-check with the rest of the repo:
 * tsconfig includes examples/), and shows what it is meant to show.
 */
const root = path.resolve(__dirname, "../..");
const examplesDir = path.join(root, "examples");
const names = fs.readdirSync(examplesDir).filter((d) => fs.existsSync(path.join(examplesDir, d, "index.ts")));
const plans: Record<string, Plan> = {};

beforeAll(async () => {
    for (const name of names) {
        const dir = path.join(examplesDir, name);
        const project = readProjectName(path.join(dir, "Pulumi.yaml"));
        const stackFile = path.join(dir, "Pulumi.dev.yaml");
        const { config, secretKeys } = fs.existsSync(stackFile)
            ? loadStackConfig(stackFile, project)
            : { config: {}, secretKeys: [] };
        // Imported through Vitest (which resolves `compute-layer` to this repo's root, as the
        // installed package would be) rather than the plan CLI's bundler.
        plans[name] = await runPlan(async () => ({ ...(await import(path.join(dir, "index.ts"))) }), {
            project,
            stack: "dev",
            config,
            secretKeys,
        });
    }
}, 60_000);

describe("examples/", () => {
    it("has one runnable program per component family, the scaling vocabulary and a user's own program", () => {
        expect(names.sort()).toEqual([
            "alb-ecs-service",
            "asg-schedules",
            "eks-workload",
            "gwlb-inspection",
            "istio-canary",
            "lambda-events",
            "nlb-static-ips",
            "scaling-across-tiers",
            "user-program",
        ]);
        for (const name of names) {
            for (const f of ["Pulumi.yaml", "package.json", "README.md"])
                expect(fs.existsSync(path.join(examplesDir, name, f)), `${name}/${f}`).toBe(true);
        }
    });

    it("alb-ecs-service: the service admits only the ALB, and scales on CPU and requests per target", () => {
        const p = plans["alb-ecs-service"];
        const service = only(p, "aws:ecs/service:Service");
        expect(input(service, "networkConfiguration.assignPublicIp")).toBe(false);
        const policies = ofType(p, "aws:appautoscaling/policy:Policy").map((r) =>
            input(r, "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType"),
        );
        expect(policies).toEqual(
            expect.arrayContaining(["ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget"]),
        );
        const albSg = ofType(p, "aws:ec2/securityGroup:SecurityGroup").find((r) =>
            r.parent?.includes("ApplicationLoadBalancer"),
        );
        const ingress = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
            r.parent?.includes("EcsService"),
        );
        expect(ingress.length).toBeGreaterThan(0);
        for (const rule of ingress) expect(rule.inputs.referencedSecurityGroupId).toBe(albSg?.outputs?.id);
    });

    it("asg-schedules: business-hours schedules in New York time, and a warm pool", () => {
        const p = plans["asg-schedules"];
        const schedules = ofType(p, "aws:autoscaling/schedule:Schedule");
        expect(schedules.map((s) => [s.inputs.recurrence, s.inputs.timeZone, s.inputs.minSize])).toEqual(
            expect.arrayContaining([
                ["0 9 * * MON-FRI", "America/New_York", 10],
                ["0 18 * * MON-FRI", "America/New_York", 2],
            ]),
        );
        expect(input(only(p, "aws:autoscaling/group:Group"), "warmPool.poolState")).toBe("Stopped");
    });

    it("lambda-events: a JWT authorizer on every route, SQS and schedule sources, provisioned concurrency on the alias", () => {
        const p = plans["lambda-events"];
        expect(only(p, "aws:apigatewayv2/authorizer:Authorizer").inputs.authorizerType).toBe("JWT");
        for (const route of ofType(p, "aws:apigatewayv2/route:Route"))
            expect(route.inputs.authorizationType).toBe("JWT");
        expect(ofType(p, "aws:lambda/eventSourceMapping:EventSourceMapping")).toHaveLength(1);
        expect(ofType(p, "aws:cloudwatch/eventRule:EventRule").map((r) => r.inputs.scheduleExpression)).toContain(
            "rate(5 minutes)",
        );
        expect(only(p, "aws:appautoscaling/target:Target").inputs).toMatchObject({ minCapacity: 2, maxCapacity: 20 });
    });

    it("eks-workload: a private endpoint the deployer's runners reach, and a restricted workload with an HPA and a PDB", () => {
        const p = plans["eks-workload"];
        expect(only(p, "eks:index:Cluster").inputs).toMatchObject({
            endpointPrivateAccess: true,
            endpointPublicAccess: false,
        });
        const api = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").find(
            (r) => r.inputs.referencedSecurityGroupId === "sg-0runner0000000001",
        );
        expect(api?.inputs).toMatchObject({ fromPort: 443, toPort: 443 });
        const hpa = only(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
        expect(input(hpa, "spec.minReplicas")).toBe(2);
        expect(ofType(p, "kubernetes:policy/v1:PodDisruptionBudget")).toHaveLength(1);
        const web = ofType(p, "kubernetes:apps/v1:Deployment").find((d) => d.name === "web-deployment");
        expect(web && input(web, "spec.template.spec.securityContext.runAsNonRoot")).toBe(true);
    });

    it("nlb-static-ips: one Elastic IP per subnet, TCP 443 forwarded to the ALB", () => {
        const p = plans["nlb-static-ips"];
        const nlb = ofType(p, "aws:lb/loadBalancer:LoadBalancer").find((r) => r.inputs.loadBalancerType === "network");
        expect(nlb?.inputs.subnetMappings).toHaveLength(2);
        expect(ofType(p, "aws:ec2/eip:Eip")).toHaveLength(2);
        expect(
            ofType(p, "aws:lb/targetGroup:TargetGroup").find((r) => r.inputs.targetType === "alb")?.inputs.port,
        ).toBe(443);
    });

    it("gwlb-inspection: endpoints per AZ and the edge route table sending each subnet's traffic through them", () => {
        const p = plans["gwlb-inspection"];
        const endpoints = ofType(p, "aws:ec2/vpcEndpoint:VpcEndpoint");
        expect(endpoints.map((e) => e.inputs.vpcEndpointType)).toEqual(["GatewayLoadBalancer", "GatewayLoadBalancer"]);
        const routes = ofType(p, "aws:ec2/route:Route");
        expect(routes.map((r) => [r.inputs.routeTableId, r.inputs.destinationCidrBlock]).sort()).toEqual([
            ["rtb-0igwedge000000001", "10.0.0.0/24"],
            ["rtb-0igwedge000000001", "10.0.1.0/24"],
        ]);
        for (const r of routes) expect(endpoints.map((e) => e.outputs?.id)).toContain(r.inputs.vpcEndpointId);
    });

    it("istio-canary: 90/10 between the subsets, Istio's own comma-separated retryOn", () => {
        const p = plans["istio-canary"];
        const vs = only(p, "kubernetes:networking.istio.io/v1:VirtualService");
        const route = (
            input(vs, "spec.http") as {
                route: { weight: number; destination: { subset: string } }[];
                retries: { retryOn: string };
            }[]
        ).find((r) => r.route.length === 2);
        expect(route?.route.map((r) => [r.destination.subset, r.weight])).toEqual([
            ["v1", 90],
            ["v2", 10],
        ]);
        expect(route?.retries.retryOn).toBe("5xx,connect-failure");
    });

    it("scaling-across-tiers: the same CPU 60% target on EC2, ECS, and the HPA; Lambda on provisioned-concurrency utilisation", () => {
        const p = plans["scaling-across-tiers"];
        const ec2 = ofType(p, "aws:autoscaling/policy:Policy").find(
            (r) => r.inputs.policyType === "TargetTrackingScaling",
        );
        expect(input(ec2 ?? only(p, "aws:autoscaling/group:Group"), "targetTrackingConfiguration.targetValue")).toBe(
            60,
        );
        const app = ofType(p, "aws:appautoscaling/policy:Policy").map((r) => [
            r.inputs.serviceNamespace,
            input(r, "targetTrackingScalingPolicyConfiguration.targetValue"),
        ]);
        expect(app).toEqual(
            expect.arrayContaining([
                ["ecs", 60],
                ["lambda", 0.7],
            ]),
        );
        const hpa = only(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
        expect(input(hpa, "spec.metrics.0.resource.target.averageUtilization")).toBe(60);
    });

    it("user-program: raw resources and components together, with the config of Pulumi.dev.yaml", () => {
        const p = plans["user-program"];
        expect(p.project).toBe("user-program");
        expect(only(p, "aws:lambda/function:Function").inputs.s3Bucket).toBe("my-artifacts");
        expect(ofType(p, "aws:s3/bucketV2:BucketV2")).toHaveLength(1);
        expect(ofType(p, "aws:s3/bucketNotification:BucketNotification")).toHaveLength(1);
        void jsonInput;
    });
});
