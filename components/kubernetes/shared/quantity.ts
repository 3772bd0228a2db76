/**
 * Kubernetes resource quantities (`250m`, `0.5`, `256Mi`, `1Gi`, `512M`, `1e3`), parsed to a
 * number so that requests can be compared with limits before anything is applied.
 *
 * The grammar is the one in the Kubernetes API reference ("Quantity",
 * https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/):
 *
 * ```
 * <quantity>        ::= <signedNumber><suffix>
 * <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 * <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 * <decimalSI>       ::= m | "" | k | M | G | T | P | E     (the API server also accepts n and u)
 * <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
 * <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 * ```
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE]?)$/;

/** A parsed quantity: its value in base units (cores for CPU, bytes for memory) and its suffix. */
export interface Quantity {
    /** The value in base units. */
    value: number;
    /** The suffix as written (`m`, `Mi`, `e3`, or `""`). */
    suffix: string;
}

/** Parses a Kubernetes quantity; `undefined` when the text is not one. Numbers are taken as they are. */
export function parseQuantity(text: string | number): Quantity | undefined {
    if (typeof text === "number") return Number.isFinite(text) ? { value: text, suffix: "" } : undefined;
    if (typeof text !== "string") return undefined;
    const m = QUANTITY.exec(text);
    if (!m) return undefined;
    const [, num, suffix] = m;
    const base = Number(num);
    let factor: number;
    if (suffix in BINARY) factor = BINARY[suffix];
    else if (suffix.length > 1 && (suffix.startsWith("e") || suffix.startsWith("E")))
        factor = 10 ** Number(suffix.slice(1));
    else factor = DECIMAL[suffix];
    const value = base * factor;
    return Number.isFinite(value) ? { value, suffix } : undefined;
}

/** The problem with a CPU quantity, or `undefined` when it is a positive number of cores of at least 1m. */
export function cpuProblem(text: string | number): string | undefined {
    const q = parseQuantity(text);
    if (!q) return `must be a CPU quantity such as "250m", "0.5" or "1" (got ${JSON.stringify(text)})`;
    // The API server keeps CPU to millicore precision; anything below 1m is rounded up to 1m.
    if (q.value < 0.001) return `must be at least 1m (0.001 cores) (got ${JSON.stringify(text)})`;
    return undefined;
}

/** The problem with a memory quantity, or `undefined` when it is a positive whole number of bytes. */
export function memoryProblem(text: string | number): string | undefined {
    const q = parseQuantity(text);
    if (!q) return `must be a memory quantity such as "256Mi", "1Gi" or "512M" (got ${JSON.stringify(text)})`;
    if (q.suffix === "m" || q.suffix === "u" || q.suffix === "n" || q.value < 1) {
        return `must be at least 1 byte; "m" means milli-bytes, so use Mi or M for mebibytes or megabytes (got ${JSON.stringify(text)})`;
    }
    return undefined;
}
