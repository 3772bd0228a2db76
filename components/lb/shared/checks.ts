import * as pulumi from "@pulumi/pulumi";
import { checkedPlan, isIpv4Cidr, isKnown, knownList, physicalName, type Validator, type z } from "../../../src/core";
import { MAX_SECURITY_GROUP_RULES } from "./schema";

/**
 * The validation contract of every lb planner ({@link checkedPlan}); `check` returns the builder
 * of the plan, called only when there is no problem.
 */
export function validated<T>(subject: string, schema: z.ZodType, args: unknown, check: (v: Validator) => () => T): T {
    return checkedPlan(subject, schema, args, check)();
}

/** The value when it is a plain (known, non-list) object, else `undefined`: maps whose shape failed are not walked. */
export function plainRecord<T extends object>(value: pulumi.Input<T> | undefined): T | undefined {
    return isKnown(value) && typeof value === "object" && !Array.isArray(value) ? (value as T) : undefined;
}

/** Load balancer and target group names: at most 32 characters, letters, digits and hyphens. */
export const ELB_NAME_MAX = 32;

/**
 * At least two subnets (in two Availability Zones), when the list is known: an ALB requires it,
 * and for NLB and GWLB it is what keeps the load balancer up when one zone fails.
 * Duplicate subnet ids are reported too.
 */
export function checkSubnets(
    v: Validator,
    subnetIds: pulumi.Input<pulumi.Input<string>[]> | undefined,
    path = "subnetIds",
): void {
    if (subnetIds === undefined) {
        v.add(path, "is required: give at least 2 subnet ids in different Availability Zones");
        return;
    }
    const list = knownList(subnetIds);
    if (!list) return;
    v.count(list, path, 2, Number.MAX_SAFE_INTEGER, "subnets, in different Availability Zones");
    v.unique(
        list.map((s, i) => ({ value: isKnown(s) ? s : undefined, path: `${path}[${i}]` })),
        "subnet id",
    );
}

/** Where every load balancer sits: a required `vpcId`, its `subnetIds` and, for ALB and NLB, `ingressCidrs`. */
export function checkPlacement(
    v: Validator,
    args: {
        vpcId: pulumi.Input<string>;
        subnetIds: pulumi.Input<pulumi.Input<string>[]>;
        ingressCidrs?: pulumi.Input<string>[];
    },
): void {
    v.required(args.vpcId, "vpcId", "the VPC id");
    checkSubnets(v, args.subnetIds);
    checkCidrs(v, args.ingressCidrs, "ingressCidrs");
}

/**
 * Each client CIDR gets one ingress rule per listener port (and protocol): together they must fit
 * AWS's "Inbound or outbound rules per security group" quota of 60.
 */
export function checkRuleQuota(v: Validator, cidrs: pulumi.Input<string>[] | undefined, rulesPerCidr: number): void {
    if (!Array.isArray(cidrs) || rulesPerCidr === 0) return;
    const rules = cidrs.length * rulesPerCidr;
    if (rules > MAX_SECURITY_GROUP_RULES) {
        v.add(
            "ingressCidrs",
            `gives ${rules} ingress rules (${cidrs.length} CIDR blocks × ${rulesPerCidr} listener ports), more than AWS's ${MAX_SECURITY_GROUP_RULES} rules per security group: use at most ${Math.floor(MAX_SECURITY_GROUP_RULES / rulesPerCidr)} CIDR blocks`,
        );
    }
}

/** Each known entry must be an IPv4 CIDR block; the list must not be empty. */
export function checkCidrs(v: Validator, cidrs: pulumi.Input<string>[] | undefined, path: string): void {
    if (cidrs === undefined) return;
    if (!Array.isArray(cidrs)) {
        v.add(path, 'must be a list of IPv4 CIDR blocks such as "10.0.0.0/16"');
        return;
    }
    v.count(cidrs, path, 1, Number.MAX_SAFE_INTEGER, "CIDR blocks (leave it out for the default)");
    cidrs.forEach((c, i) => {
        if (isKnown(c) && !isIpv4Cidr(c))
            v.add(`${path}[${i}]`, `must be an IPv4 CIDR block such as "10.0.0.0/16" (got ${JSON.stringify(c)})`);
    });
}

/**
 * Keys of `targetGroups` / `listeners` become part of resource names, so they are letters,
 * digits and inner hyphens only (two keys that differ only in other characters would collide).
 */
export function checkKey(v: Validator, key: string, path: string): void {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(key)) {
        v.add(
            path,
            `key ${JSON.stringify(key)} must be letters, digits and inner hyphens (it becomes part of resource names)`,
        );
    }
}

/**
 * The physical name of a load balancer, from `[stack, component]`, at most 32 characters.
 * `replaceOn` holds the properties whose change replaces the load balancer (`internal`):
 * they are hashed into the name so the replacement gets a new name and Pulumi can create it
 * before deleting the old one. AWS rejects names that begin with `internal-`.
 */
export function loadBalancerName(stack: string, component: string, replaceOn: readonly unknown[]): string {
    const name = physicalName([stack, component], { maxLength: ELB_NAME_MAX, discriminator: replaceOn });
    return /^internal-/i.test(name)
        ? physicalName(["lb", stack, component], { maxLength: ELB_NAME_MAX, discriminator: replaceOn })
        : name;
}

/** The properties of a target group whose change forces AWS to replace it. */
export interface TargetGroupIdentity {
    port?: number;
    protocol?: string;
    targetType: string;
    vpcId?: pulumi.Input<string>;
}

/**
 * The physical name of a target group, from `[stack, component, key]`, at most 32 characters.
 *
 * Port, protocol, target type and VPC force a target group's replacement. They are hashed into
 * the name, so a replacement gets a new name and Pulumi's default create-before-delete works
 * (two target groups cannot share a name). When the VPC id is an Output, the name is one too.
 */
export function targetGroupName(
    stack: string,
    component: string,
    key: string,
    id: TargetGroupIdentity,
): pulumi.Input<string> {
    const name = (vpc: string | undefined) =>
        physicalName([stack, component, key], {
            maxLength: ELB_NAME_MAX,
            discriminator: [id.port ?? null, id.protocol ?? null, id.targetType, vpc ?? null],
        });
    if (id.vpcId === undefined || isKnown(id.vpcId)) return name(id.vpcId);
    return pulumi.output(id.vpcId).apply(name);
}

/**
 * Target-group attributes shared by ALB and NLB target groups.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html
 */
export function checkTargetGroupCommon(
    v: Validator,
    tg: { port?: number; deregistrationDelaySeconds?: number },
    path: string,
    portRequired: boolean,
): void {
    if (tg.port === undefined) {
        if (portRequired)
            v.add(`${path}.port`, "is required: give the port targets receive traffic on, from 1 to 65535");
    } else v.range(tg.port, `${path}.port`, 1, 65535);
    v.range(tg.deregistrationDelaySeconds, `${path}.deregistrationDelaySeconds`, 0, 3600, { unit: "seconds" });
}

/** A known certificate must be an ACM (or IAM server-certificate) ARN. */
export function checkCertificateArn(v: Validator, arn: pulumi.Input<string> | undefined, path: string): void {
    if (isKnown(arn) && !/^arn:aws[\w-]*:(acm|iam):/.test(arn)) {
        v.add(
            path,
            `must be an ACM or IAM certificate ARN, "arn:aws:acm:<region>:<account>:certificate/<id>" (got ${JSON.stringify(arn)})`,
        );
    }
}
