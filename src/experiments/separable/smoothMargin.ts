// smooth-margin (seeds 002, 003): the smooth margin γ̃(w) = −ln Σᵢ exp(−yᵢ⟨w, xᵢ⟩)/‖w‖ sandwiches
// the normalized margin γ(w) = minᵢ yᵢ⟨w, xᵢ⟩/‖w‖:  γ̃ ≤ γ ≤ γ̃ + ln n/‖w‖, since
// e^{−min u} ≤ Σᵢ e^{−uᵢ} ≤ n e^{−min u}. Checked at every recorded iterate of GD and normalized GD,
// as r(w) = (γ − γ̃)‖w‖/ln n ∈ [0, 1]; r → 1 as w → 0, so the bound is tight, and γ̃(w_t) → γ̂.
import { z } from "zod";
import { separableData } from "../../data/index.ts";
import { norm2 } from "../../linalg/index.ts";
import { logisticLoss } from "../../losses/index.ts";
import { checkAtLeast, checkAtMost, normalizedMargin, smoothMargin, type Check } from "../../metrics/index.ts";
import { gd, type Optimizer, type OptimizerState } from "../../optimizers/index.ts";
import { normalizedGd } from "../../optimizers/margin/index.ts";
import type { Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries } from "../figures.ts";
import { maxOf, minOf } from "../verdicts.ts";
import { binaryProblem, column, record } from "./setup.ts";

const MARGIN = "normalized margin γ(w)";
const SMOOTH = "smooth margin γ̃(w)";
const RATIO = "(γ − γ̃)‖w‖/ln n";

const params = z.object({
  instances: z.number().int().min(1).default(3),
  n: z.number().int().min(2).default(50),
  d: z.number().int().min(1).default(5),
  gap: z.number().positive().default(0.1),
  maxIter: z.number().int().min(1).default(100000),
  /** the claimed bound is (γ − γ̃)‖w‖ ≤ boundScale·ln n (the claim: 1) */
  boundScale: z.number().positive().default(1),
  /** γ̃ ≤ γ up to this absolute round-off in (γ − γ̃)‖w‖ */
  roundoff: z.number().positive().default(1e-9),
  /** the largest recorded ratio must reach this (the bound is tight near w = 0, not vacuous) */
  tightness: z.number().positive().default(0.5),
});
type Params = z.infer<typeof params>;

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = { "ln n": Math.log(p.n) };
  const lnN = Math.log(p.n);
  let k = 0;
  for (let inst = 0; inst < p.instances; inst++) {
    const data = separableData(ctx.rng.fork(100 + inst), { n: p.n, d: p.d, gap: p.gap });
    const P = binaryProblem(data, logisticLoss);
    const beta = P.sigma2OverN / 4;
    const runs: [string, Optimizer<OptimizerState>][] = [
      ["GD, η = 1/β", gd({ lr: 1 / beta }) as Optimizer<OptimizerState>],
      ["normalized GD, η = 1/R", normalizedGd({ lr: 1 / P.R }) as Optimizer<OptimizerState>],
    ];
    for (const [label, opt] of runs) {
      ctx.progress(k / (2 * p.instances), `${label}, instance ${inst + 1}`);
      const name = `${label}, instance ${inst + 1}`;
      const tr = await record(ctx, 200 + k, name, P.objective, opt, new Float64Array(p.d), p.maxIter, {
        [MARGIN]: (w) => normalizedMargin(data.X, data.y, w),
        [SMOOTH]: (w) => smoothMargin(data.X, data.y, w),
        "‖w‖": (w) => norm2(w),
        [RATIO]: (w) => (normalizedMargin(data.X, data.y, w) - smoothMargin(data.X, data.y, w)) * norm2(w) / lnN,
      }, 10);
      k++;
      traces.push(tr.trace);
      const r = column(tr.trace, RATIO, 1).v;
      const nw = column(tr.trace, "‖w‖", 1).v;
      // (γ − γ̃)‖w‖ ≥ −roundoff at every iterate (NaN never passes)
      const lower = minOf(r.map((v) => v * lnN));
      const upper = maxOf(r);
      checks.push(checkAtLeast(`${name}: smallest (γ − γ̃)‖w‖ over ${r.length} recorded iterates (γ̃ ≤ γ)`, lower, -p.roundoff));
      checks.push(checkAtMost(`${name}: largest (γ − γ̃)‖w‖/ln n over the recorded iterates (γ − γ̃ ≤ ln n/‖w‖)`, upper, p.boundScale, {
        note: `‖w‖ from ${nw[0].toPrecision(3)} to ${nw[nw.length - 1].toPrecision(3)}; the ratio at T is ${r[r.length - 1].toPrecision(3)}`,
      }));
      checks.push(checkAtLeast(`${name}: the bound is tight near w = 0 (largest ratio)`, upper, p.tightness));
      summary[`${name}: γ̂ − γ̃(w_T)`] = P.svm.margin - tr.last[SMOOTH];
      summary[`${name}: γ̂ − γ(w_T)`] = P.svm.margin - tr.last[MARGIN];
      summary[`${name}: largest ratio`] = upper;
    }
  }
  const first = traces[0], second = traces[1];
  const figures = [
    lineFigure({
      name: "margins",
      title: `γ(w_t) and γ̃(w_t) (instance 1, n = ${p.n}, d = ${p.d})`,
      x: { title: "iteration t", log: true },
      y: { title: "margin" },
      series: [
        traceSeries(first, "t", MARGIN, `γ, ${first.name}`), traceSeries(first, "t", SMOOTH, `γ̃, ${first.name}`),
        traceSeries(second, "t", MARGIN, `γ, ${second.name}`), traceSeries(second, "t", SMOOTH, `γ̃, ${second.name}`),
      ],
    }),
    lineFigure({
      name: "sandwich",
      title: "(γ − γ̃)‖w‖/ln n at every recorded iterate: in [0, 1]",
      x: { title: "iteration t", log: true },
      y: { title: "(γ − γ̃)‖w‖ / ln n" },
      series: traces.map((t) => traceSeries(t, "t", RATIO)),
      rules: [{ y: p.boundScale, label: "bound ln n/‖w‖" }, { y: 0, label: "γ̃ = γ" }],
    }),
  ];
  ctx.progress(1);
  return { id: "smooth-margin", params: p, checks, traces, figures, summary };
}

export const smoothMarginClaim: Experiment<Params> = {
  id: "smooth-margin",
  section: "B",
  seeds: ["002", "003"],
  claim: "The smooth margin −ln Σᵢ exp(−yᵢxᵢᵀw)/‖w‖ is at most the normalized margin, and the gap is at most ln n/‖w‖, at every iterate",
  params,
  quick: { maxIter: 2000 },
  run,
};
