import { describe, expect, it } from "vitest";
import { AutoScalingGroup, planAutoScalingGroup } from "../../../components/ec2";
import { countingCalls, expectPlanned } from "../../ecs/shared/contract";
import { capturePlan, childrenOf, only, resource } from "../../support";
import { validArgs } from "./fixture";

const CTX = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };

describe("AutoScalingGroup: registered child inputs are the planner's result plus Outputs", () => {
    it("for the reference fixture, child by child, with no other child", async () => {
        const { counts, calls } = countingCalls();
        const { plan, error } = await capturePlan(() => void new AutoScalingGroup("web", validArgs), {
            mocks: { calls },
        });
        expect(error).toBeUndefined();
        const p = planAutoScalingGroup("web", validArgs, CTX);
        const component = only(plan, AutoScalingGroup.TYPE);
        const children = childrenOf(plan, component);
        const seen = new Set<string>();
        const child = (type: string, name: string) => {
            seen.add(`${type}::${name}`);
            return resource(plan, type, name);
        };

        expectPlanned(child("aws:iam/role:Role", "web-role"), p.role);
        expectPlanned(child("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "web-ssm"), {}, ["role", "policyArn"]);
        expectPlanned(child("aws:iam/instanceProfile:InstanceProfile", "web-profile"), p.instanceProfile, ["role"]);
        expectPlanned(child("aws:ec2/securityGroup:SecurityGroup", "web-sg"), p.securityGroup ?? {});
        expectPlanned(
            child("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "web-sg-egress"),
            p.egressRule ?? {},
            ["securityGroupId"],
        );
        expect(p.ingressRules.map((r) => r.key)).toEqual(["from-0-tcp-80", "from-0-tcp-443"]);
        for (const r of p.ingressRules) {
            expectPlanned(child("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", `web-${r.key}`), r.args, [
                "securityGroupId",
            ]);
        }
        expectPlanned(child("aws:ec2/launchTemplate:LaunchTemplate", "web-lt"), p.launchTemplate, [
            "imageId",
            "iamInstanceProfile",
            "networkInterfaces.0.securityGroups",
        ]);
        expectPlanned(child("aws:iam/role:Role", "web-hooks"), p.hookRole ?? {});
        expectPlanned(child("aws:iam/rolePolicy:RolePolicy", "web-hooks"), {}, ["role", "policy"]);
        // Hook 1 ("drain") notifies SQS through the hook role.
        expectPlanned(child("aws:autoscaling/group:Group", "web-asg"), p.group, [
            "launchTemplate",
            "initialLifecycleHooks.1.roleArn",
        ]);
        for (const pol of p.policies)
            expectPlanned(child("aws:autoscaling/policy:Policy", `web-${pol.key}`), pol.args, ["autoscalingGroupName"]);
        for (const a of p.alarms) {
            expectPlanned(child("aws:cloudwatch/metricAlarm:MetricAlarm", `web-${a.key}`), a.args, [
                "alarmActions",
                "dimensions.AutoScalingGroupName",
            ]);
        }
        for (const s of p.scheduledActions)
            expectPlanned(child("aws:autoscaling/schedule:Schedule", `web-${s.key}`), s.args, ["autoscalingGroupName"]);
        expect(children.map((r) => `${r.type}::${r.name}`).sort()).toEqual([...seen].sort());

        // Invokes: the AMI's SSM parameter, and the partition once per provider (awsContext), no policy documents.
        expect(counts["aws:ssm/getParameter:getParameter"]).toBe(1);
        expect(counts["aws:index/getPartition:getPartition"] ?? 0).toBeLessThanOrEqual(1);
        expect(counts["aws:iam/getPolicyDocument:getPolicyDocument"]).toBeUndefined();
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
    });

    it("two groups still make one partition lookup", async () => {
        const { counts, calls } = countingCalls();
        const { error } = await capturePlan(
            () => {
                new AutoScalingGroup("a", validArgs);
                new AutoScalingGroup("b", validArgs);
            },
            { mocks: { calls } },
        );
        expect(error).toBeUndefined();
        expect(counts["aws:index/getPartition:getPartition"]).toBe(1);
        expect(counts["aws:ssm/getParameter:getParameter"]).toBe(2);
    });
});
