import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policies } from "../../policy/policies";
import { run as run_ } from "../../src/plan/bin";
import {
    type CheckReport,
    checkPlan,
    renderCheckMarkdown,
    renderCheckText,
    type Violation,
} from "../../src/plan/check";
import { COMMANDS } from "../../src/plan/cli";
import { diffPlans, renderDiffMarkdown } from "../../src/plan/diff";
import { renderJson } from "../../src/plan/render";
import { type Plan, runPlan } from "../support";

const root = path.resolve(__dirname, "../..");
let dir: string;
let planFile: string;
let cleanFile: string;
let plan: Plan;
let clean: Plan;

/** A launch template with IMDSv1 allowed beside a compliant one. */
beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-"));
    const secure = {
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }],
    };
    clean = await runPlan(() => new aws.ec2.LaunchTemplate("good", secure), { stack: "prod" });
    plan = await runPlan(
        () => {
            new aws.ec2.LaunchTemplate("good", secure);
            new aws.ec2.LaunchTemplate("legacy", {
                ...secure,
                metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 },
            });
            new aws.lambda.Function("fn", {
                role: "arn:aws:iam::1:role/r",
                runtime: "nodejs22.x",
                handler: "index.handler",
                s3Bucket: "b",
                s3Key: "k",
                tracingConfig: { mode: "Active" },
            });
        },
        { stack: "prod" },
    );
    planFile = path.join(dir, "plan.json");
    cleanFile = path.join(dir, "clean.json");
    fs.writeFileSync(planFile, renderJson(plan));
    fs.writeFileSync(cleanFile, renderJson(clean));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the command in-process through the CLI's command table, capturing what it prints. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await COMMANDS.check(argv, {
        cwd: root,
        stdout: (t) => {
            stdout += t;
        },
        stderr: (t) => {
            stderr += t;
        },
    });
    return { code, stdout, stderr };
}

const legacyUrn = () => plan.resources.find((r) => r.name === "legacy")!.urn;

describe("compute-layer check <plan.json>", () => {
    it("exits 4 on a launch template with httpTokens: optional and names its URN", async () => {
        const { code, stdout } = await run([planFile]);
        expect(code).toBe(4);
        expect(stdout).toContain("MANDATORY ec2-imdsv2-required  aws:ec2/launchTemplate:LaunchTemplate  legacy");
        expect(stdout).toContain(legacyUrn());
        expect(stdout).toMatch(
            new RegExp(
                `${policies.length} rules checked over 3 resources of compute-layer/prod: 1 mandatory, 1 advisory`,
            ),
        );
    });

    it("exits 0 with only advisory violations or none, and prints the counts", async () => {
        const { code, stdout } = await run([cleanFile]);
        expect(code).toBe(0);
        expect(stdout.trim()).toBe(
            `${policies.length} rules checked over 1 resources of compute-layer/prod: no violations`,
        );
        const advisoryOnly = await run([
            planFile,
            "--policy-config",
            writeConfig({ "ec2-imdsv2-required": "advisory" }),
        ]);
        expect(advisoryOnly.code).toBe(0);
    });

    it("--format json prints [{policy, enforcement, urn, type, name, message}] alone on stdout", async () => {
        const { code, stdout, stderr } = await run([planFile, "--format", "json"]);
        expect(code).toBe(4);
        const violations = JSON.parse(stdout) as Violation[];
        for (const v of violations)
            expect(Object.keys(v)).toEqual(["policy", "enforcement", "urn", "type", "name", "message"]);
        expect(violations[0]).toMatchObject({
            policy: "ec2-imdsv2-required",
            enforcement: "mandatory",
            urn: legacyUrn(),
            type: "aws:ec2/launchTemplate:LaunchTemplate",
            name: "legacy",
        });
        expect(violations.map((v) => v.policy)).toEqual(["ec2-imdsv2-required", "lambda-failure-destination"]);
        expect(stderr).toMatch(/1 mandatory, 1 advisory/);
    });

    it("--format markdown is a table; --out writes the file", async () => {
        const out = path.join(dir, "out", "check.md");
        const { code, stdout, stderr } = await run([planFile, "--format", "markdown", "--out", out]);
        expect(code).toBe(4);
        expect(stdout).toBe("");
        expect(stderr).toContain(`policy check written to ${out}`);
        const md = fs.readFileSync(out, "utf8");
        expect(md).toContain("### Policy check: `prod`");
        expect(md).toContain("| | Rule | Level | Resource | Violation |");
        expect(md).toContain(
            "|  | `ec2-imdsv2-required` | **mandatory** | `aws:ec2/launchTemplate:LaunchTemplate` `legacy` |",
        );
    });

    it("bad input exits 2 with a clear message", async () => {
        const bogus = path.join(dir, "bogus.json");
        fs.writeFileSync(bogus, "{ not json");
        const cases: [string[], RegExp][] = [
            [[], /check takes one plan file, or --stack/],
            [[planFile, cleanFile], /check takes one plan file/],
            [[planFile, "--format", "yaml"], /--format must be text, json or markdown \(got yaml\)/],
            [[path.join(dir, "missing.json")], /missing\.json/],
            [[bogus], /bogus\.json/],
            [[planFile, "--policy-config", bogus], /--policy-config .*bogus\.json/],
            [[planFile, "--stack", "prod"], /check takes one plan file, or --stack/],
            [["--nope"], /Unknown option '--nope'/],
        ];
        for (const [argv, message] of cases) {
            const { code, stderr } = await run(argv);
            expect(code, argv.join(" ")).toBe(2);
            expect(stderr).toMatch(message);
        }
    });

    it("the compute-layer bin lists check in its usage (its table is the CLI's COMMANDS, run above)", async () => {
        let stdout = "";
        expect(
            await run_(["--help"], {
                cwd: root,
                stdout: (t: string) => {
                    stdout += t;
                },
                stderr: () => undefined,
            }),
        ).toBe(0);
        expect(stdout).toContain("compute-layer check <plan.json>");
        expect(stdout).toContain("4 a mandatory policy violation");
    });
});

function writeConfig(config: object): string {
    const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}

describe("the adapter", () => {
    it("a rule sees inputs without unknowns; a stack rule also sees the mocks' identifying outputs", () => {
        let seen: Record<string, unknown> | undefined;
        let stackSeen: Record<string, unknown> | undefined;
        const report = checkPlan(plan, {
            policies: [
                {
                    name: "probe",
                    description: "d",
                    enforcementLevel: "advisory",
                    validateResource: (args) => {
                        if (args.name === "legacy") seen = args.props;
                    },
                },
                {
                    name: "stack-probe",
                    description: "d",
                    validateStack: (args) => {
                        stackSeen = args.resources.find((r) => r.name === "legacy")?.props;
                    },
                },
            ],
        });
        expect(report.violations).toEqual([]);
        expect(seen).toMatchObject({ metadataOptions: { httpTokens: "optional" } });
        expect(seen).not.toHaveProperty("arn");
        expect(stackSeen).toMatchObject({
            metadataOptions: { httpTokens: "optional" },
            id: expect.stringMatching(/^lt-/),
        });
    });

    it("notApplicable is not a violation; an asynchronous rule is refused", () => {
        const na = checkPlan(plan, {
            policies: [
                {
                    name: "na",
                    description: "d",
                    enforcementLevel: "mandatory",
                    validateResource: (args) => args.notApplicable("no"),
                },
            ],
        });
        expect(na.violations).toEqual([]);
        expect(() =>
            checkPlan(plan, {
                policies: [{ name: "async", description: "d", validateResource: async () => undefined }],
            }),
        ).toThrow(/validates asynchronously/);
    });

    it("the text report lists mandatory first, then advisory", () => {
        const text = renderCheckText(checkPlan(plan));
        expect(text.indexOf("MANDATORY")).toBeLessThan(text.indexOf("ADVISORY"));
        expect(renderCheckMarkdown(checkPlan(clean))).not.toContain("| Rule |");
    });
});

describe("plan diff markdown gains the head plan's violations, new ones first", () => {
    it("marks what the base did not have", () => {
        const base: CheckReport = checkPlan(clean);
        const head: CheckReport = checkPlan(plan);
        const md = renderDiffMarkdown(diffPlans(clean, plan), { violations: { head, base } });
        expect(md).toContain("#### Policy check");
        expect(md).toContain("(2 new)");
        expect(md).toMatch(/\| 🆕 \| `ec2-imdsv2-required` \| \*\*mandatory\*\* \|/);
        // The section sits under the summary, before the resource list.
        expect(md.indexOf("#### Policy check")).toBeLessThan(md.indexOf("**+ add**"));
        const again = renderDiffMarkdown(diffPlans(plan, plan), { violations: { head, base: head } });
        expect(again).toContain("(0 new)");
        expect(again).not.toContain("🆕");
    });
});
