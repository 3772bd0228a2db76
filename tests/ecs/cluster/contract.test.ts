import { describe, expect, it } from "vitest";
import { EcsCluster, planEcsCluster } from "../../../components/ecs";
import { capturePlan, childrenOf, only, resource } from "../../support";
import { countingCalls, expectPlanned } from "../shared/contract";
import { validArgs } from "./fixture";

describe("EcsCluster: registered child inputs are the planner's result plus Outputs", () => {
    it("for the reference fixture, with no invokes", async () => {
        const { counts, calls } = countingCalls();
        const { plan, error } = await capturePlan(() => void new EcsCluster("prod", validArgs), { mocks: { calls } });
        expect(error).toBeUndefined();
        const p = planEcsCluster("prod", validArgs, { stack: "dev", now: new Date() });
        expectPlanned(resource(plan, "aws:ecs/cluster:Cluster", "prod-cluster"), p.cluster);
        expectPlanned(
            resource(plan, "aws:ecs/capacityProvider:CapacityProvider", "prod-ec2"),
            p.ec2CapacityProvider ?? {},
        );
        // The component adds the cluster's name and the EC2 provider's name (third in the list).
        expectPlanned(
            resource(plan, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "prod-capacity-providers"),
            p.capacityProviders,
            ["clusterName", "capacityProviders.2"],
        );
        expect(childrenOf(plan, only(plan, EcsCluster.TYPE))).toHaveLength(3);
        expect(counts).toEqual({});
    });
});
