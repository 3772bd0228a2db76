import { obj as closedObject, tagsSchema as coreTagsSchema, input, int, planTime, z } from "../../../src/core";

/**
 * Shape pieces the three load balancers share (issue 19). Ranges and cross-field rules are the
 * planners' semantic checks; these say what type each field is, what is required, and how long a
 * list may be.
 */

/**
 * "Inbound or outbound rules per security group: 60" (Amazon VPC quotas, the default).
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
 * Each client CIDR gets one ingress rule per listener port, so this also bounds `ingressCidrs`.
 */
export const MAX_SECURITY_GROUP_RULES = 60;

/** A pass-through id (VPC, subnet, bucket): a string, or an Output of one. */
export const idInput = () => input(z.string());

/** `vpcId`: required, may be an Output. */
export const vpcIdSchema = idInput();

/** `subnetIds`: a required list (an Output of one is fine); `null` is an error. */
export const subnetIdsSchema = input(z.array(idInput()));

/** `ingressCidrs`: IPv4 CIDR blocks (checked by the planner), at most one rule-set's worth. */
export const ingressCidrsSchema = z.array(input(z.string())).max(MAX_SECURITY_GROUP_RULES);

/** `tags`: a map of strings, or an Output of one; the default tags are kept either way. */
export const tagsSchema = input(coreTagsSchema);

/** Health-check fields every load balancer type has (their ranges are the planners' checks). */
export const healthCheckShape = {
    port: int().optional(),
    path: z.string().optional(),
    intervalSeconds: int().optional(),
    timeoutSeconds: int().optional(),
    healthyThreshold: int().optional(),
    unhealthyThreshold: int().optional(),
};

/**
 * A closed object (core `obj()`: unknown keys are errors with a suggestion) that must be a plain
 * value, checked before its fields: an Output or a Promise in its place is the one problem at its
 * path, whatever the fields inside would report (args given whole as an Output get one problem
 * at the root, not one more per map that must be known at plan time).
 * The result is a zod pipe, not a `ZodObject`: compose objects from shapes (`healthCheckShape`),
 * not with `.extend()` or `.shape`, which its type does not offer.
 */
export function obj<T extends z.ZodRawShape>(
    shape: T,
): z.ZodType<z.output<ReturnType<typeof closedObject<T>>>, z.input<ReturnType<typeof closedObject<T>>>> {
    return planTime(closedObject(shape), "its fields are checked and planned one by one");
}

export { input, int, z };
