import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
    appAutoScalingScheduleProblem,
    type ScalingPolicies,
    type ScalingTarget,
    type StepAdjustment,
    type StepScalingPolicy,
    unixCronProblem,
    validateScalingPolicies,
} from "../../src/scaling";

const paths = (p: ScalingPolicies, target: ScalingTarget = "ec2") =>
    validateScalingPolicies(p, target).map((x) => x.propertyPath);
const reasons = (p: ScalingPolicies, target: ScalingTarget = "ec2") =>
    validateScalingPolicies(p, target).map((x) => x.reason);

const alarm = { metric: "CPUUtilization", threshold: 70, comparison: "GreaterThanOrEqualToThreshold" as const };
const step = (adjustments: StepAdjustment[], extra: Partial<StepScalingPolicy> = {}): ScalingPolicies => ({
    steps: [{ alarm, adjustments, ...extra }],
});

describe("validateScalingPolicies: target tracking", () => {
    it("cpu and memory targets are percentages 1–100", () => {
        expect(
            paths({
                targetTracking: [
                    { metric: "cpu", target: 0 },
                    { metric: "cpu", target: 101 },
                    { metric: "cpu", target: 1 },
                    { metric: "cpu", target: 100 },
                ],
            }),
        ).toEqual(["targetTracking[0].target", "targetTracking[1].target"]);
        expect(paths({ targetTracking: [{ metric: "memory", target: 120 }] }, "ecs")).toEqual([
            "targetTracking[0].target",
        ]);
        expect(reasons({ targetTracking: [{ metric: "cpu", target: 0 }] })[0]).toMatch(/from 1 to 100/);
    });

    it("other targets must be positive", () => {
        expect(paths({ targetTracking: [{ metric: "networkIn", target: 0 }] })).toEqual(["targetTracking[0].target"]);
        expect(paths({ targetTracking: [{ metric: "cpu", target: Number.NaN }] })).toEqual([
            "targetTracking[0].target",
        ]);
    });

    it("an unknown metric names the tier's allowed metrics", () => {
        const bad = { targetTracking: [{ metric: "disk" as never, target: 50 }] };
        expect(paths(bad)).toEqual(["targetTracking[0].metric"]);
        expect(reasons(bad)[0]).toContain('"cpu", "networkIn", "networkOut", "requestCountPerTarget", "custom"');
    });

    it("requestCountPerTarget requires resourceLabel, and only it takes one", () => {
        expect(paths({ targetTracking: [{ metric: "requestCountPerTarget", target: 1000 }] })).toEqual([
            "targetTracking[0].resourceLabel",
        ]);
        expect(
            paths({ targetTracking: [{ metric: "cpu", target: 70, resourceLabel: "app/a/1/targetgroup/b/2" }] }),
        ).toEqual(["targetTracking[0].resourceLabel"]);
    });

    it("custom requires a complete customMetric, and only custom takes one", () => {
        expect(paths({ targetTracking: [{ metric: "custom", target: 10 }] })).toEqual([
            "targetTracking[0].customMetric",
        ]);
        expect(
            paths({
                targetTracking: [
                    {
                        metric: "custom",
                        target: 10,
                        customMetric: { metricName: "", namespace: "", statistic: "Median" as never },
                    },
                ],
            }),
        ).toEqual([
            "targetTracking[0].customMetric.metricName",
            "targetTracking[0].customMetric.namespace",
            "targetTracking[0].customMetric.statistic",
        ]);
        expect(
            paths({
                targetTracking: [
                    { metric: "cpu", target: 70, customMetric: { metricName: "x", namespace: "y", statistic: "Sum" } },
                ],
            }),
        ).toEqual(["targetTracking[0].customMetric"]);
    });

    it("cooldowns are ≥ 0 seconds", () => {
        expect(
            paths(
                {
                    targetTracking: [
                        { metric: "cpu", target: 70, scaleInCooldownSeconds: -1, scaleOutCooldownSeconds: 1.5 },
                    ],
                },
                "ecs",
            ),
        ).toEqual(["targetTracking[0].scaleInCooldownSeconds", "targetTracking[0].scaleOutCooldownSeconds"]);
        expect(
            paths({ steps: [{ alarm, adjustments: [{ lowerBound: 0, change: 1 }], cooldownSeconds: -5 }] }, "lambda"),
        ).toEqual(["steps[0].cooldownSeconds"]);
    });
});

describe("validateScalingPolicies: step adjustments", () => {
    it("accepts the reference bands in any order", () => {
        expect(
            paths(
                step([
                    { lowerBound: 20, change: 3 },
                    { lowerBound: 0, upperBound: 10, change: 1 },
                    { lowerBound: 10, upperBound: 20, change: 2 },
                ]),
            ),
        ).toEqual([]);
        expect(
            paths(
                step([
                    { upperBound: 0, change: -1 },
                    { lowerBound: 0, change: 1 },
                ]),
            ),
        ).toEqual([]);
    });

    it("rejects overlapping bands", () => {
        const p = step([
            { lowerBound: 0, upperBound: 15, change: 1 },
            { lowerBound: 10, change: 2 },
        ]);
        // Either bound may be the wrong one: both are named.
        expect(paths(p)).toEqual(["steps[0].adjustments[1].lowerBound", "steps[0].adjustments[0].upperBound"]);
        expect(reasons(p)[0]).toMatch(/overlaps/);
    });

    it("rejects a gap between bands", () => {
        const p = step([
            { lowerBound: 0, upperBound: 10, change: 1 },
            { lowerBound: 12, change: 2 },
        ]);
        expect(paths(p)).toEqual(["steps[0].adjustments[1].lowerBound", "steps[0].adjustments[0].upperBound"]);
        expect(reasons(p)[0]).toMatch(/gap.*start at 10/);
        expect(reasons(p)[1]).toMatch(/gap.*end at 12/);
    });

    it("allows at most one open lower and one open upper bound", () => {
        expect(
            paths(
                step([
                    { upperBound: 0, change: -1 },
                    { upperBound: 5, change: -2 },
                ]),
            ),
        ).toContain("steps[0].adjustments[1].lowerBound");
        const twoOpenUpper = paths(
            step([
                { lowerBound: 0, change: 1 },
                { lowerBound: 10, change: 2 },
            ]),
        );
        expect(twoOpenUpper).toContain("steps[0].adjustments[1].upperBound");
    });

    it("rejects a band open on both sides, an empty band and an empty list", () => {
        expect(paths(step([{ change: 1 }]))).toEqual(["steps[0].adjustments[0]"]);
        expect(paths(step([{ lowerBound: 0, upperBound: 0, change: 1 }]))).toEqual([
            "steps[0].adjustments[0].upperBound",
        ]);
        expect(paths(step([]))).toEqual(["steps[0].adjustments"]);
    });

    it("changes are whole numbers, and not negative for ExactCapacity", () => {
        expect(paths(step([{ lowerBound: 0, change: 1.5 }]))).toEqual(["steps[0].adjustments[0].change"]);
        expect(paths(step([{ lowerBound: 0, change: -1 }], { adjustmentType: "ExactCapacity" }))).toEqual([
            "steps[0].adjustments[0].change",
        ]);
    });

    it("a negative lower bound needs an open lower bound, a positive upper bound an open upper bound (AWS StepAdjustment rules)", () => {
        // [0,10) alone: AWS rejects a positive upper bound without a step open above it.
        const noTop = step([{ lowerBound: 0, upperBound: 10, change: 1 }]);
        expect(paths(noTop)).toEqual(["steps[0].adjustments[0].upperBound"]);
        expect(reasons(noTop)[0]).toMatch(/open upperBound/);
        // [-10,0) alone, for a scale-in alarm: needs a step open below it.
        const noBottom = step([{ lowerBound: -10, upperBound: 0, change: -1 }]);
        expect(paths(noBottom)).toEqual(["steps[0].adjustments[0].lowerBound"]);
        expect(reasons(noBottom)[0]).toMatch(/open lowerBound/);
        // Accepted: a band that starts above the threshold and stays open, and its mirror image.
        expect(paths(step([{ lowerBound: 5, change: 1 }]))).toEqual([]);
        expect(paths(step([{ upperBound: -5, change: -1 }]))).toEqual([]);
        expect(
            paths(
                step([
                    { upperBound: -10, change: -2 },
                    { lowerBound: -10, upperBound: 0, change: -1 },
                ]),
            ),
        ).toEqual([]);
    });

    it("contiguous bands in any order pass exactly when AWS's open-bound rules hold (property)", () => {
        fc.assert(
            fc.property(
                fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 8 }),
                fc.boolean(),
                fc.boolean(),
                (cuts, openLow, openHigh) => {
                    const sorted = [...cuts].sort((a, b) => a - b);
                    const bands: StepAdjustment[] = [];
                    if (openLow) bands.push({ upperBound: sorted[0], change: -1 });
                    for (let i = 0; i + 1 < sorted.length; i++)
                        bands.push({ lowerBound: sorted[i], upperBound: sorted[i + 1], change: i + 1 });
                    if (openHigh || bands.length === 0)
                        bands.push({ lowerBound: sorted[sorted.length - 1], change: 9 });
                    const shuffled = bands
                        .map((b, i) => ({ b, k: (i * 7919) % 13 }))
                        .sort((x, y) => x.k - y.k)
                        .map((x) => x.b);
                    const hasOpenLow = bands.some((b) => b.lowerBound === undefined);
                    const hasOpenHigh = bands.some((b) => b.upperBound === undefined);
                    const needsOpenLow = bands.some((b) => b.lowerBound !== undefined && b.lowerBound < 0);
                    const needsOpenHigh = bands.some((b) => b.upperBound !== undefined && b.upperBound > 0);
                    const ok = (hasOpenLow || !needsOpenLow) && (hasOpenHigh || !needsOpenHigh);
                    expect(paths(step(shuffled)).length === 0).toBe(ok);
                },
            ),
            { numRuns: 300 },
        );
    });
});

describe("validateScalingPolicies: step alarm and policy fields", () => {
    it("checks the alarm's metric, comparison, statistic, periods and period", () => {
        const p: ScalingPolicies = {
            steps: [
                {
                    alarm: {
                        metric: "",
                        threshold: Number.NaN,
                        comparison: "Above" as never,
                        statistic: "p99" as never,
                        evaluationPeriods: 0,
                        periodSeconds: 45,
                    },
                    adjustmentType: "Percent" as never,
                    metricAggregationType: "Sum" as never,
                    adjustments: [{ lowerBound: 0, change: 1 }],
                },
            ],
        };
        expect(paths(p)).toEqual([
            "steps[0].alarm.metric",
            "steps[0].alarm.threshold",
            "steps[0].alarm.comparison",
            "steps[0].alarm.statistic",
            "steps[0].alarm.evaluationPeriods",
            "steps[0].alarm.periodSeconds",
            "steps[0].adjustmentType",
            "steps[0].metricAggregationType",
        ]);
        expect(reasons(p)[5]).toMatch(/10, 20, 30 or a multiple of 60/);
    });

    it("accepts periods of 10, 20, 30 and multiples of 60", () => {
        for (const periodSeconds of [10, 20, 30, 60, 300])
            expect(
                paths({ steps: [{ alarm: { ...alarm, periodSeconds }, adjustments: [{ lowerBound: 0, change: 1 }] }] }),
            ).toEqual([]);
    });

    it("evaluationPeriods × periodSeconds is at most one day under an hour, seven days from an hour (PutMetricAlarm)", () => {
        const at = (periodSeconds: number | undefined, evaluationPeriods: number) =>
            paths({
                steps: [
                    {
                        alarm: { ...alarm, periodSeconds, evaluationPeriods },
                        adjustments: [{ lowerBound: 0, change: 1 }],
                    },
                ],
            });
        expect(at(60, 1440)).toEqual([]);
        expect(at(60, 1441)).toEqual(["steps[0].alarm.evaluationPeriods"]);
        expect(at(undefined, 1441)).toEqual(["steps[0].alarm.evaluationPeriods"]);
        expect(at(3600, 168)).toEqual([]);
        expect(at(3600, 169)).toEqual(["steps[0].alarm.evaluationPeriods"]);
        expect(
            reasons({
                steps: [
                    {
                        alarm: { ...alarm, periodSeconds: 3600, evaluationPeriods: 169 },
                        adjustments: [{ lowerBound: 0, change: 1 }],
                    },
                ],
            })[0],
        ).toMatch(/at most 604800 s/);
    });

    it("the alarm and its comparison are required", () => {
        expect(paths({ steps: [{ alarm: undefined as never, adjustments: [{ lowerBound: 0, change: 1 }] }] })).toEqual([
            "steps[0].alarm",
        ]);
        const noComparison = {
            steps: [
                {
                    alarm: { metric: "CPUUtilization", threshold: 70 } as never,
                    adjustments: [{ lowerBound: 0, change: 1 }],
                },
            ],
        };
        expect(paths(noComparison)).toEqual(["steps[0].alarm.comparison"]);
        expect(reasons(noComparison)[0]).toContain('"GreaterThanOrEqualToThreshold"');
    });
});

describe("validateScalingPolicies: schedules", () => {
    it("names are required and unique", () => {
        const p: ScalingPolicies = {
            schedules: [
                { name: "a", cron: "0 9 * * *", minCapacity: 1 },
                { name: "a", cron: "0 10 * * *", minCapacity: 1 },
                { name: "", cron: "0 11 * * *", minCapacity: 1 },
            ],
        };
        expect(paths(p)).toEqual(["schedules[1].name", "schedules[2].name"]);
        expect(reasons(p)[0]).toMatch(/already used at schedules\[0\]\.name/);
    });

    it("names are at most 255 characters and must not collide as resource names", () => {
        expect(paths({ schedules: [{ name: "x".repeat(256), cron: "0 9 * * *", minCapacity: 1 }] })).toEqual([
            "schedules[0].name",
        ]);
        expect(paths({ schedules: [{ name: "x".repeat(255), cron: "0 9 * * *", minCapacity: 1 }] })).toEqual([]);
        const p: ScalingPolicies = {
            schedules: [
                { name: "scale up", cron: "0 9 * * *", minCapacity: 1 },
                { name: "scale-up", cron: "0 10 * * *", minCapacity: 1 },
            ],
        };
        expect(paths(p)).toEqual(["schedules[1].name"]);
        expect(reasons(p)[0]).toMatch(/same resource name \(schedule-scale-up\)/);
    });

    it("EC2 crons are traditional Unix cron: no Quartz or Jenkins tokens", () => {
        for (const bad of ["0 9 ? * MON-FRI", "0 9 L * *", "0 9 * * 5L", "0 9 * * 1#2", "H 9 * * *"])
            expect(unixCronProblem(bad), bad).toMatch(/traditional/);
        expect(unixCronProblem("0 9 * JAN-MAR sun,sat")).toBeUndefined();
        expect(paths({ schedules: [{ name: "x", cron: "0 9 ? * MON-FRI", minCapacity: 1 }] })).toEqual([
            "schedules[0].cron",
        ]);
    });

    it("EC2 crons are valid 5-field Unix cron", () => {
        expect(unixCronProblem("0 9 * * MON-FRI")).toBeUndefined();
        expect(unixCronProblem("*/15 0-6 1,15 * *")).toBeUndefined();
        expect(unixCronProblem("61 9 * * *")).toMatch(/0-59/);
        expect(unixCronProblem("0 9 * * FUNDAY")).toBeDefined();
        expect(unixCronProblem("@daily")).toMatch(/5-field/);
        expect(paths({ schedules: [{ name: "x", cron: "0 25 * * *", minCapacity: 1 }] })).toEqual([
            "schedules[0].cron",
        ]);
    });

    it("Application Auto Scaling schedules are cron(6 fields with ?), rate(...) or at(...)", () => {
        for (const ok of [
            "cron(0 9 ? * MON-FRI *)",
            "cron(15 10 ? * 6L 2027-2030)",
            "cron(0 18 L * ? *)",
            "cron(0 9 15W * ? *)",
            "rate(5 minutes)",
            "rate(1 day)",
            "at(2027-02-28T23:59:00)",
        ]) {
            expect(appAutoScalingScheduleProblem(ok), ok).toBeUndefined();
        }
        expect(appAutoScalingScheduleProblem("cron(0 9 * * MON-FRI *)")).toMatch(/"\?" in exactly one/);
        expect(appAutoScalingScheduleProblem("cron(0 9 ? * MON-FRI)")).toMatch(/6 fields/);
        expect(appAutoScalingScheduleProblem("cron(0 24 ? * MON-FRI *)")).toMatch(/0-23/);
        expect(appAutoScalingScheduleProblem("cron(0 9 ? * MON-FRI 27)")).toMatch(/year/);
        expect(appAutoScalingScheduleProblem("rate(1 hours)")).toMatch(/singular/);
        expect(appAutoScalingScheduleProblem("rate(5 minute)")).toMatch(/plural/);
        expect(appAutoScalingScheduleProblem("rate(0 minutes)")).toMatch(/positive/);
        expect(appAutoScalingScheduleProblem("at(2027-02-30T10:00:00)")).toMatch(/real date/);
        expect(appAutoScalingScheduleProblem("0 9 * * *")).toMatch(/one of "cron\(/);
        expect(paths({ schedules: [{ name: "x", cron: "rate(2 weeks)", minCapacity: 1 }] }, "ecs")).toEqual([
            "schedules[0].cron",
        ]);
    });

    it("time zones are IANA names", () => {
        expect(
            paths({ schedules: [{ name: "x", cron: "0 9 * * *", timezone: "Mars/Olympus", minCapacity: 1 }] }),
        ).toEqual(["schedules[0].timezone"]);
        expect(
            paths({ schedules: [{ name: "x", cron: "0 9 * * *", timezone: "Asia/Tokyo", minCapacity: 1 }] }),
        ).toEqual([]);
    });

    it("min ≤ desired ≤ max, reported at both fields of the broken pair (either may be the wrong one)", () => {
        expect(
            paths({
                schedules: [{ name: "x", cron: "0 9 * * *", minCapacity: 10, desiredCapacity: 5, maxCapacity: 30 }],
            }),
        ).toEqual(["schedules[0].desiredCapacity", "schedules[0].minCapacity"]);
        expect(
            paths({
                schedules: [{ name: "x", cron: "0 9 * * *", minCapacity: 1, desiredCapacity: 40, maxCapacity: 30 }],
            }),
        ).toEqual(["schedules[0].desiredCapacity", "schedules[0].maxCapacity"]);
        expect(paths({ schedules: [{ name: "x", cron: "0 9 * * *", minCapacity: 31, maxCapacity: 30 }] })).toEqual([
            "schedules[0].minCapacity",
            "schedules[0].maxCapacity",
        ]);
        expect(
            paths({ schedules: [{ name: "x", cron: "cron(0 9 ? * * *)", minCapacity: 31, maxCapacity: 30 }] }, "ecs"),
        ).toEqual(["schedules[0].minCapacity", "schedules[0].maxCapacity"]);
    });

    it("capacities are whole numbers ≥ 0, and a schedule must set one", () => {
        expect(paths({ schedules: [{ name: "x", cron: "0 9 * * *", minCapacity: -1, maxCapacity: 2.5 }] })).toEqual([
            "schedules[0].minCapacity",
            "schedules[0].maxCapacity",
        ]);
        expect(paths({ schedules: [{ name: "x", cron: "0 9 * * *" }] })).toEqual(["schedules[0]"]);
        expect(paths({ schedules: [{ name: "x", cron: "rate(1 day)" }] }, "lambda")).toEqual(["schedules[0]"]);
    });
});

describe("validateScalingPolicies: predictive", () => {
    it("checks target, mode, buffer and resource label", () => {
        expect(
            paths({ predictive: { metric: "cpu", target: 0, mode: "Always" as never, schedulingBufferSeconds: 3601 } }),
        ).toEqual(["predictive.target", "predictive.mode", "predictive.schedulingBufferSeconds"]);
        expect(paths({ predictive: { metric: "requestCountPerTarget", target: 100 } })).toEqual([
            "predictive.resourceLabel",
        ]);
        expect(paths({ predictive: { metric: "cpu", target: 50, resourceLabel: "x" } })).toEqual([
            "predictive.resourceLabel",
        ]);
    });

    it("memory is offered on ECS only", () => {
        expect(paths({ predictive: { metric: "memory", target: 50 } }, "ec2")).toEqual(["predictive.metric"]);
        expect(paths({ predictive: { metric: "memory", target: 50 } }, "ecs")).toEqual([]);
    });
});
