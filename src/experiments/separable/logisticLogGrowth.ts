// logistic-log-growth (seeds 000, 002; Soudry et al. 2018, Theorem 3): GD on the logistic loss over
// separable data in general position has w(t) = ŵ log t + ρ(t) with ρ(t) bounded, ŵ = argmin ‖w‖₂
// s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 (not normalized: ‖ŵ‖ = 1/γ̂). So ‖w(t)‖ grows like ‖ŵ‖ log t and the loss like 1/t.
import { z } from "zod";
import { norm2 } from "../../linalg/index.ts";
import { logisticLoss } from "../../losses/index.ts";
import { checkAtMost, checkCloser, logGrowthResidual, type Check } from "../../metrics/index.ts";
import { gd } from "../../optimizers/index.ts";
import { separableData } from "../../data/index.ts";
import { maxMarginL1 } from "../../references/index.ts";
import type { Result } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries } from "../figures.ts";
import { maxOf } from "../verdicts.ts";
import { binaryProblem, checkExponent, column, fitSeries, powerFit, record } from "./setup.ts";

const RHO = "‖w(t) − ŵ log t‖";
const WRONG = "‖w(t) − w₁ log t‖, w₁ the ℓ1 max-margin solution";
const NORM = "‖w(t)‖";

const params = z.object({
  n: z.number().int().min(2).default(100),
  d: z.number().int().min(2).default(5),
  /**
   * planted support vectors at margin `gap`, the other points at ≥ gap + clearance: a non-support point
   * at relative margin m contributes e^{−m log t} = t^{−m}·(…) to the gradient, so points near the
   * margin (m ≈ 1) delay the asymptotics by decades; clearance = gap puts every other point at m ≥ 2
   */
  gap: z.number().positive().default(0.5),
  clearance: z.number().min(0).default(0.5),
  supportVectors: z.number().int().min(1).default(2),
  /** η = stepFactor/β, β = σ²_max/(4N) */
  stepFactor: z.number().positive().default(1),
  maxIter: z.number().int().min(100).default(1000000),
  /** the window of the claim starts here */
  tMin: z.number().int().min(2).default(100),
  /** growth of ‖ρ‖ over the last decade, per unit ln t, relative to ‖ŵ‖: bounded ρ makes it → 0 */
  growthTolerance: z.number().positive().default(0.05),
  /** |slope of ‖w‖ vs ln t − ‖ŵ‖| / ‖ŵ‖ allowed (the claim: 5%) */
  slopeTolerance: z.number().positive().default(0.05),
  /** the slope is fitted over the last `slopeDecades` decades */
  slopeDecades: z.number().positive().default(1),
  /** |fitted exponent of the loss + 1| allowed */
  lossTolerance: z.number().positive().default(0.1),
});
type Params = z.infer<typeof params>;

/** least-squares slope of y on x */
function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; }
  return sxx > 0 ? sxy / sxx : NaN;
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  if (!(p.tMin * 10 < p.maxIter)) throw new RangeError(`logistic-log-growth: maxIter (${p.maxIter}) must exceed 10·tMin (${10 * p.tMin})`);
  const data = separableData(ctx.rng.fork(1), { n: p.n, d: p.d, gap: p.gap, clearance: p.clearance, supportVectors: p.supportVectors });
  const P = binaryProblem(data, logisticLoss);
  const wHat = P.svm.solution;
  const nHat = norm2(wHat);
  const l1 = await maxMarginL1(data.X, data.y);
  const u = l1.solution;
  const beta = P.sigma2OverN / 4;
  const tr = await record(ctx, 10, `GD, η = ${p.stepFactor}/β`, P.objective, gd({ lr: p.stepFactor / beta }), new Float64Array(p.d), p.maxIter, {
    [RHO]: (w, t) => (t > 0 ? logGrowthResidual(w, wHat, t) : NaN),
    [WRONG]: (w, t) => (t > 0 ? logGrowthResidual(w, u, t) : NaN),
    [NORM]: (w) => norm2(w),
  }, 10);
  // growth of the residual over the last decade per unit ln t, relative to ‖ŵ‖ (→ 0 when ρ is bounded)
  const growth = (col: string): number => {
    const { v } = column(tr.trace, col, p.maxIter / 10);
    return Math.abs(v[v.length - 1] - v[0]) / (nHat * Math.log(10));
  };
  const rho = column(tr.trace, RHO, p.tMin);
  const checks: Check[] = [];
  checks.push(checkCloser({
    name: `ρ(t) = w(t) − ŵ log t bounded: |‖ρ(T)‖ − ‖ρ(T/10)‖| / (‖ŵ‖ ln 10)`,
    predicted: "w(t) = ŵ log t + O(1), ŵ the ℓ2 SVM solution",
    measured: growth(RHO),
    threshold: p.growthTolerance,
    competitor: { name: "the same growth for w₁ log t, w₁ = argmin ‖w‖₁ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1", measured: growth(WRONG) },
    margin: 3,
    note: `‖ρ(t)‖ for t ∈ [${p.tMin}, ${p.maxIter}] between ${Math.min(...rho.v).toPrecision(4)} and ${maxOf(rho.v).toPrecision(4)}; ‖ρ(T)‖ = ${rho.v.at(-1)?.toPrecision(4)}`,
  }));
  const nw = column(tr.trace, NORM, p.maxIter / Math.pow(10, p.slopeDecades));
  const s = slope(nw.t.map(Math.log), nw.v);
  checks.push(checkAtMost(`slope of ‖w(t)‖ against ln t over the last ${p.slopeDecades} decades, relative to ‖ŵ‖ = 1/γ̂`, Math.abs(s - nHat) / nHat, p.slopeTolerance, {
    predicted: `‖ŵ‖ = ${nHat.toPrecision(5)}`,
    note: `fitted slope ${s.toPrecision(5)}`,
  }));
  const lossFit = powerFit(tr.trace, "loss", p.maxIter / 100);
  checks.push(checkExponent(`loss ~ 1/t: fitted exponent of L(w(t)) over t ∈ [${p.maxIter / 100}, ${p.maxIter}]`, lossFit, -1, p.lossTolerance, [-0.5, -2]));
  const summary: Record<string, number | string | boolean> = {
    "‖ŵ‖ = 1/γ̂": nHat,
    "SVM certificate ok": P.svm.certificate.ok,
    "slope of ‖w‖ vs ln t": s,
    "‖ρ(T)‖": rho.v.at(-1) ?? NaN,
    "sup ‖ρ‖ over the window": maxOf(rho.v),
    "ℓ1 max-margin solution's distance from ŵ": Math.hypot(...u.map((v, j) => v - wHat[j])),
    "loss exponent": lossFit.exponent,
    "loss constant": lossFit.constant,
  };
  const nAll = column(tr.trace, NORM, 1);
  const figures = [
    lineFigure({
      name: "norm-vs-log-t",
      title: `‖w(t)‖ against ln t (GD, logistic, n = ${p.n}, d = ${p.d}): slope ‖ŵ‖ = ${nHat.toFixed(3)}`,
      x: { title: "ln t" },
      y: { title: "‖w(t)‖" },
      series: [
        { name: "‖w(t)‖", x: nAll.t.map(Math.log), y: nAll.v },
        { name: "‖ŵ‖ ln t", x: nAll.t.map(Math.log), y: nAll.t.map((t) => nHat * Math.log(t)) },
      ],
    }),
    lineFigure({
      name: "residual",
      title: "‖w(t) − ŵ log t‖ stays bounded; against the ℓ1 max-margin solution it grows like log t",
      x: { title: "iteration t", log: true },
      y: { title: "residual" },
      series: [traceSeries(tr.trace, "t", RHO), traceSeries(tr.trace, "t", WRONG)],
    }),
    lineFigure({
      name: "loss",
      title: "L(w(t)) ~ c/t",
      x: { title: "iteration t", log: true },
      y: { title: "L(w(t))", log: true },
      series: [traceSeries(tr.trace, "t", "loss"), fitSeries(`fit ${lossFit.constant.toExponential(2)}·t^${lossFit.exponent.toFixed(3)}`, lossFit, p.maxIter / 100, p.maxIter)],
    }),
  ];
  ctx.progress(1);
  return { id: "logistic-log-growth", params: p, checks, traces: [tr.trace], figures, summary };
}

export const logisticLogGrowth: Experiment<Params> = {
  id: "logistic-log-growth",
  section: "B",
  seeds: ["000", "002"],
  claim: "GD on the logistic loss: w(t) = ŵ log t + ρ(t) with ρ bounded (general position), ‖w(t)‖ grows like ‖ŵ‖ log t and the loss like 1/t",
  params,
  quick: { n: 20, maxIter: 200000, tMin: 20 },
  run,
};
