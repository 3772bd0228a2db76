import { joinPath, type Validator } from "../../../src/core";
import { STRATEGY } from "./limits";

/** One capacity provider's share in a strategy. */
export interface CapacityProviderShare {
    /**
     * Relative share of tasks placed on this provider, 0–1000.
     * Known at plan time.
     * @default 1
     */
    weight?: number;
    /**
     * Tasks always placed on this provider before weights apply, 0–100000; only one provider of a
     * strategy may have one.
     * Known at plan time.
     * @default 0
     */
    base?: number;
}

/** Strategy-wide rules shared by the cluster's default strategy and a service's own: one base at most, some weight above 0. */
export function checkStrategyShape(
    v: Validator,
    items: { weight: number; base: number; path: string }[],
    path: string,
): void {
    const withBase = items.filter((i) => i.base > 0);
    for (const extra of withBase.slice(1)) {
        v.add(
            joinPath(extra.path, "base"),
            `only one capacity provider of a strategy may have a base; ${withBase[0].path} already has one`,
        );
    }
    if (items.length > 0 && items.every((i) => i.weight === 0)) {
        v.add(path, `at least one capacity provider needs a weight above 0 (weights are 0–${STRATEGY.maxWeight})`);
    }
}
