import { CronExpressionParser } from "cron-parser";

/**
 * Checks an EventBridge schedule expression: `rate(<value> <unit>)` or `cron(<6 fields>)`.
 * Returns why it is invalid, or `undefined` when it is valid.
 *
 * Rules from "Creating an Amazon EventBridge rule that runs on a schedule"
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
 * - rate: a positive whole number and `minute`/`hour`/`day` for 1, `minutes`/`hours`/`days` above.
 * - cron: Minutes Hours Day-of-month Month Day-of-week Year; one of day-of-month and
 *   day-of-week must be `?`; years 1970–2199; `W` and `L` in day-of-month, `L` and `#` in
 *   day-of-week. The first five fields are checked with cron-parser, the year here.
 */
export function scheduleExpressionProblem(expression: string): string | undefined {
    const shape = `must be "rate(<value> <unit>)" such as "rate(5 minutes)", or "cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)" such as "cron(0 12 * * ? *)"`;
    const rate = /^rate\((.*)\)$/.exec(expression);
    if (rate) {
        const m = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(rate[1].trim());
        if (!m) return `${shape}; a rate is a whole number and a unit of minute(s), hour(s) or day(s) (got ${JSON.stringify(expression)})`;
        const value = Number(m[1]);
        if (value < 1) return `the rate value must be at least 1 (got ${value})`;
        const plural = m[2].endsWith("s");
        if (value === 1 && plural) return `a rate of 1 takes the singular unit "${m[2].slice(0, -1)}" (got ${JSON.stringify(expression)})`;
        if (value > 1 && !plural) return `a rate above 1 takes the plural unit "${m[2]}s" (got ${JSON.stringify(expression)})`;
        return undefined;
    }
    const cron = /^cron\((.*)\)$/.exec(expression);
    if (!cron) return `${shape} (got ${JSON.stringify(expression)})`;
    const fields = cron[1].trim().split(/\s+/);
    if (fields.length !== 6) return `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length} in ${JSON.stringify(expression)}`;
    const [minutes, hours, dom, month, dow, year] = fields;
    if ((dom === "?") === (dow === "?")) return `exactly one of day-of-month and day-of-week must be "?" (got ${JSON.stringify(expression)})`;
    const yearProblem = cronYearProblem(year);
    if (yearProblem) return `${yearProblem} in ${JSON.stringify(expression)}`;
    // cron-parser knows neither "?" nor "W": "?" means "any", and "15W" / "LW" name a day of the month.
    const domForParser = dom === "?" ? "*" : dom.replace(/^LW$/, "L").replace(/^(\d{1,2})W$/, "$1");
    const dowForParser = dow === "?" ? "*" : dow;
    try {
        CronExpressionParser.parse([minutes, hours, domForParser, month, dowForParser].join(" "));
    } catch (e) {
        return `is not a valid cron expression: ${(e as Error).message} (got ${JSON.stringify(expression)})`;
    }
    return undefined;
}

function cronYearProblem(year: string): string | undefined {
    if (year === "*") return undefined;
    for (const part of year.split(",")) {
        const m = /^(\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
        if (!m) return `the year field must be "*" or years, ranges and steps within 1970-2199 (got ${JSON.stringify(year)})`;
        const from = Number(m[1]);
        const to = m[2] === undefined ? from : Number(m[2]);
        if (from < 1970 || to > 2199 || to < from) return `the year field must stay within 1970-2199 (got ${JSON.stringify(year)})`;
    }
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
        if (!/^[A-Za-z0-9._~:@!$&'()*,;=-]+$/.test(s)) return `${shape}; path segment ${JSON.stringify(s)} has characters a route cannot hold`;
    }
    return undefined;
}
