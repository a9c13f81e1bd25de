// sensing-nuclear (seeds 000, 001, 002; Gunasekar et al. 2017): gradient descent with a small step on
// a full-dimensional factorization W = UUᵀ of an underdetermined matrix sensing problem, from
// U₀ = αI, tends as α → 0 to the minimum nuclear norm solution W_NN* = argmin tr W s.t. A(W) = y,
// W ⪰ 0 — not to the minimum Frobenius norm one, though both fit y exactly. Swept over α; the
// distance to W_NN* must fall at every step of the sweep and end below the threshold.
import { z } from "zod";
import { checkAtMost, checkCloser, relativeDistance } from "../../metrics/index.ts";
import { sensingObjective, symmetricFactor } from "../../models/index.ts";
import { gd } from "../../optimizers/index.ts";
import type { Check, Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries, type Series } from "../figures.ts";
import { trajectory } from "../trajectory.ts";
import { maxOf } from "../verdicts.ts";
import { sensingInstance } from "./sensingInstance.ts";

const params = z.object({
  n: z.number().int().min(2).default(50),
  m: z.number().int().min(1).default(300),
  rank: z.number().int().min(1).default(2),
  /** standard deviation of the measurement noise */
  noise: z.number().min(0).default(1e-3),
  /** init scales α of U₀ = αI, descending */
  alphas: z.array(z.number().positive()).min(1).default([1e-1, 1e-2, 1e-3, 1e-4]),
  /** step η = stepFraction / (4 β ‖W_NN*‖₂), β = λ_max(A*A)/m the smoothness of L in W */
  stepFraction: z.number().positive().default(2),
  maxIter: z.number().int().min(1).default(5000),
  /** stop at L ≤ lossTarget·L(U₀) */
  lossTarget: z.number().positive().default(1e-9),
  /** relative distance to W_NN* at the smallest α */
  threshold: z.number().positive().default(1e-2),
});
type Params = z.infer<typeof params>;

const TO_NN = "relative distance to W_NN*";
const TO_FRO = "relative distance to the min-Frobenius solution";

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const { n, m } = p;
  ctx.progress(0, "nuclear-norm SDP");
  const { op, Wstar, y, nn, fro, stepUnit } = sensingInstance(ctx.rng, n, m, p.rank, p.noise);
  const eta = p.stepFraction * stepUnit;
  const param = symmetricFactor(n, n, "identity");
  const objective = sensingObjective(op, y, param);
  const W = new Float64Array(n * n);
  const traces: Trace[] = [];
  const paths: Series[] = [];
  const toNN: number[] = [], toFro: number[] = [];
  const summary: Record<string, number | string | boolean> = {
    "SDP certificate ok": nn.certificate.ok,
    "step size η": eta,
    "min-Frobenius distance from W_NN*": relativeDistance(fro.solution.data, nn.solution.data),
    "planted W*'s distance from W_NN*": relativeDistance(Wstar.data, nn.solution.data),
  };
  for (const [k, alpha] of p.alphas.entries()) {
    ctx.progress((k + 0.5) / (p.alphas.length + 0.5), `α = ${alpha}`);
    const theta0 = param.init(ctx.rng, alpha);
    const tr = await trajectory({
      name: `gd on UUᵀ, η = ${eta.toPrecision(3)}, U₀ = ${alpha}·I`,
      objective,
      optimizer: gd({ lr: eta }),
      theta0,
      rng: ctx.rng.fork(100 + k),
      maxIter: p.maxIter,
      lossTarget: p.lossTarget * objective.value(theta0),
      metrics: {
        [TO_NN]: (th) => relativeDistance(param.predictor(th, W), nn.solution.data),
        [TO_FRO]: (th) => relativeDistance(param.predictor(th, W), fro.solution.data),
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    traces.push(tr.trace);
    paths.push(traceSeries(tr.trace, "t", TO_NN, `α = ${alpha}`));
    toNN.push(tr.last[TO_NN]);
    toFro.push(tr.last[TO_FRO]);
    summary[`α = ${alpha}: run`] = tr.note;
  }
  ctx.progress(1);
  const last = p.alphas.length - 1;
  const checks: Check[] = [
    checkCloser({
      name: `α = ${p.alphas[last]}: relative distance of GD's limit to W_NN*`,
      predicted: nn.program,
      measured: toNN[last],
      threshold: p.threshold,
      competitor: { name: fro.program, measured: toFro[last] },
    }),
  ];
  if (p.alphas.length > 1) {
    checks.push(checkAtMost("largest ratio of successive distances to W_NN* as α decreases", maxOf(toNN.slice(1).map((v, i) => v / toNN[i])), 1, {
      predicted: "the distance to W_NN* falls at every step of the α sweep",
      note: `distances ${toNN.map((v) => v.toExponential(2)).join(", ")} at α = ${p.alphas.join(", ")}`,
    }));
  }
  const figures = [
    lineFigure({
      name: "sensing-nuclear-vs-alpha",
      title: `GD on UUᵀ (n = ${n}, m = ${m}): distance of the limit to W_NN* and to the min-Frobenius solution`,
      x: { title: "init scale α", log: true },
      y: { title: "‖W∞ − W_ref‖_F / ‖W_ref‖_F", log: true },
      series: [{ name: "to W_NN* (min nuclear norm)", x: p.alphas, y: toNN }, { name: "to min-Frobenius", x: p.alphas, y: toFro }],
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
    lineFigure({
      name: "sensing-nuclear-paths",
      title: "Distance to W_NN* along GD, by init scale",
      x: { title: "iteration t", log: true },
      y: { title: "‖W_t − W_NN*‖_F / ‖W_NN*‖_F", log: true },
      series: paths,
    }),
  ];
  return { id: "sensing-nuclear", params: p, checks, traces, figures, summary };
}

export const sensingNuclear: Experiment<Params> = {
  id: "sensing-nuclear",
  section: "C",
  seeds: ["000", "001", "002"],
  claim: "GD with small steps on a full-dimensional W = UUᵀ from U₀ = αI tends, as α → 0, to the minimum nuclear norm solution of underdetermined matrix sensing",
  params,
  quick: { n: 15, m: 60, noise: 0, maxIter: 10000 },
  run,
};
