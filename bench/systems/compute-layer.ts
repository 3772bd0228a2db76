/** compute-layer's system: the package root, as a user's program imports it. */
import * as pulumi from "@pulumi/pulumi";
import { ApplicationLoadBalancer, EcsCluster, EcsService } from "../../src";
import { CERT, IMAGE, PRIVATE, PUBLIC, serviceNames, shards, VPC } from "./common";

export function computeLayer(n: number): void {
    const cluster = new EcsCluster("bench", {});
    for (const [shard, names] of shards(serviceNames(n)).entries()) computeLayerShard(cluster, names, shard);
}

function computeLayerShard(cluster: EcsCluster, names: string[], shard: number): void {
    const alb = new ApplicationLoadBalancer(`edge${shard}`, {
        vpcId: VPC,
        subnetIds: PUBLIC,
        certificateArn: CERT,
        targetGroups: Object.fromEntries(
            names.map((s) => [s, { port: 8080, targetType: "ip" as const, healthCheck: { path: "/health" } }]),
        ),
        defaultAction: { fixedResponse: { statusCode: 404 } },
        rules: names.map((s) => ({ conditions: { pathPatterns: [`/${s}/*`] }, action: { forward: s } })),
    });
    for (const s of names) {
        new EcsService(s, {
            cluster,
            vpcId: VPC,
            subnetIds: PRIVATE,
            allowFrom: [alb.securityGroup.id],
            cpu: 512,
            memory: 1024,
            containers: { app: { image: IMAGE, portMappings: [{ containerPort: 8080 }] } },
            loadBalancer: { targetGroupArn: alb.targetGroups[s].arn, containerName: "app", containerPort: 8080 },
            autoScaling: {
                min: 2,
                max: 10,
                targetTracking: [
                    { metric: "cpu", target: 60 },
                    { metric: "memory", target: 70 },
                    {
                        metric: "requestCountPerTarget",
                        target: 500,
                        resourceLabel: pulumi.interpolate`${alb.arnSuffix}/${alb.targetGroups[s].arnSuffix}`,
                    },
                ],
            },
        });
    }
}
