import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { costsTable, withCosts } from "../../scripts/readme-costs";

const root = path.resolve(__dirname, "../..");

describe("the README's cost table (npm run docs:costs)", () => {
    it("is the script's output for the current stacks and prices, never typed by hand", async () => {
        const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
        const table = await costsTable(root);
        expect(table).toMatch(/\| prod \| us-east-1 \| \$[\d,]+\.\d\d \| \$[\d,]+\.\d\d \|/);
        expect(withCosts(readme, table), "README.md's cost estimates are stale: npm run docs:costs").toBe(readme);
    }, 60_000);
});
