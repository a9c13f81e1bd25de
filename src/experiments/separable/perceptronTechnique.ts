// perceptron-technique (seed 004, Telgarsky's notes): for a convex β-smooth risk R and GD with
// η ≤ 1/β, for every comparator z and every t ≥ 1,
//   (1/2ηt)‖w_t − z‖² + R(w_t) ≤ (1/2ηt)‖w_0 − z‖² + R(z)
// (sum the one-step inequality 2η(R(w_{s+1}) − R(z)) ≤ ‖w_s − z‖² − ‖w_{s+1} − z‖² and use that
// R(w_s) is non-increasing). On separable data with z = c·ŵ it is the "perceptron argument": R(w_t)
// ≤ R(cŵ) + c²‖ŵ‖²/(2ηt). Checked on the logistic risk at every recorded iterate for several z.
import { z as zod } from "zod";
import { separableData } from "../../data/index.ts";
import { dist2 } from "../../linalg/index.ts";
import { logisticLoss } from "../../losses/index.ts";
import { checkAtLeast, type Check } from "../../metrics/index.ts";
import { gd } from "../../optimizers/index.ts";
import type { Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries } from "../figures.ts";
import { minOf } from "../verdicts.ts";
import { binaryProblem, column, record } from "./setup.ts";

const params = zod.object({
  n: zod.number().int().min(2).default(50),
  d: zod.number().int().min(1).default(5),
  gap: zod.number().positive().default(0.1),
  /** η as multiples of 1/β (the claim needs η ≤ 1/β) */
  stepFactors: zod.array(zod.number().positive()).min(1).default([1, 0.5]),
  /** comparators z = c·ŵ for these c (ŵ the ℓ2 SVM solution), plus z = 0 and a random z */
  scales: zod.array(zod.number().min(0)).min(1).default([1, 5, 20]),
  maxIter: zod.number().int().min(1).default(100000),
  /** the inequality is checked as slack = RHS − LHS ≥ −tolerance·(1 + |RHS|) */
  tolerance: zod.number().positive().default(1e-12),
  /** multiplies the ‖w_0 − z‖²/(2ηt) term (the claim: 1; below 1 the inequality should break at small t) */
  rhsScale: zod.number().min(0).default(1),
});
type Params = zod.infer<typeof params>;

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const data = separableData(ctx.rng.fork(1), { n: p.n, d: p.d, gap: p.gap });
  const P = binaryProblem(data, logisticLoss);
  const beta = P.sigma2OverN / 4;
  const R = (w: Float64Array) => P.objective.value(w);
  const comparators: { label: string; z: Float64Array }[] = [
    { label: "z = 0", z: new Float64Array(p.d) },
    ...p.scales.map((c) => ({ label: `z = ${c}·ŵ`, z: P.svm.solution.map((v) => c * v) })),
    { label: "z random", z: ctx.rng.fork(2).fillNormal(new Float64Array(p.d), 3) },
  ];
  const w0 = new Float64Array(p.d);
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = { "β = σ²_max/(4N)": beta, "‖ŵ‖": Math.hypot(...P.svm.solution) };
  let k = 0;
  const slackName = (label: string) => `relative slack, ${label}`;
  for (const f of p.stepFactors) {
    const eta = f / beta;
    ctx.progress(k / p.stepFactors.length, `η = ${f}/β`);
    const metrics: Record<string, (w: Float64Array, t: number) => number> = {};
    for (const c of comparators) {
      const Rz = R(c.z), d0 = dist2(w0, c.z) ** 2;
      metrics[slackName(c.label)] = (w, t) => {
        if (t === 0) return NaN;
        const lhs = dist2(w, c.z) ** 2 / (2 * eta * t) + R(w);
        const rhs = (p.rhsScale * d0) / (2 * eta * t) + Rz;
        return (rhs - lhs) / (1 + Math.abs(rhs));
      };
    }
    const tr = await record(ctx, 10 + k, `GD, η = ${f}/β`, P.objective, gd({ lr: eta }), w0, p.maxIter, metrics, 6);
    k++;
    traces.push(tr.trace);
    for (const c of comparators) {
      const v = column(tr.trace, slackName(c.label), 1).v;
      const worst = minOf(v);
      checks.push(checkAtLeast(`η = ${f}/β, ${c.label}: smallest relative slack RHS − LHS over ${v.length} recorded t`, worst, -p.tolerance, {
        predicted: "(1/2ηt)‖w_t − z‖² + R(w_t) ≤ (1/2ηt)‖w_0 − z‖² + R(z)",
        note: `R(z) = ${R(c.z).toExponential(3)}; R(w_T) = ${tr.outcome.finalLoss.toExponential(3)}`,
      }));
      summary[`η = ${f}/β, ${c.label}: smallest relative slack`] = worst;
    }
  }
  const figures = [
    lineFigure({
      name: "slack",
      title: `(RHS − LHS)/(1 + |RHS|) along GD (logistic, n = ${p.n}, d = ${p.d}): never below 0`,
      x: { title: "iteration t", log: true },
      y: { title: "relative slack", log: true },
      series: traces.flatMap((t) => comparators.map((c) => traceSeries(t, "t", slackName(c.label), `${t.name}, ${c.label}`))),
    }),
  ];
  ctx.progress(1);
  return { id: "perceptron-technique", params: p, checks, traces, figures, summary };
}

export const perceptronTechnique: Experiment<Params> = {
  id: "perceptron-technique",
  section: "B",
  seeds: ["004"],
  claim: "For a convex β-smooth risk R and GD with η ≤ 1/β: (1/2ηt)‖w_t − z‖² + R(w_t) ≤ (1/2ηt)‖w_0 − z‖² + R(z) for every z and t",
  params,
  quick: { maxIter: 5000 },
  run,
};
