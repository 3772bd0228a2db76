/**
 * The offline policy check: runs the policy pack's rules (`policy/policies.ts`) over an offline
 * plan, through a small adapter from plan resources to the argument shapes of `@pulumi/policy`
 * (`ResourceValidationArgs` per resource, `StackValidationArgs` over the stack). The rules are the
 * same objects `pulumi preview --policy-pack policy` runs; only the adapter differs.
 *
 * What the adapter gives the rules, as CrossGuard does in a preview: a resource's inputs as
 * `props` (values unknown until deploy time are absent, secrets are their plain value while the
 * plan is in memory and absent once it went through JSON), its options, parent and dependencies;
 * the policy config with the schema's defaults filled in. Stack rules also see the identifying
 * outputs the mocks gave (`id`, `arn`, `name`…), as a preview's stack validation sees outputs.
 */
import type {
    EnforcementLevel,
    Policies,
    PolicyPackConfig,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { policies as packPolicies } from "../../policy/policies";
import { isSecretMarker, type Plan, type PlannedResource, type PlanValue } from "./types";

/** One violation, as the JSON format prints it. */
export interface Violation {
    /** The rule's name. */
    policy: string;
    enforcement: "mandatory" | "advisory";
    /** The resource at fault; the stack's URN for a violation of the stack as a whole. */
    urn: string;
    /** The resource's type token (`pulumi:pulumi:Stack` for the stack). */
    type: string;
    /** The resource's logical name (the stack's name for the stack). */
    name: string;
    message: string;
}

/** The outcome of a check. */
export interface CheckReport {
    project: string;
    stack: string;
    /** How many rules ran (disabled ones left out). */
    rules: number;
    /** How many resources they were run over. */
    resources: number;
    /** Mandatory ones first, then in rule order and resource order. */
    violations: Violation[];
}

export interface CheckOptions {
    /** @default the compute-layer pack's rules */
    policies?: Policies;
    /**
     * Policy config in the form `pulumi preview --policy-pack-config` takes: per rule name, an
     * enforcement level or `{ enforcementLevel?, ...config }`. @default {}
     */
    config?: PolicyPackConfig;
}

const UNKNOWN = "[unknown]";

/** Turns a plan value into what a rule sees: unknowns and unreadable secrets become absent. */
function toProp(value: PlanValue): unknown {
    if (value === UNKNOWN) return undefined;
    if (isSecretMarker(value)) {
        // In memory the engine keeps the plain value on the marker (non-enumerable).
        const plain = (value as { value?: unknown }).value;
        return plain === undefined ? undefined : plain;
    }
    if (Array.isArray(value)) return value.map(toProp);
    if (typeof value === "object" && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            const p = toProp(v);
            if (p !== undefined) out[k] = p;
        }
        return out;
    }
    return value;
}

/** A plan resource's inputs as a rule's `props`. */
export function propsOf(r: PlannedResource): Record<string, unknown> {
    return toProp(r.inputs as PlanValue) as Record<string, unknown>;
}

function optionsOf(r: PlannedResource): PolicyResourceOptions {
    return {
        protect: r.options.protect ?? false,
        ignoreChanges: [...(r.options.ignoreChanges ?? [])],
        deleteBeforeReplace: r.options.deleteBeforeReplace,
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [...(r.options.additionalSecretOutputs ?? [])],
        parent: r.parent,
    };
}

type ClassLike = { __pulumiType?: unknown };
const typeOfClass = (cls: unknown): unknown => (cls as ClassLike).__pulumiType;

/** The plan's resources as a stack validation's `PolicyResource`s, parents and dependencies linked. */
export function policyResources(plan: Plan): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const out: PolicyResource[] = [];
    for (const r of plan.resources) {
        const outputs = Object.fromEntries(Object.entries(r.outputs ?? {}).filter(([k]) => !k.includes(".")));
        const props = { ...outputs, ...propsOf(r) };
        const pr: PolicyResource = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: optionsOf(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => typeOfClass(cls) === r.type,
            asType: ((cls: unknown) => (typeOfClass(cls) === r.type ? props : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(r.urn, pr);
        out.push(pr);
    }
    plan.resources.forEach((r, i) => {
        const pr = out[i];
        if (r.parent) pr.parent = byUrn.get(r.parent);
        pr.dependencies = (r.options.dependsOn ?? [])
            .map((u) => byUrn.get(u))
            .filter((d): d is PolicyResource => d !== undefined);
    });
    return out;
}

/** Thrown by `notApplicable()`: the rule does not apply, which is not a violation. */
class NotApplicable extends Error {}

interface Effective {
    level: "mandatory" | "advisory";
    config: Record<string, unknown>;
}

/** A rule's enforcement level and config after the policy config, or undefined when disabled. */
function effective(policy: Policies[number], config: PolicyPackConfig): Effective | undefined {
    const entry = config[policy.name];
    let level: EnforcementLevel = policy.enforcementLevel ?? "advisory";
    let own: Record<string, unknown> = {};
    if (typeof entry === "string") level = entry as EnforcementLevel;
    else if (entry && typeof entry === "object") {
        const { enforcementLevel, ...rest } = entry as { enforcementLevel?: EnforcementLevel } & Record<
            string,
            unknown
        >;
        if (enforcementLevel) level = enforcementLevel;
        own = rest;
    }
    if (level === "disabled") return undefined;
    const defaults: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        const d = (schema as { default?: unknown }).default;
        if (d !== undefined) defaults[k] = d;
    }
    return { level: level === "advisory" ? "advisory" : "mandatory", config: { ...defaults, ...own } };
}

function settle(result: unknown, policy: string): void {
    if (result && typeof (result as { then?: unknown }).then === "function") {
        throw new Error(`policy ${policy} validates asynchronously; the offline check runs synchronous rules only`);
    }
}

/**
 * Runs every rule over a plan: resource rules on each resource, stack rules once over all of
 * them. Synchronous: the pack's rules are.
 */
export function checkPlan(plan: Plan, options: CheckOptions = {}): CheckReport {
    const policies = options.policies ?? packPolicies;
    const config = options.config ?? {};
    const resources = policyResources(plan);
    const inputs = plan.resources.map(propsOf);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const stackName = plan.stack;
    const found: (Violation & { order: number; rule: number })[] = [];
    let rules = 0;
    const stackTags: ReadonlyMap<string, string> = new Map();
    const notApplicable = (reason?: string): never => {
        throw new NotApplicable(reason);
    };

    policies.forEach((policy, ruleIndex) => {
        const eff = effective(policy, config);
        if (!eff) return;
        rules++;
        const getConfig = <T extends object>(): T => eff.config as T;
        const push = (urn: string, message: string) => {
            const r = byUrn.get(urn);
            found.push({
                policy: policy.name,
                enforcement: eff.level,
                urn: r ? urn : plan.rootUrn,
                type: r?.type ?? "pulumi:pulumi:Stack",
                name: r?.name ?? `${plan.project}-${stackName}`,
                message,
                order: r ? plan.resources.indexOf(r) : -1,
                rule: ruleIndex,
            });
        };
        if ("validateResource" in policy && policy.validateResource) {
            const validations = Array.isArray(policy.validateResource)
                ? policy.validateResource
                : [policy.validateResource];
            resources.forEach((pr, i) => {
                // Resource rules see inputs only (as in a preview), not the mocks' outputs.
                const props = inputs[i];
                const args: ResourceValidationArgs = {
                    type: pr.type,
                    props,
                    urn: pr.urn,
                    name: pr.name,
                    opts: pr.opts,
                    stackTags,
                    isType: pr.isType,
                    asType: ((cls: unknown) =>
                        typeOfClass(cls) === pr.type ? props : undefined) as ResourceValidationArgs["asType"],
                    getConfig,
                    notApplicable,
                };
                for (const validate of validations) {
                    try {
                        settle(
                            validate(args, (message) => push(pr.urn, message)),
                            policy.name,
                        );
                    } catch (e) {
                        if (!(e instanceof NotApplicable)) throw e;
                    }
                }
            });
        }
        if ("validateStack" in policy && policy.validateStack) {
            const args: StackValidationArgs = { resources, stackTags, getConfig, notApplicable };
            try {
                settle(
                    policy.validateStack(args, (message, urn) => push(urn ?? plan.rootUrn, message)),
                    policy.name,
                );
            } catch (e) {
                if (!(e instanceof NotApplicable)) throw e;
            }
        }
    });
    found.sort(
        (a, b) =>
            (a.enforcement === b.enforcement ? 0 : a.enforcement === "mandatory" ? -1 : 1) ||
            a.rule - b.rule ||
            a.order - b.order,
    );
    return {
        project: plan.project,
        stack: stackName,
        rules,
        resources: plan.resources.length,
        violations: found.map(({ order: _o, rule: _r, ...v }) => v),
    };
}

/** The exit code of a check: 4 when any violation is mandatory, else 0. */
export function checkExitCode(report: CheckReport): number {
    return report.violations.some((v) => v.enforcement === "mandatory") ? 4 : 0;
}

/** `2 mandatory, 1 advisory` */
function counts(violations: Violation[]): string {
    const m = violations.filter((v) => v.enforcement === "mandatory").length;
    return `${m} mandatory, ${violations.length - m} advisory`;
}

/** The one-line summary: rules, resources, violations. */
export function checkSummary(report: CheckReport): string {
    return `${report.rules} rules checked over ${report.resources} resources of ${report.project}/${report.stack}: ${report.violations.length === 0 ? "no violations" : counts(report.violations)}`;
}

/** The report as text for a terminal. */
export function renderCheckText(report: CheckReport): string {
    const lines: string[] = [];
    for (const v of report.violations) {
        lines.push(
            `${v.enforcement.toUpperCase().padEnd(9)} ${v.policy}  ${v.type}  ${v.name}`,
            `    ${v.message}`,
            `    ${v.urn}`,
        );
    }
    if (lines.length > 0) lines.push("");
    lines.push(checkSummary(report));
    return lines.join("\n");
}

/** The report as JSON: `[{policy, enforcement, urn, type, name, message}]`. */
export function renderCheckJson(report: CheckReport): string {
    return JSON.stringify(report.violations, null, 2);
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const key = (v: Violation) => `${v.policy}\u0000${v.urn}\u0000${v.message}`;

/**
 * The violations as a markdown section. With `base`, the violations that the base plan did not
 * have come first, marked new. At most `maxRows` rows; a line counts the rest.
 */
export function renderViolationsMarkdown(
    report: CheckReport,
    options: { base?: CheckReport; maxRows?: number; heading?: string } = {},
): string[] {
    const maxRows = options.maxRows ?? 50;
    const known = new Set((options.base?.violations ?? []).map(key));
    const isNew = (v: Violation) => options.base !== undefined && !known.has(key(v));
    const ordered = [...report.violations.filter(isNew), ...report.violations.filter((v) => !isNew(v))];
    const lines = [
        "",
        options.heading ?? "#### Policy check",
        "",
        `**${checkSummary(report)}**${options.base ? ` (${ordered.filter(isNew).length} new)` : ""}`,
    ];
    if (ordered.length === 0) return lines;
    lines.push("", "| | Rule | Level | Resource | Violation |", "|---|---|---|---|---|");
    for (const v of ordered.slice(0, maxRows)) {
        const mark = isNew(v) ? "🆕" : "";
        const level = v.enforcement === "mandatory" ? "**mandatory**" : "advisory";
        lines.push(
            `| ${mark} | \`${v.policy}\` | ${level} | \`${cell(v.type)}\` \`${cell(v.name)}\` | ${cell(v.message)} |`,
        );
    }
    if (ordered.length > maxRows)
        lines.push("", `_… and ${ordered.length - maxRows} more: run \`compute-layer check\` to see them all._`);
    return lines;
}

/** The report as a markdown document. */
export function renderCheckMarkdown(report: CheckReport): string {
    return renderViolationsMarkdown(report, {
        heading: `### Policy check: \`${report.stack}\``,
        maxRows: Number.POSITIVE_INFINITY,
    })
        .slice(1)
        .join("\n");
}
