// biaslab verify: every registered claim (or --only some); one table row per check,
// an HTML report with every result in --out, exit 1 if any claim fails.
import type { Command } from "commander";
import type { Experiment } from "../../experiments/index.ts";
import type { Result } from "../../run/index.ts";
import { checksTable, overallVerdict, resultSkipped, verdictLine } from "../checks.ts";
import { findClaim } from "../claims.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_FAIL, EXIT_OK, EXIT_USAGE, UsageError, oneLine } from "../errors.ts";
import { resolvePath, writeJson } from "../io.ts";
import { parseList, parseNonNegativeInt } from "../options.ts";
import { startProgress } from "../progress.ts";

interface VerifyOptions {
  quick?: boolean;
  only?: string[];
  out: string | false;
  json?: boolean;
  seed?: number;
}

export function registerVerify(program: Command, ctx: CommandContext): void {
  program
    .command("verify")
    .description("run every claim and print one row per check: claim, measured, predicted, competitor, verdict")
    .option("--quick", "each claim's small setup (seconds each)")
    .option("--only <ids>", "comma-separated claim ids to run instead of all", parseList)
    .option("--seed <n>", "random seed for every claim (non-negative integer)", parseNonNegativeInt)
    .option("--out <dir>", "folder for report.html and the results (default: biaslab-out/verify)")
    .option("--no-out", "write no output folder")
    .option("--json", "print { pass, skipped, results } as JSON on stdout and nothing else")
    .addHelpText(
      "after",
      "\nA claim whose data set is not installed is skipped (it neither passes nor fails; the row says how to install it).\nExit codes: 0 every claim that ran passes, 1 a claim fails, 2 bad input or no claim could run.",
    )
    .action(async (opts: VerifyOptions) => {
      const { io } = ctx;
      const lab = await ctx.lab();
      let claims: readonly Experiment[] = lab.experiments;
      if (opts.only !== undefined) {
        if (opts.only.length === 0) throw new UsageError("--only lists no claim ids", "give comma-separated ids from 'biaslab list'");
        claims = [...new Set(opts.only)].map((id) => findClaim(lab.experiments, id));
      }
      if (claims.length === 0) throw new UsageError("no claims are registered", "nothing to verify");
      const outDir = opts.out === false ? undefined : (opts.out ?? "biaslab-out/verify");

      const progress = await startProgress(io, !opts.json, lab.progressBar);
      const results: Result[] = [];
      try {
        for (const [i, exp] of claims.entries()) {
          const n = claims.length;
          progress.update(i / n, exp.id);
          results.push(
            await runClaim(exp, () =>
              lab.runExperiment(exp, {
                quick: opts.quick ?? false,
                seed: opts.seed,
                onProgress: (f, label) => progress.update((i + Math.min(Math.max(f, 0), 1)) / n, label ? `${exp.id}: ${label}` : exp.id),
              }),
            (msg) => io.stderr.write(msg)),
          );
        }
      } finally {
        progress.done();
      }

      const verdict = overallVerdict(results);
      const pass = verdict === "pass";
      const skipped = results.filter(resultSkipped).map((r) => ({ id: r.id, reason: r.skipped }));
      if (outDir !== undefined) await lab.writeRunDir(resolvePath(io, outDir), results);
      if (opts.json) {
        writeJson(io.stdout, { pass, skipped, results });
      } else {
        io.stdout.write(checksTable(results));
        io.stdout.write(`\n${verdict.toUpperCase()}: ${verdictLine(results)}\n`);
      }
      if (outDir !== undefined) io.stderr.write(`biaslab: wrote ${outDir}${opts.json ? "" : " (open report.html)"}\n`);
      ctx.exit(verdict === "pass" ? EXIT_OK : verdict === "fail" ? EXIT_FAIL : EXIT_USAGE);
    });
}

/**
 * Runs one claim; a claim that throws fails verification (with the error reported on
 * stderr) instead of hiding the verdicts of the others. A claim whose data set is not
 * installed (MissingDataError) is skipped, with the reason and the install command.
 */
async function runClaim(exp: Experiment, run: () => Promise<Result>, log: (msg: string) => void): Promise<Result> {
  const t0 = performance.now();
  try {
    return await run();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof Error && e.name === "MissingDataError") {
      const reason = oneLine(message);
      log(`biaslab: skipped ${exp.id}: ${reason}\n`);
      return { id: exp.id, params: {}, checks: [], traces: [], figures: [], summary: {}, claim: exp.claim, skipped: reason, seconds: (performance.now() - t0) / 1000 };
    }
    log(`biaslab: claim ${exp.id} stopped with an error:\n${e instanceof Error ? (e.stack ?? message) : message}\n`);
    return {
      id: exp.id,
      params: {},
      checks: [{ name: "runs to completion", measured: 1, comparator: "<=", threshold: 0, pass: false, note: message }],
      traces: [],
      figures: [],
      summary: { error: message },
      seconds: (performance.now() - t0) / 1000,
    };
  }
}
