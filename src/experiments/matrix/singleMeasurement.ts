// single-measurement (seed 001): with one symmetric measurement ⟨A, X⟩ = y > 0 the flow on X = UUᵀ
// is U_t = e^{−(2/m) s_t A} U₀ (a single A commutes with itself), so
//   X_t = e^{κ_t A} X₀ e^{κ_t A},   κ_t = −2∫₀ᵗ r ≥ 0,
// and from a small random U₀ = αG the eigen-direction of A's largest eigenvalue λ₁ outgrows the
// others by e^{κ(λ₁ − λⱼ)}: as α → 0, X∞ is spanned by the top eigenvector v₁ of A and equals
// X_NN* = (y/λ₁) v₁v₁ᵀ, the min-trace PSD solution. Checked: the angle between X∞'s leading
// eigenvector and v₁, and the distance to X_NN* with the min-Frobenius yA/‖A‖²_F as the competitor.
import { z } from "zod";
import { Matrix, eigSym } from "../../linalg/index.ts";
import { checkAtMost, checkCloser, relativeDistance } from "../../metrics/index.ts";
import { sensingObjective, symmetricFactor, symmetricGaussian } from "../../models/index.ts";
import type { Check, Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries, type Series } from "../figures.ts";
import { flowTrajectory } from "./flowTrajectory.ts";

const params = z.object({
  n: z.number().int().min(2).default(20),
  /** the measured value y (> 0: the top eigenvector wins; < 0 the bottom one would) */
  y: z.number().default(1),
  /** init scales α of U₀ = αG (G iid N(0, 1/n)), descending */
  alphas: z.array(z.number().positive()).min(1).default([1e-1, 1e-3, 1e-6, 1e-12, 1e-24, 1e-48]),
  /** accept A only if 1 − λ₂/λ₁ ≥ minGap (redrawn otherwise) */
  minGap: z.number().min(0).lt(1).default(0.2),
  lossTarget: z.number().positive().default(1e-16),
  maxSteps: z.number().int().min(1).default(200000),
  /** sin of the angle between X∞'s leading eigenvector and v₁ at the smallest α */
  angleThreshold: z.number().positive().default(1e-6),
  /** relative distance of X∞ to X_NN* = (y/λ₁) v₁v₁ᵀ at the smallest α */
  threshold: z.number().positive().default(1e-6),
});
type Params = z.infer<typeof params>;

const ANGLE = "sin ∠(leading eigenvector of X_t, v₁)";
const OUTSIDE = "‖X_t − P₁X_tP₁‖_F / ‖X_t‖_F, P₁ = v₁v₁ᵀ";
const TO_NN = "relative distance to X_NN* = (y/λ₁) v₁v₁ᵀ";

/** ‖x − (vᵀx)v‖ for the leading eigenvector x of X (unit v): the sine of their angle. */
function sinAngleToLeading(X: Matrix, v: Float64Array): number {
  const n = X.rows;
  const { vectors } = eigSym(X);
  let c = 0;
  for (let a = 0; a < n; a++) c += vectors.data[a * n + n - 1] * v[a];
  let s = 0;
  for (let a = 0; a < n; a++) { const e = vectors.data[a * n + n - 1] - c * v[a]; s += e * e; }
  return Math.sqrt(s);
}

/** the part of X outside span(v): ‖X − (vᵀXv) vvᵀ‖_F / ‖X‖_F */
function outsideFraction(X: Float64Array, v: Float64Array): number {
  const n = v.length;
  let q = 0, total = 0;
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) { q += v[a] * X[a * n + b] * v[b]; total += X[a * n + b] ** 2; }
  let s = 0;
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) s += (X[a * n + b] - q * v[a] * v[b]) ** 2;
  return Math.sqrt(s / total);
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const { n } = p;
  const top = p.y > 0 ? n - 1 : 0, next = p.y > 0 ? n - 2 : 1;
  // redraw A until the relative eigengap 1 − λ₂/λ₁ ≥ minGap: the other directions fall behind like
  // α^{2(1 − λ₂/λ₁)}, so a finite α can only show the limit when the top eigenvalue stands apart
  let op = symmetricGaussian(ctx.rng, n, 1), draws = 1;
  let A = op.measurement(0), { values, vectors } = eigSym(A);
  while (1 - values[next] / values[top] < p.minGap && draws < 1000) {
    op = symmetricGaussian(ctx.rng, n, 1);
    draws++;
    A = op.measurement(0);
    ({ values, vectors } = eigSym(A));
  }
  const lambda1 = values[top];
  const v1 = Float64Array.from({ length: n }, (_, a) => vectors.data[a * n + top]);
  const y = Float64Array.of(p.y);
  // X_NN* = (y/λ₁) v₁v₁ᵀ (min tr X s.t. ⟨A, X⟩ = y, X ⪰ 0: all the trace on the largest y/λ)
  const nn = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) nn[a * n + b] = (p.y / lambda1) * v1[a] * v1[b];
  // min-Frobenius: yA/‖A‖²_F
  let a2 = 0;
  for (const v of A.data) a2 += v * v;
  const fro = A.data.map((v) => (p.y * v) / a2);
  const param = symmetricFactor(n, n, "random");
  const objective = sensingObjective(op, y, param);
  const X = new Matrix(n, n);
  const traces: Trace[] = [];
  const paths: Series[] = [];
  const finalAngle: number[] = [], finalNN: number[] = [], finalFro: number[] = [];
  const summary: Record<string, number | string | boolean> = {
    "λ₁ (top eigenvalue of A)": lambda1,
    "λ₂ / λ₁": values[next] / lambda1,
    "measurements drawn": draws,
  };
  p.alphas.forEach((alpha, k) => {
    ctx.progress(k / p.alphas.length, `α = ${alpha}`);
    const theta0 = param.init(ctx.rng, alpha);
    const tr = flowTrajectory({
      name: `gradient flow on UUᵀ, m = 1, U₀ = ${alpha}·G`,
      objective,
      theta0,
      lossTarget: p.lossTarget * objective.value(theta0),
      maxSteps: p.maxSteps,
      rtol: 1e-10,
      atol: 1e-8 * alpha / Math.sqrt(n),
      metrics: {
        [ANGLE]: (th) => (param.predictor(th, X.data), sinAngleToLeading(X, v1)),
        [OUTSIDE]: (th) => outsideFraction(param.predictor(th, X.data), v1),
        [TO_NN]: (th) => relativeDistance(param.predictor(th, X.data), nn),
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    traces.push(tr.trace);
    paths.push(traceSeries(tr.trace, "t", ANGLE, `α = ${alpha}`));
    param.predictor(tr.theta, X.data);
    finalAngle.push(tr.reachedTarget ? sinAngleToLeading(X, v1) : NaN);
    finalNN.push(tr.reachedTarget ? relativeDistance(X.data, nn) : NaN);
    finalFro.push(relativeDistance(X.data, fro));
    summary[`α = ${alpha}: flow`] = tr.note;
    summary[`α = ${alpha}: part of X∞ outside span(v₁)`] = outsideFraction(X.data, v1);
  });
  ctx.progress(1);
  const last = p.alphas.length - 1, aMin = p.alphas[last];
  const checks: Check[] = [
    checkAtMost(`α = ${aMin}: ${ANGLE.replace("X_t", "X∞")}`, finalAngle[last], p.angleThreshold, {
      predicted: "X∞ is spanned by the top eigenvector of A",
      note: `sines ${finalAngle.map((v) => v.toExponential(2)).join(", ")} at α = ${p.alphas.join(", ")}`,
    }),
    checkCloser({
      name: `α = ${aMin}: relative distance of X∞ to X_NN* = (y/λ₁) v₁v₁ᵀ`,
      predicted: "min tr X s.t. ⟨A, X⟩ = y, X ⪰ 0 = (y/λ₁) v₁v₁ᵀ",
      measured: finalNN[last],
      threshold: p.threshold,
      competitor: { name: "min ‖X‖_F s.t. ⟨A, X⟩ = y (= yA/‖A‖²_F)", measured: finalFro[last] },
    }),
  ];
  const figures = [
    lineFigure({
      name: "single-measurement-angle-vs-alpha",
      title: "One measurement: angle between X∞'s leading eigenvector and A's top eigenvector, and distance to (y/λ₁)v₁v₁ᵀ",
      x: { title: "init scale α", log: true },
      y: { title: "sin ∠ / relative distance", log: true },
      series: [
        { name: "sin ∠(x₁(X∞), v₁)", x: p.alphas, y: finalAngle },
        { name: "‖X∞ − X_NN*‖/‖X_NN*‖", x: p.alphas, y: finalNN },
      ],
      rules: [{ y: p.angleThreshold, label: `threshold ${p.angleThreshold}` }],
    }),
    lineFigure({
      name: "single-measurement-angle-along-flow",
      title: "Angle between the leading eigenvector of X_t and v₁ along the flow",
      x: { title: "flow time t", log: true },
      y: { title: "sin ∠(x₁(X_t), v₁)", log: true },
      series: paths,
    }),
  ];
  return { id: "single-measurement", params: p, checks, traces, figures, summary };
}

export const singleMeasurement: Experiment<Params> = {
  id: "single-measurement",
  section: "C",
  seeds: ["001"],
  claim: "with a single measurement (m = 1) the small-init limit X∞ of the flow on UUᵀ is spanned by the top eigenvector of A",
  params,
  quick: { n: 8, alphas: [1e-1, 1e-6, 1e-24, 1e-48] },
  run,
};
