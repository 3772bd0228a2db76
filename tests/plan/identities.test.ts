import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStackConfig } from "../../src/plan/config";
import { ofType, only, type Plan, type PlannedResource, resource, runPlan } from "../support";

/**
 * The mocks answer as AWS would: every id, ARN and AWS-assigned output is derived from the
 * resource's URN (its parents' types, its type and its name), in AWS's own shape, so the wiring
 * a reviewer reads in a plan is the wiring that will exist.
 */

const R = "eu-west-1";
const A = "123456789012";
const HEX = (n: number) => `[0-9a-f]{${n}}`;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Two components of different types, each with a child of the same type and name (as the ALB and the ASG both have `web-sg`). */
class Front extends pulumi.ComponentResource {
    readonly sg: aws.ec2.SecurityGroup;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Front", name, {}, opts);
        this.sg = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: "vpc-0123456789abcdef0" }, { parent: this });
        this.registerOutputs({});
    }
}
class Back extends pulumi.ComponentResource {
    readonly sg: aws.ec2.SecurityGroup;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Back", name, {}, opts);
        this.sg = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: "vpc-0123456789abcdef0" }, { parent: this });
        this.registerOutputs({});
    }
}

function everyType() {
    const front = new Front("web");
    const back = new Back("web");
    new aws.vpc.SecurityGroupIngressRule("web-from-front", {
        securityGroupId: back.sg.id,
        referencedSecurityGroupId: front.sg.id,
        ipProtocol: "tcp",
        fromPort: 80,
        toPort: 80,
    });
    const secret = new aws.secretsmanager.Secret("db");
    new aws.secretsmanager.SecretVersion("db", { secretId: secret.id, secretString: "x" });
    const alb = new aws.lb.LoadBalancer("web", { loadBalancerType: "application", subnets: ["subnet-1"] });
    const nlb = new aws.lb.LoadBalancer("edge", { loadBalancerType: "network", subnets: ["subnet-1"] });
    const gwlb = new aws.lb.LoadBalancer("inspect", { loadBalancerType: "gateway", subnets: ["subnet-1"] });
    const tg = new aws.lb.TargetGroup("api", { port: 8080, protocol: "HTTP", vpcId: "vpc-1", targetType: "ip" });
    const listener = new aws.lb.Listener("https", {
        loadBalancerArn: alb.arn,
        port: 443,
        defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
    });
    new aws.lb.Listener("tls", {
        loadBalancerArn: nlb.arn,
        port: 443,
        defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
    });
    new aws.lb.Listener("geneve", {
        loadBalancerArn: gwlb.arn,
        defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
    });
    new aws.lb.ListenerRule("api", {
        listenerArn: listener.arn,
        priority: 10,
        actions: [{ type: "forward", targetGroupArn: tg.arn }],
        conditions: [{ pathPattern: { values: ["/api/*"] } }],
    });
    const fn = new aws.lambda.Function("orders", {
        runtime: "nodejs22.x",
        handler: "index.handler",
        role: "arn:aws:iam::123456789012:role/r",
        publish: true,
    });
    new aws.ecs.TaskDefinition("api", { family: "api", containerDefinitions: "[]" });
    new aws.autoscaling.Group("web", { minSize: 1, maxSize: 2 });
    new aws.cloudwatch.LogGroup("api", {});
    new aws.sqs.Queue("orders", {});
    new aws.sqs.Queue("jobs", { fifoQueue: true });
    new aws.dynamodb.Table("orders", {
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        streamEnabled: true,
        streamViewType: "NEW_IMAGE",
    });
    new aws.eks.Cluster("platform", {
        roleArn: "arn:aws:iam::123456789012:role/eks",
        vpcConfig: { subnetIds: ["subnet-1"] },
    });
    new aws.iam.OpenIdConnectProvider("platform", {
        url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        clientIdLists: ["sts.amazonaws.com"],
    });
    new aws.iam.Role("api", { assumeRolePolicy: "{}" });
    new aws.kms.Key("logs", {});
    new aws.ec2.LaunchTemplate("web", {});
    return { functionArn: fn.arn };
}

let plan: Plan;
beforeAll(async () => {
    plan = await runPlan(everyType, { config: { "aws:region": R } });
});

/** The ARNs resources have of their own (a secret version's `arn` is its secret's, as in AWS). */
const ownArns = (p: Plan): string[] =>
    p.resources
        .filter((r) => r.type !== "aws:secretsmanager/secretVersion:SecretVersion")
        .map((r) => r.outputs?.arn)
        .filter((x): x is string => x !== undefined);

const out = (type: string, name: string, key = "id"): string => {
    const r = resource(plan, type, name);
    return r.outputs?.[key] ?? "";
};

describe("mock identities", () => {
    it("give two resources of the same type and name under different parents different ids, stable across runs", async () => {
        const groups = ofType(plan, "aws:ec2/securityGroup:SecurityGroup");
        expect(groups.map((g) => g.name)).toEqual(["web-sg", "web-sg"]);
        const [a, b] = groups.map((g) => g.outputs?.id);
        expect(a).toMatch(new RegExp(`^sg-${HEX(17)}$`));
        expect(b).toMatch(new RegExp(`^sg-${HEX(17)}$`));
        expect(a).not.toBe(b);
        // The rule attaches to the back's group and references the front's.
        const rule = only(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        const ofParent = (t: string) => groups.find((g) => g.urn.includes(`${t}$`))?.outputs?.id;
        expect(rule.inputs.securityGroupId).toBe(ofParent("test:index:Back"));
        expect(rule.inputs.referencedSecurityGroupId).toBe(ofParent("test:index:Front"));
        expect(rule.outputs?.id).toMatch(new RegExp(`^sgr-${HEX(17)}$`));
        // The same program gives the same identities.
        const again = await runPlan(everyType, { config: { "aws:region": R } });
        expect(again.resources.map((r) => r.outputs)).toEqual(plan.resources.map((r) => r.outputs));
    });

    it("no two resources share an ARN, and no two of one type share an id", () => {
        const arns = ownArns(plan);
        expect(new Set(arns).size).toBe(arns.length);
        const ids = plan.resources.filter((r) => r.custom).map((r) => `${r.type} ${r.outputs?.id}`);
        expect(new Set(ids).size).toBe(ids.length);
    });

    it("are in AWS's shapes", () => {
        const elb = `arn:aws:elasticloadbalancing:${R}:${A}:`;
        const albSuffix = out("aws:lb/loadBalancer:LoadBalancer", "web", "arnSuffix");
        expect(albSuffix).toMatch(new RegExp(`^app/web-${HEX(7)}/${HEX(16)}$`));
        expect(out("aws:lb/loadBalancer:LoadBalancer", "web", "arn")).toBe(`${elb}loadbalancer/${albSuffix}`);
        expect(out("aws:lb/loadBalancer:LoadBalancer", "edge", "arnSuffix")).toMatch(
            new RegExp(`^net/edge-${HEX(7)}/${HEX(16)}$`),
        );
        expect(out("aws:lb/loadBalancer:LoadBalancer", "inspect", "arnSuffix")).toMatch(
            new RegExp(`^gwy/inspect-${HEX(7)}/${HEX(16)}$`),
        );
        const tgSuffix = out("aws:lb/targetGroup:TargetGroup", "api", "arnSuffix");
        expect(tgSuffix).toMatch(new RegExp(`^targetgroup/api-${HEX(7)}/${HEX(16)}$`));
        expect(out("aws:lb/targetGroup:TargetGroup", "api", "arn")).toBe(`${elb}${tgSuffix}`);
        // Listener and rule ARNs nest under their load balancer's and listener's.
        const listener = out("aws:lb/listener:Listener", "https", "arn");
        expect(listener).toMatch(new RegExp(`^${elb}listener/${albSuffix}/${HEX(16)}$`));
        expect(out("aws:lb/listener:Listener", "tls", "arn")).toMatch(
            new RegExp(`^${elb}listener/net/edge-${HEX(7)}/${HEX(16)}/${HEX(16)}$`),
        );
        expect(out("aws:lb/listener:Listener", "geneve", "arn")).toMatch(
            new RegExp(`^${elb}listener/gwy/inspect-${HEX(7)}/${HEX(16)}/${HEX(16)}$`),
        );
        expect(out("aws:lb/listenerRule:ListenerRule", "api", "arn")).toMatch(
            new RegExp(`^${listener.replace(":listener/", ":listener-rule/")}/${HEX(16)}$`),
        );

        expect(out("aws:secretsmanager/secret:Secret", "db", "arn")).toMatch(
            new RegExp(`^arn:aws:secretsmanager:${R}:${A}:secret:db-${HEX(7)}-[A-Za-z0-9]{6}$`),
        );
        expect(out("aws:secretsmanager/secretVersion:SecretVersion", "db")).toMatch(
            new RegExp(`^arn:aws:secretsmanager:.*\\|${UUID}$`),
        );

        const fn = resource(plan, "aws:lambda/function:Function", "orders").outputs ?? {};
        expect(fn.arn).toMatch(new RegExp(`^arn:aws:lambda:${R}:${A}:function:orders-${HEX(7)}$`));
        expect(fn.qualifiedArn).toBe(`${fn.arn}:1`);
        expect(fn.invokeArn).toBe(`arn:aws:apigateway:${R}:lambda:path/2015-03-31/functions/${fn.arn}/invocations`);

        expect(out("aws:ecs/taskDefinition:TaskDefinition", "api", "arn")).toBe(
            `arn:aws:ecs:${R}:${A}:task-definition/api:1`,
        );
        expect(out("aws:autoscaling/group:Group", "web", "arn")).toMatch(
            new RegExp(`^arn:aws:autoscaling:${R}:${A}:autoScalingGroup:${UUID}:autoScalingGroupName/web-${HEX(7)}$`),
        );
        expect(out("aws:cloudwatch/logGroup:LogGroup", "api", "arn")).toMatch(
            new RegExp(`^arn:aws:logs:${R}:${A}:log-group:api-${HEX(7)}$`),
        );

        const queue = resource(plan, "aws:sqs/queue:Queue", "orders").outputs ?? {};
        expect(queue.arn).toMatch(new RegExp(`^arn:aws:sqs:${R}:${A}:orders-${HEX(7)}$`));
        expect(queue.id).toBe(`https://sqs.${R}.amazonaws.com/${A}/${queue.name}`);
        expect(out("aws:sqs/queue:Queue", "jobs", "name")).toMatch(new RegExp(`^jobs-${HEX(7)}\\.fifo$`));

        const table = resource(plan, "aws:dynamodb/table:Table", "orders");
        expect(table.outputs?.arn).toMatch(new RegExp(`^arn:aws:dynamodb:${R}:${A}:table/orders-${HEX(7)}$`));

        expect(out("aws:eks/cluster:Cluster", "platform", "arn")).toMatch(
            new RegExp(`^arn:aws:eks:${R}:${A}:cluster/platform-${HEX(7)}$`),
        );
        expect(out("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "platform", "arn")).toBe(
            `arn:aws:iam::${A}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`,
        );
        expect(out("aws:iam/role:Role", "api", "arn")).toMatch(new RegExp(`^arn:aws:iam::${A}:role/api-${HEX(7)}$`));
        expect(out("aws:kms/key:Key", "logs")).toMatch(new RegExp(`^${UUID}$`));
        expect(out("aws:ec2/launchTemplate:LaunchTemplate", "web")).toMatch(new RegExp(`^lt-${HEX(17)}$`));
        expect(out("aws:ec2/launchTemplate:LaunchTemplate", "web", "arn")).toMatch(
            new RegExp(`^arn:aws:ec2:${R}:${A}:launch-template/lt-${HEX(17)}$`),
        );
        const sg = ofType(plan, "aws:ec2/securityGroup:SecurityGroup")[0].outputs ?? {};
        expect(sg.arn).toBe(`arn:aws:ec2:${R}:${A}:security-group/${sg.id}`);
    });

    it("DynamoDB streams and the function's other outputs reach the program in AWS's shape", async () => {
        const p = await runPlan(
            () => {
                const t = new aws.dynamodb.Table("orders", {
                    hashKey: "id",
                    attributes: [{ name: "id", type: "S" }],
                    streamEnabled: true,
                    streamViewType: "NEW_IMAGE",
                });
                const q = new aws.sqs.Queue("q", {});
                return { stream: t.streamArn, url: q.url };
            },
            { config: { "aws:region": R } },
        );
        expect(p.outputs.stream).toMatch(
            new RegExp(
                `^arn:aws:dynamodb:${R}:${A}:table/orders-${HEX(7)}/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}$`,
            ),
        );
        expect(p.outputs.url).toMatch(new RegExp(`^https://sqs\\.${R}\\.amazonaws\\.com/${A}/q-${HEX(7)}$`));
    });
});

describe("the prod plan's security-group references", () => {
    let prod: Plan;
    beforeAll(async () => {
        const root = path.resolve(__dirname, "../..");
        const { config, secretKeys } = loadStackConfig(path.join(root, "stacks/Pulumi.prod.yaml"), "compute-layer");
        prod = await runPlan(path.join(root, "stacks/index.ts"), {
            project: "compute-layer",
            stack: "prod",
            config,
            secretKeys,
        });
    }, 60_000);

    const groups = () => ofType(prod, "aws:ec2/securityGroup:SecurityGroup");
    const groupOf = (parentType: string): PlannedResource[] =>
        groups().filter((g) => g.urn.includes(`${parentType}$aws:ec2/securityGroup:SecurityGroup::`));
    const rules = () => [
        ...ofType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
        ...ofType(prod, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
    ];

    it("gives every resource its own id", () => {
        const ids = prod.resources.filter((r) => r.custom).map((r) => `${r.type} ${r.outputs?.id}`);
        expect(ids.filter((x, i) => ids.indexOf(x) !== i)).toEqual([]);
        const arns = ownArns(prod);
        expect(arns.filter((x, i) => arns.indexOf(x) !== i)).toEqual([]);
    });

    it("attaches the ALB-to-instances rule to the instances' group, referencing the ALB's group", () => {
        const [albSg] = groupOf("compute-layer:index:ApplicationLoadBalancer");
        const [asgSg] = groupOf("compute-layer:index:AutoScalingGroup");
        expect(albSg?.outputs?.id).toMatch(/^sg-[0-9a-f]{17}$/);
        expect(asgSg?.outputs?.id).toMatch(/^sg-[0-9a-f]{17}$/);
        expect(albSg.outputs?.id).not.toBe(asgSg.outputs?.id);
        const fromAlb = rules().filter(
            (r) =>
                r.inputs.securityGroupId === asgSg.outputs?.id &&
                r.inputs.referencedSecurityGroupId === albSg.outputs?.id,
        );
        expect(fromAlb.length).toBeGreaterThan(0);
        // The instances' launch template uses the instances' group, not the ALB's.
        const templates = ofType(prod, "aws:ec2/launchTemplate:LaunchTemplate").filter(
            (t) => t.parent === asgSg.parent,
        );
        for (const t of templates) expect(JSON.stringify(t.inputs)).not.toContain(String(albSg.outputs?.id));
    });

    it("lets each ECS service's group admit the ALB's group", () => {
        const [albSg] = groupOf("compute-layer:index:ApplicationLoadBalancer");
        const services = groupOf("compute-layer:index:EcsService");
        expect(services.length).toBeGreaterThan(0);
        for (const sg of services) {
            const admits = rules().some(
                (r) =>
                    r.type.endsWith("IngressRule") &&
                    r.inputs.securityGroupId === sg.outputs?.id &&
                    r.inputs.referencedSecurityGroupId === albSg.outputs?.id,
            );
            expect(admits, `${sg.name} admits the ALB's group`).toBe(true);
        }
    });

    it("has no rule that references its own group", () => {
        // The library writes no self-referencing rule; one would be a sign of ids shared between groups.
        const self = rules().filter(
            (r) =>
                r.inputs.referencedSecurityGroupId !== undefined &&
                r.inputs.referencedSecurityGroupId === r.inputs.securityGroupId,
        );
        expect(self.map((r) => r.name)).toEqual([]);
        // Every group a rule names exists in the plan.
        // (The EKS control plane's own group is an output of the cluster, not a group resource.)
        const known = new Set(
            [
                ...groups().map((g) => g.outputs?.id),
                ...prod.resources.map((r) => r.outputs?.clusterSecurityGroupId),
            ].filter(Boolean),
        );
        for (const r of rules()) {
            expect(known.has(String(r.inputs.securityGroupId)), `${r.name}'s group`).toBe(true);
            if (typeof r.inputs.referencedSecurityGroupId === "string")
                expect(known.has(r.inputs.referencedSecurityGroupId), `${r.name}'s referenced group`).toBe(true);
        }
    });
});
