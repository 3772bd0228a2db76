import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    GatewayLoadBalancer,
    type GatewayLoadBalancerArgs,
    type GwlbEndpointArgs,
    planGatewayLoadBalancer,
} from "../../../components/lb";
import { ofType, type Plan, problemPaths, runPlan } from "../../support";

/**
 * REFERENCE.md's GWLB inserts firewalls and IDS/IPS appliances into the traffic path. AWS does that
 * with Gateway Load Balancer endpoints and route entries that point at them:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/getting-started.html#configure-routing
 * https://docs.aws.amazon.com/prescriptive-guidance/latest/inline-traffic-inspection-third-party-appliances/architecture.html
 */
const ctx = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const SECURITY_VPC = "vpc-0securityaaaaaaaa";
const base: GatewayLoadBalancerArgs = {
    vpcId: SECURITY_VPC,
    subnetIds: ["subnet-0appliancea000000", "subnet-0applianceb000000"],
    deletionProtection: false,
};

type Entry = { routeTableId: string; destinationCidrBlock: string; endpoint: string };

/** Runs the GWLB and returns its route entries with the endpoint each goes through (by key), and each endpoint's VPC and subnets. */
async function planned(endpoints: Record<string, GwlbEndpointArgs>, o: Partial<GatewayLoadBalancerArgs> = {}) {
    const plan: Plan = await runPlan(() => {
        const gwlb = new GatewayLoadBalancer("inspection", { ...base, endpoints, ...o });
        return {
            ids: pulumi.all(Object.fromEntries(Object.entries(gwlb.endpoints).map(([k, e]) => [k, e.id]))),
            serviceName: gwlb.serviceName,
        };
    });
    const ids = plan.outputs.ids as Record<string, string>;
    const keyOf = Object.fromEntries(Object.entries(ids).map(([k, id]) => [id, k]));
    const routes: Entry[] = ofType(plan, "aws:ec2/route:Route").map((r) => ({
        routeTableId: r.inputs.routeTableId as string,
        destinationCidrBlock: r.inputs.destinationCidrBlock as string,
        endpoint: keyOf[r.inputs.vpcEndpointId as string],
    }));
    const eps = Object.fromEntries(
        ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => [
            keyOf[e.outputs?.id as string],
            {
                type: e.inputs.vpcEndpointType,
                vpcId: e.inputs.vpcId,
                subnetIds: e.inputs.subnetIds,
                serviceName: e.inputs.serviceName,
            },
        ]),
    );
    return { plan, routes, endpoints: eps };
}

describe("GatewayLoadBalancer.endpoints: AWS's inspection patterns as route-table entries", () => {
    it("centralized inspection with ingress routing: the IGW's edge route table sends each application subnet through its zone's endpoint, and the application subnets send 0.0.0.0/0 back through it", async () => {
        // One VPC (10.0.0.0/16): application subnets 10.0.1.0/24 (zone a) and 10.0.2.0/24 (zone b), endpoints in their own subnets.
        const { routes, endpoints, plan } = await planned({
            a: {
                subnetId: "subnet-0endpointa00000",
                routes: [
                    { routeTableId: "rtb-0igwedge0000000", destinationCidrBlock: "10.0.1.0/24" },
                    { routeTableId: "rtb-0appa0000000000", destinationCidrBlock: "0.0.0.0/0" },
                ],
            },
            b: {
                subnetId: "subnet-0endpointb00000",
                routes: [
                    { routeTableId: "rtb-0igwedge0000000", destinationCidrBlock: "10.0.2.0/24" },
                    { routeTableId: "rtb-0appb0000000000", destinationCidrBlock: "0.0.0.0/0" },
                ],
            },
        });
        expect(routes).toEqual([
            { routeTableId: "rtb-0igwedge0000000", destinationCidrBlock: "10.0.1.0/24", endpoint: "a" },
            { routeTableId: "rtb-0appa0000000000", destinationCidrBlock: "0.0.0.0/0", endpoint: "a" },
            { routeTableId: "rtb-0igwedge0000000", destinationCidrBlock: "10.0.2.0/24", endpoint: "b" },
            { routeTableId: "rtb-0appb0000000000", destinationCidrBlock: "0.0.0.0/0", endpoint: "b" },
        ]);
        expect(endpoints).toEqual({
            a: {
                type: "GatewayLoadBalancer",
                vpcId: SECURITY_VPC,
                subnetIds: ["subnet-0endpointa00000"],
                serviceName: plan.outputs.serviceName,
            },
            b: {
                type: "GatewayLoadBalancer",
                vpcId: SECURITY_VPC,
                subnetIds: ["subnet-0endpointb00000"],
                serviceName: plan.outputs.serviceName,
            },
        });
        expect(String(plan.outputs.serviceName)).toMatch(/^com\.amazonaws\.vpce\./);
        // Acceptance is required (the default): the component accepts its own endpoints.
        expect(
            ofType(plan, "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter").map((r) => r.name),
        ).toEqual(["inspection-accept-a", "inspection-accept-b"]);
    });

    it("centralized inspection behind a Transit Gateway: each zone's attachment subnet sends everything through the endpoint of its zone", async () => {
        const { routes } = await planned({
            a: {
                subnetId: "subnet-0endpointa00000",
                routes: [{ routeTableId: "rtb-0tgwattacha00000", destinationCidrBlock: "0.0.0.0/0" }],
            },
            b: {
                subnetId: "subnet-0endpointb00000",
                routes: [{ routeTableId: "rtb-0tgwattachb00000", destinationCidrBlock: "0.0.0.0/0" }],
            },
        });
        expect(routes).toEqual([
            { routeTableId: "rtb-0tgwattacha00000", destinationCidrBlock: "0.0.0.0/0", endpoint: "a" },
            { routeTableId: "rtb-0tgwattachb00000", destinationCidrBlock: "0.0.0.0/0", endpoint: "b" },
        ]);
    });

    it("distributed: the GWLB in a security VPC, endpoints in each spoke VPC, each spoke's edge and subnet route tables through its own endpoint", async () => {
        const spoke = (vpcId: string, subnetId: string, edge: string, app: string, cidr: string): GwlbEndpointArgs => ({
            vpcId,
            subnetId,
            routes: [
                { routeTableId: edge, destinationCidrBlock: cidr },
                { routeTableId: app, destinationCidrBlock: "0.0.0.0/0" },
            ],
        });
        const { routes, endpoints, plan } = await planned(
            {
                shop: spoke(
                    "vpc-0shop00000000000",
                    "subnet-0shopgwlbe0000",
                    "rtb-0shopedge000000",
                    "rtb-0shopapp0000000",
                    "10.1.1.0/24",
                ),
                blog: spoke(
                    "vpc-0blog00000000000",
                    "subnet-0bloggwlbe0000",
                    "rtb-0blogedge000000",
                    "rtb-0blogapp0000000",
                    "10.2.1.0/24",
                ),
            },
            { acceptanceRequired: false, allowedPrincipals: ["arn:aws:iam::123456789012:root"] },
        );
        expect(routes).toEqual([
            { routeTableId: "rtb-0shopedge000000", destinationCidrBlock: "10.1.1.0/24", endpoint: "shop" },
            { routeTableId: "rtb-0shopapp0000000", destinationCidrBlock: "0.0.0.0/0", endpoint: "shop" },
            { routeTableId: "rtb-0blogedge000000", destinationCidrBlock: "10.2.1.0/24", endpoint: "blog" },
            { routeTableId: "rtb-0blogapp0000000", destinationCidrBlock: "0.0.0.0/0", endpoint: "blog" },
        ]);
        expect(endpoints.shop).toMatchObject({ vpcId: "vpc-0shop00000000000", subnetIds: ["subnet-0shopgwlbe0000"] });
        expect(endpoints.blog).toMatchObject({ vpcId: "vpc-0blog00000000000", subnetIds: ["subnet-0bloggwlbe0000"] });
        // Without acceptance there is nothing to accept.
        expect(ofType(plan, "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter")).toEqual([]);
    });

    it("without endpoints, only the service: consumers create their own", async () => {
        const { plan } = await planned({});
        expect(ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint")).toEqual([]);
        expect(ofType(plan, "aws:ec2/route:Route")).toEqual([]);
    });
});

describe("GatewayLoadBalancer.endpoints: every rule has a failing case", () => {
    const paths = (endpoints: unknown) =>
        problemPaths(() =>
            planGatewayLoadBalancer(
                "inspection",
                { ...base, endpoints: endpoints as Record<string, GwlbEndpointArgs> },
                ctx,
            ),
        );
    const route = (routeTableId: string, destinationCidrBlock: string) => ({ routeTableId, destinationCidrBlock });

    it("destinations are IPv4 CIDR blocks; Outputs are left to AWS", () => {
        expect(paths({ a: { subnetId: "subnet-1", routes: [route("rtb-1", "10.0.1.0")] } })).toEqual([
            "endpoints.a.routes[0].destinationCidrBlock",
        ]);
        expect(() =>
            planGatewayLoadBalancer(
                "inspection",
                {
                    ...base,
                    endpoints: {
                        a: {
                            subnetId: "subnet-1",
                            routes: [
                                { routeTableId: pulumi.output("rtb-1"), destinationCidrBlock: pulumi.output("x") },
                            ],
                        },
                    },
                },
                ctx,
            ),
        ).not.toThrow();
    });

    it("a route table has one route per destination, across endpoints", () => {
        expect(
            paths({
                a: { subnetId: "subnet-1", routes: [route("rtb-1", "0.0.0.0/0")] },
                b: { subnetId: "subnet-2", routes: [route("rtb-1", "0.0.0.0/0")] },
            }),
        ).toEqual(["endpoints.b.routes[0]"]);
        expect(() =>
            paths({ a: { subnetId: "subnet-1", routes: [route("rtb-1", "0.0.0.0/0"), route("rtb-2", "0.0.0.0/0")] } }),
        ).toThrow(/expected an InputPropertiesError/);
    });

    it("keys are letters, digits and hyphens; a subnet is required; unknown keys get a suggestion", () => {
        expect(paths({ "zone a": { subnetId: "subnet-1" } })).toEqual(["endpoints.zone a"]);
        expect(paths({ a: {} })).toEqual(["endpoints.a.subnetId"]);
        expect(paths({ a: { subnetId: "" } })).toEqual(["endpoints.a.subnetId"]);
        expect(paths({ a: { subnetId: "subnet-1", route: [] } })).toEqual(["endpoints.a.route"]);
    });

    it("at most 50 endpoints (per VPC) and 50 routes per endpoint (per route table)", () => {
        const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`e${i}`, { subnetId: `subnet-${i}` }]));
        expect(paths(many)).toEqual(["endpoints"]);
        const routes = Array.from({ length: 51 }, (_, i) => route(`rtb-${i}`, "0.0.0.0/0"));
        expect(paths({ a: { subnetId: "subnet-1", routes } })).toEqual(["endpoints.a.routes"]);
    });

    it("an Output can't decide which endpoints exist", () => {
        expect(paths(pulumi.output({}))).toEqual(["endpoints"]);
    });
});
