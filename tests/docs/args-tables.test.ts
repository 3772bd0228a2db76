import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findComponents, renderDocs } from "../../scripts/docs";

const root = path.resolve(__dirname, "../..");

describe("each component's page carries an args table generated from its TSDoc (npm run docs)", () => {
    it("every component has markers on its tier page, and every table is fresh", () => {
        const results = renderDocs(root);
        const missing = results.flatMap((r) => r.missing.map((m) => `${path.relative(root, r.file)}: ${m}`));
        expect(missing).toEqual([]);
        const stale = results.filter((r) => r.expected !== r.actual).map((r) => path.relative(root, r.file));
        expect(stale, "run npm run docs").toEqual([]);
        expect(results.length).toBe(new Set(findComponents(root).map((c) => c.tier)).size);
    });

    it("every args field in the tables has a description and a default", () => {
        const generated = renderDocs(root).flatMap((r) =>
            [...r.expected.matchAll(/<!-- args:\w+:start -->([\s\S]*?)<!-- args:\w+:end -->/g)].map((m) => m[1]),
        );
        const rows = generated.flatMap((t) => t.split("\n").filter((l) => /^\| `/.test(l)));
        expect(rows.length).toBeGreaterThan(200);
        const undocumented = rows.filter((l) => {
            const cells = l.split(/(?<!\\)\|/).map((c) => c.trim());
            return cells[3] === "" || cells[4] === "";
        });
        expect(undocumented.slice(0, 20)).toEqual([]);
    });
});
