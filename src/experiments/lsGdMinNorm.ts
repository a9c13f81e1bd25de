// ls-gd-min-norm (seeds 000, 001, 002, 004): on underdetermined least squares,
// GD, SGD (instance-wise and minibatch), heavy ball, Nesterov and conjugate
// gradient all converge to argmin ‖w − w0‖₂ s.t. Xw = y = w0 + X⁺(y − Xw0),
// whatever step size converges: every step adds a vector of span(xₙ).
import { z } from "zod";
import { gemv, norm2, type Matrix } from "../linalg/index.ts";
import { relativeDistance } from "../metrics/index.ts";
import { minL1, minNormL2, type ReferenceSolution } from "../references/index.ts";
import type { Check, Result, Trace } from "../run/index.ts";
import type { Experiment, RunContext } from "./types.ts";
import { lineFigure, traceSeries } from "./figures.ts";
import { LS_OPTIMIZERS, leastSquaresProblem, lsOptimizer } from "./leastSquaresSetup.ts";
import { trajectory } from "./trajectory.ts";
import { checkCloserWithFloor, maxOf, minOf } from "./verdicts.ts";

const params = z.object({
  n: z.number().int().min(1).default(50),
  d: z.number().int().min(2).default(200),
  /** the random init has iid N(0, initScale²/d) entries, so ‖w0‖ ≈ initScale */
  initScale: z.number().positive().default(1),
  optimizers: z.array(z.enum(LS_OPTIMIZERS)).min(1)
    .default(["gd", "gd-small-step", "gd-large-step", "sgd", "sgd-minibatch", "heavy-ball", "nesterov", "cg"]),
  batchSize: z.number().int().min(1).default(10),
  momentum: z.number().min(0).lt(1).default(0.9),
  maxIter: z.number().int().min(1).default(200000),
  lossTarget: z.number().positive().default(1e-27),
  /** relative distance to the min-‖w − w0‖₂ solution that counts as converged */
  threshold: z.number().positive().default(1e-8),
  /** the min-‖w − w0‖₁ solution must be at least this far (relative) */
  competitorFloor: z.number().positive().default(1e-1),
});
type Params = z.infer<typeof params>;

/** argmin ‖w − w0‖₁ s.t. Xw = y, as w0 + argmin ‖v‖₁ s.t. Xv = y − Xw0 */
async function minL1From(X: Matrix, y: Float64Array, w0: Float64Array): Promise<ReferenceSolution> {
  const shifted = gemv(X, w0, new Float64Array(X.rows));
  for (let i = 0; i < shifted.length; i++) shifted[i] = y[i] - shifted[i];
  const r = await minL1(X, shifted);
  const w = r.solution.slice();
  for (let j = 0; j < w.length; j++) w[j] += w0[j];
  return { program: "argmin ‖w − w0‖₁ s.t. Xw = y", solution: w, certificate: r.certificate };
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const problem = leastSquaresProblem(ctx.rng, p.n, p.d);
  const { X, y } = problem.data;
  const inits: { label: string; w0: Float64Array }[] = [
    { label: "w0 = 0", w0: new Float64Array(p.d) },
    { label: "w0 random", w0: ctx.rng.fillNormal(new Float64Array(p.d), p.initScale / Math.sqrt(p.d)) },
  ];
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const figures = [];
  const summary: Record<string, number | string | boolean> = {
    beta: problem.beta,
    "max ‖xᵢ‖²": problem.rowMax,
  };
  const total = inits.length * p.optimizers.length;
  let done = 0;
  for (const init of inits) {
    const l2 = minNormL2(X, y, init.w0);
    const l1 = await minL1From(X, y, init.w0);
    summary[`${init.label}: certificate of argmin ‖w − w0‖₂ (ok)`] = l2.certificate.ok;
    summary[`${init.label}: certificate of argmin ‖w − w0‖₁ (ok)`] = l1.certificate.ok;
    summary[`${init.label}: ‖w_ℓ2 − w_ℓ1‖/‖w_ℓ1‖`] = relativeDistance(l2.solution, l1.solution);
    const series = [];
    const finals: number[] = [], competitors: number[] = [];
    for (const name of p.optimizers) {
      const { optimizer, label } = lsOptimizer(name, problem, p);
      ctx.progress(done / total, `${label}, ${init.label}`);
      const tr = await trajectory({
        name: `${label}, ${init.label}`,
        objective: problem.objective,
        optimizer,
        theta0: init.w0,
        rng: ctx.rng.fork(1000 + done),
        maxIter: p.maxIter,
        lossTarget: p.lossTarget,
        metrics: {
          "relative distance to argmin ‖w − w0‖₂": (w) => relativeDistance(w, l2.solution),
          "relative distance to argmin ‖w − w0‖₁": (w) => relativeDistance(w, l1.solution),
        },
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      done++;
      traces.push(tr.trace);
      series.push(traceSeries(tr.trace, "t", "relative distance to argmin ‖w − w0‖₂", label));
      const measured = relativeDistance(tr.final, l2.solution);
      const competitor = relativeDistance(tr.final, l1.solution);
      finals.push(measured);
      competitors.push(competitor);
      checks.push(checkCloserWithFloor({
        name: `${tr.trace.name}: relative distance of the limit to argmin ‖w − w0‖₂ s.t. Xw = y`,
        predicted: l2.program,
        measured,
        threshold: p.threshold,
        competitor: { name: l1.program, measured: competitor },
        note: tr.note,
      }, p.competitorFloor));
    }
    summary[`${init.label}: largest distance to argmin ‖w − w0‖₂`] = maxOf(finals);
    summary[`${init.label}: smallest distance to argmin ‖w − w0‖₁`] = minOf(competitors);
    figures.push(lineFigure({
      name: `distance-${init.w0.some((v) => v !== 0) ? "random-init" : "zero-init"}`,
      title: `Relative distance to argmin ‖w − w0‖₂ s.t. Xw = y (${init.label}, N = ${p.n}, d = ${p.d})`,
      x: { title: "iteration t", log: true },
      y: { title: "‖w_t − w_ℓ2‖ / ‖w_ℓ2‖", log: true },
      series,
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }));
  }
  summary["‖w*‖"] = norm2(problem.data.wStar);
  ctx.progress(1);
  return { id: "ls-gd-min-norm", params: p, checks, traces, figures, summary };
}

export const lsGdMinNorm: Experiment<Params> = {
  id: "ls-gd-min-norm",
  section: "A",
  seeds: ["000", "001", "002", "004"],
  claim:
    "GD, SGD (instance-wise and minibatch), heavy-ball and Nesterov momentum and conjugate gradient on underdetermined least squares converge to argmin ‖w − w0‖₂ s.t. Xw = y, for any step size that converges",
  params,
  quick: { n: 20, d: 60, maxIter: 20000 },
  run,
};
