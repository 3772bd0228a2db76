import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { isIpv4Cidr, isKnown, joinPath, type Validator } from "../../../src/core";
import type { KubernetesIngressArgs } from "./args";

type IngressSpec = k8s.types.input.networking.v1.IngressSpec;

/** The controller's annotation prefix. */
export const ALB_ANNOTATION_PREFIX = "alb.ingress.kubernetes.io/";

/**
 * The Ingress annotations the AWS Load Balancer Controller documents
 * (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/),
 * without the prefix; `actions.`, `conditions.`, `listener-attributes.` and `transforms.` take a name.
 */
export const ALB_ANNOTATIONS = [
    "load-balancer-name",
    "group.name",
    "group.order",
    "tags",
    "ip-address-type",
    "scheme",
    "subnets",
    "security-groups",
    "manage-backend-security-group-rules",
    "customer-owned-ipv4-pool",
    "load-balancer-attributes",
    "wafv2-acl-arn",
    "waf-acl-id",
    "shield-advanced-protection",
    "listen-ports",
    "ssl-redirect",
    "inbound-cidrs",
    "security-group-prefix-lists",
    "certificate-arn",
    "ssl-policy",
    "target-type",
    "backend-protocol",
    "backend-protocol-version",
    "target-group-attributes",
    "healthcheck-port",
    "healthcheck-protocol",
    "healthcheck-path",
    "healthcheck-interval-seconds",
    "healthcheck-timeout-seconds",
    "healthy-threshold-count",
    "unhealthy-threshold-count",
    "success-codes",
    "auth-type",
    "auth-idp-cognito",
    "auth-idp-oidc",
    "auth-on-unauthenticated-request",
    "auth-scope",
    "auth-session-cookie",
    "auth-session-timeout",
    "target-node-labels",
    "mutual-authentication",
    "multi-cluster-target-group",
    "minimum-load-balancer-capacity",
    "ipam-ipv4-pool-id",
] as const;
const NAMED_ANNOTATIONS = ["actions.", "conditions.", "listener-attributes.", "transforms."];

/** The values the controller documents for the annotations a user may add (plain strings only are checked). */
const ANNOTATION_VALUES: Record<string, { test: (v: string) => boolean; allowed: string }> = {
    "ip-address-type": {
        test: (v) => ["ipv4", "dualstack", "dualstack-without-public-ipv4"].includes(v),
        allowed: "ipv4, dualstack or dualstack-without-public-ipv4",
    },
    "backend-protocol": { test: (v) => v === "HTTP" || v === "HTTPS", allowed: "HTTP or HTTPS" },
    "backend-protocol-version": {
        test: (v) => ["HTTP1", "HTTP2", "GRPC"].includes(v),
        allowed: "HTTP1, HTTP2 or GRPC",
    },
    "shield-advanced-protection": { test: (v) => v === "true" || v === "false", allowed: '"true" or "false"' },
    "manage-backend-security-group-rules": { test: (v) => v === "true" || v === "false", allowed: '"true" or "false"' },
    "load-balancer-name": {
        test: (v) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(v) && !v.startsWith("internal-"),
        allowed: "1 to 32 letters, digits and hyphens, not starting or ending with a hyphen",
    },
    "auth-type": { test: (v) => ["none", "oidc", "cognito"].includes(v), allowed: "none, oidc or cognito" },
    "auth-on-unauthenticated-request": {
        test: (v) => ["authenticate", "allow", "deny"].includes(v),
        allowed: "authenticate, allow or deny",
    },
    "auth-session-timeout": {
        test: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 604800,
        allowed: "seconds from 1 to 604800",
    },
    "load-balancer-attributes": {
        test: (v) => /^[\w.]+=[^,=]*(,\s*[\w.]+=[^,=]*)*$/.test(v),
        allowed: "key=value pairs separated by commas",
    },
    "target-group-attributes": {
        test: (v) => /^[\w.]+=[^,=]*(,\s*[\w.]+=[^,=]*)*$/.test(v),
        allowed: "key=value pairs separated by commas",
    },
};

/** The TLS 1.2+ ELB security policies' name prefixes (Elastic Load Balancing "Security policies"). */
const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-|TLS-1-2-|FS-1-2-)/;
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
const CERTIFICATE_ARN =
    /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+|iam::\d{12}:server-certificate\/\S+)$/;
const WAFV2_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]+\/[a-f0-9-]+$/;
const GROUP_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUCCESS_CODES = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;
/** "Rules per Application Load Balancer (not counting default rules)": 100 by default; one rule per host and path. */
const ALB_RULES_MAX = 100;

/** The Ingress to create: metadata annotations and spec. */
export interface IngressPlan {
    annotations: Record<string, pulumi.Input<string>>;
    spec: IngressSpec;
}

/**
 * Checks `ingress` against the controller's documented annotations and values and the ALB's
 * limits, and plans the Ingress: `ip` targets, HTTPS on 443 with HTTP redirecting when there is a
 * certificate, health checks from the readiness probe.
 */
export function planIngress(
    v: Validator,
    ing: KubernetesIngressArgs,
    backend: { service?: { name: string; port: pulumi.Input<number> }; readinessPath?: pulumi.Input<string> },
): IngressPlan {
    const p = (...rest: (string | number)[]) => joinPath("ingress", ...rest);
    if (!backend.service)
        v.add(
            "ingress",
            "needs the workload's Service: remove service.enabled: false, or route to another workload's Service",
        );
    const scheme = ing.scheme ?? "internal";
    const https = ing.certificateArn !== undefined;
    if (!https && scheme === "internet-facing" && ing.allowHttp !== true) {
        v.add(
            p("certificateArn"),
            "is required for an internet-facing ALB (HTTPS only): give an ACM certificate ARN, or set allowHttp: true to serve plain HTTP",
        );
    }
    if (https && ing.allowHttp === true)
        v.add(p("allowHttp"), "must not be set with certificateArn: HTTP then only redirects to HTTPS");
    if (isKnown(ing.certificateArn)) {
        ing.certificateArn.split(",").forEach((arn, i, all) => {
            if (!CERTIFICATE_ARN.test(arn.trim())) {
                v.add(
                    p("certificateArn"),
                    `${all.length > 1 ? `ARN ${i + 1} ` : ""}must be an ACM certificate ARN, arn:aws:acm:<region>:<account>:certificate/<id> (got ${JSON.stringify(arn)})`,
                );
            }
        });
    }
    if (ing.sslPolicy !== undefined && !TLS12_POLICY.test(ing.sslPolicy)) {
        v.add(
            p("sslPolicy"),
            `must be a TLS 1.2+ ELB security policy such as "${DEFAULT_SSL_POLICY}" (ELBSecurityPolicy-TLS13-…, -TLS-1-2-… or -FS-1-2-…) (got ${JSON.stringify(ing.sslPolicy)})`,
        );
    }
    if (ing.sslPolicy !== undefined && !https)
        v.add(p("sslPolicy"), "applies only with certificateArn (an HTTPS listener)");
    if (ing.groupName !== undefined && (ing.groupName.length > 63 || !GROUP_NAME.test(ing.groupName))) {
        v.add(
            p("groupName"),
            `must be 1 to 63 lower-case letters, digits, "-" or ".", starting and ending with a letter or digit (got ${JSON.stringify(ing.groupName)})`,
        );
    }
    v.range(ing.groupOrder, p("groupOrder"), -1000, 1000);
    if (ing.groupOrder !== undefined && ing.groupName === undefined)
        v.add(p("groupOrder"), "applies only with groupName");
    if (isKnown(ing.wafv2AclArn) && !WAFV2_ARN.test(ing.wafv2AclArn)) {
        v.add(
            p("wafv2AclArn"),
            `must be a regional WAFv2 web ACL ARN, arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id> (got ${JSON.stringify(ing.wafv2AclArn)})`,
        );
    }
    (ing.inboundCidrs ?? []).forEach((c, i) => {
        if (!isIpv4Cidr(c) && !/^[0-9a-fA-F:]+\/\d{1,3}$/.test(c))
            v.add(p("inboundCidrs", i), `must be a CIDR block such as "10.0.0.0/16" (got ${JSON.stringify(c)})`);
    });
    for (const [k, value] of Object.entries(ing.tags ?? {})) {
        if (/[,=]/.test(k) || /[,=]/.test(value) || k === "")
            v.add(p("tags", k), 'keys and values must not contain "," or "=" (the annotation is k1=v1,k2=v2)');
    }
    const hc = ing.healthCheck ?? {};
    if (hc.path !== undefined && !hc.path.startsWith("/"))
        v.add(p("healthCheck", "path"), `must start with "/" (got ${JSON.stringify(hc.path)})`);
    if (typeof hc.port === "number") v.range(hc.port, p("healthCheck", "port"), 1, 65535);
    // ALB target group health checks (ELB API CreateTargetGroup).
    v.range(hc.intervalSeconds, p("healthCheck", "intervalSeconds"), 5, 300, { unit: "seconds" });
    v.range(hc.timeoutSeconds, p("healthCheck", "timeoutSeconds"), 2, 120, { unit: "seconds" });
    v.range(hc.healthyThreshold, p("healthCheck", "healthyThreshold"), 2, 10);
    v.range(hc.unhealthyThreshold, p("healthCheck", "unhealthyThreshold"), 2, 10);
    const interval = hc.intervalSeconds ?? 15;
    const timeout = hc.timeoutSeconds ?? 5;
    if (timeout >= interval)
        v.add(p("healthCheck", "timeoutSeconds"), `must be less than the interval (${interval} s) (got ${timeout})`);
    if (hc.successCodes !== undefined && !SUCCESS_CODES.test(hc.successCodes)) {
        v.add(
            p("healthCheck", "successCodes"),
            `must be HTTP codes such as "200", "200,204" or "200-299" (got ${JSON.stringify(hc.successCodes)})`,
        );
    }
    const rules = ing.rules ?? [{}];
    if (rules.length === 0) v.add(p("rules"), "must have at least one rule; leave it out for every host and path");
    let paths = 0;
    rules.forEach((r, i) => {
        if (r.host !== undefined && (r.host.length > 253 || !HOST.test(r.host))) {
            v.add(
                p("rules", i, "host"),
                `must be a lower-case DNS name, optionally starting with "*." (got ${JSON.stringify(r.host)})`,
            );
        }
        if (r.paths !== undefined && r.paths.length === 0)
            v.add(p("rules", i, "paths"), 'must not be empty; leave it out for "/"');
        (r.paths ?? ["/"]).forEach((path, j) => {
            if (!path.startsWith("/"))
                v.add(p("rules", i, "paths", j), `must start with "/" (got ${JSON.stringify(path)})`);
        });
        paths += (r.paths ?? ["/"]).length;
    });
    if (paths > ALB_RULES_MAX)
        v.add(
            p("rules"),
            `make ${paths} ALB listener rules (one per host and path); an ALB has at most ${ALB_RULES_MAX} by default`,
        );

    const annotations: Record<string, pulumi.Input<string>> = {};
    const set = (key: string, value: pulumi.Input<string> | undefined) => {
        if (value !== undefined) annotations[ALB_ANNOTATION_PREFIX + key] = value;
    };
    set("scheme", scheme);
    set("target-type", "ip");
    set("listen-ports", https ? '[{"HTTP": 80}, {"HTTPS": 443}]' : '[{"HTTP": 80}]');
    if (https) {
        set("certificate-arn", ing.certificateArn);
        set("ssl-redirect", "443");
        set("ssl-policy", ing.sslPolicy ?? DEFAULT_SSL_POLICY);
    }
    set("group.name", ing.groupName);
    set("group.order", ing.groupOrder !== undefined ? String(ing.groupOrder) : undefined);
    set("healthcheck-path", hc.path ?? backend.readinessPath ?? "/");
    set("healthcheck-port", hc.port !== undefined ? String(hc.port) : "traffic-port");
    set("healthcheck-protocol", hc.protocol ?? "HTTP");
    set("healthcheck-interval-seconds", String(interval));
    set("healthcheck-timeout-seconds", String(timeout));
    set("healthy-threshold-count", String(hc.healthyThreshold ?? 2));
    set("unhealthy-threshold-count", String(hc.unhealthyThreshold ?? 2));
    set("success-codes", hc.successCodes ?? "200");
    set("wafv2-acl-arn", ing.wafv2AclArn);
    set("inbound-cidrs", ing.inboundCidrs?.join(","));
    const tags = Object.entries(ing.tags ?? {});
    set("tags", tags.length > 0 ? tags.map(([k, x]) => `${k}=${x}`).join(",") : undefined);

    for (const key of Object.keys(ing.annotations ?? {})) {
        const ap = p("annotations", key);
        if (!key.startsWith(ALB_ANNOTATION_PREFIX)) continue;
        const name = key.slice(ALB_ANNOTATION_PREFIX.length);
        const documented =
            (ALB_ANNOTATIONS as readonly string[]).includes(name) ||
            NAMED_ANNOTATIONS.some((n) => name.startsWith(n) && name.length > n.length);
        if (!documented) {
            v.add(
                ap,
                `is not an annotation the AWS Load Balancer Controller documents; the ${ALB_ANNOTATION_PREFIX} ones are ${ALB_ANNOTATIONS.join(", ")} and actions.*, conditions.*, listener-attributes.*, transforms.*`,
            );
        } else if (key in annotations) {
            v.add(
                ap,
                "is set by the component from the ingress fields (scheme, certificateArn, sslPolicy, groupName, healthCheck, wafv2AclArn, inboundCidrs, tags); set the field instead",
            );
        }
        const value = ing.annotations?.[key];
        const rule = ANNOTATION_VALUES[name];
        if (rule && typeof value === "string" && !rule.test(value))
            v.add(ap, `must be ${rule.allowed}, as the controller documents (got ${JSON.stringify(value)})`);
    }

    const port = backend.service?.port ?? 80;
    const spec: IngressSpec = {
        ingressClassName: ing.ingressClassName ?? "alb",
        rules: rules.map((r) => ({
            ...(r.host !== undefined ? { host: r.host } : {}),
            http: {
                paths: (r.paths ?? ["/"]).map((path) => ({
                    path,
                    pathType: r.pathType ?? "Prefix",
                    backend: { service: { name: backend.service?.name ?? "", port: { number: port } } },
                })),
            },
        })),
    };
    return { annotations: { ...(ing.annotations ?? {}), ...annotations }, spec };
}
