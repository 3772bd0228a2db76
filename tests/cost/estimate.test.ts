import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AutoScalingGroup } from "../../components/ec2";
import { EcsCluster, EcsService } from "../../components/ecs";
import { EksCluster } from "../../components/eks";
import { LambdaFunction } from "../../components/lambda";
import { ApplicationLoadBalancer } from "../../components/lb";
import {
    estimateCost,
    PRICED_REGIONS,
    PRICES_MAX_AGE_DAYS,
    PRICES_TAKEN_ON,
    regionPrices,
    splitByStrategy,
} from "../../src/plan/cost/estimate";
import table from "../../src/plan/cost/prices.json";
import { costSection } from "../../src/plan/cost/render";
import { runPlan } from "../support";
import { binCli, planCli } from "../support/cli";

/**
 * Issue 21's known figures, computed by hand from the price table (not from the estimator):
 * every expected value below is the table's unit price times a count written out here.
 */
const P = regionPrices("us-east-1");
const H = table.hoursPerMonth;
const SPOT = table.assumptions.ec2SpotDiscount.value;
const FARGATE_SPOT = table.assumptions.fargateSpotDiscount.value;
const GP3 = P.ebsGp3GbMonth.usd;
const VPC = "vpc-0cost000000000001";
const SUBNETS = ["subnet-0cost00000000001", "subnet-0cost00000000002"];
const near = (x: number) => expect.closeTo(x, 6);

describe("the price table", () => {
    it("carries a date and a source for every figure, and is younger than its stated age", () => {
        const ageDays = (Date.now() - Date.parse(PRICES_TAKEN_ON)) / 86_400_000;
        expect(
            ageDays,
            `prices.json was taken ${PRICES_TAKEN_ON}; refresh it (max ${PRICES_MAX_AGE_DAYS} days)`,
        ).toBeLessThan(PRICES_MAX_AGE_DAYS);
        const figures: { usd: number; source: string }[] = [];
        const walk = (v: unknown) => {
            if (v && typeof v === "object") {
                if ("usd" in v) figures.push(v as { usd: number; source: string });
                else Object.values(v).forEach(walk);
            }
        };
        walk(table.regions);
        expect(figures.length).toBeGreaterThan(80);
        for (const f of figures) {
            expect(f.usd).toBeGreaterThanOrEqual(0);
            expect(f.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
        }
        expect(PRICED_REGIONS).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
    });

    it("a region it lacks is an error naming the regions it has", () => {
        expect(() => regionPrices("ap-south-2")).toThrow(
            /no prices for region "ap-south-2": the table has us-east-1, eu-west-1/,
        );
    });
});

describe("known figures", () => {
    it("an ASG of 2–10 t3.medium with a 50% Spot share", async () => {
        const plan = await runPlan(() => {
            new AutoScalingGroup("web", {
                vpcId: VPC,
                subnetIds: SUBNETS,
                instanceTypes: ["t3.medium", "t3a.medium"],
                spot: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 50 },
                autoScaling: { min: 2, max: 10 },
                rootVolume: { sizeGb: 20 },
            });
        });
        const e = estimateCost(plan, { region: "us-east-1" });
        const asg = e.lines.find((l) => l.type === "aws:autoscaling/group:Group");
        const od = P.ec2Hourly["t3.medium"].usd;
        const perInstance = (0.5 * od + 0.5 * od * (1 - SPOT)) * H + 20 * GP3;
        expect(asg?.floor).toEqual(near(2 * perInstance));
        expect(asg?.ceiling).toEqual(near(10 * perInstance));
    });

    it("a Fargate service of 2–10 tasks at 0.5 vCPU / 1 GB", async () => {
        const plan = await runPlan(() => {
            const cluster = new EcsCluster("c", {});
            new EcsService("api", {
                cluster,
                vpcId: VPC,
                subnetIds: SUBNETS,
                cpu: 512,
                memory: 1024,
                containers: {
                    app: { image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 8080 }] },
                },
                capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }],
                autoScaling: { min: 2, max: 10, targetTracking: [{ metric: "cpu", target: 60 }] },
            });
        });
        const e = estimateCost(plan, { region: "us-east-1" });
        const svc = e.lines.find((l) => l.type === "aws:ecs/service:Service");
        const task = (0.5 * P.fargate.x86VcpuHour.usd + 1 * P.fargate.x86GbHour.usd) * H;
        expect(svc?.floor).toEqual(near(2 * task));
        expect(svc?.ceiling).toEqual(near(10 * task));
    });

    it("Fargate Spot shares follow base and weight", () => {
        // base 2 on FARGATE, then 3:1 — of 10 tasks: 2 + 6 On-Demand, 2 Spot.
        expect(
            splitByStrategy(10, [
                { base: 2, weight: 3, spot: false },
                { base: 0, weight: 1, spot: true },
            ]),
        ).toEqual({ onDemand: 8, spot: 2 });
        expect(FARGATE_SPOT).toBeGreaterThan(0);
    });

    it("an EKS cluster with one node group", async () => {
        const plan = await runPlan(() => {
            new EksCluster("k", {
                vpcId: VPC,
                privateSubnetIds: SUBNETS,
                nodeGroups: {
                    general: { instanceTypes: ["m5.large"], minSize: 2, maxSize: 6, desiredSize: 2, diskSizeGb: 50 },
                },
            });
        });
        const e = estimateCost(plan, { region: "us-east-1" });
        const control = e.lines.find((l) => l.type === "eks:index:Cluster");
        expect(control?.floor).toEqual(near(P.eksClusterHour.usd * H));
        const ng = e.lines.find((l) => l.type === "aws:eks/nodeGroup:NodeGroup");
        const node = P.ec2Hourly["m5.large"].usd * H + 50 * GP3;
        expect(ng?.floor).toEqual(near(2 * node));
        expect(ng?.ceiling).toEqual(near(6 * node));
    });

    it("an internet-facing ALB: the hour, one LCU and a public IPv4 per subnet", async () => {
        const plan = await runPlan(() => {
            new ApplicationLoadBalancer("web", {
                vpcId: VPC,
                subnetIds: SUBNETS,
                targetGroups: { app: { port: 8080 } },
                defaultAction: { forward: "app" },
            });
        });
        const e = estimateCost(plan, { region: "us-east-1" });
        const lb = e.lines.find((l) => l.type === "aws:lb/loadBalancer:LoadBalancer");
        expect(lb?.floor).toEqual(near((P.alb.hour.usd + P.alb.lcuHour.usd + 2 * P.publicIpv4Hour.usd) * H));
        expect(e.usage.map((u) => u.key)).toContain("alb.extraLcuHours");
    });

    it("Lambda with provisioned concurrency 5 at 512 MB", async () => {
        const plan = await runPlan(() => {
            new LambdaFunction("orders", {
                runtime: "python3.12",
                handler: "index.handler",
                code: { s3Bucket: "code", s3Key: "orders.zip" },
                memorySize: 512,
                provisionedConcurrency: 5,
            });
        });
        const e = estimateCost(plan, { region: "us-east-1" });
        const pc = e.lines.find(
            (l) => l.type === "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
        );
        expect(pc?.floor).toEqual(near(5 * 0.5 * H * 3600 * P.lambda.provisionedX86GbSecond.usd));
        // Requests and duration are usage: listed with their price, not invented.
        const requests = e.usage.find((u) => u.key === "lambda.millionRequestsPerMonth");
        expect(requests).toMatchObject({ unitPrice: P.lambda.requestsPerMillion.usd });
        expect(requests?.monthly).toBeUndefined();
        const withUsage = estimateCost(plan, { region: "us-east-1", usage: { "lambda.millionRequestsPerMonth": 10 } });
        expect(withUsage.total.floor - e.total.floor).toEqual(near(10 * P.lambda.requestsPerMillion.usd));
    });
});

describe("the pull request's cost section", () => {
    it("the web group's max from 10 to 20 raises the ceiling by exactly 10 instances' monthly price", async () => {
        const group = (max: number) => () => {
            new AutoScalingGroup("web", {
                vpcId: VPC,
                subnetIds: SUBNETS,
                instanceType: "t3.medium",
                autoScaling: { min: 2, max },
                rootVolume: { sizeGb: 20 },
            });
        };
        const base = estimateCost(await runPlan(group(10)), { region: "us-east-1" });
        const head = estimateCost(await runPlan(group(20)), { region: "us-east-1" });
        const instanceMonth = P.ec2Hourly["t3.medium"].usd * H + 20 * GP3;
        expect(head.total.ceiling - base.total.ceiling).toEqual(near(10 * instanceMonth));
        expect(head.total.floor).toEqual(near(base.total.floor));
        const md = costSection(base, head);
        expect(md).toContain("### Monthly cost");
        expect(md).toContain(
            `+$${(10 * instanceMonth).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
        );
        expect(md).toMatch(/Changed most:\n- web \(compute-layer:index:AutoScalingGroup\)/);
    });
});

describe("the commands", () => {
    it("plan --format cost, compute-layer cost <plan.json>, and the diff comment's cost section", async () => {
        const root = path.resolve(__dirname, "../..");
        const prod = await planCli(["--stack", "prod", "--format", "cost"], root);
        expect(prod.code).toBe(0);
        expect(prod.stdout).toMatch(/^Monthly cost, us-east-1, list prices of \d{4}-\d\d-\d\d/);
        expect(prod.stdout).toMatch(/total: \$[\d,]+\.\d\d – \$[\d,]+\.\d\d/);
        // A floor and a ceiling per component.
        expect(prod.stdout).toMatch(/ {2}web \(compute-layer:index:AutoScalingGroup\): \$[\d,.]+ – \$[\d,.]+/);

        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cost-"));
        const json = path.join(dir, "prod.json");
        expect((await planCli(["--stack", "prod", "--format", "json", "--out", json], root)).code).toBe(0);
        const md = await binCli(["cost", json, "--format", "markdown"], root);
        expect(md.code).toBe(0);
        expect(md.stdout).toContain("| component | floor | ceiling |");
        // A usage file that is not a JSON object of quantities 0 or more: exit 2, naming the flag, file and key.
        const usage = path.join(dir, "usage.json");
        fs.writeFileSync(usage, JSON.stringify({ "lambda.millionRequestsPerMonth": -1 }));
        const badUsage = await binCli(["cost", json, "--usage", usage], root);
        expect(badUsage.code).toBe(2);
        expect(badUsage.stderr).toContain(
            `--usage ${usage}: "lambda.millionRequestsPerMonth" must be a number, 0 or more (got -1)`,
        );
        fs.writeFileSync(usage, "{ not json");
        expect((await binCli(["cost", json, "--usage", usage], root)).code).toBe(2);
        fs.writeFileSync(usage, JSON.stringify({ "lambda.millionRequestsPerMonth": 5 }));
        const withUsage = await binCli(["cost", json, "--usage", usage, "--format", "json"], root);
        expect(withUsage.code).toBe(0);
        const lambdaRequests = (
            JSON.parse(withUsage.stdout) as { usage: { key: string; quantity?: number }[] }
        ).usage.find((u) => u.key === "lambda.millionRequestsPerMonth");
        expect(lambdaRequests?.quantity).toBe(5);
        // Usage errors: exit 2 with the reason and the cost usage.
        for (const [argv, reason] of [
            [[json, "--format", "yaml"], "--format must be text, json or markdown (got yaml)"],
            [[json, "--nope"], "Unknown option '--nope'"],
            [[json, "--stack", "prod"], "cost takes one plan file, or --stack / --program to plan one first"],
        ] as const) {
            const r = await binCli(["cost", ...argv], root);
            expect(r.code, reason).toBe(2);
            expect(r.stderr).toContain(reason);
            expect(r.stderr).toContain("cost <plan.json> [--region REGION]");
        }
        const bad = await binCli(["cost", json, "--region", "mars-north-1"], root);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('no prices for region "mars-north-1": the table has us-east-1, eu-west-1');
        const diff = await binCli(["diff", json, json, "--format", "markdown"], root);
        expect(diff.stdout).toContain("### Monthly cost");
        expect(diff.stdout).toMatch(/\| change \| ±\$0\.00 \| ±\$0\.00 \|/);
        fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);
});
