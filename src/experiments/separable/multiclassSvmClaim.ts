// multiclass-svm (seeds 000, 002; Soudry et al. 2018 §4.2): GD on the softmax cross-entropy over
// data separable through the origin has W(t)/‖W(t)‖_F → Ŵ/‖Ŵ‖_F, Ŵ = argmin ‖W‖_F s.t.
// ⟨w_{cᵢ} − w_r, xᵢ⟩ ≥ 1 for all i and r ≠ cᵢ (the multiclass SVM without bias, Crammer–Singer style).
import { z } from "zod";
import { separableMulticlass } from "../../data/index.ts";
import { angleBetween, checkAtMost, checkCloser, type Check } from "../../metrics/index.ts";
import { linearModel, softmaxObjective, topSingularValueSquared } from "../../models/index.ts";
import { gd, type Optimizer, type OptimizerState } from "../../optimizers/index.ts";
import { normalizedGd } from "../../optimizers/margin/index.ts";
import { multiclassSvm } from "../../references/index.ts";
import type { Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries } from "../figures.ts";
import { angleGapTo, record, valueAt } from "./setup.ts";

const ANGLE = "angle to Ŵ (rad)";
const FIRST = "angle to −∇L(0) (rad)";

const params = z.object({
  n: z.number().int().min(2).default(60),
  d: z.number().int().min(1).default(3),
  classes: z.number().int().min(2).default(3),
  gap: z.number().positive().default(0.2),
  /** GD with η = 1/β, β = σ²_max(X)/(2N) (softmax cross-entropy's Hessian is at most ½·I ⊗ xxᵀ per example) */
  gdIter: z.number().int().min(100).default(300000),
  /** normalized GD with η = normalizedStep·(‖Ŵ‖-free) constant step */
  normalizedIter: z.number().int().min(1).default(10000),
  normalizedStep: z.number().positive().default(1),
  /** largest angle (rad) to Ŵ at the end of the GD run (c/log t: slow) and of the normalized GD run */
  gdThreshold: z.number().positive().default(0.07),
  normalizedThreshold: z.number().positive().default(1e-3),
  /** the first-step direction −∇L(0) must be this many times farther */
  competitorMargin: z.number().min(1).default(2),
  /** the angle at T must be at most this fraction of the angle at T/100 (still falling) */
  fallRatio: z.number().positive().default(0.95),
});
type Params = z.infer<typeof params>;

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const data = separableMulticlass(ctx.rng.fork(1), { n: p.n, d: p.d, classes: p.classes, gap: p.gap });
  const svm = multiclassSvm(data);
  const objective = softmaxObjective(data, linearModel(p.d, p.classes));
  const dim = p.d * p.classes;
  const first = new Float64Array(dim);
  objective.gradient(new Float64Array(dim), first);
  for (let j = 0; j < dim; j++) first[j] = -first[j];
  const sigma2 = topSingularValueSquared(data.X) / p.n;
  const runs: [string, Optimizer<OptimizerState>, number, number][] = [
    ["GD, η = 2N/σ²_max", gd({ lr: 2 / sigma2 }) as Optimizer<OptimizerState>, p.gdIter, p.gdThreshold],
    [`normalized GD, η = ${p.normalizedStep}`, normalizedGd({ lr: p.normalizedStep }) as Optimizer<OptimizerState>, p.normalizedIter, p.normalizedThreshold],
  ];
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = {
    "multiclass SVM margin": svm.margin,
    "multiclass SVM certificate ok": svm.certificate.ok,
    "angle between −∇L(0) and Ŵ (rad)": angleBetween(first, svm.direction),
  };
  let k = 0;
  for (const [label, opt, T, threshold] of runs) {
    ctx.progress(k / runs.length, label);
    const tr = await record(ctx, 10 + k, label, objective, opt, new Float64Array(dim), T, {
      [ANGLE]: angleGapTo(svm.direction),
      [FIRST]: angleGapTo(first),
      "smallest multiclass margin": (w) => Math.min(...objective.margins(w, new Float64Array(p.n))),
    }, 6);
    k++;
    traces.push(tr.trace);
    const measured = angleBetween(tr.final, svm.direction);
    checks.push(checkCloser({
      name: `${label}: angle of W(T)/‖W(T)‖ to the multiclass SVM direction at T = ${T}`,
      predicted: svm.program,
      measured,
      threshold,
      competitor: { name: "−∇L(0) (the first GD step)", measured: angleBetween(tr.final, first) },
      margin: p.competitorMargin,
      note: `${tr.note}; smallest margin ${tr.last["smallest multiclass margin"].toPrecision(4)}`,
    }));
    const before = valueAt(tr.trace, ANGLE, T / 100);
    checks.push(checkAtMost(`${label}: angle to Ŵ at T over the angle at T/100 (still falling)`, measured / before, p.fallRatio, {
      note: `${before.toExponential(3)} at T/100, ${measured.toExponential(3)} at T`,
    }));
    summary[`${label}: angle to Ŵ at T`] = measured;
    summary[`${label}: smallest margin at T`] = tr.last["smallest multiclass margin"];
  }
  const figures = [
    lineFigure({
      name: "angle-gap",
      title: `Softmax cross-entropy (n = ${p.n}, d = ${p.d}, k = ${p.classes}): angle of W(t) to the multiclass SVM direction`,
      x: { title: "iteration t", log: true },
      y: { title: "angle (rad)", log: true },
      series: traces.flatMap((t) => [traceSeries(t, "t", ANGLE, `${t.name}: to Ŵ`), traceSeries(t, "t", FIRST, `${t.name}: to −∇L(0)`)]),
      rules: [{ y: p.gdThreshold, label: `GD threshold ${p.gdThreshold}` }, { y: p.normalizedThreshold, label: `normalized GD threshold ${p.normalizedThreshold}` }],
    }),
  ];
  ctx.progress(1);
  return { id: "multiclass-svm", params: p, checks, traces, figures, summary };
}

export const multiclassSvmClaim: Experiment<Params> = {
  id: "multiclass-svm",
  section: "B",
  seeds: ["000", "002"],
  claim: "GD on the softmax cross-entropy over separable multiclass data converges in direction to the multiclass SVM without bias (Crammer–Singer constraints)",
  params,
  quick: { gdIter: 30000, normalizedIter: 3000, gdThreshold: 0.08, normalizedThreshold: 5e-3 },
  run,
};
