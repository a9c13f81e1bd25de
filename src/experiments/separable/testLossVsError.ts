// test-loss-vs-error (seeds 002, 004; Soudry et al. 2018, Fig. 2, and Poggio's question "training
// error goes to zero but test error does not increase"): trained to zero training error on real
// data, a linear model and a small ReLU network keep growing in norm like log t; the validation
// loss, in which every misclassified validation image weighs like ‖w‖·|margin|, grows after a
// while, while the validation error keeps improving (the direction still moves toward the max
// margin one). Data: two classes of Fashion-MNIST read from the Debian package's IDX files.
import { z } from "zod";
import { FASHION_MNIST_CLASSES, fashionMnist, type BinaryClassificationData } from "../../data/index.ts";
import { norm2 } from "../../linalg/index.ts";
import { checkAtLeast, checkAtMost, checkCloser, fitLinearGrowth, fitLogGrowth, fitPowerLaw, type Check } from "../../metrics/index.ts";
import { linearModel, marginObjective, reluNetObjective, topSingularValueSquared, type Objective } from "../../models/index.ts";
import { gd } from "../../optimizers/index.ts";
import { separabilityCheck } from "../../references/index.ts";
import type { Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries, type Series } from "../figures.ts";
import type { Metric } from "../trajectory.ts";
import { imagePair, type ImagePair } from "./imagePair.ts";
import { column, record } from "./setup.ts";

const TRAIN_ERR = "training error";
const VAL_LOSS = "validation loss";
const VAL_ERR = "validation error";
const NORM = "norm";

const label = z.number().int().min(0).max(9);
const params = z.object({
  /** folder with the four IDX files (default: $FASHION_MNIST_DIR, else the Debian package's folder) */
  dataDir: z.string().min(1).optional(),
  /** the class y = +1 and the class y = −1 (default: Sandal against Ankle boot) */
  positive: label.default(5),
  negative: label.default(9),
  /** training images, drawn at random (by the seed) from the 12,000 of the two classes */
  n: z.number().int().min(2).default(400),
  /** validation images from the test file (default all 2,000 of the two classes) */
  validation: z.number().int().min(1).default(2000),
  /** average the 28×28 images over pool×pool blocks (2: 14×14 = 196 pixels) */
  pool: z.number().int().min(1).max(28).default(2),
  /** subtract the training mean from every image */
  center: z.boolean().default(true),
  /** GD steps of the linear model, η = linearStep/β with β = σ²_max(X)/(4n) the logistic loss's smoothness */
  linearIters: z.number().int().min(100).default(50000),
  linearStep: z.number().positive().default(1),
  /** GD steps of the network, η = netStep/R² with R² = mean ‖xᵢ‖² */
  netIters: z.number().int().min(100).default(10000),
  netStep: z.number().positive().default(16),
  /** hidden units of the network f(x) = Σⱼ aⱼ relu(⟨wⱼ, x⟩) */
  width: z.number().int().min(1).default(32),
  /** the validation loss at the end must be at least this multiple of its minimum over the run */
  lossGrowth: z.number().min(1).default(1.2),
  /** validation error at the end minus at the validation-loss minimum: at most this ("keeps improving") */
  errorSlack: z.number().min(0).default(0),
  /** the norm's growth is fitted over the last `fitDecades` decades of t, from the first t of zero training error on */
  fitDecades: z.number().positive().default(2),
  /** 1 − r² of ‖w‖ against ln t allowed over that window; a line in t must fit `fitMargin`× worse */
  fitTolerance: z.number().positive().default(0.02),
  fitMargin: z.number().min(1).default(3),
}).refine((p) => p.positive !== p.negative, { message: "positive and negative must be different classes", path: ["negative"] });
type Params = z.infer<typeof params>;

interface ModelRun {
  readonly key: "linear" | "network";
  /** "linear model", "ReLU network (width 32)" */
  readonly title: string;
  /** "‖w‖", "‖a‖ (last layer)" */
  readonly normName: string;
  readonly iters: number;
  readonly trace: Trace;
  readonly note: string;
  /** a diverged run has no late phase: every check on it fails */
  readonly diverged: boolean;
  readonly seconds: number;
}

/** the fraction of margins that are not positive */
function errorRate(margins: Float64Array): number {
  let e = 0;
  for (const u of margins) if (!(u > 0)) e++;
  return e / margins.length;
}

interface Evaluated {
  value(theta: Float64Array): number;
  margins(theta: Float64Array, out: Float64Array): Float64Array;
}

function metrics(train: Evaluated, nTrain: number, val: Evaluated, nVal: number, norm: (theta: Float64Array) => number): Record<string, Metric> {
  const mt = new Float64Array(nTrain), mv = new Float64Array(nVal);
  return {
    [TRAIN_ERR]: (th) => errorRate(train.margins(th, mt)),
    [VAL_LOSS]: (th) => val.value(th),
    [VAL_ERR]: (th) => errorRate(val.margins(th, mv)),
    [NORM]: norm,
  };
}

/** GD on the training objective from θ₀, with the metrics recorded at 6 log-spaced t per decade */
async function runModel(
  ctx: RunContext, fork: number, key: ModelRun["key"], title: string, normName: string,
  train: Objective & Evaluated, val: Evaluated, data: ImagePair, eta: number, theta0: Float64Array, iters: number,
  norm: (theta: Float64Array) => number,
): Promise<ModelRun> {
  const t0 = performance.now();
  const tr = await record(ctx, fork, `${title}, GD η = ${eta.toPrecision(3)}`, train, gd({ lr: eta }), theta0, iters,
    metrics(train, data.train.X.rows, val, data.validation.X.rows, norm), 6);
  return { key, title, normName, iters, trace: tr.trace, note: tr.note, diverged: tr.outcome.stopReason === "diverged", seconds: (performance.now() - t0) / 1000 };
}

/** the checks, summary entries and figure series of one model's run (train: its training data) */
async function analyze(run: ModelRun, p: Params, train: BinaryClassificationData): Promise<{ checks: Check[]; summary: Record<string, number | string | boolean>; series: Record<"loss" | "error" | "norm", Series[]> }> {
  const { trace, key, normName } = run;
  const T = run.iters;
  const tl = column(trace, "loss", 0), te = column(trace, TRAIN_ERR, 0), vl = column(trace, VAL_LOSS, 0), ve = column(trace, VAL_ERR, 0);
  const at = (c: { t: number[]; v: number[] }, t: number) => c.v[c.t.indexOf(t)];
  // the values at T (NaN for a diverged run, so that no check on it passes)
  const last = (c: { v: number[] }) => (c.v.length > 0 && !run.diverged ? c.v[c.v.length - 1] : NaN);
  const checks: Check[] = [];
  const summary: Record<string, number | string | boolean> = {};

  // 1. zero training error
  const tSep = te.t.find((t, i) => te.v[i] === 0 && te.v.slice(i).every((v) => v === 0));
  let separable = "";
  if (last(te) !== 0 && key === "linear" && !run.diverged) {
    const s = await separabilityCheck(train.X, train.y);
    separable = s.separable ? "the training images are linearly separable (LP): run longer" : `the training images are NOT linearly separable (${s.message}): the claim's setting needs separable data`;
  }
  checks.push(checkAtMost(`${key}: training error at T = ${T} reaches 0`, last(te), 0, {
    predicted: "0 (the model interpolates the training labels)",
    note: `${tSep !== undefined ? `zero from t = ${tSep} on${key === "linear" ? " (so the training images are linearly separable through the origin)" : ""}` : "never zero"}${separable ? `; ${separable}` : ""}; ${run.note}`,
  }));

  // 2. validation loss grows after its minimum
  let iMin = 0;
  for (let i = 1; i < vl.v.length; i++) if (vl.v[i] < vl.v[iMin]) iMin = i;
  const tStar = vl.t[iMin], lMin = vl.v[iMin], lEnd = last(vl);
  checks.push(checkAtLeast(`${key}: validation loss at T over its minimum (at t* = ${tStar})`, lEnd / lMin, p.lossGrowth, {
    predicted: `grows like log t once training error is near 0 (≥ ${p.lossGrowth}×)`,
    competitor: { name: "the training loss at T over its value at t* (it keeps falling)", measured: last(tl) / at(tl, tStar) },
    note: `validation loss ${lMin.toPrecision(4)} at t* = ${tStar}, ${lEnd.toPrecision(4)} at T = ${T}`,
  }));

  // 3. validation error keeps improving meanwhile
  const eStar = at(ve, tStar), eEnd = last(ve);
  let eBest = Infinity, tBest = 0;
  ve.v.forEach((v, i) => { if (v < eBest) { eBest = v; tBest = ve.t[i]; } });
  checks.push(checkAtMost(`${key}: validation error at T minus at the validation-loss minimum t*`, eEnd - eStar, p.errorSlack, {
    predicted: "≤ 0: the validation error keeps improving while the validation loss grows",
    competitor: { name: `early stopping at t*: validation error`, measured: eStar },
    note: `validation error ${eStar.toFixed(4)} at t* = ${tStar}, ${eEnd.toFixed(4)} at T = ${T} (lowest ${eBest.toFixed(4)} at t = ${tBest})`,
  }));

  // 4. the (last-layer) norm grows like log t, fitted where the asymptotics live: after the
  //    training error has reached 0, and over the last fitDecades decades (at least 4 points)
  const tFit = Math.max(T / Math.pow(10, p.fitDecades), tSep ?? T);
  const nw = column(trace, NORM, tFit);
  const logFit = fitLogGrowth(nw.t, nw.v), linFit = fitLinearGrowth(nw.t, nw.v);
  const misfit = logFit.slope > 0 && logFit.n >= 4 && !run.diverged ? 1 - logFit.r2 : NaN;
  checks.push(checkCloser({
    name: `${key}: ${normName} linear in ln t over t ∈ [${tFit}, ${T}]: 1 − r²`,
    predicted: `${normName} ≈ a + b ln t, b > 0`,
    measured: misfit,
    threshold: p.fitTolerance,
    competitor: { name: `1 − r² of a line in t (${normName} growing like t)`, measured: 1 - linFit.r2 },
    margin: p.fitMargin,
    note: `fitted ${normName} ≈ ${logFit.intercept.toPrecision(4)} + ${logFit.slope.toPrecision(4)}·ln t over ${logFit.n} points${logFit.n < 4 ? "; fewer than 4 points after the training error reached 0: run longer" : ""}${logFit.slope > 0 ? "" : "; the slope is not positive: the norm does not grow"}`,
  }));

  const late = column(trace, "loss", tFit);
  const lossFit = fitPowerLaw(late.t, late.v);
  Object.assign(summary, {
    [`${key}: GD`]: run.note,
    [`${key}: seconds`]: run.seconds,
    [`${key}: first t of zero training error`]: tSep ?? "never",
    [`${key}: t* (validation-loss minimum)`]: tStar,
    [`${key}: validation loss at t*, at T`]: `${lMin.toPrecision(4)}, ${lEnd.toPrecision(4)}`,
    [`${key}: validation error at t*, at T`]: `${eStar.toFixed(4)}, ${eEnd.toFixed(4)}`,
    [`${key}: slope of ${normName} against ln t`]: logFit.slope,
    [`${key}: training loss exponent (Soudry: −1)`]: lossFit.exponent,
  });

  const all = column(trace, NORM, 1);
  const series: Record<"loss" | "error" | "norm", Series[]> = {
    loss: [traceSeries(trace, "t", "loss", `${key}: training loss`), traceSeries(trace, "t", VAL_LOSS, `${key}: validation loss`)],
    error: [traceSeries(trace, "t", TRAIN_ERR, `${key}: training error`), traceSeries(trace, "t", VAL_ERR, `${key}: validation error`)],
    norm: [
      { name: `${key}: ${normName}`, x: all.t.map(Math.log), y: all.v },
      { name: `${key}: ${logFit.intercept.toFixed(2)} + ${logFit.slope.toFixed(3)} ln t`, x: nw.t.map(Math.log), y: nw.t.map((t) => logFit.intercept + logFit.slope * Math.log(t)) },
    ],
  };
  return { checks, summary, series };
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const data = await imagePair(ctx, ctx.rng.fork(1), {
    spec: fashionMnist, dataDir: p.dataDir, positive: p.positive, negative: p.negative, n: p.n, validation: p.validation, pool: p.pool, center: p.center,
  });
  ctx.progress(0.05, "data read");
  const { train, validation } = data;
  const d = train.X.cols, n = train.X.rows;

  // (a) linear model, logistic loss, GD from 0 with η = linearStep/β
  const linTrain = marginObjective(train, linearModel(d)), linVal = marginObjective(validation, linearModel(d));
  const beta = topSingularValueSquared(train.X) / (4 * n);
  const linear = await runModel(ctx, 2, "linear", "linear model", "‖w‖", linTrain, linVal, data, p.linearStep / beta, new Float64Array(d), p.linearIters, norm2);
  ctx.progress(0.25, "linear model trained");

  // (b) two-layer ReLU network, logistic loss, GD from W ~ N(0, 1/R²) entrywise (⟨wⱼ, xᵢ⟩ of variance ≈ 1), a ~ N(0, 1/m)
  const netTrain = reluNetObjective(train, p.width), netVal = reluNetObjective(validation, p.width);
  const theta0 = netTrain.parameterization.init(ctx.rng.fork(3), 1);
  const R2 = data.meanSquaredNorm;
  const wScale = Math.sqrt(d / R2);
  for (let k = 0; k < p.width * d; k++) theta0[k] *= wScale;
  const network = await runModel(ctx, 4, "network", `ReLU network (width ${p.width})`, "‖a‖ (last layer)", netTrain, netVal, data, p.netStep / R2, theta0, p.netIters,
    (th) => netTrain.outputNorm(th));
  ctx.progress(1);

  const a = await analyze(linear, p, train), b = await analyze(network, p, train);
  const names = FASHION_MNIST_CLASSES;
  return {
    id: "test-loss-vs-error",
    params: p,
    checks: [...a.checks, ...b.checks],
    traces: [linear.trace, network.trace],
    figures: [
      lineFigure({
        name: "loss",
        title: "Training loss → 0 like 1/t; the validation loss grows after its minimum t* (Soudry et al. Fig. 2)",
        x: { title: "iteration t", log: true },
        y: { title: "mean logistic loss", log: true },
        series: [...a.series.loss, ...b.series.loss],
      }),
      lineFigure({
        name: "error",
        title: "Training error reaches 0; the validation error keeps improving",
        x: { title: "iteration t", log: true },
        y: { title: "error rate" },
        series: [...a.series.error, ...b.series.error],
      }),
      lineFigure({
        name: "norm",
        title: "‖w‖ (linear) and the last layer's ‖a‖ (network) against ln t, with lines fitted after zero training error",
        x: { title: "ln t" },
        y: { title: "norm" },
        series: [...a.series.norm, ...b.series.norm],
      }),
    ],
    summary: {
      data: `Fashion-MNIST ${names[p.positive]} (y = +1) against ${names[p.negative]} (y = −1): ${n} of ${data.available.train} training images, ${validation.X.rows} of ${data.available.test} test images as validation, ${d} pixels${p.pool > 1 ? ` (${p.pool}×${p.pool} averages)` : ""}${p.center ? ", centred" : ""}`,
      "network uses WebAssembly SIMD": netTrain.simd,
      ...a.summary,
      ...b.summary,
    },
  };
}

export const testLossVsError: Experiment<Params> = {
  id: "test-loss-vs-error",
  section: "B",
  seeds: ["002", "004"],
  claim: "trained to zero training error on two Fashion-MNIST classes, a linear model and a small ReLU network: validation loss grows while validation error keeps improving, and the (last-layer) norm grows like log t (Soudry et al. Fig. 2)",
  params,
  quick: { validation: 1000, linearIters: 10000, netIters: 1000 },
  run,
};
