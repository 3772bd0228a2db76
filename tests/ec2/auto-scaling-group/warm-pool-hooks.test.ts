import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AutoScalingGroup, type AutoScalingGroupArgs, planAutoScalingGroup } from "../../../components/ec2";
import { jsonInput, only, resource, runPlan } from "../../support";

const CTX = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const base: AutoScalingGroupArgs = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    autoScaling: { min: 2, max: 10 },
};
const QUEUE = "arn:aws:sqs:us-east-1:123456789012:web-lifecycle";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:web-lifecycle";

function paths(extra: Partial<AutoScalingGroupArgs>): string[] {
    try {
        planAutoScalingGroup("web", { ...base, ...extra }, CTX);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors.map((x) => x.propertyPath);
        throw e;
    }
    return [];
}

describe("AutoScalingGroup.warmPool", () => {
    it("defaults to Stopped instances, none kept, AWS's prepared capacity, no reuse", () => {
        expect(planAutoScalingGroup("web", { ...base, warmPool: {} }, CTX).group.warmPool).toEqual({
            poolState: "Stopped",
            minSize: 0,
            instanceReusePolicy: { reuseOnScaleIn: false },
        });
    });

    it("renders AWS's warm pool inputs on the group", async () => {
        const plan = await runPlan(
            () =>
                void new AutoScalingGroup("web", {
                    ...base,
                    warmPool: { state: "Hibernated", minSize: 2, maxPreparedCapacity: 12, reuseOnScaleIn: true },
                }),
        );
        expect(only(plan, "aws:autoscaling/group:Group").inputs.warmPool).toEqual({
            poolState: "Hibernated",
            minSize: 2,
            maxGroupPreparedCapacity: 12,
            instanceReusePolicy: { reuseOnScaleIn: true },
        });
    });

    it.each<[string, Partial<AutoScalingGroupArgs>, string[]]>([
        [
            "with Spot (AWS refuses a warm pool there)",
            { instanceTypes: ["m5.large", "m5a.large"], spot: {}, warmPool: {} },
            ["warmPool"],
        ],
        ["with a mixed instances policy", { instanceTypes: ["m5.large", "m5a.large"], warmPool: {} }, ["warmPool"]],
        ["an unknown state", { warmPool: { state: "Warm" as "Stopped" } }, ["warmPool.state"]],
        ["a negative min size", { warmPool: { minSize: -1 } }, ["warmPool.minSize"]],
        [
            "max prepared capacity below the pool's min",
            { warmPool: { minSize: 5, maxPreparedCapacity: 3 } },
            ["warmPool.maxPreparedCapacity", "warmPool.minSize"],
        ],
        [
            "max prepared capacity below the group's min",
            { warmPool: { maxPreparedCapacity: 1 } },
            ["warmPool.maxPreparedCapacity"],
        ],
    ])("rejects %s", (_label, extra, expected) => {
        expect(paths(extra)).toEqual(expected);
    });
});

describe("AutoScalingGroup.lifecycleHooks", () => {
    it("launch and terminate hooks are created with the group, with AWS's defaults (3600 s, ABANDON)", () => {
        const plan = planAutoScalingGroup(
            "web",
            {
                ...base,
                lifecycleHooks: {
                    warm: { transition: "launch" },
                    drain: {
                        transition: "terminate",
                        heartbeatTimeoutSeconds: 30,
                        defaultResult: "CONTINUE",
                        metadata: "m",
                    },
                },
            },
            CTX,
        );
        expect(plan.group.initialLifecycleHooks).toEqual([
            {
                name: "warm",
                lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
                heartbeatTimeout: 3600,
                defaultResult: "ABANDON",
            },
            {
                name: "drain",
                lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
                heartbeatTimeout: 30,
                defaultResult: "CONTINUE",
                notificationMetadata: "m",
            },
        ]);
        // Without a target the events go to EventBridge: no role is created.
        expect(plan.hookRole).toBeUndefined();
    });

    it("SNS and SQS targets get a role Auto Scaling assumes, allowed to publish to exactly them", async () => {
        const plan = await runPlan(
            () =>
                void new AutoScalingGroup("web", {
                    ...base,
                    lifecycleHooks: {
                        drain: { transition: "terminate", target: { service: "sqs", arn: QUEUE } },
                        audit: { transition: "launch", target: { service: "sns", arn: TOPIC } },
                    },
                }),
        );
        const role = resource(plan, "aws:iam/role:Role", "web-hooks");
        expect(jsonInput(role, "assumeRolePolicy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { Service: "autoscaling.amazonaws.com" }, Action: "sts:AssumeRole" },
            ],
        });
        expect(jsonInput(resource(plan, "aws:iam/rolePolicy:RolePolicy", "web-hooks"), "policy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Sid: "PublishLifecycleEvents", Effect: "Allow", Action: "sns:Publish", Resource: [TOPIC] },
                {
                    Sid: "SendLifecycleEvents",
                    Effect: "Allow",
                    Action: ["sqs:SendMessage", "sqs:GetQueueUrl"],
                    Resource: [QUEUE],
                },
            ],
        });
        const hooks = only(plan, "aws:autoscaling/group:Group").inputs.initialLifecycleHooks as Record<
            string,
            unknown
        >[];
        expect(hooks.map((h) => [h.name, h.notificationTargetArn, h.roleArn])).toEqual([
            ["drain", QUEUE, role.outputs?.arn],
            ["audit", TOPIC, role.outputs?.arn],
        ]);
    });

    it.each<[string, Partial<AutoScalingGroupArgs>, string[]]>([
        [
            "a heartbeat below 30 s",
            { lifecycleHooks: { h: { transition: "launch", heartbeatTimeoutSeconds: 29 } } },
            ["lifecycleHooks.h.heartbeatTimeoutSeconds"],
        ],
        [
            "a heartbeat above 7200 s",
            { lifecycleHooks: { h: { transition: "launch", heartbeatTimeoutSeconds: 7201 } } },
            ["lifecycleHooks.h.heartbeatTimeoutSeconds"],
        ],
        [
            "an unknown transition",
            { lifecycleHooks: { h: { transition: "reboot" as "launch" } } },
            ["lifecycleHooks.h.transition"],
        ],
        [
            "an unknown default result",
            { lifecycleHooks: { h: { transition: "launch", defaultResult: "RETRY" as "CONTINUE" } } },
            ["lifecycleHooks.h.defaultResult"],
        ],
        [
            "metadata over 1023 characters",
            { lifecycleHooks: { h: { transition: "launch", metadata: "x".repeat(1024) } } },
            ["lifecycleHooks.h.metadata"],
        ],
        [
            "a hook name AWS rejects",
            { lifecycleHooks: { "drain now": { transition: "terminate" } } },
            ["lifecycleHooks.drain now"],
        ],
        [
            "a target ARN of another service",
            { lifecycleHooks: { h: { transition: "launch", target: { service: "sqs", arn: TOPIC } } } },
            ["lifecycleHooks.h.target.arn"],
        ],
    ])("rejects %s", (_label, extra, expected) => {
        expect(paths(extra)).toEqual(expected);
    });
});
