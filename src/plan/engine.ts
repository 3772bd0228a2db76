import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { DEFAULT_CALLS, MockAnswers, MockContext, newResourceState } from "./mocks";
import { Plan, PLAN_FORMAT_VERSION, PlannedOptions, PlannedResource, PlanValue, SecretMarker } from "./types";

/**
 * The offline plan engine: runs a Pulumi program under `pulumi.runtime.setMocks` and records
 * every resource registration, with its parent, inputs (secrets kept marked) and options, and
 * the stack outputs. The tests and the `plan` CLI both use it; nothing else mocks Pulumi.
 */

/** What a program can be: a function (its result is the stack outputs) or a module path. */
export type Program = (() => unknown) | string;

export interface PlanOptions {
    /** @default "compute-layer" */
    project?: string;
    /** @default "dev" */
    stack?: string;
    /**
     * Stack config, by full key (`compute-layer:tiers`, `aws:region`). Objects are passed as
     * JSON, the way the Pulumi CLI passes structured config.
     * @default {}
     */
    config?: Record<string, unknown>;
    /** Config keys whose values are secret. @default [] */
    secretKeys?: string[];
    /** Answers for data sources and resource types the engine does not know by default. */
    mocks?: MockAnswers;
    /** The pretend account. @default 123456789012 */
    accountId?: string;
}

/** The outcome of a program run: the plan so far, and the error if the program failed. */
export interface PlanResult {
    plan: Plan;
    error?: unknown;
}

const SIG_KEY = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;
const RESOURCE_SIG = pulumi.runtime.specialResourceSig;
const ASSET_SIG = pulumi.runtime.specialAssetSig;
const ARCHIVE_SIG = pulumi.runtime.specialArchiveSig;
const OUTPUT_SIG = pulumi.runtime.specialOutputValueSig;

/** The digest a plan shows for a secret value. */
export function secretDigest(value: unknown): SecretMarker {
    return { $secret: `sha256:${createHash("sha256").update(`compute-layer-plan\0${JSON.stringify(value ?? null)}`).digest("hex").slice(0, 16)}` };
}

/**
 * Turns a property in the monitor's wire form (`Struct.toJavaScript()`) into plan JSON:
 * secrets become markers (the value stays readable in memory through {@link revealSecret},
 * never in JSON), resource references become their URN, assets and archives keep their
 * path, text or URI, unknowns become `"[unknown]"`.
 */
function toPlanValue(value: unknown): PlanValue {
    if (value === undefined || value === null) return null;
    if (value === pulumi.runtime.unknownValue) return "[unknown]";
    if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
    if (Array.isArray(value)) return value.map(toPlanValue);
    if (typeof value === "object") {
        const o = value as Record<string, unknown>;
        switch (o[SIG_KEY]) {
            case SECRET_SIG: {
                const plain = stripSecrets(o.value);
                const marker = secretDigest(plain);
                Object.defineProperty(marker, "value", { value: plain, enumerable: false });
                return marker;
            }
            case RESOURCE_SIG:
                return String(o.urn ?? "");
            case ASSET_SIG:
                return typeof o.path === "string" ? fileRef("$asset", o.path) : { $asset: toPlanValue(o.text ?? o.uri ?? null) };
            case ARCHIVE_SIG:
                return typeof o.path === "string" ? fileRef("$archive", o.path) : { $archive: toPlanValue(o.uri ?? o.assets ?? null) };
            case OUTPUT_SIG:
                return o.secret ? toPlanValue({ [SIG_KEY]: SECRET_SIG, value: o.value }) : toPlanValue(o.value ?? pulumi.runtime.unknownValue);
        }
        const out: Record<string, PlanValue> = {};
        for (const [k, v] of Object.entries(o)) {
            if (v === undefined) continue;
            out[k] = toPlanValue(v);
        }
        return out;
    }
    return String(value);
}

/**
 * A file or folder an asset or archive points at: its path relative to the working directory
 * (so plans made in different checkouts compare equal) and a digest of its contents (so a code
 * change shows in a diff). A path that cannot be read keeps no digest.
 */
function fileRef(kind: "$asset" | "$archive", file: string): Record<string, PlanValue> {
    const abs = path.resolve(file);
    const rel = path.relative(process.cwd(), abs);
    const shown = rel.startsWith("..") || path.isAbsolute(rel) ? file : rel.split(path.sep).join("/") || ".";
    const digest = contentDigest(abs);
    return digest ? { [kind]: shown, digest } : { [kind]: shown };
}

/** `sha256:<16 hex>` over a file, or over a folder's relative paths and contents in a stable order. */
function contentDigest(abs: string): string | undefined {
    try {
        const hash = createHash("sha256");
        const walk = (dir: string, rel: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
                const child = path.join(dir, entry.name);
                const childRel = rel ? `${rel}/${entry.name}` : entry.name;
                if (entry.isDirectory()) walk(child, childRel);
                else if (entry.isFile()) hash.update(`${childRel}\0`).update(fs.readFileSync(child)).update("\0");
            }
        };
        if (fs.statSync(abs).isDirectory()) walk(abs, "");
        else hash.update(fs.readFileSync(abs));
        return `sha256:${hash.digest("hex").slice(0, 16)}`;
    } catch {
        return undefined;
    }
}

function stripSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(stripSecrets);
    if (typeof value === "object" && value !== null) {
        const o = value as Record<string, unknown>;
        if (o[SIG_KEY] === SECRET_SIG) return stripSecrets(o.value);
        return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, stripSecrets(v)]));
    }
    return value;
}

/** A protobuf Struct as the monitor receives it. */
interface WireStruct {
    toJavaScript(): Record<string, unknown>;
}

/** The plain value behind a secret marker of an in-memory plan (for tests); `undefined` once the plan went through JSON. */
export function revealSecret(marker: PlanValue): unknown {
    return typeof marker === "object" && marker !== null ? (marker as { value?: unknown }).value : undefined;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): unknown;
    getProvider(): string;
    getIgnorechangesList(): string[];
    getProtect(): boolean;
    getDeletebeforereplace(): boolean;
    getReplaceonchangesList(): string[];
    getRetainondelete?(): boolean;
    getAdditionalsecretoutputsList(): string[];
    getDependenciesList(): string[];
}

interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): unknown;
}

/** The outputs a plan keeps per custom resource: the ones other resources refer to it by. */
const IDENTITY_OUTPUTS = ["arn", "name", "arnSuffix", "invokeArn", "qualifiedArn", "apiEndpoint", "executionArn"];

/** The identifying outputs of a registered custom resource (see `PlannedResource.outputs`). */
function identityOutputs(resp: RegisterResponse, secretOutputs: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    const id = resp.getId();
    if (id) out.id = id;
    const state = pulumi.runtime.deserializeProperties(resp.getObject() as never, true) as Record<string, unknown>;
    for (const key of IDENTITY_OUTPUTS) {
        const v = state[key];
        if (typeof v === "string" && !secretOutputs.includes(key)) out[key] = v;
    }
    const metaName = (state.metadata as { name?: unknown } | undefined)?.name;
    if (typeof metaName === "string") out["metadata.name"] = metaName;
    return out;
}

interface OutputsRequest {
    getUrn(): string;
    getOutputs(): unknown;
}

type Callback<T> = (err: unknown, resp: T) => void;

/** Mock monitor that also records what the SDK's MockMonitor does not pass on: parents and options. */
class RecordingMonitor extends MockMonitor {
    readonly registered: (PlannedResource & { order: number })[] = [];
    rootUrn = "";
    stackOutputs: Record<string, PlanValue> = {};
    private order = 0;

    override async registerResource(req: RegisterRequest, callback: Callback<RegisterResponse | undefined>): Promise<void> {
        const order = this.order++;
        const type = req.getType();
        const name = req.getName();
        const parent = req.getParent();
        const custom = req.getCustom();
        const rawInputs = (req.getObject() as WireStruct | undefined)?.toJavaScript() ?? {};
        const options: PlannedOptions = {};
        const ignore = req.getIgnorechangesList();
        if (ignore.length > 0) options.ignoreChanges = [...ignore];
        if (req.getProtect()) options.protect = true;
        if (req.getDeletebeforereplace()) options.deleteBeforeReplace = true;
        const roc = req.getReplaceonchangesList();
        if (roc.length > 0) options.replaceOnChanges = [...roc];
        if (req.getRetainondelete?.()) options.retainOnDelete = true;
        const aso = req.getAdditionalsecretoutputsList();
        if (aso.length > 0) options.additionalSecretOutputs = [...aso];
        const deps = req.getDependenciesList().filter((d) => d !== parent);
        if (deps.length > 0) options.dependsOn = [...new Set(deps)].sort();
        const provider = req.getProvider();
        if (provider && !provider.split("::")[3]?.startsWith("default")) options.provider = provider;
        await super.registerResource(req, (err: unknown, resp: RegisterResponse | undefined) => {
            if (!err && resp) {
                const urn = resp.getUrn();
                if (type === "pulumi:pulumi:Stack") this.rootUrn = urn;
                else if (!(type.startsWith("pulumi:providers:") && name.startsWith("default"))) {
                    const planned: PlannedResource & { order: number } = { urn, type, name, parent: parent || undefined, custom, inputs: toPlanValue(rawInputs) as Record<string, PlanValue>, options, order };
                    if (custom) planned.outputs = identityOutputs(resp, aso);
                    this.registered.push(planned);
                }
            }
            callback(err, resp);
        });
    }

    override registerResourceOutputs(req: OutputsRequest, callback: Callback<unknown>): void {
        if (req.getUrn() === this.rootUrn) {
            const outputs = (req.getOutputs() as WireStruct | undefined)?.toJavaScript() ?? {};
            this.stackOutputs = toPlanValue(outputs) as Record<string, PlanValue>;
        }
        super.registerResourceOutputs(req, callback);
    }
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every earlier run has finished: the Pulumi runtime is one global. */
function serialised<T>(fn: () => Promise<T>): Promise<T> {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
}

async function loadProgram(program: Program): Promise<unknown> {
    if (typeof program === "function") return program();
    const abs = path.resolve(program);
    const mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
    let entry: unknown = mod;
    // CommonJS through import(): the module's exports are `default`.
    if (mod.default !== undefined) entry = mod.default;
    if (typeof entry === "object" && entry !== null && typeof (entry as { default?: unknown }).default === "function") {
        entry = (entry as { default: unknown }).default;
    }
    if (typeof entry === "function") return (entry as () => unknown)();
    return entry;
}

/** Lets every registration the program started reach the monitor. */
async function drain(): Promise<void> {
    const wait = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
    if (wait) await wait();
    await new Promise((r) => setImmediate(r));
    if (wait) await wait();
}

/**
 * Runs a program under mocks and returns its plan and, when the program threw, the error.
 * Runs are serialised: the Pulumi runtime is global to the process.
 */
export function capturePlan(program: Program, options: PlanOptions = {}): Promise<PlanResult> {
    return serialised(async () => {
        const project = options.project ?? "compute-layer";
        const stack = options.stack ?? "dev";
        const config: Record<string, string> = {};
        for (const [k, v] of Object.entries(options.config ?? {})) config[k] = typeof v === "string" ? v : JSON.stringify(v);
        const ctx: MockContext = {
            region: config["aws:region"] ?? "us-east-1",
            accountId: options.accountId ?? "123456789012",
            partition: "aws",
            project,
            stack,
            created: new Map(),
        };
        const calls = { ...DEFAULT_CALLS, ...(options.mocks?.calls ?? {}) };
        const resources = options.mocks?.resources ?? {};
        const mocks: pulumi.runtime.Mocks = {
            async call(args) {
                const handler = calls[args.token];
                if (!handler) {
                    const message =
                        `compute-layer plan has no mock answer for the data source "${args.token}". ` +
                        `Add one through PlanOptions.mocks.calls["${args.token}"] (CLI: --mocks <module>); ` +
                        `see "Mock answers" in the README.`;
                    // The SDK rethrows a failed invoke with the gRPC-style `details` of the error.
                    throw Object.assign(new Error(message), { details: message });
                }
                return handler(stripSecrets(args.inputs) as Record<string, unknown>, ctx);
            },
            newResource(args) {
                const result = newResourceState({ type: args.type, name: args.name, inputs: stripSecrets(args.inputs) as Record<string, unknown> }, ctx, resources[args.type]);
                ctx.created.set(result.id, result.state);
                return result;
            },
        };
        await pulumi.runtime.setMocks(mocks, project, stack, false);
        const monitor = new RecordingMonitor(mocks);
        pulumi.runtime.setMockOptions(monitor, project, stack, false);
        pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);

        let error: unknown;
        try {
            // The program's own error is caught inside the stack's init, so the stack completes and
            // no promise the SDK derived from it is left rejected and unhandled.
            await pulumi.runtime.runInPulumiStack(async () => {
                try {
                    const result = await loadProgram(program);
                    return (typeof result === "object" && result !== null ? result : undefined) as pulumi.Inputs | undefined;
                } catch (e) {
                    error = e;
                    return undefined;
                }
            });
        } catch (e) {
            error ??= e;
        }
        try {
            await drain();
        } catch (e) {
            error ??= e;
        }
        const plan: Plan = {
            version: PLAN_FORMAT_VERSION,
            project,
            stack,
            rootUrn: monitor.rootUrn,
            resources: [...monitor.registered].sort((a, b) => a.order - b.order).map(({ order: _order, ...r }) => r),
            outputs: monitor.stackOutputs,
        };
        return { plan, error };
    });
}

/** Runs a program under mocks and returns its plan; rethrows the program's error. */
export async function runPlan(program: Program, options: PlanOptions = {}): Promise<Plan> {
    const { plan, error } = await capturePlan(program, options);
    if (error !== undefined) throw error;
    return plan;
}
