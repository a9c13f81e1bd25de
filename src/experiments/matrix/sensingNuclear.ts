// sensing-nuclear (seeds 000, 001, 002; Gunasekar et al. 2017): gradient descent with a small step on a
// full-dimensional factorization of an underdetermined matrix sensing problem tends, as the init scale
// α → 0, to the minimum nuclear norm solution W_NN* — not to the minimum Frobenius norm one, though
// both fit y exactly. Two halves, each swept over α; the distance to W_NN* must fall at every step of
// the sweep and end below the threshold:
//   UUᵀ: symmetric Gaussian Aᵢ, U₀ = αI,          W_NN* = argmin tr W s.t. A(W) = y, W ⪰ 0;
//   UVᵀ: iid Gaussian Aᵢ,      U₀ = V₀ = αI (n×n), W_NN* = argmin ‖W‖_* s.t. A(W) = y.
// Two setup details of the UVᵀ half, measured rather than assumed:
// - m. With iid Gaussian 50×50 Aᵢ, m = 300 is below the nuclear norm's recovery threshold for a rank-2
//   W*: W_NN* is then rank 11, 0.72 away from W*, of smaller nuclear norm (1.23 vs 1.33), and GD does
//   not go there. Its end point heads for the low-rank W* instead: distances to W_NN* 0.19, 0.29, 0.41
//   and to W* 0.51, 0.39, 0.31 at α = 1e-2, 1e-3, 1e-4, with the loss ≤ 1e-9 of its start and
//   ‖W∞‖_* = 1.29–1.30 > ‖W_NN*‖_* (the same with the lifted init U₀ = α[I 0], V₀ = α[0 I]). That is
//   the rank-minimizing behaviour of Li, Luo & Lyu (2021), not a numerical failure; the noise plays no
//   part in it. The symmetric PSD case recovers at m = 300 (W* is 1.5e-3 from W_NN*); the iid case
//   needs m ≈ 450 (W* is then 2.5e-3 from W_NN*, whose 48 further singular values, ≤ 5.5e-4, fit the
//   noise), so uvM defaults to 450.
// - init and step. U₀ = V₀ = αI is balanced (U₀ᵀU₀ = V₀ᵀV₀, which the flow conserves) and costs an
//   n×n factor, half of the lifted one, which is no closer (2.0e-2 vs 1.5e-2 at α = 1e-4 on the seed-0
//   instance). The balanced factors' curvature, ≤ 2β‖W‖₂, is half of UUᵀ's 4β‖W‖₂, so
//   uvStepFraction = 4 is the same step relative to the curvature as UUᵀ's 2.
// - α. The UVᵀ distance falls more slowly in α (seed 0: 0.61, 0.25, 6.5e-2, 1.5e-2, 4.4e-3 at α = 1e-1 …
//   1e-5; its W_NN* is 7e-3 from W*, nearer the recovery threshold), so its sweep goes one decade
//   further, to 1e-5. Below that the budget ends before the noise tail is fitted (α = 1e-6: 5.0e-3,
//   rising, while the distance to W* falls).
// The end distance at the smallest α is set by W_NN*'s noise tail, which GD fits only on a time scale
// ~ 1/(ησ_tail) far beyond the run: the small-α runs stop at maxIter with the rank-2 part fitted.
import { z } from "zod";
import { singularValues } from "../../linalg/index.ts";
import { checkAtMost, checkCloser, relativeDistance } from "../../metrics/index.ts";
import { asymmetricFactor, sensingObjective, symmetricFactor } from "../../models/index.ts";
import { gd } from "../../optimizers/index.ts";
import type { Check, Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries, type Series } from "../figures.ts";
import { trajectory } from "../trajectory.ts";
import { maxOf } from "../verdicts.ts";
import { sensingInstance } from "./sensingInstance.ts";

const FACTORIZATIONS = ["UUᵀ", "UVᵀ"] as const;
type Factorization = (typeof FACTORIZATIONS)[number];

const params = z.object({
  n: z.number().int().min(2).default(50),
  /** measurements for UUᵀ (symmetric Gaussian Aᵢ) */
  m: z.number().int().min(1).default(300),
  rank: z.number().int().min(1).default(2),
  factorizations: z.array(z.enum(FACTORIZATIONS)).min(1).default(["UUᵀ", "UVᵀ"]),
  /** standard deviation of the measurement noise */
  noise: z.number().min(0).default(1e-3),
  /** UUᵀ init scales α of U₀ = αI, descending */
  alphas: z.array(z.number().positive()).min(1).default([1e-1, 1e-2, 1e-3, 1e-4]),
  /** UUᵀ step η = stepFraction / (4 β ‖W_NN*‖₂), β = λ_max(A*A)/m the smoothness of L in W */
  stepFraction: z.number().positive().default(2),
  maxIter: z.number().int().min(1).default(5000),
  /** measurements for UVᵀ (iid Gaussian Aᵢ): above the nuclear norm's recovery threshold, see the header */
  uvM: z.number().int().min(1).default(450),
  /** UVᵀ init scales: one decade further than UUᵀ's, see the header */
  uvAlphas: z.array(z.number().positive()).min(1).default([1e-1, 1e-2, 1e-3, 1e-4, 1e-5]),
  /** UVᵀ step in the same unit; the balanced factors' curvature is half of UUᵀ's */
  uvStepFraction: z.number().positive().default(4),
  uvMaxIter: z.number().int().min(1).default(2000),
  /** stop at L ≤ lossTarget·L(θ₀) */
  lossTarget: z.number().positive().default(1e-9),
  /** relative distance to W_NN* at the smallest α */
  threshold: z.number().positive().default(1e-2),
});
type Params = z.infer<typeof params>;

const TO_NN = "relative distance to W_NN*";
const TO_FRO = "relative distance to the min-Frobenius solution";

interface Sweep {
  readonly alphas: readonly number[];
  readonly checks: Check[];
  readonly traces: Trace[];
  readonly paths: Series[];
  readonly toNN: number[];
  readonly toFro: number[];
}

/** √(Σ_{i>rank} σᵢ²)/‖W‖_F: the part of W beyond its leading rank-`rank` approximation. */
function tailBeyondRank(W: Parameters<typeof singularValues>[0], rank: number): number {
  const s = singularValues(W);
  let all = 0, tail = 0;
  s.forEach((v, i) => { all += v * v; if (i >= rank) tail += v * v; });
  return Math.sqrt(tail / all);
}

/** GD at every α of the sweep on one instance of the factorization's kind. */
async function sweep(f: Factorization, p: Params, ctx: RunContext, summary: Record<string, number | string | boolean>, share: readonly [number, number]): Promise<Sweep> {
  const uv = f === "UVᵀ";
  const { n } = p, m = uv ? p.uvM : p.m;
  ctx.progress(share[0], `${f}: nuclear-norm SDP`);
  // the UVᵀ instance on its own stream, so that it is the same whether or not the UUᵀ half ran
  const rng = uv ? ctx.rng.fork(200) : ctx.rng;
  const { op, Wstar, y, nn, fro, stepUnit } = sensingInstance(rng, n, m, p.rank, p.noise, uv ? "iid" : "symmetric");
  const eta = (uv ? p.uvStepFraction : p.stepFraction) * stepUnit;
  const maxIter = uv ? p.uvMaxIter : p.maxIter;
  const alphas = uv ? p.uvAlphas : p.alphas;
  const param = uv ? asymmetricFactor(n, n, n, "identity") : symmetricFactor(n, n, "identity");
  const objective = sensingObjective(op, y, param);
  const W = new Float64Array(n * n);
  const traces: Trace[] = [], paths: Series[] = [], toNN: number[] = [], toFro: number[] = [];
  summary[`${f}: measurements`] = `${m} ${uv ? "iid" : "symmetric"} Gaussian Aᵢ`;
  summary[`${f}: SDP certificate ok`] = nn.certificate.ok;
  summary[`${f}: step size η`] = eta;
  summary[`${f}: min-Frobenius distance from W_NN*`] = relativeDistance(fro.solution.data, nn.solution.data);
  summary[`${f}: planted W*'s distance from W_NN*`] = relativeDistance(Wstar.data, nn.solution.data);
  summary[`${f}: W_NN* beyond rank ${p.rank} (relative Frobenius)`] = tailBeyondRank(nn.solution, p.rank);
  for (const [k, alpha] of alphas.entries()) {
    ctx.progress(share[0] + (share[1] - share[0]) * (k + 0.5) / alphas.length, `${f}, α = ${alpha}`);
    const theta0 = param.init(ctx.rng, alpha);
    const tr = await trajectory({
      name: `gd on ${f}, η = ${eta.toPrecision(3)}, α = ${alpha}`,
      objective,
      optimizer: gd({ lr: eta }),
      theta0,
      rng: ctx.rng.fork((uv ? 300 : 100) + k),
      maxIter,
      lossTarget: p.lossTarget * objective.value(theta0),
      metrics: {
        [TO_NN]: (th) => relativeDistance(param.predictor(th, W), nn.solution.data),
        [TO_FRO]: (th) => relativeDistance(param.predictor(th, W), fro.solution.data),
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    traces.push(tr.trace);
    paths.push(traceSeries(tr.trace, "t", TO_NN, `${f}, α = ${alpha}`));
    toNN.push(tr.last[TO_NN]);
    toFro.push(tr.last[TO_FRO]);
    summary[`${f}, α = ${alpha}: run`] = tr.note;
  }
  const last = alphas.length - 1;
  const checks: Check[] = [
    checkCloser({
      name: `${f}, α = ${alphas[last]}: relative distance of GD's limit to W_NN*`,
      predicted: nn.program,
      measured: toNN[last],
      threshold: p.threshold,
      competitor: { name: fro.program, measured: toFro[last] },
    }),
  ];
  if (alphas.length > 1) {
    checks.push(checkAtMost(`${f}: largest ratio of successive distances to W_NN* as α decreases`, maxOf(toNN.slice(1).map((v, i) => v / toNN[i])), 1, {
      predicted: "the distance to W_NN* falls at every step of the α sweep",
      note: `distances ${toNN.map((v) => v.toExponential(2)).join(", ")} at α = ${alphas.join(", ")}`,
    }));
  }
  return { alphas, checks, traces, paths, toNN, toFro };
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const summary: Record<string, number | string | boolean> = {};
  const sweeps: { f: Factorization; s: Sweep }[] = [];
  const k = p.factorizations.length;
  for (const [i, f] of p.factorizations.entries()) sweeps.push({ f, s: await sweep(f, p, ctx, summary, [i / k, (i + 1) / k]) });
  ctx.progress(1);
  const figures = [
    lineFigure({
      name: "sensing-nuclear-vs-alpha",
      title: `GD on full-dimensional factorizations (n = ${p.n}): distance of the end point to W_NN* and to the min-Frobenius solution`,
      x: { title: "init scale α", log: true },
      y: { title: "‖W∞ − W_ref‖_F / ‖W_ref‖_F", log: true },
      series: sweeps.flatMap(({ f, s }) => [
        { name: `${f}: to W_NN* (min nuclear norm)`, x: s.alphas, y: s.toNN },
        { name: `${f}: to min-Frobenius`, x: s.alphas, y: s.toFro },
      ]),
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
    lineFigure({
      name: "sensing-nuclear-paths",
      title: "Distance to W_NN* along GD, by factorization and init scale",
      x: { title: "iteration t", log: true },
      y: { title: "‖W_t − W_NN*‖_F / ‖W_NN*‖_F", log: true },
      series: sweeps.flatMap(({ s }) => s.paths),
    }),
  ];
  return {
    id: "sensing-nuclear",
    params: p,
    checks: sweeps.flatMap(({ s }) => s.checks),
    traces: sweeps.flatMap(({ s }) => s.traces),
    figures,
    summary,
  };
}

export const sensingNuclear: Experiment<Params> = {
  id: "sensing-nuclear",
  section: "C",
  seeds: ["000", "001", "002"],
  claim: "GD with small steps on a full-dimensional W = UUᵀ (U₀ = αI) or W = UVᵀ (U₀ = V₀ = αI) tends, as α → 0, to the minimum nuclear norm solution of underdetermined matrix sensing",
  params,
  quick: { n: 15, m: 60, uvM: 120, noise: 0, maxIter: 10000, uvMaxIter: 3000 },
  run,
};
