import { joinPath } from "../core/validation";
import { type CheckReport, renderViolationsMarkdown } from "./check";
import { PlanFileError } from "./plan-file";
import { isSecretMarker, type Plan, type PlannedResource, type PlanValue } from "./types";

// Reading plan files has its own module (the cost and check commands read them without the diff).
export { PlanFileError, parsePlan, readPlanFile } from "./plan-file";

/**
 * `plan diff`: compares two offline plans (from `plan --format json`) resource by resource.
 * Resources are matched by URN; a changed resource lists each changed input path with its old
 * and new value, secrets only as changed (their digests differ), never their values.
 */

/**
 * Resource types whose deletion loses data or an identity other things point at: load
 * balancers (their DNS name), log groups, queues, tables, clusters (and what runs in them),
 * KMS keys (and everything encrypted with them), buckets, file systems, volumes, registries,
 * secrets, and Kubernetes namespaces and volume claims. A deletion of one of these is marked.
 *
 * Node groups, Auto Scaling groups, services and functions are not here: they hold no data and
 * come back the same when recreated (their deletion is still a deletion for `--fail-on delete`).
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:alb/loadBalancer:LoadBalancer",
    "aws:elb/loadBalancer:LoadBalancer",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:sqs/queue:Queue",
    "aws:dynamodb/table:Table",
    "aws:dynamodb/globalTable:GlobalTable",
    "aws:ecs/cluster:Cluster",
    "aws:eks/cluster:Cluster",
    "eks:index:Cluster",
    "aws:rds/cluster:Cluster",
    "aws:rds/instance:Instance",
    "aws:docdb/cluster:Cluster",
    "aws:elasticache/cluster:Cluster",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:msk/cluster:Cluster",
    "aws:redshift/cluster:Cluster",
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:efs/fileSystem:FileSystem",
    "aws:ebs/volume:Volume",
    "aws:ecr/repository:Repository",
    "aws:secretsmanager/secret:Secret",
    "aws:kinesis/stream:Stream",
    "kubernetes:core/v1:Namespace",
    "kubernetes:core/v1:PersistentVolumeClaim",
]);

/** True when deleting a resource of this type loses data or an identity (see {@link STATEFUL_TYPES}). */
export function isStateful(type: string): boolean {
    return STATEFUL_TYPES.has(type);
}

/** One changed input (or option) of a resource. */
export interface InputChange {
    /** The path from the inputs' root: `containerDefinitions[0].image`; options as `options.protect`. */
    path: string;
    /** The old value; `undefined` when the input was not set. A secret is never kept here. */
    before?: PlanValue;
    /** The new value; `undefined` when the input is no longer set. A secret is never kept here. */
    after?: PlanValue;
    /** True when either side is secret: then `before`/`after` are left out. */
    secret: boolean;
}

/** The component a change is shown under. */
export interface ComponentRef {
    /** Its URN; the root stack's for resources at the top level. */
    urn: string;
    type: string;
    name: string;
}

/** What happens to one resource. */
export interface ResourceChange {
    op: "add" | "delete" | "change";
    urn: string;
    type: string;
    name: string;
    /** The changed inputs and options, for `change`; empty otherwise. */
    changes: InputChange[];
    /** A deletion of a {@link isStateful stateful} resource that is not `retainOnDelete`. */
    stateful: boolean;
    /** The resource is `protect`ed in the base: `pulumi up` will refuse to delete it. */
    protected: boolean;
    /** The resource is `retainOnDelete` in the base: deleting it leaves it in the cloud. */
    retained: boolean;
}

/** The changes under one component. */
export interface DiffGroup {
    component: ComponentRef;
    changes: ResourceChange[];
}

/** The difference between two plans of one project and stack. */
export interface PlanDiff {
    project: string;
    stack: string;
    /** By component, in a stable order (component URN, then type and name). */
    groups: DiffGroup[];
    added: number;
    changed: number;
    deleted: number;
    /** Deletions of stateful resources (a subset of `deleted`). */
    statefulDeleted: number;
    unchanged: number;
    /**
     * False when the two plans' secret digests were made with different keys (`secretKeyId`):
     * then a secret's change cannot be seen, and secrets are not compared.
     */
    secretsCompared: boolean;
}

/** The options whose change matters to `pulumi up` (dependsOn only orders operations). */
const DIFFED_OPTIONS = [
    "protect",
    "retainOnDelete",
    "deleteBeforeReplace",
    "ignoreChanges",
    "replaceOnChanges",
    "additionalSecretOutputs",
    "provider",
] as const;

function isPlainObject(v: PlanValue | undefined): v is { [key: string]: PlanValue } {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !isSecretMarker(v);
}

/** Object keys that are not identifiers are written `["key"]` so the path stays unambiguous. */
function keySegment(key: string): string {
    return /^[A-Za-z_$][\w$-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/** A string input that holds a JSON document (container definitions, policies) is compared inside. */
function embeddedJson(v: PlanValue | undefined): PlanValue | undefined {
    if (typeof v !== "string" || !/^\s*[[{]/.test(v)) return undefined;
    try {
        return JSON.parse(v) as PlanValue;
    } catch {
        return undefined;
    }
}

function isAbsent(v: PlanValue | undefined): boolean {
    return v === undefined || v === null;
}

/** Appends every difference between `a` and `b` below `path` to `out`. */
export function compareValues(
    a: PlanValue | undefined,
    b: PlanValue | undefined,
    path: string,
    out: InputChange[],
): void {
    if (isAbsent(a) && isAbsent(b)) return;
    if (isSecretMarker(a) || isSecretMarker(b)) {
        if (isSecretMarker(a) && isSecretMarker(b) && a.$secret === b.$secret) return;
        out.push({ path, secret: true });
        return;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        for (const k of keys) compareValues(a[k], b[k], joinPath(path, keySegment(k)), out);
        return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        for (let i = 0; i < Math.max(a.length, b.length); i++) compareValues(a[i], b[i], joinPath(path, i), out);
        return;
    }
    if (typeof a === "string" && typeof b === "string") {
        if (a === b) return;
        const ja = embeddedJson(a);
        const jb = embeddedJson(b);
        if (ja !== undefined && jb !== undefined) {
            compareValues(ja, jb, path, out);
            return;
        }
    }
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    out.push({
        path,
        before: containsSecret(a) ? undefined : a,
        after: containsSecret(b) ? undefined : b,
        secret: containsSecret(a) || containsSecret(b),
    });
}

function containsSecret(v: PlanValue | undefined): boolean {
    if (isSecretMarker(v)) return true;
    if (Array.isArray(v)) return v.some(containsSecret);
    if (isPlainObject(v)) return Object.values(v).some(containsSecret);
    return false;
}

/** The changed inputs and options of one resource between two plans. */
export function resourceChanges(before: PlannedResource, after: PlannedResource): InputChange[] {
    const out: InputChange[] = [];
    compareValues(before.inputs, after.inputs, "", out);
    for (const key of DIFFED_OPTIONS) {
        const a = before.options[key] as PlanValue | undefined;
        const b = after.options[key] as PlanValue | undefined;
        compareValues(a === false ? undefined : a, b === false ? undefined : b, `options.${key}`, out);
    }
    return out;
}

/** The nearest component (custom=false) above a resource; undefined at the top level. */
export function nearestComponent(
    byUrn: ReadonlyMap<string, PlannedResource>,
    r: PlannedResource | undefined,
): PlannedResource | undefined {
    let cur = r?.parent ? byUrn.get(r.parent) : undefined;
    while (cur?.custom) cur = cur.parent ? byUrn.get(cur.parent) : undefined;
    return cur;
}

/** The nearest component above a resource, or the root stack. */
function componentOf(plan: Plan, byUrn: Map<string, PlannedResource>, r: PlannedResource): ComponentRef {
    const cur = nearestComponent(byUrn, r);
    if (cur) return { urn: cur.urn, type: cur.type, name: cur.name };
    return { urn: plan.rootUrn, type: "pulumi:pulumi:Stack", name: `${plan.project}-${plan.stack}` };
}

/**
 * Compares two plans of the same project and stack. Throws {@link PlanFileError} when they are
 * of different projects or stacks (their URNs could never match).
 */
export function diffPlans(base: Plan, head: Plan): PlanDiff {
    if (base.project !== head.project)
        throw new PlanFileError(
            `the plans are of different projects: "${base.project}" (base) and "${head.project}" (head)`,
        );
    if (base.stack !== head.stack)
        throw new PlanFileError(
            `the plans are of different stacks: "${base.stack}" (base) and "${head.stack}" (head); diff two plans of one stack`,
        );
    const secretsCompared = base.secretKeyId === head.secretKeyId;
    if (!secretsCompared) {
        base = blindSecrets(base);
        head = blindSecrets(head);
    }
    const baseBy = new Map(base.resources.map((r) => [r.urn, r]));
    const headBy = new Map(head.resources.map((r) => [r.urn, r]));
    const groups = new Map<string, DiffGroup>();
    const put = (component: ComponentRef, change: ResourceChange) => {
        const g = groups.get(component.urn) ?? { component, changes: [] };
        g.changes.push(change);
        groups.set(component.urn, g);
    };
    let unchanged = 0;
    const flags = { stateful: false, protected: false, retained: false };
    for (const r of head.resources) {
        const old = baseBy.get(r.urn);
        if (!old) {
            put(componentOf(head, headBy, r), {
                op: "add",
                urn: r.urn,
                type: r.type,
                name: r.name,
                changes: [],
                ...flags,
            });
            continue;
        }
        const changes = resourceChanges(old, r);
        if (changes.length === 0) unchanged++;
        else
            put(componentOf(head, headBy, r), {
                op: "change",
                urn: r.urn,
                type: r.type,
                name: r.name,
                changes,
                ...flags,
            });
    }
    for (const r of base.resources) {
        if (headBy.has(r.urn)) continue;
        const retained = r.options.retainOnDelete === true;
        put(componentOf(base, baseBy, r), {
            op: "delete",
            urn: r.urn,
            type: r.type,
            name: r.name,
            changes: [],
            stateful: isStateful(r.type) && !retained,
            protected: r.options.protect === true,
            retained,
        });
    }
    const sorted = [...groups.values()].sort((a, b) =>
        rootFirst(a.component.urn, b.component.urn, base.rootUrn || head.rootUrn),
    );
    for (const g of sorted) g.changes.sort((a, b) => cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.urn, b.urn));
    const all = sorted.flatMap((g) => g.changes);
    return {
        project: head.project,
        stack: head.stack,
        groups: sorted,
        added: all.filter((c) => c.op === "add").length,
        changed: all.filter((c) => c.op === "change").length,
        deleted: all.filter((c) => c.op === "delete").length,
        statefulDeleted: all.filter((c) => c.stateful).length,
        unchanged,
        secretsCompared,
    };
}

/** The plan with every secret digest made equal: digests made with different keys say nothing about a change. */
function blindSecrets(plan: Plan): Plan {
    const blind = (v: PlanValue): PlanValue => {
        if (isSecretMarker(v)) return { $secret: "not-compared" };
        if (Array.isArray(v)) return v.map(blind);
        if (typeof v === "object" && v !== null)
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, blind(x)]));
        return v;
    };
    return {
        ...plan,
        resources: plan.resources.map((r) => ({ ...r, inputs: blind(r.inputs) as Record<string, PlanValue> })),
        outputs: blind(plan.outputs) as Record<string, PlanValue>,
    };
}

/** The line that says secrets were not compared, or nothing. */
function secretsNote(diff: PlanDiff): string[] {
    return diff.secretsCompared === false
        ? [
              "",
              "Secrets were not compared: the two plans were made with different keys (set COMPUTE_LAYER_PLAN_KEY to one value for both).",
          ]
        : [];
}

function cmp(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function rootFirst(a: string, b: string, root: string): number {
    if (a === b) return 0;
    if (a === root) return -1;
    if (b === root) return 1;
    return cmp(a, b);
}

/** True when the diff has no additions, changes or deletions. */
export function isEmptyDiff(diff: PlanDiff): boolean {
    return diff.added + diff.changed + diff.deleted === 0;
}

/** The summary line: `1 to add, 1 to change, 1 to delete (1 stateful), 57 unchanged`. */
export function diffSummary(diff: PlanDiff): string {
    if (isEmptyDiff(diff)) return `no changes (${diff.unchanged} resources unchanged)`;
    const del = `${diff.deleted} to delete${diff.statefulDeleted > 0 ? ` (${diff.statefulDeleted} stateful)` : ""}`;
    return `${diff.added} to add, ${diff.changed} to change, ${del}, ${diff.unchanged} unchanged`;
}

const MAX_VALUE = 120;

/**
 * A value for the diff: strings quoted; long values shortened around the first difference so
 * the change stays visible; secrets as `[secret]`.
 */
export function diffValue(value: PlanValue | undefined, other?: PlanValue): string {
    if (value === undefined || value === null) return "(not set)";
    if (isSecretMarker(value)) return "[secret]";
    const text = JSON.stringify(value);
    if (text.length <= MAX_VALUE) return text;
    const otherText = other === undefined || other === null || isSecretMarker(other) ? "" : JSON.stringify(other);
    let p = 0;
    while (p < text.length && p < otherText.length && text[p] === otherText[p]) p++;
    const start = Math.max(0, Math.min(p - 40, text.length - MAX_VALUE));
    const end = Math.min(text.length, start + MAX_VALUE);
    return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

/** One change as `path: old → new`, or `path: [secret] changed`. */
export function describeChange(c: InputChange): string {
    const path = c.path || "(inputs)";
    if (c.secret) return `${path}: [secret] changed`;
    return `${path}: ${diffValue(c.before, c.after)} → ${diffValue(c.after, c.before)}`;
}

function notes(c: ResourceChange): string[] {
    const out: string[] = [];
    if (c.stateful) out.push("stateful: its data goes with it");
    if (c.protected) out.push("protected: pulumi up will refuse to delete it");
    if (c.retained) out.push("retainOnDelete: stays in AWS, no longer managed");
    return out;
}

const SIGN = { add: "+", delete: "-", change: "~" } as const;

function componentLabel(c: ComponentRef): string {
    return c.type === "pulumi:pulumi:Stack" ? `(stack) ${c.name}` : `${c.type} "${c.name}"`;
}

/** The diff as plain text, for the terminal. */
export function renderDiffText(diff: PlanDiff): string {
    const lines = [`${diff.project} (stack ${diff.stack}): base → head`];
    for (const g of diff.groups) {
        lines.push("", componentLabel(g.component));
        for (const c of g.changes) {
            const n = notes(c);
            lines.push(`  ${SIGN[c.op]} ${c.type} "${c.name}"${n.length > 0 ? `  [${n.join("; ")}]` : ""}`);
            for (const ch of c.changes) lines.push(`      ${describeChange(ch)}`);
        }
    }
    lines.push(...secretsNote(diff), "", diffSummary(diff));
    return lines.join("\n");
}

/** Inline code for markdown that survives backticks in the value. */
function code(text: string): string {
    const fence = text.includes("`") ? "``" : "`";
    return `${fence}${fence.length > 1 ? " " : ""}${text}${fence.length > 1 ? " " : ""}${fence}`;
}

const MD_OP = { add: "**+ add**", delete: "**- delete**", change: "**~ change**" } as const;

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The picture is left out above this size, however much room the comment has. */
export const MAX_PICTURE_CHARS = 40_000;

export interface MarkdownOptions {
    /** The heading's title. @default "Offline plan: `<stack>`" */
    title?: string;
    /** Mermaid text of the head revision, shown in a collapsed block. @default none */
    picture?: string;
    /**
     * The most characters the markdown may have. Over it, the picture goes first, then the
     * resources at the end of the list (a line says how many are not shown); the summary line
     * always stays. The default leaves 5,536 characters of GitHub's 65,536 for what a workflow
     * adds (a marker, a header).
     * @default 60000
     */
    maxChars?: number;
    /**
     * The policy check of the head plan (and of the base, to mark what is new): a section
     * under the summary lists its violations, new ones first. @default none
     */
    violations?: { head: CheckReport; base?: CheckReport };
    /** The cost section (`costSection` of src/plan/cost/render.ts): base and head ranges, the change, the components that moved most. @default none */
    cost?: string;
}

/** One resource's lines in the markdown. */
function markdownItem(ch: ResourceChange): string[] {
    const n = notes(ch);
    const warn = n.length > 0 ? ` — ⚠️ ${n.join("; ")}` : "";
    const lines = [`- ${MD_OP[ch.op]} ${code(ch.type)} ${code(ch.name)}${warn}`];
    for (const x of ch.changes) {
        const path = code(x.path || "(inputs)");
        lines.push(
            x.secret
                ? `  - ${path}: [secret] changed`
                : `  - ${path}: ${code(diffValue(x.before, x.after))} → ${code(diffValue(x.after, x.before))}`,
        );
    }
    return lines;
}

const size = (lines: string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);

/**
 * The diff as GitHub markdown, for a pull-request comment: at most `maxChars` characters, so
 * that GitHub takes it (see {@link MarkdownOptions.maxChars}).
 */
export function renderDiffMarkdown(diff: PlanDiff, options: MarkdownOptions = {}): string {
    const maxChars = options.maxChars ?? 60_000;
    const head = [`### ${options.title ?? `Offline plan: ${code(diff.stack)}`}`, ""];
    head.push(
        isEmptyDiff(diff) ? `**No changes** (${diff.unchanged} resources unchanged).` : `**${diffSummary(diff)}**`,
        ...secretsNote(diff),
    );
    if (options.cost) head.push("", options.cost.trimEnd());
    if (options.violations)
        head.push(...renderViolationsMarkdown(options.violations.head, { base: options.violations.base, maxRows: 30 }));
    const body: { heading: string[]; items: string[][] }[] = diff.groups.map((g) => {
        const c = g.component;
        return {
            heading: [
                "",
                c.type === "pulumi:pulumi:Stack"
                    ? `#### (stack) ${code(c.name)}`
                    : `#### ${code(c.type)} ${code(c.name)}`,
                "",
            ],
            items: g.changes.map(markdownItem),
        };
    });
    const foot = [
        "",
        `<sub>compute-layer offline plan of ${code(diff.project)}, stack ${code(diff.stack)}, under mocks: no cloud was asked.</sub>`,
    ];
    const pictureBlock = (text: string[]): string[] => [
        "",
        "<details><summary>Picture of the head revision</summary>",
        "",
        ...text,
        "",
        "</details>",
    ];
    const leftOut = (why: string): string[] =>
        pictureBlock([`The picture is left out: ${why}; run \`plan --format mermaid\` to see it.`]);
    let picture: string[] = [];
    if (options.picture !== undefined) {
        picture =
            options.picture.length > MAX_PICTURE_CHARS
                ? leftOut(`it has ${options.picture.length} characters, too many for a comment`)
                : pictureBlock(["```mermaid", options.picture, "```"]);
    }
    const all = body.flatMap((g) => [...g.heading, ...g.items.flat()]);
    const total = (middle: string[], pic: string[]) => size(head) + size(middle) + size(pic) + size(foot) - 1;
    if (
        total(all, picture) > maxChars &&
        options.picture !== undefined &&
        options.picture.length <= MAX_PICTURE_CHARS
    ) {
        picture = leftOut("the comment would be too long with it");
    }
    if (total(all, picture) <= maxChars) return [...head, ...all, ...picture, ...foot].join("\n");

    // Too long even without the picture: the resources in order while they fit, then a count of the rest.
    const count = diff.groups.reduce((n, g) => n + g.changes.length, 0);
    const note = (shown: number): string[] => [
        "",
        `_… and ${count - shown} more resources, not shown to keep this comment within GitHub's limit of 65,536 characters: \`plan diff --format text\` lists them all._`,
    ];
    const budget = maxChars - total([], picture) - size(note(0)) - 8;
    const middle: string[] = [];
    let shown = 0;
    fill: for (const g of body) {
        for (const [i, item] of g.items.entries()) {
            const add = i === 0 ? [...g.heading, ...item] : item;
            if (size(middle) + size(add) > budget) break fill;
            middle.push(...add);
            shown++;
        }
    }
    return [...head, ...middle, ...note(shown), ...picture, ...foot].join("\n");
}

/** What `--fail-on` can gate on. */
export type FailOn = "delete" | "stateful-delete";

/** The exit code for a diff: 3 when `failOn` matches, else 0. */
export function diffExitCode(diff: PlanDiff, failOn: FailOn | undefined): number {
    if (failOn === "delete" && diff.deleted > 0) return 3;
    if (failOn === "stateful-delete" && diff.statefulDeleted > 0) return 3;
    return 0;
}
