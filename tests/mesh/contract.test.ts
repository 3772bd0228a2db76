import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppMeshService, IstioTrafficPolicy, planAppMeshService, planIstioTrafficPolicy } from "../../components/mesh";
import { childrenOf, only, type PlannedResource, runPlan } from "../support";
import { validArgs as appMeshArgs } from "./app-mesh-service/fixture";
import { validArgs as istioArgs } from "./istio-traffic-policy/fixture";

const ctx = { stack: "test", now: new Date("2026-11-30T00:00:00Z") };
const plain = (o: unknown) => JSON.parse(JSON.stringify(o)) as unknown;

function byName(children: PlannedResource[]): Record<string, Record<string, unknown>> {
    return Object.fromEntries(children.map((r) => [r.name, r.inputs as Record<string, unknown>]));
}

describe("mesh components add only Outputs to their planner's result", () => {
    afterEach(() => vi.restoreAllMocks());

    it("IstioTrafficPolicy: the VirtualService and DestinationRule are registered as planned", async () => {
        const expected = planIstioTrafficPolicy("web", istioArgs, ctx);
        const plan = await runPlan(() => {
            new IstioTrafficPolicy("web", istioArgs);
        });
        const children = byName(childrenOf(plan, only(plan, IstioTrafficPolicy.TYPE)));
        expect(Object.keys(children).sort()).toEqual(["web-dr", "web-vs"]);
        expect(plain(children["web-vs"])).toEqual(plain(expected.virtualService));
        expect(plain(children["web-dr"])).toEqual(plain(expected.destinationRule));
    });

    it("AppMeshService: nodes, router, route and service are registered as planned (names read from the children)", async () => {
        vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        for (const args of [appMeshArgs, { ...appMeshArgs, meshName: "created", createMesh: true }]) {
            const expected = planAppMeshService("web", args, ctx);
            const plan = await runPlan(() => {
                new AppMeshService("web", args);
            });
            const children = byName(childrenOf(plan, only(plan, AppMeshService.TYPE)));
            const want: Record<string, unknown> = {
                ...Object.fromEntries(Object.entries(expected.virtualNodes).map(([v, n]) => [`web-${v}`, n])),
                "web-router": expected.virtualRouter,
                "web-route": expected.route,
                "web-service": expected.virtualService,
                ...(expected.mesh ? { "web-mesh": expected.mesh } : {}),
            };
            expect(Object.keys(children).sort()).toEqual(Object.keys(want).sort());
            for (const [name, inputs] of Object.entries(want))
                expect(plain(children[name]), name).toEqual(plain(inputs));
        }
    });
});
