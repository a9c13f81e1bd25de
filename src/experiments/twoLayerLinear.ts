// two-layer-linear (seed 004, Yao's Lemma 4 and Theorem 2): for the linear network
// A = W₂W₁ trained on (1/2N)‖X Aᵀ − Y‖²_F, ∂L/∂W₁ = W₂ᵀ G with G = ∂L/∂A = (1/N) Eᵀ X,
// so GD and SGD (any minibatch) add nothing outside rowspace(X) to the rows of W₁.
// With W₁(0)'s rows in rowspace(X) and W₂ ≠ 0 they converge to the minimum-norm
// A* = argmin ‖A‖_F s.t. X Aᵀ = Y (Yao: A* = Y Xᵀ(XXᵀ)⁺ in his column convention).
// With a null-space part N₀ = W₁(0)(I − P_row) the limit is A* + W₂(∞) N₀ exactly.
import { z } from "zod";
import { gaussianMatrix } from "../data/index.ts";
import { Matrix, gemm, norm2 } from "../linalg/index.ts";
import { checkAtMost, checkCloser, rowspaceProjector, type RowspaceProjector } from "../metrics/index.ts";
import { leastSquares, twoLayerLinear as twoLayer } from "../models/index.ts";
import { gd, sgd, type Optimizer } from "../optimizers/index.ts";
import { minL1, minNormL2 } from "../references/index.ts";
import type { Check, Result, Trace } from "../run/index.ts";
import type { Experiment, RunContext } from "./types.ts";
import { lineFigure, traceSeries } from "./figures.ts";
import { trajectory } from "./trajectory.ts";

const params = z.object({
  d: z.number().int().min(1).default(20),
  n: z.number().int().min(1).default(10),
  hidden: z.number().int().min(1).default(30),
  outputs: z.number().int().min(1).default(3),
  /** W₁(0) = G X and W₂(0) Gaussian, scaled so that ‖W₁(0)‖, ‖W₂(0)‖ are about initScale·√(rows) */
  initScale: z.number().positive().default(0.3),
  /** false: W₁(0) fully Gaussian (rows not in rowspace(X)) — the theorem's hypothesis fails */
  rowspaceInit: z.boolean().default(true),
  /** size of the null-space component added to W₁(0) in the second part */
  nullScale: z.number().positive().default(0.3),
  lr: z.number().positive().default(0.05),
  batchSizes: z.array(z.number().int().min(1)).default([1, 5]),
  maxIter: z.number().int().min(1).default(200000),
  lossTarget: z.number().positive().default(1e-28),
  threshold: z.number().positive().default(1e-6),
  /** ‖W₁(T)(I − P_row) − N₀‖ / ‖N₀‖ must stay below this */
  nullThreshold: z.number().positive().default(1e-10),
});
type Params = z.infer<typeof params>;

/** out ← rows of M projected onto the null space of X (M is r×d row-major) */
function nullPart(M: Float64Array, rows: number, d: number, proj: RowspaceProjector, out: Float64Array): Float64Array {
  const p = new Float64Array(d);
  for (let h = 0; h < rows; h++) {
    const row = M.subarray(h * d, (h + 1) * d);
    proj.project(row, p);
    for (let j = 0; j < d; j++) out[h * d + j] = row[j] - p[j];
  }
  return out;
}

function frob(a: Float64Array, b?: Float64Array): number {
  if (!b) return norm2(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const { d, n, hidden, outputs: k } = p;
  const X = gaussianMatrix(ctx.rng, n, d);
  const Y = gaussianMatrix(ctx.rng, n, k);
  const proj = rowspaceProjector(X);
  const param = twoLayer(d, hidden, k);
  const objective = leastSquares({ X, Y }, param);
  const n1 = hidden * d;

  // A* row by row (each output is its own min-norm problem), and the entrywise min-ℓ1 competitor
  const aStar = new Float64Array(k * d), aL1 = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const yc = Y.col(c);
    aStar.set(minNormL2(X, yc).solution, c * d);
    aL1.set((await minL1(X, yc)).solution, c * d);
  }
  const aNorm = frob(aStar);

  const init = (nullScale: number, stream: number): Float64Array => {
    const r = ctx.rng.fork(stream);
    const theta = new Float64Array(param.dim);
    const W1 = p.rowspaceInit
      ? gemm(gaussianMatrix(r, hidden, n, p.initScale / Math.sqrt(n * d)), X).data
      : gaussianMatrix(r, hidden, d, p.initScale / Math.sqrt(d)).data;
    theta.set(W1);
    if (nullScale > 0) {
      const Z = gaussianMatrix(r, hidden, d, nullScale / Math.sqrt(d)).data;
      const Zn = nullPart(Z, hidden, d, proj, new Float64Array(n1));
      for (let i = 0; i < n1; i++) theta[i] += Zn[i];
    }
    theta.set(gaussianMatrix(r, k, hidden, p.initScale / Math.sqrt(hidden)).data, n1);
    return theta;
  };

  const methods: { label: string; make: () => Optimizer }[] = [
    { label: `gd (η = ${p.lr})`, make: () => gd({ lr: p.lr }) },
    ...p.batchSizes.map((b) => ({ label: `sgd (minibatch ${b}, η = ${p.lr})`, make: () => sgd({ lr: p.lr, batchSize: b }) })),
  ];
  const A = new Float64Array(k * d), predicted = new Float64Array(k * d), nullNow = new Float64Array(n1);
  const checks: Check[] = [];
  const traces: Trace[] = [];
  const summary: Record<string, number | string | boolean> = { "‖A*‖_F": aNorm, "rank of X": proj.rank };
  const total = 2 * methods.length;
  let done = 0;

  for (const part of [0, 1] as const) {
    const nullScale = part === 0 ? 0 : p.nullScale;
    for (const m of methods) {
      ctx.progress(done / total, m.label);
      const theta0 = init(nullScale, 10 + done);
      const N0 = nullPart(theta0.subarray(0, n1), hidden, d, proj, new Float64Array(n1));
      /** predicted ← A* + W₂ N₀ (the limit the null-space part leads to) */
      const prediction = (theta: Float64Array): Float64Array => {
        const W2 = new Matrix(k, hidden, theta.slice(n1));
        const shift = gemm(W2, new Matrix(hidden, d, N0)).data;
        for (let i = 0; i < k * d; i++) predicted[i] = aStar[i] + shift[i];
        return predicted;
      };
      const start = p.rowspaceInit ? "W₁(0) rows in rowspace(X)" : "W₁(0) Gaussian (rows not in rowspace(X))";
      const label = `${m.label}, ${part === 0 ? start : `W₁(0) with a null-space part of norm ${frob(N0).toFixed(3)}`}`;
      const tr = await trajectory({
        name: label,
        objective,
        optimizer: m.make(),
        theta0,
        rng: ctx.rng.fork(20 + done++),
        maxIter: p.maxIter,
        lossTarget: p.lossTarget,
        metrics: {
          "‖A(t) − A*‖_F / ‖A*‖_F": (th) => frob(param.predictor(th, A), aStar) / aNorm,
          "‖A(t) − (A* + W₂(t)N₀)‖_F / ‖A*‖_F": (th) => frob(param.predictor(th, A), prediction(th)) / aNorm,
          "‖W₁(t)(I − P_row) − N₀‖_F": (th) => frob(nullPart(th.subarray(0, n1), hidden, d, proj, nullNow), N0),
        },
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      traces.push(tr.trace);
      const th = tr.final;
      param.predictor(th, A);
      const toStar = frob(A, aStar) / aNorm;
      const note = tr.note;
      const drift = frob(nullPart(th.subarray(0, n1), hidden, d, proj, nullNow), N0);
      summary[`${label}: ‖A(T) − A*‖_F/‖A*‖_F`] = toStar;
      if (part === 0) {
        checks.push(checkCloser({
          name: `${label}: relative distance of the limit A = W₂W₁ to A*`,
          predicted: "A* = argmin ‖A‖_F s.t. X Aᵀ = Y (Yao, Theorem 2)",
          measured: toStar,
          threshold: p.threshold,
          competitor: { name: "entrywise argmin ‖A‖₁ s.t. X Aᵀ = Y", measured: frob(A, aL1) / aNorm },
          note,
        }));
      } else {
        const toShifted = frob(A, prediction(th)) / aNorm;
        checks.push(checkCloser({
          name: `${label}: relative distance of the limit to A* + W₂(T)N₀`,
          predicted: "A* + W₂(∞)N₀: the null-space part of W₁(0) moves the limit by exactly W₂N₀",
          measured: toShifted,
          threshold: p.threshold,
          competitor: { name: "A* itself", measured: toStar },
          note,
        }));
        const n0 = frob(N0);
        checks.push(checkAtMost(`${label}: ‖W₁(T)(I − P_row) − N₀‖_F / ‖N₀‖_F (no null-space element is ever added, Lemma 4)`,
          drift / n0, p.nullThreshold));
      }
    }
  }
  const byPart = (part: 0 | 1) => traces.slice(part * methods.length, (part + 1) * methods.length).map((t, i) => ({ t, m: methods[i].label }));
  const figures = [
    lineFigure({
      name: "distance-to-min-norm",
      title: `Two-layer linear net (d = ${d}, N = ${n}, hidden ${hidden}, d′ = ${k}): distance of W₂W₁ to A*`,
      x: { title: "iteration t", log: true },
      y: { title: "‖A(t) − A*‖_F / ‖A*‖_F", log: true },
      series: byPart(0).map(({ t, m }) => traceSeries(t, "t", "‖A(t) − A*‖_F / ‖A*‖_F", m)),
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
    lineFigure({
      name: "null-space-shift",
      title: "With a null-space part N₀ in W₁(0): distance to A* + W₂(t)N₀ (falls) and to A* (stays)",
      x: { title: "iteration t", log: true },
      y: { title: "relative distance", log: true },
      series: byPart(1).flatMap(({ t, m }) => [
        traceSeries(t, "t", "‖A(t) − (A* + W₂(t)N₀)‖_F / ‖A*‖_F", `${m}: to A* + W₂N₀`),
        traceSeries(t, "t", "‖A(t) − A*‖_F / ‖A*‖_F", `${m}: to A*`),
      ]),
      rules: [{ y: p.threshold, label: `threshold ${p.threshold}` }],
    }),
  ];
  ctx.progress(1);
  return { id: "two-layer-linear", params: p, checks, traces, figures, summary };
}

export const twoLayerLinear: Experiment<Params> = {
  id: "two-layer-linear",
  section: "A",
  seeds: ["004"],
  claim:
    "GD/SGD (any minibatch) on W₂W₁ with the rows of W₁(0) in rowspace(X) and W₂ ≠ 0 converge to A* = Y Xᵀ(XXᵀ)⁺ (Yao, Theorem 2); a null-space part of W₁(0) moves the limit by exactly W₂N₀",
  params,
  quick: { d: 12, n: 6, hidden: 16, outputs: 2, lr: 0.1, maxIter: 40000 },
  run,
};
