import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext, childName, fromFacts, isFullyKnown, planContext, policyJson } from "../../../src/core";
import {
    awslogs,
    compact,
    deploymentHookStatements,
    ecsTasksTrust,
    efsStatements,
    executionPolicyStatements,
    withLogs,
} from "../shared/task-definition";
import type { EcsServiceArgs } from "./args";
import { type PlannedListenerRule, planEcsService } from "./plan";

/**
 * An ECS service on awsvpc networking with its task definition, log group, execution and task
 * roles, security group, deployment circuit breaker, optional native blue/green, linear or canary
 * deployments through the load balancer, optional volumes (EFS, bind, Docker), optional auto
 * scaling (Application Auto Scaling) and optional Service Connect.
 */
export class EcsService extends pulumi.ComponentResource {
    static readonly TYPE = "compute-layer:index:EcsService";

    /** The ECS service. */
    readonly service: aws.ecs.Service;
    /** The task definition. */
    readonly taskDefinition: aws.ecs.TaskDefinition;
    /** The role ECS uses to start tasks: pull images, write logs, read exactly the listed secrets. */
    readonly executionRole: aws.iam.Role;
    /** The execution role's inline policy. */
    readonly executionPolicy: aws.iam.RolePolicy;
    /** The role the containers run as. It has no permissions (only ECS Exec's and EFS mounts' when asked): attach yours. */
    readonly taskRole: aws.iam.Role;
    /** The log group all containers write to, `/ecs/<family>`. */
    readonly logGroup: aws.cloudwatch.LogGroup;
    /** The tasks' own security group: ingress only from `allowFrom` on the container ports. */
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** The ingress rules, one per `allowFrom` group and container port. */
    readonly ingressRules: aws.vpc.SecurityGroupIngressRule[];
    /** Traffic-shifting deployments: the role ECS assumes to shift traffic and run lifecycle hooks. */
    readonly deploymentRole?: aws.iam.Role;
    /** Traffic-shifting deployments: the alternate target group, when the component created it. */
    readonly alternateTargetGroup?: aws.lb.TargetGroup;
    /** Traffic-shifting deployments: the production listener rule, when the component created it. */
    readonly productionListenerRule?: aws.lb.ListenerRule;
    /** Traffic-shifting deployments: the test listener rule, when asked for. */
    readonly testListenerRule?: aws.lb.ListenerRule;
    /** The Application Auto Scaling target, when `autoScaling` is set. */
    readonly scalingTarget?: aws.appautoscaling.Target;
    /** The scaling policies (target tracking and step), when `autoScaling` is set. */
    readonly scalingPolicies: aws.appautoscaling.Policy[];
    /** The CloudWatch alarms of the step-scaling policies. */
    readonly scalingAlarms: aws.cloudwatch.MetricAlarm[];
    /** The scheduled actions, when `autoScaling.schedules` is set. */
    readonly scheduledActions: aws.appautoscaling.ScheduledAction[];
    /** The service's name. */
    readonly name: pulumi.Output<string>;
    /** The task definition's ARN (with revision). */
    readonly taskDefinitionArn: pulumi.Output<string>;

    constructor(name: string, args: EcsServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planEcsService(name, args, planContext());
        super(EcsService.TYPE, name, {}, opts);
        const parent = { parent: this };
        const aws_ = awsContext(this);
        const { region, partition } = aws_;

        // Logs.
        this.logGroup = new aws.cloudwatch.LogGroup(childName(name, "logs"), plan.logGroup, parent);
        const logs = { group: this.logGroup.name, region };

        // Roles: trust ECS tasks of this account only; policies built locally. The trust policy is
        // one document per account and region, shared by every service.
        const trust = fromFacts(aws_, "ecs-tasks-trust", (f) =>
            policyJson(ecsTasksTrust(f.partition, f.region, f.accountId)),
        );
        this.executionRole = new aws.iam.Role(
            childName(name, "execution"),
            { ...plan.executionRole, assumeRolePolicy: trust },
            parent,
        );
        const g = plan.executionGrants;
        const executionPolicy = (
            p: string,
            logGroupArn: string,
            images: string[],
            secretArns: string[],
            kmsKeyArns: string[],
        ) =>
            policyJson(
                compact(executionPolicyStatements({ partition: p, images, secretArns, kmsKeyArns, logGroupArn })),
            );
        this.executionPolicy = new aws.iam.RolePolicy(
            childName(name, "execution"),
            {
                role: this.executionRole.id,
                // Known grants (the usual case) need no Output per list.
                policy: isFullyKnown([g.images, g.secretArns, g.kmsKeyArns])
                    ? pulumi
                          .all([partition, this.logGroup.arn])
                          .apply(([p, arn]) =>
                              executionPolicy(
                                  p,
                                  arn,
                                  g.images as string[],
                                  g.secretArns as string[],
                                  g.kmsKeyArns as string[],
                              ),
                          )
                    : pulumi
                          .all([
                              partition,
                              this.logGroup.arn,
                              pulumi.all(g.images),
                              pulumi.all(g.secretArns),
                              pulumi.all(g.kmsKeyArns),
                          ])
                          .apply(([p, arn, images, secretArns, kmsKeyArns]) =>
                              executionPolicy(p, arn, images, secretArns, kmsKeyArns),
                          ),
            },
            parent,
        );
        this.taskRole = new aws.iam.Role(
            childName(name, "task"),
            { ...plan.taskRole, assumeRolePolicy: trust },
            parent,
        );
        if (plan.taskRoleExecPolicy) {
            new aws.iam.RolePolicy(
                childName(name, "task-exec"),
                { role: this.taskRole.id, policy: plan.taskRoleExecPolicy },
                parent,
            );
        }
        const efsGrants = plan.efs.filter((e) => e.iam);
        if (efsGrants.length > 0) {
            const grants = efsGrants.map((e) =>
                pulumi
                    .all([e.fileSystemId, e.accessPointId])
                    .apply(([fileSystemId, accessPointId]) => ({ fileSystemId, accessPointId, write: e.write })),
            );
            new aws.iam.RolePolicy(
                childName(name, "task-efs"),
                {
                    role: this.taskRole.id,
                    policy: pulumi
                        .all([aws_.facts, pulumi.all(grants)])
                        .apply(([f, list]) => policyJson(compact(efsStatements(list, f)))),
                },
                parent,
            );
        }

        // Task definition.
        this.taskDefinition = new aws.ecs.TaskDefinition(
            childName(name, "task"),
            {
                ...plan.taskDefinition,
                // Plain definitions (the usual case) are serialised in one step, not walked by pulumi.output().
                containerDefinitions: isFullyKnown(plan.containerDefinitions)
                    ? pulumi
                          .all([this.logGroup.name, region])
                          .apply(([group, r]) =>
                              JSON.stringify(withLogs(plan.containerDefinitions, { group, region: r })),
                          )
                    : pulumi.jsonStringify(withLogs(plan.containerDefinitions, logs)),
                executionRoleArn: this.executionRole.arn,
                taskRoleArn: this.taskRole.arn,
            },
            parent,
        );

        // Security group: ingress only from allowFrom on the container ports.
        this.securityGroup = new aws.ec2.SecurityGroup(childName(name, "sg"), plan.securityGroup, parent);
        const securityGroupId = this.securityGroup.id;
        this.ingressRules = plan.ingressRules.map(
            (r) => new aws.vpc.SecurityGroupIngressRule(childName(name, r.key), { ...r.args, securityGroupId }, parent),
        );
        new aws.vpc.SecurityGroupEgressRule(childName(name, "egress"), { ...plan.egressRule, securityGroupId }, parent);
        for (const e of plan.efs) {
            if (e.mountTargetRule) {
                new aws.vpc.SecurityGroupIngressRule(
                    childName(name, "efs", e.volume),
                    { ...e.mountTargetRule, referencedSecurityGroupId: securityGroupId },
                    parent,
                );
            }
        }

        // Traffic-shifting deployments: the role ECS assumes, the alternate target group and the listener rules.
        const advanced: Record<string, pulumi.Input<string>> = {};
        const waitFor: pulumi.Resource[] = [this.executionPolicy];
        const shift = plan.trafficShift;
        if (shift) {
            this.deploymentRole = new aws.iam.Role(childName(name, "deploy"), shift.role, parent);
            waitFor.push(
                new aws.iam.RolePolicyAttachment(
                    childName(name, "deploy-elb"),
                    {
                        role: this.deploymentRole.name,
                        policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${shift.managedPolicy}`,
                    },
                    parent,
                ),
            );
            if (shift.hookLambdaArns.length > 0) {
                waitFor.push(
                    new aws.iam.RolePolicy(
                        childName(name, "deploy-hooks"),
                        {
                            role: this.deploymentRole.id,
                            policy: pulumi
                                .all(shift.hookLambdaArns)
                                .apply((arns) => policyJson(compact(deploymentHookStatements(arns)))),
                        },
                        parent,
                    ),
                );
            }
            advanced.roleArn = this.deploymentRole.arn;
            if (shift.alternateTargetGroup) {
                this.alternateTargetGroup = new aws.lb.TargetGroup(
                    childName(name, "alternate"),
                    shift.alternateTargetGroup,
                    parent,
                );
                advanced.alternateTargetGroupArn = this.alternateTargetGroup.arn;
            }
            const alternateArn = this.alternateTargetGroup?.arn;
            const createRule = (key: string, r: PlannedListenerRule) =>
                new aws.lb.ListenerRule(
                    childName(name, key),
                    {
                        ...r,
                        actions: r.actions.map((act) => ({
                            ...act,
                            forward: {
                                targetGroups: act.forward.targetGroups.map((t) => ({
                                    ...t,
                                    arn: t.arn ?? (alternateArn as pulumi.Output<string>),
                                })),
                            },
                        })),
                    },
                    // ECS owns the weights once it deploys; `pulumi up` must not put them back.
                    { parent: this, ignoreChanges: ["actions"] },
                );
            if (shift.productionListenerRule) {
                this.productionListenerRule = createRule("production-rule", shift.productionListenerRule);
                advanced.productionListenerRule = this.productionListenerRule.arn;
            }
            if (shift.testListenerRule) {
                this.testListenerRule = createRule("test-rule", shift.testListenerRule);
                advanced.testListenerRule = this.testListenerRule.arn;
            }
        }

        // Service.
        const { loadBalancers, ...s } = plan.service;
        const hooks = s.deploymentConfiguration?.lifecycleHooks;
        this.service = new aws.ecs.Service(
            childName(name, "service"),
            {
                ...s,
                taskDefinition: this.taskDefinition.arn,
                networkConfiguration: {
                    ...s.networkConfiguration,
                    securityGroups: isFullyKnown(s.networkConfiguration.securityGroups)
                        ? [securityGroupId, ...(s.networkConfiguration.securityGroups as string[])]
                        : pulumi
                              .output(s.networkConfiguration.securityGroups)
                              .apply((extra) => [securityGroupId, ...extra]),
                },
                ...(loadBalancers
                    ? {
                          loadBalancers: loadBalancers.map(({ advancedConfiguration, ...l }) =>
                              shift
                                  ? {
                                        ...l,
                                        advancedConfiguration: {
                                            ...advancedConfiguration,
                                            ...advanced,
                                        } as aws.types.input.ecs.ServiceLoadBalancerAdvancedConfiguration,
                                    }
                                  : l,
                          ),
                      }
                    : {}),
                ...(s.deploymentConfiguration && hooks
                    ? {
                          deploymentConfiguration: {
                              ...s.deploymentConfiguration,
                              lifecycleHooks: hooks.map((h) =>
                                  h.targetType === "AWS_LAMBDA" ? { ...h, roleArn: advanced.roleArn } : h,
                              ),
                          },
                      }
                    : {}),
                ...(s.serviceConnectConfiguration
                    ? {
                          serviceConnectConfiguration: {
                              ...s.serviceConnectConfiguration,
                              logConfiguration: awslogs(logs, "service-connect"),
                          },
                      }
                    : {}),
            },
            {
                parent: this,
                // Tasks read their secrets with the execution role's policy as they start; ECS
                // shifts traffic with the deployment role's.
                dependsOn: waitFor,
                ...(plan.ignoreChanges.length > 0 ? { ignoreChanges: [...plan.ignoreChanges] } : {}),
            },
        );

        // Auto scaling, as the planner translated it; the component adds the service's names.
        this.scalingPolicies = [];
        this.scalingAlarms = [];
        this.scheduledActions = [];
        const sc = plan.scaling;
        if (sc) {
            const target = new aws.appautoscaling.Target(
                childName(name, "scaling"),
                { ...sc.target, resourceId: pulumi.interpolate`service/${args.cluster.name}/${this.service.name}` },
                parent,
            );
            this.scalingTarget = target;
            const fields = {
                resourceId: target.resourceId,
                scalableDimension: target.scalableDimension,
                serviceNamespace: target.serviceNamespace,
            };
            const byKey = new Map<string, aws.appautoscaling.Policy>();
            for (const p of sc.policies) {
                const policy = new aws.appautoscaling.Policy(childName(name, p.key), { ...p.args, ...fields }, parent);
                byKey.set(p.key, policy);
                this.scalingPolicies.push(policy);
            }
            for (const al of sc.alarms) {
                const dimensions = al.resourceDimension
                    ? { dimensions: { ...al.args.dimensions, [al.resourceDimension]: this.service.name } }
                    : {};
                this.scalingAlarms.push(
                    new aws.cloudwatch.MetricAlarm(
                        childName(name, al.key),
                        {
                            ...al.args,
                            ...dimensions,
                            alarmActions: [byKey.get(al.policyKey)?.arn as pulumi.Output<string>],
                        },
                        parent,
                    ),
                );
            }
            for (const a of sc.scheduledActions) {
                this.scheduledActions.push(
                    new aws.appautoscaling.ScheduledAction(childName(name, a.key), { ...a.args, ...fields }, parent),
                );
            }
        }

        this.name = this.service.name;
        this.taskDefinitionArn = this.taskDefinition.arn;
        this.registerOutputs({
            name: this.name,
            taskDefinitionArn: this.taskDefinitionArn,
            securityGroupId: this.securityGroup.id,
            taskRoleArn: this.taskRole.arn,
        });
    }
}
