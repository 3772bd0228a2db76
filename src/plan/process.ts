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

/** How a failure reads on the terminal (the CLI's, loaded only when something failed). */
function describe(error: unknown): string {
    return (require("./cli") as typeof import("./cli")).describeFailure(error);
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

/**
 * Runs a CLI entry as the process: a failure that escapes the program at any time (a rejection
 * nobody handles, an exception in a callback, even after its plan was printed) makes the exit
 * code 1 with "the program failed: …"; the process exits only once stdout and stderr drained, so
 * a plan piped to another command arrives whole.
 */
export async function runAsProcess(entry: (io: Io) => Promise<number>): Promise<never> {
    const io = processIo();
    let late: { error: unknown } | undefined;
    const onEscape = (error: unknown) => {
        late ??= { error };
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
        io.stderr(`the program failed: ${describe(e)}\n`);
        code = 1;
    }
    // One more turn of the event loop, for a failure that lands right after the last registration.
    await new Promise((r) => setTimeout(r, 0));
    if (late && code === 0) {
        io.stderr(`the program failed: ${describe(late.error)}\n`);
        code = 1;
    }
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    process.exit(code);
}
