import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext, type PolicyStatement, planContext, policyJson } from "../../../src/core";
import type { LambdaFunctionArgs } from "./args";
import {
    type AlbPlan,
    type HttpApiPlan,
    type LambdaFunctionPlan,
    type PermissionPlan,
    planLambdaFunction,
    type ScalingPlan,
} from "./plan";

/**
 * A Lambda function with everything it needs to run safely: a least-privilege role, a log group
 * with retention, a published version behind the alias `live` (where provisioned concurrency
 * lives and which every event source invokes), a dead-letter queue, X-Ray tracing, optional VPC
 * access, and its event sources (HTTP API, schedules, SQS, DynamoDB and Kinesis streams, S3, SNS),
 * each with a permission scoped to its source.
 *
 * The planner ({@link planLambdaFunction}) decides every child's inputs; this class only adds the
 * Outputs that tie the children together (ARNs, ids, names).
 */
export class LambdaFunction extends pulumi.ComponentResource {
    /** The Pulumi type token; never changes (changing it would replace every deployed function). */
    static readonly TYPE = "compute-layer:index:LambdaFunction";

    /** The function. */
    readonly function: aws.lambda.Function;
    /** Its execution role, when the component created it (no `role` given). */
    readonly role?: aws.iam.Role;
    /** The created role's inline policy: logs, tracing, VPC, dead-letter and event-source access, each scoped. */
    readonly rolePolicy?: aws.iam.RolePolicy;
    /** The execution role's ARN: the created role's, or `role`. */
    readonly roleArn: pulumi.Output<string>;
    /** The execution role's name (for attaching more policies). */
    readonly roleName: pulumi.Output<string>;
    /** The `live` alias, on the latest published version. */
    readonly alias: aws.lambda.Alias;
    /** The version the alias points at. */
    readonly version: pulumi.Output<string>;
    /** `/aws/lambda/<function name>`. */
    readonly logGroup: aws.cloudwatch.LogGroup;
    /** The dead-letter queue, when the component created it (`deadLetter: true`, the default). */
    readonly deadLetterQueue?: aws.sqs.Queue;
    /** The ARN failed events go to (created queue or `deadLetter.targetArn`), when there is one. */
    readonly deadLetterArn?: pulumi.Output<string>;
    /** The function's security group, when `vpc` is set without `securityGroupIds`. */
    readonly securityGroup?: aws.ec2.SecurityGroup;
    /** Retries and event age of asynchronous invocations of the alias. */
    readonly eventInvokeConfig: aws.lambda.FunctionEventInvokeConfig;
    /** Provisioned concurrency on the alias, when asked for. */
    readonly provisionedConcurrencyConfig?: aws.lambda.ProvisionedConcurrencyConfig;
    /** The scalable target of the alias's provisioned concurrency, with `autoScaling`. */
    readonly scalingTarget?: aws.appautoscaling.Target;
    /** The scaling policies of `autoScaling`. */
    readonly scalingPolicies: aws.appautoscaling.Policy[] = [];
    /** The CloudWatch alarms of `autoScaling.steps`. */
    readonly scalingAlarms: aws.cloudwatch.MetricAlarm[] = [];
    /** Scheduled changes of the provisioned-concurrency bounds. */
    readonly scheduledActions: aws.appautoscaling.ScheduledAction[] = [];
    /** The HTTP API, when `events.http` is set. */
    readonly httpApi?: aws.apigatewayv2.Api;
    /** The HTTP API's `$default` stage. */
    readonly httpStage?: aws.apigatewayv2.Stage;
    /** The HTTP API's routes, in the order given. */
    readonly httpRoutes: aws.apigatewayv2.Route[] = [];
    /** The HTTP API's JWT authorizers, in the order of `events.http.jwtAuthorizers`. */
    readonly httpAuthorizers: aws.apigatewayv2.Authorizer[] = [];
    /** The HTTP API's access log group. */
    readonly accessLogGroup?: aws.cloudwatch.LogGroup;
    /** The HTTP API's endpoint URL. */
    readonly url?: pulumi.Output<string>;
    /** The function URL, with `functionUrl`. */
    readonly functionUrl?: aws.lambda.FunctionUrl;
    /** The function URL's address (`https://<id>.lambda-url.<region>.on.aws/`). */
    readonly functionUrlAddress?: pulumi.Output<string>;
    /** The `lambda` target group the component created for `events.alb` (none when `targetGroupArn` is given). */
    readonly targetGroup?: aws.lb.TargetGroup;
    /** The alias's registration in the ALB target group. */
    readonly targetGroupAttachment?: aws.lb.TargetGroupAttachment;
    /** EventBridge rules of `events.schedules`, then of `events.eventPatterns`, in order. */
    readonly scheduleRules: aws.cloudwatch.EventRule[] = [];
    /** Event source mappings: SQS, then DynamoDB, then Kinesis, each in order. */
    readonly eventSourceMappings: aws.lambda.EventSourceMapping[] = [];
    /** One bucket notification per bucket of `events.s3`. */
    readonly bucketNotifications: aws.s3.BucketNotification[] = [];
    /** SNS subscriptions of `events.sns`, in order. */
    readonly topicSubscriptions: aws.sns.TopicSubscription[] = [];
    /** Every invoke permission the component created; each has a sourceArn. */
    readonly permissions: aws.lambda.Permission[] = [];
    /** The final inputs of every child, as the planner decided them. */
    readonly plan: LambdaFunctionPlan;

    constructor(name: string, args: LambdaFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planLambdaFunction(name, args, planContext());
        super(LambdaFunction.TYPE, name, {}, opts);
        this.plan = plan;
        for (const w of plan.warnings) pulumi.log.warn(w, this);
        const parent = { parent: this };

        this.logGroup = new aws.cloudwatch.LogGroup(plan.logGroup.name, plan.logGroup.args, parent);

        if (plan.deadLetterQueue) {
            this.deadLetterQueue = new aws.sqs.Queue(plan.deadLetterQueue.name, plan.deadLetterQueue.args, parent);
            this.deadLetterArn = this.deadLetterQueue.arn;
        } else if (plan.deadLetterTargetArn !== undefined) {
            this.deadLetterArn = pulumi.output(plan.deadLetterTargetArn);
        }

        if (plan.securityGroup) {
            const sg = plan.securityGroup;
            this.securityGroup = new aws.ec2.SecurityGroup(sg.group.name, sg.group.args, parent);
            new aws.vpc.SecurityGroupEgressRule(
                sg.egress.name,
                { ...sg.egress.args, securityGroupId: this.securityGroup.id },
                parent,
            );
        }

        if (plan.role && plan.rolePolicy) {
            this.role = new aws.iam.Role(plan.role.name, plan.role.args, parent);
            const refs = { logGroup: pulumi.interpolate`${this.logGroup.arn}:*`, deadLetterQueue: this.deadLetterArn };
            const statements = plan.rolePolicy.statements.map(({ resourceOf, ...s }) => ({
                ...s,
                Resource: resourceOf ? refs[resourceOf] : s.Resource,
            }));
            this.rolePolicy = new aws.iam.RolePolicy(
                plan.rolePolicy.name,
                {
                    role: this.role.id,
                    policy: pulumi.output(statements).apply((s) => policyJson(s as PolicyStatement[])),
                },
                parent,
            );
            this.roleArn = this.role.arn;
            this.roleName = this.role.name;
        } else {
            this.roleArn = pulumi.output(plan.roleArn as pulumi.Input<string>);
            // The name is the ARN's last path segment (arn:aws:iam::<account>:role/<path/>name).
            this.roleName = this.roleArn.apply((arn) => String(arn).slice(String(arn).lastIndexOf("/") + 1));
        }
        const afterPolicy = this.rolePolicy ? [this.rolePolicy] : [];

        const fnArgs = plan.function.args;
        this.function = new aws.lambda.Function(
            plan.function.name,
            {
                ...fnArgs,
                role: this.roleArn,
                deadLetterConfig: this.deadLetterQueue
                    ? { targetArn: this.deadLetterQueue.arn }
                    : fnArgs.deadLetterConfig,
                vpcConfig: fnArgs.vpcConfig && {
                    subnetIds: fnArgs.vpcConfig.subnetIds,
                    securityGroupIds: this.securityGroup
                        ? [this.securityGroup.id]
                        : (fnArgs.vpcConfig.securityGroupIds ?? []),
                },
            },
            // The role's policy must exist first: Lambda checks the role can reach the DLQ and the VPC on create.
            { parent: this, dependsOn: [this.logGroup, ...afterPolicy] },
        );
        this.version = this.function.version;

        this.alias = new aws.lambda.Alias(
            plan.alias.name,
            { ...plan.alias.args, functionName: this.function.name, functionVersion: this.function.version },
            parent,
        );
        const onAlias = { functionName: this.function.name, qualifier: this.alias.name };

        this.eventInvokeConfig = new aws.lambda.FunctionEventInvokeConfig(
            plan.eventInvokeConfig.name,
            { ...plan.eventInvokeConfig.args, ...onAlias },
            parent,
        );

        if (plan.provisionedConcurrency) {
            const pc = plan.provisionedConcurrency;
            this.provisionedConcurrencyConfig = new aws.lambda.ProvisionedConcurrencyConfig(
                pc.name,
                { ...pc.args, ...onAlias },
                { parent: this, ignoreChanges: pc.ignoreChanges },
            );
        }
        if (plan.scaling && this.provisionedConcurrencyConfig) {
            this.scalingTarget = this.createScaling(plan.scaling, this.provisionedConcurrencyConfig);
        }

        if (plan.http) {
            const http = this.createHttpApi(plan.http);
            this.httpApi = http.api;
            this.httpStage = http.stage;
            this.accessLogGroup = http.accessLogGroup;
            this.httpAuthorizers = http.authorizers;
            this.url = http.api.apiEndpoint;
        }
        this.createEvents(plan, afterPolicy);
        if (plan.alb) {
            const alb = this.createAlbTarget(plan.alb);
            this.targetGroup = alb.targetGroup;
            this.targetGroupAttachment = alb.attachment;
        }
        if (plan.functionUrl) {
            const u = plan.functionUrl;
            this.functionUrl = new aws.lambda.FunctionUrl(u.url.name, { ...u.url.args, ...onAlias }, parent);
            this.functionUrlAddress = this.functionUrl.functionUrl;
            for (const p of u.permissions) this.permit(p);
        }

        this.registerOutputs({
            function: this.function,
            role: this.role,
            roleArn: this.roleArn,
            functionUrl: this.functionUrlAddress,
            alias: this.alias,
            version: this.version,
            logGroup: this.logGroup,
            deadLetterQueue: this.deadLetterQueue,
            httpApi: this.httpApi,
            url: this.url,
        });
    }

    private createScaling(s: ScalingPlan, pcc: aws.lambda.ProvisionedConcurrencyConfig): aws.appautoscaling.Target {
        const target = new aws.appautoscaling.Target(
            s.target.name,
            s.target.args,
            // The alias and its provisioned concurrency must exist before the alias is registered.
            { parent: this, dependsOn: [this.alias, pcc] },
        );
        const fields = {
            resourceId: target.resourceId,
            scalableDimension: target.scalableDimension,
            serviceNamespace: target.serviceNamespace,
        };
        for (const p of s.policies) {
            this.scalingPolicies.push(
                new aws.appautoscaling.Policy(p.name, { ...p.args, ...fields }, { parent: this }),
            );
        }
        for (const a of s.alarms) {
            const policy = this.scalingPolicies[a.policy];
            this.scalingAlarms.push(
                new aws.cloudwatch.MetricAlarm(a.name, { ...a.args, alarmActions: [policy.arn] }, { parent: this }),
            );
        }
        for (const a of s.scheduledActions) {
            this.scheduledActions.push(
                new aws.appautoscaling.ScheduledAction(a.name, { ...a.args, ...fields }, { parent: this }),
            );
        }
        return target;
    }

    /** The alias in an ALB target group (created or given), after the permission that lets the ALB invoke it. */
    private createAlbTarget(alb: AlbPlan) {
        const targetGroup = alb.targetGroup
            ? new aws.lb.TargetGroup(alb.targetGroup.name, alb.targetGroup.args, { parent: this })
            : undefined;
        const targetGroupArn = targetGroup ? targetGroup.arn : (alb.targetGroupArn as pulumi.Input<string>);
        const permission = this.permit(alb.permission, targetGroup?.arn);
        const attachment = new aws.lb.TargetGroupAttachment(
            alb.attachment.name,
            { ...alb.attachment.args, targetGroupArn, targetId: this.alias.arn },
            // The load balancer checks it may invoke the function when the target is registered.
            { parent: this, dependsOn: [permission] },
        );
        return { targetGroup, attachment };
    }

    /** An invoke permission on the `live` alias for one source. */
    private permit(p: PermissionPlan, sourceArn?: pulumi.Input<string>, sourceAccount?: pulumi.Input<string>) {
        const permission = new aws.lambda.Permission(
            p.name,
            {
                ...p.args,
                function: this.function.name,
                qualifier: this.alias.name,
                ...(sourceArn !== undefined ? { sourceArn } : {}),
                ...(sourceAccount !== undefined ? { sourceAccount } : {}),
            },
            { parent: this },
        );
        this.permissions.push(permission);
        return permission;
    }

    /** The HTTP API: payload 2.0 proxy integration to the alias, one route per key, a `$default` stage with access logs. */
    private createHttpApi(http: HttpApiPlan) {
        const parent = { parent: this };
        const accessLogGroup = new aws.cloudwatch.LogGroup(http.accessLogGroup.name, http.accessLogGroup.args, parent);
        const api = new aws.apigatewayv2.Api(http.api.name, http.api.args, parent);
        const integration = new aws.apigatewayv2.Integration(
            http.integration.name,
            { ...http.integration.args, apiId: api.id, integrationUri: this.alias.invokeArn },
            parent,
        );
        const authorizers = http.authorizers.map(
            (a) => new aws.apigatewayv2.Authorizer(a.name, { ...a.args, apiId: api.id }, parent),
        );
        for (const r of http.routes) {
            this.httpRoutes.push(
                new aws.apigatewayv2.Route(
                    r.name,
                    {
                        ...r.args,
                        apiId: api.id,
                        target: pulumi.interpolate`integrations/${integration.id}`,
                        ...(r.authorizer !== undefined ? { authorizerId: authorizers[r.authorizer].id } : {}),
                    },
                    parent,
                ),
            );
        }
        const stage = new aws.apigatewayv2.Stage(
            http.stage.name,
            {
                ...http.stage.args,
                apiId: api.id,
                accessLogSettings: { ...http.stage.args.accessLogSettings, destinationArn: accessLogGroup.arn },
            },
            // Route-level throttling names routes, which must exist first.
            { parent: this, dependsOn: this.httpRoutes },
        );
        this.permit(http.permission, pulumi.interpolate`${api.executionArn}/*/*`);
        return { api, stage, accessLogGroup, authorizers };
    }

    private createEvents(plan: LambdaFunctionPlan, afterPolicy: aws.iam.RolePolicy[]): void {
        const parent = { parent: this };
        for (const s of [...plan.schedules, ...plan.eventPatterns]) {
            const rule = new aws.cloudwatch.EventRule(s.rule.name, s.rule.args, parent);
            new aws.cloudwatch.EventTarget(
                s.target.name,
                { ...s.target.args, rule: rule.name, arn: this.alias.arn },
                parent,
            );
            this.permit(s.permission, rule.arn);
            this.scheduleRules.push(rule);
        }

        for (const m of plan.eventSourceMappings) {
            const onFailure =
                m.onFailureToDeadLetterQueue && this.deadLetterQueue ? this.deadLetterQueue.arn : undefined;
            this.eventSourceMappings.push(
                new aws.lambda.EventSourceMapping(
                    m.name,
                    {
                        ...m.args,
                        functionName: this.alias.arn,
                        ...(onFailure ? { destinationConfig: { onFailure: { destinationArn: onFailure } } } : {}),
                    },
                    { parent: this, dependsOn: afterPolicy },
                ),
            );
        }

        if (plan.s3.length > 0) {
            const { partition, accountId } = awsContext(this);
            for (const b of plan.s3) {
                const n = b.notification;
                const permission = this.permit(
                    b.permission,
                    pulumi.interpolate`arn:${partition}:s3:::${n.args.bucket}`,
                    accountId,
                );
                this.bucketNotifications.push(
                    new aws.s3.BucketNotification(
                        n.name,
                        {
                            bucket: n.args.bucket,
                            lambdaFunctions: n.args.lambdaFunctions.map((r) => ({
                                ...r,
                                lambdaFunctionArn: this.alias.arn,
                            })),
                        },
                        // S3 checks it may invoke the function when the notification is put.
                        { parent: this, dependsOn: [permission] },
                    ),
                );
            }
        }

        for (const t of plan.sns) {
            const permission = this.permit(t.permission);
            this.topicSubscriptions.push(
                new aws.sns.TopicSubscription(
                    t.subscription.name,
                    { ...t.subscription.args, endpoint: this.alias.arn },
                    { parent: this, dependsOn: [permission] },
                ),
            );
        }
    }
}
