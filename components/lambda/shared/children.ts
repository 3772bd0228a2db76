import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** One child a component creates: its Pulumi name and its final plain inputs (the component adds only Outputs). */
export interface ChildPlan<A> {
    name: string;
    args: A;
}

/** An invoke permission on the `live` alias; the component adds the function, the qualifier and a child's ARN as `sourceArn`. */
export type PermissionPlan = ChildPlan<Omit<aws.lambda.PermissionArgs, "function" | "qualifier">>;

/** An invoke permission for one source principal, scoped to `sourceArn` when the plan knows it. */
export function permission(name: string, principal: string, sourceArn?: pulumi.Input<string>): PermissionPlan {
    return {
        name,
        args: { action: "lambda:InvokeFunction", principal, ...(sourceArn !== undefined ? { sourceArn } : {}) },
    };
}
