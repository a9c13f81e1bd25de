// biaslab train --model uu|uv|deep:<L>|hadamard --data F.csv: an optimizer on a factored W(θ) from a small
// initialization at scale α, on the sensing loss L = (1/2m)‖A(W) − y‖² of the user's measurement rows or observed
// entries, measuring how far W lands from the nuclear-norm and min-Frobenius references (the candidate biases):
//   uu        W = UUᵀ (U n×r, PSD W)     references nuclear-psd, min-frobenius over symmetric W
//   uv        W = UVᵀ (U n1×r, V n2×r)   references nuclear, min-frobenius
//   deep:<L>  W = W_L ⋯ W_1 (n×n)        references nuclear, min-frobenius
//   hadamard  x = u⊙u (rows aᵢ, bᵢ)      references nonneg-l1, min-frobenius (= min ℓ2)
import type { MatrixCsv } from "../../data/index.ts";
import { Matrix, singularValues, spectralNorm } from "../../linalg/index.ts";
import { effectiveRank, numericalRank, relativeDistance } from "../../metrics/index.ts";
import {
  asymmetricFactor, deepProduct, diagonalFactor, fromDense, observedEntries, operatorNormSquared, sensingObjective, symmetricFactor,
  type MeasurementOperator, type Parameterization,
} from "../../models/index.ts";
import { Rng } from "../../random/index.ts";
import type { lineChart as LineChart, traceRows as TraceRows } from "../../report/index.ts";
import {
  SdpError, matrixProgramRegistry, measuredValues, stackedMeasurements, symmetrizeMeasurements, type MatrixProgramData,
} from "../../references/index.ts";
import type { Result, Trace } from "../../run/index.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_OK, UsageError } from "../errors.ts";
import { resolvePath, writeJson } from "../io.ts";
import { matrixDataSummary, programData, readMatrixData } from "../matrixData.ts";
import { DEFAULT_ALPHA, type MatrixModel, type MatrixTrainFlags } from "../matrixModels.ts";
import { RANK_RTOL, matrixText } from "../matrixText.ts";
import { runTraining } from "../training.ts";
import { fmt, formatTable } from "../table.ts";
import { createOptimizer, optimizerEntry, optimizerOptions, type TrainOptions } from "./train.ts";

interface MatrixReference {
  readonly name: string;
  readonly description: string;
  /** the reference's W (flattened), or null where the program has no solution on these data */
  readonly solution: Float64Array | null;
  readonly note?: string;
}

/** Which programs a model is compared with, and on what data. */
function referenceJobs(model: MatrixModel, data: MatrixProgramData): { name: string; description: string; data: MatrixProgramData }[] {
  const program = (name: string) => matrixProgramRegistry[name];
  if (model.kind === "hadamard") {
    return [
      { name: "nonneg-l1", description: program("nonneg-l1").description, data },
      { name: "min-frobenius", description: "argmin ‖x‖₂ s.t. Ax = b (the min-Frobenius W of a d×1 W)", data },
    ];
  }
  if (model.kind === "uu") {
    // UUᵀ is symmetric: its min-Frobenius competitor is the least-norm symmetric W, from the symmetric parts of the Aᵢ
    const sym: MatrixProgramData = { kind: "measurements", n1: data.n1, n2: data.n2, A: symmetrizeMeasurements(stackedMeasurements(data), data.n1), y: measuredValues(data) };
    return [
      { name: "nuclear-psd", description: program("nuclear-psd").description, data },
      { name: "min-frobenius", description: "argmin ‖W‖_F over symmetric W s.t. ⟨Aᵢ, W⟩ = yᵢ", data: sym },
    ];
  }
  return ["nuclear", "min-frobenius"].map((name) => ({ name, description: program(name).description, data }));
}

/** Solves every reference; one that has no solution here (or whose solver stops) is kept as n/a with the reason. */
async function solveReferences(model: MatrixModel, data: MatrixProgramData): Promise<MatrixReference[]> {
  const out: MatrixReference[] = [];
  for (const job of referenceJobs(model, data)) {
    try {
      const sol = await matrixProgramRegistry[job.name].solve(job.data);
      out.push({ name: job.name, description: job.description, solution: sol.solution.data });
    } catch (e) {
      if (!(e instanceof RangeError || e instanceof SdpError)) throw e;
      out.push({ name: job.name, description: job.description, solution: null, note: e.message.replace(/\s*\n\s*/g, " ") });
    }
  }
  return out;
}

function operatorOf(data: MatrixCsv): { op: MeasurementOperator; y: Float64Array } {
  if (data.kind === "entries") {
    return { op: observedEntries(data.n1, data.n2, data.entries.map((e) => [e.i, e.j] as const)), y: Float64Array.from(data.entries, (e) => e.value) };
  }
  const d = data.n1 * data.n2;
  const list = Array.from({ length: data.A.rows }, (_, i) => new Matrix(data.n1, data.n2, data.A.data.subarray(i * d, (i + 1) * d)));
  return { op: fromDense(list), y: data.y };
}

function parameterization(model: MatrixModel, n1: number, n2: number, flags: MatrixTrainFlags): Parameterization {
  const init = flags.init ?? "identity";
  if (model.kind === "hadamard") {
    if (flags.init !== undefined) throw new UsageError("--init does not apply to --model hadamard", "it starts at u₀ = α1; give --alpha");
    if (flags.rank !== undefined) throw new UsageError("--rank does not apply to --model hadamard", "--rank sets the width of U in uu and uv");
    return diagonalFactor(n1);
  }
  if (model.kind === "deep") {
    if (flags.rank !== undefined) throw new UsageError(`--rank does not apply to --model ${model.id}`, "its factors are n×n; --rank sets the width of U in uu and uv");
    return deepProduct(n1, model.depth, init);
  }
  const full = model.kind === "uu" ? n1 : Math.min(n1, n2);
  const r = flags.rank ?? full;
  return model.kind === "uu" ? symmetricFactor(n1, r, init) : asymmetricFactor(n1, n2, r, init);
}

/**
 * About the largest curvature of L in the factors near a solution W*, from β = λmax(A*A)/m: 4β‖W*‖₂ for UUᵀ
 * (‖UΔᵀ + ΔUᵀ‖_F ≤ 2‖U‖₂‖Δ‖_F), 2β‖W*‖₂ for balanced UVᵀ, Lβ‖W*‖₂^{2−2/L} for balanced depth L, 4β·max x
 * for u⊙u. Gradient descent is stable below 2 over it.
 */
function curvature(model: MatrixModel, beta: number, size: number): { value: number; formula: string } {
  switch (model.kind) {
    case "uu": return { value: 4 * beta * size, formula: "4β‖W*‖₂" };
    case "uv": return { value: 2 * beta * size, formula: "2β‖W*‖₂" };
    case "hadamard": return { value: 4 * beta * size, formula: "4β·max x*" };
    case "deep": return { value: model.depth * beta * size ** (2 - 2 / model.depth), formula: `${model.depth}β‖W*‖₂^${fmt(2 - 2 / model.depth)}` };
  }
}

function divergedError(what: string, model: MatrixModel, op: MeasurementOperator, refs: readonly MatrixReference[], n1: number, n2: number): UsageError {
  const ref = refs.find((r) => r.solution !== null);
  if (!ref) return new UsageError(what, "use a smaller --lr");
  const beta = operatorNormSquared(op) / op.m;
  const size = model.kind === "hadamard" ? Math.max(...ref.solution!) : spectralNorm(new Matrix(n1, n2, ref.solution!));
  const c = curvature(model, beta, size);
  return new UsageError(what, `near W* = ${ref.name} the curvature in the factors is about ${c.formula} = ${fmt(c.value)} (β = λmax(A*A)/m = ${fmt(beta)}), a stability bound of about 2/${fmt(c.value)} = ${fmt(2 / c.value)}; use --lr below it`);
}

export async function trainMatrix(ctx: CommandContext, opts: TrainOptions & MatrixTrainFlags, model: MatrixModel): Promise<void> {
  const { io } = ctx;
  for (const [flag, v] of [["--target", opts.target], ["--w0", opts.w0]] as const) {
    if (v !== undefined) throw new UsageError(`${flag} does not apply to --model ${model.id}`, model.kind === "hadamard" ? "rows are a₁ … a_d, b; the start is u₀ = α1 (--alpha)" : "yᵢ is the last column; the start is set by --alpha and --init");
  }
  const entry = optimizerEntry(opts.optimizer);
  if (opts.optimizer === "cg") throw new UsageError(`optimizer cg needs a quadratic objective, and --model ${model.id} is not one`, "use gd, sgd, heavy-ball, nesterov, adagrad, … (or --model linear)");
  const { options, potential } = optimizerOptions(opts, entry);

  const data = readMatrixData(io, opts.data, opts, { who: `--model ${model.id}`, vector: model.kind === "hadamard", symmetric: model.kind === "uu" });
  const { n1, n2 } = data;
  if (model.kind === "deep" && n1 !== n2) throw new UsageError(`--model ${model.id} needs a square W, the data are ${n1}×${n2}`, "use --model uv for rectangular W");
  const param = parameterization(model, n1, n2, opts);
  const { op, y } = operatorOf(data);
  const objective = sensingObjective(op, y, param);
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const theta0 = param.init(new Rng(opts.seed), alpha);
  if (potential && !potential.psi.inDomain(theta0)) {
    throw new UsageError(`the start θ₀ is outside the domain of the potential ${potential.psi.name}`, "factored models start at α·I with zeros off the diagonal; use --potential euclidean or p-norm:<p>");
  }
  const optimizer = createOptimizer(entry, options);
  const refs = await solveReferences(model, programData(data));

  const W = new Float64Array(n1 * n2);
  const trace: Trace = { name: "train", columns: ["t", "loss", ...refs.map((r) => `distance to ${r.name}`), "nuclear norm", "effective rank"], rows: [] };
  const spectrumOf = (w: Float64Array) => singularValues(new Matrix(n1, n2, w));
  const outcome = await runTraining(io, {
    objective, optimizer, theta0, seed: opts.seed, iters: opts.iters, quiet: !!opts.json, label: `${opts.optimizer} on ${model.id}`, lr: options.lr,
    onCheckpoint: (t, state, loss) => {
      param.predictor(state.theta, W);
      const sigma = spectrumOf(W);
      let nuclear = 0;
      for (const s of sigma) nuclear += s;
      trace.rows.push([t, loss, ...refs.map((r) => (r.solution ? relativeDistance(W, r.solution) : NaN)), nuclear, effectiveRank(sigma)]);
    },
    lossMustFall: true,
    diverged: (message) => divergedError(message, model, op, refs, n1, n2),
  });

  param.predictor(outcome.state.theta, W);
  const sigma = spectrumOf(W);
  let nuclearNorm = 0;
  for (const s of sigma) nuclearNorm += s;
  const distances = Object.fromEntries(refs.map((r) => [r.name, r.solution ? relativeDistance(W, r.solution) : null]));
  const Wm = new Matrix(n1, n2, W.slice());
  const report = {
    model: model.id,
    optimizer: opts.optimizer,
    iterations: outcome.iterations,
    stopReason: outcome.stopReason,
    loss: outcome.finalLoss,
    predictor: model.kind === "hadamard" ? Array.from(W) : Wm.toArrays(),
    distances,
    nuclearNorm,
    effectiveRank: effectiveRank(sigma),
    rank: numericalRank(sigma, RANK_RTOL),
    singularValues: Array.from(sigma),
  };

  if (opts.out !== undefined) {
    const { writeRunDir, lineChart, traceRows } = await import("../../report/node.ts"); // Vega: only when writing
    const result = matrixResult(opts, model, optimizer.name, options, report, trace, refs, sigma, n1, n2, outcome.seconds, { lineChart, traceRows });
    await writeRunDir(resolvePath(io, opts.out), result);
  }
  if (opts.json) {
    writeJson(io.stdout, report);
  } else {
    const start = model.kind === "hadamard" ? `u₀ = ${fmt(alpha)}·1` : `${param.name}, factors at scale α = ${fmt(alpha)}`;
    io.stdout.write(`${optimizer.name} on ${matrixDataSummary(opts.data, data, model.kind === "hadamard")}\n`);
    io.stdout.write(`${start}; ${outcome.iterations} iterations (${outcome.stopReason}), final loss (1/2m)‖A(W) − y‖² = ${fmt(outcome.finalLoss)}\n\n`);
    io.stdout.write("relative distance ‖W − W*‖_F/‖W*‖_F of the final W to each reference W*:\n");
    io.stdout.write(formatTable([["reference", "program", "distance"], ...refs.map((r) => [r.name, r.description, r.solution ? fmt(distances[r.name]!) : `n/a: ${r.note}`])]));
    io.stdout.write(`\n${matrixText(Wm, model.kind === "uu")}`);
  }
  if (opts.out !== undefined) io.stderr.write(`biaslab: wrote ${opts.out}${opts.json ? "" : " (open report.html)"}\n`);
  ctx.exit(EXIT_OK);
}

/** The run as a Result (no checks: train measures, it does not assert a claim) for the run folder. */
function matrixResult(
  opts: TrainOptions & MatrixTrainFlags,
  model: MatrixModel,
  optimizerName: string,
  options: Record<string, unknown>,
  report: { iterations: number; stopReason: string; loss: number; distances: Record<string, number | null>; nuclearNorm: number; effectiveRank: number; rank: number },
  trace: Trace,
  refs: readonly MatrixReference[],
  sigma: Float64Array,
  n1: number,
  n2: number,
  seconds: number,
  charts: { lineChart: typeof LineChart; traceRows: typeof TraceRows },
): Result {
  const { lineChart, traceRows } = charts;
  const params: Record<string, unknown> = {
    data: opts.data,
    model: model.id,
    shape: `${n1}x${n2}`,
    optimizer: opts.optimizer,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v !== "object" && typeof v !== "function")),
    alpha: opts.alpha ?? DEFAULT_ALPHA,
    init: model.kind === "hadamard" ? "α1" : (opts.init ?? "identity"),
    ...(opts.rank !== undefined ? { rank: opts.rank } : {}),
    iterations: opts.iters,
    seed: opts.seed,
  };
  const summary: Record<string, number | string | boolean> = {
    model: model.id,
    optimizer: optimizerName,
    iterations: report.iterations,
    stopReason: report.stopReason,
    loss: report.loss,
    "nuclear norm": report.nuclearNorm,
    "effective rank": report.effectiveRank,
    rank: report.rank,
  };
  for (const r of refs) summary[`distance to ${r.name}`] = report.distances[r.name] ?? `n/a: ${r.note}`;
  const spectra = [{ name: `W (${model.id})`, sigma }, ...refs.filter((r) => r.solution).map((r) => ({ name: r.name, sigma: singularValues(new Matrix(n1, n2, r.solution!)) }))];
  const distanceColumns = refs.map((r) => `distance to ${r.name}`);
  const figures = [
    lineChart({
      name: "loss",
      title: `${optimizerName} on ${model.id}: training loss`,
      data: trace.rows.map((row) => ({ t: row[0], loss: row[1] })),
      x: "t",
      y: "loss",
      xTitle: "iteration t",
      yTitle: "(1/2m)‖A(W) − y‖²",
      logX: true,
      logY: true,
    }),
    lineChart({
      name: "distance-to-references",
      title: `${optimizerName} on ${model.id}: relative distance to each reference`,
      data: traceRows(trace, "t", distanceColumns, Object.fromEntries(refs.map((r) => [`distance to ${r.name}`, r.name]))),
      x: "t",
      y: "value",
      series: "series",
      xTitle: "iteration t",
      yTitle: "‖W_t − W*‖_F / ‖W*‖_F",
      seriesTitle: "reference",
      logX: true,
      logY: true,
    }),
    lineChart({
      name: "effective-rank",
      title: `${optimizerName} on ${model.id}: effective rank exp(H(σ/‖σ‖₁)) of W_t`,
      data: trace.rows.map((row) => ({ t: row[0], rank: row[row.length - 1] })),
      x: "t",
      y: "rank",
      xTitle: "iteration t",
      yTitle: "effective rank",
      logX: true,
    }),
    lineChart({
      name: "singular-values",
      title: "Singular values of the final W and of each reference",
      data: spectra.flatMap((s) => Array.from(s.sigma, (v, k) => ({ k: k + 1, sigma: v, series: s.name }))),
      x: "k",
      y: "sigma",
      series: "series",
      xTitle: "k",
      yTitle: "σ_k",
      logY: true,
    }),
  ];
  return { id: "train", params, checks: [], traces: [trace], figures, summary, seconds, seed: opts.seed };
}
