import { createHash, createHmac, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { loadProgramModule } from "./load";
import { DEFAULT_CALLS, hex, type MockAnswers, type MockContext, newResourceState } from "./mocks";
import {
    PLAN_FORMAT_VERSION,
    type Plan,
    type PlannedOptions,
    type PlannedResource,
    type PlanValue,
    type SecretMarker,
} from "./types";

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
    /**
     * The key secret digests are made with. Give the base and head plans of a diff the same one.
     * @default `COMPUTE_LAYER_PLAN_KEY`, else a random key per process (see {@link planSecretKey})
     */
    secretKey?: string;
}

/** The outcome of a program run: the plan so far, and the error if the program failed. */
export interface PlanResult {
    plan: Plan;
    /** What the program threw (may be `undefined` itself: look at `failed`). */
    error?: unknown;
    /** True when the program failed: it threw (anything, `undefined` included), a registration failed, or a promise or callback of it failed while it ran. */
    failed: boolean;
}

/** Failures of a program that reached no `await`: unhandled rejections and uncaught exceptions. */
type Failure = { error: unknown };

/**
 * Catches what a running program lets escape (a rejection nobody handles, an exception thrown
 * in a callback, an error inside `apply`) for the duration of `fn`, instead of the process's
 * own handlers, which are restored afterwards.
 */
export async function catchEscapes<T>(fn: (failures: Failure[]) => Promise<T>): Promise<T> {
    const failures: Failure[] = [];
    const events = ["unhandledRejection", "uncaughtException"] as const;
    const saved = events.map((e) => process.listeners(e as "unhandledRejection") as ((...args: unknown[]) => void)[]);
    const onFailure = (error: unknown) => {
        failures.push({ error });
    };
    for (const e of events) {
        process.removeAllListeners(e);
        process.on(e, onFailure);
    }
    try {
        return await fn(failures);
    } finally {
        events.forEach((e, i) => {
            process.removeListener(e, onFailure);
            for (const l of saved[i]) process.on(e, l);
        });
    }
}

const SIG_KEY = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;
const RESOURCE_SIG = pulumi.runtime.specialResourceSig;
const ASSET_SIG = pulumi.runtime.specialAssetSig;
const ARCHIVE_SIG = pulumi.runtime.specialArchiveSig;
const OUTPUT_SIG = pulumi.runtime.specialOutputValueSig;

let processKey: string | undefined;
/** The key of the plan being made (runs are serialised). */
let activeKey: string | undefined;

/** Where this machine keeps its plan key: `$XDG_CACHE_HOME/compute-layer/plan-key` (default `~/.cache`). */
export function machineKeyFile(): string {
    return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "compute-layer", "plan-key");
}

/**
 * The key that secret digests are made with, so a digest in a published plan cannot be used to
 * confirm a guessed value: `COMPUTE_LAYER_PLAN_KEY` when set; else this machine's key (random,
 * made once in {@link machineKeyFile}, readable only by its owner), so that plans made on one
 * machine (CI's base and head, or two runs here) compare and are byte-for-byte stable; else, when
 * that file cannot be kept, a random key per process. The key is never written to a plan; plans
 * made with different keys say so (`secretKeyId`) and `plan diff` does not compare their secrets.
 */
export function planSecretKey(): string {
    const fromEnv = process.env.COMPUTE_LAYER_PLAN_KEY;
    if (fromEnv) return fromEnv;
    if (processKey) return processKey;
    const file = machineKeyFile();
    try {
        processKey = fs.readFileSync(file, "utf8").trim();
    } catch {
        processKey = "";
    }
    if (!/^[0-9a-f]{64}$/.test(processKey)) {
        processKey = randomBytes(32).toString("hex");
        try {
            fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
            // Exclusive create: when two runs race, the first key wins and the other reads it.
            fs.writeFileSync(file, processKey, { mode: 0o600, flag: "wx" });
        } catch {
            try {
                const theirs = fs.readFileSync(file, "utf8").trim();
                if (/^[0-9a-f]{64}$/.test(theirs)) processKey = theirs;
            } catch {
                // Not kept: this process's own random key.
            }
        }
    }
    return processKey;
}

/** A fingerprint of a secret key (a hash of it, safe to publish): plans with the same one can compare secrets. */
export function secretKeyId(key: string = planSecretKey()): string {
    return createHash("sha256").update(`compute-layer-plan-key\0${key}`).digest("hex").slice(0, 12);
}

/** The digest a plan shows for a secret value: an HMAC keyed by {@link planSecretKey}. */
export function secretDigest(value: unknown, key: string = planSecretKey()): SecretMarker {
    return {
        $secret: `hmac-sha256:${createHmac("sha256", key)
            .update(JSON.stringify(value ?? null))
            .digest("hex")
            .slice(0, 16)}`,
    };
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
                const marker = secretDigest(plain, activeKey);
                Object.defineProperty(marker, "value", { value: plain, enumerable: false });
                return marker;
            }
            case RESOURCE_SIG:
                return String(o.urn ?? "");
            case ASSET_SIG:
                return typeof o.path === "string"
                    ? fileRef("$asset", o.path)
                    : { $asset: toPlanValue(o.text ?? o.uri ?? null) };
            case ARCHIVE_SIG:
                return typeof o.path === "string"
                    ? fileRef("$archive", o.path)
                    : { $archive: toPlanValue(o.uri ?? o.assets ?? null) };
            case OUTPUT_SIG:
                return o.secret
                    ? toPlanValue({ [SIG_KEY]: SECRET_SIG, value: o.value })
                    : toPlanValue(o.value ?? pulumi.runtime.unknownValue);
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
            for (const entry of fs
                .readdirSync(dir, { withFileTypes: true })
                .sort((a, b) => a.name.localeCompare(b.name))) {
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

/** Every string inside the secret parts of a value (the plain text a secret input carries). */
function secretStrings(value: unknown, inSecret = false, out: Set<string> = new Set()): Set<string> {
    if (typeof value === "string" && inSecret) out.add(value);
    else if (typeof value === "number" && inSecret) out.add(String(value));
    else if (Array.isArray(value)) for (const v of value) secretStrings(v, inSecret, out);
    else if (typeof value === "object" && value !== null) {
        const o = value as Record<string, unknown>;
        if (o[SIG_KEY] === SECRET_SIG) secretStrings(o.value, true, out);
        else for (const v of Object.values(o)) secretStrings(v, inSecret, out);
    }
    return out;
}

function mentions(value: unknown, secrets: string[]): boolean {
    if (typeof value === "string") return secrets.some((s) => (s.length >= 3 ? value.includes(s) : value === s));
    if (typeof value === "number" || typeof value === "boolean") return secrets.includes(String(value));
    if (Array.isArray(value)) return value.some((v) => mentions(v, secrets));
    if (typeof value === "object" && value !== null) return Object.values(value).some((v) => mentions(v, secrets));
    return false;
}

/**
 * What AWS derives from a secret input stays secret: every output property the mocks made from
 * a secret input (echoed, or built into a name, ARN or URL) is marked secret, as Pulumi marks an
 * output whose input was secret. An id cannot be secret in Pulumi, so the secret text in an id is
 * replaced by a placeholder derived from the URN.
 */
function keepSecrets(
    result: { id: string; state: Record<string, unknown> },
    inputs: Record<string, unknown>,
    urn: string,
): { id: string; state: Record<string, unknown> } {
    const secrets = [...secretStrings(inputs)].filter((x) => x.length > 0);
    if (secrets.length === 0) return result;
    const state: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(result.state)) {
        const fromSecretInput = k in inputs && secretStrings(inputs[k]).size > 0;
        state[k] = fromSecretInput || mentions(v, secrets) ? { [SIG_KEY]: SECRET_SIG, value: v } : v;
    }
    let id = result.id;
    for (const x of secrets) if (x.length >= 3 || id === x) id = id.split(x).join(`secret-${hex(urn, 8)}`);
    return { id, state };
}

/** The file assets and archives in a wire value whose path does not exist, with their property path. */
function missingFiles(value: unknown, at: string): { property: string; path: string }[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => missingFiles(v, `${at}[${i}]`));
    if (typeof value !== "object" || value === null) return [];
    const o = value as Record<string, unknown>;
    if ((o[SIG_KEY] === ASSET_SIG || o[SIG_KEY] === ARCHIVE_SIG) && typeof o.path === "string") {
        return fs.existsSync(path.resolve(o.path)) ? [] : [{ property: at || "(the asset)", path: o.path }];
    }
    if (o[SIG_KEY] === ARCHIVE_SIG && typeof o.assets === "object" && o.assets !== null) {
        return Object.entries(o.assets as Record<string, unknown>).flatMap(([k, v]) =>
            missingFiles(v, `${at}["${k}"]`),
        );
    }
    if (o[SIG_KEY] === SECRET_SIG || o[SIG_KEY] === OUTPUT_SIG) return missingFiles(o.value, at);
    return Object.entries(o).flatMap(([k, v]) => missingFiles(v, at ? `${at}.${k}` : k));
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
    getRemote?(): boolean;
    getAdditionalsecretoutputsList(): string[];
    getDependenciesList(): string[];
}

interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): unknown;
}

/** The outputs a plan keeps per custom resource: the ones other resources refer to it by. */
const IDENTITY_OUTPUTS = [
    "arn",
    "name",
    "arnSuffix",
    "invokeArn",
    "qualifiedArn",
    "apiEndpoint",
    "executionArn",
    "clusterSecurityGroupId",
    "serviceName",
];

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
    /** File assets and archives whose path does not exist: `pulumi up` would fail to read them. */
    readonly missingFiles: { type: string; name: string; property: string; path: string }[] = [];
    rootUrn = "";
    stackOutputs: Record<string, PlanValue> = {};
    private order = 0;
    private readonly urns = new Set<string>();

    constructor(
        mocks: pulumi.runtime.Mocks,
        /** Where the URN of the registration under way is left for the mocks' `newResource`. */
        private readonly current: { urn?: string },
        private readonly stack: string,
        private readonly project: string,
    ) {
        super(mocks);
    }

    /** The URN Pulumi gives a resource: the parent's type chain, the type and the name (as the SDK's MockMonitor makes it). */
    urnOf(parent: string, type: string, name: string): string {
        const qualified = parent ? `${parent.split("::")[2].split("$").pop()}$${type}` : type;
        return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
    }

    override async readResource(req: RegisterRequest, callback: Callback<unknown>): Promise<void> {
        // The SDK's monitor calls the mocks' newResource synchronously, before its first await.
        this.current.urn = this.urnOf(req.getParent(), req.getType(), req.getName());
        const done = super.readResource(req, callback);
        this.current.urn = undefined;
        await done;
    }

    override async registerResource(
        req: RegisterRequest,
        callback: Callback<RegisterResponse | undefined>,
    ): Promise<void> {
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
        const urnWanted = this.urnOf(parent, type, name);
        if (this.urns.has(urnWanted)) {
            // As the Pulumi engine does: two resources cannot share a URN.
            callback(new Error(`Duplicate resource URN '${urnWanted}'; try giving it a unique name`), undefined);
            return;
        }
        this.urns.add(urnWanted);
        // The SDK's monitor calls the mocks' newResource synchronously, before its first await.
        for (const m of missingFiles(rawInputs, "")) this.missingFiles.push({ type, name, ...m });
        this.current.urn = urnWanted;
        const done = super.registerResource(req, (err: unknown, resp: RegisterResponse | undefined) => {
            if (!err && resp) {
                const urn = resp.getUrn();
                if (type === "pulumi:pulumi:Stack") this.rootUrn = urn;
                else if (!(type.startsWith("pulumi:providers:") && name.startsWith("default"))) {
                    const planned: PlannedResource & { order: number } = {
                        urn,
                        type,
                        name,
                        parent: parent || undefined,
                        custom,
                        inputs: toPlanValue(rawInputs) as Record<string, PlanValue>,
                        options,
                        order,
                    };
                    // Custom resources, and multi-language components (eks:index:Cluster), which are opaque under mocks.
                    if (custom || req.getRemote?.()) planned.outputs = identityOutputs(resp, aso);
                    this.registered.push(planned);
                }
            }
            callback(err, resp);
        });
        this.current.urn = undefined;
        await done;
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
    const mod = (await loadProgramModule(program)) as Record<string, unknown>;
    let entry: unknown = mod;
    // An ES module's default export; CommonJS through import(): the module's exports are `default`.
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
 * Runs `fn` without the stack trace the Pulumi SDK records for every promise it makes (for its
 * leak report, which an offline plan never prints): capturing it is about a fifth of a plan's
 * CPU. Every other error keeps its stack, so a program's failure still points at its source.
 */
export async function withoutPromiseStacks<T>(fn: () => Promise<T>): Promise<T> {
    type Debuggable = { debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown> };
    let debuggable: Debuggable;
    try {
        debuggable = require("@pulumi/pulumi/runtime/debuggable") as Debuggable;
    } catch {
        return fn();
    }
    const original = debuggable.debuggablePromise;
    if (typeof original !== "function") return fn();
    // The SDK's modules call it through the module object, so replacing the export reaches them all.
    debuggable.debuggablePromise = (p, ctx) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
    try {
        return await fn();
    } finally {
        debuggable.debuggablePromise = original;
    }
}

/**
 * Runs a program under mocks and returns its plan and, when the program threw, the error.
 * Runs are serialised: the Pulumi runtime is global to the process.
 */
export function capturePlan(program: Program, options: PlanOptions = {}): Promise<PlanResult> {
    return serialised(async () => {
        activeKey = options.secretKey ?? planSecretKey();
        const project = options.project ?? "compute-layer";
        const stack = options.stack ?? "dev";
        const config: Record<string, string> = {};
        for (const [k, v] of Object.entries(options.config ?? {}))
            config[k] = typeof v === "string" ? v : JSON.stringify(v);
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
                const urn = current.urn;
                const inputs = args.inputs as Record<string, unknown>;
                const result = newResourceState(
                    { type: args.type, name: args.name, inputs: stripSecrets(inputs) as Record<string, unknown>, urn },
                    ctx,
                    resources[args.type],
                );
                ctx.created.set(result.id, result.state);
                return keepSecrets(result, inputs, urn ?? `${args.type}::${args.name}`);
            },
        };
        const current: { urn?: string } = {};
        await pulumi.runtime.setMocks(mocks, project, stack, false);
        const monitor = new RecordingMonitor(mocks, current, stack, project);
        pulumi.runtime.setMockOptions(monitor, project, stack, false);
        pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);

        return withoutPromiseStacks(() =>
            catchEscapes(async (escaped) => {
                let error: unknown;
                let failed = false;
                const fail = (e: unknown) => {
                    if (!failed) error = e;
                    failed = true;
                };
                try {
                    // The program's own error is caught inside the stack's init, so the stack completes and
                    // no promise the SDK derived from it is left rejected and unhandled.
                    await pulumi.runtime.runInPulumiStack(async () => {
                        try {
                            const result = await loadProgram(program);
                            return (typeof result === "object" && result !== null ? result : undefined) as
                                | pulumi.Inputs
                                | undefined;
                        } catch (e) {
                            fail(e);
                            return undefined;
                        }
                    });
                } catch (e) {
                    fail(e);
                }
                try {
                    await drain();
                    // A macrotask turn, for failures the program scheduled with a timer of 0.
                    await new Promise((r) => setTimeout(r, 0));
                    await drain();
                } catch (e) {
                    fail(e);
                }
                for (const f of escaped) fail(f.error);
                if (monitor.missingFiles.length > 0) {
                    const lines = monitor.missingFiles.map(
                        (m) => `${m.type} "${m.name}": ${m.property} points at ${m.path}, which does not exist`,
                    );
                    fail(
                        new Error(
                            `${lines.join("\n")}\n(pulumi up would fail to read ${lines.length === 1 ? "it" : "them"})`,
                        ),
                    );
                }
                const plan: Plan = {
                    version: PLAN_FORMAT_VERSION,
                    project,
                    stack,
                    rootUrn: monitor.rootUrn,
                    resources: [...monitor.registered]
                        .sort((a, b) => a.order - b.order)
                        .map(({ order: _order, ...r }) => r),
                    outputs: monitor.stackOutputs,
                    secretKeyId: secretKeyId(activeKey),
                    region: ctx.region,
                };
                return { plan, error, failed };
            }),
        );
    });
}

/** Runs a program under mocks and returns its plan; rethrows the program's error. */
export async function runPlan(program: Program, options: PlanOptions = {}): Promise<Plan> {
    const { plan, error, failed } = await capturePlan(program, options);
    if (failed) throw error;
    return plan;
}
