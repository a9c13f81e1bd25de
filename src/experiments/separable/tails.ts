// tails (seeds 000, 002; Soudry et al. 2018 §3, Nacson et al. 2019): the loss's tail decides
// whether GD finds the ℓ2 max margin. For ℓ(u) = exp(−u^ν) the margin gap → 0, polylogarithmically:
// O(1/log^{1/ν} t) for ν > 1, ≈ c/(ν log t) for ¼ ≤ ν < 1 — so at a fixed t the gap is smaller the
// larger ν. For a polynomial tail ℓ(u) ∝ u^{−ν} every point keeps a say and the direction converges
// elsewhere: the gap stalls at a positive value.
// What is checked: each exponential-type gap keeps falling and the gaps at T are ordered by ν; each
// polynomial-tail gap has stopped moving at a clearly positive value, at a direction away from ŵ.
// The fitted c/(log t)^a of every run is reported (at t ≤ 1e6 the fitted a are still transient:
// they do not match 1/ν and are not checked).
import { z } from "zod";
import { separableData } from "../../data/index.ts";
import { expPowerLoss, exponentialLoss, polynomialLoss, type MarginLoss } from "../../losses/index.ts";
import { angleBetween, checkAtLeast, checkAtMost, fitInverseLogPower, type Check } from "../../metrics/index.ts";
import { gd } from "../../optimizers/index.ts";
import type { Result, Trace } from "../../run/index.ts";
import { Rng } from "../../random/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries } from "../figures.ts";
import { angleGapTo, binaryProblem, column, marginGapTo, record, valueAt } from "./setup.ts";

const GAP = "relative margin gap (γ̂ − γ(w))/γ̂";
const ANGLE = "angle to ŵ (rad)";

const params = z.object({
  n: z.number().int().min(2).default(30),
  d: z.number().int().min(2).default(3),
  gap: z.number().positive().default(0.3),
  /**
   * seed of the instance (fixed: the runs start at 0 and are deterministic). On some instances the
   * min-margin of the ν = ½ run is not monotone over [T/100, T] at T = 1e5 (seed 3: it rises 18%)
   */
  instanceSeed: z.number().int().min(0).default(0),
  /** ν of the exp(−u^ν) losses (ν = 1 is the exponential loss) */
  expNus: z.array(z.number().positive()).min(2).default([0.5, 1, 2, 3]),
  /** ν of the polynomial tails u^{−ν} */
  polyNus: z.array(z.number().positive()).min(1).default([1, 2]),
  maxIter: z.number().int().min(100).default(1000000),
  /** an exponential-type gap must fall to at most this fraction of its value at T/100 */
  fallRatio: z.number().positive().default(0.9),
  /** a polynomial-tail gap counts as stalled when gap(T)/gap(T/100) ≥ stallRatio … */
  stallRatio: z.number().positive().default(0.98),
  /** … and stays at least this large */
  stallFloor: z.number().positive().default(0.01),
});
type Params = z.infer<typeof params>;

interface TailRun { readonly key: string; readonly loss: MarginLoss; readonly polynomial: boolean; readonly nu: number }

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const data = separableData(new Rng(p.instanceSeed).fork(1), { n: p.n, d: p.d, gap: p.gap });
  const runs: TailRun[] = [
    ...p.expNus.map((nu) => ({ key: `exp(−u^${nu})`, loss: nu === 1 ? exponentialLoss : expPowerLoss(nu), polynomial: false, nu })),
    ...p.polyNus.map((nu) => ({ key: `u^−${nu} tail`, loss: polynomialLoss(nu), polynomial: true, nu })),
  ];
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = {};
  const gapsAtT: { nu: number; gap: number }[] = [];
  let k = 0;
  for (const r of runs) {
    ctx.progress(k / runs.length, r.key);
    const P = binaryProblem(data, r.loss);
    if (k === 0) {
      summary["SVM margin γ̂"] = P.svm.margin;
      summary["SVM certificate ok"] = P.svm.certificate.ok;
    }
    // η = 1/(ℓ″(0)·σ²_max/N): the curvature at the start, where the loss is largest along the run
    const eta = 1 / (r.loss.deriv2(0) * P.sigma2OverN);
    const tr = await record(ctx, 10 + k, `GD on ${r.key}`, P.objective, gd({ lr: eta }), new Float64Array(p.d), p.maxIter, {
      [GAP]: marginGapTo(data, P.svm.margin),
      [ANGLE]: angleGapTo(P.svm.direction),
    }, 6);
    k++;
    traces.push(tr.trace);
    const gT = valueAt(tr.trace, GAP, p.maxIter), gEarly = valueAt(tr.trace, GAP, p.maxIter / 100);
    const ratio = gT / gEarly;
    const late = column(tr.trace, GAP, p.maxIter / 1000);
    const fit = fitInverseLogPower(late.t, late.v);
    summary[`${r.key}: margin gap at T`] = gT;
    summary[`${r.key}: angle to ŵ at T`] = tr.last[ANGLE];
    summary[`${r.key}: gap(T)/gap(T/100)`] = ratio;
    summary[`${r.key}: fit c/(log t)^a: a`] = fit.a;
    summary[`${r.key}: fit c/(log t)^a: c`] = fit.c;
    if (r.polynomial) {
      checks.push(checkAtLeast(`${r.key}: the margin gap has stopped falling, gap(T)/gap(T/100)`, ratio, p.stallRatio, {
        predicted: "no convergence to the max margin", note: `${tr.note}; gap ${gEarly.toExponential(3)} at T/100, ${gT.toExponential(3)} at T`,
      }));
      checks.push(checkAtLeast(`${r.key}: margin gap at T (the limit is not the SVM direction)`, gT, p.stallFloor, {
        note: `angle of w(T) to ŵ ${angleBetween(tr.final, P.svm.direction).toExponential(3)} rad`,
      }));
    } else {
      gapsAtT.push({ nu: r.nu, gap: gT });
      checks.push(checkAtMost(`${r.key}: the margin gap keeps falling, gap(T)/gap(T/100)`, ratio, p.fallRatio, {
        predicted: "gap → 0 polylogarithmically", note: `${tr.note}; gap ${gEarly.toExponential(3)} at T/100, ${gT.toExponential(3)} at T`,
      }));
    }
  }
  // at fixed T, a heavier exponential tail (smaller ν) is slower: the gaps are ordered by ν
  gapsAtT.sort((a, b) => a.nu - b.nu);
  let ordered = 0;
  for (let i = 1; i < gapsAtT.length; i++) if (gapsAtT[i].gap < gapsAtT[i - 1].gap) ordered++;
  checks.push(checkAtLeast(`exp(−u^ν) gaps at T decrease with ν (pairs in order, of ${gapsAtT.length - 1})`, ordered, gapsAtT.length - 1, {
    note: gapsAtT.map((g) => `ν = ${g.nu}: ${g.gap.toExponential(3)}`).join(", "),
  }));
  const figures = [
    lineFigure({
      name: "margin-gap",
      title: `Margin gap of GD by loss tail (n = ${p.n}, d = ${p.d}): exp(−u^ν) tails fall, polynomial tails stall`,
      x: { title: "iteration t", log: true },
      y: { title: "(γ̂ − γ(w_t))/γ̂", log: true },
      series: traces.map((t) => traceSeries(t, "t", GAP)),
    }),
    lineFigure({
      name: "angle-gap",
      title: "Angle of w(t) to the ℓ2 SVM direction by loss tail",
      x: { title: "iteration t", log: true },
      y: { title: "angle (rad)", log: true },
      series: traces.map((t) => traceSeries(t, "t", ANGLE)),
    }),
  ];
  ctx.progress(1);
  return { id: "tails", params: p, checks, traces, figures, summary };
}

export const tails: Experiment<Params> = {
  id: "tails",
  section: "B",
  seeds: ["000", "002"],
  claim: "With ℓ(u) = exp(−u^ν) GD's margin gap → 0 (O(1/log^{1/ν} t) for ν > 1, ≈ c/(ν log t) for ¼ ≤ ν < 1); with a polynomial tail ℓ(u) ∝ u^{−ν} the direction does not converge to the max margin",
  params,
  quick: { maxIter: 100000 },
  run,
};
