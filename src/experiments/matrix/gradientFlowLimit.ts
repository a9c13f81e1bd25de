// gradient-flow (seeds 000, 001): the η → 0 limit of GD on W = UUᵀ is the gradient flow
// dU/dt = −(2/m) A*(r) U (dX/dt = −(2/m)(A*(r)X + XA*(r)) for X = UUᵀ), integrated here by
// Dormand–Prince 5(4) with error control. GD's end point from the same U₀ = αI approaches the
// flow's end point as η decreases (the gap is O(η)); the cost of the flow (gradient evaluations) is
// reported beside the iterations of small-step GD.
import { z } from "zod";
import { checkAtMost, checkCloser, relativeDistance } from "../../metrics/index.ts";
import { sensingObjective, symmetricFactor } from "../../models/index.ts";
import { gd } from "../../optimizers/index.ts";
import type { Check, Result, Trace } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure, traceSeries, type Series } from "../figures.ts";
import { trajectory } from "../trajectory.ts";
import { maxOf } from "../verdicts.ts";
import { flowTrajectory } from "./flowTrajectory.ts";
import { sensingInstance } from "./sensingInstance.ts";

const params = z.object({
  /** a smaller instance than sensing-nuclear's n = 50, m = 300: the flow's stiff last phase costs ~1 min there */
  n: z.number().int().min(2).default(20),
  m: z.number().int().min(1).default(80),
  rank: z.number().int().min(1).default(2),
  noise: z.number().min(0).default(1e-3),
  alpha: z.number().positive().default(1e-3),
  /** GD steps η = f / (4β‖W_NN*‖₂), descending */
  stepFractions: z.array(z.number().positive()).min(1).default([2, 1, 0.5, 0.25]),
  maxIter: z.number().int().min(1).default(1000000),
  /** GD and the flow stop at L ≤ lossTarget·L(U₀) */
  lossTarget: z.number().positive().default(1e-8),
  rtol: z.number().positive().default(1e-9),
  /** relative distance of the smallest-step GD's end point to the flow's */
  threshold: z.number().positive().default(1e-2),
});
type Params = z.infer<typeof params>;

const TO_FLOW = "relative distance to the flow's end point";

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const { n, m } = p;
  ctx.progress(0, "references");
  const { op, y, nn, fro, stepUnit } = sensingInstance(ctx.rng, n, m, p.rank, p.noise);
  const param = symmetricFactor(n, n, "identity");
  const objective = sensingObjective(op, y, param);
  const theta0 = param.init(ctx.rng, p.alpha);
  const target = p.lossTarget * objective.value(theta0);
  const W = new Float64Array(n * n);
  ctx.progress(0.1, "gradient flow");
  const started = Date.now();
  const flow = flowTrajectory({
    name: "gradient flow (Dormand–Prince 5(4))",
    objective,
    theta0,
    lossTarget: target,
    rtol: p.rtol,
    atol: 1e-6 * p.alpha,
    metrics: { "relative distance to W_NN*": (th) => relativeDistance(param.predictor(th, W), nn.solution.data) },
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const flowSeconds = (Date.now() - started) / 1000;
  const Xflow = param.predictor(flow.theta, new Float64Array(n * n));
  const traces: Trace[] = [flow.trace];
  const summary: Record<string, number | string | boolean> = {
    "SDP certificate ok": nn.certificate.ok,
    "flow": flow.note,
    "flow: gradient evaluations (6 per step)": 6 * flow.steps,
    "flow: seconds": flowSeconds,
    "flow end point: relative distance to W_NN*": relativeDistance(Xflow, nn.solution.data),
    "flow end point: relative distance to min-Frobenius": relativeDistance(Xflow, fro.solution.data),
  };
  const gaps: number[] = [], toFro: number[] = [], etas: number[] = [];
  const paths: Series[] = [];
  for (const [k, f] of p.stepFractions.entries()) {
    const eta = f * stepUnit;
    etas.push(eta);
    ctx.progress(0.2 + (0.8 * k) / p.stepFractions.length, `gd, η = ${eta.toPrecision(3)}`);
    const t0 = Date.now();
    const tr = await trajectory({
      name: `gd, η = ${eta.toPrecision(3)}`,
      objective,
      optimizer: gd({ lr: eta }),
      theta0,
      rng: ctx.rng.fork(500 + k),
      maxIter: p.maxIter,
      lossTarget: target,
      metrics: { [TO_FLOW]: (th) => relativeDistance(param.predictor(th, W), Xflow) },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    traces.push(tr.trace);
    paths.push(traceSeries(tr.trace, "t", TO_FLOW, `η = ${eta.toPrecision(3)}`));
    const X = param.predictor(tr.final, new Float64Array(n * n));
    gaps.push(tr.outcome.stopReason === "loss-target" ? relativeDistance(X, Xflow) : NaN);
    toFro.push(relativeDistance(X, fro.solution.data));
    summary[`gd, η = ${eta.toPrecision(3)}: run`] = tr.note;
    summary[`gd, η = ${eta.toPrecision(3)}: seconds`] = (Date.now() - t0) / 1000;
  }
  ctx.progress(1);
  const last = gaps.length - 1;
  const checks: Check[] = [
    checkCloser({
      name: `gd, η = ${etas[last].toPrecision(3)}: relative distance of the end point to the flow's`,
      predicted: "the gradient flow's end point (η → 0)",
      measured: gaps[last],
      threshold: p.threshold,
      competitor: { name: fro.program, measured: toFro[last] },
    }),
  ];
  if (gaps.length > 1) {
    checks.push(checkAtMost("largest ratio of successive GD–flow gaps as η halves", maxOf(gaps.slice(1).map((g, i) => g / gaps[i])), 1, {
      predicted: "GD approaches the flow as η → 0",
      note: `gaps ${gaps.map((g) => g.toExponential(2)).join(", ")} at η = ${etas.map((e) => e.toPrecision(3)).join(", ")}`,
    }));
  }
  const figures = [
    lineFigure({
      name: "gradient-flow-gap-vs-step",
      title: "Distance of GD's end point to the gradient flow's, by step size",
      x: { title: "step size η", log: true },
      y: { title: "‖W_GD − W_flow‖_F / ‖W_flow‖_F", log: true },
      series: [{ name: "GD vs flow", x: etas, y: gaps }],
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
    lineFigure({
      name: "gradient-flow-gd-paths",
      title: "Distance of GD's iterates to the flow's end point",
      x: { title: "iteration t", log: true },
      y: { title: "‖W_t − W_flow‖_F / ‖W_flow‖_F", log: true },
      series: paths,
    }),
  ];
  return { id: "gradient-flow", params: p, checks, traces, figures, summary };
}

export const gradientFlowLimit: Experiment<Params> = {
  id: "gradient-flow",
  section: "C",
  seeds: ["000", "001"],
  claim: "GD on UUᵀ with decreasing step size converges to the end point of the gradient flow, integrated with an adaptive error-controlled ODE solver",
  params,
  quick: { n: 10, m: 30, stepFractions: [2, 1, 0.5] },
  run,
};
