import { ApplicationLoadBalancer, AutoScalingGroup } from "compute-layer";

const vpcId = "vpc-0example000000001";
const alb = new ApplicationLoadBalancer("web", {
    vpcId,
    subnetIds: ["subnet-0public000000001", "subnet-0public000000002"],
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
    targetGroups: { web: { port: 80, targetType: "instance", healthCheck: { path: "/health" } } },
    defaultAction: { forward: "web" },
});

// IMDSv2, encrypted gp3, no public IP, SSM instead of SSH — all by default.
const web = new AutoScalingGroup("web", {
    vpcId,
    subnetIds: ["subnet-0private00000001", "subnet-0private00000002"],
    instanceType: "t3.medium",
    allowFrom: { securityGroupIds: [alb.securityGroup.id], ports: [80] },
    targetGroupArns: [alb.targetGroups.web.arn],
    autoScaling: {
        min: 2,
        max: 10,
        targetTracking: [{ metric: "cpu", target: 70 }],
        // Business hours: at least 10 instances from 09:00, back to 2 at 18:00 (New York time).
        schedules: [
            {
                name: "business-hours",
                cron: "0 9 * * MON-FRI",
                timezone: "America/New_York",
                minCapacity: 10,
                maxCapacity: 30,
            },
            {
                name: "after-hours",
                cron: "0 18 * * MON-FRI",
                timezone: "America/New_York",
                minCapacity: 2,
                maxCapacity: 10,
            },
        ],
    },
    // Pre-initialised, stopped instances: scale-out in seconds instead of minutes.
    warmPool: { state: "Stopped", minSize: 2, reuseOnScaleIn: true },
});

export const groupName = web.groupName;
