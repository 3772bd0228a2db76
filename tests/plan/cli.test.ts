import { execFileSync, spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CliError, planCommand } from "../../src/plan/cli";
import { loadStackConfig, securePlaceholder } from "../../src/plan/config";
import { isSecretMarker } from "../support";

const root = path.resolve(__dirname, "../..");
const fixture = path.join(root, "tests/fixtures/plan-program");

async function cliError(argv: string[], cwd = root): Promise<CliError> {
    try {
        await planCommand(argv, cwd);
    } catch (e) {
        if (e instanceof CliError) return e;
        throw e;
    }
    throw new Error("expected the command to fail");
}

describe("plan CLI", () => {
    it("reads a stack file like the Pulumi CLI: namespaces, JSON objects, secure values as placeholders", () => {
        const { config, secretKeys } = loadStackConfig(path.join(fixture, "Pulumi.test.yaml"), "fixture-app");
        expect(config["aws:region"]).toBe("eu-west-1");
        expect(config["fixture-app:queueName"]).toBe("orders");
        expect(JSON.parse(config["fixture-app:limits"])).toEqual({ retention: 7 });
        expect(config["fixture-app:dbPassword"]).toBe(securePlaceholder("fixture-app:dbPassword"));
        expect(secretKeys).toEqual(["fixture-app:dbPassword"]);
    });

    it("plans a program outside stacks/ and prints secrets as [secret]", async () => {
        const { text, plan } = await planCommand(["--program", path.join(fixture, "index.ts"), "--config", path.join(fixture, "Pulumi.test.yaml")], root);
        expect(plan.project).toBe("fixture-app");
        expect(plan.stack).toBe("test");
        expect(text.split("\n")[0]).toBe("fixture-app (stack test)");
        expect(text).toContain("aws:sqs/queue:Queue  orders");
        expect(text).toContain("password: [secret]");
        expect(text).not.toContain(securePlaceholder("fixture-app:dbPassword"));
        expect(text).toMatch(/^2 resources: 1 aws:sqs\/queue:Queue, 1 aws:ssm\/parameter:Parameter$/m);
        expect(isSecretMarker(plan.outputs.password)).toBe(true);
    });

    it("writes JSON where secrets are digests only", async () => {
        const { text } = await planCommand(["--program", path.join(fixture, "index.ts"), "--config", path.join(fixture, "Pulumi.test.yaml"), "--format", "json"], root);
        const parsed = JSON.parse(text);
        expect(parsed.version).toBe(1);
        expect(parsed.outputs.password.$secret).toMatch(/^sha256:[0-9a-f]{16}$/);
        expect(text).not.toContain("offline-plan-secret-placeholder");
    });

    it("rejects an unknown stack with the list of stacks and exit code 2", async () => {
        const e = await cliError(["--stack", "nope"]);
        expect(e.exitCode).toBe(2);
        expect(e.message).toContain('unknown stack "nope"');
        expect(e.message).toMatch(/stacks: .*dev/);
    });

    it("rejects bad usage with exit code 2", async () => {
        expect((await cliError(["--stack", "dev", "--format", "yaml"])).exitCode).toBe(2);
        expect((await cliError(["--program", "x.ts"])).exitCode).toBe(2);
        expect((await cliError(["--bogus"])).exitCode).toBe(2);
    });

    it("runs as `npm run plan` and exits 2 on an unknown stack", () => {
        const r = spawnSync("npm", ["run", "-s", "plan", "--", "--stack", "nope"], { cwd: root, encoding: "utf8" });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('unknown stack "nope"');
        const out = execFileSync("npm", ["run", "-s", "plan", "--", "--stack", "dev"], { cwd: root, encoding: "utf8" });
        expect(out.split("\n")[0]).toBe("compute-layer (stack dev)");
        expect(out).toMatch(/^\d+ resources: /m);
    });
});
