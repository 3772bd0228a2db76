import { describe, expect, it } from "vitest";
import { EcsService, planEcsService } from "../../../components/ecs";
import { withLogs } from "../../../components/ecs/shared/task-definition";
import { capturePlan, childrenOf, jsonInput, only, resource } from "../../support";
import { countingCalls, expectPlanned } from "../shared/contract";
import { validArgs } from "./fixture";

const CTX = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const TARGET_FIELDS = ["resourceId", "scalableDimension", "serviceNamespace"];

describe("EcsService: registered child inputs are the planner's result plus Outputs", () => {
    it("for the reference fixture, child by child, with no other child", async () => {
        const { counts, calls } = countingCalls();
        const { plan, error } = await capturePlan(() => void new EcsService("web-app", validArgs), {
            mocks: { calls },
        });
        expect(error).toBeUndefined();
        const p = planEcsService("web-app", validArgs, CTX);
        const seen = new Set<string>();
        const child = (type: string, name: string) => {
            seen.add(`${type}::${name}`);
            return resource(plan, type, name);
        };
        const shift = p.trafficShift;
        const scaling = p.scaling;
        expect(shift && scaling && p.taskRoleExecPolicy && p.efs[0]?.mountTargetRule).toBeTruthy();
        if (!shift || !scaling || !p.efs[0]?.mountTargetRule) return;

        expectPlanned(child("aws:cloudwatch/logGroup:LogGroup", "web-app-logs"), p.logGroup);
        expectPlanned(child("aws:iam/role:Role", "web-app-execution"), p.executionRole, ["assumeRolePolicy"]);
        expectPlanned(child("aws:iam/rolePolicy:RolePolicy", "web-app-execution"), {}, ["role", "policy"]);
        expectPlanned(child("aws:iam/role:Role", "web-app-task"), p.taskRole, ["assumeRolePolicy"]);
        expectPlanned(child("aws:iam/rolePolicy:RolePolicy", "web-app-task-exec"), { policy: p.taskRoleExecPolicy }, [
            "role",
        ]);
        expectPlanned(child("aws:iam/rolePolicy:RolePolicy", "web-app-task-efs"), {}, ["role", "policy"]);
        expectPlanned(child("aws:ecs/taskDefinition:TaskDefinition", "web-app-task"), p.taskDefinition, [
            "containerDefinitions",
            "executionRoleArn",
            "taskRoleArn",
        ]);
        // The container definitions are the planner's, with only the log configuration added.
        const task = resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "web-app-task");
        const logGroup = resource(plan, "aws:cloudwatch/logGroup:LogGroup", "web-app-logs");
        expect(jsonInput(task, "containerDefinitions")).toEqual(
            JSON.parse(
                JSON.stringify(
                    withLogs(p.containerDefinitions, { group: String(logGroup.inputs.name), region: "us-east-1" }),
                ),
            ),
        );
        expectPlanned(child("aws:ec2/securityGroup:SecurityGroup", "web-app-sg"), p.securityGroup);
        for (const r of p.ingressRules) {
            expectPlanned(
                child("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", `web-app-${r.key}`),
                r.args,
                ["securityGroupId"],
            );
        }
        expectPlanned(
            child("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "web-app-egress"),
            p.egressRule,
            ["securityGroupId"],
        );
        expectPlanned(
            child("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-app-efs-shared"),
            p.efs[0].mountTargetRule,
            ["referencedSecurityGroupId"],
        );
        expectPlanned(child("aws:iam/role:Role", "web-app-deploy"), shift.role);
        expectPlanned(child("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "web-app-deploy-elb"), {}, [
            "role",
            "policyArn",
        ]);
        expectPlanned(child("aws:iam/rolePolicy:RolePolicy", "web-app-deploy-hooks"), {}, ["role", "policy"]);
        expectPlanned(child("aws:lb/targetGroup:TargetGroup", "web-app-alternate"), shift.alternateTargetGroup ?? {});
        expectPlanned(
            child("aws:lb/listenerRule:ListenerRule", "web-app-production-rule"),
            shift.productionListenerRule ?? {},
            ["actions.0.forward.targetGroups.1.arn"],
        );
        expectPlanned(child("aws:ecs/service:Service", "web-app-service"), p.service, [
            "taskDefinition",
            "networkConfiguration.securityGroups.0",
            "loadBalancers.0.advancedConfiguration.roleArn",
            "loadBalancers.0.advancedConfiguration.alternateTargetGroupArn",
            "loadBalancers.0.advancedConfiguration.productionListenerRule",
            "deploymentConfiguration.lifecycleHooks.0.roleArn",
            "serviceConnectConfiguration.logConfiguration",
        ]);
        expectPlanned(child("aws:appautoscaling/target:Target", "web-app-scaling"), scaling.target, ["resourceId"]);
        for (const pol of scaling.policies)
            expectPlanned(child("aws:appautoscaling/policy:Policy", `web-app-${pol.key}`), pol.args, TARGET_FIELDS);
        for (const a of scaling.alarms) {
            expectPlanned(child("aws:cloudwatch/metricAlarm:MetricAlarm", `web-app-${a.key}`), a.args, [
                "alarmActions",
                "dimensions.ServiceName",
            ]);
        }
        for (const s of scaling.scheduledActions) {
            expectPlanned(
                child("aws:appautoscaling/scheduledAction:ScheduledAction", `web-app-${s.key}`),
                s.args,
                TARGET_FIELDS,
            );
        }
        const children = childrenOf(plan, only(plan, EcsService.TYPE));
        expect(children.map((r) => `${r.type}::${r.name}`).sort()).toEqual([...seen].sort());

        // Invokes: region, partition and account once each (awsContext); IAM documents are built locally.
        expect(counts).toEqual({
            "aws:index/getRegion:getRegion": 1,
            "aws:index/getPartition:getPartition": 1,
            "aws:index/getCallerIdentity:getCallerIdentity": 1,
        });
    });

    it("two services still make three invokes in all", async () => {
        const { counts, calls } = countingCalls();
        const { error } = await capturePlan(
            () => {
                for (let i = 0; i < 2; i++) new EcsService(`svc-${i}`, { ...validArgs, family: `svc-${i}` });
            },
            { mocks: { calls } },
        );
        expect(error).toBeUndefined();
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(3);
    });
});
