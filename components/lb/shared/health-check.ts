import { joinPath, type Validator } from "../../../src/core";

/**
 * The health-check fields the three load balancers share. Each component documents its own
 * health-check args (with its defaults); they all fit this shape.
 */
export type HealthCheckInput = { enabled?: boolean } & Partial<Record<"protocol" | "path" | "matcher", string>> &
    Partial<Record<"port" | "intervalSeconds" | "timeoutSeconds" | "healthyThreshold" | "unhealthyThreshold", number>>;

/** A health check as `aws.lb.TargetGroup` takes it, defaults applied. */
export interface PlannedHealthCheck {
    enabled: boolean;
    protocol?: string;
    /** `"traffic-port"` or a port number as text. */
    port?: string;
    path?: string;
    interval?: number;
    timeout?: number;
    healthyThreshold?: number;
    unhealthyThreshold?: number;
    matcher?: string;
}

/** What a load-balancer type allows and defaults to. */
export interface HealthCheckProfile {
    /** Allowed health-check protocols. */
    protocols: readonly string[];
    /** The target group's protocol: an HTTP or HTTPS target group never gets a TCP health check. */
    targetProtocol?: string;
    /** Allowed matcher codes, or `undefined` when the type takes no matcher. */
    matcherRange?: { min: number; max: number };
    defaults: {
        protocol: string;
        port?: number;
        path: string;
        intervalSeconds: number;
        timeoutSeconds: number;
        healthyThreshold: number;
        unhealthyThreshold: number;
        matcher?: string;
    };
}

/** True for the protocols whose health checks send an HTTP request (and so take a path and matcher). */
export function isHttpProtocol(protocol: string | undefined): boolean {
    return protocol === "HTTP" || protocol === "HTTPS";
}

/**
 * Target-group health-check limits, the same for ALB, NLB and GWLB target groups:
 * interval 5–300 s, timeout 2–120 s and shorter than the interval, thresholds 2–10.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
export const HEALTH_CHECK_LIMITS = {
    intervalSeconds: [5, 300],
    timeoutSeconds: [2, 120],
    threshold: [2, 10],
    pathLength: 1024,
} as const;

/**
 * Checks a matcher (`"200"`, `"200,202"`, `"200-299"`) against the allowed code range: 200–499
 * for Application Load Balancers, 200–599 for Network Load Balancers.
 */
export function checkMatcher(v: Validator, matcher: string, path: string, range: { min: number; max: number }): void {
    const allowed = `HTTP codes from ${range.min} to ${range.max}, written as "200", "200,202" or "200-299"`;
    const parts = matcher.split(",").map((s) => s.trim());
    for (const part of parts) {
        const m = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
        const lo = m ? Number(m[1]) : NaN;
        const hi = m ? Number(m[2] ?? m[1]) : NaN;
        if (!m || lo > hi || lo < range.min || hi > range.max) {
            v.add(path, `must be ${allowed} (got ${JSON.stringify(matcher)})`);
            return;
        }
    }
}

/**
 * Applies a load-balancer type's defaults to a health check and validates it. Problems are
 * recorded at `<path>.<field>`; effective values (after defaults) are checked together, so a
 * `intervalSeconds` of 5 with the default timeout of 5 is reported.
 */
export function planHealthCheck(
    v: Validator,
    hc: HealthCheckInput | undefined,
    path: string,
    profile: HealthCheckProfile,
): PlannedHealthCheck {
    const at = (field: string) => joinPath(path, field);
    const d = profile.defaults;
    const protocol = hc?.protocol ?? d.protocol;
    if (isHttpProtocol(profile.targetProtocol) && protocol === "TCP") {
        v.add(
            at("protocol"),
            `an ${profile.targetProtocol} target group cannot use a TCP health check: use one of ${profile.protocols.map((p) => JSON.stringify(p)).join(", ")}`,
        );
    } else {
        v.oneOf(protocol, at("protocol"), profile.protocols);
    }
    const http = isHttpProtocol(protocol);

    const port = hc?.port ?? d.port;
    if (port !== undefined) v.range(port, at("port"), 1, 65535);

    if (hc?.path !== undefined) {
        if (!http)
            v.add(
                at("path"),
                `is only used by HTTP and HTTPS health checks (protocol is ${JSON.stringify(protocol)}); remove it or use protocol "HTTP" or "HTTPS"`,
            );
        else if (!hc.path.startsWith("/") || hc.path.length > HEALTH_CHECK_LIMITS.pathLength) {
            v.add(
                at("path"),
                `must start with "/" and have at most ${HEALTH_CHECK_LIMITS.pathLength} characters (got ${JSON.stringify(hc.path)})`,
            );
        }
    }

    const [iMin, iMax] = HEALTH_CHECK_LIMITS.intervalSeconds;
    const [tMin, tMax] = HEALTH_CHECK_LIMITS.timeoutSeconds;
    const [hMin, hMax] = HEALTH_CHECK_LIMITS.threshold;
    const interval = hc?.intervalSeconds ?? d.intervalSeconds;
    const timeout = hc?.timeoutSeconds ?? d.timeoutSeconds;
    v.range(interval, at("intervalSeconds"), iMin, iMax, { unit: "seconds" });
    v.range(timeout, at("timeoutSeconds"), tMin, tMax, { unit: "seconds" });
    if (
        typeof timeout === "number" &&
        typeof interval === "number" &&
        timeout >= interval &&
        timeout >= tMin &&
        timeout <= tMax &&
        interval >= iMin &&
        interval <= iMax
    ) {
        v.add(
            at("timeoutSeconds"),
            `must be less than intervalSeconds (${interval}${hc?.intervalSeconds === undefined ? ", the default" : ""}); got ${timeout}`,
        );
    }
    const healthyThreshold = hc?.healthyThreshold ?? d.healthyThreshold;
    const unhealthyThreshold = hc?.unhealthyThreshold ?? d.unhealthyThreshold;
    v.range(healthyThreshold, at("healthyThreshold"), hMin, hMax);
    v.range(unhealthyThreshold, at("unhealthyThreshold"), hMin, hMax);

    let matcher: string | undefined;
    if (hc?.matcher !== undefined) {
        if (!profile.matcherRange) v.add(at("matcher"), "is not supported by this load balancer type; remove it");
        else if (!http)
            v.add(
                at("matcher"),
                `is only used by HTTP and HTTPS health checks (protocol is ${JSON.stringify(protocol)}); remove it or use protocol "HTTP" or "HTTPS"`,
            );
        else checkMatcher(v, hc.matcher, at("matcher"), profile.matcherRange);
        matcher = hc.matcher;
    } else if (http && profile.matcherRange) {
        matcher = d.matcher;
    }

    return {
        enabled: hc?.enabled ?? true,
        protocol,
        port: port === undefined ? "traffic-port" : String(port),
        ...(http ? { path: hc?.path ?? d.path } : {}),
        interval,
        timeout,
        healthyThreshold,
        unhealthyThreshold,
        ...(matcher !== undefined ? { matcher } : {}),
    };
}
