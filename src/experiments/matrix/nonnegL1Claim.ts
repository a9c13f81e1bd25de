// nonneg-l1 (seeds 000, 001): the diagonal (commuting) case of W = UUᵀ. With x = u⊙u and the
// gradient flow from u₀ = α1 on L = (1/2N)‖Ax − b‖², xⱼ(t) = α² exp(−(4/N) Σᵢ Aᵢⱼ ∫₀ᵗ rᵢ), so the
// limit solves min Σ xⱼ log(xⱼ/α²) − xⱼ s.t. Ax = b: as α → 0 the weight log(1/α²) on Σxⱼ wins and
// the limit tends to argmin ‖x‖₁ s.t. Ax = b, x ≥ 0 (an LP). The flow is integrated by
// Dormand–Prince; the competitor is the minimum ℓ2 solution of Ax = b.
import { z } from "zod";
import { Matrix, gemv } from "../../linalg/index.ts";
import { checkAtMost, checkCloser, relativeDistance } from "../../metrics/index.ts";
import { diagonalFactor, leastSquares } from "../../models/index.ts";
import { minNormL2, nonnegL1 } from "../../references/index.ts";
import type { Check, Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries, type Series } from "../figures.ts";
import { flowTrajectory } from "./flowTrajectory.ts";

const params = z.object({
  N: z.number().int().min(1).default(40),
  d: z.number().int().min(2).default(100),
  /** nonzeros of the planted x* ≥ 0 (entries 0.5 + |N(0, 1)|) */
  sparsity: z.number().int().min(1).default(5),
  /** init scales α of u₀ = α1, descending */
  alphas: z.array(z.number().positive()).min(1).default([1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-6]),
  /**
   * stop the flow at L ≤ lossTarget·L(u₀) (residual ~1e-4 relative: below the threshold; tighter
   * targets cost much more where the LP is degenerate and the last approach is sublinear)
   */
  lossTarget: z.number().positive().default(1e-8),
  maxSteps: z.number().int().min(1).default(500000),
  /** relative distance of the smallest-α limit to the LP solution */
  threshold: z.number().positive().default(1e-2),
  /** the distance at the smallest α must be at most this fraction of the one at the largest */
  shrink: z.number().positive().default(0.1),
});
type Params = z.infer<typeof params>;

const TO_LP = "relative distance to argmin ‖x‖₁ s.t. Ax = b, x ≥ 0";
const TO_L2 = "relative distance to argmin ‖x‖₂ s.t. Ax = b";

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const { N, d } = p;
  const A = new Matrix(N, d);
  ctx.rng.fillNormal(A.data);
  const xStar = new Float64Array(d);
  for (const j of ctx.rng.shuffle(Array.from({ length: d }, (_, k) => k)).slice(0, Math.min(p.sparsity, d))) xStar[j] = 0.5 + Math.abs(ctx.rng.normal());
  const b = gemv(A, xStar, new Float64Array(N));
  const lp = await nonnegL1(A, b);
  const l2 = minNormL2(A, b);
  const param = diagonalFactor(d);
  const objective = leastSquares({ X: A, Y: new Matrix(N, 1, b) }, param);
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = {
    "LP certificate ok": lp.certificate.ok,
    "LP reduced-cost gap": lp.gap,
    "planted x*'s distance from the LP solution": relativeDistance(xStar, lp.solution),
    "min-ℓ2 solution's distance from the LP solution": relativeDistance(l2.solution, lp.solution),
  };
  const paths: Series[] = [];
  const toLp: number[] = [], toL2: number[] = [];
  const x = new Float64Array(d);
  p.alphas.forEach((alpha, k) => {
    ctx.progress(k / p.alphas.length, `α = ${alpha}`);
    const theta0 = param.init(ctx.rng, alpha);
    const tr = flowTrajectory({
      name: `gradient flow on x = u⊙u, u₀ = ${alpha}·1`,
      objective,
      theta0,
      lossTarget: p.lossTarget * objective.value(theta0),
      maxSteps: p.maxSteps,
      rtol: 1e-9,
      atol: 1e-6 * alpha,
      metrics: {
        [TO_LP]: (u) => relativeDistance(param.predictor(u, x), lp.solution),
        [TO_L2]: (u) => relativeDistance(param.predictor(u, x), l2.solution),
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    traces.push(tr.trace);
    paths.push(traceSeries(tr.trace, "t", TO_LP, `α = ${alpha}`));
    const xf = param.predictor(tr.theta, new Float64Array(d));
    toLp.push(tr.reachedTarget ? relativeDistance(xf, lp.solution) : NaN);
    toL2.push(relativeDistance(xf, l2.solution));
    summary[`α = ${alpha}: flow`] = tr.note;
    summary[`α = ${alpha}: distance to the LP solution`] = toLp[k];
  });
  ctx.progress(1);
  const last = p.alphas.length - 1;
  checks.push(checkCloser({
    name: `relative distance of the flow's limit at α = ${p.alphas[last]} to argmin ‖x‖₁ s.t. Ax = b, x ≥ 0`,
    predicted: lp.program,
    measured: toLp[last],
    threshold: p.threshold,
    competitor: { name: l2.program, measured: toL2[last] },
  }));
  if (p.alphas.length > 1) {
    checks.push(checkAtMost(`distance to the LP solution at α = ${p.alphas[last]} over the distance at α = ${p.alphas[0]}`, toLp[last] / toLp[0], p.shrink, {
      predicted: "the distance to the LP solution shrinks as α → 0",
      note: `distances ${toLp.map((v) => v.toExponential(2)).join(", ")} at α = ${p.alphas.join(", ")}`,
    }));
  }
  const figures = [
    lineFigure({
      name: "nonneg-l1-limit-vs-alpha",
      title: "Gradient flow on x = u⊙u from α1: distance of the limit to the nonnegative min-ℓ1 and min-ℓ2 solutions",
      x: { title: "init scale α", log: true },
      y: { title: "‖x∞ − x_ref‖ / ‖x_ref‖", log: true },
      series: [{ name: "to argmin ‖x‖₁, x ≥ 0 (LP)", x: p.alphas, y: toLp }, { name: "to argmin ‖x‖₂", x: p.alphas, y: toL2 }],
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
    lineFigure({
      name: "nonneg-l1-paths",
      title: "Distance to the LP solution along the flow, by init scale",
      x: { title: "flow time t", log: true },
      y: { title: "‖x(t) − x_LP‖ / ‖x_LP‖", log: true },
      series: paths,
    }),
  ];
  return { id: "nonneg-l1", params: p, checks, traces, figures, summary };
}

export const nonnegL1Claim: Experiment<Params> = {
  id: "nonneg-l1",
  section: "C",
  seeds: ["000", "001"],
  claim: "gradient flow on x = u⊙u from u₀ = α1 tends, as α → 0, to argmin ‖x‖₁ s.t. Ax = b, x ≥ 0",
  params,
  quick: { N: 15, d: 40, sparsity: 3, alphas: [1, 1e-2, 1e-4, 1e-6] },
  run,
};
