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

/**
 * Runs a CLI entry as the process: a failure that escapes the program at any time (a rejection
 * nobody handles, an exception in a callback, even after its plan was printed) makes the exit
 * code 1 with "the program failed: …"; the process exits only once stdout and stderr drained, so
 * a plan piped to another command arrives whole.
 */
export async function runAsProcess(
    entry: (io: Io) => Promise<number>,
    describe: (error: unknown) => string | Promise<string> = async (e) => {
        const mod = (await import("./cli.js")) as Partial<typeof import("./cli.js")> & {
            default?: typeof import("./cli.js");
        };
        return (mod.describeFailure ?? mod.default?.describeFailure ?? String)(e);
    },
): Promise<never> {
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
    const say = async (prefix: string, error: unknown) => {
        let text: string;
        try {
            text = await describe(error);
        } catch {
            text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        }
        io.stderr(`${prefix}${text}\n`);
    };
    let code: number;
    try {
        code = await entry(io);
    } catch (e) {
        // Not the program's failure (the commands report those): the command itself could not run.
        await say("", e);
        code = 1;
    }
    // One more turn of the event loop, for a failure that lands right after the last registration.
    await new Promise((r) => setTimeout(r, 0));
    if (late && code === 0) {
        await say("the program failed: ", late.error);
        code = 1;
    }
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    process.exit(code);
}
