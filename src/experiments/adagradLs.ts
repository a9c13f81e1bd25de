// adagrad-ls (seed 002): AdaGrad on underdetermined least squares sometimes ends
// at min ‖w‖_∞ s.t. Xw = y, but not always, and whether it does depends on the
// step size and ε. Both kinds of instance are shown with numbers:
//  - aligned: Wilson et al.'s construction, where X sign(Xᵀy) = c·y, so AdaGrad
//    from 0 (ε → 0) moves along sign(Xᵀy) and stops at sign(Xᵀy)/c, an ℓ∞ minimizer
//    (the dual point y/‖Xᵀy‖₁ certifies it: ⟨y, y⟩/‖Xᵀy‖₁ = 1/c);
//  - generic Gaussian X, where no step size or ε in the sweep gets there.
// Measured: the excess ℓ∞ norm (‖w∞‖_∞ − min‖w‖_∞)/min‖w‖_∞, well defined even
// when the ℓ∞ minimizer is not unique.
import { z } from "zod";
import { gaussianRegression, wilsonAdaptive, type ScalarRegression } from "../data/index.ts";
import { normInf } from "../linalg/index.ts";
import { checkAtLeast, checkAtMost, checkCloser, distanceToAffine } from "../metrics/index.ts";
import { leastSquares, linearModel } from "../models/index.ts";
import { adagrad, gd, type Optimizer } from "../optimizers/index.ts";
import { minLinf } from "../references/index.ts";
import type { Check, Result, Trace } from "../run/index.ts";
import type { Experiment, RunContext } from "./types.ts";
import { lineFigure, type Series } from "./figures.ts";
import { trajectory } from "./trajectory.ts";
import { maxOf, minOf } from "./verdicts.ts";

const params = z.object({
  /** examples of the aligned (Wilson-type) instance, d = 6n features */
  alignedN: z.number().int().min(1).default(20),
  /** P(y = +1) on the aligned instance */
  alignedP: z.number().gt(0.5).max(1).default(0.7),
  gaussianN: z.number().int().min(1).default(10),
  gaussianD: z.number().int().min(2).default(30),
  /** the AdaGrad run expected to reach min ‖w‖_∞ on the aligned instance */
  lr: z.number().positive().default(0.05),
  eps: z.number().positive().default(1e-8),
  /** the sweep on both instances */
  sweepLr: z.array(z.number().positive()).min(1).default([0.01, 0.1, 1]),
  sweepEps: z.array(z.number().positive()).min(1).default([1e-8, 1e-2, 1]),
  maxIter: z.number().int().min(1).default(400000),
  lossTarget: z.number().positive().default(1e-28),
  /** |excess ℓ∞ norm| that counts as reaching the minimum */
  threshold: z.number().positive().default(1e-6),
  /** excess ℓ∞ norm that counts as clearly missing it */
  floor: z.number().positive().default(1e-2),
  /** every run must end this close (relative) to {Xw = y} */
  feasibility: z.number().positive().default(1e-8),
});
type Params = z.infer<typeof params>;

interface Instance {
  readonly label: string;
  readonly data: ScalarRegression;
  readonly minNorm: number;
  readonly certificateOk: boolean;
}

interface RunSummary {
  readonly note: string;
  readonly excess: number;
  readonly infeasibility: number;
  readonly trace: Trace;
}

async function runOn(inst: Instance, optimizer: Optimizer, name: string, p: Params, ctx: RunContext, stream: number): Promise<RunSummary> {
  const { X, y } = inst.data;
  const d = X.cols;
  const tr = await trajectory({
    name,
    objective: leastSquares(inst.data, linearModel(d)),
    optimizer,
    theta0: new Float64Array(d),
    rng: ctx.rng.fork(stream),
    maxIter: p.maxIter,
    lossTarget: p.lossTarget,
    metrics: {
      "excess ℓ∞ norm": (w) => (normInf(w) - inst.minNorm) / inst.minNorm,
      "relative distance to {Xw = y}": (w) => distanceToAffine(X, y, w) / Math.max(normInf(w), 1e-300),
    },
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return {
    note: tr.note,
    excess: (normInf(tr.final) - inst.minNorm) / inst.minNorm,
    infeasibility: distanceToAffine(X, y, tr.final) / Math.max(normInf(tr.final), 1e-300),
    trace: tr.trace,
  };
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const wilson = wilsonAdaptive(ctx.rng, { n: p.alignedN, nTest: 0, p: p.alignedP });
  const gauss = gaussianRegression(ctx.rng, { n: p.gaussianN, d: p.gaussianD });
  const instances: Instance[] = [];
  for (const [label, data] of [[`aligned (Wilson et al., N = ${p.alignedN}, d = ${wilson.d})`, wilson.train], [`Gaussian (N = ${p.gaussianN}, d = ${p.gaussianD})`, gauss]] as const) {
    const ref = await minLinf(data.X, data.y);
    instances.push({ label, data, minNorm: ref.certificate.primalObjective, certificateOk: ref.certificate.ok });
  }
  const [aligned, generic] = instances;
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = {};
  for (const inst of instances) {
    summary[`${inst.label}: min ‖w‖_∞`] = inst.minNorm;
    summary[`${inst.label}: LP certificate ok`] = inst.certificateOk;
  }
  const total = 2 + 2 * p.sweepLr.length * p.sweepEps.length;
  let done = 0;
  const step = (label: string) => ctx.progress(done++ / total, label);

  // the positive case, against GD on the same instance (which ends at min ‖w‖₂)
  step("adagrad on the aligned instance");
  const main = await runOn(aligned, adagrad({ lr: p.lr, eps: p.eps }), `adagrad (η = ${p.lr}, ε = ${p.eps}), ${aligned.label}`, p, ctx, 1);
  traces.push(main.trace);
  step("gd on the aligned instance");
  const beta = leastSquares(aligned.data, linearModel(aligned.data.X.cols)).smoothness!(new Float64Array(aligned.data.X.cols));
  const control = await runOn(aligned, gd({ lr: 1 / beta }), `gd (η = 1/β), ${aligned.label}`, p, ctx, 2);
  traces.push(control.trace);
  summary["aligned: AdaGrad's excess ℓ∞ norm"] = main.excess;
  summary["aligned: GD's excess ℓ∞ norm"] = control.excess;
  checks.push(checkAtMost(`adagrad (η = ${p.lr}, ε = ${p.eps}) and gd on the aligned instance reach a global minimum (relative distance to {Xw = y})`,
    Math.max(main.infeasibility, control.infeasibility), p.feasibility));
  checks.push(checkCloser({
    name: `adagrad (η = ${p.lr}, ε = ${p.eps}) on the aligned instance: |‖w∞‖_∞ − min‖w‖_∞| / min‖w‖_∞`,
    predicted: "min ‖w‖_∞ s.t. Xw = y (reached: the 'sometimes')",
    measured: Math.abs(main.excess),
    threshold: p.threshold,
    competitor: { name: "gd's limit argmin ‖w‖₂ s.t. Xw = y (same metric)", measured: Math.abs(control.excess) },
    note: `adagrad: ${main.note}; gd: ${control.note}`,
  }));

  // the sweeps: step size × ε on both instances
  const series: Series[] = [];
  const sweepRows: number[][] = [];
  const excessOf: Record<string, number[]> = {};
  for (const [k, inst] of [aligned, generic].entries()) {
    const all: number[] = [], infeasible: number[] = [];
    for (const eps of p.sweepEps) {
      const xs: number[] = [], ys: number[] = [];
      for (const lr of p.sweepLr) {
        step(`adagrad (η = ${lr}, ε = ${eps}), ${inst.label}`);
        const r = await runOn(inst, adagrad({ lr, eps }), `adagrad (η = ${lr}, ε = ${eps}), ${inst.label}`, p, ctx, 100 + done);
        traces.push(r.trace);
        xs.push(lr);
        ys.push(Math.abs(r.excess));
        all.push(r.excess);
        infeasible.push(r.infeasibility);
        sweepRows.push([k, lr, eps, r.excess, r.infeasibility]);
        if (r.note.startsWith("DIVERGED")) summary[r.trace.name] = r.note;
      }
      series.push({ name: `${k === 0 ? "aligned" : "Gaussian"}, ε = ${eps}`, x: xs, y: ys });
    }
    excessOf[k === 0 ? "aligned" : "generic"] = all;
    checks.push(checkAtMost(`every AdaGrad run of the sweep on the ${inst.label} instance reaches a global minimum (largest relative distance to {Xw = y})`,
      maxOf(infeasible), p.feasibility));
    summary[`${inst.label}: smallest excess ℓ∞ norm over the sweep`] = minOf(all);
    summary[`${inst.label}: largest excess ℓ∞ norm over the sweep`] = maxOf(all);
  }
  checks.push(checkAtLeast(
    `Gaussian instance: smallest excess ℓ∞ norm of AdaGrad's limit over η ∈ {${p.sweepLr.join(", ")}} × ε ∈ {${p.sweepEps.join(", ")}}`,
    minOf(excessOf.generic), p.floor,
    { predicted: "AdaGrad does NOT reach min ‖w‖_∞ here (the 'not always')" },
  ));
  checks.push(checkAtLeast(
    "aligned instance: largest excess ℓ∞ norm over the same sweep",
    maxOf(excessOf.aligned), p.floor,
    { predicted: "even where AdaGrad can reach min ‖w‖_∞, some step sizes / ε miss it (it depends on η and ε)" },
  ));
  traces.push({ name: "sweep", columns: ["instance (0 aligned, 1 Gaussian)", "lr", "eps", "excess ℓ∞ norm", "relative distance to {Xw = y}"], rows: sweepRows });

  const figures = [lineFigure({
    name: "excess-linf-vs-step-size",
    title: "AdaGrad's limit: excess ℓ∞ norm over min ‖w‖_∞ s.t. Xw = y, by step size and ε",
    x: { title: "step size η", log: true },
    y: { title: "|‖w∞‖_∞ − min‖w‖_∞| / min‖w‖_∞", log: true },
    series,
    rules: [{ y: p.threshold, label: `reached (≤ ${p.threshold})` }, { y: p.floor, label: `missed (≥ ${p.floor})` }],
  })];
  ctx.progress(1);
  return { id: "adagrad-ls", params: p, checks, traces, figures, summary };
}

export const adagradLs: Experiment<Params> = {
  id: "adagrad-ls",
  section: "A",
  seeds: ["002"],
  claim: "AdaGrad on least squares sometimes reaches min ‖w‖_∞ s.t. Xw = y but not always; it depends on the step size and ε",
  params,
  quick: { alignedN: 12, gaussianN: 6, gaussianD: 18, sweepLr: [0.1, 1], sweepEps: [1e-8, 1], maxIter: 100000 },
  run,
};
