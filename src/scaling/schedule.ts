import type { CronExpressionParser } from "cron-parser";

/**
 * Schedule-expression checks. The cron fields themselves are checked by `cron-parser`; this
 * module only splits fields to count them and maps AWS-only tokens (`?`, `W`) to ones the
 * library reads, so that the library can judge the rest.
 */

/** cron-parser (and its date library), loaded only by a program that schedules scaling. */
let parser: typeof CronExpressionParser | undefined;

/** Why a cron string cannot be parsed, or undefined when it can. */
function cronProblem(fields: string[]): string | undefined {
    try {
        parser ??= (require("cron-parser") as typeof import("cron-parser")).CronExpressionParser;
        parser.parse(fields.join(" "));
        return undefined;
    } catch (e) {
        return e instanceof Error ? e.message : String(e);
    }
}

/**
 * EC2 Auto Scaling `Recurrence`: Unix cron with exactly 5 fields (minute hour day-of-month month
 * day-of-week). https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html#scheduled-scaling-recurring-schedules
 * @returns the reason it is invalid, or undefined.
 */
export function unixCronProblem(expr: string): string | undefined {
    const fields = expr
        .trim()
        .split(/\s+/)
        .filter((f) => f !== "");
    if (fields.length !== 5) {
        return `must be a 5-field Unix cron expression "minute hour day-of-month month day-of-week", e.g. "0 9 * * MON-FRI" (got ${fields.length} field${fields.length === 1 ? "" : "s"} in ${JSON.stringify(expr)})`;
    }
    // cron-parser also reads Quartz/Jenkins tokens (`?`, `L`, `W`, `#`, `H`) that EC2's traditional
    // cron does not; only month and day names may use letters.
    const names = /^(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT)$/i;
    const foreign = fields.flatMap((f) => [
        ...(f.match(/[?#]/g) ?? []),
        ...(f.match(/[A-Za-z]+/g) ?? []).filter((w) => !names.test(w)),
    ]);
    if (foreign.length > 0) {
        return `must be a traditional 5-field Unix cron expression: numbers, month and day names, "*", ",", "-" and "/" (got ${foreign.map((t) => JSON.stringify(t)).join(", ")} in ${JSON.stringify(expr)}; "?", "L", "W", "#" and "H" belong to other cron dialects)`;
    }
    const problem = cronProblem(fields);
    return problem
        ? `must be a valid 5-field Unix cron expression, e.g. "0 9 * * MON-FRI" (${JSON.stringify(expr)}: ${problem})`
        : undefined;
}

const RATE = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const YEAR = /^(\*|\d{4}(-\d{4})?(\/\d+)?)(,\d{4}(-\d{4})?)*$/;
const APP_FORMS =
    'one of "cron(minutes hours day-of-month month day-of-week year)", "rate(value unit)" or "at(yyyy-mm-ddThh:mm:ss)"';

/**
 * Application Auto Scaling `Schedule`: `cron(...)` with 6 fields and `?` in exactly one of
 * day-of-month and day-of-week, `rate(value unit)` or `at(yyyy-mm-ddThh:mm:ss)`.
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
 * @returns the reason it is invalid, or undefined.
 */
export function appAutoScalingScheduleProblem(expr: string): string | undefined {
    const s = expr.trim();
    const cron = /^cron\((.*)\)$/.exec(s);
    if (cron) {
        const fields = cron[1]
            .trim()
            .split(/\s+/)
            .filter((f) => f !== "");
        if (fields.length !== 6) {
            return `cron(...) must have 6 fields "minutes hours day-of-month month day-of-week year", e.g. "cron(0 9 ? * MON-FRI *)" (got ${fields.length} in ${JSON.stringify(expr)})`;
        }
        const [min, hour, dom, month, dow, year] = fields;
        if ((dom === "?") === (dow === "?")) {
            return `cron(...) must have "?" in exactly one of day-of-month and day-of-week, e.g. "cron(0 9 ? * MON-FRI *)" (got ${JSON.stringify(expr)})`;
        }
        if (!YEAR.test(year))
            return `cron(...) year field must be "*", a year, a range or a list of years (got ${JSON.stringify(year)} in ${JSON.stringify(expr)})`;
        // `?` means "no value" and `15W`/`LW` mean "nearest weekday"; cron-parser reads neither,
        // so they are replaced by the day they anchor on before the library checks the fields.
        const domForLib = dom === "?" ? "*" : dom.replace(/^(\d{1,2}|L)W$/, "$1");
        const dowForLib = dow === "?" ? "*" : dow;
        const problem = cronProblem([min, hour, domForLib, month, dowForLib]);
        return problem
            ? `must be a valid cron(...) expression, e.g. "cron(0 9 ? * MON-FRI *)" (${JSON.stringify(expr)}: ${problem})`
            : undefined;
    }
    const rate = RATE.exec(s);
    if (rate) {
        const n = Number(rate[1]);
        const unit = rate[2];
        if (n < 1) return `rate(...) value must be a positive whole number (got ${JSON.stringify(expr)})`;
        const plural = unit.endsWith("s");
        if (n === 1 && plural)
            return `rate(1 ...) takes a singular unit: minute, hour or day (got ${JSON.stringify(expr)})`;
        if (n > 1 && !plural)
            return `rate(n ...) with n > 1 takes a plural unit: minutes, hours or days (got ${JSON.stringify(expr)})`;
        return undefined;
    }
    const at = AT.exec(s);
    if (at) {
        const [y, mo, d, h, mi, se] = at.slice(1).map(Number);
        const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
        const valid =
            date.getUTCFullYear() === y &&
            date.getUTCMonth() === mo - 1 &&
            date.getUTCDate() === d &&
            h < 24 &&
            mi < 60 &&
            se < 60;
        return valid
            ? undefined
            : `at(...) must hold a real date and time yyyy-mm-ddThh:mm:ss (got ${JSON.stringify(expr)})`;
    }
    return `must be ${APP_FORMS} (got ${JSON.stringify(expr)})`;
}

/** Why a time zone is not an IANA time zone the runtime knows, or undefined. */
export function timezoneProblem(tz: string): string | undefined {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return undefined;
    } catch {
        return `must be an IANA time zone name such as "UTC" or "Europe/Berlin" (got ${JSON.stringify(tz)})`;
    }
}
