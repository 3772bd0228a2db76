import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { EcsService, type EcsServiceArgs, planEcsService, type ServiceDeploymentArgs } from "../../../components/ecs";
import { input, jsonInput, only, type Plan, resource, runPlan } from "../../support";
import { HOOK_ARN, LISTENER_ARN, validArgs } from "./fixture";
import { referenceService, TARGET_GROUP_ARN } from "./reference";

const CTX = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const T = {
    service: "aws:ecs/service:Service",
    rule: "aws:lb/listenerRule:ListenerRule",
    tg: "aws:lb/targetGroup:TargetGroup",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
};

/** REFERENCE.md's App Mesh route sends 90% to web-v1 and 10% to web-v2: the same canary, with ECS's native strategy. */
const rule = { listenerArn: LISTENER_ARN, priority: 100, pathPatterns: ["/*"] };
const canary: ServiceDeploymentArgs = {
    strategy: "canary",
    canary: { percent: 10, bakeTimeMinutes: 15 },
    bakeTimeMinutes: 30,
    productionListenerRule: rule,
};

function paths(deployment: ServiceDeploymentArgs | undefined, over: Partial<EcsServiceArgs> = {}): string[] {
    try {
        planEcsService("web-app", referenceService({ deployment, ...over }), CTX);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors.map((x) => x.propertyPath);
        throw e;
    }
    return [];
}

describe("EcsService.deployment: REFERENCE.md's 90/10 canary on ECS", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await runPlan(() => void new EcsService("web-app", referenceService({ deployment: canary })));
    });

    it("deploys with the CANARY strategy: 10% of production traffic to the new tasks (90% stays), 15 minutes, then all", () => {
        const svc = only(plan, T.service);
        expect(svc.inputs.deploymentConfiguration).toEqual({
            strategy: "CANARY",
            canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: "15" },
            bakeTimeInMinutes: "30",
        });
        // The circuit breaker stays on, with rollback.
        expect(svc.inputs.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
    });

    it("gives ECS the alternate target group, the production listener rule and the role that shifts traffic", () => {
        const svc = only(plan, T.service);
        const alternate = resource(plan, T.tg, "web-app-alternate");
        const rule = resource(plan, T.rule, "web-app-production-rule");
        const role = resource(plan, T.role, "web-app-deploy");
        expect(input(svc, "loadBalancers.0")).toEqual({
            targetGroupArn: TARGET_GROUP_ARN,
            containerName: "nginx",
            containerPort: 80,
            advancedConfiguration: {
                alternateTargetGroupArn: alternate.outputs?.arn,
                productionListenerRule: rule.outputs?.arn,
                roleArn: role.outputs?.arn,
            },
        });
        expect(alternate.inputs).toMatchObject({
            port: 80,
            protocol: "HTTP",
            targetType: "ip",
            vpcId: "vpc-0reference00000001",
            healthCheck: { path: "/" },
        });
    });

    it("the production rule forwards 100/0 to the two target groups, and Pulumi leaves the weights to ECS", () => {
        const rule = resource(plan, T.rule, "web-app-production-rule");
        expect(rule.inputs).toMatchObject({
            listenerArn: LISTENER_ARN,
            priority: 100,
            conditions: [{ pathPattern: { values: ["/*"] } }],
            actions: [
                {
                    type: "forward",
                    forward: {
                        targetGroups: [
                            { arn: TARGET_GROUP_ARN, weight: 100 },
                            { arn: resource(plan, T.tg, "web-app-alternate").outputs?.arn, weight: 0 },
                        ],
                    },
                },
            ],
        });
        expect(rule.options.ignoreChanges).toEqual(["actions"]);
    });

    it("the deployment role trusts ecs.amazonaws.com and carries AWS's load-balancer policy", () => {
        const role = resource(plan, T.role, "web-app-deploy");
        expect(jsonInput(role, "assumeRolePolicy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "EcsInfrastructure",
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Principal: { Service: "ecs.amazonaws.com" },
                },
            ],
        });
        expect(resource(plan, T.attachment, "web-app-deploy-elb").inputs.policyArn).toBe(
            "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
        );
        // The service waits for the role's policy, or ECS can't shift traffic on the first deployment.
        expect(only(plan, T.service).options.dependsOn).toContain(
            resource(plan, T.attachment, "web-app-deploy-elb").urn,
        );
    });
});

describe("EcsService.deployment: lifecycle hooks, linear, blue/green, a given alternate and test rule", () => {
    it("a Lambda hook is invoked through the deployment role, which may invoke exactly it", async () => {
        const plan = await runPlan(() => void new EcsService("web-app", validArgs));
        const svc = only(plan, T.service);
        const role = resource(plan, T.role, "web-app-deploy");
        expect(input(svc, "deploymentConfiguration.lifecycleHooks")).toEqual([
            {
                lifecycleStages: ["POST_TEST_TRAFFIC_SHIFT"],
                targetType: "AWS_LAMBDA",
                hookTargetArn: HOOK_ARN,
                roleArn: role.outputs?.arn,
            },
        ]);
        expect(jsonInput(resource(plan, T.rolePolicy, "web-app-deploy-hooks"), "policy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Sid: "InvokeLifecycleHooks", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: HOOK_ARN },
            ],
        });
    });

    it("linear and blue/green translate to LINEAR and BLUE_GREEN; pauses carry their timeout", () => {
        const linear = planEcsService(
            "web-app",
            referenceService({
                deployment: {
                    strategy: "linear",
                    linear: { stepPercent: 25, stepBakeTimeMinutes: 5 },
                    productionListenerRuleArn:
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/1/2/3",
                    alternateTargetGroupArn:
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-b/0123456789abcdef",
                    lifecycleHooks: [
                        {
                            stages: ["PRE_SCALE_UP", "POST_PRODUCTION_TRAFFIC_SHIFT"],
                            pause: { timeoutMinutes: 60, onTimeout: "CONTINUE" },
                        },
                    ],
                },
            }),
            CTX,
        );
        expect(linear.service.deploymentConfiguration).toEqual({
            strategy: "LINEAR",
            linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: "5" },
            lifecycleHooks: [
                {
                    lifecycleStages: ["PRE_SCALE_UP", "POST_PRODUCTION_TRAFFIC_SHIFT"],
                    targetType: "PAUSE",
                    timeoutConfiguration: { action: "CONTINUE", timeoutInMinutes: "60" },
                },
            ],
        });
        // Given alternate and rule: nothing created for them, both passed through.
        expect(linear.trafficShift?.alternateTargetGroup).toBeUndefined();
        expect(linear.trafficShift?.productionListenerRule).toBeUndefined();
        expect(linear.service.loadBalancers?.[0].advancedConfiguration).toEqual({
            alternateTargetGroupArn:
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-b/0123456789abcdef",
            productionListenerRule: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/1/2/3",
        });
        const blueGreen = planEcsService(
            "web-app",
            referenceService({ deployment: { ...canary, strategy: "blueGreen", canary: undefined } }),
            CTX,
        );
        expect(blueGreen.service.deploymentConfiguration).toEqual({ strategy: "BLUE_GREEN", bakeTimeInMinutes: "30" });
    });

    it("a test listener rule is created and handed to ECS", async () => {
        const plan = await runPlan(
            () =>
                void new EcsService(
                    "web-app",
                    referenceService({
                        deployment: {
                            ...canary,
                            testListenerRule: {
                                listenerArn: LISTENER_ARN,
                                priority: 90,
                                hostHeaders: ["test.example.com"],
                            },
                        },
                    }),
                ),
        );
        const test = resource(plan, T.rule, "web-app-test-rule");
        expect(test.inputs).toMatchObject({
            priority: 90,
            conditions: [{ hostHeader: { values: ["test.example.com"] } }],
        });
        expect(input(only(plan, T.service), "loadBalancers.0.advancedConfiguration.testListenerRule")).toBe(
            test.outputs?.arn,
        );
    });

    it("rolling stays the default: no deploymentConfiguration, no extra children", () => {
        const plan = planEcsService("web-app", referenceService(), CTX);
        expect(plan.service.deploymentConfiguration).toBeUndefined();
        expect(plan.trafficShift).toBeUndefined();
    });
});

describe("EcsService.deployment: AWS's ranges and the strategies' rules", () => {
    it.each<[string, ServiceDeploymentArgs | undefined, Partial<EcsServiceArgs>, string[]]>([
        ["canary without its configuration", { ...canary, canary: undefined }, {}, ["deployment.canary"]],
        [
            "canary percent below 0.1",
            { ...canary, canary: { percent: 0.05, bakeTimeMinutes: 5 } },
            {},
            ["deployment.canary.percent"],
        ],
        [
            "canary percent above 100",
            { ...canary, canary: { percent: 101, bakeTimeMinutes: 5 } },
            {},
            ["deployment.canary.percent"],
        ],
        [
            "canary bake above 1440 minutes",
            { ...canary, canary: { percent: 10, bakeTimeMinutes: 1441 } },
            {},
            ["deployment.canary.bakeTimeMinutes"],
        ],
        ["bake time above 1440 minutes", { ...canary, bakeTimeMinutes: 2000 }, {}, ["deployment.bakeTimeMinutes"]],
        [
            "linear step below 3 percent",
            { strategy: "linear", linear: { stepPercent: 2, stepBakeTimeMinutes: 1 }, productionListenerRule: rule },
            {},
            ["deployment.linear.stepPercent"],
        ],
        [
            "linear without its configuration",
            { strategy: "linear", productionListenerRule: rule },
            {},
            ["deployment.linear"],
        ],
        [
            "a canary configuration on a linear deployment",
            {
                strategy: "linear",
                linear: { stepPercent: 10, stepBakeTimeMinutes: 1 },
                canary: { percent: 10, bakeTimeMinutes: 1 },
                productionListenerRule: rule,
            },
            {},
            ["deployment.canary"],
        ],
        ["traffic shifting without a load balancer", canary, { loadBalancer: undefined }, ["deployment.strategy"]],
        [
            "no production listener rule",
            { ...canary, productionListenerRule: undefined },
            {},
            ["deployment.productionListenerRule"],
        ],
        [
            "both a rule ARN and a rule to create",
            { ...canary, productionListenerRuleArn: "arn:aws:elasticloadbalancing:us-east-1:1:listener-rule/x" },
            {},
            ["deployment.productionListenerRule"],
        ],
        [
            "a rule without conditions",
            { ...canary, productionListenerRule: { listenerArn: LISTENER_ARN, priority: 1 } },
            {},
            ["deployment.productionListenerRule"],
        ],
        [
            "a rule priority of 0",
            { ...canary, productionListenerRule: { ...rule, priority: 0 } },
            {},
            ["deployment.productionListenerRule.priority"],
        ],
        [
            "test and production rules on one priority",
            { ...canary, testListenerRule: { ...rule } },
            {},
            ["deployment.testListenerRule.priority"],
        ],
        ["rolling with a bake time", { bakeTimeMinutes: 10 }, {}, ["deployment.bakeTimeMinutes"]],
        [
            "rolling with lifecycle hooks",
            { lifecycleHooks: [{ stages: ["PRE_SCALE_UP"], pause: {} }] },
            {},
            ["deployment.lifecycleHooks"],
        ],
        [
            "a hook with neither a function nor a pause",
            { ...canary, lifecycleHooks: [{ stages: ["PRE_SCALE_UP"] }] },
            {},
            ["deployment.lifecycleHooks[0]"],
        ],
        [
            "a hook with both",
            { ...canary, lifecycleHooks: [{ stages: ["PRE_SCALE_UP"], pause: {}, lambdaArn: HOOK_ARN }] },
            {},
            ["deployment.lifecycleHooks[0]"],
        ],
        [
            "a pause at PRODUCTION_TRAFFIC_SHIFT",
            { ...canary, lifecycleHooks: [{ stages: ["PRODUCTION_TRAFFIC_SHIFT"], pause: {} }] },
            {},
            ["deployment.lifecycleHooks[0].stages[0]"],
        ],
        [
            "a stage twice",
            { ...canary, lifecycleHooks: [{ stages: ["PRE_SCALE_UP", "PRE_SCALE_UP"], lambdaArn: HOOK_ARN }] },
            {},
            ["deployment.lifecycleHooks[0].stages[1]"],
        ],
        [
            "an unknown stage",
            { ...canary, lifecycleHooks: [{ stages: ["DEPLOY" as "PRE_SCALE_UP"], lambdaArn: HOOK_ARN }] },
            {},
            ["deployment.lifecycleHooks[0].stages[0]"],
        ],
        [
            "a hook ARN that is not a function",
            {
                ...canary,
                lifecycleHooks: [{ stages: ["PRE_SCALE_UP"], lambdaArn: "arn:aws:sns:us-east-1:123456789012:t" }],
            },
            {},
            ["deployment.lifecycleHooks[0].lambdaArn"],
        ],
        [
            "a pause timeout above 20160 minutes",
            { ...canary, lifecycleHooks: [{ stages: ["PRE_SCALE_UP"], pause: { timeoutMinutes: 20161 } }] },
            {},
            ["deployment.lifecycleHooks[0].pause.timeoutMinutes"],
        ],
        [
            "a health-check path for a given alternate",
            {
                ...canary,
                alternateTargetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/b/1",
                alternateHealthCheckPath: "/h",
            },
            {},
            ["deployment.alternateHealthCheckPath"],
        ],
        ["an unknown strategy", { strategy: "recreate" as "rolling" }, {}, ["deployment.strategy"]],
    ])("%s", (_label, deployment, over, expected) => {
        expect(paths(deployment, over)).toEqual(expected);
    });

    it("requests per target with a traffic-shifting strategy is an error (the tasks move between two target groups); with rolling it is fine", () => {
        const requests = {
            autoScaling: {
                min: 2,
                max: 10,
                targetTracking: [
                    { metric: "cpu" as const, target: 70 },
                    {
                        metric: "requestCountPerTarget" as const,
                        target: 1000,
                        resourceLabel: "app/web/1/targetgroup/web/2",
                    },
                ],
            },
        };
        for (const deployment of [
            canary,
            { strategy: "blueGreen" as const, productionListenerRule: rule },
            {
                strategy: "linear" as const,
                linear: { stepPercent: 10, stepBakeTimeMinutes: 5 },
                productionListenerRule: rule,
            },
        ]) {
            let reason: string | undefined;
            try {
                planEcsService("web-app", referenceService({ deployment, ...requests }), CTX);
            } catch (e) {
                if (!pulumi.InputPropertiesError.isInstance(e)) throw e;
                expect(e.errors.map((x) => x.propertyPath)).toEqual(["autoScaling.targetTracking[1].metric"]);
                reason = e.errors[0].reason;
            }
            expect(reason).toContain(
                `deployment.strategy ${JSON.stringify(deployment.strategy)} moves the tasks between two`,
            );
            expect(reason).toContain('a "custom" metric summing both target groups');
        }
        expect(paths({ strategy: "rolling" }, requests)).toEqual([]);
    });
});
