import * as aws from "@pulumi/aws";
import type { PlannedAction } from "./plan";

/**
 * Turns a planned action into the `aws.lb.Listener` / `aws.lb.ListenerRule` action shape,
 * resolving target-group keys to ARNs. A single forward uses `targetGroupArn`; a weighted one
 * the `forward` block (with group stickiness when asked).
 */
export function toAwsAction(action: PlannedAction, targetGroups: Record<string, aws.lb.TargetGroup>): aws.types.input.lb.ListenerDefaultAction {
    if (action.type === "forward" && action.forward) {
        const groups = action.forward.targetGroups;
        if (groups.length === 1 && groups[0].weight === undefined) return { type: "forward", targetGroupArn: targetGroups[groups[0].key].arn };
        const stickiness = action.forward.stickinessSeconds;
        return {
            type: "forward",
            forward: {
                targetGroups: groups.map((g) => ({ arn: targetGroups[g.key].arn, weight: g.weight })),
                ...(stickiness !== undefined ? { stickiness: { enabled: true, duration: stickiness } } : {}),
            },
        };
    }
    if (action.type === "redirect" && action.redirect) return { type: "redirect", redirect: action.redirect };
    return { type: "fixed-response", fixedResponse: action.fixedResponse };
}
