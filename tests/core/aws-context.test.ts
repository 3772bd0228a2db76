import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { awsContext, fromFacts, policyJson } from "../../src/core";
import { capturePlan, DEFAULT_CALLS } from "../support";

/** Counts invokes by token while answering them as the default mocks do. */
function countingCalls(tokens: string[]) {
    const counts: Record<string, number> = {};
    const calls = Object.fromEntries(
        tokens.map((t) => [
            t,
            (...a: Parameters<(typeof DEFAULT_CALLS)[string]>) => {
                counts[t] = (counts[t] ?? 0) + 1;
                return DEFAULT_CALLS[t](...a);
            },
        ]),
    );
    return { counts, calls };
}

class Probe extends pulumi.ComponentResource {
    readonly arn: pulumi.Output<string>;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Probe", name, {}, opts);
        const c = awsContext(this);
        this.arn = pulumi.interpolate`arn:${c.partition}:sqs:${c.region}:${c.accountId}:${name}`;
        this.registerOutputs({});
    }
}

const TOKENS = [
    "aws:index/getRegion:getRegion",
    "aws:index/getPartition:getPartition",
    "aws:index/getCallerIdentity:getCallerIdentity",
];

describe("awsContext", () => {
    it("looks region, partition and account up once per provider per run, however many components ask", async () => {
        for (let run = 0; run < 2; run++) {
            const { counts, calls } = countingCalls(TOKENS);
            const arns: string[] = [];
            const { error } = await capturePlan(
                () => {
                    const probes = [new Probe("a"), new Probe("b"), new Probe("c")];
                    const eu = new aws.Provider("eu", { region: "eu-west-1" });
                    probes.push(new Probe("d", { providers: [eu] }), new Probe("e", { providers: [eu] }));
                    for (const p of probes) p.arn.apply((a) => arns.push(a));
                },
                { mocks: { calls } },
            );
            expect(error).toBeUndefined();
            // The default provider and the eu provider: one lookup of each fact for each.
            expect(counts).toEqual(Object.fromEntries(TOKENS.map((t) => [t, 2])));
            expect(arns).toContain("arn:aws:sqs:us-east-1:123456789012:a");
        }
    });

    it("fromFacts derives one shared Output per provider and key", async () => {
        const seen: string[] = [];
        let derivations = 0;
        const { error } = await capturePlan(() => {
            const eu = new aws.Provider("eu", { region: "eu-west-1" });
            const a = new Probe("a");
            const b = new Probe("b");
            const c = new Probe("c", { providers: [eu] });
            const doc = (p: Probe) =>
                fromFacts(awsContext(p), "where", (f) => {
                    derivations++;
                    return `${f.partition}/${f.region}/${f.accountId}`;
                });
            expect(doc(a)).toBe(doc(b));
            expect(doc(c)).not.toBe(doc(a));
            // Another key is another value.
            expect(fromFacts(awsContext(a), "other", (f) => f.region)).not.toBe(doc(a));
            for (const p of [a, b, c]) doc(p).apply((d) => seen.push(d));
        });
        expect(error).toBeUndefined();
        expect(derivations).toBe(2);
        // (The mocks answer getRegion with the stack's region whatever the provider.)
        expect(seen).toEqual(Array(3).fill("aws/us-east-1/123456789012"));
    });

    it("writes IAM policy JSON locally", () => {
        expect(JSON.parse(policyJson([{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }]))).toEqual({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }],
        });
    });
});
