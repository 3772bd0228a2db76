import { EksCluster } from "../../src";
import type { SystemContext } from "./context";
import type { Network } from "./network";

/** The platform EKS cluster: an on-demand general node group, an optional Spot group, a Fargate profile. */
export function platformCluster(ctx: SystemContext, net: Network): EksCluster | undefined {
    const { config, tags } = ctx;
    const e = config.eks;
    if (!e) return undefined;
    const spot = e.spot && {
        instanceTypes: e.spot.instanceTypes,
        capacityType: "SPOT" as const,
        minSize: e.spot.capacity.min,
        maxSize: e.spot.capacity.max,
        desiredSize: e.spot.capacity.desired,
        labels: { role: "worker", lifecycle: "spot" },
    };
    return new EksCluster("platform", {
        vpcId: net.vpcId,
        privateSubnetIds: net.privateSubnets,
        publicSubnetIds: net.publicSubnets,
        version: e.version,
        deletionProtection: config.deletionProtection,
        logRetentionDays: config.logRetentionDays,
        nodeGroups: {
            general: {
                instanceTypes: [e.general.instanceType],
                minSize: e.general.capacity.min,
                maxSize: e.general.capacity.max,
                desiredSize: e.general.capacity.desired,
                diskSizeGb: 50,
                labels: { role: "general" },
            },
            ...(spot ? { spot } : {}),
        },
        fargateProfiles: { batch: { selectors: [{ namespace: "production", labels: { compute: "fargate" } }] } },
        tags,
    });
}
