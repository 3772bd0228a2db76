import { appAutoScalingScheduleProblem } from "../../../src/scaling";

/**
 * Checks an EventBridge rule's schedule expression: `rate(<value> <unit>)` or `cron(<6 fields>)`.
 * Returns why it is invalid, or `undefined` when it is valid.
 *
 * EventBridge rules read rate and cron the way Application Auto Scaling does (6 cron fields,
 * `?` in day-of-month or day-of-week, years 1970-2199), so the scaling vocabulary's check does
 * the work; rules have no one-time `at(...)`.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */
export function scheduleExpressionProblem(expression: string): string | undefined {
    if (!/^(rate|cron)\(.*\)$/.test(expression)) {
        return `must be "rate(<value> <unit>)" such as "rate(5 minutes)", or "cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)" such as "cron(0 12 * * ? *)" (got ${JSON.stringify(expression)})`;
    }
    const problem = appAutoScalingScheduleProblem(expression);
    if (problem) return problem;
    // The shared check reads the year field's shape; EventBridge also bounds it to 1970-2199.
    const year = /^cron\((.*)\)$/.exec(expression)?.[1].trim().split(/\s+/)[5];
    const outside = (year ?? "*").match(/\d{4}/g)?.find((y) => Number(y) < 1970 || Number(y) > 2199);
    if (outside)
        return `the cron year field must stay within 1970-2199 (got ${outside} in ${JSON.stringify(expression)})`;
    return undefined;
}

/** The methods an API Gateway HTTP API route key may name. */
export const HTTP_METHODS = ["ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/**
 * Checks an HTTP API route key: `$default`, or `METHOD /path` where path segments are literal
 * or `{param}`, and only the last may be greedy (`{proxy+}`).
 * ("Working with routes for HTTP APIs", https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html)
 */
export function routeKeyProblem(routeKey: string): string | undefined {
    if (routeKey === "$default") return undefined;
    const shape = `must be "$default" or "<METHOD> /<path>" with METHOD one of ${HTTP_METHODS.join(", ")}, e.g. "POST /orders" or "GET /orders/{id}"`;
    const m = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
    if (!m) return `${shape} (got ${JSON.stringify(routeKey)})`;
    if (!(HTTP_METHODS as readonly string[]).includes(m[1])) return `${shape} (got method ${JSON.stringify(m[1])})`;
    const path = m[2];
    if (path === "/") return undefined;
    const segments = path.slice(1).split("/");
    for (let i = 0; i < segments.length; i++) {
        const s = segments[i];
        const last = i === segments.length - 1;
        if (s === "") return `${shape}; the path has an empty segment (got ${JSON.stringify(routeKey)})`;
        if (/^\{[A-Za-z0-9_.-]+\+\}$/.test(s)) {
            if (!last) return `only the last path segment may be greedy ({name+}) (got ${JSON.stringify(routeKey)})`;
            continue;
        }
        if (/^\{[A-Za-z0-9_.-]+\}$/.test(s)) continue;
        if (!/^[A-Za-z0-9._~:@!$&'()*,;=-]+$/.test(s))
            return `${shape}; path segment ${JSON.stringify(s)} has characters a route cannot hold`;
    }
    return undefined;
}
