// biaslab run <id>: one claim; prints its checks and verdict (or the Result as JSON)
// and writes the output folder. Exit 1 when a check fails.
import type { Command } from "commander";
import { checksTable, resultPasses, verdictLine } from "../checks.ts";
import { findClaim } from "../claims.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_FAIL, EXIT_OK } from "../errors.ts";
import { resolvePath, writeJson } from "../io.ts";
import { collect, parseNonNegativeInt, parseSets } from "../options.ts";
import { startProgress } from "../progress.ts";
import { parseParameters } from "../../run/index.ts";
import type { Experiment } from "../../experiments/index.ts";
import { InternalError, UsageError, oneLine } from "../errors.ts";

interface RunOptions {
  quick?: boolean;
  set?: string[];
  seed?: number;
  out: string | false;
  json?: boolean;
}

export function registerRun(program: Command, ctx: CommandContext): void {
  program
    .command("run")
    .description("run one claim: its checks, verdict and output folder (result.json, trace.csv, figures/*.svg, report.html)")
    .argument("<id>", "claim id (see 'biaslab list')")
    .option("--quick", "the claim's small setup (seconds)")
    .option("--set <key=value>", "override a parameter of the claim (repeatable); values are JSON or plain strings", collect)
    .option("--seed <n>", "random seed (non-negative integer)", parseNonNegativeInt)
    .option("--out <dir>", "output folder (default: biaslab-out/<id>)")
    .option("--no-out", "write no output folder")
    .option("--json", "print the Result as JSON on stdout and nothing else")
    .addHelpText("after", "\nExit codes: 0 every check passes, 1 a check fails, 2 bad input (or the claim's data set is not installed).")
    .action(async (id: string, opts: RunOptions) => {
      const { io } = ctx;
      const overrides = parseSets(opts.set ?? []);
      const lab = await ctx.lab();
      const exp = findClaim(lab.experiments, id);
      const outDir = opts.out === false ? undefined : (opts.out ?? `biaslab-out/${exp.id}`);

      const progress = await startProgress(io, !opts.json, lab.progressBar);
      let result;
      try {
        result = await lab.runExperiment(exp, {
          quick: opts.quick ?? false,
          seed: opts.seed,
          overrides,
          onProgress: (f, label) => progress.update(f, label ?? exp.id),
        });
      } catch (e) {
        throw classifyRunError(e, exp, opts.quick ?? false, Object.keys(overrides).length > 0);
      } finally {
        progress.done();
      }

      if (outDir !== undefined) await lab.writeRunDir(resolvePath(io, outDir), [result]);
      if (opts.json) {
        writeJson(io.stdout, result);
      } else {
        io.stdout.write(`${exp.id} (${exp.section}; seeds ${exp.seeds.join(", ")}): ${exp.claim}\n\n`);
        io.stdout.write(checksTable([result]));
        io.stdout.write(`\n${resultPasses(result) ? "PASS" : "FAIL"}: ${verdictLine([result])}\n`);
      }
      if (outDir !== undefined) io.stderr.write(`biaslab: wrote ${outDir}${opts.json ? "" : " (open report.html)"}\n`);
      ctx.exit(resultPasses(result) ? EXIT_OK : EXIT_FAIL);
    });
}

/**
 * Bad --set values are the user's (ParameterError, or a RangeError raised while running
 * with overrides), and so is a data set that is not installed (MissingDataError); anything
 * else thrown by a claim is a bug in it, reported with its stack.
 */
function classifyRunError(e: unknown, exp: Experiment, quick: boolean, overridden: boolean): unknown {
  if (!(e instanceof Error)) return e;
  // the claim's data set is not installed: the message says what is missing and how to install it (exit 2)
  if (e.name === "MissingDataError") return e;
  if (e.name !== "ParameterError") {
    if (e instanceof RangeError && overridden) return new UsageError(`${exp.id}: ${oneLine(e.message)}`, "the --set values are outside what the claim supports");
    return new InternalError(`claim ${exp.id} failed`, e);
  }
  if (e.message.includes(";")) return e;
  let defaults = "";
  try {
    defaults = Object.entries(parseParameters(exp.id, exp.params, quick ? exp.quick : undefined))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
  } catch {
    return e;
  }
  return new UsageError(oneLine(e.message), `parameters of ${exp.id}${quick ? " (--quick)" : ""}: ${defaults}`);
}
