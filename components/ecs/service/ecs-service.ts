import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, defaultTags, Tags } from "../../src/core";
import type { EcsServiceArgs } from "./args";
import { planEcsService } from "./plan";
import { toApplicationAutoScaling } from "../../src/scaling";
import type { EcsScalingPlan } from "./scaling";
import { awslogs, containerDefinitions, ecsTasksTrust, execCommandStatements, executionPolicyStatements } from "./task";

/**
 * An ECS service on awsvpc networking with its task definition, log group, execution and task
 * roles, security group, deployment circuit breaker, optional auto scaling (Application Auto
 * Scaling) and optional Service Connect.
 */
export class EcsService extends pulumi.ComponentResource {
    /** The ECS service. */
    readonly service: aws.ecs.Service;
    /** The task definition. */
    readonly taskDefinition: aws.ecs.TaskDefinition;
    /** The role ECS uses to start tasks: pull images, write logs, read exactly the listed secrets. */
    readonly executionRole: aws.iam.Role;
    /** The execution role's inline policy. */
    readonly executionPolicy: aws.iam.RolePolicy;
    /** The role the containers run as. It has no permissions (only ECS Exec's when enabled): attach yours. */
    readonly taskRole: aws.iam.Role;
    /** The log group all containers write to, `/ecs/<family>`. */
    readonly logGroup: aws.cloudwatch.LogGroup;
    /** The tasks' own security group: ingress only from `allowFrom` on the container ports. */
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** The ingress rules, one per `allowFrom` group and container port. */
    readonly ingressRules: aws.vpc.SecurityGroupIngressRule[];
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
        const plan = planEcsService(name, args, { stack: pulumi.getStack() });
        super("compute-layer:index:EcsService", name, {}, opts);
        const tags = defaultTags(name, args.tags);
        const parent = { parent: this };

        const region = aws.getRegionOutput({}, parent).region;
        const partition = aws.getPartitionOutput({}, parent).partition;
        const accountId = aws.getCallerIdentityOutput({}, parent).accountId;

        // Logs.
        this.logGroup = new aws.cloudwatch.LogGroup(childName(name, "logs"), { name: plan.logGroupName, retentionInDays: plan.logRetentionDays, tags }, parent);
        const logs = { group: this.logGroup.name, region };

        // Roles.
        const trust = aws.iam.getPolicyDocumentOutput({ statements: pulumi.all([partition, region, accountId]).apply(([p, r, a]) => ecsTasksTrust(p, r, a)) }, parent);
        this.executionRole = new aws.iam.Role(
            childName(name, "execution"),
            { assumeRolePolicy: trust.json, description: `ECS task execution role of ${name}: pulls its images, writes its logs, reads its secrets`, tags },
            parent,
        );
        const executionDoc = aws.iam.getPolicyDocumentOutput(
            {
                statements: pulumi
                    .all([partition, pulumi.all(plan.containers.map((c) => c.image)), pulumi.all(plan.secretArns), pulumi.all(plan.kmsKeyArns), this.logGroup.arn])
                    .apply(([p, images, secretArns, kmsKeyArns, logGroupArn]) => executionPolicyStatements({ partition: p, images, secretArns, kmsKeyArns, logGroupArn })),
            },
            parent,
        );
        this.executionPolicy = new aws.iam.RolePolicy(childName(name, "execution"), { role: this.executionRole.id, policy: executionDoc.json }, parent);

        this.taskRole = new aws.iam.Role(
            childName(name, "task"),
            { assumeRolePolicy: trust.json, description: `ECS task role of ${name}: the containers' own permissions`, tags },
            parent,
        );
        if (plan.enableExecuteCommand) {
            const execDoc = aws.iam.getPolicyDocumentOutput({ statements: execCommandStatements() }, parent);
            new aws.iam.RolePolicy(childName(name, "task-exec"), { role: this.taskRole.id, policy: execDoc.json }, parent);
        }

        // Task definition.
        this.taskDefinition = new aws.ecs.TaskDefinition(
            childName(name, "task"),
            {
                family: plan.family,
                containerDefinitions: pulumi.jsonStringify(containerDefinitions(plan, logs)),
                cpu: String(plan.cpu),
                memory: String(plan.memory),
                networkMode: "awsvpc",
                requiresCompatibilities: [plan.compatibility],
                runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: plan.architecture },
                ...(plan.ephemeralStorageGiB !== undefined ? { ephemeralStorage: { sizeInGib: plan.ephemeralStorageGiB } } : {}),
                executionRoleArn: this.executionRole.arn,
                taskRoleArn: this.taskRole.arn,
                tags,
            },
            parent,
        );

        // Security group: ingress only from allowFrom on the container ports.
        this.securityGroup = new aws.ec2.SecurityGroup(
            childName(name, "sg"),
            { vpcId: args.vpcId, description: `ECS service ${name}: container ports from the allowed security groups only`, tags },
            parent,
        );
        this.ingressRules = [];
        plan.allowFrom.forEach((source, i) => {
            for (const port of plan.ingressPorts) {
                this.ingressRules.push(
                    new aws.vpc.SecurityGroupIngressRule(
                        childName(name, "from", i, port.protocol, port.port),
                        {
                            securityGroupId: this.securityGroup.id,
                            referencedSecurityGroupId: source,
                            ipProtocol: port.protocol,
                            fromPort: port.port,
                            toPort: port.port,
                            description: `${port.protocol}/${port.port} from allowFrom[${i}]`,
                            tags,
                        },
                        parent,
                    ),
                );
            }
        });
        new aws.vpc.SecurityGroupEgressRule(
            childName(name, "egress"),
            plan.restrictEgressToHttps
                ? { securityGroupId: this.securityGroup.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "HTTPS out (AWS APIs, registries)", tags }
                : { securityGroupId: this.securityGroup.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "All out: datastores and peers guard themselves with their own ingress", tags },
            parent,
        );

        // Service.
        const securityGroups = pulumi.output(args.securityGroupIds ?? []).apply((extra) => [this.securityGroup.id, ...extra]);
        this.service = new aws.ecs.Service(
            childName(name, "service"),
            {
                cluster: args.cluster.arn,
                taskDefinition: this.taskDefinition.arn,
                desiredCount: plan.desiredCount,
                ...(plan.launchType ? { launchType: plan.launchType } : {}),
                ...(plan.capacityProviderStrategy ? { capacityProviderStrategies: plan.capacityProviderStrategy } : {}),
                networkConfiguration: { subnets: args.subnetIds, securityGroups, assignPublicIp: false },
                ...(plan.loadBalancer
                    ? { loadBalancers: [{ targetGroupArn: plan.loadBalancer.targetGroupArn, containerName: plan.loadBalancer.containerName, containerPort: plan.loadBalancer.containerPort }] }
                    : {}),
                ...(plan.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: plan.healthCheckGracePeriodSeconds } : {}),
                deploymentMaximumPercent: plan.deployment.maximumPercent,
                deploymentMinimumHealthyPercent: plan.deployment.minimumHealthyPercent,
                deploymentCircuitBreaker: plan.deployment.circuitBreaker,
                ...(plan.serviceConnect
                    ? {
                          serviceConnectConfiguration: {
                              enabled: true,
                              namespace: plan.serviceConnect.namespace,
                              services: [
                                  {
                                      portName: plan.serviceConnect.portName,
                                      discoveryName: plan.serviceConnect.discoveryName,
                                      clientAlias: [{ port: plan.serviceConnect.port, dnsName: plan.serviceConnect.discoveryName }],
                                  },
                              ],
                              logConfiguration: awslogs(logs, "service-connect"),
                          },
                      }
                    : {}),
                enableExecuteCommand: plan.enableExecuteCommand,
                propagateTags: "SERVICE",
                enableEcsManagedTags: true,
                waitForSteadyState: false,
                tags,
            },
            {
                parent: this,
                // Tasks read their secrets with the execution role's policy as they start.
                dependsOn: [this.executionPolicy],
                // The autoscaler owns the count; `pulumi up` must not fight it.
                ...(plan.autoScaling ? { ignoreChanges: ["desiredCount"] } : {}),
            },
        );

        const scaling = plan.autoScaling
            ? createEcsScaling(name, plan.autoScaling, { clusterName: args.cluster.name, serviceName: this.service.name, tags }, this)
            : undefined;
        this.scalingTarget = scaling?.target;
        this.scalingPolicies = scaling?.policies ?? [];
        this.scalingAlarms = scaling?.alarms ?? [];
        this.scheduledActions = scaling?.scheduledActions ?? [];

        this.name = this.service.name;
        this.taskDefinitionArn = this.taskDefinition.arn;
        this.registerOutputs({ name: this.name, taskDefinitionArn: this.taskDefinitionArn, securityGroupId: this.securityGroup.id, taskRoleArn: this.taskRole.arn });
    }
}

/** What {@link createEcsScaling} creates. */
interface EcsScalingResources {
    target: aws.appautoscaling.Target;
    policies: aws.appautoscaling.Policy[];
    alarms: aws.cloudwatch.MetricAlarm[];
    scheduledActions: aws.appautoscaling.ScheduledAction[];
}

/** Creates the scalable target (`service/<cluster>/<service>`) and the translated policies, alarms and scheduled actions. */
function createEcsScaling(
    name: string,
    plan: EcsScalingPlan,
    ctx: { clusterName: pulumi.Input<string>; serviceName: pulumi.Input<string>; tags: Tags },
    parent: pulumi.Resource,
): EcsScalingResources {
    const translated = toApplicationAutoScaling(plan.policies, { service: "ecs", alarmDimensions: { ClusterName: ctx.clusterName, ServiceName: ctx.serviceName } });
    const target = new aws.appautoscaling.Target(
        childName(name, "scaling"),
        {
            serviceNamespace: translated.target.serviceNamespace,
            scalableDimension: translated.target.scalableDimension,
            resourceId: pulumi.interpolate`service/${ctx.clusterName}/${ctx.serviceName}`,
            minCapacity: plan.minCapacity,
            maxCapacity: plan.maxCapacity,
            tags: ctx.tags,
        },
        { parent },
    );
    const fields = { resourceId: target.resourceId, scalableDimension: target.scalableDimension, serviceNamespace: target.serviceNamespace };
    const byKey = new Map<string, aws.appautoscaling.Policy>();
    const policies = translated.policies.map((p) => {
        const policy = new aws.appautoscaling.Policy(childName(name, p.key), { ...p.args, ...fields }, { parent });
        byKey.set(p.key, policy);
        return policy;
    });
    const alarms = translated.alarms.map(
        (a) => new aws.cloudwatch.MetricAlarm(childName(name, a.key), { ...a.args, alarmActions: [byKey.get(a.policyKey)!.arn], tags: ctx.tags }, { parent }),
    );
    const scheduledActions = translated.scheduledActions.map((s) => new aws.appautoscaling.ScheduledAction(childName(name, s.key), { ...s.args, ...fields }, { parent }));
    return { target, policies, alarms, scheduledActions };
}
