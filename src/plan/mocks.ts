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
export type CallHandler = (inputs: Record<string, unknown>, ctx: MockContext) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Arguments of a new resource. */
export interface NewResourceArgs {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/**
 * Adds output properties for a new resource of one type: the result is merged over the inputs
 * and the generic defaults (`id`, `arn`, `name`).
 */
export type ResourceHandler = (args: NewResourceArgs, ctx: MockContext) => { id?: string; state?: Record<string, unknown> };

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

/** Pulumi-style auto-name: the logical name plus 7 characters. */
export function autoName(type: string, name: string): string {
    return `${name}-${hex(`${type}::${name}`, 7)}`;
}

function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

/** The Amazon Linux 2023 AMI the plan pretends is current. */
export const MOCK_AMI_ID = "ami-0a1b2c3d4e5f67890";
/** The OIDC issuer the plan gives EKS clusters. */
export function mockOidcIssuer(ctx: MockContext, clusterName: string): string {
    return `https://oidc.eks.${ctx.region}.amazonaws.com/id/${hex(clusterName, 32).toUpperCase()}`;
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
    "aws:index/getRegion:getRegion": (_i, c) => ({ id: c.region, name: c.region, region: c.region, endpoint: `ec2.${c.region}.amazonaws.com`, description: c.region }),
    "aws:index/getPartition:getPartition": (_i, c) => ({ id: c.partition, partition: c.partition, dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" }),
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, c) => ({
        id: c.accountId,
        accountId: c.accountId,
        arn: `arn:${c.partition}:iam::${c.accountId}:user/compute-layer-plan`,
        userId: "AIDAPLANOFFLINE0000000",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_i, c) => {
        const names = zones(c.region);
        return { id: c.region, names, zoneIds: names.map((_, i) => `${c.region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`), groupNames: [c.region] };
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
    "aws:iam/getPolicyDocument:getPolicyDocument": (i) => ({ id: hex(JSON.stringify(i), 10), ...renderPolicyDocument(i) }),
    // The VPC looked up by id (load balancers read its CIDR for security-group rules). Every VPC
    // the plan knows has the awsx default CIDR, 10.0.0.0/16.
    "aws:ec2/getVpc:getVpc": (i, c) => {
        const id = typeof i.id === "string" ? i.id : `vpc-${hex("default-vpc", 17)}`;
        // A VPC this program created (aws.ec2.Vpc, or awsx's) answers with its own CIDR block.
        const made = c.created.get(id);
        const cidrBlock = String(made?.cidrBlock ?? (made?.vpc as { cidrBlock?: unknown } | undefined)?.cidrBlock ?? "10.0.0.0/16");
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

const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc-",
    "aws:ec2/subnet:Subnet": "subnet-",
    "aws:ec2/securityGroup:SecurityGroup": "sg-",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
    "aws:ec2/eip:Eip": "eipalloc-",
    "aws:ec2/instance:Instance": "i-",
    "aws:ec2/internetGateway:InternetGateway": "igw-",
    "aws:ec2/natGateway:NatGateway": "nat-",
    "aws:ec2/routeTable:RouteTable": "rtb-",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
    "aws:ec2/vpcEndpointService:VpcEndpointService": "vpce-svc-",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr-",
};

/** Output properties for specific resource types, merged over the generic ones. */
export const DEFAULT_RESOURCES: Record<string, ResourceHandler> = {
    "aws:lb/loadBalancer:LoadBalancer": ({ type, name, inputs }, c) => {
        const lbName = str(inputs.name) ?? autoName(type, name);
        const kindName = inputs.loadBalancerType === "network" ? "net" : inputs.loadBalancerType === "gateway" ? "gwy" : "app";
        const suffix = `${kindName}/${lbName}/${hex(lbName, 16)}`;
        const arn = `arn:${c.partition}:elasticloadbalancing:${c.region}:${c.accountId}:loadbalancer/${suffix}`;
        const dns = `${inputs.internal ? "internal-" : ""}${lbName}-${parseInt(hex(lbName, 8), 16)}.${c.region}.elb.amazonaws.com`;
        return { id: arn, state: { name: lbName, arn, arnSuffix: suffix, dnsName: dns, zoneId: "Z35SXDOTRQ7X7K", vpcId: inputs.vpcId ?? "vpc-0plan000000000001" } };
    },
    "aws:lb/targetGroup:TargetGroup": ({ type, name, inputs }, c) => {
        const tgName = str(inputs.name) ?? autoName(type, name);
        const suffix = `targetgroup/${tgName}/${hex(tgName, 16)}`;
        const arn = `arn:${c.partition}:elasticloadbalancing:${c.region}:${c.accountId}:${suffix}`;
        return { id: arn, state: { name: tgName, arn, arnSuffix: suffix } };
    },
    "aws:lb/listener:Listener": ({ name }, c) => {
        const arn = `arn:${c.partition}:elasticloadbalancing:${c.region}:${c.accountId}:listener/app/${name}/${hex(name, 16)}/${hex(`${name}l`, 16)}`;
        return { id: arn, state: { arn } };
    },
    "aws:lb/listenerRule:ListenerRule": ({ name }, c) => {
        const arn = `arn:${c.partition}:elasticloadbalancing:${c.region}:${c.accountId}:listener-rule/app/${name}/${hex(name, 16)}/${hex(`${name}r`, 16)}`;
        return { id: arn, state: { arn } };
    },
    "aws:ec2/vpc:Vpc": ({ inputs }) => ({ state: { cidrBlock: inputs.cidrBlock ?? "10.0.0.0/16" } }),
    "aws:ec2/launchTemplate:LaunchTemplate": () => ({ state: { latestVersion: 1, defaultVersion: 1 } }),
    "aws:ec2/eip:Eip": ({ name }) => ({ state: { publicIp: `203.0.113.${(parseInt(hex(name, 2), 16) % 250) + 1}`, allocationId: `eipalloc-${hex(name, 17)}` } }),
    "aws:ec2/vpcEndpointService:VpcEndpointService": ({ name }, c) => ({
        state: { serviceName: `com.amazonaws.vpce.${c.region}.vpce-svc-${hex(name, 17)}`, serviceType: "GatewayLoadBalancer", state: "available" },
    }),
    "aws:iam/role:Role": ({ type, name, inputs }, c) => {
        const roleName = str(inputs.name) ?? autoName(type, name);
        return { id: roleName, state: { name: roleName, arn: `arn:${c.partition}:iam::${c.accountId}:role${str(inputs.path) ?? "/"}${roleName}`, uniqueId: `AROA${hex(roleName, 17).toUpperCase()}` } };
    },
    "aws:iam/policy:Policy": ({ type, name, inputs }, c) => {
        const policyName = str(inputs.name) ?? autoName(type, name);
        const arn = `arn:${c.partition}:iam::${c.accountId}:policy${str(inputs.path) ?? "/"}${policyName}`;
        return { id: arn, state: { name: policyName, arn, policyId: `ANPA${hex(policyName, 17).toUpperCase()}` } };
    },
    "aws:iam/instanceProfile:InstanceProfile": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return { id: n, state: { name: n, arn: `arn:${c.partition}:iam::${c.accountId}:instance-profile/${n}` } };
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ({ inputs }, c) => {
        const url = String(inputs.url ?? "").replace(/^https:\/\//, "");
        const arn = `arn:${c.partition}:iam::${c.accountId}:oidc-provider/${url}`;
        return { id: arn, state: { arn } };
    },
    "aws:cloudwatch/logGroup:LogGroup": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return { id: n, state: { name: n, arn: `arn:${c.partition}:logs:${c.region}:${c.accountId}:log-group:${n}` } };
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return { id: n, state: { name: n, arn: `arn:${c.partition}:cloudwatch:${c.region}:${c.accountId}:alarm:${n}` } };
    },
    "aws:cloudwatch/eventRule:EventRule": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return { id: n, state: { name: n, arn: `arn:${c.partition}:events:${c.region}:${c.accountId}:rule/${n}` } };
    },
    "aws:autoscaling/group:Group": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return {
            id: n,
            state: { name: n, arn: `arn:${c.partition}:autoscaling:${c.region}:${c.accountId}:autoScalingGroup:${hex(n, 8)}-${hex(n, 4)}:autoScalingGroupName/${n}` },
        };
    },
    "aws:autoscaling/policy:Policy": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return { id: n, state: { name: n, arn: `arn:${c.partition}:autoscaling:${c.region}:${c.accountId}:scalingPolicy:${hex(n, 8)}:autoScalingGroupName/${String(inputs.autoscalingGroupName ?? "")}:policyName/${n}` } };
    },
    "aws:appautoscaling/policy:Policy": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return { id: n, state: { name: n, arn: `arn:${c.partition}:autoscaling:${c.region}:${c.accountId}:scalingPolicy:${hex(n, 8)}:resource/${String(inputs.serviceNamespace ?? "")}/${String(inputs.resourceId ?? "")}:policyName/${n}` } };
    },
    "aws:ecs/cluster:Cluster": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        const arn = `arn:${c.partition}:ecs:${c.region}:${c.accountId}:cluster/${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:ecs/service:Service": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        const cluster = String(inputs.cluster ?? "default").split("/").pop();
        const arn = `arn:${c.partition}:ecs:${c.region}:${c.accountId}:service/${cluster}/${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:ecs/taskDefinition:TaskDefinition": ({ inputs, name }, c) => {
        const family = str(inputs.family) ?? name;
        const base = `arn:${c.partition}:ecs:${c.region}:${c.accountId}:task-definition/${family}`;
        return { id: family, state: { arn: `${base}:1`, arnWithoutRevision: base, revision: 1 } };
    },
    "aws:ecs/capacityProvider:CapacityProvider": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        const arn = `arn:${c.partition}:ecs:${c.region}:${c.accountId}:capacity-provider/${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:lambda/function:Function": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        const arn = `arn:${c.partition}:lambda:${c.region}:${c.accountId}:function:${n}`;
        const version = inputs.publish ? "1" : "$LATEST";
        return {
            id: n,
            state: {
                name: n,
                arn,
                qualifiedArn: `${arn}:${version}`,
                version,
                invokeArn: `arn:${c.partition}:apigateway:${c.region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
                qualifiedInvokeArn: `arn:${c.partition}:apigateway:${c.region}:lambda:path/2015-03-31/functions/${arn}:${version}/invocations`,
            },
        };
    },
    "aws:lambda/alias:Alias": ({ inputs, name }, c) => {
        const fn = String(inputs.functionName ?? name);
        const fnArn = fn.startsWith("arn:") ? fn : `arn:${c.partition}:lambda:${c.region}:${c.accountId}:function:${fn}`;
        const arn = `${fnArn}:${String(inputs.name ?? name)}`;
        return { id: arn, state: { arn, invokeArn: `arn:${c.partition}:apigateway:${c.region}:lambda:path/2015-03-31/functions/${arn}/invocations` } };
    },
    "aws:sqs/queue:Queue": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name) + (inputs.fifoQueue ? ".fifo" : "");
        const url = `https://sqs.${c.region}.amazonaws.com/${c.accountId}/${n}`;
        return { id: url, state: { name: n, url, arn: `arn:${c.partition}:sqs:${c.region}:${c.accountId}:${n}` } };
    },
    "aws:sns/topic:Topic": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        const arn = `arn:${c.partition}:sns:${c.region}:${c.accountId}:${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:dynamodb/table:Table": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        const arn = `arn:${c.partition}:dynamodb:${c.region}:${c.accountId}:table/${n}`;
        const stream = inputs.streamEnabled ? { streamArn: `${arn}/stream/2026-11-01T00:00:00.000`, streamLabel: "2026-11-01T00:00:00.000" } : {};
        return { id: n, state: { name: n, arn, ...stream } };
    },
    "aws:kinesis/stream:Stream": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        const arn = `arn:${c.partition}:kinesis:${c.region}:${c.accountId}:stream/${n}`;
        return { id: arn, state: { name: n, arn } };
    },
    "aws:s3/bucketV2:BucketV2": ({ type, name, inputs }, c) => {
        const n = str(inputs.bucket) ?? autoName(type, name).toLowerCase();
        return { id: n, state: { bucket: n, arn: `arn:${c.partition}:s3:::${n}`, bucketDomainName: `${n}.s3.amazonaws.com` } };
    },
    "aws:appmesh/mesh:Mesh": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return { id: n, state: { name: n, arn: `arn:${c.partition}:appmesh:${c.region}:${c.accountId}:mesh/${n}`, meshOwner: c.accountId } };
    },
    // App Mesh children: ARNs nest under their mesh (and router), e.g. mesh/<mesh>/virtualNode/<name>.
    ...Object.fromEntries(
        (
            [
                ["aws:appmesh/virtualNode:VirtualNode", "virtualNode"],
                ["aws:appmesh/virtualRouter:VirtualRouter", "virtualRouter"],
                ["aws:appmesh/virtualService:VirtualService", "virtualService"],
                ["aws:appmesh/route:Route", "route"],
            ] as const
        ).map(([t, kind]): [string, ResourceHandler] => [
            t,
            ({ type, name, inputs }, c) => {
                const n = str(inputs.name) ?? autoName(type, name);
                const router = kind === "route" ? `virtualRouter/${String(inputs.virtualRouterName ?? "")}/` : "";
                const arn = `arn:${c.partition}:appmesh:${c.region}:${c.accountId}:mesh/${String(inputs.meshName ?? "")}/${router}${kind}/${n}`;
                return { id: hex(arn, 8), state: { name: n, arn, meshOwner: c.accountId, resourceOwner: c.accountId } };
            },
        ]),
    ),
    "aws:s3/bucket:Bucket": ({ type, name, inputs }, c) => {
        const n = str(inputs.bucket) ?? autoName(type, name).toLowerCase();
        return { id: n, state: { bucket: n, arn: `arn:${c.partition}:s3:::${n}`, bucketDomainName: `${n}.s3.amazonaws.com` } };
    },
    "aws:kms/key:Key": ({ name }, c) => {
        const h = hex(name, 32);
        const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
        return { id: keyId, state: { keyId, arn: `arn:${c.partition}:kms:${c.region}:${c.accountId}:key/${keyId}` } };
    },
    "aws:kms/alias:Alias": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? `alias/${autoName(type, name)}`;
        return { id: n, state: { name: n, arn: `arn:${c.partition}:kms:${c.region}:${c.accountId}:${n}` } };
    },
    "aws:apigatewayv2/api:Api": ({ name }, c) => {
        const id = hex(name, 10);
        return {
            id,
            state: {
                apiEndpoint: `https://${id}.execute-api.${c.region}.amazonaws.com`,
                executionArn: `arn:${c.partition}:execute-api:${c.region}:${c.accountId}:${id}`,
                arn: `arn:${c.partition}:apigateway:${c.region}::/apis/${id}`,
            },
        };
    },
    "aws:apigatewayv2/stage:Stage": ({ inputs }, c) => {
        const apiId = String(inputs.apiId ?? "");
        const stage = String(inputs.name ?? "$default");
        return {
            id: stage,
            state: {
                invokeUrl: `https://${apiId}.execute-api.${c.region}.amazonaws.com/${stage === "$default" ? "" : stage}`,
                executionArn: `arn:${c.partition}:execute-api:${c.region}:${c.accountId}:${apiId}/${stage}`,
            },
        };
    },
    "aws:eks/cluster:Cluster": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        return {
            id: n,
            state: {
                name: n,
                arn: `arn:${c.partition}:eks:${c.region}:${c.accountId}:cluster/${n}`,
                endpoint: `https://${hex(n, 32).toUpperCase()}.gr7.${c.region}.eks.amazonaws.com`,
                certificateAuthority: { data: Buffer.from(`offline-plan-ca-${n}`).toString("base64") },
                identities: [{ oidcs: [{ issuer: mockOidcIssuer(c, n) }] }],
                version: inputs.version ?? "1.33",
                status: "ACTIVE",
            },
        };
    },
    // @pulumi/eks Cluster is a multi-language component: under mocks it is one opaque resource.
    // Its plain outputs (kubeconfig, OIDC provider) are answered here; resource-reference
    // outputs (eksCluster, core) are left out.
    "eks:index:Cluster": ({ type, name, inputs }, c) => {
        const n = str(inputs.name) ?? autoName(type, name);
        const endpoint = `https://${hex(n, 32).toUpperCase()}.gr7.${c.region}.eks.amazonaws.com`;
        const issuerUrl = mockOidcIssuer(c, n);
        const issuer = issuerUrl.replace(/^https:\/\//, "");
        const kubeconfig = {
            apiVersion: "v1",
            kind: "Config",
            clusters: [{ name: "kubernetes", cluster: { server: endpoint, "certificate-authority-data": Buffer.from(`offline-plan-ca-${n}`).toString("base64") } }],
            contexts: [{ name: "aws", context: { cluster: "kubernetes", user: "aws" } }],
            "current-context": "aws",
            users: [{ name: "aws", user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", n, "--region", c.region, "--output", "json"] } } }],
        };
        return {
            id: n,
            state: {
                kubeconfig,
                kubeconfigJson: JSON.stringify(kubeconfig),
                oidcProviderArn: `arn:${c.partition}:iam::${c.accountId}:oidc-provider/${issuer}`,
                oidcProviderUrl: issuerUrl,
                oidcIssuer: issuer,
                clusterSecurityGroupId: `sg-${hex(`${n}-cluster`, 17)}`,
                nodeSecurityGroupId: "",
                clusterIngressRuleId: "",
                defaultNodeGroupAsgName: "",
                fargateProfileId: "",
                fargateProfileStatus: "",
                autoModeNodeRoleName: "",
            },
        };
    },
    "aws:eks/nodeGroup:NodeGroup": ({ type, name, inputs }, c) => {
        const n = str(inputs.nodeGroupName) ?? autoName(type, name);
        return { id: `${String(inputs.clusterName ?? "")}:${n}`, state: { nodeGroupName: n, arn: `arn:${c.partition}:eks:${c.region}:${c.accountId}:nodegroup/${String(inputs.clusterName ?? "")}/${n}/${hex(n, 8)}`, status: "ACTIVE" } };
    },
    "aws:eks/fargateProfile:FargateProfile": ({ type, name, inputs }, c) => {
        const n = str(inputs.fargateProfileName) ?? autoName(type, name);
        return { id: `${String(inputs.clusterName ?? "")}:${n}`, state: { fargateProfileName: n, arn: `arn:${c.partition}:eks:${c.region}:${c.accountId}:fargateprofile/${String(inputs.clusterName ?? "")}/${n}/${hex(n, 8)}`, status: "ACTIVE" } };
    },
    "awsx:ec2:Vpc": ({ name, inputs }, c) => {
        const azCount = typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones : 3;
        const azs = (Array.isArray(inputs.availabilityZoneNames) ? (inputs.availabilityZoneNames as string[]) : zones(c.region)).slice(0, azCount);
        const vpcId = `vpc-${hex(name, 17)}`;
        const subnet = (tier: string, az: string) => `subnet-${hex(`${name}-${tier}-${az}`, 17)}`;
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
                natGateways: Array.from({ length: natCount }, (_, i) => ({ id: `nat-${hex(`${name}-nat-${i}`, 17)}` })),
                eips: [],
                subnets: [],
                routeTables: [],
                routeTableAssociations: [],
                routes: [],
                vpcEndpoints: [],
            },
        };
    },
};

/** The output state of a new resource: inputs, the generic `id`/`arn`/`name`, then the type's extras. */
export function newResourceState(args: NewResourceArgs, ctx: MockContext, extra?: ResourceHandler): { id: string; state: Record<string, unknown> } {
    const { type, name, inputs } = args;
    const handler = extra ?? DEFAULT_RESOURCES[type];
    const specific = handler ? handler(args, ctx) : {};
    const prefix = ID_PREFIX[type];
    const physical = str(inputs.name) ?? autoName(type, name);
    const mod = module(type);
    const service = ARN_SERVICE[mod] ?? mod;
    const generic: Record<string, unknown> = {};
    let id: string;
    if (type.startsWith("kubernetes:")) {
        const meta = (inputs.metadata as Record<string, unknown> | undefined) ?? {};
        const k8sName = str(meta.name) ?? autoName(type, name).toLowerCase();
        generic.metadata = { ...meta, name: k8sName, uid: hex(`${type}::${name}`, 32) };
        id = meta.namespace ? `${String(meta.namespace)}/${k8sName}` : k8sName;
    } else if (type.startsWith("aws:")) {
        id = prefix ? `${prefix}${hex(`${type}::${name}`, 17)}` : physical;
        generic.arn = `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${kind(type)}/${physical}`;
        if (inputs.name === undefined && !prefix) generic.name = physical;
    } else {
        id = `${name}-${hex(`${type}::${name}`, 8)}`;
    }
    return { id: specific.id ?? id, state: { ...inputs, ...generic, ...(specific.state ?? {}), ...(prefix ? { id: specific.id ?? id } : {}) } };
}
