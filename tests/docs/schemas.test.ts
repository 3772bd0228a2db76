import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { renderSchemas } from "../../scripts/schemas";

const root = path.resolve(__dirname, "../..");

describe("schemas/: the JSON Schema of every component's args (issue 19, for other languages)", () => {
    it("is generated from the zod shapes and committed fresh (npm run schemas)", async () => {
        const wanted = await renderSchemas(root);
        expect(wanted.size).toBeGreaterThanOrEqual(11);
        const onDisk = fs.readdirSync(path.join(root, "schemas")).map((f) => path.join(root, "schemas", f));
        expect(onDisk.sort()).toEqual([...wanted.keys()].sort());
        for (const [file, text] of wanted)
            expect(fs.readFileSync(file, "utf8"), `${path.relative(root, file)} is stale: npm run schemas`).toBe(text);
    });

    it("closed objects and plain types: a misspelled key and a string boolean fail JSON Schema too", () => {
        const alb = JSON.parse(fs.readFileSync(path.join(root, "schemas", "ApplicationLoadBalancer.json"), "utf8")) as {
            additionalProperties: boolean;
            properties: Record<string, { type?: string }>;
            required: string[];
        };
        expect(alb.additionalProperties).toBe(false);
        expect(alb.properties.internal.type).toBe("boolean");
        expect(alb.required).toEqual(expect.arrayContaining(["vpcId", "subnetIds"]));
    });
});
