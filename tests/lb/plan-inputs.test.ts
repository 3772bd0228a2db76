import { describe, expect, it } from "vitest";
import {
    ApplicationLoadBalancer,
    type ApplicationLoadBalancerArgs,
    GatewayLoadBalancer,
    type GatewayLoadBalancerArgs,
    NetworkLoadBalancer,
    type NetworkLoadBalancerArgs,
    type PlannedAction,
    planApplicationLoadBalancer,
    planGatewayLoadBalancer,
    planNetworkLoadBalancer,
} from "../../components/lb";
import type { SecurityGroupPlan } from "../../components/lb/shared/security-group";
import { type Plan, type PlannedResource, resource, runPlan } from "../support";
import { validArgs as albValid, referenceAlbArgs } from "./alb/fixture";
import { validArgs as gwlbValid } from "./gwlb/fixture";
import { validArgs as nlbValid, referenceNlbArgs } from "./nlb/fixture";

/**
 * The component contract (issue 15): a component registers its planner's inputs unchanged and adds
 * only Outputs (ids, ARNs, references between children). For each reference fixture, the inputs
 * every child was registered with must equal the planner's result plus those Outputs, taken from
 * the registered children themselves.
 */

const ctx = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
/** The CIDR the plan engine's aws:ec2/getVpc answer gives every VPC. */
const VPC_CIDR = "10.0.0.0/16";
/** Plain data as the plan records it: `undefined` fields dropped. */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
const T = {
    sg: "aws:ec2/securityGroup:SecurityGroup",
    in: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    out: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    eip: "aws:ec2/eip:Eip",
    service: "aws:ec2/vpcEndpointService:VpcEndpointService",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    route: "aws:ec2/route:Route",
    accepter: "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter",
};
const out = (r: PlannedResource, key: string) => {
    const v = r.outputs?.[key];
    if (v === undefined) throw new Error(`${r.type} ${r.name} has no output ${key}`);
    return v;
};

/** Asserts the security group and its rules, and returns the group's id. */
function expectSecurityGroup(plan: Plan, name: string, sg: SecurityGroupPlan): string {
    const group = resource(plan, T.sg, `${name}-sg`);
    expect(group.inputs).toEqual(plain(sg.group));
    const id = out(group, "id");
    for (const [type, rules] of [
        [T.in, sg.ingress],
        [T.out, sg.egress],
    ] as const) {
        for (const r of rules) {
            expect(resource(plan, type, r.name).inputs, r.name).toEqual(
                plain({ ...r.inputs, securityGroupId: id, cidrIpv4: r.inputs.cidrIpv4 ?? VPC_CIDR }),
            );
        }
    }
    return id;
}

function counted(plan: Plan, types: string[]): number {
    return plan.resources.filter((r) => types.includes(r.type)).length;
}

async function expectAlb(args: ApplicationLoadBalancerArgs) {
    const plan = await runPlan(() => void new ApplicationLoadBalancer("web", args));
    const p = planApplicationLoadBalancer("web", args, ctx);
    const sgId = expectSecurityGroup(plan, "web", p.securityGroup);
    const lb = resource(plan, T.lb, "web-lb");
    expect(lb.inputs).toEqual(plain({ ...p.loadBalancer, securityGroups: [sgId] }));
    const tgArn: Record<string, string> = {};
    for (const { key, ...inputs } of p.targetGroups) {
        const tg = resource(plan, T.tg, `web-tg-${key}`);
        expect(tg.inputs).toEqual(plain(inputs));
        tgArn[key] = out(tg, "arn");
    }
    // The OIDC client secret is the one input the plan leaves out: the component adds it, marked secret.
    const actions = (list: PlannedAction[]) =>
        list.map(({ targetGroupKey, forward, authenticateOidc, ...a }) => ({
            ...plain(a),
            ...(authenticateOidc
                ? { authenticateOidc: { ...plain(authenticateOidc), clientSecret: { $secret: expect.any(String) } } }
                : {}),
            ...(targetGroupKey !== undefined ? { targetGroupArn: tgArn[targetGroupKey] } : {}),
            ...(forward
                ? {
                      forward: {
                          ...forward,
                          targetGroups: forward.targetGroups.map((g) => ({ arn: tgArn[g.key], weight: g.weight })),
                      },
                  }
                : {}),
        }));
    const lbArn = out(lb, "arn");
    const http = resource(plan, T.listener, "web-http");
    expect(http.inputs).toEqual({
        ...plain({ ...p.httpListener, loadBalancerArn: lbArn }),
        defaultActions: actions(p.httpListener.defaultActions),
    });
    let routing = http;
    if (p.httpsListener) {
        routing = resource(plan, T.listener, "web-https");
        expect(routing.inputs).toEqual({
            ...plain({ ...p.httpsListener, loadBalancerArn: lbArn }),
            defaultActions: actions(p.httpsListener.defaultActions),
        });
    }
    for (const { index: _i, ...rule } of p.rules) {
        const r = resource(plan, T.rule, `web-rule-${rule.priority}`);
        expect(r.inputs).toEqual({
            ...plain({ ...rule, listenerArn: out(routing, "arn") }),
            actions: actions(rule.actions),
        });
    }
    const expected =
        2 +
        p.securityGroup.ingress.length +
        p.securityGroup.egress.length +
        p.targetGroups.length +
        (p.httpsListener ? 2 : 1) +
        p.rules.length;
    expect(counted(plan, Object.values(T))).toBe(expected);
}

async function expectNlb(args: NetworkLoadBalancerArgs) {
    const plan = await runPlan(() => void new NetworkLoadBalancer("edge", args));
    const p = planNetworkLoadBalancer("edge", args, ctx);
    const sgId = expectSecurityGroup(plan, "edge", p.securityGroup);
    const allocations = p.eips.map((eip, i) => {
        const r = resource(plan, T.eip, `edge-eip-${i}`);
        expect(r.inputs).toEqual(plain(eip));
        return r.outputs?.id;
    });
    const lb = resource(plan, T.lb, "edge-lb");
    const { subnetMappings, ...lbInputs } = p.loadBalancer;
    expect(lb.inputs).toEqual(
        plain({
            ...lbInputs,
            ...(subnetMappings
                ? { subnetMappings: subnetMappings.map((m, i) => ({ ...m, allocationId: allocations[i] })) }
                : {}),
            securityGroups: [sgId],
        }),
    );
    for (const { key, targetGroup, defaultActions, ...listener } of p.listeners) {
        const tg = resource(plan, T.tg, `edge-tg-${key}`);
        expect(tg.inputs).toEqual(plain(targetGroup));
        const l = resource(plan, T.listener, `edge-listener-${key}`);
        expect(l.inputs).toEqual(
            plain({
                ...listener,
                loadBalancerArn: out(lb, "arn"),
                defaultActions: defaultActions.map((a) => ({ ...a, targetGroupArn: out(tg, "arn") })),
            }),
        );
    }
    if (p.endpointService) {
        const svc = resource(plan, T.service, "edge-endpoint-service");
        expect(svc.inputs).toEqual(plain({ ...p.endpointService, networkLoadBalancerArns: [out(lb, "arn")] }));
    }
    const expected =
        2 +
        p.securityGroup.ingress.length +
        p.securityGroup.egress.length +
        p.eips.length +
        2 * p.listeners.length +
        (p.endpointService ? 1 : 0);
    expect(counted(plan, Object.values(T))).toBe(expected);
}

async function expectGwlb(args: GatewayLoadBalancerArgs) {
    // The plan records ids and ARNs of children; the service name comes through a stack output.
    const plan = await runPlan(() => ({ serviceName: new GatewayLoadBalancer("inspection", args).serviceName }));
    const p = planGatewayLoadBalancer("inspection", args, ctx);
    const lb = resource(plan, T.lb, "inspection-lb");
    expect(lb.inputs).toEqual(plain(p.loadBalancer));
    const tg = resource(plan, T.tg, "inspection-tg");
    expect(tg.inputs).toEqual(plain(p.targetGroup));
    const l = resource(plan, T.listener, "inspection-listener");
    expect(l.inputs).toEqual(
        plain({
            ...p.listener,
            loadBalancerArn: out(lb, "arn"),
            defaultActions: p.listener.defaultActions.map((a) => ({ ...a, targetGroupArn: out(tg, "arn") })),
        }),
    );
    const svc = resource(plan, T.service, "inspection-endpoint-service");
    expect(svc.inputs).toEqual(plain({ ...p.endpointService, gatewayLoadBalancerArns: [out(lb, "arn")] }));
    const endpointIds: Record<string, string> = {};
    for (const e of p.endpoints) {
        const r = resource(plan, T.endpoint, e.name);
        expect(r.inputs).toEqual(plain({ ...e.inputs, serviceName: plan.outputs.serviceName }));
        endpointIds[e.key] = out(r, "id");
    }
    const accepterUrns: Record<string, string> = {};
    for (const a of p.accepters) {
        const r = resource(plan, T.accepter, a.name);
        expect(r.inputs).toEqual({ vpcEndpointServiceId: out(svc, "id"), vpcEndpointId: endpointIds[a.endpoint] });
        accepterUrns[a.endpoint] = r.urn;
    }
    for (const route of p.routes) {
        const r = resource(plan, T.route, route.name);
        expect(r.inputs, route.name).toEqual(plain({ ...route.inputs, vpcEndpointId: endpointIds[route.endpoint] }));
        // A route waits for its endpoint's acceptance (a route through a pending endpoint fails).
        if (accepterUrns[route.endpoint]) expect(r.options.dependsOn).toContain(accepterUrns[route.endpoint]);
    }
    expect(counted(plan, Object.values(T))).toBe(4 + p.endpoints.length + p.accepters.length + p.routes.length);
}

describe("each lb component registers its planner's inputs plus Outputs only", () => {
    it("ApplicationLoadBalancer: REFERENCE.md's ALB, without a certificate, and the rich fixture", async () => {
        await expectAlb(referenceAlbArgs({ tags: { team: "platform" } }));
        await expectAlb(referenceAlbArgs({ certificateArn: undefined, internal: true }));
        await expectAlb(albValid);
    });

    it("NetworkLoadBalancer: REFERENCE.md's NLB and the rich fixture", async () => {
        await expectNlb(referenceNlbArgs());
        await expectNlb(nlbValid);
    });

    it("GatewayLoadBalancer: the rich fixture", async () => {
        await expectGwlb(gwlbValid);
    });
});
