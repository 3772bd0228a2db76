/**
 * Renders a cost estimate (text, json, markdown), and the cost section of a pull-request
 * comment: base and head ranges, the change, and the three components whose cost changed most.
 */
import type { CostEstimate } from "./estimate";

/** `$1,234.56`. */
export function usd(x: number): string {
    const sign = x < 0 ? "-" : "";
    return `${sign}$${Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** `$10.00 – $50.00`, or one figure when floor and ceiling agree. */
export function range(r: { floor: number; ceiling: number }): string {
    return Math.abs(r.ceiling - r.floor) < 0.005 ? usd(r.floor) : `${usd(r.floor)} – ${usd(r.ceiling)}`;
}

const signed = (x: number) => (x > 0.004 ? `+${usd(x)}` : x < -0.004 ? usd(x) : "±$0.00");

export function renderCostText(e: CostEstimate): string {
    const out: string[] = [];
    out.push(`Monthly cost, ${e.region}, list prices of ${e.pricesTakenOn} (${e.hoursPerMonth} h a month)`);
    out.push(`total: ${range(e.total)} (floor: minimum capacities; ceiling: what autoscaling may reach)`);
    out.push("", "by component:");
    for (const c of e.byComponent) out.push(`  ${c.component}: ${range(c)}`);
    out.push("", "by resource type:");
    for (const t of e.byType) out.push(`  ${t.type}: ${range(t)}`);
    out.push("", "by resource:");
    for (const l of e.lines) out.push(`  ${l.type} ${l.name}: ${range(l)} — ${l.detail}`);
    out.push("", "usage-based (not in the total unless --usage gives a quantity):");
    for (const u of e.usage) {
        const q = u.quantity !== undefined ? ` × ${u.quantity} = ${usd(u.monthly ?? 0)}` : "";
        out.push(`  ${u.what}: $${u.unitPrice} per ${u.unit}${q} [${u.key}]`);
    }
    out.push("", "notes:");
    for (const n of e.notes) out.push(`  - ${n}`);
    return `${out.join("\n")}\n`;
}

export function renderCostMarkdown(e: CostEstimate): string {
    const out: string[] = [];
    out.push(`**Monthly cost: ${range(e.total)}** (${e.region}, list prices of ${e.pricesTakenOn})`, "");
    out.push("| component | floor | ceiling |", "| --- | ---: | ---: |");
    for (const c of e.byComponent) out.push(`| ${c.component} | ${usd(c.floor)} | ${usd(c.ceiling)} |`);
    out.push("", "<details><summary>by resource, usage-based charges and notes</summary>", "");
    out.push("| resource | floor | ceiling | how |", "| --- | ---: | ---: | --- |");
    for (const l of e.lines)
        out.push(`| \`${l.name}\` (${l.type}) | ${usd(l.floor)} | ${usd(l.ceiling)} | ${l.detail} |`);
    out.push("", "| usage-based charge | unit price | assumed |", "| --- | --- | --- |");
    for (const u of e.usage) out.push(`| ${u.what} | $${u.unitPrice} per ${u.unit} | ${u.quantity ?? "—"} |`);
    out.push("", ...e.notes.map((n) => `- ${n}`), "", "</details>");
    return `${out.join("\n")}\n`;
}

export function renderCostJson(e: CostEstimate): string {
    return `${JSON.stringify(e, null, 2)}\n`;
}

/** The change between two estimates: totals, delta, and the components that moved most. */
export interface CostChange {
    base: { floor: number; ceiling: number };
    head: { floor: number; ceiling: number };
    delta: { floor: number; ceiling: number };
    top: { component: string; floor: number; ceiling: number }[];
}

export function costChange(base: CostEstimate, head: CostEstimate): CostChange {
    const components = new Set([
        ...base.byComponent.map((c) => c.component),
        ...head.byComponent.map((c) => c.component),
    ]);
    const find = (e: CostEstimate, c: string) =>
        e.byComponent.find((x) => x.component === c) ?? { floor: 0, ceiling: 0 };
    const top = [...components]
        .map((c) => ({
            component: c,
            floor: find(head, c).floor - find(base, c).floor,
            ceiling: find(head, c).ceiling - find(base, c).ceiling,
        }))
        .filter((c) => Math.abs(c.floor) > 0.004 || Math.abs(c.ceiling) > 0.004)
        .sort(
            (a, b) =>
                Math.max(Math.abs(b.floor), Math.abs(b.ceiling)) - Math.max(Math.abs(a.floor), Math.abs(a.ceiling)),
        )
        .slice(0, 3);
    return {
        base: base.total,
        head: head.total,
        delta: { floor: head.total.floor - base.total.floor, ceiling: head.total.ceiling - base.total.ceiling },
        top,
    };
}

/** The pull-request comment's cost section (markdown). */
export function costSection(base: CostEstimate, head: CostEstimate): string {
    const c = costChange(base, head);
    const out = [
        "### Monthly cost",
        "",
        "| | floor | ceiling |",
        "| --- | ---: | ---: |",
        `| base | ${usd(c.base.floor)} | ${usd(c.base.ceiling)} |`,
        `| head | ${usd(c.head.floor)} | ${usd(c.head.ceiling)} |`,
        `| change | ${signed(c.delta.floor)} | ${signed(c.delta.ceiling)} |`,
    ];
    if (c.top.length > 0) {
        out.push("", "Changed most:");
        for (const t of c.top) out.push(`- ${t.component}: floor ${signed(t.floor)}, ceiling ${signed(t.ceiling)}`);
    }
    out.push("", `<sub>${head.region}, list prices of ${head.pricesTakenOn}; usage-based charges not included.</sub>`);
    return `${out.join("\n")}\n`;
}

/** The text diff's cost lines. */
export function costSectionText(base: CostEstimate, head: CostEstimate): string {
    const c = costChange(base, head);
    const lines = [
        `monthly cost: ${range(c.base)} → ${range(c.head)} (floor ${signed(c.delta.floor)}, ceiling ${signed(c.delta.ceiling)})`,
        ...c.top.map((t) => `  ${t.component}: floor ${signed(t.floor)}, ceiling ${signed(t.ceiling)}`),
    ];
    return `${lines.join("\n")}\n`;
}
