import { describe, expect, it } from "vitest";
import { ApplicationLoadBalancer, GatewayLoadBalancer, NetworkLoadBalancer } from "../../components/lb";
import { capturePlan, DEFAULT_CALLS } from "../support";
import { referenceAlbArgs } from "./alb/fixture";
import { validArgs as gwlbValid } from "./gwlb/fixture";
import { referenceNlbArgs } from "./nlb/fixture";

/** Every data-source call a program makes, by token, answered as the default mocks answer. */
function counting() {
    const calls: string[] = [];
    const answers = Object.fromEntries(
        Object.entries(DEFAULT_CALLS).map(([token, answer]) => [
            token,
            (...a: Parameters<typeof answer>) => {
                calls.push(token);
                return answer(...a);
            },
        ]),
    );
    return { calls, answers };
}

describe("lb invokes (issue 20)", () => {
    it("an ALB or NLB looks its VPC's CIDR up once (for the egress rules), whatever the number of rules; a GWLB makes no call", async () => {
        for (const [program, expected] of [
            [() => new ApplicationLoadBalancer("web", referenceAlbArgs()), 1],
            [() => new ApplicationLoadBalancer("web", referenceAlbArgs({ internal: true })), 1],
            [() => new NetworkLoadBalancer("edge", referenceNlbArgs({ internal: true })), 1],
            [() => new GatewayLoadBalancer("inspection", gwlbValid), 0],
        ] as const) {
            const { calls, answers } = counting();
            const { error } = await capturePlan(program, { mocks: { calls: answers } });
            expect(error).toBeUndefined();
            expect(calls).toEqual(Array(expected).fill("aws:ec2/getVpc:getVpc"));
        }
    });
});
