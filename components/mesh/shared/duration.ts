import type { Validator } from "../../../src/core";

/**
 * Istio durations are protobuf `Duration`s written as Go duration strings: one or more
 * `<number><unit>` parts such as `1h`, `1m30s`, `500ms` or `1.5s`. Istio's validation
 * (`ValidateDuration` in istio/istio pkg/config/validation) requires at least 1ms and a whole
 * number of milliseconds, so the units accepted here are h, m, s and ms; ns and us can only
 * express sub-millisecond precision that Istio rejects.
 */
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
const MS_PER_UNIT: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** The length of an Istio duration in milliseconds, or `undefined` when the string is not one. */
export function parseIstioDuration(text: string): number | undefined {
    if (typeof text !== "string" || text === "") return undefined;
    PART.lastIndex = 0;
    let total = 0;
    while (PART.lastIndex < text.length) {
        const m = PART.exec(text);
        if (!m) return undefined;
        total += Number(m[1]) * MS_PER_UNIT[m[2]];
    }
    return total;
}

/** What every duration problem says is allowed. */
export const DURATION_FORMAT = `an Istio duration: numbers with units h, m, s or ms such as "30s", "3m", "500ms" or "1m30s", at least 1ms and a whole number of milliseconds`;

/** Checks an optional Istio duration; `undefined` passes. */
export function checkIstioDuration(v: Validator, value: string | undefined, path: string): void {
    if (value === undefined) return;
    const ms = parseIstioDuration(value);
    if (ms === undefined) {
        v.add(path, `must be ${DURATION_FORMAT} (got ${JSON.stringify(value)})`);
    } else if (ms < 1 || !Number.isInteger(Math.round(ms * 1e6) / 1e6)) {
        v.add(path, `must be ${DURATION_FORMAT} (got ${JSON.stringify(value)}, ${ms}ms)`);
    }
}
