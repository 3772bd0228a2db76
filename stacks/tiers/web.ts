import { type ApplicationLoadBalancer, type AutoScalingArgs, AutoScalingGroup } from "../../src";
import type { SystemContext } from "./context";
import type { Network } from "./network";

/** The web instances serve a page and the `/health` the ALB checks, on port 80 (Amazon Linux 2023). */
const WEB_USER_DATA = `#!/bin/bash
set -euo pipefail
dnf install -y nginx
echo ok > /usr/share/nginx/html/health
systemctl enable --now nginx
`;

/** Target tracking at 70% CPU, the reference's step scaling from a 70% CPU alarm, and the profile's schedules. */
function webScaling({ profile }: SystemContext, capacity: { min: number; max: number }): AutoScalingArgs {
    const alarm = {
        metric: "CPUUtilization",
        namespace: "AWS/EC2",
        statistic: "Average" as const,
        threshold: 70,
        comparison: "GreaterThanOrEqualToThreshold" as const,
        evaluationPeriods: 2,
        periodSeconds: 60,
    };
    return {
        min: capacity.min,
        max: capacity.max,
        targetTracking: [{ metric: "cpu", target: 70 }],
        steps: [
            {
                alarm,
                adjustmentType: "ChangeInCapacity",
                metricAggregationType: "Average",
                adjustments: [
                    { lowerBound: 0, upperBound: 10, change: 1 },
                    { lowerBound: 10, upperBound: 20, change: 2 },
                    { lowerBound: 20, change: 3 },
                ],
            },
        ],
        ...(profile.webSchedules.length > 0 ? { schedules: profile.webSchedules } : {}),
        ...(profile.predictiveScaling
            ? { predictive: { metric: "cpu", target: 70, mode: "ForecastAndScale", schedulingBufferSeconds: 300 } }
            : {}),
    };
}

/** Spot mixed instances when the config lists Spot types (all Spot in dev, half above the base elsewhere). */
function instances(ctx: SystemContext) {
    const web = ctx.config.web;
    if (!web?.spotInstanceTypes) return { instanceType: web?.instanceType };
    const spot = ctx.profile.spotFirst
        ? { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 0 }
        : { onDemandBaseCapacity: web.capacity.min, onDemandPercentageAboveBaseCapacity: 50 };
    return { instanceTypes: web.spotInstanceTypes, spot };
}

/** The web Auto Scaling group behind the ALB's default action; only the ALB reaches it, on port 80. */
export function webGroup(ctx: SystemContext, net: Network, alb: ApplicationLoadBalancer): AutoScalingGroup | undefined {
    const web = ctx.config.web;
    if (!web) return undefined;
    return new AutoScalingGroup("web", {
        vpcId: net.vpcId,
        subnetIds: net.privateSubnets,
        ...instances(ctx),
        userData: WEB_USER_DATA,
        desiredCapacity: web.capacity.desired,
        autoScaling: webScaling(ctx, web.capacity),
        targetGroupArns: [alb.targetGroups.web.arn],
        // The ALB reaches the instances on port 80; nothing else does.
        allowFrom: { securityGroupIds: [alb.securityGroup.id], ports: [80] },
        // Instances take minutes to boot and install nginx: prod keeps some stopped and ready.
        ...(ctx.profile.warmPool ? { warmPool: ctx.profile.warmPool } : {}),
        tags: ctx.tags,
    });
}
