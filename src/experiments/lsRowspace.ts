// ls-rowspace (seed 004, Yao's Lemma 3; seeds 000, 001): every gradient of
// (1/2N)‖Xw − y‖² is Xᵀr ∈ span(xₙ), so GD, SGD, momentum and CG iterates stay in
// w0 + rowspace(X). Measured: ‖(I − P_row)(w_t − w0)‖ / ‖w_t‖ at every recorded t,
// against AdaGrad, whose per-coordinate scaling leaves the row space.
import { z } from "zod";
import { norm2 } from "../linalg/index.ts";
import { checkCloser, rowspaceProjector } from "../metrics/index.ts";
import type { Check, Result, Trace } from "../run/index.ts";
import type { Experiment, RunContext } from "./types.ts";
import { lineFigure, traceSeries, type Series } from "./figures.ts";
import { LS_OPTIMIZERS, leastSquaresProblem, lsOptimizer, type LeastSquaresProblem } from "./leastSquaresSetup.ts";
import { trajectory } from "./trajectory.ts";
import { maxOf } from "./verdicts.ts";

const params = z.object({
  n: z.number().int().min(1).default(50),
  d: z.number().int().min(2).default(200),
  initScale: z.number().positive().default(1),
  optimizers: z.array(z.enum(LS_OPTIMIZERS)).min(1)
    .default(["gd", "gd-large-step", "sgd", "sgd-minibatch", "heavy-ball", "nesterov", "cg"]),
  /** the method whose iterates are expected to leave the row space */
  foil: z.enum(LS_OPTIMIZERS).default("adagrad"),
  batchSize: z.number().int().min(1).default(10),
  momentum: z.number().min(0).lt(1).default(0.9),
  maxIter: z.number().int().min(1).default(200000),
  lossTarget: z.number().positive().default(1e-27),
  /** bound on ‖(I − P_row)(w_t − w0)‖ / ‖w_t‖ over all recorded t */
  threshold: z.number().positive().default(1e-10),
  /** checkpoints per decade */
  perDecade: z.number().int().min(1).max(20).default(10),
});
type Params = z.infer<typeof params>;

const METRIC = "‖(I − P_row)(w_t − w0)‖ / ‖w_t‖";

async function runOne(
  name: (typeof LS_OPTIMIZERS)[number], problem: LeastSquaresProblem, w0: Float64Array, initLabel: string,
  residual: (v: Float64Array) => number, p: Params, ctx: RunContext, stream: number,
) {
  const { optimizer, label } = lsOptimizer(name, problem, p);
  const diff = new Float64Array(w0.length);
  return trajectory({
    name: `${label}, ${initLabel}`,
    objective: problem.objective,
    optimizer,
    theta0: w0,
    rng: ctx.rng.fork(stream),
    maxIter: p.maxIter,
    lossTarget: p.lossTarget,
    perDecade: p.perDecade,
    metrics: {
      [METRIC]: (w) => {
        for (let j = 0; j < w.length; j++) diff[j] = w[j] - w0[j];
        const nw = norm2(w);
        return nw > 0 ? residual(diff) / nw : residual(diff);
      },
    },
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const problem = leastSquaresProblem(ctx.rng, p.n, p.d);
  const proj = rowspaceProjector(problem.data.X);
  const residual = (v: Float64Array) => proj.residual(v);
  const inits = [
    { label: "w0 = 0", w0: new Float64Array(p.d) },
    { label: "w0 random", w0: ctx.rng.fillNormal(new Float64Array(p.d), p.initScale / Math.sqrt(p.d)) },
  ];
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const figures = [];
  const summary: Record<string, number | string | boolean> = { "rank of X": proj.rank };
  const total = inits.length * (p.optimizers.length + 1);
  let done = 0;
  for (const init of inits) {
    ctx.progress(done / total, `${p.foil}, ${init.label}`);
    const foil = await runOne(p.foil, problem, init.w0, init.label, residual, p, ctx, 5000 + done++);
    traces.push(foil.trace);
    const foilMax = foil.max[METRIC];
    summary[`${foil.trace.name}: largest ${METRIC}`] = foilMax;
    const series: Series[] = [traceSeries(foil.trace, "t", METRIC, `${foil.trace.name.replace(`, ${init.label}`, "")} (foil)`)];
    const maxima: number[] = [];
    for (const name of p.optimizers) {
      ctx.progress(done / total, `${name}, ${init.label}`);
      const tr = await runOne(name, problem, init.w0, init.label, residual, p, ctx, 5000 + done++);
      traces.push(tr.trace);
      series.push(traceSeries(tr.trace, "t", METRIC, tr.trace.name.replace(`, ${init.label}`, "")));
      const worst = tr.max[METRIC];
      maxima.push(worst);
      checks.push(checkCloser({
        name: `${tr.trace.name}: largest ${METRIC} over ${tr.trace.rows.length} recorded t`,
        predicted: "w_t ∈ w0 + span(xₙ) (Yao, Lemma 3)",
        measured: worst,
        threshold: p.threshold,
        competitor: { name: `${foil.trace.name} (same metric)`, measured: foilMax },
        note: tr.note,
      }));
    }
    summary[`${init.label}: largest ${METRIC} over the claimed methods`] = maxOf(maxima);
    figures.push(lineFigure({
      name: `rowspace-residual-${init.w0.some((v) => v !== 0) ? "random-init" : "zero-init"}`,
      title: `Component of w_t − w0 outside the row space of X (${init.label})`,
      x: { title: "iteration t", log: true },
      y: { title: METRIC, log: true },
      series,
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }));
  }
  ctx.progress(1);
  return { id: "ls-rowspace", params: p, checks, traces, figures, summary };
}

export const lsRowspace: Experiment<Params> = {
  id: "ls-rowspace",
  section: "A",
  seeds: ["004", "000", "001"],
  claim: "GD, SGD, momentum and CG iterates on least squares stay in w0 + span(xₙ) (Yao, Lemma 3)",
  params,
  quick: { n: 20, d: 60, maxIter: 20000 },
  run,
};
