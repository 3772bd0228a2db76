/**
 * `plan diff` / `compute-layer diff`: compares two plan files, as text or as the pull-request
 * comment (markdown, with the head plan's picture, its policy violations and the monthly cost).
 *
 *     compute-layer diff <base.json> <head.json> [--format text|markdown] [--out FILE] [--fail-on delete|stateful-delete]
 *
 * Exit codes: 0 done, 2 bad usage or an unreadable plan file, 3 `--fail-on` matched.
 */
import * as path from "node:path";
import { checkPlan } from "./check";
import { CliError, type Command, guarded, parse_, USAGE, writeResult } from "./cli";
import { estimateCost } from "./cost/estimate";
import { costSection } from "./cost/render";
import {
    diffExitCode,
    diffPlans,
    type FailOn,
    PlanFileError,
    readPlanFile,
    renderDiffMarkdown,
    renderDiffText,
} from "./diff";
import { renderMermaid } from "./mermaid";
import type { Plan } from "./types";

const FAIL_ON: FailOn[] = ["delete", "stateful-delete"];

/**
 * Runs `plan diff <base.json> <head.json>` with argv (after `diff`). The markdown format embeds
 * a mermaid picture of the head plan. `exitCode` is 3 when `--fail-on` matches, else 0.
 */
export function diffCommand(argv: string[], cwd = process.cwd()): { text: string; out?: string; exitCode: number } {
    const parsed = parse_({
        args: argv,
        options: {
            format: { type: "string", default: "text" },
            out: { type: "string" },
            "fail-on": { type: "string" },
        },
        allowPositionals: true,
    });
    const v = parsed.values as unknown as { format: string; out?: string; "fail-on"?: string };
    if (parsed.positionals.length !== 2)
        throw new CliError(
            `plan diff takes two plan files, base and head (got ${parsed.positionals.length})\n${USAGE}`,
            2,
        );
    if (v.format !== "text" && v.format !== "markdown")
        throw new CliError(`--format must be text or markdown for diff (got ${v.format})\n${USAGE}`, 2);
    const failOn = v["fail-on"];
    if (failOn !== undefined && !FAIL_ON.includes(failOn as FailOn))
        throw new CliError(`--fail-on must be ${FAIL_ON.join(" or ")} (got ${failOn})\n${USAGE}`, 2);
    try {
        const [base, head] = parsed.positionals.map((f) => readPlanFile(path.isAbsolute(f) ? f : path.resolve(cwd, f)));
        const diff = diffPlans(base, head);
        const text =
            v.format === "markdown"
                ? renderDiffMarkdown(diff, {
                      picture: renderMermaid(head),
                      violations: { head: checkPlan(head), base: checkPlan(base) },
                      cost: costSectionOf(base, head),
                  })
                : renderDiffText(diff);
        return { text, out: v.out, exitCode: diffExitCode(diff, failOn as FailOn | undefined) };
    } catch (e) {
        if (e instanceof PlanFileError) throw new CliError(e.message, 2);
        throw e;
    }
}

/** The `diff` command. */
export const diffMain: Command = (argv, io) =>
    guarded(io, async () => {
        const { text, out, exitCode } = diffCommand(argv, io.cwd);
        writeResult(text, out, "diff", io);
        return exitCode;
    });

/** The diff comment's cost section; none when the region has no prices (the diff still renders). */
function costSectionOf(base: Plan, head: Plan): string | undefined {
    const region = head.region ?? base.region ?? "us-east-1";
    try {
        return costSection(estimateCost(base, { region }), estimateCost(head, { region }));
    } catch {
        return undefined;
    }
}
