import Module = require("node:module");

import * as path from "node:path";

/**
 * Defers the parts of `@pulumi/pulumi` an offline plan never uses, for the plan commands only
 * (`npm run plan`, the `compute-layer` bin). Importing the SDK loads, at once, the code that
 * serialises JavaScript closures for `aws.lambda.CallbackFunction` and friends: npm's Arborist (to
 * find a closure's packages) and the TypeScript compiler (to parse function text). That is about
 * half of the SDK's import time, and a plan of a program that makes no closure never calls it.
 *
 * Each module listed below is given to the SDK as a stand-in that loads the real module the first
 * time any of its members is read, so a program that does serialise a closure works as before, a
 * moment later. Known function exports that the SDK copies at import time
 * (`exports.computeCodePaths = codePaths_1.computeCodePaths`) are forwarded without loading.
 * When the SDK's files differ from what is listed (another version), nothing is deferred.
 *
 * It is not used by `pulumi up`, whose language host loads the SDK itself, nor by the library.
 */
interface Deferred {
    /** The module's own `__esModule` flag, answered without loading it. */
    esModule: boolean;
    /** Function exports the SDK reads while it loads; calls go to the real module. */
    functions: readonly string[];
}

/** By path inside the `@pulumi/pulumi` package. */
export const DEFERRED: Readonly<Record<string, Deferred>> = {
    // Required by runtime/index.js, which copies computeCodePaths; it requires @npmcli/arborist.
    "runtime/closure/codePaths.js": { esModule: true, functions: ["computeCodePaths"] },
    // `module.exports = require("typescript")`, required by the closure parser and the analyzer.
    "typescript-shim.js": { esModule: false, functions: [] },
};

type Load = (request: string, parent: Module | undefined, isMain: boolean) => unknown;
interface ModuleInternals {
    _load: Load;
    _resolveFilename(request: string, parent: Module | undefined, isMain: boolean): string;
    _cache: Record<string, unknown>;
}

let installed = false;

/**
 * Installs the deferral for the `@pulumi/pulumi` that `from` resolves (the program's). Call it
 * before the SDK is first loaded; returns false when the SDK was not found or was already loaded.
 */
export function deferUnusedSdkParts(from: string = process.cwd()): boolean {
    if (installed) return true;
    const M = Module as unknown as ModuleInternals;
    let sdk: string;
    try {
        sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [from] }));
    } catch {
        return false;
    }
    const targets = new Map<string, Deferred>();
    for (const [rel, spec] of Object.entries(DEFERRED)) targets.set(path.join(sdk, rel), spec);
    if ([...targets.keys()].some((f) => M._cache[f] !== undefined)) return false;

    const stand = new Map<string, object>();
    const load = M._load;
    const prefix = sdk + path.sep;
    M._load = function (this: unknown, request, parent, isMain) {
        if (parent?.filename?.startsWith(prefix)) {
            let file: string | undefined;
            try {
                file = M._resolveFilename(request, parent, isMain);
            } catch {
                file = undefined;
            }
            const spec = file === undefined ? undefined : targets.get(file);
            if (file !== undefined && spec && M._cache[file] === undefined) {
                let proxy = stand.get(file);
                if (!proxy) {
                    proxy = standIn(() => load.call(M, file, parent, false) as Record<PropertyKey, unknown>, spec);
                    stand.set(file, proxy);
                }
                return proxy;
            }
        }
        return load.call(this, request, parent, isMain);
    };
    installed = true;
    return true;
}

/** An object that behaves as the module `load()` returns, loading it on first real use. */
function standIn(load: () => Record<PropertyKey, unknown>, spec: Deferred): object {
    let real: Record<PropertyKey, unknown> | undefined;
    const get = () => {
        real ??= load();
        return real;
    };
    return new Proxy(
        {},
        {
            get(_, key) {
                if (real === undefined) {
                    if (key === "__esModule") return spec.esModule;
                    if (typeof key === "string" && spec.functions.includes(key)) {
                        return (...args: unknown[]) => (get()[key] as (...a: unknown[]) => unknown)(...args);
                    }
                }
                return get()[key];
            },
            has: (_, key) => key in get(),
            ownKeys: () => Reflect.ownKeys(get()),
            getOwnPropertyDescriptor(_, key) {
                const d = Reflect.getOwnPropertyDescriptor(get(), key);
                // A proxy may only report a property as non-configurable if its target has it.
                if (d) d.configurable = true;
                return d;
            },
        },
    );
}
