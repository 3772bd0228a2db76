import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderJson } from "../../src/plan/render";
import { type Plan, runPlan } from "../support";
import { planCli } from "../support/cli";
import { SHOP_PROGRAM, shopOptions, throughJson } from "./diff-helpers";
import { loadWorkflowParser, type WorkflowParser } from "./workflow-parser";

/**
 * The GitHub workflows, checked with GitHub's own parser (@actions/workflow-parser, the one
 * behind the Actions language service): schema, expressions, job graph. Plus what the parser
 * cannot know: every `npm run <script>` they call exists, and the jobs that need cloud
 * credentials are skipped cleanly without them.
 */

const root = path.resolve(__dirname, "../..");
const dir = path.join(root, ".github/workflows");
let parser: WorkflowParser;

beforeAll(async () => {
    parser = await loadWorkflowParser();
});

interface Step {
    name?: string;
    run?: string;
    uses?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}
interface Job {
    needs?: string | string[];
    if?: string;
    environment?: string | { name: string };
    strategy?: { matrix?: Record<string, unknown> };
    steps: Step[];
    permissions?: Record<string, string>;
}
interface Workflow {
    on: Record<string, unknown>;
    jobs: Record<string, Job>;
}

function load(name: string): Workflow {
    return parse(fs.readFileSync(path.join(dir, name), "utf8")) as Workflow;
}

async function parseWithGitHub(name: string): Promise<{ errors: string[]; jobs: string[] }> {
    const content = fs.readFileSync(path.join(dir, name), "utf8");
    const result = parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter());
    const errors = result.context.errors.getErrors().map((e) => e.message);
    if (errors.length > 0 || !result.value) return { errors, jobs: [] };
    const template = await parser.convertWorkflowTemplate(result.context, result.value);
    return {
        errors: [...errors, ...(template.errors ?? []).map((e) => e.Message)],
        jobs: template.jobs.map((j) => j.id.value),
    };
}

const scripts = (
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;

/** The npm scripts a workflow's run steps call: `npm run [-s] <name>`, `npm test`. */
function npmScripts(wf: Workflow): string[] {
    const found = new Set<string>();
    for (const job of Object.values(wf.jobs)) {
        for (const step of job.steps) {
            for (const m of (step.run ?? "").matchAll(/\bnpm\s+(?:run|run-script)\s+(?:-{1,2}[\w-]+\s+)*([\w:.-]+)/g))
                found.add(m[1]);
            for (const m of (step.run ?? "").matchAll(/\bnpm\s+(test|start|stop|restart)\b/g)) found.add(m[1]);
        }
    }
    return [...found].sort();
}

describe("the GitHub workflows", () => {
    const files = fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort();

    it("are preview, deploy and ci", () => {
        expect(files).toEqual(["ci.yml", "deploy.yml", "preview.yml"]);
    });

    it.each(["ci.yml", "deploy.yml", "preview.yml"])("%s passes GitHub's workflow parser", async (name) => {
        const { errors, jobs } = await parseWithGitHub(name);
        expect(errors).toEqual([]);
        expect(jobs.length).toBeGreaterThan(0);
    });

    it("the parser catches what would break them: secrets in a job-level if, an unknown job in needs", async () => {
        const preview = fs.readFileSync(path.join(dir, "preview.yml"), "utf8");
        const errorsOf = async (content: string) => {
            const result = parser.parseWorkflow({ name: "preview.yml", content }, new parser.NoOperationTraceWriter());
            const errors = result.context.errors.getErrors().map((e) => e.message);
            if (errors.length > 0 || !result.value) return errors;
            return ((await parser.convertWorkflowTemplate(result.context, result.value)).errors ?? []).map(
                (e) => e.Message,
            );
        };
        const gate = "if: needs.credentials.outputs.available == 'true'";
        expect(preview).toContain(gate);
        expect((await errorsOf(preview.replace(gate, "if: secrets.PULUMI_ACCESS_TOKEN != ''"))).join("\n")).toContain(
            "Unrecognized named-value: 'secrets'",
        );
        expect((await errorsOf(preview.replace("needs: credentials", "needs: nope"))).join("\n")).toContain(
            "depends on unknown job 'nope'",
        );
    });

    it.each(["ci.yml", "deploy.yml", "preview.yml"])("every npm script %s calls exists", (name) => {
        const used = npmScripts(load(name));
        for (const s of used) expect(Object.keys(scripts), `${name} runs npm script "${s}"`).toContain(s);
    });

    it("preview plans base and head for dev, staging and prod in one folder, diffs them and keeps one comment per environment", () => {
        const wf = load("preview.yml");
        expect(Object.keys(wf.on)).toEqual(["pull_request"]);
        const offline = wf.jobs["offline-plan"];
        expect(offline.strategy?.matrix?.stack).toEqual(["dev", "staging", "prod"]);
        const names = offline.steps.map((s) => s.name ?? s.uses);
        // The base first, so that the head's install is the one the diff runs with.
        expect(names.indexOf("Plan the base revision")).toBeLessThan(names.indexOf("Install"));
        expect(names.indexOf("Install")).toBeLessThan(names.indexOf("Plan the head revision"));
        const step = (name: string) => offline.steps.find((s) => s.name === name)?.run ?? "";
        const baseStep = step("Plan the base revision");
        expect(baseStep).toContain("base=$(git rev-parse HEAD^1)");
        expect(baseStep).toContain('git checkout -q --detach "$base"');
        expect(baseStep).toContain('npm run -s plan -- --stack "$STACK" --format json --out .plan/base.json');
        expect(baseStep.trim().split("\n").pop()?.trim()).toBe('git checkout -q --detach "$head"');
        expect(baseStep).not.toContain("worktree");
        expect(step("Plan the head revision")).toBe(
            'npm run -s plan -- --stack "$STACK" --format json --out .plan/head.json',
        );
        expect(step("Diff")).toContain(
            "npm run -s plan -- diff .plan/base.json .plan/head.json --format markdown --out .plan/diff.md",
        );
        const artifact = offline.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
        expect(artifact?.with).toMatchObject({ path: ".plan/", "include-hidden-files": true });
        const comment = offline.steps.find((s) => s.uses?.startsWith("actions/github-script@"));
        const script = String(comment?.with?.script ?? "");
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow script\'s own template literal
        expect(script).toContain("compute-layer-offline-plan:${process.env.STACK}");
        expect(script).toContain("updateComment");
        expect(script).toContain("createComment");
        expect(offline.permissions?.["pull-requests"]).toBe("write");
    });

    describe("preview's Diff step, run as it is written", () => {
        // The step's own shell, in a scratch folder whose `npm run plan` is this repo's CLI. One run
        // is a real subprocess end to end; the others run its shell lines in bash and its
        // `npm run -s plan -- …` lines in-process (the CLI's main with captured output).
        let head: Plan;
        const scratch: string[] = [];
        const diffStep = () => load("preview.yml").jobs["offline-plan"].steps.find((s) => s.name === "Diff")?.run ?? "";
        type StepResult = { code: number; stdout: string; stderr: string; summary: string; md: string; text: string };
        const bash = (script: string, cwd: string, env: NodeJS.ProcessEnv) =>
            new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
                execFile("bash", ["-e", "-c", script], { cwd, env: { ...process.env, ...env } }, (e, stdout, stderr) =>
                    resolve({ code: e ? (typeof e.code === "number" ? e.code : -1) : 0, stdout, stderr }),
                );
            });
        const runStep = async (base: string | undefined, mode: "process" | "in-process"): Promise<StepResult> => {
            const work = fs.mkdtempSync(path.join(os.tmpdir(), "preview-diff-"));
            scratch.push(work);
            fs.writeFileSync(
                path.join(work, "package.json"),
                JSON.stringify({
                    name: "scratch",
                    private: true,
                    scripts: { plan: `node ${JSON.stringify(path.join(root, "src/plan/run-cli.cjs"))}` },
                }),
            );
            fs.symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
            fs.mkdirSync(path.join(work, ".plan"));
            fs.writeFileSync(path.join(work, ".plan/head.json"), renderJson(head));
            if (base !== undefined) fs.writeFileSync(path.join(work, ".plan/base.json"), base);
            const summary = path.join(work, "summary.md");
            fs.writeFileSync(summary, "");
            const env = { STACK: "prod", GITHUB_STEP_SUMMARY: summary };
            const r = { code: 0, stdout: "", stderr: "" };
            if (mode === "process") Object.assign(r, await bash(diffStep(), work, env));
            else {
                // Shell segments in bash, `npm run -s plan -- <args>` lines in-process, in order.
                const npm = /^npm run -s plan -- (.*)$/;
                let segment: string[] = [];
                const flush = async () => {
                    if (segment.length === 0 || r.code !== 0) return;
                    const x = await bash(segment.join("\n"), work, env);
                    segment = [];
                    Object.assign(r, { code: x.code, stdout: r.stdout + x.stdout, stderr: r.stderr + x.stderr });
                };
                for (const line of diffStep().split("\n")) {
                    const m = npm.exec(line.trim());
                    if (!m) {
                        segment.push(line);
                        continue;
                    }
                    await flush();
                    if (r.code !== 0) break;
                    const x = await planCli(m[1].split(/\s+/), work);
                    Object.assign(r, { code: x.code, stdout: r.stdout + x.stdout, stderr: r.stderr + x.stderr });
                }
                await flush();
            }
            const read = (f: string) =>
                fs.existsSync(path.join(work, f)) ? fs.readFileSync(path.join(work, f), "utf8") : "";
            return { ...r, summary: read("summary.md"), md: read(".plan/diff.md"), text: read(".plan/diff.txt") };
        };

        beforeAll(async () => {
            head = throughJson(await runPlan(SHOP_PROGRAM, shopOptions()));
        });
        afterAll(() => {
            for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
        });

        it("diffs base and head into the summary, the markdown and the full text (a real subprocess)", async () => {
            const r = await runStep(
                renderJson({ ...head, resources: head.resources.filter((x) => x.name !== "web-thumbs") }),
                "process",
            );
            expect(r.code, r.stderr).toBe(0);
            expect(r.stdout).not.toContain("::warning::");
            expect(r.summary).toBe(r.md);
            expect(r.md.split("\n")[2]).toBe(
                `**2 to add, 0 to change, 0 to delete, ${head.resources.length - 2} unchanged**`,
            );
            expect(r.text).toContain('+ aws:lb/listenerRule:ListenerRule "web-thumbs"');
        }, 60_000);

        it("with no base plan, or one of another plan format, warns and shows every resource as added", async () => {
            for (const base of [undefined, JSON.stringify({ version: 0, project: "shop" })]) {
                const r = await runStep(base, "in-process");
                expect(r.code, r.stderr).toBe(0);
                expect(r.stdout).toContain(
                    "::warning::no plan of the base revision in this plan format for prod: the diff shows every resource as added",
                );
                expect(r.summary).toBe(r.md);
                expect(r.summary.split("\n")[2]).toBe(
                    `**${head.resources.length} to add, 0 to change, 0 to delete, 0 unchanged**`,
                );
            }
        });
    });

    it("preview runs the real pulumi preview with comment-on-pr only when the secrets exist", () => {
        const wf = load("preview.yml");
        const check = wf.jobs.credentials.steps[0];
        // The preview token (read-only): the deploy token lives only in the environments (issue 12).
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression
        expect(check.env?.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_PREVIEW_TOKEN }}");
        const real = wf.jobs["pulumi-preview"];
        expect(real.needs).toBe("credentials");
        expect(real.if).toBe("needs.credentials.outputs.available == 'true'");
        expect(real.strategy?.matrix?.stack).toEqual(["dev", "staging", "prod"]);
        const pulumi = real.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
        expect(pulumi?.with).toMatchObject({ command: "preview", diff: true, "comment-on-pr": true });
    });

    it("deploy runs pulumi up dev → staging → prod on main, prod in the production environment", () => {
        const wf = load("deploy.yml");
        expect(wf.on.push).toEqual({ branches: ["main"] });
        expect(wf.jobs.dev.needs).toEqual(["credentials", "test"]);
        expect(wf.jobs.dev.if).toBe("needs.credentials.outputs.available == 'true'");
        expect(wf.jobs.staging.needs).toBe("dev");
        expect(wf.jobs.prod.needs).toBe("staging");
        expect(wf.jobs.prod.environment).toEqual({ name: "production" });
        for (const [job, stack] of [
            ["dev", "dev"],
            ["staging", "staging"],
            ["prod", "prod"],
        ] as const) {
            const up = wf.jobs[job].steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
            expect(up?.with?.command, job).toBe("up");
            expect(String(up?.with?.["stack-name"]), job).toContain(`'${stack}'`);
        }
    });
});
