import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import { createLoadBalancerSecurityGroup } from "../shared/security-group";
import type { ApplicationLoadBalancerArgs, AuthenticateOidcArgs, ListenerAction } from "./args";
import { type PlannedAction, planApplicationLoadBalancer } from "./plan";

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
        const plan = planApplicationLoadBalancer(name, args, planContext());
        super(ApplicationLoadBalancer.TYPE, name, {}, opts);
        const parent = { parent: this };

        const sg = createLoadBalancerSecurityGroup(this, name, plan.securityGroup);
        this.securityGroup = sg.securityGroup;
        this.ingressRules = sg.ingressRules;
        this.egressRules = sg.egressRules;

        this.loadBalancer = new aws.lb.LoadBalancer(
            childName(name, "lb"),
            { ...plan.loadBalancer, securityGroups: [this.securityGroup.id] },
            parent,
        );

        this.targetGroups = {};
        for (const { key, ...inputs } of plan.targetGroups) {
            this.targetGroups[key] = new aws.lb.TargetGroup(childName(name, "tg", key), inputs, parent);
        }
        // The planned actions, with target-group ARNs and the OIDC client secret of the action they come from.
        const actions = (planned: PlannedAction[], source: ListenerAction) =>
            planned.map((a) => withOutputs(a, this.targetGroups, source));

        const loadBalancerArn = this.loadBalancer.arn;
        const listener = (suffix: string, l: typeof plan.httpListener) =>
            new aws.lb.Listener(
                childName(name, suffix),
                { ...l, loadBalancerArn, defaultActions: actions(l.defaultActions, args.defaultAction) },
                parent,
            );
        this.httpListener = listener("http", plan.httpListener);
        if (plan.httpsListener) this.httpsListener = listener("https", plan.httpsListener);
        this.routingListener = this.httpsListener ?? this.httpListener;

        // Rules are named by priority, which is unique per listener: inserting a rule does not
        // rename (and so replace) the others.
        const listenerArn = this.routingListener.arn;
        this.rules = plan.rules.map(
            ({ index, ...rule }) =>
                new aws.lb.ListenerRule(
                    childName(name, "rule", rule.priority),
                    { ...rule, listenerArn, actions: actions(rule.actions, (args.rules ?? [])[index].action) },
                    parent,
                ),
        );

        this.dnsName = this.loadBalancer.dnsName;
        this.arn = this.loadBalancer.arn;
        this.arnSuffix = this.loadBalancer.arnSuffix;
        this.zoneId = this.loadBalancer.zoneId;
        this.url = pulumi.interpolate`${plan.scheme}://${this.loadBalancer.dnsName}`;
        this.registerOutputs({
            dnsName: this.dnsName,
            arn: this.arn,
            arnSuffix: this.arnSuffix,
            zoneId: this.zoneId,
            url: this.url,
        });
    }
}

/**
 * A planned action with its target-group keys replaced by the target groups' ARNs, and an OIDC
 * authentication given its client secret (from `source`, the args' action), marked secret.
 */
function withOutputs(
    a: PlannedAction,
    targetGroups: Record<string, aws.lb.TargetGroup>,
    source: ListenerAction,
): aws.types.input.lb.ListenerDefaultAction {
    const { targetGroupKey, forward, authenticateOidc, ...rest } = a;
    return {
        ...rest,
        ...(authenticateOidc !== undefined
            ? {
                  authenticateOidc: {
                      ...authenticateOidc,
                      clientSecret: pulumi.secret((source.authenticateOidc as AuthenticateOidcArgs).clientSecret),
                  },
              }
            : {}),
        ...(targetGroupKey !== undefined ? { targetGroupArn: targetGroups[targetGroupKey].arn } : {}),
        ...(forward !== undefined
            ? {
                  forward: {
                      ...forward,
                      targetGroups: forward.targetGroups.map(({ key, weight }) => ({
                          arn: targetGroups[key].arn,
                          weight,
                      })),
                  },
              }
            : {}),
    };
}
