// biaslab train --loss <margin loss> --data F: runs an optimizer on a linear classifier,
// L(w) = (1/N) Σᵢ ℓ(yᵢ⟨w, xᵢ⟩) (or softmax cross-entropy for k classes), and measures which
// max-margin direction the final iterate points to: its angle (atan2) to svm-l2, svm-l1,
// svm-linf (and svm-lp for the optimizer's ℓp geometry), with loss, ‖w‖ and normalized
// margins traced at log-spaced t. Data must be separable through the origin (the max-margin
// directions exist only then).
import { marginLossFromId, marginLossIds, type MarginLoss } from "../../losses/index.ts";
import { normP } from "../../linalg/index.ts";
import { linearModel, marginObjective, softmaxObjective, type MarginObjective } from "../../models/index.ts";
import { marginOptimizerRegistry, optimizerRegistry, type OptimizerEntry } from "../../optimizers/index.ts";
import type { RunOutcome, Trace } from "../../run/index.ts";
import { readClassificationData, type LoadedClassification } from "../classificationData.ts";
import { trainClassificationResult } from "../classificationFigures.ts";
import { closestReference, compareWith, maxMarginReferences, minOf, type MaxMarginReference, type ReferenceComparison } from "../classificationReferences.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_OK, UsageError } from "../errors.ts";
import { readStartingPoint } from "../files.ts";
import { resolvePath, writeJson } from "../io.ts";
import { runTraining } from "../training.ts";
import { fmt, formatTable } from "../table.ts";
import { createOptimizer, defaultStart, optimizerOptions, type TrainOptions } from "./train.ts";

const SOFTMAX = "softmax";

interface LossChoice {
  readonly id: string;
  /** the margin loss (binary), or undefined for softmax cross-entropy (multiclass) */
  readonly loss?: MarginLoss;
  readonly kind: "binary" | "multiclass";
  readonly formula: string;
}

function lossList(): string {
  const ids = Object.keys(marginLossIds()).map((id) => (id === "exp-power" || id === "polynomial" ? `${id}:<ν>` : id));
  return `losses are: squared (regression); ${ids.join(", ")} (labels ±1); ${SOFTMAX} (k classes, cross-entropy)`;
}

/** "logistic", "exp-power:0.5", "softmax", … */
function resolveLoss(id: string): LossChoice {
  if (id === SOFTMAX) return { id, kind: "multiclass", formula: "(1/N) Σᵢ −log softmax(W xᵢ)_{cᵢ}" };
  const [base, nu, extra] = id.split(":");
  const ids = marginLossIds();
  if (extra !== undefined || !Object.prototype.hasOwnProperty.call(ids, base)) throw new UsageError(`unknown --loss '${id}'`, lossList());
  try {
    const loss = marginLossFromId(base, nu !== undefined ? { nu: nu.trim() === "" ? NaN : Number(nu) } : {});
    return { id, loss, kind: "binary", formula: `(1/N) Σᵢ ℓ(yᵢ⟨w, xᵢ⟩), ℓ(u) = ${ids[base].replace(/ \(needs ν\)$/, "")}` };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new UsageError(`--loss ${id}: ${e.message}`, `write e.g. --loss ${base}:2 for ν = 2; ${lossList()}`);
  }
}

function classificationOptimizer(name: string, kind: "binary" | "multiclass"): OptimizerEntry {
  if (name === "cg") throw new UsageError("cg needs a quadratic objective (--loss squared)", "on a margin loss use gd, nesterov or a margin method such as normalized-gd");
  if (name === "perceptron" && kind === "multiclass") throw new UsageError("the perceptron is a two-class method", `use it with a margin loss on labels ±1, not --loss ${SOFTMAX}`);
  const all = { ...optimizerRegistry, ...marginOptimizerRegistry };
  if (!Object.prototype.hasOwnProperty.call(all, name) || name === "cg") {
    throw new UsageError(`unknown optimizer '${name}'`, `optimizers for classification are: ${Object.keys(all).filter((k) => k !== "cg").join(", ")}`);
  }
  return all[name];
}

/** p of the optimizer's own geometry: steepest descent's norm, or the p of a ½‖·‖_p² mirror potential */
function optimizerNorm(options: Record<string, unknown>, entry: OptimizerEntry): number | undefined {
  const raw = options.norm ?? entry.defaults.norm;
  if (raw !== undefined) {
    const s = String(raw).trim().toLowerCase();
    const p = s === "inf" || s === "infinity" || s === "∞" ? Infinity : Number(s);
    return p >= 1 ? p : undefined;
  }
  const psi = options.potential as { id?: string } | undefined;
  const m = psi?.id ? /^p-norm:(.+)$/.exec(psi.id) : null;
  return m ? Number(m[1]) : undefined;
}

const pName = (p: number): string => (p === Infinity ? "ℓ∞" : `ℓ${p}`);

/** The stability hint for a diverged run: 2/β for gradient methods on a smooth loss, 1/R² for the ∇log L methods. */
function divergenceHint(optimizer: string, objective: MarginObjective, X: { rows: number; cols: number; data: Float64Array }, theta0: Float64Array): string {
  if (optimizer === "loss-scaled-gd" || optimizer === "dual-accelerated") {
    let r2 = 0;
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] ** 2;
      r2 = Math.max(r2, s);
    }
    return `log L is R²-smooth with R = maxᵢ‖xᵢ‖₂ = ${fmt(Math.sqrt(r2))}: use --lr at most 1/R² = ${fmt(1 / r2)}`;
  }
  const beta = objective.smoothness?.(theta0);
  if (beta !== undefined && beta > 0) return `the stability bound is 2/β = ${fmt(2 / beta)} for β = sup ℓ″·λmax(XᵀX)/N = ${fmt(beta)}; use --lr below it`;
  return "use a smaller --lr";
}

export async function trainClassification(ctx: CommandContext, opts: TrainOptions): Promise<void> {
  const { io } = ctx;
  const choice = resolveLoss(opts.loss);
  const entry = classificationOptimizer(opts.optimizer, choice.kind);
  const { options, potential } = optimizerOptions(opts, entry);
  const loaded: LoadedClassification = await readClassificationData(io, opts, choice.kind, {
    what: `--loss ${opts.loss}`,
    multiclass: `or train on every class with --loss ${SOFTMAX}`,
  });
  const X = loaded.data.X, d = X.cols;
  const objective: MarginObjective = loaded.kind === "binary"
    ? marginObjective(loaded.data, linearModel(d), choice.loss)
    : softmaxObjective(loaded.data, linearModel(d, loaded.data.classes));
  const dim = objective.dim;
  const theta0 = opts.w0 !== undefined ? readStartingPoint(io, opts.w0, dim) : defaultStart(dim, potential?.psi);
  if (potential && !potential.psi.inDomain(theta0)) {
    throw new UsageError(`--w0 is outside the domain of the potential ${potential.psi.name}`, "e.g. entropy needs w0 > 0, simplex-entropy a point of the simplex");
  }
  const optimizer = createOptimizer(entry, options);
  const ownP = optimizerNorm(options, entry);
  const refs = await maxMarginReferences(loaded, ownP);
  const marginP = ownP !== undefined && ownP !== 2 ? ownP : undefined;

  // at log-spaced t: loss, log L, ‖w‖₂, normalized margins, and the angle to each reference
  const u = new Float64Array(loaded.data.X.rows);
  const columns = ["t", "loss", "log loss", "‖w‖₂", "normalized margin (ℓ2)", ...(marginP ? [`normalized margin (${pName(marginP)})`] : []), ...refs.map((r) => `angle to ${r.name}`)];
  const trace: Trace = { name: "train", columns, rows: [] };
  const angleOf = (w: Float64Array, r: MaxMarginReference) => compareWith([r], w, 0)[r.name].angle;
  // the losses underflow on the way to a max-margin direction: only NaN/Inf and a 1e8-fold blow-up are divergence
  const outcome = await runTraining(io, {
    objective, optimizer, theta0, seed: opts.seed, iters: opts.iters, quiet: !!opts.json, label: opts.optimizer, lr: options.lr,
    onCheckpoint: (t, state, loss) => {
      const w = state.theta;
      const m = minOf(objective.margins(w, u));
      const n2 = normP(w, 2);
      trace.rows.push([
        t, loss, objective.logValue(w), n2, n2 > 0 ? m / n2 : NaN,
        ...(marginP ? [normP(w, marginP) > 0 ? m / normP(w, marginP) : NaN] : []),
        ...refs.map((r) => angleOf(w, r)),
      ]);
    },
    lossMustFall: false,
    diverged: (message) => new UsageError(message, divergenceHint(opts.optimizer, objective, X, theta0)),
  });

  const w = outcome.state.theta.slice();
  const margins = objective.margins(w, u);
  const minMargin = minOf(margins);
  const normW = normP(w, 2);
  let errors = 0;
  for (const v of margins) if (!(v > 0)) errors++;
  const comparisons = compareWith(refs, w, minMargin);
  const closest = closestReference(refs, comparisons);
  const report = {
    optimizer: opts.optimizer,
    lossFunction: opts.loss,
    iterations: outcome.iterations,
    stopReason: outcome.stopReason,
    loss: objective.value(w),
    logLoss: objective.logValue(w),
    normW,
    margin: normW > 0 ? minMargin / normW : NaN,
    ...(marginP ? { marginInOptimizerNorm: { p: marginP === Infinity ? "inf" : marginP, margin: minMargin / normP(w, marginP) } } : {}),
    trainingErrors: errors,
    predictor: Array.from(w),
    references: Object.fromEntries(refs.map((r) => [r.name, { p: r.p === Infinity ? "inf" : r.p, maxMargin: r.margin, ...comparisons[r.name] }])),
    closest: closest?.name ?? null,
  };

  if (opts.out !== undefined) {
    const { writeRunDir } = await import("../../report/node.ts"); // Vega: only when writing
    const result = await trainClassificationResult({ opts, optimizer: optimizer.name, options, theta0, report, trace, refs, loaded, final: w, seconds: outcome.seconds });
    await writeRunDir(resolvePath(io, opts.out), result);
  }
  if (opts.json) writeJson(io.stdout, report);
  else io.stdout.write(humanReport(opts, optimizer.name, choice, loaded, outcome, report, refs, comparisons, closest, marginP, potential !== undefined));
  if (opts.out !== undefined) io.stderr.write(`biaslab: wrote ${opts.out}${opts.json ? "" : " (open report.html)"}\n`);
  ctx.exit(EXIT_OK);
}

function humanReport(
  opts: TrainOptions, optimizerName: string, choice: LossChoice, loaded: LoadedClassification, outcome: RunOutcome,
  report: { loss: number; logLoss: number; normW: number; margin: number; trainingErrors: number; predictor: number[]; marginInOptimizerNorm?: { margin: number } },
  refs: readonly MaxMarginReference[], cmp: Readonly<Record<string, ReferenceComparison>>,
  closest: { name: string; ties: string[] } | undefined, marginP: number | undefined, mirror: boolean,
): string {
  const N = loaded.data.X.rows;
  const start = opts.w0 !== undefined ? `w0 from --w0 ${opts.w0}` : mirror ? "w0 = ∇ψ*(0) = argmin ψ" : "w0 = 0";
  const marginDef = loaded.kind === "binary" ? "minᵢ yᵢ⟨w, xᵢ⟩/‖w‖₂" : "minᵢ min_{r≠cᵢ} ⟨w_{cᵢ} − w_r, xᵢ⟩/‖W‖_F";
  let out = `${optimizerName} on ${loaded.summary}\n`;
  out += `loss L(w) = ${choice.formula}; ${start}; ${outcome.iterations} iterations (${outcome.stopReason})\n`;
  out += `final: L = ${fmt(report.loss)} (log L = ${fmt(report.logLoss)}), ‖w‖₂ = ${fmt(report.normW)}, normalized margin ${marginDef} = ${fmt(report.margin)}`;
  if (marginP !== undefined) out += `, in ${pName(marginP)}: ${fmt(report.marginInOptimizerNorm!.margin)}`;
  out += `, training errors ${report.trainingErrors} of ${N}\n\n`;
  out += "the final w against each max-margin direction ŵ (the candidate implicit biases):\n";
  out += formatTable([
    ["reference", "max margin γ*", "angle (rad)", "‖w/‖w‖ − ŵ/‖ŵ‖‖₂", "margin gap (γ* − γ(w))/γ*"],
    ...refs.map((r) => [r.name, fmt(r.margin), fmt(cmp[r.name].angle), fmt(cmp[r.name].directionGap), fmt(cmp[r.name].marginGap)]),
  ]);
  if (closest) {
    const others = refs.filter((r) => r.name !== closest.name && !closest.ties.includes(r.name)).map((r) => cmp[r.name].angle);
    const next = others.length ? `; the next is at ${fmt(Math.min(...others))} rad` : "";
    const tie = closest.ties.length ? ` (${closest.ties.join(", ")} ${closest.ties.length === 1 ? "has" : "have"} the same direction on these data)` : "";
    out += `closest: ${closest.name} at ${fmt(cmp[closest.name].angle)} rad${tie}${next}\n`;
  }
  const w = report.predictor, d = loaded.data.X.cols;
  if (loaded.kind === "multiclass") {
    out += `\n${formatTable([["feature", ...loaded.classNames.map((c) => `w[class ${c}]`)], ...loaded.features.map((f, j) => [f, ...loaded.classNames.map((_, c) => String(w[c * d + j]))])])}`;
  } else {
    out += `\n${formatTable([["feature", "w"], ...loaded.features.map((f, j) => [f, String(w[j])])])}`;
  }
  return out;
}
