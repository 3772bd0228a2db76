import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { diffPlans, renderDiffMarkdown } from "../../src/plan/diff";
import { mermaidText, renderMermaid } from "../../src/plan/mermaid";
import { type Plan, runPlan } from "../support";
import { SHOP_PROGRAM, shopOptions, throughJson } from "./diff-helpers";
import { type Flowchart, parseFlowchart } from "./mermaid-parser";

class Box extends pulumi.ComponentResource {
    constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
        super(`test:index:${type}`, name, {}, opts);
    }
}

/** Weighted forwarding, Auto Scaling groups, App Mesh, a TargetGroupBinding, nested components and an awkward name. */
const trafficProgram = () => {
    const outer = new Box("Outer", "outer");
    const inner = new Box("Inner", "inner", { parent: outer });
    const lb = new aws.lb.LoadBalancer('edge "blue" #1 <b>', { loadBalancerType: "network" }, { parent: outer });
    const blue = new aws.lb.TargetGroup("blue", { port: 80, protocol: "TCP" }, { parent: inner });
    const green = new aws.lb.TargetGroup("green", { port: 80, protocol: "TCP" }, { parent: inner });
    new aws.lb.Listener(
        "tcp",
        {
            loadBalancerArn: lb.arn,
            port: 80,
            protocol: "TCP",
            defaultActions: [
                {
                    type: "forward",
                    forward: {
                        targetGroups: [
                            { arn: blue.arn, weight: 80 },
                            { arn: green.arn, weight: 20 },
                        ],
                    },
                },
            ],
        },
        { parent: outer },
    );
    new aws.autoscaling.Group(
        "blue",
        {
            minSize: 1,
            maxSize: 2,
            targetGroupArns: [blue.arn],
            launchTemplate: { id: "lt-1" },
            vpcZoneIdentifiers: ["subnet-1"],
        },
        { parent: inner },
    );
    const greenAsg = new aws.autoscaling.Group(
        "green",
        { minSize: 1, maxSize: 2, launchTemplate: { id: "lt-1" }, vpcZoneIdentifiers: ["subnet-1"] },
        { parent: inner },
    );
    new aws.autoscaling.Attachment(
        "green",
        { autoscalingGroupName: greenAsg.name, lbTargetGroupArn: green.arn },
        { parent: inner },
    );

    const mesh = new Box("Mesh", "mesh");
    const router = new aws.appmesh.VirtualRouter(
        "router",
        { meshName: "m", name: "router", spec: { listeners: [{ portMapping: { port: 80, protocol: "http" } }] } },
        { parent: mesh },
    );
    const v1 = new aws.appmesh.VirtualNode("svc-v1", { meshName: "m", name: "svc-v1", spec: {} }, { parent: mesh });
    const v2 = new aws.appmesh.VirtualNode("svc-v2", { meshName: "m", name: "svc-v2", spec: {} }, { parent: mesh });
    new aws.appmesh.Route(
        "route",
        {
            meshName: "m",
            name: "route",
            virtualRouterName: router.name,
            spec: {
                httpRoute: {
                    match: { prefix: "/" },
                    action: {
                        weightedTargets: [
                            { virtualNode: v1.name, weight: 75 },
                            { virtualNode: v2.name, weight: 25 },
                        ],
                    },
                },
            },
        },
        { parent: mesh },
    );

    new k8s.core.v1.Service("web", {
        metadata: { name: "web", namespace: "web" },
        spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
    });
    new k8s.apiextensions.CustomResource("web-tgb", {
        apiVersion: "elbv2.k8s.aws/v1beta1",
        kind: "TargetGroupBinding",
        metadata: { name: "web", namespace: "web" },
        spec: { targetGroupARN: blue.arn, serviceRef: { name: "web", port: 80 } },
    });
    new aws.iam.Role("not-drawn", { assumeRolePolicy: "{}" }, { parent: inner });
};

/** Twenty services behind one ALB, each with the IAM, security group, logs and alarm a real one has. */
const bigProgram = () => {
    const lb = new aws.lb.LoadBalancer("edge", { loadBalancerType: "application" });
    const listener = new aws.lb.Listener("https", {
        loadBalancerArn: lb.arn,
        port: 443,
        protocol: "HTTPS",
        defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }],
    });
    const cluster = new aws.ecs.Cluster("main", {});
    for (let i = 1; i <= 20; i++) {
        const box = new Box("Service", `svc${i}`);
        const o = { parent: box };
        const tg = new aws.lb.TargetGroup(`svc${i}`, { port: 8080, protocol: "HTTP", targetType: "ip" }, o);
        new aws.lb.ListenerRule(
            `svc${i}`,
            {
                listenerArn: listener.arn,
                priority: i,
                conditions: [{ pathPattern: { values: [`/svc${i}/*`] } }],
                actions: [{ type: "forward", targetGroupArn: tg.arn }],
            },
            o,
        );
        new aws.iam.Role(`svc${i}-task`, { assumeRolePolicy: "{}" }, o);
        new aws.iam.RolePolicy(`svc${i}-task`, { role: "r", policy: "{}" }, o);
        new aws.ec2.SecurityGroup(`svc${i}`, { description: "svc" }, o);
        new aws.cloudwatch.LogGroup(`svc${i}`, { retentionInDays: 30 }, o);
        new aws.cloudwatch.MetricAlarm(
            `svc${i}-5xx`,
            { comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, threshold: 1 },
            o,
        );
        new aws.ecs.Service(
            `svc${i}`,
            {
                cluster: cluster.arn,
                loadBalancers: [{ targetGroupArn: tg.arn, containerName: "app", containerPort: 8080 }],
            },
            o,
        );
    }
};

const edgeSet = (f: Flowchart) => f.edges.map((e) => e.join(" | ")).sort();

let shop: Plan;
let traffic: Plan;
let big: Plan;
let shopChart: Flowchart;

beforeAll(async () => {
    // Plans first: the parser installs a DOM window globally when it loads.
    shop = throughJson(await runPlan(SHOP_PROGRAM, shopOptions()));
    traffic = throughJson(await runPlan(trafficProgram));
    big = throughJson(await runPlan(bigProgram));
    shopChart = await parseFlowchart(renderMermaid(shop));
});

describe("plan --format mermaid", () => {
    it("draws the shop's traffic: ALB → rule → target group → service or function, API → function, HPA → Deployment, mesh route → subsets", () => {
        const alb = "ALB / web";
        const rule = "rule 10: /thumbs/* / web-thumbs";
        const apiTg = "target group HTTP:8080 / web-api";
        const fnTg = "target group (lambda) / web-thumbs";
        const fn = "Lambda function / thumbs";
        const vs = "VirtualService / catalog-route";
        expect(edgeSet(shopChart)).toEqual(
            [
                [alb, apiTg, "HTTPS:443 default"],
                [alb, rule, "HTTPS:443"],
                [rule, fnTg, ""],
                [fnTg, fn, ""],
                [apiTg, "ECS service / api", ""],
                ["HTTP API / thumbs", fn, "GET /thumbs/{id}"],
                ["HPA 2–6 / catalog-v1", "Deployment / catalog-v1", "scales"],
                ["Service / catalog", "Deployment / catalog-v1", ""],
                ["Service / catalog", "Deployment / catalog-v2", ""],
                [vs, "subset v1 / catalog", "90%"],
                [vs, "subset v2 / catalog", "10%"],
                ["subset v1 / catalog", "Deployment / catalog-v1", ""],
                ["subset v2 / catalog", "Deployment / catalog-v2", ""],
            ]
                .map((e) => e.join(" | "))
                .sort(),
        );
    });

    it("puts each component's main children in its box and leaves the plumbing out", () => {
        expect(shopChart.boxes).toEqual(
            new Map([
                [
                    "Edge web",
                    [
                        "ALB / web",
                        "rule 10: /thumbs/* / web-thumbs",
                        "target group (lambda) / web-thumbs",
                        "target group HTTP:8080 / web-api",
                    ].sort(),
                ],
                ["Service api", ["ECS cluster / shop", "ECS service / api"]],
                ["Function thumbs", ["HTTP API / thumbs", "Lambda function / thumbs"]],
                [
                    "Platform eks",
                    [
                        "Deployment / catalog-v1",
                        "Deployment / catalog-v2",
                        "EKS cluster / shop",
                        "HPA 2–6 / catalog-v1",
                        "Service / catalog",
                        "VirtualService / catalog-route",
                        "node group / shop-general",
                        "node group / shop-spot",
                        "subset v1 / catalog",
                        "subset v2 / catalog",
                    ].sort(),
                ],
            ]),
        );
        const labels = [...shopChart.labels.values()].join("\n");
        for (const hidden of [
            "Role",
            "role",
            "LogGroup",
            "Parameter",
            "listener",
            "Permission",
            "TaskDefinition",
            "DestinationRule",
        ])
            expect(labels).not.toContain(hidden);
    });

    it("draws weighted forwarding, Auto Scaling groups, App Mesh weights, TargetGroupBindings and nested components", async () => {
        const chart = await parseFlowchart(renderMermaid(traffic));
        const nlb = [...chart.labels.values()].find((l) => l.startsWith("NLB"));
        expect(renderMermaid(traffic)).toContain(`NLB<br/>${mermaidText('edge "blue" #1 <b>')}`);
        expect(nlb).toBe('NLB / edge "blue" #1 <b>');
        const blue = "target group TCP:80 / blue";
        const green = "target group TCP:80 / green";
        expect(edgeSet(chart)).toEqual(
            [
                [nlb, blue, "TCP:80 default, weight 80"],
                [nlb, green, "TCP:80 default, weight 20"],
                [blue, "Auto Scaling group / blue", ""],
                [green, "Auto Scaling group / green", ""],
                [blue, "Service / web", ""],
                ["virtual router / router", "mesh route / route", ""],
                ["mesh route / route", "virtual node / svc-v1", "weight 75"],
                ["mesh route / route", "virtual node / svc-v2", "weight 25"],
            ]
                .map((e) => e.join(" | "))
                .sort(),
        );
        expect(chart.boxes.get("Outer outer")).toEqual([nlb, "Inner inner"].sort());
        expect(chart.boxes.get("Inner inner")).toEqual(
            ["Auto Scaling group / blue", "Auto Scaling group / green", blue, green].sort(),
        );
    });

    it("says what a rule that forwards nowhere answers, and draws a quick-create API to its function", async () => {
        const plan = throughJson(
            await runPlan(() => {
                const lb = new aws.lb.LoadBalancer("web", { loadBalancerType: "application" });
                const listener = new aws.lb.Listener("https", {
                    loadBalancerArn: lb.arn,
                    port: 443,
                    protocol: "HTTPS",
                    defaultActions: [
                        { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } },
                    ],
                });
                const conditions = (p: string) => [{ pathPattern: { values: [p] } }];
                new aws.lb.ListenerRule("down", {
                    listenerArn: listener.arn,
                    priority: 1,
                    conditions: conditions("/maintenance"),
                    actions: [
                        { type: "fixed-response", fixedResponse: { contentType: "text/html", statusCode: "503" } },
                    ],
                });
                new aws.lb.ListenerRule("moved", {
                    listenerArn: listener.arn,
                    priority: 2,
                    conditions: conditions("/old/*"),
                    actions: [{ type: "redirect", redirect: { path: "/new/", statusCode: "HTTP_301" } }],
                });
                const fn = new aws.lambda.Function("hello", {
                    runtime: "nodejs22.x",
                    handler: "index.handler",
                    role: "arn:aws:iam::123456789012:role/hello",
                });
                new aws.apigatewayv2.Api("hello", { protocolType: "HTTP", target: fn.arn });
            }),
        );
        const chart = await parseFlowchart(renderMermaid(plan));
        expect(edgeSet(chart)).toEqual(
            [
                ["ALB / web", "rule 1: /maintenance → fixed 503 / down", "HTTPS:443"],
                ["ALB / web", "rule 2: /old/* → redirect 301 / moved", "HTTPS:443"],
                ["HTTP API / hello", "Lambda function / hello", "$default"],
            ]
                .map((e) => e.join(" | "))
                .sort(),
        );
    });

    it("stays readable for a big stack: only the main resources are nodes", async () => {
        expect(big.resources.length).toBeGreaterThan(180);
        const chart = await parseFlowchart(renderMermaid(big));
        // 1 ALB + 1 cluster + 20 × (rule, target group, service); no roles, policies, groups, logs or alarms.
        expect(chart.labels.size).toBe(2 + 20 * 3);
        expect(chart.edges).toHaveLength(20 * 3);
        expect(chart.boxes.size).toBe(20);
        expect(chart.edges).toContainEqual(["ALB / edge", "rule 7: /svc7/* / svc7", "HTTPS:443"]);
    });

    it("is the same text however registration interleaved", () => {
        expect(renderMermaid({ ...shop, resources: [...shop.resources].reverse() })).toBe(renderMermaid(shop));
    });

    it("parses for an empty plan too", async () => {
        const chart = await parseFlowchart(renderMermaid({ ...shop, resources: [] }));
        expect(chart.labels.size).toBe(1);
    });

    it("the markdown diff's picture block parses as the head revision's flowchart", async () => {
        const md = renderDiffMarkdown(diffPlans(shop, shop), { picture: renderMermaid(shop) });
        const block = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1];
        expect(block).toBeDefined();
        expect(edgeSet(await parseFlowchart(block ?? ""))).toEqual(edgeSet(shopChart));
    });

    it("the real parser rejects broken text (the check is not a formality)", async () => {
        await expect(parseFlowchart('flowchart LR\n  a["unterminated] --> b')).rejects.toThrow(/Parse error/);
    });
});
