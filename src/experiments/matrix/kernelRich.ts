// kernel-rich (seed 002; Woodworth et al. 2020): the diagonal network w = u⊙u − v⊙v from
// u₀ = v₀ = α1, trained by gradient flow on L = (1/2N)‖Xw − y‖², converges to
// argmin Q_α(w) s.t. Xw = y with Q_α(w) = α² Σⱼ q(wⱼ/α²), q(z) = 2 − √(4 + z²) + z·arcsinh(z/2):
// Q_α ∝ ‖w‖₂² as α → ∞ (kernel regime: the min-ℓ2 interpolant) and ∝ ‖w‖₁·log(1/α) as α → 0
// (rich regime: the min-ℓ1 interpolant). Swept over α, the distances to the two references cross.
import { z } from "zod";
import { Matrix, gemv } from "../../linalg/index.ts";
import { checkCloser, relativeDistance } from "../../metrics/index.ts";
import { diagonalNet, leastSquares } from "../../models/index.ts";
import { minL1, minNormL2 } from "../../references/index.ts";
import type { Check, Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries, type Series } from "../figures.ts";
import { flowTrajectory } from "./flowTrajectory.ts";

const params = z.object({
  N: z.number().int().min(1).default(40),
  d: z.number().int().min(2).default(100),
  /** nonzeros of the planted w* (signs random, magnitudes 0.5 + |N(0, 1)|) */
  sparsity: z.number().int().min(1).default(5),
  /** init scales α, ascending; the crossing needs both ends (≥ 4 decades) */
  alphas: z.array(z.number().positive()).min(2).default([1e-4, 1e-3, 1e-2, 1e-1, 0.3, 1, 3, 10]),
  /** stop the flow at L ≤ lossTarget·L(θ₀) */
  lossTarget: z.number().positive().default(1e-9),
  maxSteps: z.number().int().min(1).default(500000),
  /** relative distance to the predicted reference at each end of the sweep */
  threshold: z.number().positive().default(1e-2),
});
type Params = z.infer<typeof params>;

const TO_L1 = "relative distance to argmin ‖w‖₁ s.t. Xw = y";
const TO_L2 = "relative distance to argmin ‖w‖₂ s.t. Xw = y";

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const { N, d } = p;
  const X = new Matrix(N, d);
  ctx.rng.fillNormal(X.data);
  const wStar = new Float64Array(d);
  for (const j of ctx.rng.shuffle(Array.from({ length: d }, (_, k) => k)).slice(0, Math.min(p.sparsity, d))) {
    wStar[j] = (ctx.rng.uniform() < 0.5 ? -1 : 1) * (0.5 + Math.abs(ctx.rng.normal()));
  }
  const y = gemv(X, wStar, new Float64Array(N));
  const l1 = await minL1(X, y), l2 = minNormL2(X, y);
  const param = diagonalNet(d);
  const objective = leastSquares({ X, Y: new Matrix(N, 1, y) }, param);
  const alphas = [...p.alphas].sort((a, b) => a - b);
  const toL1: number[] = [], toL2: number[] = [];
  const traces: Trace[] = [];
  const paths: Series[] = [];
  const summary: Record<string, number | string | boolean> = {
    "ℓ1 certificate ok": l1.certificate.ok,
    "ℓ2 certificate ok": l2.certificate.ok,
    "relative distance between the two references": relativeDistance(l2.solution, l1.solution),
  };
  const w = new Float64Array(d);
  alphas.forEach((alpha, k) => {
    ctx.progress(k / alphas.length, `α = ${alpha}`);
    const theta0 = param.init(ctx.rng, alpha);
    const tr = flowTrajectory({
      name: `gradient flow on w = u⊙u − v⊙v, α = ${alpha}`,
      objective,
      theta0,
      lossTarget: p.lossTarget * objective.value(theta0),
      maxSteps: p.maxSteps,
      rtol: 1e-9,
      atol: 1e-8 * Math.min(alpha, 1),
      // the kernel regime moves on a time scale ~1/α²
      tFirst: 1e-2 / Math.max(1, alpha * alpha),
      metrics: {
        [TO_L1]: (th) => relativeDistance(param.predictor(th, w), l1.solution),
        [TO_L2]: (th) => relativeDistance(param.predictor(th, w), l2.solution),
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    traces.push(tr.trace);
    if (k === 0 || k === alphas.length - 1) {
      paths.push(traceSeries(tr.trace, "t", TO_L1, `α = ${alpha}: to min ℓ1`));
      paths.push(traceSeries(tr.trace, "t", TO_L2, `α = ${alpha}: to min ℓ2`));
    }
    const wf = param.predictor(tr.theta, new Float64Array(d));
    toL1.push(tr.reachedTarget ? relativeDistance(wf, l1.solution) : NaN);
    toL2.push(tr.reachedTarget ? relativeDistance(wf, l2.solution) : NaN);
    summary[`α = ${alpha}: flow`] = tr.note;
  });
  ctx.progress(1);
  const lo = 0, hi = alphas.length - 1;
  // the crossing: the first α at which the limit is closer to min ℓ2 than to min ℓ1
  const cross = alphas.find((_, k) => toL2[k] < toL1[k]);
  summary["smallest α whose limit is closer to min ℓ2 than to min ℓ1"] = cross ?? "none";
  summary["decades spanned by α"] = Math.log10(alphas[hi] / alphas[lo]);
  const checks: Check[] = [
    checkCloser({
      name: `rich regime: relative distance of the limit at α = ${alphas[lo]} to argmin ‖w‖₁ s.t. Xw = y`,
      predicted: l1.program,
      measured: toL1[lo],
      threshold: p.threshold,
      competitor: { name: l2.program, measured: toL2[lo] },
    }),
    checkCloser({
      name: `kernel regime: relative distance of the limit at α = ${alphas[hi]} to argmin ‖w‖₂ s.t. Xw = y`,
      predicted: l2.program,
      measured: toL2[hi],
      threshold: p.threshold,
      competitor: { name: l1.program, measured: toL1[hi] },
    }),
  ];
  const figures = [
    lineFigure({
      name: "kernel-rich-crossing",
      title: "Diagonal network u⊙u − v⊙v from α: distance of the limit to the min-ℓ1 and min-ℓ2 interpolants",
      x: { title: "init scale α", log: true },
      y: { title: "‖w∞ − w_ref‖ / ‖w_ref‖", log: true },
      series: [{ name: "to argmin ‖w‖₁ (rich)", x: alphas, y: toL1 }, { name: "to argmin ‖w‖₂ (kernel)", x: alphas, y: toL2 }],
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
    lineFigure({
      name: "kernel-rich-paths",
      title: "Distances along the flow at the two ends of the α sweep",
      x: { title: "flow time t", log: true },
      y: { title: "‖w(t) − w_ref‖ / ‖w_ref‖", log: true },
      series: paths,
    }),
  ];
  return { id: "kernel-rich", params: p, checks, traces, figures, summary };
}

export const kernelRich: Experiment<Params> = {
  id: "kernel-rich",
  section: "C",
  seeds: ["002"],
  claim:
    "the diagonal network u⊙u − v⊙v from init scale α interpolates between the min-ℓ2 solution (large α, kernel regime) and the min-ℓ1 solution (small α, rich regime)",
  params,
  quick: { N: 15, d: 40, sparsity: 3, alphas: [1e-4, 1e-2, 1, 10] },
  run,
};
