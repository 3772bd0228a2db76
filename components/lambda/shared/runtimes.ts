/**
 * Lambda's managed runtimes and their deprecation schedule.
 *
 * Source: "Lambda runtimes" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)
 * and the per-language pages it links (lambda-nodejs, lambda-python, lambda-java, lambda-dotnet,
 * lambda-ruby), as published in November 2026. Each runtime has three dates: deprecation (no
 * more security patches), "block function create" and "block function update". The Amazon Linux 2
 * based runtimes (python3.11, java8.al2, java11, java17) were given a year more than first
 * announced (June 30, 2027); provided.al2 is on the same Amazon Linux 2 schedule as them.
 *
 * Update this table when AWS publishes a new runtime or moves a date.
 */

/** The three dates Lambda publishes for a runtime, as `YYYY-MM-DD` (UTC); absent when not scheduled. */
export interface RuntimeSchedule {
    /** The runtime's identifier, e.g. `nodejs22.x`. */
    readonly id: string;
    /** Security patches stop on this day. */
    readonly deprecation?: string;
    /** New functions can no longer be created with the runtime from this day. */
    readonly blockCreate?: string;
    /** Existing functions can no longer be updated from this day. */
    readonly blockUpdate?: string;
}

/** Every managed runtime Lambda still lists, newest first within each language. */
export const LAMBDA_RUNTIMES: readonly RuntimeSchedule[] = [
    { id: "nodejs24.x", deprecation: "2028-04-30", blockCreate: "2028-06-01", blockUpdate: "2028-07-01" },
    { id: "nodejs22.x", deprecation: "2027-04-30", blockCreate: "2027-06-01", blockUpdate: "2027-07-01" },
    { id: "nodejs20.x", deprecation: "2026-04-30", blockCreate: "2026-08-31", blockUpdate: "2026-09-30" },
    { id: "python3.14", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    { id: "python3.13", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    { id: "python3.12", deprecation: "2028-10-31", blockCreate: "2028-11-30", blockUpdate: "2029-01-10" },
    { id: "python3.11", deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
    { id: "python3.10", deprecation: "2026-10-31", blockCreate: "2026-11-30", blockUpdate: "2027-01-15" },
    { id: "java25", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    { id: "java21", deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    { id: "java17", deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
    { id: "java11", deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
    { id: "java8.al2", deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
    { id: "dotnet10", deprecation: "2028-11-14", blockCreate: "2028-12-14", blockUpdate: "2029-01-15" },
    { id: "dotnet8", deprecation: "2026-11-10", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    { id: "ruby3.4", deprecation: "2028-03-31", blockCreate: "2028-04-30", blockUpdate: "2028-05-31" },
    { id: "ruby3.3", deprecation: "2027-03-31", blockCreate: "2027-04-30", blockUpdate: "2027-05-31" },
    { id: "ruby3.2", deprecation: "2026-03-31", blockCreate: "2026-08-31", blockUpdate: "2026-09-30" },
    // OS-only runtimes. provided.al2023 has no date: Amazon Linux 2023 is supported until 2029.
    { id: "provided.al2023" },
    { id: "provided.al2", deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
];

/** The runtime a function gets when none is given. */
export const DEFAULT_LAMBDA_RUNTIME = "nodejs22.x";

/** Where a runtime stands on a given day. */
export type RuntimeStatus =
    /** Not a runtime Lambda lists (never existed, or long retired). */
    | { state: "unknown" }
    /** Supported: patched, and functions can be created and updated. */
    | { state: "supported"; schedule: RuntimeSchedule }
    /** Past its deprecation date, but existing functions can still be updated (new ones maybe not). */
    | { state: "deprecated"; schedule: RuntimeSchedule; canCreate: boolean }
    /** Past its "block function update" date: Lambda rejects the function. */
    | { state: "blocked"; schedule: RuntimeSchedule };

function reached(date: string | undefined, today: string): boolean {
    return date !== undefined && today >= date;
}

/** Where `runtime` stands on the UTC day of `now`. */
export function runtimeStatus(runtime: string, now: Date): RuntimeStatus {
    const schedule = LAMBDA_RUNTIMES.find((r) => r.id === runtime);
    if (!schedule) return { state: "unknown" };
    const today = now.toISOString().slice(0, 10);
    if (reached(schedule.blockUpdate, today)) return { state: "blocked", schedule };
    if (reached(schedule.deprecation, today))
        return { state: "deprecated", schedule, canCreate: !reached(schedule.blockCreate, today) };
    return { state: "supported", schedule };
}

/** The runtimes that are supported (not deprecated) on the day of `now`. */
export function supportedRuntimes(now: Date): string[] {
    return LAMBDA_RUNTIMES.filter((r) => runtimeStatus(r.id, now).state === "supported").map((r) => r.id);
}

/** The oldest version of each runtime family SnapStart supports. */
const SNAPSTART_MIN: Record<string, number> = { java: 11, "python3.": 12, dotnet: 8 };

function snapStartSupports(runtime: string): boolean {
    const m = /^(java|python3\.|dotnet)(\d+)$/.exec(runtime);
    return m !== null && Number(m[2]) >= SNAPSTART_MIN[m[1]];
}

/**
 * Why SnapStart can't be used with `runtime`, or undefined: it supports Java 11 and later, Python
 * 3.12 and later and .NET 8 and later; not other managed runtimes, OS-only runtimes or images.
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html
 */
export function snapStartProblem(runtime: string): string | undefined {
    if (snapStartSupports(runtime)) return undefined;
    const supported = LAMBDA_RUNTIMES.map((r) => r.id).filter(snapStartSupports);
    return `is available only for Java 11+, Python 3.12+ and .NET 8+ runtimes (${supported.join(", ")}); got ${JSON.stringify(runtime)}`;
}
