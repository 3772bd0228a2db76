import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStackConfig } from "../../src/plan/config";
import { ofType, type Plan, type PlannedResource, type PlanValue, runPlan } from "../support";

/**
 * An outside review of the shipped staging and prod plans, the checks an AWS + Kubernetes SRE makes
 * before `pulumi up` that the mocks can't make: who can reach what (every security-group rule
 * resolved to the groups it joins), whether each load balancer can reach and health-check its
 * targets, whether every role is trusted by the service that assumes it, whether every name fits
 * AWS's limits, whether the listener / target group / ECS blue-green combinations are ones AWS
 * accepts, whether each principal may do what its resource needs, and whether every in-cluster
 * controller that calls AWS has an identity that works with IMDSv2 at hop limit 1.
 * Each stack is planned once, with its real `Pulumi.<stack>.yaml`.
 */

const root = path.resolve(__dirname, "../..");
const program = path.join(root, "stacks/index.ts");
const STACKS = ["staging", "prod"] as const;
type Stack = (typeof STACKS)[number];
const plans = {} as Record<Stack, Plan>;
/** Each stack's `compute-layer:tiers` from its config file: which tiers it turns on. */
const tiers = {} as Record<Stack, Record<string, boolean>>;

beforeAll(async () => {
    for (const stack of STACKS) {
        const { config, secretKeys } = loadStackConfig(path.join(root, `stacks/Pulumi.${stack}.yaml`), "compute-layer");
        tiers[stack] = JSON.parse(config["compute-layer:tiers"] ?? "{}") as Record<string, boolean>;
        plans[stack] = await runPlan(program, { project: "compute-layer", stack, config, secretKeys });
    }
}, 60_000);

const T = {
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    tg: "aws:lb/targetGroup:TargetGroup",
    tgAttachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    ecsService: "aws:ecs/service:Service",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    asg: "aws:autoscaling/group:Group",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    profile: "aws:iam/instanceProfile:InstanceProfile",
    fn: "aws:lambda/function:Function",
    alias: "aws:lambda/alias:Alias",
    permission: "aws:lambda/permission:Permission",
    api: "aws:apigatewayv2/api:Api",
    integration: "aws:apigatewayv2/integration:Integration",
    route: "aws:apigatewayv2/route:Route",
    queue: "aws:sqs/queue:Queue",
    eks: "eks:index:Cluster",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    fargate: "aws:eks/fargateProfile:FargateProfile",
    addon: "aws:eks/addon:Addon",
    podIdentity: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    vpc: "awsx:ec2:Vpc",
    release: "kubernetes:helm.sh/v3:Release",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    deployment: "kubernetes:apps/v1:Deployment",
    scaledObject: "kubernetes:keda.sh/v1alpha1:ScaledObject",
};

type Obj = Record<string, PlanValue>;
const obj = (v: PlanValue | undefined): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: PlanValue | undefined): PlanValue[] => (Array.isArray(v) ? v : []);
const str = (v: PlanValue | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const label = (r: PlannedResource) => `${r.type.split(":").pop()} ${r.name}`;
const out = (r: PlannedResource, key: string) => r.outputs?.[key];

/** The resource of a type whose output `key` (`id`, `arn`, `name`) is `value`. */
function byOutput(plan: Plan, type: string, key: string, value: unknown): PlannedResource | undefined {
    return ofType(plan, type).find((r) => out(r, key) === value);
}

// ---------------------------------------------------------------------------------------------
// Security groups: rules resolved to the groups they join
// ---------------------------------------------------------------------------------------------

interface Rule {
    resource: PlannedResource;
    group: string;
    protocol: string;
    from: number;
    to: number;
    cidr?: string;
    peer?: string;
}

function rules(plan: Plan, type: string): Rule[] {
    return ofType(plan, type).map((r) => ({
        resource: r,
        group: String(r.inputs.securityGroupId),
        protocol: String(r.inputs.ipProtocol),
        from: Number(r.inputs.fromPort ?? 0),
        to: Number(r.inputs.toPort ?? 65535),
        cidr: str(r.inputs.cidrIpv4),
        peer: str(r.inputs.referencedSecurityGroupId),
    }));
}

const ipv4 = (cidr: string) => {
    const [addr, bits] = cidr.split("/");
    const n = addr.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
    return { n, bits: Number(bits) };
};
/** Whether CIDR `outer` contains CIDR `inner`. */
function contains(outer: string, inner: string): boolean {
    const a = ipv4(outer);
    const b = ipv4(inner);
    if (b.bits < a.bits) return false;
    const size = 2 ** (32 - a.bits);
    return Math.floor(a.n / size) === Math.floor(b.n / size);
}

const covers = (r: Rule, protocol: string, port: number) =>
    (r.protocol === "-1" || r.protocol === protocol) && (r.protocol === "-1" || (r.from <= port && port <= r.to));

/** Whether `source` (a group in `sourceCidr`) may send `protocol/port` to `target`, by both groups' rules. */
function reaches(
    plan: Plan,
    vpcCidr: string,
    source: string | undefined,
    target: string[],
    protocol: string,
    port: number,
): boolean {
    const out = source
        ? rules(plan, T.egress).some(
              (r) =>
                  r.group === source &&
                  covers(r, protocol, port) &&
                  (r.peer ? target.includes(r.peer) : r.cidr !== undefined && contains(r.cidr, vpcCidr)),
          )
        : true;
    const into = rules(plan, T.ingress).some(
        (r) =>
            target.includes(r.group) &&
            covers(r, protocol, port) &&
            (r.peer ? r.peer === source : r.cidr !== undefined && contains(r.cidr, vpcCidr)),
    );
    return out && into;
}

const vpcCidr = (plan: Plan) => String(ofType(plan, T.vpc)[0]?.inputs.cidrBlock);

/** Every security group a load balancer's target sits in, per target group ARN. */
function targetsOf(plan: Plan): Map<string, { who: string; groups: string[]; port?: number }[]> {
    const map = new Map<string, { who: string; groups: string[]; port?: number }[]>();
    const add = (arn: string, v: { who: string; groups: string[]; port?: number }) =>
        map.set(arn, [...(map.get(arn) ?? []), v]);
    for (const svc of ofType(plan, T.ecsService)) {
        const groups = arr(obj(svc.inputs.networkConfiguration).securityGroups).map(String);
        for (const lb of arr(svc.inputs.loadBalancers).map(obj)) {
            const port = Number(lb.containerPort);
            add(String(lb.targetGroupArn), { who: label(svc), groups, port });
            const alternate = str(obj(lb.advancedConfiguration).alternateTargetGroupArn);
            if (alternate) add(alternate, { who: `${label(svc)} (alternate)`, groups, port });
        }
    }
    for (const asg of ofType(plan, T.asg)) {
        const lt = byOutput(plan, T.lt, "id", obj(asg.inputs.launchTemplate).id);
        const groups = arr(obj(arr(lt?.inputs.networkInterfaces)[0]).securityGroups).map(String);
        for (const arn of arr(asg.inputs.targetGroupArns)) add(String(arn), { who: label(asg), groups });
    }
    for (const att of ofType(plan, T.tgAttachment)) {
        const alb = byOutput(plan, T.lb, "arn", att.inputs.targetId);
        if (alb)
            add(String(att.inputs.targetGroupArn), {
                who: label(alb),
                groups: arr(alb.inputs.securityGroups).map(String),
            });
    }
    return map;
}

/** The load balancer and target group each listener or rule forwards to. */
function forwards(plan: Plan): { lb: PlannedResource; tg: PlannedResource; via: PlannedResource }[] {
    const found: { lb: PlannedResource; tg: PlannedResource; via: PlannedResource }[] = [];
    const listenerOf = (arn: unknown) => byOutput(plan, T.listener, "arn", arn);
    const actionTargets = (actions: PlanValue | undefined) =>
        arr(actions)
            .map(obj)
            .flatMap((a) => [str(a.targetGroupArn), ...arr(obj(a.forward).targetGroups).map((t) => str(obj(t).arn))])
            .filter((a): a is string => a !== undefined);
    for (const via of [...ofType(plan, T.listener), ...ofType(plan, T.rule)]) {
        const listener = via.type === T.listener ? via : listenerOf(via.inputs.listenerArn);
        const lb = listener && byOutput(plan, T.lb, "arn", listener.inputs.loadBalancerArn);
        if (!lb) continue;
        for (const arn of actionTargets(via.inputs.defaultActions ?? via.inputs.actions)) {
            const tg = byOutput(plan, T.tg, "arn", arn);
            if (tg) found.push({ lb, tg, via });
        }
    }
    return found;
}

describe.each(STACKS)("%s: who can reach what", (stack) => {
    it("every security-group rule joins groups of this plan (or the EKS cluster's), and none references its own group unasked", () => {
        const plan = plans[stack];
        const known = new Set(ofType(plan, T.sg).map((g) => out(g, "id")));
        for (const c of ofType(plan, T.eks)) known.add(out(c, "clusterSecurityGroupId"));
        const all = [...rules(plan, T.ingress), ...rules(plan, T.egress)];
        expect(all.length).toBeGreaterThan(10);
        for (const r of all) {
            expect(known.has(r.group), `${label(r.resource)} attaches to unknown ${r.group}`).toBe(true);
            if (r.peer) {
                expect(known.has(r.peer), `${label(r.resource)} references unknown ${r.peer}`).toBe(true);
                expect(r.peer, `${label(r.resource)} references its own group`).not.toBe(r.group);
            }
            expect(r.cidr !== undefined || r.peer !== undefined, `${label(r.resource)} names no peer`).toBe(true);
        }
    });

    it("the internet reaches only internet-facing load balancers, on ports they listen on", () => {
        const plan = plans[stack];
        const open = rules(plan, T.ingress).filter((r) => r.cidr === "0.0.0.0/0");
        expect(open.length).toBeGreaterThan(0);
        for (const r of open) {
            const lb = ofType(plan, T.lb).find((l) => arr(l.inputs.securityGroups).includes(r.group));
            expect(
                lb,
                `${label(r.resource)} opens ${r.group} to the internet, which is no load balancer's`,
            ).toBeDefined();
            if (!lb) continue;
            expect(lb.inputs.internal, label(lb)).not.toBe(true);
            const ports = ofType(plan, T.listener)
                .filter((l) => l.inputs.loadBalancerArn === out(lb, "arn"))
                .map((l) => Number(l.inputs.port));
            expect(r.protocol, label(r.resource)).toBe("tcp");
            for (let p = r.from; p <= r.to; p++)
                expect(ports, `${label(r.resource)}: ${label(lb)} has no listener on ${p}`).toContain(p);
        }
        // Nothing else is public: no public IP on instances or tasks, a private EKS endpoint.
        for (const lt of ofType(plan, T.lt))
            for (const ni of arr(lt.inputs.networkInterfaces))
                expect(obj(ni).associatePublicIpAddress, label(lt)).toBe("false");
        for (const svc of ofType(plan, T.ecsService))
            expect(obj(svc.inputs.networkConfiguration).assignPublicIp, label(svc)).toBe(false);
        for (const c of ofType(plan, T.eks)) expect(c.inputs.endpointPublicAccess, label(c)).toBe(false);
    });

    it("every load balancer reaches each target it forwards to on the target's port and health-check port", () => {
        const plan = plans[stack];
        const cidr = vpcCidr(plan);
        const targets = targetsOf(plan);
        const pairs = forwards(plan);
        expect(pairs.length).toBeGreaterThan(0);
        // Gateway Load Balancers speak GENEVE over UDP, without security groups: checked below.
        for (const { lb, tg } of pairs.filter((f) => f.lb.inputs.loadBalancerType !== "gateway")) {
            const registered = targets.get(String(out(tg, "arn"))) ?? [];
            expect(registered.length, `${label(tg)} (behind ${label(lb)}) has no targets`).toBeGreaterThan(0);
            const source = str(arr(lb.inputs.securityGroups)[0]);
            for (const t of registered) {
                const port = t.port ?? Number(tg.inputs.port);
                const hc = obj(tg.inputs.healthCheck).port;
                const hcPort = hc === undefined || hc === "traffic-port" ? port : Number(hc);
                for (const p of new Set([port, hcPort])) {
                    const ok = reaches(plan, cidr, source, t.groups, "tcp", p);
                    expect(ok, `${label(lb)} → ${t.who} (${label(tg)}) on tcp/${p}`).toBe(true);
                }
            }
        }
    });

    it("a Gateway Load Balancer's appliances admit GENEVE and the health check from the VPC", () => {
        const plan = plans[stack];
        const gateways = ofType(plan, T.lb).filter((l) => l.inputs.loadBalancerType === "gateway");
        expect(gateways.length).toBe(tiers[stack].gwlb ? 1 : 0);
        const cidr = vpcCidr(plan);
        const tgs = ofType(plan, T.tg).filter((t) => t.inputs.protocol === "GENEVE");
        const targets = targetsOf(plan);
        for (const tg of tgs) {
            expect(tg.inputs.port, label(tg)).toBe(6081);
            const registered = targets.get(String(out(tg, "arn"))) ?? [];
            expect(registered.length, label(tg)).toBeGreaterThan(0);
            const hc = obj(tg.inputs.healthCheck);
            for (const t of registered) {
                expect(reaches(plan, cidr, undefined, t.groups, "udp", 6081), `${t.who}: GENEVE`).toBe(true);
                const hcProtocol = hc.protocol === "UDP" ? "udp" : "tcp";
                expect(reaches(plan, cidr, undefined, t.groups, hcProtocol, Number(hc.port)), `${t.who}: health`).toBe(
                    true,
                );
            }
        }
    });

    it("compute in private subnets reaches its AWS dependencies (ECR/Docker Hub, Secrets Manager, logs, DynamoDB, SQS) through NAT", () => {
        const plan = plans[stack];
        const vpc = ofType(plan, T.vpc)[0];
        const strategy = obj(vpc?.inputs.natGateways).strategy;
        // No interface/gateway VPC endpoints in the plan: every private workload's AWS traffic takes NAT.
        expect(
            ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
                (e) => e.inputs.vpcEndpointType !== "GatewayLoadBalancer",
            ),
        ).toEqual([]);
        expect(["OnePerAz", "Single"]).toContain(strategy);
        // and each workload's group lets HTTPS out.
        const https = (group: string) =>
            rules(plan, T.egress).some((r) => r.group === group && covers(r, "tcp", 443) && r.cidr === "0.0.0.0/0");
        for (const fn of ofType(plan, T.fn))
            for (const g of arr(obj(fn.inputs.vpcConfig).securityGroupIds))
                expect(https(String(g)), label(fn)).toBe(true);
        for (const svc of ofType(plan, T.ecsService))
            for (const g of arr(obj(svc.inputs.networkConfiguration).securityGroups))
                expect(https(String(g)), label(svc)).toBe(true);
    });
});

// ---------------------------------------------------------------------------------------------
// IAM: every role trusted by the service that assumes it
// ---------------------------------------------------------------------------------------------

interface Statement {
    Effect: string;
    Action: string | string[];
    Principal?: { Service?: string | string[]; Federated?: string };
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}
const list = <V>(v: V | V[] | undefined): V[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const trust = (role: PlannedResource): Statement[] =>
    (JSON.parse(String(role.inputs.assumeRolePolicy)) as { Statement: Statement[] }).Statement;
const roleByArn = (plan: Plan, arn: unknown) => byOutput(plan, T.role, "arn", arn);
const roleByName = (plan: Plan, name: unknown) =>
    byOutput(plan, T.role, "name", name) ?? byOutput(plan, T.role, "id", name);

/** The role must let `service` assume it with `sts:AssumeRole` (and `sts:TagSession` where the service tags sessions). */
function expectTrusts(role: PlannedResource | undefined, service: string, who: string): void {
    expect(role, `${who}: its role is not in the plan`).toBeDefined();
    if (!role) return;
    const st = trust(role).find((s) => s.Effect === "Allow" && list(s.Principal?.Service).includes(service));
    expect(st, `${who}: ${label(role)} does not trust ${service}`).toBeDefined();
    expect(list(st?.Action), `${who}: ${label(role)}`).toContain("sts:AssumeRole");
    // EKS Pod Identity assumes roles with session tags: without sts:TagSession the agent gets AccessDenied.
    if (service === "pods.eks.amazonaws.com")
        expect(list(st?.Action), `${who}: ${label(role)}`).toContain("sts:TagSession");
}

/** IRSA: the role trusts the cluster's OIDC provider for exactly this ServiceAccount, with the STS audience. */
function expectIrsa(plan: Plan, role: PlannedResource | undefined, namespace: string, sa: string, who: string): void {
    expect(role, `${who}: its role is not in the plan`).toBeDefined();
    if (!role) return;
    const st = trust(role).find((s) => s.Principal?.Federated);
    expect(st, `${who}: ${label(role)} trusts no OIDC provider`).toBeDefined();
    if (!st) return;
    expect(list(st.Action)).toContain("sts:AssumeRoleWithWebIdentity");
    const issuer = String(st.Principal?.Federated).replace(/^arn:aws:iam::\d{12}:oidc-provider\//, "");
    expect(issuer, label(role)).toMatch(/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    const equals = st.Condition?.StringEquals ?? {};
    expect(equals[`${issuer}:sub`], `${who}: ${label(role)}`).toBe(`system:serviceaccount:${namespace}:${sa}`);
    expect(equals[`${issuer}:aud`], `${who}: ${label(role)}`).toBe("sts.amazonaws.com");
    const cluster = ofType(plan, T.eks)[0];
    expect(cluster, "an IRSA role needs the cluster's OIDC provider").toBeDefined();
    expect(cluster?.inputs.createOidcProvider, label(role)).toBe(true);
}

describe.each(STACKS)("%s: every role is trusted by the service that assumes it", (stack) => {
    it("trust policies are well-formed: 2012-10-17, Allow, one known principal kind and the action that goes with it", () => {
        const plan = plans[stack];
        const roles = ofType(plan, T.role);
        expect(roles.length).toBeGreaterThan(10);
        for (const role of roles) {
            const doc = JSON.parse(String(role.inputs.assumeRolePolicy)) as { Version: string; Statement: Statement[] };
            expect(doc.Version, label(role)).toBe("2012-10-17");
            expect(doc.Statement.length, label(role)).toBeGreaterThan(0);
            for (const s of doc.Statement) {
                expect(s.Effect, label(role)).toBe("Allow");
                const services = list(s.Principal?.Service);
                for (const svc of services)
                    expect(svc, label(role)).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/);
                if (s.Principal?.Federated)
                    expect(list(s.Action), label(role)).toEqual(["sts:AssumeRoleWithWebIdentity"]);
                else
                    expect(
                        services.length,
                        `${label(role)} has neither a service nor a federated principal`,
                    ).toBeGreaterThan(0);
                // SourceArn conditions name ARNs in this account and region, and of the service's own kind.
                for (const [op, cond] of Object.entries(s.Condition ?? {}))
                    for (const [k, v] of Object.entries(cond))
                        if (k === "aws:SourceArn") {
                            for (const arn of list(v))
                                expect(arn, `${label(role)} ${op}`).toMatch(
                                    /^arn:aws:(ecs|eks):us-east-1:123456789012:/,
                                );
                        }
            }
        }
    });

    it("each consumer's role trusts that consumer: Lambda, ECS tasks and deployments, EC2, EKS nodes, Fargate pods, Pod Identity, IRSA", () => {
        const plan = plans[stack];
        for (const fn of ofType(plan, T.fn))
            expectTrusts(roleByArn(plan, fn.inputs.role), "lambda.amazonaws.com", label(fn));
        for (const td of ofType(plan, T.taskDef)) {
            expectTrusts(
                roleByArn(plan, td.inputs.executionRoleArn),
                "ecs-tasks.amazonaws.com",
                `${label(td)} execution`,
            );
            expectTrusts(roleByArn(plan, td.inputs.taskRoleArn), "ecs-tasks.amazonaws.com", `${label(td)} task`);
        }
        for (const svc of ofType(plan, T.ecsService))
            for (const lb of arr(svc.inputs.loadBalancers).map(obj)) {
                const roleArn = obj(lb.advancedConfiguration).roleArn;
                if (!roleArn) continue;
                const role = roleByArn(plan, roleArn);
                // ECS's infrastructure role for load balancers: trusted by ecs.amazonaws.com, with AWS's managed policy.
                expectTrusts(role, "ecs.amazonaws.com", `${label(svc)} blue/green`);
                const policies = ofType(plan, T.attachment).filter(
                    (a) => a.inputs.role === out(role as PlannedResource, "name"),
                );
                expect(
                    policies.map((a) => a.inputs.policyArn),
                    label(svc),
                ).toContain("arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers");
            }
        for (const p of ofType(plan, T.profile))
            expectTrusts(roleByName(plan, p.inputs.role), "ec2.amazonaws.com", label(p));
        for (const ng of ofType(plan, T.nodeGroup))
            expectTrusts(roleByArn(plan, ng.inputs.nodeRoleArn), "ec2.amazonaws.com", label(ng));
        for (const fp of ofType(plan, T.fargate)) {
            const role = roleByArn(plan, fp.inputs.podExecutionRoleArn);
            expectTrusts(role, "eks-fargate-pods.amazonaws.com", label(fp));
            // Its SourceArn condition must match this profile's ARN, or Fargate can't assume it.
            const pattern = role && trust(role)[0]?.Condition?.ArnLike?.["aws:SourceArn"];
            if (pattern) {
                const re = new RegExp(`^${String(pattern).replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
                expect(out(fp, "arn"), label(fp)).toMatch(re);
            }
        }
        const clusterArn = `arn:aws:eks:us-east-1:123456789012:cluster/${out(ofType(plan, T.eks)[0], "name")}`;
        const associations = [
            ...ofType(plan, T.podIdentity).map((a) => ({ who: label(a), roleArn: a.inputs.roleArn })),
            ...ofType(plan, T.addon).flatMap((a) =>
                arr(a.inputs.podIdentityAssociations).map((p) => ({ who: label(a), roleArn: obj(p).roleArn })),
            ),
        ];
        expect(associations.length).toBeGreaterThan(0);
        for (const a of associations) {
            const role = roleByArn(plan, a.roleArn);
            expectTrusts(role, "pods.eks.amazonaws.com", a.who);
            const sourceArn = role && trust(role)[0]?.Condition?.ArnEquals?.["aws:SourceArn"];
            if (sourceArn) expect(sourceArn, a.who).toBe(clusterArn);
        }
        for (const sa of ofType(plan, T.serviceAccount)) {
            const meta = obj(sa.inputs.metadata);
            const roleArn = obj(meta.annotations)["eks.amazonaws.com/role-arn"];
            if (roleArn)
                expectIrsa(plan, roleByArn(plan, roleArn), String(meta.namespace), String(meta.name), label(sa));
        }
        for (const addon of ofType(plan, T.addon).filter((a) => a.inputs.serviceAccountRoleArn)) {
            // The managed add-ons' ServiceAccounts, as EKS names them.
            const sa = { "vpc-cni": "aws-node", "aws-ebs-csi-driver": "ebs-csi-controller-sa" }[
                String(addon.inputs.addonName)
            ];
            expect(sa, `${label(addon)}: unknown ServiceAccount`).toBeDefined();
            expectIrsa(
                plan,
                roleByArn(plan, addon.inputs.serviceAccountRoleArn),
                "kube-system",
                String(sa),
                label(addon),
            );
        }
    });

    it("each Pod Identity association names a ServiceAccount that exists: planned, or created by its chart under that name", () => {
        const plan = plans[stack];
        if (!tiers[stack].eks) return expect(ofType(plan, T.eks)).toEqual([]);
        const planned = new Set(
            ofType(plan, T.serviceAccount).map(
                (s) => `${obj(s.inputs.metadata).namespace}/${obj(s.inputs.metadata).name}`,
            ),
        );
        for (const r of ofType(plan, T.release)) {
            const values = obj(r.inputs.values);
            const sas = [obj(values.serviceAccount), obj(obj(values.serviceAccount).operator)];
            for (const sa of sas) if (sa.create === true && sa.name) planned.add(`${r.inputs.namespace}/${sa.name}`);
        }
        const associations = ofType(plan, T.podIdentity);
        expect(associations.length).toBeGreaterThan(0);
        for (const a of associations)
            expect([...planned], label(a)).toContain(`${a.inputs.namespace}/${a.inputs.serviceAccount}`);
    });
});

// ---------------------------------------------------------------------------------------------
// Names and combinations AWS accepts
// ---------------------------------------------------------------------------------------------

describe.each(STACKS)("%s: names within AWS's limits", (stack) => {
    it("load balancers and target groups: 1–32 letters, digits and hyphens, no hyphen at either end, not internal-", () => {
        const plan = plans[stack];
        const named = [...ofType(plan, T.lb), ...ofType(plan, T.tg)];
        expect(named.length).toBeGreaterThan(3);
        for (const r of named) {
            const name = str(r.inputs.name) ?? out(r, "name") ?? String(out(r, "arn")).split("/").at(-2);
            expect(name, label(r)).toMatch(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/);
            expect(name?.startsWith("internal-"), label(r)).toBe(false);
        }
    });

    it("IAM roles ≤ 64, Lambda functions ≤ 64, SQS queues ≤ 80, ECS families ≤ 255, EKS clusters ≤ 100, log groups ≤ 512", () => {
        const plan = plans[stack];
        const limits: [string, number, RegExp][] = [
            [T.role, 64, /^[\w+=,.@-]+$/],
            [T.fn, 64, /^[A-Za-z0-9_-]+$/],
            [T.queue, 80, /^[A-Za-z0-9_-]+$/],
            [T.eks, 100, /^[A-Za-z0-9][A-Za-z0-9_-]*$/],
            ["aws:cloudwatch/logGroup:LogGroup", 512, /^[\w\-/.#]+$/],
        ];
        for (const [type, max, charset] of limits)
            for (const r of ofType(plan, type)) {
                const name = str(r.inputs.name) ?? out(r, "name");
                expect(name, label(r)).toBeDefined();
                expect(name?.length, `${label(r)}: ${name}`).toBeLessThanOrEqual(max);
                expect(name, label(r)).toMatch(charset);
            }
        for (const td of ofType(plan, T.taskDef))
            expect(String(td.inputs.family), label(td)).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
    });
});

describe.each(STACKS)("%s: listener, target group and ECS combinations AWS accepts", (stack) => {
    it("listener rule priorities are unique per listener, within 1–50000", () => {
        const plan = plans[stack];
        const seen = new Map<string, string>();
        for (const r of ofType(plan, T.rule)) {
            const p = Number(r.inputs.priority);
            expect(Number.isInteger(p) && p >= 1 && p <= 50_000, label(r)).toBe(true);
            const key = `${r.inputs.listenerArn} ${p}`;
            expect(seen.get(key), `${label(r)} shares priority ${p} with ${seen.get(key)}`).toBeUndefined();
            seen.set(key, label(r));
        }
    });

    it("HTTPS listeners carry a certificate and a TLS 1.2+ policy; plain HTTP on an internet-facing ALB only redirects", () => {
        const plan = plans[stack];
        for (const l of ofType(plan, T.listener)) {
            const lb = byOutput(plan, T.lb, "arn", l.inputs.loadBalancerArn);
            if (l.inputs.protocol === "HTTPS" || l.inputs.protocol === "TLS") {
                expect(str(l.inputs.certificateArn), label(l)).toMatch(
                    /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
                );
                expect(str(l.inputs.sslPolicy), label(l)).toMatch(/TLS13-1-2|TLS-1-2|FS-1-2/);
            }
            if (
                l.inputs.protocol === "HTTP" &&
                lb?.inputs.loadBalancerType === "application" &&
                lb.inputs.internal !== true
            ) {
                const actions = arr(l.inputs.defaultActions).map(obj);
                expect(
                    actions.map((a) => a.type),
                    label(l),
                ).toEqual(["redirect"]);
                expect(obj(actions[0]?.redirect).protocol, label(l)).toBe("HTTPS");
                expect(
                    ofType(plan, T.rule).filter((r) => r.inputs.listenerArn === out(l, "arn")),
                    label(l),
                ).toEqual([]);
            }
        }
    });

    it("target types fit their targets: Fargate tasks → ip, Auto Scaling groups → instance, an ALB → alb over TCP on a port it listens on", () => {
        const plan = plans[stack];
        const tgOf = (arn: unknown) => byOutput(plan, T.tg, "arn", arn);
        for (const svc of ofType(plan, T.ecsService))
            for (const lb of arr(svc.inputs.loadBalancers).map(obj)) {
                expect(tgOf(lb.targetGroupArn)?.inputs.targetType, label(svc)).toBe("ip");
                const alt = obj(lb.advancedConfiguration).alternateTargetGroupArn;
                if (alt) expect(tgOf(alt)?.inputs.targetType, label(svc)).toBe("ip");
            }
        for (const asg of ofType(plan, T.asg))
            for (const arn of arr(asg.inputs.targetGroupArns))
                expect(tgOf(arn)?.inputs.targetType, label(asg)).toBe("instance");
        for (const att of ofType(plan, T.tgAttachment)) {
            const tg = tgOf(att.inputs.targetGroupArn);
            const alb = byOutput(plan, T.lb, "arn", att.inputs.targetId);
            if (!alb) continue;
            expect(tg?.inputs.targetType, label(att)).toBe("alb");
            expect(tg?.inputs.protocol, label(att)).toBe("TCP");
            const ports = ofType(plan, T.listener)
                .filter((l) => l.inputs.loadBalancerArn === out(alb, "arn"))
                .map((l) => l.inputs.port);
            expect(ports, label(att)).toContain(tg?.inputs.port);
            expect(att.inputs.port, label(att)).toBe(tg?.inputs.port);
            // An NLB forwards to an ALB target group only from a TCP listener.
            for (const l of ofType(plan, T.listener))
                if (
                    arr(l.inputs.defaultActions).some(
                        (a) => obj(a).targetGroupArn === out(tg as PlannedResource, "arn"),
                    )
                )
                    expect(l.inputs.protocol, label(l)).toBe("TCP");
        }
    });

    it("ECS blue/green: the production rule forwards to both target groups, which match; ECS owns the weights", () => {
        const plan = plans[stack];
        const bg = ofType(plan, T.ecsService).flatMap((svc) =>
            arr(svc.inputs.loadBalancers)
                .map(obj)
                .filter((lb) => obj(lb.advancedConfiguration).productionListenerRule)
                .map((lb) => ({ svc, lb, adv: obj(lb.advancedConfiguration) })),
        );
        // prod's profile canaries the api with ECS's native blue/green; other stacks may roll instead.
        if (stack === "prod") expect(bg.length).toBeGreaterThan(0);
        for (const { svc, lb, adv } of bg) {
            const rule = byOutput(plan, T.rule, "arn", adv.productionListenerRule);
            expect(rule, `${label(svc)}: its production listener rule is not in the plan`).toBeDefined();
            if (!rule) continue;
            const weighted = arr(rule.inputs.actions)
                .map(obj)
                .flatMap((a) => arr(obj(a.forward).targetGroups).map((t) => obj(t).arn));
            expect(weighted.sort(), label(svc)).toEqual([lb.targetGroupArn, adv.alternateTargetGroupArn].sort());
            expect(rule.options.ignoreChanges, label(rule)).toContain("actions");
            const [a, b] = [lb.targetGroupArn, adv.alternateTargetGroupArn].map((arn) =>
                byOutput(plan, T.tg, "arn", arn),
            );
            for (const k of ["port", "protocol", "targetType", "vpcId"])
                expect(b?.inputs[k], `${label(svc)}: ${k}`).toEqual(a?.inputs[k]);
            // The listener of the rule belongs to the load balancer of both target groups.
            expect(
                forwards(plan)
                    .filter((f) => f.via === rule)
                    .map((f) => label(f.tg)).length,
            ).toBe(2);
        }
    });
});

describe.each(STACKS)("%s: scaling is wired to the resources it scales and measures", (stack) => {
    it("ALBRequestCountPerTarget names <load balancer>/<target group> of a target group that load balancer forwards to", () => {
        const plan = plans[stack];
        const policies = ofType(plan, "aws:appautoscaling/policy:Policy");
        expect(policies.length).toBeGreaterThan(0);
        for (const p of policies) {
            const spec = obj(obj(p.inputs.targetTrackingScalingPolicyConfiguration).predefinedMetricSpecification);
            if (spec.predefinedMetricType !== "ALBRequestCountPerTarget") continue;
            const [lbSuffix, tgSuffix] = String(spec.resourceLabel).split("/targetgroup/");
            const lb = byOutput(plan, T.lb, "arnSuffix", lbSuffix);
            const tg = byOutput(plan, T.tg, "arnSuffix", `targetgroup/${tgSuffix}`);
            expect(lb, `${label(p)}: ${spec.resourceLabel}`).toBeDefined();
            expect(tg, `${label(p)}: ${spec.resourceLabel}`).toBeDefined();
            expect(
                forwards(plan).some((f) => f.lb === lb && f.tg === tg),
                label(p),
            ).toBe(true);
            // and the service it scales is registered in that target group.
            const svc = ofType(plan, T.ecsService).find(
                (s) => out(s, "name") === String(p.inputs.resourceId).split("/")[2],
            );
            expect(
                arr(svc?.inputs.loadBalancers).map((l) => obj(l).targetGroupArn),
                label(p),
            ).toContain(out(tg as PlannedResource, "arn"));
        }
    });

    it("scaling targets and step alarms name the service or group they scale", () => {
        const plan = plans[stack];
        const cluster = (arn: unknown) => String(arn).split("/").at(-1);
        for (const t of ofType(plan, "aws:appautoscaling/target:Target")) {
            const [kind, clusterName, service] = String(t.inputs.resourceId).split("/");
            expect(kind, label(t)).toBe("service");
            const svc = ofType(plan, T.ecsService).find((s) => out(s, "name") === service);
            expect(svc, `${label(t)}: no ECS service ${service}`).toBeDefined();
            expect(cluster(svc?.inputs.cluster), label(t)).toBe(clusterName);
            expect(Number(t.inputs.minCapacity), label(t)).toBeLessThanOrEqual(Number(t.inputs.maxCapacity));
        }
        for (const alarm of ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm")) {
            const asgName = obj(alarm.inputs.dimensions).AutoScalingGroupName;
            if (asgName === undefined) continue;
            expect(byOutput(plan, T.asg, "name", asgName), label(alarm)).toBeDefined();
            for (const action of arr(alarm.inputs.alarmActions))
                expect(String(action), label(alarm)).toContain(`:autoScalingGroupName/${asgName}:policyName/`);
        }
    });
});

// ---------------------------------------------------------------------------------------------
// Permissions each resource needs at run time
// ---------------------------------------------------------------------------------------------

/** The statements of every inline policy of a role. */
function statementsOf(plan: Plan, role: PlannedResource | undefined): Statement[] {
    if (!role) return [];
    return ofType(plan, T.rolePolicy)
        .filter((p) => p.inputs.role === out(role, "name") || p.inputs.role === out(role, "id"))
        .flatMap((p) => (JSON.parse(String(p.inputs.policy)) as { Statement: Statement[] }).Statement);
}
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
function allows(statements: Statement[], action: string, resource: string): boolean {
    return statements.some(
        (s) =>
            s.Effect === "Allow" &&
            list(s.Action).some((a) => glob(a).test(action)) &&
            list(s.Resource).some((r) => glob(r).test(resource)),
    );
}

describe.each(STACKS)("%s: each principal may do what its resource needs", (stack) => {
    it("ECS execution roles read each secret their tasks inject and write to their tasks' log groups", () => {
        const plan = plans[stack];
        for (const td of ofType(plan, T.taskDef)) {
            const st = statementsOf(plan, roleByArn(plan, td.inputs.executionRoleArn));
            const defs = JSON.parse(String(td.inputs.containerDefinitions)) as {
                secrets?: { valueFrom: string }[];
                logConfiguration?: { logDriver: string; options: Record<string, string> };
            }[];
            for (const c of defs) {
                for (const s of c.secrets ?? [])
                    expect(
                        allows(st, "secretsmanager:GetSecretValue", s.valueFrom),
                        `${label(td)}: ${s.valueFrom}`,
                    ).toBe(true);
                const group = c.logConfiguration?.options["awslogs-group"];
                expect(group, label(td)).toBeDefined();
                const stream = `arn:aws:logs:us-east-1:123456789012:log-group:${group}:log-stream:app/x/y`;
                expect(allows(st, "logs:PutLogEvents", stream), `${label(td)}: ${group}`).toBe(true);
                expect(allows(st, "logs:CreateLogStream", stream), `${label(td)}: ${group}`).toBe(true);
            }
        }
    });

    it("Lambda: its role writes its log group and its dead-letter queue; API Gateway may invoke the alias it integrates", () => {
        const plan = plans[stack];
        for (const fn of ofType(plan, T.fn)) {
            const st = statementsOf(plan, roleByArn(plan, fn.inputs.role));
            const group = obj(fn.inputs.loggingConfig).logGroup ?? `/aws/lambda/${fn.inputs.name}`;
            const stream = `arn:aws:logs:us-east-1:123456789012:log-group:${group}:log-stream:x`;
            expect(allows(st, "logs:PutLogEvents", stream), label(fn)).toBe(true);
            const dlq = obj(fn.inputs.deadLetterConfig).targetArn;
            if (dlq) expect(allows(st, "sqs:SendMessage", String(dlq)), label(fn)).toBe(true);
            if (fn.inputs.vpcConfig) expect(allows(st, "ec2:CreateNetworkInterface", "*"), label(fn)).toBe(true);
        }
        for (const integration of ofType(plan, T.integration)) {
            const api = byOutput(plan, T.api, "id", integration.inputs.apiId);
            const alias = byOutput(plan, T.alias, "invokeArn", integration.inputs.integrationUri);
            expect(alias, `${label(integration)} invokes no alias of the plan`).toBeDefined();
            const permission = ofType(plan, T.permission).find(
                (p) => p.inputs.principal === "apigateway.amazonaws.com" && p.inputs.qualifier === alias?.inputs.name,
            );
            expect(
                permission,
                `${label(integration)}: no permission for API Gateway on ${alias?.inputs.name}`,
            ).toBeDefined();
            expect(permission?.inputs.function).toBe(alias?.inputs.functionName);
            expect(
                String(permission?.inputs.sourceArn).startsWith(`${out(api as PlannedResource, "executionArn")}/`),
                label(integration),
            ).toBe(true);
        }
        // Every route of staging and prod takes a caller's token.
        const routes = ofType(plan, T.route);
        expect(routes.length).toBeGreaterThan(0);
        for (const r of routes) expect(r.inputs.authorizationType, label(r)).not.toBe("NONE");
    });

    it("KEDA's operator reads the depth of every queue a ScaledObject watches; each consumer may receive from its queue", () => {
        const plan = plans[stack];
        if (!tiers[stack].eks) return expect(ofType(plan, T.eks)).toEqual([]);
        const queueArn = (url: string) => {
            const q = byOutput(plan, T.queue, "id", url);
            expect(q, `no queue ${url} in the plan`).toBeDefined();
            return String(q && out(q, "arn"));
        };
        const keda = ofType(plan, T.podIdentity).find((a) => a.inputs.serviceAccount === "keda-operator");
        const scaled = ofType(plan, T.scaledObject);
        expect(scaled.length).toBeGreaterThan(0);
        for (const so of scaled) {
            for (const t of arr(obj(so.inputs.spec).triggers)
                .map(obj)
                .filter((t) => t.type === "aws-sqs-queue")) {
                const arn = queueArn(String(obj(t.metadata).queueURL));
                expect(keda, "KEDA's operator has no Pod Identity").toBeDefined();
                const st = statementsOf(plan, roleByArn(plan, keda?.inputs.roleArn));
                expect(allows(st, "sqs:GetQueueAttributes", arn), label(so)).toBe(true);
            }
        }
        for (const d of ofType(plan, T.deployment)) {
            const spec = obj(obj(obj(d.inputs.spec).template).spec);
            const url = arr(obj(arr(spec.containers)[0]).env)
                .map(obj)
                .find((e) => e.name === "QUEUE_URL")?.value;
            if (!url) continue;
            const ns = obj(d.inputs.metadata).namespace;
            const assoc = ofType(plan, T.podIdentity).find(
                (a) => a.inputs.namespace === ns && a.inputs.serviceAccount === spec.serviceAccountName,
            );
            expect(assoc, `${label(d)}: its ServiceAccount has no Pod Identity`).toBeDefined();
            const st = statementsOf(plan, roleByArn(plan, assoc?.inputs.roleArn));
            for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage"])
                expect(allows(st, action, queueArn(String(url))), `${label(d)}: ${action}`).toBe(true);
        }
    });
});

// ---------------------------------------------------------------------------------------------
// EKS: nodes, the control plane and in-cluster controllers
// ---------------------------------------------------------------------------------------------

describe.each(STACKS)("%s: EKS nodes and the controllers that call AWS", (stack) => {
    it("node launch templates leave the security groups to EKS (so nodes get the cluster group) and keep IMDSv2 at hop limit 1", () => {
        const plan = plans[stack];
        if (!tiers[stack].eks) return expect(ofType(plan, T.eks)).toEqual([]);
        const groups = ofType(plan, T.nodeGroup);
        expect(groups.length).toBeGreaterThan(0);
        for (const ng of groups) {
            const lt = byOutput(plan, T.lt, "id", obj(ng.inputs.launchTemplate).id);
            expect(lt, label(ng)).toBeDefined();
            // A launch template that names groups replaces the cluster group, cutting the nodes off the control plane.
            expect(lt?.inputs.networkInterfaces, label(ng)).toBeUndefined();
            expect(lt?.inputs.vpcSecurityGroupIds, label(ng)).toBeUndefined();
            expect(obj(lt?.inputs.metadataOptions), label(ng)).toMatchObject({
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
            });
            // No custom AMI: EKS picks the one for the cluster's version and bootstraps it.
            expect(lt?.inputs.imageId, label(ng)).toBeUndefined();
        }
    });

    it("pods can't reach IMDS (hop limit 1), so every controller that calls AWS has Pod Identity or IRSA, and no IMDS-derived setting", () => {
        const plan = plans[stack];
        if (!tiers[stack].eks) return expect(ofType(plan, T.eks)).toEqual([]);
        const podIdentity = new Set(
            ofType(plan, T.podIdentity).map((a) => `${a.inputs.namespace}/${a.inputs.serviceAccount}`),
        );
        const irsa = new Set(
            ofType(plan, T.serviceAccount)
                .filter((s) => obj(obj(s.inputs.metadata).annotations)["eks.amazonaws.com/role-arn"])
                .map((s) => `${obj(s.inputs.metadata).namespace}/${obj(s.inputs.metadata).name}`),
        );
        const identified = (sa: string) => podIdentity.has(sa) || irsa.has(sa);
        const lbc = ofType(plan, T.release).find((r) => r.inputs.chart === "aws-load-balancer-controller");
        expect(lbc, "the AWS Load Balancer Controller is installed (the Ingresses need it)").toBeDefined();
        if (lbc) {
            const values = obj(lbc.inputs.values);
            expect(identified(`${lbc.inputs.namespace}/${obj(values.serviceAccount).name}`), label(lbc)).toBe(true);
            // The controller reads its VPC and region from IMDS unless they are given.
            expect(str(values.vpcId), label(lbc)).toMatch(/^vpc-[0-9a-f]{17}$/);
            expect(values.region, label(lbc)).toBe("us-east-1");
            expect(values.clusterName, label(lbc)).toBe(out(ofType(plan, T.eks)[0], "name"));
        }
        const keda = ofType(plan, T.release).find((r) => r.inputs.chart === "keda");
        if (keda)
            expect(
                identified(
                    `${keda.inputs.namespace}/${obj(obj(obj(keda.inputs.values).serviceAccount).operator).name}`,
                ),
            ).toBe(true);
        for (const d of ofType(plan, T.deployment)) {
            const spec = obj(obj(obj(d.inputs.spec).template).spec);
            const image = String(obj(arr(spec.containers)[0]).image);
            if (!image.includes("cluster-autoscaler")) continue;
            expect(identified(`${obj(d.inputs.metadata).namespace}/${spec.serviceAccountName}`), label(d)).toBe(true);
            const env = arr(obj(arr(spec.containers)[0]).env).map(obj);
            expect(env.find((e) => e.name === "AWS_REGION")?.value, label(d)).toBe("us-east-1");
        }
        // Managed add-ons that call AWS: an IRSA role or a Pod Identity association each.
        for (const a of ofType(plan, T.addon).filter((x) =>
            ["vpc-cni", "aws-ebs-csi-driver"].includes(String(x.inputs.addonName)),
        ))
            expect(
                Boolean(a.inputs.serviceAccountRoleArn) || arr(a.inputs.podIdentityAssociations).length > 0,
                label(a),
            ).toBe(true);
        // Pod Identity needs its agent.
        if (podIdentity.size > 0)
            expect(ofType(plan, T.addon).map((a) => a.inputs.addonName)).toContain("eks-pod-identity-agent");
    });

    it("the deploy runner reaches the private API on 443 through the cluster security group, and can send HTTPS out", () => {
        const plan = plans[stack];
        if (!tiers[stack].eks) return expect(ofType(plan, T.eks)).toEqual([]);
        const cluster = ofType(plan, T.eks)[0];
        const runner = String(plan.outputs.deployRunnerSecurityGroupId);
        const clusterSg = out(cluster, "clusterSecurityGroupId");
        expect(clusterSg).toMatch(/^sg-[0-9a-f]{17}$/);
        expect(cluster.inputs.endpointPrivateAccess).toBe(true);
        expect(reaches(plan, vpcCidr(plan), runner, [String(clusterSg)], "tcp", 443)).toBe(true);
    });
});

// ---------------------------------------------------------------------------------------------
// Admission: what a custom resource or an injected pod needs is in the cluster before it
// ---------------------------------------------------------------------------------------------

/** Every URN a resource waits for: its dependencies (a component's whole subtree), and its ancestors' dependencies. */
function waitsFor(plan: Plan): (r: PlannedResource) => Set<string> {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    for (const r of plan.resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
    const subtree = (urn: string): string[] => [urn, ...(children.get(urn) ?? []).flatMap(subtree)];
    const memo = new Map<string, Set<string>>();
    const walk = (urn: string): Set<string> => {
        const done = memo.get(urn);
        if (done) return done;
        const all = new Set<string>();
        memo.set(urn, all);
        const r = byUrn.get(urn);
        for (const dep of r?.options.dependsOn ?? [])
            for (const u of subtree(dep)) {
                all.add(u);
                for (const x of walk(u)) all.add(x);
            }
        if (r?.parent && byUrn.has(r.parent)) for (const x of walk(r.parent)) all.add(x);
        return all;
    };
    return (r) => walk(r.urn);
}

/** The chart that serves each API group's custom resources (their CRDs and webhooks). */
const CRD_CHARTS: Record<string, string> = {
    "networking.istio.io": "base",
    "security.istio.io": "base",
    "keda.sh": "keda",
    "karpenter.sh": "karpenter",
    "karpenter.k8s.aws": "karpenter",
};

describe.each(STACKS)("%s: admission order", (stack) => {
    it("Istio's custom resources wait for its CRDs (base) and control plane; injected namespaces wait for istiod", () => {
        const plan = plans[stack];
        const waits = waitsFor(plan);
        const release = (chart: string) => ofType(plan, T.release).find((r) => r.inputs.chart === chart);
        const istio = plan.resources.filter((r) => /^kubernetes:[a-z]+\.istio\.io\//.test(r.type));
        if (!tiers[stack].mesh) return expect(istio).toEqual([]);
        expect(istio.length).toBeGreaterThan(3);
        const [base, cni, istiod, gateway] = ["base", "cni", "istiod", "gateway"].map(release);
        for (const r of istio) {
            const chart = CRD_CHARTS[r.type.split(":")[1].split("/")[0]];
            expect(chart, label(r)).toBe("base");
            expect(waits(r).has(String(base?.urn)), `${label(r)} may be created before Istio's CRDs`).toBe(true);
            expect(waits(r).has(String(istiod?.urn)), `${label(r)} may be created before istiod validates it`).toBe(
                true,
            );
        }
        // base → cni → istiod → gateway: istiod is told to rely on the CNI agent, the gateway is injected by istiod.
        expect(waits(cni as PlannedResource).has(String(base?.urn))).toBe(true);
        expect(waits(istiod as PlannedResource).has(String(cni?.urn))).toBe(true);
        expect(waits(gateway as PlannedResource).has(String(istiod?.urn))).toBe(true);
        for (const ns of ofType(plan, "kubernetes:core/v1:Namespace")) {
            const labels = obj(obj(ns.inputs.metadata).labels);
            if (labels["istio-injection"] === "enabled")
                expect(waits(ns).has(String(istiod?.urn)), `${label(ns)}: pods could start before the injector`).toBe(
                    true,
                );
        }
    });

    it("every Ingress of class alb waits for the AWS Load Balancer Controller, whose webhook validates it", () => {
        const plan = plans[stack];
        if (!tiers[stack].eks) return expect(ofType(plan, T.eks)).toEqual([]);
        const waits = waitsFor(plan);
        const lbc = ofType(plan, T.release).find((r) => r.inputs.chart === "aws-load-balancer-controller");
        const ingresses = ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress").filter(
            (i) => obj(i.inputs.spec).ingressClassName === "alb",
        );
        expect(ingresses.length).toBeGreaterThan(0);
        expect(lbc).toBeDefined();
        for (const i of ingresses) expect(waits(i).has(String(lbc?.urn)), label(i)).toBe(true);
    });
});

// ---------------------------------------------------------------------------------------------
// Kubernetes wiring: every reference between objects lands on something that exists
// ---------------------------------------------------------------------------------------------

interface Pods {
    namespace: string;
    owner: string;
    labels: Record<string, string>;
    ports: { name?: string; containerPort: number }[];
}

/** The pod templates of the plan's Deployments, by namespace. */
function podsOf(plan: Plan): Pods[] {
    return ofType(plan, T.deployment).map((d) => {
        const template = obj(obj(d.inputs.spec).template);
        const containers = arr(obj(template.spec).containers).map(obj);
        return {
            namespace: String(obj(d.inputs.metadata).namespace),
            owner: String(obj(d.inputs.metadata).name),
            labels: obj(obj(template.metadata).labels) as Record<string, string>,
            ports: containers.flatMap((c) => arr(c.ports).map((p) => obj(p) as unknown as Pods["ports"][number])),
        };
    });
}
const selects = (selector: Obj, labels: Record<string, string>) =>
    Object.entries(selector).every(([k, v]) => labels[k] === v);

describe.each(STACKS)("%s: Kubernetes references land on objects that exist", (stack) => {
    it("Services select pods, on a port those pods expose; probes hit an exposed port", () => {
        const plan = plans[stack];
        if (!tiers[stack].eks) return expect(ofType(plan, T.eks)).toEqual([]);
        const pods = podsOf(plan);
        const services = ofType(plan, "kubernetes:core/v1:Service");
        expect(services.length).toBeGreaterThan(0);
        for (const svc of services) {
            const ns = obj(svc.inputs.metadata).namespace;
            const selector = obj(obj(svc.inputs.spec).selector);
            expect(Object.keys(selector).length, label(svc)).toBeGreaterThan(0);
            const behind = pods.filter((p) => p.namespace === ns && selects(selector, p.labels));
            expect(behind.length, `${label(svc)} selects no pods`).toBeGreaterThan(0);
            for (const port of arr(obj(svc.inputs.spec).ports).map(obj)) {
                const target = port.targetPort ?? port.port;
                for (const p of behind)
                    expect(
                        p.ports.some((c) => c.containerPort === target || c.name === target),
                        `${label(svc)}: ${p.owner} exposes no port ${target}`,
                    ).toBe(true);
            }
        }
        for (const d of ofType(plan, T.deployment)) {
            for (const c of arr(obj(obj(obj(d.inputs.spec).template).spec).containers).map(obj)) {
                const exposed = arr(c.ports).map(obj);
                for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe].map(obj)) {
                    const port = obj(probe.httpGet).port;
                    if (port === undefined) continue;
                    expect(
                        exposed.some((e) => e.containerPort === port || e.name === port),
                        `${label(d)}: probe port ${port}`,
                    ).toBe(true);
                }
            }
        }
    });

    it("autoscalers and disruption budgets point at Deployments; Ingress backends at Services that exist", () => {
        const plan = plans[stack];
        if (!tiers[stack].eks) return expect(ofType(plan, T.eks)).toEqual([]);
        const pods = podsOf(plan);
        const deployment = (ns: unknown, name: unknown) => pods.find((p) => p.namespace === ns && p.owner === name);
        const scalers = [
            ...ofType(plan, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"),
            ...ofType(plan, T.scaledObject),
        ];
        expect(scalers.length).toBeGreaterThan(0);
        for (const h of scalers) {
            const ref = obj(obj(h.inputs.spec).scaleTargetRef);
            expect(ref.kind ?? "Deployment", label(h)).toBe("Deployment");
            expect(deployment(obj(h.inputs.metadata).namespace, ref.name), `${label(h)} → ${ref.name}`).toBeDefined();
        }
        for (const pdb of ofType(plan, "kubernetes:policy/v1:PodDisruptionBudget")) {
            const selector = obj(obj(obj(pdb.inputs.spec).selector).matchLabels);
            const ns = obj(pdb.inputs.metadata).namespace;
            expect(
                pods.some((p) => p.namespace === ns && selects(selector, p.labels)),
                label(pdb),
            ).toBe(true);
        }
        // Services: planned ones, and those a chart makes under its `name` value (the Istio gateway chart).
        const services = new Set(
            ofType(plan, "kubernetes:core/v1:Service").map(
                (s) => `${obj(s.inputs.metadata).namespace}/${obj(s.inputs.metadata).name}`,
            ),
        );
        for (const r of ofType(plan, T.release))
            if (r.inputs.chart === "gateway") services.add(`${r.inputs.namespace}/${obj(r.inputs.values).name}`);
        for (const ing of ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress")) {
            const ns = obj(ing.inputs.metadata).namespace;
            for (const rule of arr(obj(ing.inputs.spec).rules).map(obj))
                for (const path of arr(obj(rule.http).paths).map(obj)) {
                    const name = obj(obj(path.backend).service).name;
                    expect([...services], `${label(ing)} → ${name}`).toContain(`${ns}/${name}`);
                }
        }
    });

    it("Istio subsets and authorization selectors match pods; the Gateway selects the gateway chart's pods", () => {
        const plan = plans[stack];
        if (!tiers[stack].mesh) return expect(plan.resources.filter((r) => r.type.includes(".istio.io/"))).toEqual([]);
        const pods = podsOf(plan);
        for (const dr of ofType(plan, "kubernetes:networking.istio.io/v1:DestinationRule")) {
            const ns = obj(dr.inputs.metadata).namespace;
            const host = String(obj(dr.inputs.spec).host).split(".")[0];
            const svc = ofType(plan, "kubernetes:core/v1:Service").find(
                (s) => obj(s.inputs.metadata).namespace === ns && obj(s.inputs.metadata).name === host,
            );
            expect(svc, `${label(dr)}: no Service ${host}`).toBeDefined();
            const base = obj(obj(svc?.inputs.spec).selector);
            for (const subset of arr(obj(dr.inputs.spec).subsets).map(obj)) {
                const labels = { ...base, ...obj(subset.labels) };
                expect(
                    pods.some((p) => p.namespace === ns && selects(labels, p.labels)),
                    `${label(dr)}: subset ${subset.name} has no pods`,
                ).toBe(true);
            }
        }
        for (const ap of ofType(plan, "kubernetes:security.istio.io/v1:AuthorizationPolicy")) {
            const selector = obj(obj(obj(ap.inputs.spec).selector).matchLabels);
            if (Object.keys(selector).length === 0) continue;
            const ns = obj(ap.inputs.metadata).namespace;
            expect(
                pods.some((p) => p.namespace === ns && selects(selector, p.labels)),
                label(ap),
            ).toBe(true);
        }
        // The gateway chart labels its pods `istio: <name without "istio-">` (its _helpers.tpl).
        const gateway = ofType(plan, T.release).find((r) => r.inputs.chart === "gateway");
        const podLabel = String(obj(gateway?.inputs.values).name).replace(/^istio-/, "");
        for (const gw of ofType(plan, "kubernetes:networking.istio.io/v1:Gateway"))
            expect(obj(obj(gw.inputs.spec).selector), label(gw)).toEqual({ istio: podLabel });
    });
});

// ---------------------------------------------------------------------------------------------
// Account quotas the first `pulumi up` meets
// ---------------------------------------------------------------------------------------------

/** The root README's "Deploying for real", where the deployer reads what to prepare. */
const deployingForReal = () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const start = readme.indexOf("### Deploying for real");
    return readme.slice(start, readme.indexOf("\n## ", start));
};

describe.each(STACKS)("%s: account quotas", (stack) => {
    it("Elastic IPs beyond the default quota (5 a Region: NAT gateways plus the plan's own) are in the README, with the quota to raise", () => {
        const plan = plans[stack];
        const vpc = ofType(plan, T.vpc)[0];
        const strategy = obj(vpc.inputs.natGateways).strategy;
        const nat =
            strategy === "OnePerAz" ? Number(vpc.inputs.numberOfAvailabilityZones) : strategy === "Single" ? 1 : 0;
        const needed = nat + ofType(plan, "aws:ec2/eip:Eip").length;
        expect(needed).toBeGreaterThan(0);
        if (needed <= 5) return;
        const section = deployingForReal();
        expect(section, `the README says ${stack} needs ${needed}`).toContain(`${stack} holds ${needed} Elastic IPs`);
        expect(section, "the Service Quotas code of EC2-VPC Elastic IPs").toContain("L-0263D0A3");
    });
});

// ---------------------------------------------------------------------------------------------
// The audit's own checks fail where they should
// ---------------------------------------------------------------------------------------------

describe("the audit's checks catch what they are for", () => {
    const group = (name: string, id: string) =>
        ({
            urn: `u::${name}`,
            type: T.sg,
            name,
            custom: true,
            inputs: {},
            options: {},
            outputs: { id },
        }) as PlannedResource;
    const rule = (type: string, name: string, inputs: Obj) =>
        ({ urn: `u::${name}`, type, name, custom: true, inputs, options: {} }) as PlannedResource;
    const mini = (resources: PlannedResource[]) =>
        ({ version: 1, project: "p", stack: "s", resources, rootUrn: "root", outputs: {} }) as unknown as Plan;
    const lb = "sg-00000000000000001";
    const app = "sg-00000000000000002";
    const other = "sg-00000000000000003";
    const egress = rule(T.egress, "lb-out", {
        securityGroupId: lb,
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        cidrIpv4: "10.0.0.0/16",
    });
    const ingress = (peer: string, port = 8080) =>
        rule(T.ingress, "app-in", {
            securityGroupId: app,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            referencedSecurityGroupId: peer,
        });

    it("reachability needs both the source's egress and the target's ingress from that source, on that port", () => {
        const base = [group("lb", lb), group("app", app), group("other", other), egress];
        expect(reaches(mini([...base, ingress(lb)]), "10.0.0.0/16", lb, [app], "tcp", 8080)).toBe(true);
        expect(reaches(mini([...base, ingress(other)]), "10.0.0.0/16", lb, [app], "tcp", 8080)).toBe(false);
        expect(reaches(mini([...base, ingress(lb, 80)]), "10.0.0.0/16", lb, [app], "tcp", 8080)).toBe(false);
        expect(reaches(mini([group("app", app), ingress(lb)]), "10.0.0.0/16", lb, [app], "tcp", 8080)).toBe(false);
        expect(contains("10.0.0.0/8", "10.30.0.0/16")).toBe(true);
        expect(contains("10.30.0.0/16", "10.0.0.0/8")).toBe(false);
        expect(contains("10.31.0.0/16", "10.30.0.0/16")).toBe(false);
    });

    it("a selector matches pods only when every one of its labels does", () => {
        const labels = { app: "web", version: "v1" };
        expect(selects({ app: "web" }, labels)).toBe(true);
        expect(selects({ app: "web", version: "v2" }, labels)).toBe(false);
        expect(selects({ tier: "web" }, labels)).toBe(false);
    });

    it("a permission needs the action and the resource, wildcards as IAM reads them", () => {
        const st: Statement[] = [
            { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: "arn:aws:logs:r:1:log-group:/ecs/a:*" },
        ];
        expect(allows(st, "logs:PutLogEvents", "arn:aws:logs:r:1:log-group:/ecs/a:log-stream:x")).toBe(true);
        expect(allows(st, "logs:PutLogEvents", "arn:aws:logs:r:1:log-group:/ecs/b:log-stream:x")).toBe(false);
        expect(allows(st, "logs:CreateLogGroup", "arn:aws:logs:r:1:log-group:/ecs/a:log-stream:x")).toBe(false);
        expect(allows([{ ...st[0], Effect: "Deny" }], "logs:PutLogEvents", "arn:aws:logs:r:1:log-group:/ecs/a:x")).toBe(
            false,
        );
    });

    it("waiting is transitive through dependencies, components' subtrees and ancestors", () => {
        const r = (name: string, extra: Partial<PlannedResource>) =>
            ({ urn: name, type: "t", name, custom: true, inputs: {}, options: {}, ...extra }) as PlannedResource;
        const plan = mini([
            r("release", {}),
            r("component", { custom: false, options: { dependsOn: ["release"] } }),
            r("child", { parent: "component" }),
            r("loner", {}),
            r("user", { options: { dependsOn: ["wrapper"] } }),
            r("wrapper", { custom: false }),
            r("inner", { parent: "wrapper" }),
        ]);
        const waits = waitsFor(plan);
        const get = (n: string) => plan.resources.find((x) => x.name === n) as PlannedResource;
        expect(waits(get("child")).has("release")).toBe(true);
        expect(waits(get("loner")).has("release")).toBe(false);
        expect(waits(get("user")).has("inner")).toBe(true);
    });
});

// Landed with their fixes (tests/audit/PENDING.md).
describe.each(STACKS)("%s: first deploy and what the placeholders expose", (stack) => {
    it("KEDA's custom resources wait for the KEDA chart (its CRDs)", () => {
        const plan = plans[stack];
        const waits = waitsFor(plan);
        const keda = ofType(plan, T.release).find((r) => r.inputs.chart === "keda");
        const crs = plan.resources.filter((r) => r.type.startsWith("kubernetes:keda.sh/"));
        expect(crs.length).toBeGreaterThan(0);
        for (const r of crs) expect(waits(r).has(String(keda?.urn)), label(r)).toBe(true);
    });

    it("the admin host is not open to the internet without authentication or a source-IP condition", () => {
        const plan = plans[stack];
        const adminRules = ofType(plan, T.rule).filter((r) =>
            arr(r.inputs.conditions).some((c) =>
                arr(obj(obj(c).hostHeader).values).some((h) => String(h).startsWith("admin.")),
            ),
        );
        expect(adminRules.length).toBeGreaterThan(0);
        for (const r of adminRules) {
            const authenticated = arr(r.inputs.actions).some((a) => String(obj(a).type).startsWith("authenticate-"));
            const restricted = arr(r.inputs.conditions).some((c) => obj(c).sourceIp);
            expect(authenticated || restricted, label(r)).toBe(true);
        }
    });

    it("resource-metric HPAs have a metrics server (metrics-server add-on)", () => {
        const plan = plans[stack];
        expect(ofType(plan, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").length).toBeGreaterThan(0);
        const installed = [
            ...ofType(plan, "aws:eks/addon:Addon").map((a) => a.inputs.addonName),
            ...ofType(plan, T.release).map((r) => r.inputs.chart),
        ];
        expect(installed).toContain("metrics-server");
    });

    it("the Load Balancer Controller registers no Service webhook that could reject Services while it starts", () => {
        const lbc = ofType(plans[stack], T.release).find((r) => r.inputs.chart === "aws-load-balancer-controller");
        expect(obj(lbc?.inputs.values).enableServiceMutatorWebhook).toBe(false);
    });

    it("no traefik/whoami placeholder is given a secret (it prints its environment on ?env=true)", () => {
        const plan = plans[stack];
        const leaks: string[] = [];
        let placeholders = 0;
        for (const td of ofType(plan, T.taskDef))
            for (const c of JSON.parse(String(td.inputs.containerDefinitions)) as {
                image: string;
                secrets?: unknown[];
            }[])
                if (c.image.startsWith("traefik/whoami")) {
                    placeholders++;
                    if ((c.secrets ?? []).length > 0) leaks.push(label(td));
                }
        for (const d of ofType(plan, T.deployment))
            for (const c of arr(obj(obj(obj(d.inputs.spec).template).spec).containers).map(obj))
                if (String(c.image).startsWith("traefik/whoami")) {
                    placeholders++;
                    if (arr(c.env).some((e) => obj(e).valueFrom)) leaks.push(label(d));
                }
        expect(placeholders).toBeGreaterThan(0);
        expect(leaks).toEqual([]);
    });
});

describe("a real image gets the database password", () => {
    it("api with your own image: DB_PASSWORD from Secrets Manager (valueFrom), the execution role may read it", async () => {
        const { config, secretKeys } = loadStackConfig(path.join(root, "stacks/Pulumi.prod.yaml"), "compute-layer");
        const api = JSON.parse(config["compute-layer:api"]);
        const plan = await runPlan(path.join(root, "stacks/index.ts"), {
            project: "compute-layer",
            stack: "prod",
            secretKeys,
            config: {
                ...config,
                "compute-layer:api": JSON.stringify({
                    ...api,
                    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.0",
                }),
            },
        });
        const td = ofType(plan, T.taskDef).find((r) => r.name === "api-task");
        const [app] = JSON.parse(String(td?.inputs.containerDefinitions)) as {
            secrets?: { name: string; valueFrom: string }[];
        }[];
        expect(app.secrets?.map((s) => s.name)).toEqual(["DB_PASSWORD"]);
        expect(app.secrets?.[0].valueFrom).toMatch(
            /^arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-/,
        );
    }, 30_000);
});
