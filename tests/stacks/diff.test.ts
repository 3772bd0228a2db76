import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffExitCode, diffPlans, renderDiffMarkdown, renderDiffText } from "../../src/plan/diff";
import { renderMermaid } from "../../src/plan/mermaid";
import { bodyLines, optionsFromStackFile, throughJson } from "../plan/diff-helpers";
import { type Plan, runPlan } from "../support";

/** Diffs of two real plans of the prod stack, each with one change to its Pulumi.prod.yaml. */

const root = path.resolve(__dirname, "../..");
const program = path.join(root, "stacks/index.ts");
const options = optionsFromStackFile(path.join(root, "stacks/Pulumi.prod.yaml"), "compute-layer", "prod");
const config = options.config as Record<string, string>;
const api = JSON.parse(config["compute-layer:api"]) as { image: string };
const eks = JSON.parse(config["compute-layer:eks"]) as Record<string, unknown>;
const newImage = api.image.replace(/:[^:]+$/, ":1.28");

let base: Plan;
const headWith = async (change: Record<string, unknown>) =>
    throughJson(
        await runPlan(program, {
            ...options,
            config: {
                ...config,
                ...Object.fromEntries(Object.entries(change).map(([k, v]) => [k, JSON.stringify(v)])),
            },
        }),
    );

beforeAll(async () => {
    base = throughJson(await runPlan(program, options));
});

describe("plan diff of the prod stack", () => {
    it("the api image tag: that one resource and that one input", async () => {
        expect(newImage).not.toBe(api.image);
        const head = await headWith({ "compute-layer:api": { ...api, image: newImage } });
        const diff = diffPlans(base, head);
        expect(bodyLines(renderDiffText(diff))).toEqual([
            'compute-layer:index:EcsService "api"',
            '  ~ aws:ecs/taskDefinition:TaskDefinition "api-task"',
            `      containerDefinitions[0].image: ${JSON.stringify(api.image)} → ${JSON.stringify(newImage)}`,
        ]);
        expect(renderDiffText(diff).split("\n").pop()).toBe(
            `0 to add, 1 to change, 0 to delete, ${base.resources.length - 1} unchanged`,
        );
        // The pull-request comment names that one resource and that one input, and nothing else.
        const md = renderDiffMarkdown(diff, { picture: renderMermaid(head) });
        expect(md.split("\n").filter((l) => /^\s*- /.test(l))).toEqual([
            "- **~ change** `aws:ecs/taskDefinition:TaskDefinition` `api-task`",
            `  - \`containerDefinitions[0].image\`: \`${JSON.stringify(api.image)}\` → \`${JSON.stringify(newImage)}\``,
        ]);
        expect(md.split("\n").filter((l) => l.startsWith("#### "))).toEqual([
            "#### `compute-layer:index:EcsService` `api`",
        ]);
    });

    it("a new listener rule (a blocked path): one addition under the ALB, no other rule renamed", async () => {
        const diff = diffPlans(base, await headWith({ "compute-layer:blockedPaths": ["/.env"] }));
        expect(bodyLines(renderDiffText(diff))).toEqual([
            'compute-layer:index:ApplicationLoadBalancer "web"',
            '  + aws:lb/listenerRule:ListenerRule "web-rule-10"',
        ]);
        expect(diff).toMatchObject({ added: 1, changed: 0, deleted: 0 });
    });

    it("a removed node group: the group and its own role, policy attachments and launch template are deleted", async () => {
        const { spot: _spot, ...withoutSpot } = eks;
        const diff = diffPlans(base, await headWith({ "compute-layer:eks": withoutSpot }));
        // Everything the component made for that node group, in the diff's order (type, then name).
        const gone = base.resources
            .filter((r) => r.name === "platform-ng-spot" || r.name.startsWith("platform-ng-spot-"))
            .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name))
            .map((r) => `  - ${r.type} "${r.name}"`);
        expect(gone).toContain('  - aws:eks/nodeGroup:NodeGroup "platform-ng-spot"');
        expect(bodyLines(renderDiffText(diff))).toEqual(['compute-layer:index:EksCluster "platform"', ...gone]);
        expect(diffExitCode(diff, "delete")).toBe(3);
        expect(diffExitCode(diff, undefined)).toBe(0);
    });
});
