// deep-matrix (seed 002; Arora et al. 2019): matrix completion by gradient flow on a deep product
// W = W_L ⋯ W_1 from a small balanced init (each factor αI with α^L = ε, the same end-to-end W₀ = εI for
// every depth). Depth 1 is GD on W itself (the unobserved entries never move: no low-rank bias);
// deeper products bias the completion towards low rank more strongly: the effective rank
// exp(H(σ/‖σ‖₁)) of W∞ and its error on the unobserved entries fall as the depth grows.
import { z } from "zod";
import { Matrix, singularValues } from "../../linalg/index.ts";
import { checkAtMost, effectiveRank as effectiveRankOf } from "../../metrics/index.ts";
import { deepProduct, observedEntries, sensingObjective } from "../../models/index.ts";
import type { Check, Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure } from "../figures.ts";
import { maxOf } from "../verdicts.ts";
import { flowTrajectory } from "./flowTrajectory.ts";

const params = z.object({
  n: z.number().int().min(2).default(20),
  rank: z.number().int().min(1).default(2),
  /** fraction of the n² entries observed (uniformly at random) */
  observed: z.number().gt(0).lt(1).default(0.4),
  depths: z.array(z.number().int().min(1)).min(2).default([1, 2, 3, 4]),
  /** end-to-end init scale ε: W₀ = εI at every depth */
  scale: z.number().positive().default(1e-2),
  lossTarget: z.number().positive().default(1e-7),
  maxSteps: z.number().int().min(1).default(200000),
});
type Params = z.infer<typeof params>;

/** the effective rank (metrics' exp-entropy of σ/‖σ‖₁) of a matrix */
export function effectiveRank(W: Matrix): number {
  return effectiveRankOf(singularValues(W));
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const { n } = p;
  // W* = GHᵀ/rank, G, H n×rank Gaussian: a general rank-r matrix
  const G = ctx.rng.fillNormal(new Float64Array(n * p.rank)), H = ctx.rng.fillNormal(new Float64Array(n * p.rank));
  const Wstar = new Matrix(n, n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    let s = 0;
    for (let k = 0; k < p.rank; k++) s += G[a * p.rank + k] * H[b * p.rank + k];
    Wstar.data[a * n + b] = s / p.rank;
  }
  const order = ctx.rng.shuffle(Array.from({ length: n * n }, (_, k) => k));
  const m = Math.max(1, Math.round(p.observed * n * n));
  const seen = new Uint8Array(n * n);
  const pairs: [number, number][] = order.slice(0, m).map((k) => { seen[k] = 1; return [Math.floor(k / n), k % n]; });
  const op = observedEntries(n, n, pairs);
  const y = op.apply(Wstar.data, new Float64Array(m));
  /** ‖W − W*‖ over the unobserved entries / ‖W*‖ over them */
  const testError = (W: Float64Array): number => {
    let e = 0, r = 0;
    for (let k = 0; k < n * n; k++) if (!seen[k]) { e += (W[k] - Wstar.data[k]) ** 2; r += Wstar.data[k] ** 2; }
    return Math.sqrt(e / r);
  };
  const traces: Trace[] = [];
  const effRanks: number[] = [], errors: number[] = [];
  const summary: Record<string, number | string | boolean> = { "observed entries": m, "effective rank of W*": effectiveRank(Wstar) };
  const W = new Matrix(n, n);
  for (const [k, depth] of p.depths.entries()) {
    ctx.progress(k / p.depths.length, `depth ${depth}`);
    const param = deepProduct(n, depth, "identity");
    const objective = sensingObjective(op, y, param);
    const alpha = Math.pow(p.scale, 1 / depth);
    const theta0 = param.init(ctx.rng, alpha);
    const tr = flowTrajectory({
      name: `gradient flow, depth ${depth}`,
      objective,
      theta0,
      lossTarget: p.lossTarget * objective.value(theta0),
      maxSteps: p.maxSteps,
      rtol: 1e-8,
      atol: 1e-10,
      metrics: {
        "effective rank": (th) => effectiveRank((param.predictor(th, W.data), W)),
        "test error (unobserved entries)": (th) => testError(param.predictor(th, W.data)),
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    traces.push(tr.trace);
    param.predictor(tr.theta, W.data);
    effRanks.push(tr.reachedTarget ? effectiveRank(W) : NaN);
    errors.push(tr.reachedTarget ? testError(W.data) : NaN);
    summary[`depth ${depth}: flow`] = tr.note;
    summary[`depth ${depth}: effective rank`] = effRanks[k];
    summary[`depth ${depth}: test error`] = errors[k];
  }
  ctx.progress(1);
  const ratios = (v: number[]): number => maxOf(v.slice(1).map((x, i) => x / v[i]));
  const checks: Check[] = [
    checkAtMost("largest ratio of successive effective ranks of W∞ as the depth grows", ratios(effRanks), 1, {
      predicted: "deeper factorizations end at lower effective rank",
      note: `effective ranks ${effRanks.map((v) => v.toFixed(3)).join(", ")} at depths ${p.depths.join(", ")}`,
    }),
    checkAtMost("largest ratio of successive test errors (unobserved entries) as the depth grows", ratios(errors), 1, {
      predicted: "deeper factorizations complete the matrix better",
      note: `test errors ${errors.map((v) => v.toExponential(2)).join(", ")} at depths ${p.depths.join(", ")}`,
    }),
  ];
  const figures = [
    lineFigure({
      name: "deep-matrix-vs-depth",
      title: `Matrix completion (n = ${n}, rank ${p.rank}, ${m} entries) by gradient flow on W_L⋯W_1: effective rank and test error vs depth`,
      x: { title: "depth L", log: false },
      y: { title: "effective rank / test error", log: true },
      series: [{ name: "effective rank of W∞", x: p.depths, y: effRanks }, { name: "test error on unobserved entries", x: p.depths, y: errors }],
      rules: [{ y: effectiveRank(Wstar), label: "effective rank of W*" }],
    }),
  ];
  return { id: "deep-matrix", params: p, checks, traces, figures, summary };
}

export const deepMatrix: Experiment<Params> = {
  id: "deep-matrix",
  section: "C",
  seeds: ["002"],
  claim: "in matrix completion, deeper factorizations W = W_L⋯W_1 (gradient flow, small init) end at lower effective rank and lower test error",
  params,
  quick: { n: 10, observed: 0.5 },
  run,
};
