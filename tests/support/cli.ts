import { run } from "../../src/plan/bin";
import { main } from "../../src/plan/cli";
import type { Io } from "../../src/plan/process";

/** What a CLI command did: its exit code and what it printed. */
export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

function capture(cwd: string): { io: Io; result: () => Omit<CliResult, "code"> } {
    let stdout = "";
    let stderr = "";
    return {
        io: {
            cwd,
            stdout: (t) => {
                stdout += t;
            },
            stderr: (t) => {
                stderr += t;
            },
        },
        result: () => ({ stdout, stderr }),
    };
}

/** Runs `npm run plan -- <argv>` in-process (the CLI's `main`), its output captured. */
export async function planCli(argv: string[], cwd = process.cwd()): Promise<CliResult> {
    const { io, result } = capture(cwd);
    const code = await main(argv, io);
    return { code, ...result() };
}

/** Runs `compute-layer <argv>` in-process (the bin's `run`), its output captured. */
export async function binCli(argv: string[], cwd = process.cwd()): Promise<CliResult> {
    const { io, result } = capture(cwd);
    const code = await run(argv, io);
    return { code, ...result() };
}
