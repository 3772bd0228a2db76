import { createHash } from "node:crypto";

/**
 * The answers the offline plan gives in place of AWS: realistic ids, ARNs and names for new
 * resources, and the common data-source calls. All of them are deterministic: the same
 * program gives the same plan every time, so plans can be diffed.
 */

/** What the mock answers know about the pretend account. */
export interface MockContext {
    region: string;
    accountId: string;
    partition: string;
    project: string;
    stack: string;
    /** The mock state of the resources created so far in this run, by id: lets data sources answer about them. */
    created: Map<string, Record<string, unknown>>;
}

/** Arguments of a data-source call. */
export interface CallArgs {
    token: string;
    inputs: Record<string, unknown>;
}

/** Answers one data-source call: the function's result object. */
export type CallHandler = (
    inputs: Record<string, unknown>,
    ctx: MockContext,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Arguments of a new resource. */
export interface NewResourceArgs {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /**
     * The resource's URN (`urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>`). Every
     * generated id, auto-name suffix and hash is derived from it, so no two resources share one
     * (the ALB's `web-sg` and the instances' `web-sg` are different groups) and the same program
     * gives the same values on every run.
     * @default `urn:pulumi:<stack>::<project>::<type>::<name>`
     */
    urn?: string;
}

/**
 * Adds output properties for a new resource of one type: the result is merged over the inputs
 * and the generic defaults (`id`, `arn`, `name`).
 */
export type ResourceHandler = (
    args: NewResourceArgs,
    ctx: MockContext,
) => { id?: string; state?: Record<string, unknown> };

/** Extra answers a user supplies for data sources or resource types the plan does not know. */
export interface MockAnswers {
    /** Data-source answers by call token, e.g. `aws:rds/getEngineVersion:getEngineVersion`. */
    calls?: Record<string, CallHandler>;
    /** Output properties by resource type token, e.g. `aws:rds/cluster:Cluster`. */
    resources?: Record<string, ResourceHandler>;
}

/** A stable hex digest; `n` characters. */
export function hex(seed: string, n: number): string {
    let out = "";
    let i = 0;
    while (out.length < n) out += createHash("sha256").update(`${seed}#${i++}`).digest("hex");
    return out.slice(0, n);
}

/**
 * Pulumi-style auto-name of the resource with this URN: its logical name, a hyphen and 7
 * characters derived from the URN, the name cut so the whole fits `maxLength` (as Pulumi's
 * auto-naming does for AWS names with a length limit).
 */
export function autoName(urn: string, maxLength?: number): string {
    const at = urn.lastIndexOf("::");
    const name = at >= 0 ? urn.slice(at + 2) : urn;
    const suffix = `-${hex(urn, 7)}`;
    return `${maxLength !== undefined && name.length + suffix.length > maxLength ? name.slice(0, Math.max(1, maxLength - suffix.length)) : name}${suffix}`;
}

function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

/** The Amazon Linux 2023 AMI the plan pretends is current. */
export const MOCK_AMI_ID = "ami-0a1b2c3d4e5f67890";
/** The OIDC issuer the plan gives the EKS cluster with this URN. */
export function mockOidcIssuer(ctx: MockContext, clusterUrn: string): string {
    return `https://oidc.eks.${ctx.region}.amazonaws.com/id/${hex(`${clusterUrn}#oidc`, 32).toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------------
// Data sources
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function iamValue(values: unknown): unknown {
    const list = Array.isArray(values) ? values : [values];
    return list.length === 1 ? list[0] : list;
}

/**
 * Renders the statements given to `aws.iam.getPolicyDocument` as the IAM JSON the provider
 * returns: single values as strings, lists as arrays, `Effect` defaulting to Allow.
 */
export function renderPolicyDocument(inputs: Json): { json: string; minifiedJson: string } {
    const doc: Json = { Version: str(inputs.version) ?? "2012-10-17" };
    if (inputs.policyId) doc.Id = inputs.policyId;
    const statements: Json[] = [];
    for (const s of (inputs.statements as Json[] | undefined) ?? []) {
        const out: Json = {};
        if (s.sid) out.Sid = s.sid;
        out.Effect = s.effect ?? "Allow";
        for (const [key, field] of [
            ["actions", "Action"],
            ["notActions", "NotAction"],
            ["resources", "Resource"],
            ["notResources", "NotResource"],
        ] as const) {
            const v = s[key];
            if (Array.isArray(v) && v.length > 0) out[field] = iamValue(v);
        }
        for (const [key, field] of [
            ["principals", "Principal"],
            ["notPrincipals", "NotPrincipal"],
        ] as const) {
            const ps = s[key] as { type: string; identifiers: string[] }[] | undefined;
            if (!ps || ps.length === 0) continue;
            if (ps.length === 1 && ps[0].type === "*" && ps[0].identifiers.every((i) => i === "*")) {
                out[field] = "*";
                continue;
            }
            const principal: Json = {};
            for (const p of ps) {
                const prev = principal[p.type];
                const ids = [...(prev === undefined ? [] : Array.isArray(prev) ? prev : [prev]), ...p.identifiers];
                principal[p.type] = iamValue(ids);
            }
            out[field] = principal;
        }
        const conditions = s.conditions as { test: string; variable: string; values: string[] }[] | undefined;
        if (conditions && conditions.length > 0) {
            const cond: Record<string, Json> = {};
            for (const c of conditions) {
                cond[c.test] = { ...(cond[c.test] ?? {}), [c.variable]: iamValue(c.values) };
            }
            out.Condition = cond;
        }
        statements.push(out);
    }
    doc.Statement = statements;
    return { json: JSON.stringify(doc, null, 2), minifiedJson: JSON.stringify(doc) };
}

function zones(region: string): string[] {
    const letters = region === "us-east-1" ? "abcdef" : "abc";
    return [...letters].map((l) => `${region}${l}`);
}

/** The data-source calls the plan answers by default, by token. */
export const DEFAULT_CALLS: Record<string, CallHandler> = {
    "aws:index/getRegion:getRegion": (_i, c) => ({
        id: c.region,
        name: c.region,
        region: c.region,
        endpoint: `ec2.${c.region}.amazonaws.com`,
        description: c.region,
    }),
    "aws:index/getPartition:getPartition": (_i, c) => ({
        id: c.partition,
        partition: c.partition,
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, c) => ({
        id: c.accountId,
        accountId: c.accountId,
        arn: `arn:${c.partition}:iam::${c.accountId}:user/compute-layer-plan`,
        userId: "AIDAPLANOFFLINE0000000",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_i, c) => {
        const names = zones(c.region);
        return {
            id: c.region,
            names,
            zoneIds: names.map((_, i) => `${c.region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
            groupNames: [c.region],
        };
    },
    "aws:ec2/getAmi:getAmi": (i) => ({
        id: MOCK_AMI_ID,
        imageId: MOCK_AMI_ID,
        architecture: "x86_64",
        name: "al2023-ami-2023.6.20261101.0-kernel-6.1-x86_64",
        ownerId: "137112412989",
        rootDeviceName: "/dev/xvda",
        mostRecent: i.mostRecent ?? false,
    }),
    "aws:ssm/getParameter:getParameter": (i, c) => {
        const name = String(i.name);
        const isAmi = /\/ami|image_id|image-id/i.test(name);
        return {
            id: name,
            name,
            type: isAmi ? "String" : "SecureString",
            value: isAmi ? MOCK_AMI_ID : `offline-plan-value-of-${name}`,
            insecureValue: isAmi ? MOCK_AMI_ID : `offline-plan-value-of-${name}`,
            arn: `arn:${c.partition}:ssm:${c.region}:${c.accountId}:parameter${name.startsWith("/") ? "" : "/"}${name}`,
            version: 1,
            withDecryption: i.withDecryption ?? true,
        };
    },
    "aws:iam/getPolicyDocument:getPolicyDocument": (i) => ({
        id: hex(JSON.stringify(i), 10),
        ...renderPolicyDocument(i),
    }),
    // The VPC looked up by id (load balancers read its CIDR for security-group rules). Every VPC
    // the plan knows has the awsx default CIDR, 10.0.0.0/16.
    // EksCluster.addons with version "latest": a version in EKS's own shape.
    "aws:eks/getAddonVersion:getAddonVersion": (i) => ({
        id: String(i.addonName),
        addonName: i.addonName,
        kubernetesVersion: i.kubernetesVersion,
        mostRecent: i.mostRecent ?? false,
        version: `v1.0.0-eksbuild.${i.mostRecent ? 2 : 1}`,
    }),
    "aws:ec2/getVpc:getVpc": (i, c) => {
        const id = typeof i.id === "string" ? i.id : `vpc-${hex("default-vpc", 17)}`;
        // A VPC this program created (aws.ec2.Vpc, or awsx's) answers with its own CIDR block.
        const made = c.created.get(id);
        const cidrBlock = String(
            made?.cidrBlock ?? (made?.vpc as { cidrBlock?: unknown } | undefined)?.cidrBlock ?? "10.0.0.0/16",
        );
        return {
            id,
            arn: `arn:${c.partition}:ec2:${c.region}:${c.accountId}:vpc/${id}`,
            cidrBlock,
            cidrBlockAssociations: [{ associationId: `vpc-cidr-assoc-${hex(id, 17)}`, cidrBlock, state: "associated" }],
            default: false,
            dhcpOptionsId: `dopt-${hex(`${id}-dopt`, 17)}`,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            instanceTenancy: "default",
            mainRouteTableId: `rtb-${hex(`${id}-main`, 17)}`,
            ownerId: c.accountId,
            state: "available",
            tags: {},
        };
    },
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** The ARN service for a provider module, where it is not the module's own name. */
const ARN_SERVICE: Record<string, string> = {
    lb: "elasticloadbalancing",
    alb: "elasticloadbalancing",
    cloudwatch: "logs",
    appautoscaling: "application-autoscaling",
    apigatewayv2: "apigateway",
    cloudwatchevent: "events",
};

function module(type: string): string {
    // aws:lb/loadBalancer:LoadBalancer -> lb
    return type.split(":")[1]?.split("/")[0] ?? "";
}

function kind(type: string): string {
    // aws:lb/loadBalancer:LoadBalancer -> loadbalancer
    return (type.split(":")[2] ?? "").toLowerCase();
}

/** EC2-style ids (`sg-` + 17 hex) and the resource type their ARN names (`security-group/sg-…`). */
const EC2_IDS: Record<string, { prefix: string; arnType: string }> = {
    "aws:ec2/vpc:Vpc": { prefix: "vpc-", arnType: "vpc" },
    "aws:ec2/subnet:Subnet": { prefix: "subnet-", arnType: "subnet" },
    "aws:ec2/securityGroup:SecurityGroup": { prefix: "sg-", arnType: "security-group" },
    "aws:ec2/launchTemplate:LaunchTemplate": { prefix: "lt-", arnType: "launch-template" },
    "aws:ec2/eip:Eip": { prefix: "eipalloc-", arnType: "elastic-ip" },
    "aws:ec2/instance:Instance": { prefix: "i-", arnType: "instance" },
    "aws:ec2/internetGateway:InternetGateway": { prefix: "igw-", arnType: "internet-gateway" },
    "aws:ec2/natGateway:NatGateway": { prefix: "nat-", arnType: "natgateway" },
    "aws:ec2/routeTable:RouteTable": { prefix: "rtb-", arnType: "route-table" },
    "aws:ec2/vpcEndpoint:VpcEndpoint": { prefix: "vpce-", arnType: "vpc-endpoint" },
    "aws:ec2/vpcEndpointService:VpcEndpointService": { prefix: "vpce-svc-", arnType: "vpc-endpoint-service" },
    "aws:ec2/networkInterface:NetworkInterface": { prefix: "eni-", arnType: "network-interface" },
    "aws:ec2/placementGroup:PlacementGroup": { prefix: "pg-", arnType: "placement-group" },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { prefix: "sgr-", arnType: "security-group-rule" },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { prefix: "sgr-", arnType: "security-group-rule" },
};

/** Everything a resource handler derives from one resource: its URN seeds every generated part. */
interface Identity {
    /** The URN (type chain of the parents, type, name): unique per resource, stable across runs. */
    urn: string;
    /** `n` hex characters derived from the URN (and `salt`, for a second independent value). */
    hex(n: number, salt?: string): string;
    /** A UUID-shaped value (8-4-4-4-12 hex) derived from the URN. */
    uuid(salt?: string): string;
    /** `n` characters of [A-Za-z0-9] derived from the URN (Secrets Manager's ARN suffix). */
    alnum(n: number, salt?: string): string;
    /** The physical name: the input `key` when the program set it, else the URN's auto-name. */
    physical(key?: string, maxLength?: number): string;
    /** Start of an ARN: `arn:<partition>:<service>:<region>:<account>:`. */
    arn(service: string, global?: boolean): string;
}

function uuidOf(h: string): string {
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function identity(args: NewResourceArgs, c: MockContext): Identity {
    const urn = resourceUrn(args, c);
    return {
        urn,
        hex: (n, salt = "") => hex(`${urn}${salt}`, n),
        uuid: (salt = "") => uuidOf(hex(`${urn}#uuid${salt}`, 32)),
        alnum: (n, salt = "") =>
            [...createHash("sha256").update(`${urn}#alnum${salt}`).digest()]
                .slice(0, n)
                .map((b) => ALNUM[b % ALNUM.length])
                .join(""),
        physical: (key = "name", maxLength) => str(args.inputs[key]) ?? autoName(urn, maxLength),
        arn: (service, global = false) => `arn:${c.partition}:${service}:${global ? "" : c.region}:${c.accountId}:`,
    };
}

/** The URN a resource gets (its own, or one built from its type and name for callers that give none). */
export function resourceUrn(args: NewResourceArgs, c: Pick<MockContext, "stack" | "project">): string {
    return args.urn ?? `urn:pulumi:${c.stack}::${c.project}::${args.type}::${args.name}`;
}

type Handler = (
    args: NewResourceArgs,
    c: MockContext,
    me: Identity,
) => { id?: string; state?: Record<string, unknown> };

/** Adapts a handler that also takes the resource's {@link Identity}. */
function typed(handlers: Record<string, Handler>): Record<string, ResourceHandler> {
    return Object.fromEntries(
        Object.entries(handlers).map(([t, h]) => [
            t,
            (args: NewResourceArgs, c: MockContext) => h(args, c, identity(args, c)),
        ]),
    );
}

/** The load balancer kind as its ARN writes it: `app`, `net` or `gwy`. */
function lbKind(type: unknown): string {
    return type === "network" ? "net" : type === "gateway" ? "gwy" : "app";
}

/** `<name>-<digits>` as the timestamped ids the provider gives attachments (`PrefixedUniqueId`). */
function uniqueId(prefix: string, me: Identity): string {
    return `${prefix}-2026${BigInt(`0x${me.hex(18, "#uid")}`)
        .toString()
        .padStart(22, "0")
        .slice(0, 22)}`;
}

/** Output properties for specific resource types, merged over the generic ones. */
export const DEFAULT_RESOURCES: Record<string, ResourceHandler> = typed({
    "aws:lb/loadBalancer:LoadBalancer": ({ inputs }, c, me) => {
        const lbName = me.physical("name", 32);
        const k = lbKind(inputs.loadBalancerType);
        const suffix = `${k}/${lbName}/${me.hex(16)}`;
        const arn = `${me.arn("elasticloadbalancing")}loadbalancer/${suffix}`;
        const dns =
            k === "app"
                ? `${inputs.internal ? "internal-" : ""}${lbName}-${Number.parseInt(me.hex(8, "#dns"), 16)}.${c.region}.elb.amazonaws.com`
                : `${lbName}-${me.hex(16, "#dns")}.elb.${c.region}.amazonaws.com`;
        return {
            id: arn,
            state: {
                name: lbName,
                arn,
                arnSuffix: suffix,
                dnsName: dns,
                zoneId: "Z35SXDOTRQ7X7K",
                vpcId: inputs.vpcId ?? `vpc-${hex("default-vpc", 17)}`,
            },
        };
    },
    "aws:lb/targetGroup:TargetGroup": (_a, _c, me) => {
        const tgName = me.physical("name", 32);
        const suffix = `targetgroup/${tgName}/${me.hex(16)}`;
        const arn = `${me.arn("elasticloadbalancing")}${suffix}`;
        return { id: arn, state: { name: tgName, arn, arnSuffix: suffix } };
    },
    "aws:lb/listener:Listener": ({ inputs, name }, _c, me) => {
        // listener/<app|net|gwy>/<lb name>/<lb hex>/<listener hex>, under the load balancer's ARN.
        const lb = str(inputs.loadBalancerArn);
        const base = lb?.includes(":loadbalancer/")
            ? lb.replace(":loadbalancer/", ":listener/")
            : `${me.arn("elasticloadbalancing")}listener/app/${name}/${me.hex(16, "#lb")}`;
        const arn = `${base}/${me.hex(16)}`;
        return { id: arn, state: { arn } };
    },
    "aws:lb/listenerRule:ListenerRule": ({ inputs, name }, _c, me) => {
        const listener = str(inputs.listenerArn);
        const base = listener?.includes(":listener/")
            ? listener.replace(":listener/", ":listener-rule/")
            : `${me.arn("elasticloadbalancing")}listener-rule/app/${name}/${me.hex(16, "#lb")}/${me.hex(16, "#listener")}`;
        const arn = `${base}/${me.hex(16)}`;
        return { id: arn, state: { arn } };
    },
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": ({ inputs }, _c, me) => ({
        id: uniqueId(String(inputs.targetGroupArn ?? "tg"), me),
    }),
    "aws:ec2/vpc:Vpc": ({ inputs }) => ({ state: { cidrBlock: inputs.cidrBlock ?? "10.0.0.0/16" } }),
    "aws:ec2/launchTemplate:LaunchTemplate": () => ({ state: { latestVersion: 1, defaultVersion: 1 } }),
    "aws:ec2/eip:Eip": (_a, _c, me) => ({
        state: {
            publicIp: `203.0.113.${(Number.parseInt(me.hex(2, "#ip"), 16) % 250) + 1}`,
            allocationId: `eipalloc-${me.hex(17)}`,
        },
    }),
    "aws:ec2/vpcEndpointService:VpcEndpointService": (a, c, me) => ({
        state: {
            serviceName: `com.amazonaws.vpce.${c.region}.vpce-svc-${me.hex(17)}`,
            // A service of Network Load Balancers is an Interface endpoint service (PrivateLink).
            serviceType: Array.isArray(a.inputs.networkLoadBalancerArns) ? "Interface" : "GatewayLoadBalancer",
            state: "available",
        },
    }),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (_a, _c, me) => ({
        state: { securityGroupRuleId: `sgr-${me.hex(17)}` },
    }),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (_a, _c, me) => ({
        state: { securityGroupRuleId: `sgr-${me.hex(17)}` },
    }),
    "aws:iam/role:Role": ({ inputs }, c, me) => {
        const roleName = me.physical("name", 64);
        return {
            id: roleName,
            state: {
                name: roleName,
                arn: `arn:${c.partition}:iam::${c.accountId}:role${str(inputs.path) ?? "/"}${roleName}`,
                uniqueId: `AROA${me.hex(17).toUpperCase()}`,
            },
        };
    },
    "aws:iam/policy:Policy": ({ inputs }, c, me) => {
        const policyName = me.physical("name", 128);
        const arn = `arn:${c.partition}:iam::${c.accountId}:policy${str(inputs.path) ?? "/"}${policyName}`;
        return { id: arn, state: { name: policyName, arn, policyId: `ANPA${me.hex(17).toUpperCase()}` } };
    },
    "aws:iam/rolePolicy:RolePolicy": ({ inputs }, _c, me) => {
        const n = me.physical("name", 128);
        return { id: `${String(inputs.role ?? "")}:${n}`, state: { name: n } };
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ({ inputs }, _c, me) => ({
        id: uniqueId(String(inputs.role ?? "role"), me),
    }),
    "aws:iam/instanceProfile:InstanceProfile": ({ inputs }, c, me) => {
        const n = me.physical("name", 128);
        return {
            id: n,
            state: {
                name: n,
                arn: `arn:${c.partition}:iam::${c.accountId}:instance-profile${str(inputs.path) ?? "/"}${n}`,
                uniqueId: `AIPA${me.hex(17).toUpperCase()}`,
            },
        };
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ({ inputs }, c) => {
        const url = String(inputs.url ?? "").replace(/^https:\/\//, "");
        const arn = `arn:${c.partition}:iam::${c.accountId}:oidc-provider/${url}`;
        return { id: arn, state: { arn } };
    },
    "aws:secretsmanager/secret:Secret": (_a, _c, me) => {
        // AWS appends a hyphen and six random alphanumerics to the name: secret:<name>-AbC123.
        const n = me.physical("name", 512);
        const arn = `${me.arn("secretsmanager")}secret:${n}-${me.alnum(6)}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:secretsmanager/secretVersion:SecretVersion": ({ inputs }, _c, me) => {
        const secretId = String(inputs.secretId ?? "");
        const versionId = me.uuid();
        return { id: `${secretId}|${versionId}`, state: { arn: secretId, versionId, versionStages: ["AWSCURRENT"] } };
    },
    "aws:ssm/parameter:Parameter": ({ inputs }, _c, me) => {
        const n = me.physical("name", 2048);
        return {
            id: n,
            state: {
                name: n,
                arn: `${me.arn("ssm")}parameter${n.startsWith("/") ? "" : "/"}${n}`,
                version: 1,
                tier: inputs.tier ?? "Standard",
            },
        };
    },
    "aws:cloudwatch/logGroup:LogGroup": (_a, _c, me) => {
        const n = me.physical("name", 512);
        return { id: n, state: { name: n, arn: `${me.arn("logs")}log-group:${n}` } };
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": (_a, _c, me) => {
        const n = me.physical("name", 255);
        return { id: n, state: { name: n, arn: `${me.arn("cloudwatch")}alarm:${n}` } };
    },
    "aws:cloudwatch/eventRule:EventRule": ({ inputs }, _c, me) => {
        const n = me.physical("name", 64);
        const bus = str(inputs.eventBusName);
        return {
            id: bus && bus !== "default" ? `${bus}/${n}` : n,
            state: { name: n, arn: `${me.arn("events")}rule/${bus && bus !== "default" ? `${bus}/` : ""}${n}` },
        };
    },
    "aws:cloudwatch/eventTarget:EventTarget": ({ inputs }, _c, me) => {
        const targetId = str(inputs.targetId) ?? autoName(me.urn);
        return {
            id: `${String(inputs.eventBusName ?? "default")}-${String(inputs.rule ?? "")}-${targetId}`,
            state: { targetId },
        };
    },
    "aws:autoscaling/group:Group": (_a, _c, me) => {
        const n = me.physical("name", 255);
        return {
            id: n,
            state: { name: n, arn: `${me.arn("autoscaling")}autoScalingGroup:${me.uuid()}:autoScalingGroupName/${n}` },
        };
    },
    "aws:autoscaling/policy:Policy": ({ inputs }, _c, me) => {
        const n = me.physical("name", 255);
        return {
            id: n,
            state: {
                name: n,
                arn: `${me.arn("autoscaling")}scalingPolicy:${me.uuid()}:autoScalingGroupName/${String(inputs.autoscalingGroupName ?? "")}:policyName/${n}`,
            },
        };
    },
    "aws:autoscaling/schedule:Schedule": ({ inputs }, _c, me) => {
        const n = me.physical("scheduledActionName", 255);
        return {
            id: n,
            state: {
                scheduledActionName: n,
                arn: `${me.arn("autoscaling")}scheduledUpdateGroupAction:${me.uuid()}:autoScalingGroupName/${String(inputs.autoscalingGroupName ?? "")}:scheduledActionName/${n}`,
            },
        };
    },
    "aws:appautoscaling/target:Target": ({ inputs }, _c, me) => ({
        id: String(inputs.resourceId ?? autoName(me.urn)),
        state: { arn: `${me.arn("application-autoscaling")}scalable-target/${me.alnum(28).toLowerCase()}` },
    }),
    "aws:appautoscaling/policy:Policy": ({ inputs }, _c, me) => {
        const n = me.physical("name", 256);
        return {
            id: n,
            state: {
                name: n,
                arn: `${me.arn("autoscaling")}scalingPolicy:${me.uuid()}:resource/${String(inputs.serviceNamespace ?? "")}/${String(inputs.resourceId ?? "")}:policyName/${n}`,
            },
        };
    },
    "aws:appautoscaling/scheduledAction:ScheduledAction": ({ inputs }, _c, me) => {
        const n = me.physical("name", 256);
        return {
            id: `${n}-${String(inputs.serviceNamespace ?? "")}-${String(inputs.resourceId ?? "")}`,
            state: {
                name: n,
                arn: `${me.arn("autoscaling")}scheduledAction:${me.uuid()}:resource/${String(inputs.serviceNamespace ?? "")}/${String(inputs.resourceId ?? "")}:scheduledActionName/${n}`,
            },
        };
    },
    "aws:ecs/cluster:Cluster": (_a, _c, me) => {
        const n = me.physical("name", 255);
        const arn = `${me.arn("ecs")}cluster/${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": ({ inputs }) => ({
        id: String(inputs.clusterName ?? ""),
    }),
    "aws:ecs/service:Service": ({ inputs }, _c, me) => {
        const n = me.physical("name", 255);
        const cluster = String(inputs.cluster ?? "default")
            .split("/")
            .pop();
        const arn = `${me.arn("ecs")}service/${cluster}/${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:ecs/taskDefinition:TaskDefinition": ({ inputs }, _c, me) => {
        // family:revision; the first registration of a family is revision 1.
        const family = str(inputs.family) ?? autoName(me.urn);
        const base = `${me.arn("ecs")}task-definition/${family}`;
        return { id: family, state: { arn: `${base}:1`, arnWithoutRevision: base, revision: 1 } };
    },
    "aws:ecs/capacityProvider:CapacityProvider": (_a, _c, me) => {
        const n = me.physical("name", 255);
        const arn = `${me.arn("ecs")}capacity-provider/${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:lambda/function:Function": ({ inputs }, c, me) => {
        const n = me.physical("name", 64);
        const arn = `${me.arn("lambda")}function:${n}`;
        const version = inputs.publish ? "1" : "$LATEST";
        const invoke = (target: string) =>
            `arn:${c.partition}:apigateway:${c.region}:lambda:path/2015-03-31/functions/${target}/invocations`;
        return {
            id: n,
            state: {
                name: n,
                arn,
                qualifiedArn: `${arn}:${version}`,
                version,
                invokeArn: invoke(arn),
                qualifiedInvokeArn: invoke(`${arn}:${version}`),
            },
        };
    },
    "aws:lambda/alias:Alias": ({ inputs, name }, c) => {
        const fn = String(inputs.functionName ?? name);
        const fnArn = fn.startsWith("arn:")
            ? fn
            : `arn:${c.partition}:lambda:${c.region}:${c.accountId}:function:${fn}`;
        const arn = `${fnArn}:${String(inputs.name ?? name)}`;
        return {
            id: arn,
            state: {
                arn,
                invokeArn: `arn:${c.partition}:apigateway:${c.region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
            },
        };
    },
    "aws:lambda/permission:Permission": ({ inputs }, _c, me) => {
        const statementId = str(inputs.statementId) ?? autoName(me.urn);
        return { id: statementId, state: { statementId } };
    },
    "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": ({ inputs }) => ({
        id: `${String(inputs.functionName ?? "")},${String(inputs.qualifier ?? "")}`,
    }),
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": ({ inputs }) => {
        const q = str(inputs.qualifier);
        return { id: q ? `${String(inputs.functionName ?? "")}:${q}` : String(inputs.functionName ?? "") };
    },
    "aws:lambda/eventSourceMapping:EventSourceMapping": (_a, _c, me) => {
        const uuid = me.uuid();
        return { id: uuid, state: { uuid, arn: `${me.arn("lambda")}event-source-mapping:${uuid}` } };
    },
    "aws:sqs/queue:Queue": ({ inputs }, c, me) => {
        const given = str(inputs.name);
        const n = given ?? `${autoName(me.urn, inputs.fifoQueue ? 75 : 80)}${inputs.fifoQueue ? ".fifo" : ""}`;
        const url = `https://sqs.${c.region}.amazonaws.com/${c.accountId}/${n}`;
        return { id: url, state: { name: n, url, arn: `${me.arn("sqs")}${n}` } };
    },
    "aws:sns/topic:Topic": (_a, _c, me) => {
        const n = me.physical("name", 256);
        const arn = `${me.arn("sns")}${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:dynamodb/table:Table": ({ inputs }, _c, me) => {
        const n = me.physical("name", 255);
        const arn = `${me.arn("dynamodb")}table/${n}`;
        const label = "2026-11-01T00:00:00.000";
        const stream = inputs.streamEnabled ? { streamArn: `${arn}/stream/${label}`, streamLabel: label } : {};
        return { id: n, state: { name: n, arn, ...stream } };
    },
    "aws:kinesis/stream:Stream": (_a, _c, me) => {
        const n = me.physical("name", 128);
        const arn = `${me.arn("kinesis")}stream/${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:s3/bucketV2:BucketV2": (_a, c, me) => {
        const n = str(_a.inputs.bucket) ?? autoName(me.urn, 63).toLowerCase();
        return {
            id: n,
            state: { bucket: n, arn: `arn:${c.partition}:s3:::${n}`, bucketDomainName: `${n}.s3.amazonaws.com` },
        };
    },
    "aws:s3/bucket:Bucket": (_a, c, me) => {
        const n = str(_a.inputs.bucket) ?? autoName(me.urn, 63).toLowerCase();
        return {
            id: n,
            state: { bucket: n, arn: `arn:${c.partition}:s3:::${n}`, bucketDomainName: `${n}.s3.amazonaws.com` },
        };
    },
    "aws:appmesh/mesh:Mesh": (_a, c, me) => {
        const n = me.physical("name", 255);
        return { id: me.uuid(), state: { name: n, arn: `${me.arn("appmesh")}mesh/${n}`, meshOwner: c.accountId } };
    },
    ...Object.fromEntries(
        (
            [
                ["aws:appmesh/virtualNode:VirtualNode", "virtualNode"],
                ["aws:appmesh/virtualRouter:VirtualRouter", "virtualRouter"],
                ["aws:appmesh/virtualService:VirtualService", "virtualService"],
                ["aws:appmesh/route:Route", "route"],
            ] as const
        ).map(([t, k]): [string, Handler] => [
            t,
            // App Mesh children's ARNs nest under their mesh (and router): mesh/<mesh>/virtualNode/<name>.
            ({ inputs }, c, me) => {
                const n = me.physical("name", 255);
                const router = k === "route" ? `virtualRouter/${String(inputs.virtualRouterName ?? "")}/` : "";
                const arn = `${me.arn("appmesh")}mesh/${String(inputs.meshName ?? "")}/${router}${k}/${n}`;
                return { id: me.uuid(), state: { name: n, arn, meshOwner: c.accountId, resourceOwner: c.accountId } };
            },
        ]),
    ),
    "aws:kms/key:Key": (_a, _c, me) => {
        const keyId = me.uuid();
        return { id: keyId, state: { keyId, arn: `${me.arn("kms")}key/${keyId}` } };
    },
    "aws:kms/alias:Alias": (_a, _c, me) => {
        const n = str(_a.inputs.name) ?? `alias/${autoName(me.urn)}`;
        return { id: n, state: { name: n, arn: `${me.arn("kms")}${n}` } };
    },
    "aws:apigatewayv2/api:Api": (_a, c, me) => {
        const id = me.alnum(10).toLowerCase();
        return {
            id,
            state: {
                apiEndpoint: `https://${id}.execute-api.${c.region}.amazonaws.com`,
                executionArn: `${me.arn("execute-api")}${id}`,
                arn: `arn:${c.partition}:apigateway:${c.region}::/apis/${id}`,
            },
        };
    },
    "aws:apigatewayv2/integration:Integration": (_a, _c, me) => ({ id: me.alnum(7).toLowerCase() }),
    "aws:apigatewayv2/route:Route": (_a, _c, me) => ({ id: me.alnum(7).toLowerCase() }),
    "aws:apigatewayv2/stage:Stage": ({ inputs }, c) => {
        const apiId = String(inputs.apiId ?? "");
        const stage = String(inputs.name ?? "$default");
        return {
            id: stage,
            state: {
                invokeUrl: `https://${apiId}.execute-api.${c.region}.amazonaws.com/${stage === "$default" ? "" : stage}`,
                executionArn: `arn:${c.partition}:execute-api:${c.region}:${c.accountId}:${apiId}/${stage}`,
                arn: `arn:${c.partition}:apigateway:${c.region}::/apis/${apiId}/stages/${stage}`,
            },
        };
    },
    "aws:eks/cluster:Cluster": ({ inputs }, c, me) => {
        const n = me.physical("name", 100);
        return {
            id: n,
            state: {
                name: n,
                arn: `${me.arn("eks")}cluster/${n}`,
                endpoint: `https://${me.hex(32, "#endpoint").toUpperCase()}.gr7.${c.region}.eks.amazonaws.com`,
                certificateAuthority: { data: Buffer.from(`offline-plan-ca-${me.hex(16, "#ca")}`).toString("base64") },
                identities: [{ oidcs: [{ issuer: mockOidcIssuer(c, me.urn) }] }],
                vpcConfig: {
                    ...((inputs.vpcConfig as Record<string, unknown> | undefined) ?? {}),
                    clusterSecurityGroupId: `sg-${me.hex(17, "#cluster-sg")}`,
                    vpcId: `vpc-${hex("default-vpc", 17)}`,
                },
                version: inputs.version ?? "1.33",
                status: "ACTIVE",
            },
        };
    },
    // @pulumi/eks Cluster is a multi-language component: under mocks it is one opaque resource.
    // Its plain outputs (kubeconfig, OIDC provider) are answered here; resource-reference
    // outputs (eksCluster, core) are left out.
    "eks:index:Cluster": ({ inputs }, c, me) => {
        const n = str(inputs.name) ?? autoName(me.urn, 100);
        const endpoint = `https://${me.hex(32, "#endpoint").toUpperCase()}.gr7.${c.region}.eks.amazonaws.com`;
        const issuerUrl = mockOidcIssuer(c, me.urn);
        const issuer = issuerUrl.replace(/^https:\/\//, "");
        const ca = Buffer.from(`offline-plan-ca-${me.hex(16, "#ca")}`).toString("base64");
        const kubeconfig = {
            apiVersion: "v1",
            kind: "Config",
            clusters: [{ name: "kubernetes", cluster: { server: endpoint, "certificate-authority-data": ca } }],
            contexts: [{ name: "aws", context: { cluster: "kubernetes", user: "aws" } }],
            "current-context": "aws",
            users: [
                {
                    name: "aws",
                    user: {
                        exec: {
                            apiVersion: "client.authentication.k8s.io/v1beta1",
                            command: "aws",
                            args: ["eks", "get-token", "--cluster-name", n, "--region", c.region, "--output", "json"],
                        },
                    },
                },
            ],
        };
        return {
            id: n,
            state: {
                kubeconfig,
                kubeconfigJson: JSON.stringify(kubeconfig),
                oidcProviderArn: `arn:${c.partition}:iam::${c.accountId}:oidc-provider/${issuer}`,
                oidcProviderUrl: issuerUrl,
                oidcIssuer: issuer,
                clusterSecurityGroupId: `sg-${me.hex(17, "#cluster-sg")}`,
                nodeSecurityGroupId: "",
                clusterIngressRuleId: "",
                defaultNodeGroupAsgName: "",
                fargateProfileId: "",
                fargateProfileStatus: "",
                autoModeNodeRoleName: "",
            },
        };
    },
    "aws:eks/nodeGroup:NodeGroup": ({ inputs }, _c, me) => {
        const n = me.physical("nodeGroupName", 63);
        const cluster = String(inputs.clusterName ?? "");
        return {
            id: `${cluster}:${n}`,
            state: {
                nodeGroupName: n,
                arn: `${me.arn("eks")}nodegroup/${cluster}/${n}/${me.uuid()}`,
                status: "ACTIVE",
            },
        };
    },
    "aws:eks/fargateProfile:FargateProfile": ({ inputs }, _c, me) => {
        const n = me.physical("fargateProfileName", 63);
        const cluster = String(inputs.clusterName ?? "");
        return {
            id: `${cluster}:${n}`,
            state: {
                fargateProfileName: n,
                arn: `${me.arn("eks")}fargateprofile/${cluster}/${n}/${me.uuid()}`,
                status: "ACTIVE",
            },
        };
    },
    "awsx:ec2:Vpc": ({ inputs }, c, me) => {
        const azCount = typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones : 3;
        const azs = (
            Array.isArray(inputs.availabilityZoneNames) ? (inputs.availabilityZoneNames as string[]) : zones(c.region)
        ).slice(0, azCount);
        const vpcId = `vpc-${me.hex(17)}`;
        const subnet = (tier: string, az: string) => `subnet-${me.hex(17, `#${tier}-${az}`)}`;
        const natStrategy = (inputs.natGateways as { strategy?: string } | undefined)?.strategy ?? "OnePerAz";
        const natCount = natStrategy === "None" ? 0 : natStrategy === "Single" ? 1 : azs.length;
        return {
            id: vpcId,
            state: {
                vpcId,
                vpc: { id: vpcId, cidrBlock: inputs.cidrBlock ?? "10.0.0.0/16" },
                publicSubnetIds: azs.map((az) => subnet("public", az)),
                privateSubnetIds: azs.map((az) => subnet("private", az)),
                isolatedSubnetIds: [],
                natGateways: Array.from({ length: natCount }, (_, i) => ({ id: `nat-${me.hex(17, `#nat-${i}`)}` })),
                eips: [],
                subnets: [],
                routeTables: [],
                routeTableAssociations: [],
                routes: [],
                vpcEndpoints: [],
            },
        };
    },
    "kubernetes:helm.sh/v3:Release": ({ inputs }, _c, me) => {
        const n = str(inputs.name) ?? autoName(me.urn, 53).toLowerCase();
        const ns = str(inputs.namespace) ?? "default";
        return {
            id: `${ns}/${n}`,
            state: { name: n, namespace: ns, status: { name: n, namespace: ns, status: "deployed", revision: 1 } },
        };
    },
});

/** The output state of a new resource: inputs, the generic `id`/`arn`/`name`, then the type's extras. */
export function newResourceState(
    args: NewResourceArgs,
    ctx: MockContext,
    extra?: ResourceHandler,
): { id: string; state: Record<string, unknown> } {
    const { type, name, inputs } = args;
    const urn = resourceUrn(args, ctx);
    const handler = extra ?? DEFAULT_RESOURCES[type];
    const specific = handler ? handler({ ...args, urn }, ctx) : {};
    const ec2 = EC2_IDS[type];
    const physical = str(inputs.name) ?? autoName(urn);
    const mod = module(type);
    const service = ARN_SERVICE[mod] ?? mod;
    const generic: Record<string, unknown> = {};
    let id: string;
    if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/")) {
        const meta = (inputs.metadata as Record<string, unknown> | undefined) ?? {};
        const k8sName = str(meta.name) ?? autoName(urn, 63).toLowerCase();
        generic.metadata = { ...meta, name: k8sName, uid: uuidOf(hex(`${urn}#uid`, 32)) };
        id = meta.namespace ? `${String(meta.namespace)}/${k8sName}` : k8sName;
    } else if (ec2) {
        id = `${ec2.prefix}${hex(urn, 17)}`;
        generic.arn = `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:${ec2.arnType}/${id}`;
    } else if (type.startsWith("aws:")) {
        id = physical;
        generic.arn = `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${kind(type)}/${physical}`;
        if (inputs.name === undefined) generic.name = physical;
    } else if (type.startsWith("pulumi:providers:")) {
        id = uuidOf(hex(urn, 32));
    } else {
        id = `${name}-${hex(urn, 8)}`;
    }
    const finalId = specific.id ?? id;
    return {
        id: finalId,
        state: { ...inputs, ...generic, ...(specific.state ?? {}), ...(ec2 ? { id: finalId } : {}) },
    };
}
