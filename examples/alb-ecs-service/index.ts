import * as pulumi from "@pulumi/pulumi";
import { ApplicationLoadBalancer, EcsCluster, EcsService } from "compute-layer";

const config = new pulumi.Config();
const vpcId = config.get("vpcId") ?? "vpc-0example000000001";
const publicSubnetIds = config.getObject<string[]>("publicSubnetIds") ?? [
    "subnet-0public000000001",
    "subnet-0public000000002",
];
const privateSubnetIds = config.getObject<string[]>("privateSubnetIds") ?? [
    "subnet-0private00000001",
    "subnet-0private00000002",
];
const certificateArn =
    config.get("certificateArn") ??
    "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";

// HTTPS on 443 with a TLS 1.2+ policy; port 80 only redirects.
const alb = new ApplicationLoadBalancer("edge", {
    vpcId,
    subnetIds: publicSubnetIds,
    certificateArn,
    targetGroups: { api: { port: 8080, targetType: "ip", healthCheck: { path: "/health" } } },
    defaultAction: { forward: "api" },
});

const cluster = new EcsCluster("services", {});

new EcsService("api", {
    cluster,
    vpcId,
    subnetIds: privateSubnetIds,
    allowFrom: [alb.securityGroup.id],
    cpu: 512,
    memory: 1024,
    containers: {
        app: {
            image: "traefik/whoami:v1.11.0",
            portMappings: [{ containerPort: 8080 }],
            environment: { WHOAMI_PORT_NUMBER: "8080" },
        },
    },
    loadBalancer: { targetGroupArn: alb.targetGroups.api.arn, containerName: "app", containerPort: 8080 },
    autoScaling: {
        min: 2,
        max: 10,
        targetTracking: [
            { metric: "cpu", target: 60 },
            {
                metric: "requestCountPerTarget",
                target: 1000,
                resourceLabel: pulumi.interpolate`${alb.arnSuffix}/${alb.targetGroups.api.arnSuffix}`,
            },
        ],
    },
});

export const url = alb.url;
