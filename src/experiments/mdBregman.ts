// md-bregman (seed 000): mirror descent ∇ψ(w_{t+1}) = ∇ψ(w_t) − η∇L(w_t) on
// underdetermined least squares keeps ∇ψ(w_t) ∈ ∇ψ(w0) + span(xₙ), so its limit is
// the Bregman projection argmin D_ψ(w, w0) s.t. Xw = y — for every step size that
// converges and for minibatch (stochastic) mirror descent alike.
import { z } from "zod";
import { gaussianMatrix } from "../data/index.ts";
import { potentialFromId, type Potential } from "../geometry/index.ts";
import { Matrix, gemv, gemvT, norm2 } from "../linalg/index.ts";
import { relativeDistance } from "../metrics/index.ts";
import { leastSquares, linearModel } from "../models/index.ts";
import { mirrorDescent } from "../optimizers/index.ts";
import type { Rng } from "../random/index.ts";
import { bregmanProjection, minNormL2, type ReferenceSolution } from "../references/index.ts";
import type { Check, Result, Trace } from "../run/index.ts";
import type { Experiment, RunContext } from "./types.ts";
import { lineFigure, traceSeries, type Series } from "./figures.ts";
import { trajectory } from "./trajectory.ts";
import { checkCloserWithFloor, maxOf } from "./verdicts.ts";

const params = z.object({
  n: z.number().int().min(1).default(50),
  d: z.number().int().min(2).default(200),
  /** potential ids (see geometry's registry): ½‖·‖², entropy, simplex entropy, ½‖·‖_p², hyperbolic entropy */
  potentials: z.array(z.string()).min(1)
    .default(["euclidean", "entropy", "simplex-entropy", "p-norm:1.5", "p-norm:3", "hyperbolic:0.1"]),
  /**
   * full-batch step sizes η = f / β_ψ, with β_ψ the larger of the local smoothness
   * λ_max(X ∇²ψ*(∇ψ(w)) Xᵀ)/N at w0 and at the projection (which sets the stability of the limit)
   */
  stepFractions: z.array(z.number().positive()).min(1).default([1, 0.5, 0.2]),
  /** a stochastic (minibatch) run at η = stochasticFraction / β_ψ; 0 skips it */
  batchSize: z.number().int().min(0).default(10),
  stochasticFraction: z.number().positive().default(0.2),
  maxIter: z.number().int().min(1).default(200000),
  lossTarget: z.number().positive().default(1e-26),
  /** relative distance to the Bregman projection that counts as converged */
  threshold: z.number().positive().default(1e-6),
  /** the competing projection must be at least this far (relative) */
  competitorFloor: z.number().positive().default(1e-2),
});
type Params = z.infer<typeof params>;

/** A planted solution w* and a start w0, both in dom ψ: positive for entropy, on the simplex for simplex entropy. */
function pointsFor(potential: Potential, d: number, rng: Rng): { wStar: Float64Array; w0: Float64Array } {
  const id = potential.id ?? potential.name;
  if (id === "entropy" || id === "simplex-entropy") {
    const wStar = Float64Array.from({ length: d }, () => 0.5 + rng.uniform());
    const w0 = Float64Array.from({ length: d }, () => 0.5 + rng.uniform());
    if (id === "simplex-entropy") {
      const s = wStar.reduce((a, b) => a + b, 0), s0 = w0.reduce((a, b) => a + b, 0);
      for (let j = 0; j < d; j++) { wStar[j] /= s; w0[j] /= s0; }
    }
    return { wStar, w0 };
  }
  return { wStar: rng.fillNormal(new Float64Array(d), 1 / Math.sqrt(d)), w0: rng.fillNormal(new Float64Array(d), 1 / Math.sqrt(d)) };
}

/** λ_max(X ∇²ψ*(∇ψ(w)) Xᵀ)/N by power iteration: the smoothness of L in the mirror geometry near w. */
export function mirrorSmoothness(X: Matrix, potential: Potential, w: Float64Array, iterations = 300): number {
  const N = X.rows, d = X.cols;
  const zw = potential.grad(w, new Float64Array(d));
  const a = new Float64Array(d), b = new Float64Array(d);
  let v = new Float64Array(N).fill(1 / Math.sqrt(N)), u = new Float64Array(N);
  let lam = 0;
  for (let k = 0; k < iterations; k++) {
    gemvT(X, v, a);
    potential.hessConjVec(zw, a, b);
    gemv(X, b, u);
    const nu = norm2(u);
    if (!(nu > 0)) return 0;
    const next = nu;
    for (let i = 0; i < N; i++) u[i] /= nu;
    [v, u] = [u, v];
    if (Math.abs(next - lam) <= 1e-12 * next) { lam = next; break; }
    lam = next;
  }
  return lam / N;
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const potentials = p.potentials.map((id) => ({ id, potential: potentialFromId(id) }));
  const X = gaussianMatrix(ctx.rng, p.n, p.d);
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = {};
  const largest: Series[] = [], stochastic: Series[] = [];
  const runsPer = p.stepFractions.length + (p.batchSize > 0 ? 1 : 0);
  const total = potentials.length * runsPer;
  let done = 0;
  for (const { id, potential } of potentials) {
    const { wStar, w0 } = pointsFor(potential, p.d, ctx.rng);
    const y = gemv(X, wStar, new Float64Array(p.n));
    const objective = leastSquares({ X, Y: new Matrix(p.n, 1, y) }, linearModel(p.d));
    const ref = bregmanProjection(X, y, potential, w0);
    // the competitor: the Euclidean projection, or for ψ = ½‖·‖² the ½‖·‖_1.5² one
    const other: ReferenceSolution = id === "euclidean"
      ? bregmanProjection(X, y, potentialFromId("p-norm:1.5"), w0)
      : minNormL2(X, y, w0);
    const otherName = id === "euclidean" ? "argmin D_ψ(w, w0), ψ = ½‖·‖_1.5²" : "argmin ‖w − w0‖₂ s.t. Xw = y";
    const beta = Math.max(mirrorSmoothness(X, potential, w0), mirrorSmoothness(X, potential, ref.solution));
    summary[`${id}: β_ψ`] = beta;
    summary[`${id}: certificate ok`] = ref.certificate.ok;
    summary[`${id}: competitor's distance from the projection`] = relativeDistance(other.solution, ref.solution);
    const runs = p.stepFractions.map((f) => ({ f, batchSize: 0 }));
    if (p.batchSize > 0) runs.push({ f: p.stochasticFraction, batchSize: p.batchSize });
    const finals: number[] = [];
    for (const r of runs) {
      const lr = r.f / beta;
      const optimizer = mirrorDescent({ lr, potential, ...(r.batchSize > 0 ? { batchSize: r.batchSize } : {}) });
      const label = `${id}, η = ${r.f}/β_ψ${r.batchSize > 0 ? `, minibatch ${r.batchSize}` : ""}`;
      ctx.progress(done / total, label);
      const tr = await trajectory({
        name: label,
        objective,
        optimizer,
        theta0: w0,
        rng: ctx.rng.fork(7000 + done++),
        maxIter: p.maxIter,
        lossTarget: p.lossTarget,
        metrics: {
          "relative distance to the Bregman projection": (w) => relativeDistance(w, ref.solution),
          [`relative distance to ${otherName}`]: (w) => relativeDistance(w, other.solution),
        },
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      traces.push(tr.trace);
      const measured = relativeDistance(tr.final, ref.solution);
      finals.push(measured);
      if (r.batchSize > 0) stochastic.push(traceSeries(tr.trace, "t", "relative distance to the Bregman projection", id));
      else if (r.f === Math.max(...p.stepFractions)) largest.push(traceSeries(tr.trace, "t", "relative distance to the Bregman projection", id));
      checks.push(checkCloserWithFloor({
        name: `${label}: relative distance of the limit to argmin D_ψ(w, w0) s.t. Xw = y`,
        predicted: ref.program,
        measured,
        threshold: p.threshold,
        competitor: { name: otherName, measured: relativeDistance(tr.final, other.solution) },
        note: tr.note,
      }, p.competitorFloor));
    }
    summary[`${id}: largest distance to the projection over ${runs.length} runs`] = maxOf(finals);
  }
  const figures = [
    lineFigure({
      name: "mirror-descent-full-batch",
      title: `Mirror descent, η = ${Math.max(...p.stepFractions)}/β_ψ: distance to argmin D_ψ(w, w0) s.t. Xw = y`,
      x: { title: "iteration t", log: true },
      y: { title: "‖w_t − w_ψ‖ / ‖w_ψ‖", log: true },
      series: largest,
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
  ];
  if (stochastic.length > 0) {
    figures.push(lineFigure({
      name: "mirror-descent-minibatch",
      title: `Stochastic mirror descent (minibatch ${p.batchSize}, η = ${p.stochasticFraction}/β_ψ): distance to the projection`,
      x: { title: "iteration t", log: true },
      y: { title: "‖w_t − w_ψ‖ / ‖w_ψ‖", log: true },
      series: stochastic,
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }));
  }
  ctx.progress(1);
  return { id: "md-bregman", params: p, checks, traces, figures, summary };
}

export const mdBregman: Experiment<Params> = {
  id: "md-bregman",
  section: "A",
  seeds: ["000"],
  claim:
    "mirror descent with potential ψ converges to argmin D_ψ(w, w0) s.t. Xw = y, independently of the step size and of stochasticity",
  params,
  quick: { n: 10, d: 30, maxIter: 30000 },
  run,
};
