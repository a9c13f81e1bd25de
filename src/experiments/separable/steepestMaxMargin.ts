// steepest-max-margin (seeds 002, 004; Gunasekar et al. 2018): steepest descent w.r.t. ‖·‖ on the
// exponential loss — ℓ1 (coordinate descent), ℓ∞ (sign descent), ℓp — with small steps, from any
// init, converges in direction to the ‖·‖ max-margin direction argmin ‖w‖ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1
// (an LP for ℓ1/ℓ∞, a convex program for ℓp), not to the ℓ2 SVM's. Normalized steps (‖Δw‖ = η):
// v* = argmin_{‖v‖ ≤ 1} ⟨v, ∇L⟩ from the log-domain gradient direction, exact at huge margins.
import { z } from "zod";
import { separableData } from "../../data/index.ts";
import { normP } from "../../linalg/index.ts";
import { exponentialLoss } from "../../losses/index.ts";
import { checkCloser, directionGap, marginGap, type Check } from "../../metrics/index.ts";
import { normalizedSteepest } from "../../optimizers/margin/index.ts";
import { maxMargin, type MaxMarginSolution } from "../../references/index.ts";
import type { Result, Trace } from "../../run/index.ts";
import { Rng } from "../../random/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries } from "../figures.ts";
import { binaryProblem, record } from "./setup.ts";

const OWN = "direction gap to the ‖·‖ max margin";
const L2 = "direction gap to the ℓ2 SVM";

const normName = (p: number): string => (p === Infinity ? "ℓ∞" : `ℓ${p}`);

const params = z.object({
  n: z.number().int().min(2).default(25),
  d: z.number().int().min(2).default(6),
  gap: z.number().positive().default(0.3),
  /**
   * seed of the instance, fixed so that the norms' max-margin directions differ (on some instances the
   * ℓ1 and ℓ2 programs share their solution and no run can tell them apart); the run's seed draws the init
   */
  instanceSeed: z.number().int().min(0).default(0),
  /** the norms of the steepest descents, p ∈ [1, ∞] (Infinity written as 1e309 or "Infinity" on the command line) */
  norms: z.array(z.number().min(1)).min(1).default([1, Infinity, 3]),
  /** step length η for each norm, in the same order (small against γ/β in that norm) */
  steps: z.array(z.number().positive()).min(1).default([0.1, 0.01, 0.05]),
  maxIter: z.number().int().min(1).default(100000),
  /** ‖w0‖₂ of the random init */
  initScale: z.number().positive().default(1),
  /** largest direction gap ‖w/‖w‖₂ − ŵ/‖ŵ‖₂‖₂ to the predicted direction */
  threshold: z.number().positive().default(0.005),
  /** the ℓ2 SVM direction must be this many times farther */
  competitorMargin: z.number().min(1).default(5),
  /** "own": the claim (each norm's max margin); "l2": the wrong prediction (ℓ2 SVM for every norm), to see the verdict fail */
  prediction: z.enum(["own", "l2"]).default("own"),
});
type Params = z.infer<typeof params>;

async function run(p: Params, ctx: RunContext): Promise<Result> {
  if (p.steps.length !== p.norms.length) throw new RangeError(`steepest-max-margin: ${p.norms.length} norms but ${p.steps.length} steps; give one step per norm`);
  const data = separableData(new Rng(p.instanceSeed).fork(1), { n: p.n, d: p.d, gap: p.gap });
  const P = binaryProblem(data, exponentialLoss);
  const l2 = P.svm;
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = { "ℓ2 SVM margin": l2.margin, "ℓ2 SVM certificate ok": l2.certificate.ok };
  const random = ctx.rng.fork(2).fillNormal(new Float64Array(p.d), p.initScale / Math.sqrt(p.d));
  const inits = [{ label: "w0 = 0", w0: new Float64Array(p.d) }, { label: "w0 random", w0: random }];
  const total = p.norms.length * inits.length;
  let k = 0;
  const series = [];
  for (let i = 0; i < p.norms.length; i++) {
    const q = p.norms[i], eta = p.steps[i];
    const own: MaxMarginSolution = await maxMargin(data.X, data.y, q);
    const nm = normName(q);
    summary[`${nm} max margin`] = own.margin;
    summary[`${nm} max margin certificate ok`] = own.certificate.ok;
    summary[`${nm}: direction gap between the ${nm} and ℓ2 max-margin directions`] = directionGap(own.direction, l2.direction);
    summary[`${nm}: ℓ2 SVM's relative ${nm} margin gap`] = marginGap(data.X, data.y, l2.direction, own.margin, q);
    const [predicted, competitor] = p.prediction === "own" ? [own, l2] : [l2, own];
    for (const init of inits) {
      const label = `steepest ${nm} (η = ${eta}), ${init.label}`;
      ctx.progress(k / total, label);
      const tr = await record(ctx, 10 + k, label, P.objective, normalizedSteepest({ lr: eta, norm: q }), init.w0, p.maxIter, {
        [OWN]: (w) => directionGap(w, own.direction),
        [L2]: (w) => directionGap(w, l2.direction),
        [`relative ${nm} margin gap`]: (w) => (normP(w, q) > 0 ? marginGap(data.X, data.y, w, own.margin, q) : NaN),
      }, 6);
      k++;
      traces.push(tr.trace);
      if (init.label === "w0 = 0") series.push(traceSeries(tr.trace, "t", OWN, `${nm}: to the ${nm} max margin`), traceSeries(tr.trace, "t", L2, `${nm}: to the ℓ2 SVM`));
      checks.push(checkCloser({
        name: `${label}: direction gap of w(T) to ${predicted.program}`,
        predicted: predicted.program,
        measured: directionGap(tr.final, predicted.direction),
        threshold: p.threshold,
        competitor: { name: competitor.program, measured: directionGap(tr.final, competitor.direction) },
        margin: p.competitorMargin,
        note: `${tr.note}; relative ${nm} margin gap ${tr.last[`relative ${nm} margin gap`].toExponential(2)}`,
      }));
      summary[`${label}: relative ${nm} margin gap at T`] = tr.last[`relative ${nm} margin gap`];
    }
  }
  const figures = [
    lineFigure({
      name: "direction-gap",
      title: `Steepest descent on the exponential loss (n = ${p.n}, d = ${p.d}, w0 = 0): direction gap to each norm's max margin and to the ℓ2 SVM`,
      x: { title: "iteration t", log: true },
      y: { title: "‖w/‖w‖ − ŵ/‖ŵ‖‖₂", log: true },
      series,
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
  ];
  ctx.progress(1);
  return { id: "steepest-max-margin", params: p, checks, traces, figures, summary };
}

export const steepestMaxMargin: Experiment<Params> = {
  id: "steepest-max-margin",
  section: "B",
  seeds: ["002", "004"],
  claim: "Steepest descent w.r.t. ‖·‖ (ℓ1 = coordinate descent, ℓ∞ = sign descent, ℓp) on the exponential loss converges in direction to the ‖·‖ max-margin direction, from any init with small steps, not to the ℓ2 SVM's",
  params,
  quick: { maxIter: 10000, threshold: 0.02 },
  run,
};
