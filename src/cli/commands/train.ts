// biaslab train --data F.csv --optimizer NAME: runs the optimizer from w0 = 0 on
// L(w) = (1/2N)‖Xw − y‖² and measures how far its predictor lands from every
// applicable reference program (the candidate implicit biases).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { RegressionData } from "../../data/index.ts";
import type { Potential } from "../../geometry/index.ts";
import { relDist } from "../../linalg/index.ts";
import { linearModel, leastSquares } from "../../models/index.ts";
import { optimizerRegistry, type OptimizerEntry } from "../../optimizers/index.ts";
import { Rng } from "../../random/index.ts";
import { programRegistry } from "../../references/index.ts";
import { runOptimizer, type RunOutcome } from "../../run/index.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_OK, UsageError } from "../errors.ts";
import { readRegressionCsv, readStartingPoint, writeOutputDir } from "../files.ts";
import { writeJson } from "../io.ts";
import { checkKeys, collect, parseNonNegativeInt, parsePositiveInt, parsePositiveNumber, parseSets } from "../options.ts";
import { fmt, formatTable } from "../table.ts";
import { dataSummary, featureNames, resolvePotential } from "../userData.ts";

interface TrainOptions {
  data: string;
  target?: string;
  optimizer: string;
  lr?: number;
  iters: number;
  set: string[];
  potential?: string;
  w0?: string;
  model: string;
  loss: string;
  seed: number;
  json?: boolean;
  out?: string;
}

/** The references every linear least-squares run is compared with. */
const NORM_REFERENCES = ["min-l2", "min-l1", "min-linf"] as const;

export function registerTrain(program: Command, ctx: CommandContext): void {
  program
    .command("train")
    .description("train on your data and measure the distance of the predictor to every applicable reference program")
    .requiredOption("--data <file>", "CSV file: a header row of column names, one row per example")
    .option("--target <name>", "target column y (default: the last column); every other column is a feature")
    .requiredOption("--optimizer <name>", `one of: ${Object.keys(optimizerRegistry).join(", ")}`)
    .option("--lr <x>", "step size η (default: the optimizer's default, listed below)", parsePositiveNumber)
    .option("--iters <n>", "iteration budget", parsePositiveInt, 10000)
    .option("--set <key=value>", "any other option of the optimizer (repeatable), e.g. --set momentum=0.5", collect, [])
    .option("--potential <id>", "mirror-descent potential: euclidean, entropy, simplex-entropy, p-norm:<p>, hyperbolic:<beta>")
    .option("--w0 <w0>", "starting point: a number (every entry) or a file of d numbers (default: 0, or the nearest of 1, 1/d in the potential's domain)")
    .option("--model <name>", "parameterization of the predictor: linear", "linear")
    .option("--loss <name>", "loss on the residuals: squared", "squared")
    .option("--seed <n>", "random seed for stochastic optimizers", parseNonNegativeInt, 0)
    .option("--json", "print { optimizer, iterations, stopReason, loss, predictor, distances } and nothing else")
    .option("--out <dir>", "also write result.json and trace.csv (loss at log-spaced iterations) into this folder")
    .addHelpText("after", () => `\nOptimizers and their defaults:\n${optimizerHelp()}\nExit codes: 0 trained, 2 bad input or a diverged run (with the stability bound 2/β).`)
    .action(async (opts: TrainOptions) => {
      const { io } = ctx;
      if (opts.model !== "linear") throw new UsageError(`unknown --model '${opts.model}'`, "models are: linear");
      if (opts.loss !== "squared") throw new UsageError(`unknown --loss '${opts.loss}'`, "losses are: squared");
      const entry = optimizerEntry(opts.optimizer);
      const sets = parseSets(opts.set);
      checkKeys(sets, Object.keys(entry.options), `optimizer ${opts.optimizer}`);
      if (opts.lr !== undefined) {
        if (!("lr" in entry.options)) throw new UsageError(`optimizer ${opts.optimizer} takes no --lr`, `its options are: ${Object.keys(entry.options).join(", ") || "(none)"}`);
        if ("lr" in sets) throw new UsageError("the step size is given twice (--lr and --set lr=…)", "give one");
        sets.lr = opts.lr;
      }
      if (opts.potential !== undefined) {
        if (!("potential" in entry.options)) throw new UsageError(`optimizer ${opts.optimizer} has no potential`, "--potential applies to mirror-descent");
        if ("potential" in sets) throw new UsageError("the potential is given twice (--potential and --set potential=…)", "give one");
        sets.potential = opts.potential;
      }
      let potential: { id: string; psi: Potential } | undefined;
      if ("potential" in entry.options) {
        const id = sets.potential ?? entry.defaults.potential;
        if (typeof id !== "string") throw new UsageError("--set potential needs a potential id", "e.g. --potential entropy");
        potential = { id, psi: resolvePotential(id) };
        sets.potential = potential.psi;
      }

      const data = readRegressionCsv(io, opts.data, opts.target);
      const d = data.X.cols;
      const theta0 = opts.w0 !== undefined ? readStartingPoint(io, opts.w0, d) : defaultStart(d, potential?.psi);
      if (potential && !potential.psi.inDomain(theta0)) {
        throw new UsageError(`--w0 is outside the domain of the potential ${potential.psi.name}`, "e.g. entropy needs w0 > 0, simplex-entropy a point of the simplex");
      }
      const optimizer = createOptimizer(entry, sets);
      const objective = leastSquares(data, linearModel(d));
      const outcome = await runOptimizer({ objective, optimizer, theta0, rng: new Rng(opts.seed), maxIter: opts.iters });
      if (outcome.stopReason === "diverged") throw divergedError(outcome, objective.smoothness?.(theta0), sets.lr);

      const predictor = objective.parameterization.predictor(outcome.state.theta, new Float64Array(objective.parameterization.predictorDim));
      const distances = await referenceDistances(data, predictor, theta0, potential);
      const report = {
        optimizer: opts.optimizer,
        iterations: outcome.iterations,
        stopReason: outcome.stopReason,
        loss: outcome.finalLoss,
        predictor: Array.from(predictor),
        distances: Object.fromEntries(Object.entries(distances).map(([k, v]) => [k, v.distance])),
      };

      if (opts.out !== undefined) {
        const outcomeHistory = outcome.lossHistory;
        await writeOutputDir(io, opts.out, (tmp) => {
          writeFileSync(join(tmp, "result.json"), `${JSON.stringify({ ...report, data: opts.data, w0: Array.from(theta0), options: describeOptions(sets) }, null, 2)}\n`);
          writeFileSync(join(tmp, "trace.csv"), `t,loss\n${outcomeHistory.t.map((t, i) => `${t},${outcomeHistory.loss[i]}`).join("\n")}\n`);
        });
      }
      if (opts.json) {
        writeJson(io.stdout, report);
      } else {
        io.stdout.write(`${optimizer.name} on ${dataSummary(opts.data, data)}\n`);
        const start = opts.w0 !== undefined ? `w0 from --w0 ${opts.w0}` : potential ? `w0 = ∇ψ*(0) = argmin ψ` : "w0 = 0";
        io.stdout.write(`${start}; ${outcome.iterations} iterations (${outcome.stopReason}), final loss (1/2N)‖Xw − y‖² = ${fmt(outcome.finalLoss)}\n\n`);
        io.stdout.write("relative distance ‖w − w*‖₂/‖w*‖₂ of the final predictor to each reference w*:\n");
        io.stdout.write(
          formatTable([
            ["reference", "program", "distance"],
            ...Object.entries(distances).map(([k, v]) => [k, v.description, v.distance === null ? `n/a: ${v.note}` : fmt(v.distance)]),
          ]),
        );
        const features = featureNames(data);
        io.stdout.write(`\n${formatTable([["feature", "w"], ...Array.from(predictor, (w, j) => [features[j], String(w)])])}`);
      }
      if (opts.out !== undefined) io.stderr.write(`biaslab: wrote ${opts.out}\n`);
      ctx.exit(EXIT_OK);
    });
}

function optimizerEntry(name: string): OptimizerEntry {
  if (!Object.prototype.hasOwnProperty.call(optimizerRegistry, name)) {
    throw new UsageError(`unknown optimizer '${name}'`, `optimizers are: ${Object.keys(optimizerRegistry).join(", ")}`);
  }
  return optimizerRegistry[name];
}

function createOptimizer(entry: OptimizerEntry, options: Record<string, unknown>) {
  try {
    return entry.create(options);
  } catch (e) {
    if (e instanceof Error && (e.name === "OptimizerOptionError" || e instanceof RangeError)) throw new UsageError(e.message.replace(/\s*\n\s*/g, " "));
    throw e;
  }
}

/** w0 = 0, or for mirror descent w0 = ∇ψ*(0) = argmin ψ (0 for ½‖·‖², 1 for entropy, 1/d for the simplex). */
function defaultStart(d: number, potential: Potential | undefined): Float64Array {
  const zero = new Float64Array(d);
  return potential ? potential.gradConj(zero, new Float64Array(d)) : zero;
}

/**
 * Divergence is the user's step size, not a bug: say so with the stability bound of
 * gradient descent on a β-smooth objective, η < 2/β (β = λ_max(XᵀX)/N here).
 */
function divergedError(outcome: RunOutcome, beta: number | undefined, lr: unknown): UsageError {
  const why = outcome.divergence?.reason ?? "the loss blew up";
  const step = typeof lr === "number" ? `the step size lr = ${fmt(lr)} diverged (${why})` : `the run diverged (${why})`;
  if (beta === undefined || !(beta > 0)) return new UsageError(step, "use a smaller --lr");
  return new UsageError(
    step,
    `the stability bound is 2/β = ${fmt(2 / beta)} for β = λmax(XᵀX)/N = ${fmt(beta)}; use --lr below ${fmt(2 / beta)}`,
  );
}

interface ReferenceDistance {
  readonly description: string;
  /** relative distance, or null when the program does not apply (e.g. Xw = y has no solution) */
  readonly distance: number | null;
  readonly note?: string;
}

/** Relative distance of the predictor to min-l2, min-l1, min-linf (and the Bregman projection under the potential). */
async function referenceDistances(
  data: RegressionData,
  predictor: Float64Array,
  w0: Float64Array,
  potential: { id: string; psi: Potential } | undefined,
): Promise<Record<string, ReferenceDistance>> {
  const problem = { X: data.X, y: data.Y.data, w0 };
  const jobs: [string, Record<string, string>][] = NORM_REFERENCES.map((p) => [p, {}]);
  if (potential) jobs.push(["bregman", { potential: potential.id }]);
  const out: Record<string, ReferenceDistance> = {};
  for (const [name, options] of jobs) {
    const entry = programRegistry[name];
    const description = name === "bregman" ? `${entry.description}, ψ = ${potential!.psi.name}` : entry.description;
    try {
      const sol = await entry.solve(problem, options);
      out[name] = { description, distance: relDist(predictor, sol.solution) };
    } catch (e) {
      // a reference that does not exist on these data (e.g. no interpolating w) is reported, not fatal
      if (!(e instanceof RangeError)) throw e;
      out[name] = { description, distance: null, note: e.message.replace(/\s*\n\s*/g, " ") };
    }
  }
  return out;
}

function describeOptions(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options).map(([k, v]) => [k, v !== null && typeof v === "object" && "gradConj" in v ? ((v as Potential).id ?? (v as Potential).name) : v]),
  );
}

function optimizerHelp(): string {
  return Object.entries(optimizerRegistry)
    .map(([name, e]) => {
      const defaults = Object.entries(e.defaults).map(([k, v]) => `${k}=${v}`).join(" ");
      return `  ${name.padEnd(15)}${e.description}${defaults ? ` [${defaults}]` : ""}`;
    })
    .join("\n");
}
