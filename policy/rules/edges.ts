/**
 * Edges: HTTP API routes without an authorizer, security groups open to the internet.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { asList, asNum, asObj, asStr, type Props, resourceRule, stackIn, stackListConfig, T } from "./common";

const PROD_STACKS = ["prod", "production"];

/** Route keys that need no authorizer of their own: a WebSocket API authorizes on `$connect` only. */
const WEBSOCKET_FOLLOW_UPS = ["$disconnect"];

function checkRoute(props: Props, args: ResourceValidationArgs, report: ReportViolation): void {
    if (args.type === T.apiGatewayV2Api) {
        // Quick create: `target` makes API Gateway add a `$default` route with no authorization.
        if (asStr(props.protocolType) === "HTTP" && asStr(props.target))
            report("the API's quick-create target adds a $default route without an authorizer");
        return;
    }
    const key = asStr(props.routeKey) ?? "";
    if (WEBSOCKET_FOLLOW_UPS.includes(key)) return;
    const type = asStr(props.authorizationType) ?? "NONE";
    if (type === "NONE")
        report(
            `route ${key || "(no key)"} has authorizationType ${asStr(props.authorizationType) ?? "unset (NONE)"}: anyone who finds the URL can call it`,
        );
}

const ROUTE_RULE = {
    description:
        "API Gateway routes must authorize their callers (JWT, Lambda authorizer, IAM): an unauthenticated public route " +
        "lets anyone on the internet invoke the backend and run up its cost.",
    remediationSteps:
        "Set authorizationType (JWT, CUSTOM or AWS_IAM) and authorizerId on the aws.apigatewayv2.Route (the LambdaFunction component's HTTP trigger takes an authorizer).",
    types: [T.apiGatewayV2Route, T.apiGatewayV2Api],
};

/** Mandatory in the production stacks (config `prodStacks`). */
export const routeAuthorizerProd: ResourceValidationPolicy = resourceRule({
    ...ROUTE_RULE,
    name: "apigw-route-authorizer-prod",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            prodStacks: stackListConfig("Stacks where an unauthenticated route blocks the deployment.", PROD_STACKS),
        },
    },
    check: (props, args, report) => {
        if (stackIn(args, args.urn, "prodStacks", PROD_STACKS)) checkRoute(props, args, report);
    },
});

/** Advisory everywhere else. */
export const routeAuthorizer: ResourceValidationPolicy = resourceRule({
    ...ROUTE_RULE,
    name: "apigw-route-authorizer",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            prodStacks: stackListConfig("Stacks checked by apigw-route-authorizer-prod instead.", PROD_STACKS),
        },
    },
    check: (props, args, report) => {
        if (!stackIn(args, args.urn, "prodStacks", PROD_STACKS)) checkRoute(props, args, report);
    },
});

/** The ports a public rule may open. */
export const PUBLIC_PORTS = [80, 443];
const ANYWHERE = ["0.0.0.0/0", "::/0"];

/** Why a rule admitting `protocol` on `from..to` from anywhere is too open, or undefined. */
export function openPortReason(protocol: unknown, from: unknown, to: unknown): string | undefined {
    const p = String(protocol ?? "").toLowerCase();
    if (p === "-1" || p === "all") return "all protocols and ports";
    if (p === "icmp" || p === "1" || p === "icmpv6" || p === "58") return undefined;
    const lo = asNum(from);
    const hi = asNum(to) ?? lo;
    if (lo === undefined || hi === undefined) return `${p} on unspecified ports`;
    if (lo === hi && PUBLIC_PORTS.includes(lo)) return undefined;
    return lo === hi ? `${p} port ${lo}` : `${p} ports ${lo}-${hi}`;
}

export const noOpenPorts: ResourceValidationPolicy = resourceRule({
    name: "sg-no-public-ports-but-web",
    description:
        "No security group may open a port other than 80 or 443 to 0.0.0.0/0 or ::/0: SSH, databases and admin ports " +
        "reachable from the internet are scanned and attacked within minutes.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Admit the port from a security group (a load balancer's, a bastion's) or a known CIDR instead of the internet.",
    types: [T.securityGroup, T.securityGroupRule, T.vpcIngressRule],
    check: (props, args, report) => {
        if (args.type === T.vpcIngressRule) {
            const cidr = asStr(props.cidrIpv4) ?? asStr(props.cidrIpv6);
            if (!cidr || !ANYWHERE.includes(cidr)) return;
            const why = openPortReason(props.ipProtocol, props.fromPort, props.toPort);
            if (why) report(`admits ${why} from ${cidr}`);
            return;
        }
        const rules: { where: string; r: Props }[] =
            args.type === T.securityGroup
                ? asList(props.ingress).map((r, i) => ({ where: `ingress[${i}] `, r: asObj(r) ?? {} }))
                : asStr(props.type) === "ingress"
                  ? [{ where: "", r: props }]
                  : [];
        for (const { where, r } of rules) {
            const cidrs = [...asList(r.cidrBlocks), ...asList(r.ipv6CidrBlocks)]
                .map(String)
                .filter((c) => ANYWHERE.includes(c));
            if (cidrs.length === 0) continue;
            const why = openPortReason(r.protocol, r.fromPort, r.toPort);
            if (why) report(`${where}admits ${why} from ${cidrs.join(", ")}`);
        }
    },
});
