import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { CliError, main } from "../../src/plan/cli";
import {
    compareValues,
    diffExitCode,
    diffPlans,
    diffValue,
    GITHUB_COMMENT_LIMIT,
    type InputChange,
    isStateful,
    type PlanDiff,
    PlanFileError,
    parsePlan,
    renderDiffMarkdown,
    renderDiffText,
} from "../../src/plan/diff";
import { diffCommand } from "../../src/plan/diff-cli";
import { renderMermaid } from "../../src/plan/mermaid";
import { renderJson } from "../../src/plan/render";
import { type Plan, runPlan } from "../support";
import { bodyLines, diffConfigChange, diffRuns, SHOP_PROGRAM, shopOptions, throughJson } from "./diff-helpers";

const HEADER = "shop (stack prod): base → head";
const options = shopOptions();
const config = options.config as Record<string, string>;
const oldImage = config["shop:apiImage"];
const newImage = oldImage.replace(/:1\.4\.0$/, ":1.5.0");

let base: Plan;
const headWith = async (change: Record<string, unknown>) =>
    throughJson(await runPlan(SHOP_PROGRAM, { ...options, config: { ...config, ...change } }));

beforeAll(async () => {
    base = throughJson(await runPlan(SHOP_PROGRAM, options));
});

describe("plan diff of the shop system", () => {
    it("an image tag change is that one resource and that one input", async () => {
        expect(newImage).not.toBe(oldImage);
        const diff = diffPlans(base, await headWith({ "shop:apiImage": newImage }));
        const text = renderDiffText(diff);
        expect(text.split("\n")).toEqual([
            HEADER,
            "",
            'shop:index:Service "api"',
            '  ~ aws:ecs/taskDefinition:TaskDefinition "api"',
            `      containerDefinitions[0].image: ${JSON.stringify(oldImage)} → ${JSON.stringify(newImage)}`,
            "",
            `0 to add, 1 to change, 0 to delete, ${base.resources.length - 1} unchanged`,
        ]);
    });

    it("a new listener rule is one addition under its component", async () => {
        const diff = diffPlans(base, await headWith({ "shop:adminRule": "true" }));
        expect(bodyLines(renderDiffText(diff))).toEqual([
            'shop:index:Edge "web"',
            '  + aws:lb/listenerRule:ListenerRule "web-admin"',
        ]);
        expect(diff).toMatchObject({ added: 1, changed: 0, deleted: 0, unchanged: base.resources.length });
    });

    it("a removed node group is one deletion, not marked stateful", async () => {
        const diff = diffPlans(base, await headWith({ "shop:nodeGroups": ["general"] }));
        expect(bodyLines(renderDiffText(diff))).toEqual([
            'shop:index:Platform "eks"',
            '  - aws:eks/nodeGroup:NodeGroup "shop-spot"',
        ]);
        expect(renderDiffText(diff).split("\n").pop()).toBe(
            `0 to add, 0 to change, 1 to delete, ${base.resources.length - 1} unchanged`,
        );
        expect(diffExitCode(diff, "delete")).toBe(3);
        expect(diffExitCode(diff, "stateful-delete")).toBe(0);
        expect(diffExitCode(diff, undefined)).toBe(0);
    });

    it("three changes at once, grouped by component in a stable order (helper: diffConfigChange)", async () => {
        const {
            diff,
            base: b,
            head: h,
        } = await diffConfigChange(SHOP_PROGRAM, options, {
            "shop:apiImage": newImage,
            "shop:adminRule": "true",
            "shop:nodeGroups": ["general"],
        });
        const expected = [
            'shop:index:Edge "web"',
            '  + aws:lb/listenerRule:ListenerRule "web-admin"',
            'shop:index:Platform "eks"',
            '  - aws:eks/nodeGroup:NodeGroup "shop-spot"',
            'shop:index:Service "api"',
            '  ~ aws:ecs/taskDefinition:TaskDefinition "api"',
            `      containerDefinitions[0].image: ${JSON.stringify(oldImage)} → ${JSON.stringify(newImage)}`,
        ];
        expect(bodyLines(renderDiffText(diff))).toEqual(expected);
        // The registration order of the plans does not matter.
        const shuffled = diffPlans(
            { ...b, resources: [...b.resources].reverse() },
            { ...h, resources: [...h.resources].reverse() },
        );
        expect(renderDiffText(shuffled)).toBe(renderDiffText(diff));
    });

    it("identical plans print no changes and pass every gate", () => {
        const diff = diffPlans(base, throughJson(base));
        expect(renderDiffText(diff)).toBe(`${HEADER}\n\nno changes (${base.resources.length} resources unchanged)`);
        expect(renderDiffMarkdown(diff)).toContain("**No changes**");
        expect(diffExitCode(diff, "delete")).toBe(0);
    });

    it("the markdown names the one resource and the one input, and embeds the head picture", async () => {
        const head = await headWith({ "shop:apiImage": newImage });
        const md = renderDiffMarkdown(diffPlans(base, head), { picture: renderMermaid(head) });
        const items = md.split("\n").filter((l) => /^\s*- /.test(l));
        expect(items).toEqual([
            "- **~ change** `aws:ecs/taskDefinition:TaskDefinition` `api`",
            `  - \`containerDefinitions[0].image\`: \`${JSON.stringify(oldImage)}\` → \`${JSON.stringify(newImage)}\``,
        ]);
        expect(md).toContain("#### `shop:index:Service` `api`");
        expect(md).toContain(`\`\`\`mermaid\n${renderMermaid(head)}\n\`\`\``);
        // The plan page's sample is this very comment.
        const readme = fs.readFileSync(path.resolve(__dirname, "../../src/plan/README.md"), "utf8");
        const ci = readme.slice(readme.indexOf("<!-- section:ci -->"), readme.indexOf("<!-- /section:ci -->"));
        expect(/````markdown\n([\s\S]*?)\n````/.exec(ci)?.[1]).toBe(md);
    });
});

describe("secrets in a diff", () => {
    const program = (password: string, token: string, mode: string, apiKey: pulumi.Input<string>) => () => {
        new aws.ssm.Parameter("db", { type: "SecureString", value: pulumi.secret(password), tags: { mode } });
        new aws.ssm.Parameter("api-key", { type: "SecureString", value: apiKey });
        // An unchanged secret: the function is not listed at all.
        new aws.lambda.Function("fn", {
            role: "arn:aws:iam::123456789012:role/fn",
            runtime: "nodejs20.x",
            handler: "index.handler",
            environment: { variables: { TOKEN: pulumi.secret(token) } },
        });
    };
    const opts = { project: "app", stack: "prod" };

    it("show as changed, never their values, in text, markdown and the plan files", async () => {
        const {
            diff,
            base: b,
            head: h,
        } = await diffRuns(
            { program: program("hunter2-base", "tok-unchanged", "a", "visible-old-key"), options: opts },
            {
                program: program("correct-horse-head", "tok-unchanged", "b", pulumi.secret("hidden-new-key")),
                options: opts,
            },
        );
        const text = renderDiffText(diff);
        expect(bodyLines(text)).toEqual([
            "(stack) app-prod",
            '  ~ aws:ssm/parameter:Parameter "api-key"',
            "      value: [secret] changed",
            '  ~ aws:ssm/parameter:Parameter "db"',
            '      tags.mode: "a" → "b"',
            "      value: [secret] changed",
        ]);
        const everything = [
            text,
            renderDiffMarkdown(diff, { picture: renderMermaid(h) }),
            renderJson(b),
            renderJson(h),
        ].join("\n");
        for (const value of [
            "hunter2-base",
            "correct-horse-head",
            "tok-unchanged",
            "visible-old-key",
            "hidden-new-key",
        ]) {
            expect(everything).not.toContain(value);
        }
        // The changed secret inputs carry no value at all.
        const secretChanges = diff.groups
            .flatMap((g) => g.changes)
            .flatMap((c) => c.changes)
            .filter((c) => c.secret);
        expect(secretChanges).toEqual([
            { path: "value", secret: true },
            { path: "value", secret: true },
        ]);
    });
});

describe("stateful deletions, protect and retainOnDelete", () => {
    const program = (keep: boolean) => () => {
        new aws.ec2.SecurityGroup("sg", { description: "stays" });
        if (keep) {
            new aws.lb.LoadBalancer("edge", { loadBalancerType: "application" });
            new aws.cloudwatch.LogGroup("audit", { retentionInDays: 365 });
            new aws.cloudwatch.LogGroup("kept", { retentionInDays: 7 }, { retainOnDelete: true });
            new aws.sqs.Queue("jobs", {});
            new aws.dynamodb.Table(
                "orders",
                { hashKey: "id", attributes: [{ name: "id", type: "S" }] },
                { protect: true },
            );
            new aws.kms.Key("data", {});
            new aws.ecs.Cluster("main", {});
            new aws.eks.NodeGroup("spot", {
                clusterName: "c",
                nodeRoleArn: "arn:aws:iam::123456789012:role/n",
                subnetIds: ["subnet-1"],
                scalingConfig: { minSize: 1, maxSize: 2, desiredSize: 1 },
            });
        }
    };

    it("marks the deletion of load balancers, log groups, queues, tables, clusters and KMS keys", async () => {
        const { diff } = await diffRuns(
            { program: program(true), options: { project: "p", stack: "s" } },
            { program: program(false), options: { project: "p", stack: "s" } },
        );
        const stateful = "  [stateful: its data goes with it]";
        expect(bodyLines(renderDiffText(diff))).toEqual([
            "(stack) p-s",
            `  - aws:cloudwatch/logGroup:LogGroup "audit"${stateful}`,
            '  - aws:cloudwatch/logGroup:LogGroup "kept"  [retainOnDelete: stays in AWS, no longer managed]',
            `  - aws:dynamodb/table:Table "orders"  [stateful: its data goes with it; protected: pulumi up will refuse to delete it]`,
            `  - aws:ecs/cluster:Cluster "main"${stateful}`,
            '  - aws:eks/nodeGroup:NodeGroup "spot"',
            `  - aws:kms/key:Key "data"${stateful}`,
            `  - aws:lb/loadBalancer:LoadBalancer "edge"${stateful}`,
            `  - aws:sqs/queue:Queue "jobs"${stateful}`,
        ]);
        expect(renderDiffText(diff).split("\n").pop()).toBe(
            "0 to add, 0 to change, 8 to delete (6 stateful), 1 unchanged",
        );
        expect(diffExitCode(diff, "stateful-delete")).toBe(3);
        expect(renderDiffMarkdown(diff)).toContain(
            "- **- delete** `aws:sqs/queue:Queue` `jobs` — ⚠️ stateful: its data goes with it",
        );
    });

    it("knows the stateful types by token", () => {
        for (const t of [
            "aws:lb/loadBalancer:LoadBalancer",
            "aws:cloudwatch/logGroup:LogGroup",
            "aws:sqs/queue:Queue",
            "aws:dynamodb/table:Table",
            "aws:eks/cluster:Cluster",
            "aws:ecs/cluster:Cluster",
            "aws:kms/key:Key",
        ]) {
            expect(isStateful(t), t).toBe(true);
        }
        for (const t of [
            "aws:eks/nodeGroup:NodeGroup",
            "aws:ecs/service:Service",
            "aws:lambda/function:Function",
            "aws:autoscaling/group:Group",
            "aws:lb/listenerRule:ListenerRule",
        ]) {
            expect(isStateful(t), t).toBe(false);
        }
    });

    it("shows option changes that matter to pulumi up, not dependsOn", async () => {
        const program2 = (ignore: boolean) => () => {
            const sg = new aws.ec2.SecurityGroup("sg", { description: "x" });
            new aws.ec2.SecurityGroup(
                "other",
                { description: "y" },
                { ignoreChanges: ignore ? ["tags"] : [], dependsOn: ignore ? [sg] : [] },
            );
        };
        const { diff } = await diffRuns(
            { program: program2(false), options: {} },
            { program: program2(true), options: {} },
        );
        expect(bodyLines(renderDiffText(diff))).toEqual([
            "(stack) compute-layer-dev",
            '  ~ aws:ec2/securityGroup:SecurityGroup "other"',
            '      options.ignoreChanges: (not set) → ["tags"]',
        ]);
    });
});

describe("a comment GitHub takes", () => {
    // 300 security groups whose owner changes: each is one resource and two inputs, ~200 characters.
    const program = (owner: string) => () => {
        for (let i = 0; i < 300; i++) {
            new aws.ec2.SecurityGroup(`sg-${String(i).padStart(3, "0")}`, {
                description: "one of many",
                tags: { owner, costCenter: `${owner}-cc`, team: `team-${i}` },
            });
        }
    };
    let diff: PlanDiff;
    let picture: string;

    beforeAll(async () => {
        const runs = await diffRuns(
            { program: program("platform-team-before"), options: {} },
            { program: program("platform-team-after"), options: {} },
        );
        diff = runs.diff;
        picture = renderMermaid(base);
    });

    it("is whole when there is room: every resource and the picture", () => {
        const md = renderDiffMarkdown(diff, { picture, maxChars: 1_000_000 });
        expect(md.split("\n").filter((l) => l.startsWith("- **~ change**"))).toHaveLength(300);
        expect(md).toContain("```mermaid");
    });

    it("drops the picture first, then the resources at the end, and says how many are not shown", () => {
        const items = (md: string) => md.split("\n").filter((l) => l.startsWith("- **~ change**"));
        const full = renderDiffMarkdown(diff, { picture, maxChars: 1_000_000 });
        // Room for every change and a line about the picture, but not the picture.
        expect(picture.length).toBeGreaterThan(1000);
        const withoutPicture = full.length - picture.length + 200;
        const noPicture = renderDiffMarkdown(diff, { picture, maxChars: withoutPicture });
        expect(items(noPicture)).toHaveLength(300);
        expect(noPicture).not.toContain("```mermaid");
        expect(noPicture).toContain(
            "The picture is left out: the comment would be too long with it; run `plan --format mermaid` to see it.",
        );
        expect(noPicture.length).toBeLessThanOrEqual(withoutPicture);

        // The default: within GitHub's limit, the summary kept, the first resources in order, a count of the rest.
        const md = renderDiffMarkdown(diff, { picture });
        expect(md.length).toBeLessThanOrEqual(60_000);
        expect(md.length + 100).toBeLessThan(GITHUB_COMMENT_LIMIT);
        expect(md.split("\n")[2]).toBe("**0 to add, 300 to change, 0 to delete, 0 unchanged**");
        const shown = items(md);
        expect(shown.length).toBeGreaterThan(50);
        expect(shown.length).toBeLessThan(300);
        expect(shown).toEqual(items(full).slice(0, shown.length));
        expect(md).toContain(
            `_… and ${300 - shown.length} more resources, not shown to keep this comment within GitHub's limit of 65,536 characters: \`plan diff --format text\` lists them all._`,
        );
        // Every shown resource keeps its changed input.
        expect(md.split("\n").filter((l) => l.startsWith("  - `tags.owner`"))).toHaveLength(shown.length);
        expect(md.split("\n").pop()).toMatch(/^<sub>compute-layer offline plan/);
    });

    it("keeps the summary even when not one resource fits", () => {
        const md = renderDiffMarkdown(diff, { maxChars: 500 });
        expect(md).toContain("**0 to add, 300 to change, 0 to delete, 0 unchanged**");
        expect(md).toContain("_… and 300 more resources");
        expect(md).not.toContain("- **~ change**");
    });
});

describe("comparing values", () => {
    const changes = (a: Record<string, unknown>, b: Record<string, unknown>): InputChange[] => {
        const out: InputChange[] = [];
        compareValues(a as never, b as never, "", out);
        return out;
    };

    it("looks inside JSON documents held in strings, quotes non-identifier keys, treats null as not set", () => {
        expect(
            changes(
                { policy: JSON.stringify({ Statement: [{ Action: "s3:GetObject" }] }) },
                { policy: JSON.stringify({ Statement: [{ Action: "s3:PutObject" }] }) },
            ),
        ).toEqual([
            { path: "policy.Statement[0].Action", before: "s3:GetObject", after: "s3:PutObject", secret: false },
        ]);
        expect(
            changes(
                { metadata: { labels: { "app.kubernetes.io/name": "a" } } },
                { metadata: { labels: { "app.kubernetes.io/name": "b" } } },
            )[0].path,
        ).toBe('metadata.labels["app.kubernetes.io/name"]');
        expect(changes({ a: null }, {})).toEqual([]);
        expect(changes({ list: [1, 2] }, { list: [1, 2, 3] })).toEqual([
            { path: "list[2]", before: undefined, after: 3, secret: false },
        ]);
    });

    it("keeps the difference of a long value in view", () => {
        const a = `${"x".repeat(200)}:1.4.0${"y".repeat(200)}`;
        const b = `${"x".repeat(200)}:1.5.0${"y".repeat(200)}`;
        expect(diffValue(a, b)).toContain(":1.4.0");
        expect(diffValue(b, a)).toContain(":1.5.0");
        expect(diffValue(a, b).length).toBeLessThanOrEqual(122);
        expect(diffValue({ $secret: "sha256:0000000000000000" })).toBe("[secret]");
    });
});

describe("plan diff on the command line", () => {
    let dir: string;
    let basePath: string;
    let headPath: string;
    const write = (name: string, text: string): string => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };
    const cliError = (argv: string[]): CliError => {
        try {
            diffCommand(argv);
        } catch (e) {
            if (e instanceof CliError) return e;
            throw e;
        }
        throw new Error("expected the command to fail");
    };

    beforeAll(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-"));
        basePath = write("base.json", renderJson(base));
        headPath = write("head.json", renderJson(await headWith({ "shop:nodeGroups": ["general"] })));
    });

    it("exits 3 with --fail-on delete when something would be deleted, 0 otherwise", async () => {
        const out = path.join(dir, "out.txt");
        expect(await main(["diff", basePath, headPath, "--fail-on", "delete", "--out", out])).toBe(3);
        expect(fs.readFileSync(out, "utf8")).toContain('- aws:eks/nodeGroup:NodeGroup "shop-spot"');
        expect(await main(["diff", basePath, headPath, "--out", out])).toBe(0);
        expect(await main(["diff", basePath, headPath, "--fail-on", "stateful-delete", "--out", out])).toBe(0);
        expect(await main(["diff", basePath, basePath, "--fail-on", "delete", "--out", out])).toBe(0);
        expect(fs.readFileSync(out, "utf8")).toContain("no changes");
        expect(await main(["diff", headPath, basePath, "--fail-on", "delete", "--out", out])).toBe(0);
    });

    it("writes markdown with --format markdown", () => {
        const { text, exitCode } = diffCommand([basePath, headPath, "--format", "markdown"]);
        expect(exitCode).toBe(0);
        expect(text.split("\n")[0]).toBe("### Offline plan: `prod`");
        expect(text).toContain("```mermaid\nflowchart LR");
    });

    it("rejects files that are not plans, with the file named and exit code 2", () => {
        const cases: [string, string][] = [
            [write("garbage.json", "{ not json"), "not a plan JSON file"],
            [write("array.json", "[]"), "not a plan JSON file"],
            [
                write("v2.json", JSON.stringify({ ...base, version: 2 })),
                "plan format version 2; this compute-layer reads version 1",
            ],
            [write("package.json", JSON.stringify({ name: "shop", version: "1.0.0" })), "not a plan JSON file"],
            [write("noversion.json", JSON.stringify({ ...base, version: undefined })), "plan format version null"],
            [write("noresources.json", JSON.stringify({ ...base, resources: undefined })), "resources"],
            [
                write("badresource.json", JSON.stringify({ ...base, resources: [{ urn: "u", type: "t", name: "n" }] })),
                "resources[0].custom",
            ],
            [path.join(dir, "missing.json"), "cannot read it (ENOENT)"],
        ];
        for (const [file, message] of cases) {
            const e = cliError([file, headPath]);
            expect(e.exitCode, file).toBe(2);
            expect(e.message, file).toContain(file);
            expect(e.message, file).toContain(message);
        }
    });

    it("rejects plans of different projects or stacks, and bad usage, with exit code 2", () => {
        const other = write("other.json", renderJson({ ...base, project: "elsewhere" }));
        expect(cliError([basePath, other]).message).toBe(
            'the plans are of different projects: "shop" (base) and "elsewhere" (head)',
        );
        const staging = write("staging.json", renderJson({ ...base, stack: "staging" }));
        expect(cliError([basePath, staging]).message).toContain('different stacks: "prod" (base) and "staging" (head)');
        expect(cliError([basePath]).exitCode).toBe(2);
        expect(cliError([basePath, headPath, "--format", "html"]).message).toContain(
            "--format must be text or markdown",
        );
        expect(cliError([basePath, headPath, "--fail-on", "change"]).message).toContain(
            "--fail-on must be delete or stateful-delete",
        );
    });

    it("parsePlan refuses a duplicated URN", () => {
        const dup = JSON.stringify({ ...base, resources: [base.resources[0], base.resources[0]] });
        expect(() => parsePlan(dup, "dup.json")).toThrow(PlanFileError);
        expect(() => parsePlan(dup, "dup.json")).toThrow(/appears twice/);
    });
});
