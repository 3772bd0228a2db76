import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { type AutoScalingGroupArgs, architectureOf, planAutoScalingGroup as planWith } from "../../../components/ec2";
import type { ScalingPolicies } from "../../../src/scaling";
import { problemPaths } from "../../support";

const ctx = { stack: "test", now: new Date("2026-01-01T00:00:00Z") };
const planAutoScalingGroup = (name: string, args: AutoScalingGroupArgs) => planWith(name, args, ctx);
const base: AutoScalingGroupArgs = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    autoScaling: { min: 2, max: 10 },
};
/** Base args with other bounds and policies. */
const sized = (
    min: number,
    max: number,
    policies: ScalingPolicies = {},
): Pick<AutoScalingGroupArgs, "autoScaling"> => ({ autoScaling: { min, max, ...policies } });
const scaled = (policies: ScalingPolicies | undefined) => sized(2, 10, policies);
const paths = (extra: Partial<AutoScalingGroupArgs>) =>
    problemPaths(() => planAutoScalingGroup("web", { ...base, ...extra } as AutoScalingGroupArgs));
const valid = (extra: Partial<AutoScalingGroupArgs>) =>
    expect(() => planAutoScalingGroup("web", { ...base, ...extra } as AutoScalingGroupArgs)).not.toThrow();

describe("planAutoScalingGroup: defaults", () => {
    it("t3.medium, AL2023 x86_64, gp3, EC2 health checks with a 300 s grace period, rolling refresh at 90%", () => {
        const plan = planAutoScalingGroup("web", base);
        expect(plan.launchTemplate.instanceType).toBe("t3.medium");
        expect(plan.group.mixedInstancesPolicy).toBeUndefined();
        expect(plan.amiParameter).toBe("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
        expect(plan.launchTemplate.blockDeviceMappings).toEqual([
            { deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
        ]);
        expect(plan.group.healthCheckType).toBe("EC2");
        expect(plan.group.healthCheckGracePeriod).toBe(300);
        expect(plan.group.instanceRefresh).toEqual({ strategy: "Rolling", preferences: { minHealthyPercentage: 90 } });
        expect(plan.securityGroup).toEqual({
            vpcId: "vpc-1",
            description: expect.stringContaining("no ingress"),
            tags: plan.tags,
        });
        expect(plan.group).toMatchObject({ minSize: 2, maxSize: 10 });
        expect(plan.ignoreChanges).not.toContain("desiredCapacity");
        expect(plan.tags).toEqual({ "managed-by": "compute-layer", component: "web" });
    });

    it("ELB health checks when target groups are given", () => {
        expect(planAutoScalingGroup("web", { ...base, targetGroupArns: ["arn:tg"] }).group.healthCheckType).toBe("ELB");
        expect(
            planAutoScalingGroup("web", { ...base, targetGroupArns: pulumi.output(["arn:tg"]) }).group.healthCheckType,
        ).toBe("ELB");
        expect(planAutoScalingGroup("web", { ...base, targetGroupArns: [] }).group.healthCheckType).toBe("EC2");
    });

    it("Graviton instance types read the arm64 AL2023 parameter", () => {
        expect(planAutoScalingGroup("web", { ...base, instanceType: "m7g.large" }).amiParameter).toBe(
            "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
        );
        expect(["t4g.small", "c6gn.large", "x2gd.xlarge", "im4gn.large", "g5g.xlarge"].map(architectureOf)).toEqual([
            "arm64",
            "arm64",
            "arm64",
            "arm64",
            "arm64",
        ]);
        expect(["t3.medium", "m5a.large", "g5.xlarge", "m7i-flex.large", "c7i.metal"].map(architectureOf)).toEqual([
            "x86_64",
            "x86_64",
            "x86_64",
            "x86_64",
            "x86_64",
        ]);
    });

    it("spot gives a mixed-instances policy, all Spot above base, price-capacity-optimized, capacity rebalance on", () => {
        const plan = planAutoScalingGroup("web", {
            ...base,
            instanceTypes: ["m5.large", "m5a.large", "m4.large"],
            spot: {},
        });
        expect(plan.launchTemplate.instanceType).toBeUndefined();
        expect(plan.group.mixedInstancesPolicy).toEqual({
            instancesDistribution: {
                onDemandBaseCapacity: 0,
                onDemandPercentageAboveBaseCapacity: 0,
                spotAllocationStrategy: "price-capacity-optimized",
            },
            launchTemplate: {
                overrides: [{ instanceType: "m5.large" }, { instanceType: "m5a.large" }, { instanceType: "m4.large" }],
            },
        });
        expect(plan.group.capacityRebalance).toBe(true);
    });

    it("instanceTypes without spot are all On-Demand, without capacity rebalance", () => {
        const g = planAutoScalingGroup("web", { ...base, instanceTypes: ["m5.large", "m5a.large"] }).group;
        expect(g.mixedInstancesPolicy?.instancesDistribution.onDemandPercentageAboveBaseCapacity).toBe(100);
        expect(g.capacityRebalance).toBe(false);
    });

    it("any scaling, schedules included, puts desiredCapacity under ignoreChanges", () => {
        expect(
            planAutoScalingGroup("web", {
                ...base,
                ...scaled({ schedules: [{ name: "n", cron: "0 20 * * *", desiredCapacity: 4 }] }),
            }).ignoreChanges,
        ).toContain("desiredCapacity");
        expect(
            planAutoScalingGroup("web", { ...base, ...scaled({ targetTracking: [{ metric: "cpu", target: 70 }] }) })
                .ignoreChanges,
        ).toContain("desiredCapacity");
        expect(
            planAutoScalingGroup("web", {
                ...base,
                ...scaled({ predictive: { metric: "cpu", target: 70, mode: "ForecastAndScale" } }),
            }).ignoreChanges,
        ).toContain("desiredCapacity");
        expect(planAutoScalingGroup("web", { ...base, ...scaled({}) }).ignoreChanges).not.toContain("desiredCapacity");
    });

    it("a schedule that sets min or max puts them in ignoreChanges too, so a deploy mid-window does not undo it", () => {
        const ignored = (scaling: ScalingPolicies | undefined) =>
            planAutoScalingGroup("web", { ...base, ...scaled(scaling) }).ignoreChanges;
        expect(ignored({ targetTracking: [{ metric: "cpu", target: 70 }] })).toEqual(["desiredCapacity"]);
        expect(ignored({ schedules: [{ name: "n", cron: "0 20 * * *", desiredCapacity: 4 }] })).toEqual([
            "desiredCapacity",
        ]);
        expect(ignored({ schedules: [{ name: "n", cron: "0 20 * * *", maxCapacity: 4 }] })).toEqual([
            "desiredCapacity",
            "maxSize",
        ]);
        expect(
            ignored({
                schedules: [
                    { name: "day", cron: "0 9 * * MON-FRI", desiredCapacity: 20, minCapacity: 10, maxCapacity: 30 },
                    { name: "night", cron: "0 20 * * *", desiredCapacity: 4, minCapacity: 2, maxCapacity: 10 },
                ],
            }),
        ).toEqual(["desiredCapacity", "minSize", "maxSize"]);
        expect(ignored(undefined)).toEqual([]);
    });

    it("predictive scaling that only forecasts (ForecastOnly, the default) leaves desiredCapacity to Pulumi", () => {
        expect(
            planAutoScalingGroup("web", { ...base, ...scaled({ predictive: { metric: "cpu", target: 70 } }) })
                .ignoreChanges,
        ).not.toContain("desiredCapacity");
        expect(
            planAutoScalingGroup("web", { ...base, ...scaled({ predictive: { metric: "cpu", target: 70 } }) })
                .ignoreChanges,
        ).toEqual([]);
        expect(
            planAutoScalingGroup("web", {
                ...base,
                ...scaled({ predictive: { metric: "cpu", target: 70, mode: "ForecastOnly" } }),
            }).ignoreChanges,
        ).not.toContain("desiredCapacity");
    });

    it("skips values that are not known yet", () => {
        expect(() =>
            planAutoScalingGroup("web", {
                ...base,
                subnetIds: pulumi.output(["s"]),
                vpcId: pulumi.output("vpc"),
                userData: pulumi.output("#!"),
            }),
        ).not.toThrow();
    });
});

describe("planAutoScalingGroup: validation", () => {
    it("min ≤ desired ≤ max: min 3, desired 2, max 5 names desiredCapacity", () => {
        // The shared order check names both fields of the broken pair.
        expect(paths({ ...sized(3, 5), desiredCapacity: 2 })).toEqual(["desiredCapacity", "autoScaling.min"]);
        expect(paths({ ...sized(1, 5), desiredCapacity: 6 })).toEqual(["desiredCapacity", "autoScaling.max"]);
        expect(paths(sized(6, 5))).toEqual(["autoScaling.min", "autoScaling.max"]);
    });

    it("max ≥ 1 and sizes are whole numbers ≥ 0", () => {
        expect(paths(sized(0, 0))).toEqual(["autoScaling.max"]);
        expect(paths(sized(-1, 2))).toEqual(["autoScaling.min"]);
        expect(paths({ desiredCapacity: 2.5 })).toEqual(["desiredCapacity"]);
    });

    it("placement: subnets are required, and vpcId is required to create the security group", () => {
        expect(paths({ subnetIds: [] })).toEqual(["subnetIds"]);
        expect(paths({ subnetIds: undefined })).toEqual(["subnetIds"]);
        expect(paths({ vpcId: undefined })).toEqual(["vpcId"]);
        expect(paths({ vpcId: undefined, securityGroupIds: [] })).toEqual(["securityGroupIds"]);
        expect(() =>
            planAutoScalingGroup("web", { ...base, vpcId: undefined, securityGroupIds: ["sg-1"] }),
        ).not.toThrow();
    });

    it("on-demand percentage is 0–100, base ≥ 0, allocation strategy from the list", () => {
        expect(
            paths({
                instanceTypes: ["m5.large"],
                spot: {
                    onDemandPercentageAboveBaseCapacity: 101,
                    onDemandBaseCapacity: -1,
                    allocationStrategy: "cheapest" as never,
                },
            }),
        ).toEqual(["spot.onDemandBaseCapacity", "spot.onDemandPercentageAboveBaseCapacity", "spot.allocationStrategy"]);
    });

    it("at most 40 instance type overrides (AWS limit), unique, well-formed, one architecture, not with instanceType", () => {
        const types = Array.from({ length: 41 }, (_, i) => `m5.${i}xlarge`);
        expect(paths({ instanceTypes: types })).toEqual(["instanceTypes"]);
        valid({ instanceTypes: Array.from({ length: 40 }, (_, i) => `m5.${i}xlarge`) });
        expect(paths({ instanceTypes: ["m5.large", "m5.large"] })).toEqual(["instanceTypes[1]"]);
        expect(paths({ instanceTypes: ["m5 large"] })).toEqual(["instanceTypes[0]"]);
        expect(paths({ instanceTypes: ["m5.large", "m6g.large"] })).toEqual(["instanceTypes"]);
        expect(paths({ instanceType: "m5.large", instanceTypes: ["m5a.large"] })).toEqual(["instanceTypes"]);
        expect(paths({ instanceType: "large" })).toEqual(["instanceType"]);
    });

    it("root volume size in range for its type", () => {
        expect(paths({ rootVolume: { sizeGb: 65537 } })).toEqual(["rootVolume.sizeGb"]);
        valid({ rootVolume: { sizeGb: 65536 } });
        expect(paths({ rootVolume: { sizeGb: 16385, type: "gp2" } })).toEqual(["rootVolume.sizeGb"]);
        expect(paths({ rootVolume: { sizeGb: 3, type: "io1", iops: 3000 }, imageId: "ami-1" })).toEqual([
            "rootVolume.sizeGb",
        ]);
        // The default Amazon Linux 2023 image has an 8 GiB root snapshot.
        expect(paths({ rootVolume: { sizeGb: 4 } })).toEqual(["rootVolume.sizeGb"]);
        valid({ rootVolume: { sizeGb: 4 }, imageId: "ami-1" });
    });

    it("root volume type and IOPS", () => {
        expect(paths({ rootVolume: { sizeGb: 20, type: "st1" as never } })).toEqual(["rootVolume.type"]);
        expect(paths({ rootVolume: { sizeGb: 20, type: "io2" } })).toEqual(["rootVolume.iops"]);
        expect(paths({ rootVolume: { sizeGb: 20, type: "gp2", iops: 3000 } })).toEqual(["rootVolume.iops"]);
        expect(paths({ rootVolume: { sizeGb: 20, type: "gp3", iops: 1000 } })).toEqual(["rootVolume.iops"]);
        expect(paths({ rootVolume: { sizeGb: 20, type: "io1", iops: 99 } })).toEqual(["rootVolume.iops"]);
    });

    it("healthCheckType is EC2 or ELB; grace period ≥ 0", () => {
        const e = paths({ healthCheckType: "TCP" as never, healthCheckGracePeriodSeconds: -1 });
        expect(e).toEqual(["healthCheckType", "healthCheckGracePeriodSeconds"]);
    });

    it("instance refresh percentages", () => {
        expect(paths({ instanceRefresh: { minHealthyPercentage: 101 } })).toEqual([
            "instanceRefresh.minHealthyPercentage",
        ]);
        // 250 is out of range and more than minHealthyPercentage (90) + 100: two problems.
        expect(paths({ instanceRefresh: { maxHealthyPercentage: 250, instanceWarmupSeconds: -5 } }).sort()).toEqual([
            "instanceRefresh.instanceWarmupSeconds",
            "instanceRefresh.maxHealthyPercentage",
            "instanceRefresh.maxHealthyPercentage",
        ]);
        // A broken pair names both fields: either may be the wrong one.
        expect(paths({ instanceRefresh: { minHealthyPercentage: 50, maxHealthyPercentage: 160 } })).toEqual([
            "instanceRefresh.maxHealthyPercentage",
            "instanceRefresh.minHealthyPercentage",
        ]);
    });

    it("user data at most 16 KB", () => {
        expect(paths({ userData: "x".repeat(16 * 1024 + 1) })).toEqual(["userData"]);
    });

    it("scaling problems are reported under autoScaling.", () => {
        expect(
            paths(
                scaled({
                    targetTracking: [{ metric: "memory", target: 70 }],
                    schedules: [{ name: "a", cron: "0 9 * *", minCapacity: 1 }],
                }),
            ),
        ).toEqual(["autoScaling.targetTracking[0].metric", "autoScaling.schedules[0].cron"]);
    });

    it("tags", () => {
        expect(paths({ tags: { "aws:owner": "me" } })).toEqual(["tags.aws:owner"]);
    });

    it("collects every problem at once", () => {
        expect(
            paths({ ...sized(3, 5), desiredCapacity: 2, healthCheckType: "X" as never, vpcId: undefined }).sort(),
        ).toEqual(["autoScaling.min", "desiredCapacity", "healthCheckType", "vpcId"]);
    });
});
