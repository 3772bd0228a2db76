import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../../src/core";
import { toAwsAction } from "./actions";
import { createLoadBalancerSecurityGroup } from "../shared/security-group";
import type { ApplicationLoadBalancerArgs } from "./args";
import { planApplicationLoadBalancer } from "./plan";

/**
 * An internet-facing (or internal) Application Load Balancer with its own security group,
 * target groups, an HTTPS:443 listener with a TLS 1.2+ policy (when given a certificate) and an
 * HTTP:80 listener that only redirects to it, and listener rules for path, host, header,
 * query, method and source-IP routing. Invalid descriptions throw before anything is registered.
 *
 * Children: `aws.ec2.SecurityGroup` (+ `aws.vpc.SecurityGroupIngressRule` /
 * `SecurityGroupEgressRule`), `aws.lb.LoadBalancer`, one `aws.lb.TargetGroup` per key,
 * `aws.lb.Listener` (HTTP, and HTTPS with a certificate), one `aws.lb.ListenerRule` per rule.
 */
export class ApplicationLoadBalancer extends pulumi.ComponentResource {
    /** The type token; never changes once released. */
    static readonly TYPE = "compute-layer:index:ApplicationLoadBalancer";

    /** The load balancer. */
    readonly loadBalancer: aws.lb.LoadBalancer;
    /** Its security group: listener ports from `ingressCidrs`, target ports to the VPC's CIDR. Reference it from your targets' security groups. */
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** The security group's ingress rules, one per listener port and client CIDR. */
    readonly ingressRules: aws.vpc.SecurityGroupIngressRule[];
    /** The security group's egress rules, one per target port. */
    readonly egressRules: aws.vpc.SecurityGroupEgressRule[];
    /** The HTTP:80 listener: it redirects to HTTPS when there is a certificate, else it routes. */
    readonly httpListener: aws.lb.Listener;
    /** The HTTPS:443 listener, when `certificateArn` is given. */
    readonly httpsListener?: aws.lb.Listener;
    /** The listener that carries the default action and the rules (HTTPS when there is one). */
    readonly routingListener: aws.lb.Listener;
    /** Target groups by their key in `targetGroups`; `targetGroups[key].arnSuffix` is the CloudWatch dimension. */
    readonly targetGroups: Record<string, aws.lb.TargetGroup>;
    /** Listener rules, in the order of `rules`. */
    readonly rules: aws.lb.ListenerRule[];
    /** DNS name of the load balancer. */
    readonly dnsName: pulumi.Output<string>;
    /** ARN of the load balancer. */
    readonly arn: pulumi.Output<string>;
    /** `app/<name>/<id>`: the CloudWatch `LoadBalancer` dimension, and the first half of an `ALBRequestCountPerTarget` resource label. */
    readonly arnSuffix: pulumi.Output<string>;
    /** Route 53 hosted zone id of the load balancer, for alias records. */
    readonly zoneId: pulumi.Output<string>;
    /** `https://<dnsName>` with a certificate, else `http://<dnsName>`. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: ApplicationLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything (not even this component) is registered.
        const plan = planApplicationLoadBalancer(name, args, { stack: pulumi.getStack() });
        super(ApplicationLoadBalancer.TYPE, name, {}, opts);
        const parent = { parent: this };
        const tags = plan.tags;

        const sg = createLoadBalancerSecurityGroup(this, name, args.vpcId, plan.securityGroup, tags);
        this.securityGroup = sg.securityGroup;
        this.ingressRules = sg.ingressRules;
        this.egressRules = sg.egressRules;

        this.loadBalancer = new aws.lb.LoadBalancer(
            childName(name, "lb"),
            {
                name: plan.name,
                loadBalancerType: "application",
                internal: plan.internal,
                subnets: args.subnetIds,
                securityGroups: [this.securityGroup.id],
                dropInvalidHeaderFields: true,
                enableDeletionProtection: plan.deletionProtection,
                idleTimeout: plan.idleTimeout,
                accessLogs: plan.accessLogs,
                tags,
            },
            parent,
        );

        this.targetGroups = {};
        for (const tg of plan.targetGroups) {
            this.targetGroups[tg.key] = new aws.lb.TargetGroup(
                childName(name, "tg", tg.key),
                {
                    name: tg.name,
                    port: tg.port,
                    protocol: tg.protocol,
                    targetType: tg.targetType,
                    vpcId: tg.targetType === "lambda" ? undefined : args.vpcId,
                    healthCheck: tg.healthCheck,
                    deregistrationDelay: tg.deregistrationDelay,
                    slowStart: tg.slowStart,
                    stickiness: tg.stickiness,
                    tags,
                },
                parent,
            );
        }

        const lbArn = this.loadBalancer.arn;
        const defaultActions = [toAwsAction(plan.defaultAction, this.targetGroups)];
        this.httpListener = new aws.lb.Listener(
            childName(name, "http"),
            {
                loadBalancerArn: lbArn,
                port: plan.http.port,
                protocol: "HTTP",
                defaultActions: plan.http.redirectToHttps ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] : defaultActions,
                tags,
            },
            parent,
        );
        if (plan.https) {
            this.httpsListener = new aws.lb.Listener(
                childName(name, "https"),
                { loadBalancerArn: lbArn, port: plan.https.port, protocol: "HTTPS", certificateArn: plan.https.certificateArn, sslPolicy: plan.https.sslPolicy, defaultActions, tags },
                parent,
            );
        }
        this.routingListener = this.httpsListener ?? this.httpListener;

        // Rules are named by priority, which is unique per listener: inserting a rule does not
        // rename (and so replace) the others.
        this.rules = plan.rules.map(
            (rule) =>
                new aws.lb.ListenerRule(
                    childName(name, "rule", rule.priority),
                    { listenerArn: this.routingListener.arn, priority: rule.priority, conditions: rule.conditions, actions: [toAwsAction(rule.action, this.targetGroups)], tags },
                    parent,
                ),
        );

        this.dnsName = this.loadBalancer.dnsName;
        this.arn = this.loadBalancer.arn;
        this.arnSuffix = this.loadBalancer.arnSuffix;
        this.zoneId = this.loadBalancer.zoneId;
        this.url = pulumi.interpolate`${plan.https ? "https" : "http"}://${this.loadBalancer.dnsName}`;
        this.registerOutputs({ dnsName: this.dnsName, arn: this.arn, arnSuffix: this.arnSuffix, zoneId: this.zoneId, url: this.url });
    }
}
