// biaslab train --data F.csv --optimizer NAME: runs the optimizer from w0 = 0 on
// L(w) = (1/2N)‖Xw − y‖² and measures how far its predictor lands from every
// applicable reference program (the candidate implicit biases).
import type { Command } from "commander";
import type { Potential } from "../../geometry/index.ts";
import { linearModel, leastSquares } from "../../models/index.ts";
import { marginOptimizerRegistry, optimizerRegistry, type Optimizer, type OptimizerEntry } from "../../optimizers/index.ts";
import type { lineChart as LineChart, traceRows as TraceRows } from "../../report/index.ts";
import type { Result, Trace } from "../../run/index.ts";
import type { CommandContext } from "../context.ts";
import { addClassificationDataOptions, rejectClassificationFlags, type ClassificationFlags } from "../classificationData.ts";
import { EXIT_OK, UsageError, oneLine } from "../errors.ts";
import { readRegressionCsv, readStartingPoint } from "../files.ts";
import { resolvePath, writeJson } from "../io.ts";
import { checkKeys, collect, parseNonNegativeInt, parsePositiveInt, parsePositiveNumber, parseSets } from "../options.ts";
import { runTraining, stepSize } from "../training.ts";
import { distancesTo, solveReferences, type ReferencePoint } from "../references.ts";
import { fmt, formatTable } from "../table.ts";
import { dataSummary, featureNames, resolvePotential } from "../userData.ts";
import { MATRIX_FORMATS } from "../matrixData.ts";
import { MATRIX_MODELS, MATRIX_MODEL_HELP, addMatrixTrainOptions, parseMatrixModel, rejectMatrixTrainFlags, type MatrixTrainFlags } from "../matrixModels.ts";

export interface TrainOptions extends ClassificationFlags, MatrixTrainFlags {
  data: string;
  target?: string;
  optimizer: string;
  lr?: number;
  iters: number;
  set?: string[];
  potential?: string;
  w0?: string;
  model: string;
  loss: string;
  seed: number;
  json?: boolean;
  out?: string;
}

export function registerTrain(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("train")
    .description("train on your data and measure the distance of the predictor to every applicable reference program")
    .requiredOption("--data <file>", "CSV file: a header row of column names, one row per example (classification: or IDX images with --labels; matrix models: see Matrix data below)")
    .option("--target <name>", "the target or label column (default: the last column); every other column is a feature")
    .requiredOption("--optimizer <name>", `one of: ${Object.keys(optimizerRegistry).join(", ")}; classification also ${Object.keys(marginOptimizerRegistry).join(", ")}`)
    .option("--lr <x>", "step size η (default: the optimizer's default, listed below)", parsePositiveNumber)
    .option("--iters <n>", "iteration budget", parsePositiveInt, 10000)
    .option("--set <key=value>", "any other option of the optimizer (repeatable), e.g. --set momentum=0.5", collect)
    .option("--potential <id>", "mirror-descent potential: euclidean, entropy, simplex-entropy, p-norm:<p>, hyperbolic:<beta>")
    .option("--w0 <w0>", "starting point: a number (every entry) or a file of d numbers (default: 0; for mirror descent argmin ψ)")
    .option("--model <name>", `parameterization of the predictor: linear, or on matrix data ${MATRIX_MODELS}`, "linear")
    .option("--loss <name>", "squared (regression, matrix models), or on margins (classification): logistic, exponential, exp-power:<ν>, polynomial:<ν>, hinge, perceptron (labels ±1); softmax (k classes)", "squared")
    .option("--seed <n>", "random seed for stochastic optimizers", parseNonNegativeInt, 0)
    .option("--json", "print { optimizer, iterations, stopReason, loss, predictor, distances } (classification: with logLoss, normW, margin, references, closest; matrix models: also model, nuclearNorm, effectiveRank, rank, singularValues) and nothing else")
    .option("--out <dir>", "also write a run folder: result.json, trace.csv (loss and distances at log-spaced t), figures, report.html");
  addMatrixTrainOptions(addClassificationDataOptions(cmd))
    .addHelpText("after", () => `\nOptimizers and their defaults:\n${optimizerHelp(optimizerRegistry)}\nMargin methods (classification losses only):\n${optimizerHelp(marginOptimizerRegistry)}\n\n${MATRIX_MODEL_HELP}\n\n${MATRIX_FORMATS}\nExit codes: 0 trained, 2 bad input (also classification data not linearly separable through the origin) or a diverged run (with a stability bound).`)
    .action(async (opts: TrainOptions) => {
      const { io } = ctx;
      const matrixModel = parseMatrixModel(opts.model);
      if (matrixModel) {
        if (opts.loss !== "squared") throw new UsageError(`--loss ${opts.loss} does not apply to --model ${opts.model}`, "matrix models train on the squared loss (1/2m)‖A(W) − y‖²");
        rejectClassificationFlags(opts, `--model ${opts.model}`);
        const { trainMatrix } = await import("./trainMatrix.ts");
        return trainMatrix(ctx, opts, matrixModel);
      }
      if (opts.model !== "linear") throw new UsageError(`unknown --model '${opts.model}'`, `models are: linear, ${MATRIX_MODELS}`);
      rejectMatrixTrainFlags(opts);
      if (opts.loss !== "squared") return (await import("./trainClassification.ts")).trainClassification(ctx, opts);
      rejectClassificationFlags(opts, "--loss squared (regression)");
      const entry = optimizerEntry(opts.optimizer);
      const { options, potential } = optimizerOptions(opts, entry);

      const data = readRegressionCsv(io, opts.data, opts.target);
      const d = data.X.cols;
      const theta0 = opts.w0 !== undefined ? readStartingPoint(io, opts.w0, d) : defaultStart(d, potential?.psi);
      if (potential && !potential.psi.inDomain(theta0)) {
        throw new UsageError(`--w0 is outside the domain of the potential ${potential.psi.name}`, "e.g. entropy needs w0 > 0, simplex-entropy a point of the simplex");
      }
      const optimizer = createOptimizer(entry, options);
      const objective = leastSquares(data, linearModel(d));
      const beta = () => objective.smoothness?.(theta0);
      if (opts.optimizer === "gd" && typeof options.lr === "number" && options.lr >= 2 / (beta() ?? Infinity)) {
        // GD on a quadratic with η ≥ 2/β amplifies the top eigendirection: refuse before running
        throw divergedError(`${stepSize(options.lr)} diverges (gradient descent on a quadratic amplifies its top eigendirection when η ≥ 2/β)`, beta());
      }
      const refs = await solveReferences(data, theta0, potential && { id: potential.id, name: potential.psi.name });

      // loss and distance to every reference at log-spaced iterations
      const param = objective.parameterization;
      const predictor = new Float64Array(param.predictorDim);
      const trace: Trace = { name: "train", columns: ["t", "loss", ...refs.map((r) => `distance to ${r.name}`)], rows: [] };
      const outcome = await runTraining(io, {
        objective, optimizer, theta0, seed: opts.seed, iters: opts.iters, quiet: !!opts.json, label: opts.optimizer, lr: options.lr,
        onCheckpoint: (t, state, loss) => {
          param.predictor(state.theta, predictor);
          const dist = distancesTo(refs, predictor);
          trace.rows.push([t, loss, ...refs.map((r) => dist[r.name] ?? NaN)]);
        },
        lossMustFall: true,
        diverged: (message) => divergedError(message, beta()),
      });

      param.predictor(outcome.state.theta, predictor);
      const distances = distancesTo(refs, predictor);
      const report = {
        optimizer: opts.optimizer,
        iterations: outcome.iterations,
        stopReason: outcome.stopReason,
        loss: outcome.finalLoss,
        predictor: Array.from(predictor),
        distances,
      };

      if (opts.out !== undefined) {
        const { writeRunDir, lineChart, traceRows } = await import("../../report/node.ts"); // Vega: only when writing
        const result = trainResult(opts, optimizer, options, theta0, report, trace, refs, outcome.seconds, { lineChart, traceRows });
        await writeRunDir(resolvePath(io, opts.out), result);
      }
      if (opts.json) {
        writeJson(io.stdout, report);
      } else {
        io.stdout.write(`${optimizer.name} on ${dataSummary(opts.data, data)}\n`);
        const start = opts.w0 !== undefined ? `w0 from --w0 ${opts.w0}` : potential ? "w0 = ∇ψ*(0) = argmin ψ" : "w0 = 0";
        io.stdout.write(`${start}; ${outcome.iterations} iterations (${outcome.stopReason}), final loss (1/2N)‖Xw − y‖² = ${fmt(outcome.finalLoss)}\n\n`);
        io.stdout.write("relative distance ‖w − w*‖₂/‖w*‖₂ of the final predictor to each reference w*:\n");
        io.stdout.write(
          formatTable([
            ["reference", "program", "distance"],
            ...refs.map((r) => [r.name, r.description, r.solution ? fmt(distances[r.name]!) : `n/a: ${r.note}`]),
          ]),
        );
        const features = featureNames(data);
        io.stdout.write(`\n${formatTable([["feature", "w"], ...Array.from(predictor, (w, j) => [features[j], String(w)])])}`);
      }
      if (opts.out !== undefined) io.stderr.write(`biaslab: wrote ${opts.out}${opts.json ? "" : " (open report.html)"}\n`);
      ctx.exit(EXIT_OK);
    });
}

export function optimizerEntry(name: string): OptimizerEntry {
  if (Object.prototype.hasOwnProperty.call(marginOptimizerRegistry, name)) {
    throw new UsageError(`optimizer ${name} is a margin method for classification losses, not --loss squared`, `give a margin loss (e.g. --loss logistic) and labels, or one of: ${Object.keys(optimizerRegistry).join(", ")}`);
  }
  if (!Object.prototype.hasOwnProperty.call(optimizerRegistry, name)) {
    throw new UsageError(`unknown optimizer '${name}'`, `optimizers are: ${Object.keys(optimizerRegistry).join(", ")}`);
  }
  return optimizerRegistry[name];
}

/** The optimizer's options from --set, --lr and --potential, with the potential resolved. */
export function optimizerOptions(opts: TrainOptions, entry: OptimizerEntry): { options: Record<string, unknown>; potential?: { id: string; psi: Potential } } {
  const options = parseSets(opts.set ?? []);
  const keys = Object.keys(entry.options);
  checkKeys(options, keys, `optimizer ${opts.optimizer}`);
  if (opts.lr !== undefined) {
    if (!keys.includes("lr")) throw new UsageError(`optimizer ${opts.optimizer} takes no --lr`, `its options are: ${keys.join(", ") || "(none)"}`);
    if ("lr" in options) throw new UsageError("the step size is given twice (--lr and --set lr=…)", "give one");
    options.lr = opts.lr;
  }
  if (opts.potential !== undefined) {
    if (!keys.includes("potential")) throw new UsageError(`optimizer ${opts.optimizer} has no potential`, "--potential applies to mirror-descent");
    if ("potential" in options) throw new UsageError("the potential is given twice (--potential and --set potential=…)", "give one");
    options.potential = opts.potential;
  }
  if (!keys.includes("potential")) return { options };
  const id = options.potential ?? entry.defaults.potential;
  if (typeof id !== "string") throw new UsageError("--set potential needs a potential id", "e.g. --potential entropy");
  const psi = resolvePotential(id);
  options.potential = psi;
  return { options, potential: { id, psi } };
}

export function createOptimizer(entry: OptimizerEntry, options: Record<string, unknown>): Optimizer {
  try {
    return entry.create(options);
  } catch (e) {
    if (e instanceof Error && (e.name === "OptimizerOptionError" || e instanceof RangeError)) throw new UsageError(oneLine(e.message));
    throw e;
  }
}

/** w0 = 0, or for mirror descent w0 = ∇ψ*(0) = argmin ψ (0 for ½‖·‖², 1 for entropy, 1/d for the simplex). */
export function defaultStart(d: number, potential: Potential | undefined): Float64Array {
  const zero = new Float64Array(d);
  return potential ? potential.gradConj(zero, new Float64Array(d)) : zero;
}

/**
 * Divergence is the user's step size, not a bug: say so with the stability bound of
 * gradient descent on a β-smooth objective, η < 2/β (β = λ_max(XᵀX)/N here).
 */
function divergedError(what: string, beta: number | undefined): UsageError {
  if (beta === undefined || !(beta > 0)) return new UsageError(what, "use a smaller --lr");
  return new UsageError(what, `the stability bound is 2/β = ${fmt(2 / beta)} for β = λmax(XᵀX)/N = ${fmt(beta)}; use --lr below ${fmt(2 / beta)}`);
}

/** The run as a Result (no checks: train measures, it does not assert a claim) for the run folder. */
function trainResult(
  opts: TrainOptions,
  optimizer: Optimizer,
  options: Record<string, unknown>,
  theta0: Float64Array,
  report: { iterations: number; stopReason: string; loss: number; distances: Record<string, number | null> },
  trace: Trace,
  refs: readonly ReferencePoint[],
  seconds: number,
  charts: { lineChart: typeof LineChart; traceRows: typeof TraceRows },
): Result {
  const { lineChart, traceRows } = charts;
  const params: Record<string, unknown> = {
    data: opts.data,
    target: opts.target ?? "(last column)",
    ...runParams(opts, options, theta0),
  };
  const summary: Record<string, number | string | boolean> = {
    optimizer: optimizer.name,
    iterations: report.iterations,
    stopReason: report.stopReason,
    loss: report.loss,
  };
  for (const r of refs) summary[`distance to ${r.name}`] = report.distances[r.name] ?? `n/a: ${r.note}`;
  const figures = [
    lineChart({
      name: "loss",
      title: `${optimizer.name}: training loss`,
      data: trace.rows.map((row) => ({ t: row[0], loss: row[1] })),
      x: "t",
      y: "loss",
      xTitle: "iteration t",
      yTitle: "(1/2N)‖Xw − y‖²",
      logX: true,
      logY: true,
    }),
    lineChart({
      name: "distance-to-references",
      title: `${optimizer.name}: relative distance to each reference`,
      data: traceRows(trace, "t", trace.columns.slice(2), Object.fromEntries(refs.map((r) => [`distance to ${r.name}`, r.name]))),
      x: "t",
      y: "value",
      series: "series",
      xTitle: "iteration t",
      yTitle: "‖w_t − w*‖₂ / ‖w*‖₂",
      seriesTitle: "reference",
      logX: true,
      logY: true,
    }),
  ];
  return { id: "train", params, checks: [], traces: [trace], figures, summary, seconds, seed: opts.seed };
}

/** The run's part of result.json's params: the optimizer, its options (a potential by its id), iterations, seed and w0. */
export function runParams(opts: TrainOptions, options: Readonly<Record<string, unknown>>, theta0: Float64Array): Record<string, unknown> {
  return {
    optimizer: opts.optimizer,
    ...Object.fromEntries(Object.entries(options).map(([k, v]) => [k, isPotential(v) ? (v.id ?? v.name) : v])),
    iterations: opts.iters,
    seed: opts.seed,
    w0: Array.from(theta0),
  };
}

function isPotential(v: unknown): v is Potential {
  return v !== null && typeof v === "object" && typeof (v as Potential).gradConj === "function";
}

function optimizerHelp(registry: Readonly<Record<string, OptimizerEntry>>): string {
  return Object.entries(registry)
    .map(([name, e]) => {
      const defaults = Object.entries(e.defaults).map(([k, v]) => `${k}=${v}`).join(" ");
      return `  ${name.padEnd(21)}${e.description}${defaults ? ` [${defaults}]` : ""}`;
    })
    .join("\n");
}
