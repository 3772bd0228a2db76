/**
 * Load balancers: listeners' TLS policies, HTTP only as a redirect where HTTPS is demanded,
 * ALB header hygiene, deletion protection, health checks.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { TLS12_PLUS_POLICIES } from "../../components/lb/shared/policies";
import {
    asList,
    asObj,
    asStr,
    at,
    isFalse,
    isTrue,
    ofTypes,
    refersTo,
    resourceRule,
    stackIn,
    stackListConfig,
    stackRule,
    T,
} from "./common";

/**
 * True when an ELB security policy negotiates TLS 1.2 or newer only: one of the lb tier's
 * {@link TLS12_PLUS_POLICIES} (the TLS13-1-2 / TLS13-1-3 families with their Res, Ext, FIPS and PQ
 * variants, FS-1-2, TLS-1-2). `ELBSecurityPolicy-2016-08` (the API's default), `-2015-05`,
 * `TLS-1-1-*`, `FS-2018-06`, `TLS13-1-1-*` and `TLS13-1-0-*` still accept TLS 1.0 or 1.1.
 */
export function isTls12Policy(name: string | undefined): boolean {
    return name !== undefined && (TLS12_PLUS_POLICIES as readonly string[]).includes(name);
}

export const listenerTlsPolicy: ResourceValidationPolicy = resourceRule({
    name: "lb-listener-tls12",
    description:
        "HTTPS and TLS listeners must use a security policy that negotiates TLS 1.2 or newer only. TLS 1.0 and 1.1 are " +
        "deprecated (RFC 8996) and fail PCI DSS; a listener without sslPolicy gets ELBSecurityPolicy-2016-08, which accepts them.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set sslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (the load balancer components' default) or another TLS13-1-2 / FS-1-2 policy.",
    types: [T.lbListener, T.albListener],
    check: (props, _args, report) => {
        const protocol = asStr(props.protocol);
        if (protocol !== "HTTPS" && protocol !== "TLS") return;
        const policy = asStr(props.sslPolicy);
        if (!isTls12Policy(policy))
            report(
                `${protocol} listener on port ${props.port ?? "?"} uses ${policy ?? "no sslPolicy (ELBSecurityPolicy-2016-08, TLS 1.0+)"}; it must negotiate TLS 1.2+ only`,
            );
    },
});

const HTTPS_STACKS = ["staging", "prod", "production"];
const PROTECTED_STACKS = ["staging", "prod", "production"];

/** Whether every action of a list only redirects to HTTPS. */
function onlyRedirectsToHttps(actions: unknown): boolean {
    const list = asList(actions);
    return (
        list.length > 0 &&
        list.every((a) => asStr(asObj(a)?.type) === "redirect" && asStr(at(a, "redirect.protocol")) === "HTTPS")
    );
}

export const httpOnlyRedirects: StackValidationPolicy = stackRule({
    name: "lb-http-redirects-to-https",
    description:
        "In stacks that serve HTTPS only, an HTTP listener (and every rule on it) may only redirect to HTTPS: anything " +
        "it forwards travels in plaintext, cookies and tokens included.",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Give the HTTP listener one default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } ' +
        "(the ApplicationLoadBalancer component does when a certificate is set) and attach the rules to the HTTPS listener.",
    configSchema: { properties: { httpsOnlyStacks: stackListConfig("Stacks that serve HTTPS only.", HTTPS_STACKS) } },
    check: (resources, args, report) => {
        const listeners = ofTypes(resources, T.lbListener, T.albListener).filter(
            (l) => asStr(l.props.protocol) === "HTTP" && stackIn(args, l.urn, "httpsOnlyStacks", HTTPS_STACKS),
        );
        for (const l of listeners) {
            if (!onlyRedirectsToHttps(l.props.defaultActions))
                report(`HTTP listener on port ${l.props.port ?? "?"} does not only redirect to HTTPS`, l.urn);
            const rules = ofTypes(
                resources,
                "aws:lb/listenerRule:ListenerRule",
                "aws:alb/listenerRule:ListenerRule",
            ).filter((r) => refersTo(r, l, r.props.listenerArn, [l.props.arn, l.props.id]));
            for (const r of rules)
                if (!onlyRedirectsToHttps(r.props.actions))
                    report(`listener rule ${r.name} on the HTTP listener does not only redirect to HTTPS`, r.urn);
        }
    },
});

function isApplication(props: Record<string, unknown>): boolean {
    return (asStr(props.loadBalancerType) ?? "application") === "application";
}

export const dropInvalidHeaders: ResourceValidationPolicy = resourceRule({
    name: "alb-drop-invalid-header-fields",
    description:
        "Application load balancers should drop HTTP headers with invalid names instead of passing them to the targets, " +
        "which closes a class of request-smuggling and header-injection tricks.",
    enforcementLevel: "advisory",
    remediationSteps: "Set dropInvalidHeaderFields: true (the ApplicationLoadBalancer component's default).",
    types: [T.lbLoadBalancer, T.albLoadBalancer],
    check: (props, _args, report) => {
        if (isApplication(props) && !isTrue(props.dropInvalidHeaderFields))
            report("dropInvalidHeaderFields is not true");
    },
});

export const deletionProtection: ResourceValidationPolicy = resourceRule({
    name: "lb-deletion-protection",
    description:
        "In the stacks that demand it (staging and prod by default), load balancers must have deletion protection: " +
        "deleting one changes its DNS name and drops every client until DNS follows.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set enableDeletionProtection: true (the components' deletionProtection), or list the stack in this rule's protectedStacks config deliberately.",
    configSchema: {
        properties: {
            protectedStacks: stackListConfig(
                "Stacks whose load balancers must have deletion protection.",
                PROTECTED_STACKS,
            ),
        },
    },
    types: [T.lbLoadBalancer, T.albLoadBalancer],
    check: (props, args, report) => {
        if (!stackIn(args, args.urn, "protectedStacks", PROTECTED_STACKS)) return;
        if (!isTrue(props.enableDeletionProtection)) report("enableDeletionProtection is not true");
    },
});

export const targetGroupHealthCheck: ResourceValidationPolicy = resourceRule({
    name: "lb-target-group-health-check",
    description:
        "Every instance or ip target group must health-check its targets: without one, the load balancer keeps sending " +
        "traffic to targets that stopped answering, and Auto Scaling and ECS never replace them.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Leave healthCheck.enabled true and point healthCheck.path at an endpoint the application serves.",
    types: [T.lbTargetGroup, T.albTargetGroup],
    check: (props, _args, report) => {
        const targetType = asStr(props.targetType) ?? "instance";
        if (targetType !== "instance" && targetType !== "ip") return;
        if (isFalse(at(props, "healthCheck.enabled")))
            report(`healthCheck.enabled is false on a ${targetType} target group`);
    },
});
