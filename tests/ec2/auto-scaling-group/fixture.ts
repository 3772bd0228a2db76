import type { AutoScalingGroupArgs } from "../../../components/ec2";

/**
 * One valid, rich AutoScalingGroup: REFERENCE.md's web group (2–10, desired 4, ELB health checks
 * behind one target group) with every scaling kind, the ALB admitted on port 80, a warm pool and
 * two lifecycle hooks (one to SQS). Plain values only.
 */
export const validArgs: AutoScalingGroupArgs = {
    vpcId: "vpc-0abc",
    subnetIds: ["subnet-private-1", "subnet-private-2"],
    allowFrom: { securityGroupIds: ["sg-0alb0000000000001"], ports: [80, 443] },
    instanceType: "m7i.large",
    userData: "#!/bin/bash\nyum update -y\n",
    rootVolume: { sizeGb: 30, type: "gp3", iops: 4000 },
    desiredCapacity: 4,
    targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"],
    healthCheckGracePeriodSeconds: 120,
    instanceRefresh: { minHealthyPercentage: 90, maxHealthyPercentage: 150, instanceWarmupSeconds: 60 },
    autoScaling: {
        min: 2,
        max: 10,
        targetTracking: [{ metric: "cpu", target: 70 }],
        steps: [
            {
                alarm: { metric: "CPUUtilization", threshold: 70, comparison: "GreaterThanOrEqualToThreshold" },
                adjustments: [
                    { lowerBound: 0, upperBound: 10, change: 1 },
                    { lowerBound: 10, change: 2 },
                ],
            },
        ],
        schedules: [{ name: "night", cron: "0 20 * * *", desiredCapacity: 4, minCapacity: 2, maxCapacity: 10 }],
        predictive: { metric: "cpu", target: 70 },
    },
    warmPool: { state: "Stopped", minSize: 2, maxPreparedCapacity: 12, reuseOnScaleIn: true },
    lifecycleHooks: {
        "warm-cache": { transition: "launch", heartbeatTimeoutSeconds: 300, defaultResult: "CONTINUE" },
        drain: {
            transition: "terminate",
            heartbeatTimeoutSeconds: 600,
            metadata: "drain connections",
            target: { service: "sqs", arn: "arn:aws:sqs:us-east-1:123456789012:web-lifecycle" },
        },
    },
    tags: { team: "web" },
};
