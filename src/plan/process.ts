/**
 * The CLI's contact with the real process, kept apart from the commands (and free of Pulumi) so
 * `--help` stays instant and tests can run every command in-process with an {@link Io} of strings.
 */

/** Where a command reads and writes: the real process, or strings in a test. */
export interface Io {
    /** The folder relative paths are resolved against. */
    cwd: string;
    stdout(text: string): void;
    stderr(text: string): void;
}

/** The real process's io. */
export function processIo(): Io {
    return { cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
}

/** Resolves once everything written to the stream so far has been handed to the OS. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
    return new Promise((resolve) => {
        if (stream.destroyed || !stream.writable) return resolve();
        stream.write("", () => resolve());
    });
}

/** How long a finished command waits for what its program left running (timers, sockets) before exiting anyway. */
export const EXIT_GRACE_MS = 10_000;

/**
 * Runs a CLI entry as the process. The process ends when its event loop is empty, which is only
 * once stdout and stderr have drained (a plan piped to another command arrives whole), or
 * {@link EXIT_GRACE_MS} after the command finished if the program left something running. A
 * failure that escapes the program at any time before that (a rejection nobody handles, an
 * exception in a callback, even after the plan was printed) makes the exit code 1 with
 * "the program failed: …".
 */
export async function runAsProcess(
    entry: (io: Io) => Promise<number>,
    describe: (error: unknown) => string | Promise<string> = async (e) => {
        const mod = (await import("./cli.js")) as Partial<typeof import("./cli.js")> & {
            default?: typeof import("./cli.js");
        };
        return (mod.describeFailure ?? mod.default?.describeFailure ?? String)(e);
    },
): Promise<void> {
    const io = processIo();
    const say = async (prefix: string, error: unknown) => {
        let text: string;
        try {
            text = await describe(error);
        } catch {
            text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        }
        io.stderr(`${prefix}${text}\n`);
    };
    let finished = false;
    let escaped: { error: unknown } | undefined;
    const onEscape = (error: unknown) => {
        if (escaped) return;
        escaped = { error };
        process.exitCode = 1;
        if (finished) void say("the program failed: ", error);
    };
    process.on("unhandledRejection", onEscape);
    process.on("uncaughtException", onEscape);
    // A reader that goes away (`| head`) is not a failure of ours.
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE") onEscape(e);
    });
    let code: number;
    try {
        code = await entry(io);
    } catch (e) {
        // Not the program's failure (the commands report those): the command itself could not run.
        await say("", e);
        code = 1;
    }
    finished = true;
    if (escaped && code === 0) {
        await say("the program failed: ", escaped.error);
        code = 1;
    }
    process.exitCode = escaped ? Math.max(code, 1) : code;
    // The loop ends by itself once the output drained; a program that left a timer running gets a grace period.
    setTimeout(() => {
        void Promise.all([drained(process.stdout), drained(process.stderr)]).then(() => process.exit());
    }, EXIT_GRACE_MS).unref();
}
