// wilson-adaptive (seed 002, citing Wilson, Roelofs, Stern, Srebro & Recht 2017,
// "The Marginal Value of Adaptive Gradient Methods in Machine Learning", §3.3):
// on their linear least-squares classification example both SGD and the adaptive
// methods (AdaGrad, Adam) reach a global minimum of the training loss, but
// different ones. SGD ends at the min-‖w‖₂ interpolant, which labels held-out
// points correctly; because X sign(Xᵀy) = c·y, the adaptive methods from 0 stay on
// the ray of sign(Xᵀy) and end at sign(Xᵀy)/c, which labels every new point +1
// (test error ≈ P(y = −1) = 1 − p).
import { z } from "zod";
import { wilsonAdaptive as wilsonData, type ScalarRegression } from "../data/index.ts";
import { dot, gemv, gemvT } from "../linalg/index.ts";
import { checkAtLeast, checkAtMost, checkCloser, relativeDistance } from "../metrics/index.ts";
import { leastSquares, linearModel } from "../models/index.ts";
import { adagrad, adam, sgd, type Optimizer } from "../optimizers/index.ts";
import { minNormL2 } from "../references/index.ts";
import type { Check, Result, Trace } from "../run/index.ts";
import type { Experiment, RunContext } from "./types.ts";
import { lineFigure, traceSeries } from "./figures.ts";
import { trajectory } from "./trajectory.ts";

const params = z.object({
  n: z.number().int().min(1).default(100),
  nTest: z.number().int().min(1).default(1000),
  /** P(y = +1) */
  p: z.number().gt(0.5).max(1).default(0.7),
  sgdLr: z.number().positive().default(0.1),
  adagradLr: z.number().positive().default(0.1),
  adagradEps: z.number().positive().default(1e-8),
  adamLr: z.number().positive().default(0.01),
  beta1: z.number().min(0).lt(1).default(0.9),
  beta2: z.number().min(0).lt(1).default(0.999),
  adamEps: z.number().positive().default(1e-8),
  maxIter: z.number().int().min(1).default(100000),
  lossTarget: z.number().positive().default(1e-26),
  /** every method must end with training loss ≤ this (a global minimum) */
  trainLoss: z.number().positive().default(1e-12),
  /** SGD's relative distance to the min-‖w‖₂ interpolant */
  sgdThreshold: z.number().positive().default(1e-6),
  /** the adaptive methods' relative distance to sign(Xᵀy)/c */
  adaptiveThreshold: z.number().positive().default(1e-4),
  /** SGD's test error must be at most this */
  sgdError: z.number().min(0).max(1).default(0.05),
  /** each adaptive method's test error must exceed SGD's by at least this */
  errorGap: z.number().min(0).max(1).default(0.1),
});
type Params = z.infer<typeof params>;

/** fraction of examples with sign⟨w, xᵢ⟩ ≠ yᵢ (a zero score counts as an error) */
function classificationError(w: Float64Array, set: ScalarRegression, scratch: Float64Array): number {
  gemv(set.X, w, scratch);
  let e = 0;
  for (let i = 0; i < set.y.length; i++) if (!(Math.sign(scratch[i]) === set.y[i])) e++;
  return e / set.y.length;
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const data = wilsonData(ctx.rng, { n: p.n, nTest: p.nTest, p: p.p });
  const { train, test, d } = data;
  const objective = leastSquares(train, linearModel(d));
  // the two predicted limits
  const l2 = minNormL2(train.X, train.y);
  const s = gemvT(train.X, train.y, new Float64Array(d)).map(Math.sign);
  const xs = gemv(train.X, s, new Float64Array(p.n));
  const c = dot(xs, train.y) / dot(train.y, train.y);
  let misfit = 0;
  for (let i = 0; i < p.n; i++) misfit = Math.max(misfit, Math.abs(xs[i] - c * train.y[i]));
  const signSolution = s.map((v) => v / c);
  const signName = `sign(Xᵀy)/c, c = ${c}`;

  const trScratch = new Float64Array(p.n), teScratch = new Float64Array(p.nTest);
  const methods: { name: string; optimizer: Optimizer; adaptive: boolean }[] = [
    { name: `sgd (instance-wise, η = ${p.sgdLr})`, optimizer: sgd({ lr: p.sgdLr, batchSize: 1 }), adaptive: false },
    { name: `adagrad (η = ${p.adagradLr}, ε = ${p.adagradEps})`, optimizer: adagrad({ lr: p.adagradLr, eps: p.adagradEps }), adaptive: true },
    {
      name: `adam (η = ${p.adamLr}, β₁ = ${p.beta1}, β₂ = ${p.beta2}, ε = ${p.adamEps})`,
      optimizer: adam({ lr: p.adamLr, beta1: p.beta1, beta2: p.beta2, eps: p.adamEps }),
      adaptive: true,
    },
  ];
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = {
    d,
    "fraction of +1 test labels": test.y.filter((v) => v > 0).length / p.nTest,
    "max |X sign(Xᵀy) − c·y| (0: the adaptive ray is exact)": misfit,
    c,
  };
  const results: { name: string; adaptive: boolean; testError: number; trainLoss: number; toL2: number; toSign: number }[] = [];
  for (const [k, m] of methods.entries()) {
    ctx.progress(k / methods.length, m.name);
    const tr = await trajectory({
      name: m.name,
      objective,
      optimizer: m.optimizer,
      theta0: new Float64Array(d),
      rng: ctx.rng.fork(300 + k),
      maxIter: p.maxIter,
      lossTarget: p.lossTarget,
      metrics: {
        "training error": (w) => classificationError(w, train, trScratch),
        "test error": (w) => classificationError(w, test, teScratch),
        "relative distance to the min-‖w‖₂ interpolant": (w) => relativeDistance(w, l2.solution),
        "relative distance to sign(Xᵀy)/c": (w) => relativeDistance(w, signSolution),
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    traces.push(tr.trace);
    const r = {
      name: m.name,
      adaptive: m.adaptive,
      testError: classificationError(tr.final, test, teScratch),
      trainLoss: objective.value(tr.final),
      toL2: relativeDistance(tr.final, l2.solution),
      toSign: relativeDistance(tr.final, signSolution),
    };
    results.push(r);
    summary[`${m.name}: test error`] = r.testError;
    summary[`${m.name}: training loss`] = r.trainLoss;
    summary[`${m.name}: run`] = tr.note;
    checks.push(checkAtMost(`${m.name}: training loss of the limit (a global minimum)`, r.trainLoss, p.trainLoss));
    checks.push(m.adaptive
      ? checkCloser({
        name: `${m.name}: relative distance of the limit to sign(Xᵀy)/c`,
        predicted: signName, measured: r.toSign, threshold: p.adaptiveThreshold,
        competitor: { name: "the min-‖w‖₂ interpolant", measured: r.toL2 },
      })
      : checkCloser({
        name: `${m.name}: relative distance of the limit to the min-‖w‖₂ interpolant`,
        predicted: l2.program, measured: r.toL2, threshold: p.sgdThreshold,
        competitor: { name: signName, measured: r.toSign },
      }));
  }
  const base = results[0];
  checks.push(checkAtMost(`${base.name}: test error on ${p.nTest} held-out examples`, base.testError, p.sgdError,
    { predicted: "the min-norm interpolant generalizes" }));
  for (const r of results.slice(1)) {
    checks.push(checkAtLeast(`${r.name}: test error minus SGD's test error`, r.testError - base.testError, p.errorGap, {
      predicted: "the adaptive method's global minimum generalizes worse",
      competitor: { name: base.name, measured: base.testError },
      note: `test errors: ${r.name.split(" ")[0]} ${r.testError}, sgd ${base.testError}; 1 − p = ${(1 - p.p).toFixed(3)}`,
    }));
  }

  const figures = [
    lineFigure({
      name: "test-error",
      title: `Held-out classification error along training (Wilson et al. 2017 example, n = ${p.n}, p = ${p.p})`,
      x: { title: "iteration t", log: true },
      y: { title: "test error" },
      series: traces.map((t) => traceSeries(t, "t", "test error", t.name.split(" ")[0])),
    }),
    lineFigure({
      name: "distance-to-min-norm",
      title: "Relative distance to the min-‖w‖₂ interpolant",
      x: { title: "iteration t", log: true },
      y: { title: "‖w_t − w_ℓ2‖ / ‖w_ℓ2‖", log: true },
      series: traces.map((t) => traceSeries(t, "t", "relative distance to the min-‖w‖₂ interpolant", t.name.split(" ")[0])),
    }),
  ];
  ctx.progress(1);
  return { id: "wilson-adaptive", params: p, checks, traces, figures, summary };
}

export const wilsonAdaptive: Experiment<Params> = {
  id: "wilson-adaptive",
  section: "A",
  seeds: ["002"],
  claim:
    "adaptive methods (AdaGrad, Adam) can find a global minimum that generalizes worse than SGD's min-norm one (Wilson et al. 2017 linear example)",
  params,
  quick: { n: 40, nTest: 400, maxIter: 20000 },
  run,
};
