import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError, COMMANDS, planCommand } from "../../src/plan/cli";
import { loadStackConfig, securePlaceholder } from "../../src/plan/config";
import { isSecretMarker } from "../support";
import { planCli } from "../support/cli";

/**
 * `npm run plan` in-process (the CLI's `main` with its output captured), and one real
 * subprocess: a plan of more than 1 MB piped through `cat`, byte for byte the `--out` file.
 */

const root = path.resolve(__dirname, "../..");
const fixtures = path.join(root, "tests/fixtures");
const fixture = path.join(fixtures, "plan-program");
const failing = (file: string) => ["--program", path.join(fixtures, "failing-program", file)];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

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
        const { text, plan } = await planCommand(
            ["--program", path.join(fixture, "index.ts"), "--config", path.join(fixture, "Pulumi.test.yaml")],
            root,
        );
        expect(plan.project).toBe("fixture-app");
        expect(plan.stack).toBe("test");
        expect(text.split("\n")[0]).toBe("fixture-app (stack test)");
        expect(text).toContain("aws:sqs/queue:Queue  orders");
        expect(text).toContain("password: [secret]");
        expect(text).not.toContain(securePlaceholder("fixture-app:dbPassword"));
        expect(text).toMatch(/^2 resources: 1 aws:sqs\/queue:Queue, 1 aws:ssm\/parameter:Parameter$/m);
        expect(isSecretMarker(plan.outputs.password)).toBe(true);
    });

    it("writes JSON where secrets are keyed digests only", async () => {
        const { text } = await planCommand(
            [
                "--program",
                path.join(fixture, "index.ts"),
                "--config",
                path.join(fixture, "Pulumi.test.yaml"),
                "--format",
                "json",
            ],
            root,
        );
        const parsed = JSON.parse(text);
        expect(parsed.version).toBe(1);
        expect(parsed.outputs.password.$secret).toMatch(/^hmac-sha256:[0-9a-f]{16}$/);
        expect(parsed.secretKeyId).toMatch(/^[0-9a-f]{12}$/);
        expect(text).not.toContain("offline-plan-secret-placeholder");
    });

    it("takes a --mocks module (TypeScript, loaded through the same bundling step)", async () => {
        const r = await planCli(
            [
                "--program",
                path.join(fixture, "index.ts"),
                "--config",
                path.join(fixture, "Pulumi.test.yaml"),
                "--format",
                "json",
                "--mocks",
                "tests/fixtures/mocks/queue-extras.ts",
            ],
            root,
        );
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout).resources.map((x: { type: string }) => x.type)).toContain("aws:sqs/queue:Queue");
    });

    it("dispatches subcommands from one table", () => {
        expect(Object.keys(COMMANDS)).toEqual(expect.arrayContaining(["plan", "diff"]));
    });

    describe("exit codes (the README's table, row by row)", () => {
        it("0: the plan is printed", async () => {
            const r = await planCli(["--program", path.join(fixtures, "no-config-program/index.ts")], root);
            expect(r.code, r.stderr).toBe(0);
            expect(r.stdout.split("\n")[0]).toBe("bare (stack dev)");
        });

        it("1: the program threw, even undefined, after registering", async () => {
            const r = await planCli(failing("throw-undefined.ts"), root);
            expect(r.code).toBe(1);
            expect(r.stderr).toBe("the program failed: it threw undefined\n");
            expect(r.stdout).toBe("");
        });

        it("1: a rejection that lands after the last registration", async () => {
            const r = await planCli(failing("late-rejection.ts"), root);
            expect(r.code).toBe(1);
            expect(r.stderr).toMatch(/^the program failed: the late lookup failed\n/);
        });

        it("1: an error inside apply, with its stack mapped to the program's source", async () => {
            const r = await planCli(failing("apply-error.ts"), root);
            expect(r.code).toBe(1);
            expect(r.stderr).toContain("the program failed:");
            expect(r.stderr).toContain("cannot derive a name from orders");
            expect(r.stderr).toMatch(/tests\/fixtures\/failing-program\/apply-error\.ts:\d+:\d+/);
        });

        it("1: a file archive that does not exist, naming the resource and the path", async () => {
            const r = await planCli(failing("missing-archive.ts"), root);
            expect(r.code).toBe(1);
            expect(r.stderr).toContain('the program failed: aws:lambda/function:Function "handler": code points at');
            expect(r.stderr).toContain(path.join(fixtures, "failing-program", "no-such-folder"));
        });

        it("2: an unknown stack, with the list of stacks", async () => {
            const e = await cliError(["--stack", "nope"]);
            expect(e.exitCode).toBe(2);
            expect(e.message).toContain('unknown stack "nope"');
            expect(e.message).toMatch(/stacks: .*dev/);
        });

        it("2: bad usage", async () => {
            expect((await cliError(["--stack", "dev", "--format", "yaml"])).exitCode).toBe(2);
            expect((await cliError(["--program", "x.ts"])).exitCode).toBe(2);
            expect((await cliError(["--bogus"])).exitCode).toBe(2);
        });

        it("2: a stack config with a YAML syntax error, naming the file and the flag", async () => {
            const bad = path.join(scratch, "Pulumi.broken.yaml");
            fs.writeFileSync(bad, "config:\n  fixture-app:queueName: [unclosed\n");
            const r = await planCli(["--program", path.join(fixture, "index.ts"), "--config", bad], root);
            expect(r.code).toBe(2);
            expect(r.stderr).toContain(`--config: ${bad}: not valid YAML`);
        });

        it("2: a --mocks module that does not exist, naming it and the flag", async () => {
            const r = await planCli(
                ["--program", path.join(fixtures, "no-config-program/index.ts"), "--mocks", "no/such/mocks.ts"],
                root,
            );
            expect(r.code).toBe(2);
            expect(r.stderr).toBe("--mocks no/such/mocks.ts: no such file\n");
        });

        it("2: an --out that cannot be written, naming it and the flag", async () => {
            const notADir = path.join(scratch, "a-file");
            fs.writeFileSync(notADir, "");
            const out = path.join(notADir, "plan.json");
            const r = await planCli(
                ["--program", path.join(fixtures, "no-config-program/index.ts"), "--out", out],
                root,
            );
            expect(r.code).toBe(2);
            expect(r.stderr).toMatch(
                new RegExp(`^--out ${out.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: cannot write the plan: `),
            );
        });
    });

    it("runs as `npm run plan`: a plan of more than 1 MB piped through cat is byte for byte the --out file; a failure after the plan printed exits 1", async () => {
        const program = path.join(fixtures, "big-program/index.ts");
        const outFile = path.join(scratch, "big.json");
        const env = { ...process.env, COMPUTE_LAYER_PLAN_KEY: "pipe-test-key" };
        const saved = process.env.COMPUTE_LAYER_PLAN_KEY;
        process.env.COMPUTE_LAYER_PLAN_KEY = "pipe-test-key";
        try {
            const r = await planCli(["--program", program, "--format", "json", "--out", outFile], root);
            expect(r.code, r.stderr).toBe(0);
        } finally {
            if (saved === undefined) delete process.env.COMPUTE_LAYER_PLAN_KEY;
            else process.env.COMPUTE_LAYER_PLAN_KEY = saved;
        }
        const expected = fs.readFileSync(outFile);
        expect(expected.length).toBeGreaterThan(1024 * 1024);
        // `set -o pipefail`: the plan's own exit code, not cat's.
        const piped = execFileSync(
            "bash",
            ["-o", "pipefail", "-c", `npm run -s plan -- --program ${JSON.stringify(program)} --format json | cat`],
            {
                cwd: root,
                env,
                maxBuffer: 64 * 1024 * 1024,
            },
        );
        expect(piped.length).toBe(expected.length);
        expect(piped.equals(expected)).toBe(true);
        // A failure that lands after the plan was printed, before the process would end: exit 1.
        const late = spawnSync(
            "npm",
            ["run", "-s", "plan", "--", "--program", path.join(fixtures, "failing-program/timer-after-plan.ts")],
            { cwd: root, encoding: "utf8" },
        );
        expect(late.stdout.split("\n")[0]).toBe("failing (stack dev)");
        expect(late.stderr).toContain("the program failed: the background job failed");
        expect(late.status).toBe(1);
    }, 60_000);
});
