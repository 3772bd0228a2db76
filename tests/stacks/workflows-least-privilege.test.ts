import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * Least privilege in the GitHub workflows (issue 12, item 7), read from the YAML as written:
 * permissions everywhere, actions pinned by commit, previews without deploy credentials, deploy
 * credentials only inside environments, staging and prod on the in-VPC runner, ts-node told to
 * transpile only. (GitHub's own parser checks the same files in tests/plan/workflows.test.ts.)
 */

const root = path.resolve(__dirname, "../..");
const dir = path.join(root, ".github/workflows");
const FILES = ["ci.yml", "deploy.yml", "preview.yml"] as const;

interface Step {
    id?: string;
    name?: string;
    run?: string;
    uses?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}
interface Job {
    "runs-on": string | string[];
    needs?: string | string[];
    environment?: string | { name: string };
    permissions?: Record<string, string> | string;
    steps: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions?: Record<string, string> | string;
    env?: Record<string, string>;
    jobs: Record<string, Job>;
}

/** A GitHub expression as the YAML writes it, `${{ <e> }}`. */
const expr = (e: string) => ["$", "{{ ", e, " }}"].join("");

const text = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");
const load = (name: string) => parse(text(name)) as Workflow;

/** The secrets a job's YAML refers to (`secrets.NAME`). */
function secretsOf(job: Job): string[] {
    return [
        ...new Set([...JSON.stringify(job).matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1])),
    ].sort();
}
const environmentOf = (job: Job) => (typeof job.environment === "string" ? job.environment : job.environment?.name);

/** What a deploy (or a write to the stacks) needs: never in a job outside an environment. */
const DEPLOY_SECRETS = ["PULUMI_ACCESS_TOKEN", "AWS_ROLE_TO_ASSUME", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

/**
 * The pinned actions and the release each commit is, read from the actions' repositories (the
 * commit a release tag points to). A new pin goes here with its version.
 */
const RELEASES: Record<string, Record<string, string>> = {
    "actions/checkout": { "11d5960a326750d5838078e36cf38b85af677262": "v4.4.0" },
    "actions/setup-node": { "49933ea5288caeca8642d1e84afbd3f7d6820020": "v4.4.0" },
    "actions/upload-artifact": { ea165f8d65b6e75b540449e92b4886f43607fa02: "v4.6.2" },
    "actions/github-script": { f28e40c7f34bde8b3046d885e986cb6290c5673b: "v7.1.0" },
    "aws-actions/configure-aws-credentials": { "7474bc4690e29a8392af63c5b98e7449536d5c3a": "v4.3.1" },
    "pulumi/actions": { "8582a9e8cc630786854029b4e09281acd6794b58": "v6.6.1" },
};

describe.each(FILES)("%s", (file) => {
    it("declares permissions for the workflow and for every job, and never write-all", () => {
        const wf = load(file);
        expect(wf.permissions, "workflow-level permissions").toBeDefined();
        for (const [id, job] of Object.entries(wf.jobs)) {
            expect(job.permissions, `${file}: job ${id} declares permissions`).toBeDefined();
            expect(job.permissions, id).not.toBe("write-all");
        }
        expect(wf.permissions).not.toBe("write-all");
    });

    it("asks for an OIDC token only in the jobs that assume an AWS role", () => {
        for (const [id, job] of Object.entries(load(file).jobs)) {
            const perms = typeof job.permissions === "object" ? job.permissions : {};
            const assumes = job.steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
            expect(perms["id-token"] === "write", `${file}: job ${id}`).toBe(assumes);
        }
    });

    it("pins every action to a full commit SHA with its release in a comment", () => {
        const uses = [...text(file).matchAll(/^\s*(?:-\s+)?uses:\s*(.+)$/gm)].map((m) => m[1].trim());
        expect(uses.length).toBeGreaterThan(0);
        for (const line of uses) {
            const m = /^([\w.-]+\/[\w.-]+)(?:\/[\w./-]+)?@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
            expect(m, `${file}: "${line}" is not owner/repo@<40-hex SHA> # vX.Y.Z`).not.toBeNull();
            if (!m) continue;
            const [, action, sha, version] = m;
            expect(RELEASES[action]?.[sha], `${file}: ${action}@${sha} is not a known release`).toBe(version);
        }
    });

    it("uses no long-lived AWS keys and never runs on pull_request_target", () => {
        expect(text(file)).not.toMatch(
            /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/,
        );
        expect(Object.keys(load(file).on)).not.toContain("pull_request_target");
    });

    it("checks out without leaving the token in the git config, where later steps could read it", () => {
        for (const [id, job] of Object.entries(load(file).jobs)) {
            for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
                expect(step.with?.["persist-credentials"], `${file}: job ${id}`).toBe(false);
            }
        }
    });
});

describe("preview.yml: a pull request's code gets no deploy credential", () => {
    const wf = load("preview.yml");

    it("no job runs in an environment, and no job can see a deploy secret", () => {
        for (const [id, job] of Object.entries(wf.jobs)) {
            expect(job.environment, id).toBeUndefined();
            for (const s of secretsOf(job))
                expect(["PULUMI_PREVIEW_TOKEN", "GITHUB_TOKEN"], `${id} uses secrets.${s}`).toContain(s);
            for (const s of DEPLOY_SECRETS) expect(secretsOf(job), id).not.toContain(s);
        }
    });

    it("the real preview assumes the read-only preview role and uses the preview Pulumi token", () => {
        const job = wf.jobs["pulumi-preview"];
        const aws = job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
        expect(aws?.with?.["role-to-assume"]).toBe(expr("vars.AWS_PREVIEW_ROLE_ARN"));
        const pulumi = job.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
        expect(pulumi?.with?.command).toBe("preview");
        expect(pulumi?.env?.PULUMI_ACCESS_TOKEN).toBe(expr("secrets.PULUMI_PREVIEW_TOKEN"));
        // Only pull requests: the OIDC subject is then `repo:<owner>/<repo>:pull_request`, the one the role trusts.
        expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    });

    it("the offline plan holds no secret at all", () => {
        expect(secretsOf(wf.jobs["offline-plan"])).toEqual([]);
        expect(wf.jobs["offline-plan"].permissions).toEqual({ contents: "read", "pull-requests": "write" });
    });
});

describe("deploy.yml: deploy credentials live only in the environments", () => {
    const wf = load("deploy.yml");

    it("every job that refers to a deploy secret runs in the environment of its stack", () => {
        const expected: Record<string, string> = {
            credentials: "dev",
            dev: "dev",
            staging: "staging",
            prod: "production",
        };
        for (const [id, job] of Object.entries(wf.jobs)) {
            const deploySecrets = secretsOf(job).filter((s) => DEPLOY_SECRETS.includes(s));
            if (deploySecrets.length === 0) continue;
            expect(environmentOf(job), `${id} uses ${deploySecrets.join(", ")}`).toBe(expected[id]);
        }
        expect(secretsOf(wf.jobs.test)).toEqual([]);
        for (const id of ["staging", "prod"]) {
            const aws = wf.jobs[id].steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
            expect(aws?.with?.["role-to-assume"], id).toBe(expr("secrets.AWS_ROLE_TO_ASSUME"));
        }
    });

    it("staging and prod run on the in-VPC runners labelled by a repository variable; dev and the tests on GitHub's", () => {
        // A runner in each VPC, with the shared label and its stack's: staging's can't reach prod's API.
        expect(wf.jobs.staging["runs-on"]).toEqual(["self-hosted", expr("vars.DEPLOY_RUNNER_LABEL"), "staging"]);
        expect(wf.jobs.prod["runs-on"]).toEqual(["self-hosted", expr("vars.DEPLOY_RUNNER_LABEL"), "prod"]);
        expect(wf.jobs.dev["runs-on"]).toBe("ubuntu-latest");
        expect(wf.jobs.test["runs-on"]).toBe("ubuntu-latest");
    });

    describe("the credentials check, run as it is written", () => {
        const script = wf.jobs.credentials.steps.find((s) => s.id === "check")?.run ?? "";
        const run = (env: Record<string, string>) => {
            const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cl-credentials-"));
            const output = path.join(scratch, "output");
            fs.writeFileSync(output, "");
            let code = 0;
            let stdout = "";
            try {
                stdout = execFileSync("bash", ["-e", "-c", script], {
                    env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...env },
                    encoding: "utf8",
                });
            } catch (e) {
                const err = e as { status: number; stdout: string };
                code = err.status;
                stdout = err.stdout;
            }
            const result = { code, stdout, output: fs.readFileSync(output, "utf8") };
            fs.rmSync(scratch, { recursive: true, force: true });
            return result;
        };
        const configured = {
            PULUMI_ACCESS_TOKEN: "pul-x",
            AWS_ROLE_TO_ASSUME: "arn:aws:iam::123456789012:role/deploy-dev",
        };

        it("nothing configured: skipped, green, with a notice", () => {
            const r = run({});
            expect(r).toMatchObject({ code: 0, output: "available=false\n" });
            expect(r.stdout).toContain("::notice::");
        });

        it("credentials but no runner label: fails, naming the variable", () => {
            const r = run(configured);
            expect(r.code).toBe(1);
            expect(r.stdout).toContain("DEPLOY_RUNNER_LABEL");
            expect(r.output).toBe("");
        });

        it("credentials and the runner label: deploys", () => {
            expect(run({ ...configured, DEPLOY_RUNNER_LABEL: "vpc-deployer" })).toMatchObject({
                code: 0,
                output: "available=true\n",
            });
        });
    });
});

describe("Pulumi's TypeScript loader in CI (issue 20)", () => {
    it.each(["preview.yml", "deploy.yml"])(
        "%s has ts-node transpile only: ci or the test job type-checked already",
        (file) => {
            expect(load(file).env?.PULUMI_NODEJS_TRANSPILE_ONLY).toBe("true");
        },
    );
});

describe("README, Deploying for real", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const start = readme.indexOf("### Deploying for real");
    const section = readme.slice(start, readme.indexOf("\n### ", start + 1));

    it("names every secret and variable the workflows read, in its numbered prerequisites", () => {
        expect(start).toBeGreaterThan(0);
        const names = new Set<string>();
        for (const file of FILES) {
            for (const m of text(file).matchAll(/\b(?:secrets|vars)\.([A-Z_][A-Z0-9_]*)/g))
                if (m[1] !== "GITHUB_TOKEN") names.add(m[1]);
        }
        expect(names.size).toBeGreaterThan(0);
        for (const n of names) expect(section, n).toContain(`\`${n}\``);
        // The roles, then the secrets and the environments, then the runners (which need the first up).
        const order = [
            "AWS_PREVIEW_ROLE_ARN",
            "AWS_ROLE_TO_ASSUME",
            "PULUMI_ACCESS_TOKEN",
            "**The environments**",
            "DEPLOY_RUNNER_LABEL",
        ];
        const at = order.map((n) => section.indexOf(n));
        for (const i of at) expect(i).toBeGreaterThan(0);
        expect([...at].sort((a, b) => a - b)).toEqual(at);
    });

    it("gives the preview role a trust policy that admits only the pull-request subject", () => {
        const block = /```json\n([\s\S]*?)```/.exec(section.slice(section.indexOf("preview role")))?.[1];
        expect(block).toBeDefined();
        const policy = JSON.parse(block ?? "{}") as {
            Statement: {
                Effect: string;
                Action: string;
                Principal: { Federated: string };
                Condition: Record<string, Record<string, unknown>>;
            }[];
        };
        expect(policy.Statement).toHaveLength(1);
        const [s] = policy.Statement;
        expect(s).toMatchObject({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity" });
        expect(s.Principal.Federated).toMatch(/:oidc-provider\/token\.actions\.githubusercontent\.com$/);
        expect(s.Condition.StringEquals).toEqual({
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": expect.stringMatching(/^repo:[^:*]+\/[^:*]+:pull_request$/),
        });
        // No wildcard subject anywhere (StringLike would let branches or environments in).
        expect(JSON.stringify(s.Condition)).not.toContain("*");
    });
});
