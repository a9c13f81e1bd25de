// regularization-path (seed 004; Telgarsky's open problem #1, Ji, Dudík, Schapire & Telgarsky 2020):
// GD on the logistic risk over separable data tracks the regularization path w̄(B) = argmin{R(w) : ‖w‖₂ ≤ B}
// taken at the iterate's own norm B = ‖w_t‖: ‖w_t − w̄(‖w_t‖)‖/‖w_t‖ → 0, and the iterate is far closer
// to the path point than to the max-margin ray B·ŵ/‖ŵ‖ of the same norm (which both approach in direction).
import { z } from "zod";
import { separableData } from "../../data/index.ts";
import { dist2, norm2 } from "../../linalg/index.ts";
import { logisticLoss } from "../../losses/index.ts";
import { checkAtMost, checkCloser, type Check } from "../../metrics/index.ts";
import { gd } from "../../optimizers/index.ts";
import type { Result } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries } from "../figures.ts";
import { maxOf } from "../verdicts.ts";
import { normBallPath } from "./normBallPath.ts";
import { binaryProblem, record } from "./setup.ts";

const REL = "‖w_t − w̄(‖w_t‖)‖/‖w_t‖";
const RAY = "‖w_t − ‖w_t‖ŵ/‖ŵ‖‖/‖w_t‖";
const ABS = "‖w_t − w̄(‖w_t‖)‖";
const KKT = "path point KKT residual";

const params = z.object({
  n: z.number().int().min(2).default(50),
  d: z.number().int().min(1).default(5),
  gap: z.number().positive().default(0.1),
  /** η = stepFactor/β, β = σ²_max/(4N) */
  stepFactor: z.number().positive().default(1),
  maxIter: z.number().int().min(10).default(1000000),
  /** largest relative distance to the path point at T */
  threshold: z.number().positive().default(5e-3),
  /** the max-margin ray of the same norm must be this many times farther */
  competitorMargin: z.number().min(1).default(10),
  /** largest KKT residual of the computed path points (their certificate) */
  kktTolerance: z.number().positive().default(1e-6),
});
type Params = z.infer<typeof params>;

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const data = separableData(ctx.rng.fork(1), { n: p.n, d: p.d, gap: p.gap });
  const P = binaryProblem(data, logisticLoss);
  const beta = P.sigma2OverN / 4;
  let warm: Float64Array | undefined;
  const pathAt = (w: Float64Array) => {
    const B = norm2(w);
    const pt = normBallPath(data, logisticLoss, B, warm);
    warm = pt.w;
    return pt;
  };
  // the path point is computed once per checkpoint and shared by the columns that need it
  let cacheT = -1;
  let cache = { rel: NaN, abs: NaN, kkt: NaN };
  const at = (w: Float64Array, t: number) => {
    if (t !== cacheT) {
      cacheT = t;
      if (!(norm2(w) > 0)) cache = { rel: NaN, abs: NaN, kkt: NaN };
      else {
        const pt = pathAt(w);
        const d = dist2(w, pt.w);
        cache = { rel: d / norm2(w), abs: d, kkt: Math.max(pt.kktResidual, pt.normResidual) };
      }
    }
    return cache;
  };
  const ray = (w: Float64Array) => {
    const B = norm2(w);
    return B > 0 ? dist2(w, P.svm.direction.map((v) => v * B)) / B : NaN;
  };
  ctx.progress(0, "GD");
  const tr = await record(ctx, 10, `GD, η = ${p.stepFactor}/β`, P.objective, gd({ lr: p.stepFactor / beta }), new Float64Array(p.d), p.maxIter, {
    [REL]: (w, t) => at(w, t).rel,
    [ABS]: (w, t) => at(w, t).abs,
    [RAY]: ray,
    [KKT]: (w, t) => at(w, t).kkt,
  }, 3);
  const measured = tr.last[REL];
  const kkts = tr.trace.rows.slice(1).map((r) => r[tr.trace.columns.indexOf(KKT)]);
  const checks: Check[] = [
    checkCloser({
      name: `relative distance of w_T to the regularization path point of the same norm, T = ${p.maxIter}`,
      predicted: "w̄(B) = argmin {R(w) : ‖w‖₂ ≤ B}, B = ‖w_T‖",
      measured,
      threshold: p.threshold,
      competitor: { name: "the max-margin ray ‖w_T‖·ŵ/‖ŵ‖", measured: tr.last[RAY] },
      margin: p.competitorMargin,
      note: `${tr.note}; ‖w_T‖ = ${norm2(tr.final).toPrecision(4)}, ‖w_T − w̄‖ = ${tr.last[ABS].toExponential(3)}`,
    }),
    checkAtMost("largest KKT residual of the computed path points (‖∇R + λw̄‖/(λ‖w̄‖), |‖w̄‖ − B|/B)", maxOf(kkts), p.kktTolerance),
  ];
  const summary: Record<string, number | string | boolean> = {
    "relative distance to the path at T": measured,
    "absolute distance to the path at T": tr.last[ABS],
    "largest absolute distance to the path": maxOf(tr.trace.rows.slice(1).map((r) => r[tr.trace.columns.indexOf(ABS)])),
    "relative distance to the max-margin ray at T": tr.last[RAY],
    "‖w_T‖": norm2(tr.final),
  };
  const figures = [
    lineFigure({
      name: "path-distance",
      title: `GD (logistic, n = ${p.n}, d = ${p.d}) against the regularization path at its own norm`,
      x: { title: "iteration t", log: true },
      y: { title: "relative distance", log: true },
      series: [traceSeries(tr.trace, "t", REL, "to the path point w̄(‖w_t‖)"), traceSeries(tr.trace, "t", RAY, "to the max-margin ray")],
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
  ];
  ctx.progress(1);
  return { id: "regularization-path", params: p, checks, traces: [tr.trace], figures, summary };
}

export const regularizationPath: Experiment<Params> = {
  id: "regularization-path",
  section: "B",
  seeds: ["004"],
  claim: "GD iterates on the logistic risk track the regularization path argmin{R(w) : ‖w‖ ≤ B} at their own norm (Telgarsky's open problem #1)",
  params,
  quick: { maxIter: 30000, threshold: 1e-2, competitorMargin: 5 },
  run,
};
