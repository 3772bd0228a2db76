import { describe, expect, it } from "vitest";
import { EksCluster } from "../../../components/eks";
import { capturePlan } from "../../support";
import { validArgs } from "./fixture";

/** Counts the data-source calls a program makes, answering them as the default mocks do. */
function counted(calls: string[]) {
    const count = (token: string, answer: Record<string, unknown>) => (i: Record<string, unknown>) => {
        calls.push(token);
        return {
            ...answer,
            ...(token === "getAddonVersion" ? { addonName: i.addonName, version: "v1.0.0-eksbuild.2" } : {}),
        };
    };
    return {
        "aws:index/getRegion:getRegion": count("getRegion", {
            region: "us-east-1",
            name: "us-east-1",
            id: "us-east-1",
        }),
        "aws:index/getPartition:getPartition": count("getPartition", { partition: "aws", id: "aws" }),
        "aws:index/getCallerIdentity:getCallerIdentity": count("getCallerIdentity", {
            accountId: "123456789012",
            id: "123456789012",
        }),
        "aws:iam/getPolicyDocument:getPolicyDocument": count("getPolicyDocument", { json: "{}" }),
        "aws:eks/getAddonVersion:getAddonVersion": count("getAddonVersion", { id: "x" }),
    };
}

describe("EksCluster invokes (issue 20)", () => {
    it("two clusters look region, partition and account up once in all; IAM documents are built locally", async () => {
        const calls: string[] = [];
        const { error } = await capturePlan(
            () => {
                new EksCluster("a", {
                    ...validArgs,
                    clusterName: "a",
                    addons: { coredns: {}, "eks-pod-identity-agent": {} },
                });
                new EksCluster("b", {
                    ...validArgs,
                    clusterName: "b",
                    addons: { coredns: {}, "eks-pod-identity-agent": {} },
                });
            },
            { mocks: { calls: counted(calls) } },
        );
        expect(error).toBeUndefined();
        expect(calls.sort()).toEqual(["getCallerIdentity", "getPartition", "getRegion"]);
    });

    it('only an add-on with version "latest" looks its version up', async () => {
        const calls: string[] = [];
        const { error } = await capturePlan(
            () =>
                new EksCluster("a", {
                    ...validArgs,
                    addons: { "kube-proxy": { version: "latest" }, coredns: {}, "eks-pod-identity-agent": {} },
                }),
            {
                mocks: { calls: counted(calls) },
            },
        );
        expect(error).toBeUndefined();
        expect(calls.filter((c) => c === "getAddonVersion")).toHaveLength(1);
        expect(calls).not.toContain("getPolicyDocument");
    });
});
