// early-stopping-ridge (seed 004, Yao–Rosasco–Caponetto 2005): on noisy regression
// GD from 0 on (1/2N)‖Xw − y‖² is a spectral filter of the least-squares solution,
//   w_t = Σᵢ (1 − (1 − ημᵢ)^t) ⟨vᵢ, w_LS⟩ vᵢ   (μᵢ, vᵢ eigenpairs of XᵀX/N),
// while ridge with penalty λ is the filter μᵢ/(μᵢ + λ). Both are low-pass filters
// and match for λ ≈ 1/(ηt): early stopping regularizes like ridge, and the best
// test error along each path is about the same — far below the interpolant's.
import { z } from "zod";
import { powerLawRegression, type PlantedRegression } from "../data/index.ts";
import { eigSym, gemmTN, gemv, gemvT } from "../linalg/index.ts";
import { checkCloser, relativeDistance, spectralFilterGd, spectralFilterRidge } from "../metrics/index.ts";
import { leastSquares, linearModel } from "../models/index.ts";
import { gd } from "../optimizers/index.ts";
import { minNormL2, ridgePath } from "../references/index.ts";
import type { Check, Result, Trace } from "../run/index.ts";
import type { Experiment, RunContext } from "./types.ts";
import { lineFigure, traceSeries, type Series } from "./figures.ts";
import { trajectory } from "./trajectory.ts";
import { maxOf } from "./verdicts.ts";

const params = z.object({
  n: z.number().int().min(1).default(100),
  /** d = n puts the interpolant at the interpolation threshold, where it fits the noise worst */
  d: z.number().int().min(1).default(100),
  nTest: z.number().int().min(1).default(2000),
  /** covariance eigenvalues j^(−eigenDecay); planted coefficients ∝ j^(−signalDecay) */
  eigenDecay: z.number().min(0).default(1),
  signalDecay: z.number().min(0).default(1),
  /** label noise σ (0: no noise, nothing to regularize) */
  noise: z.number().min(0).default(0.5),
  /** η = stepFraction / μ_max */
  stepFraction: z.number().positive().lt(2).default(1),
  maxIter: z.number().int().min(2).default(100000),
  /** checkpoints (and ridge penalties λ = 1/(ηt)) per decade */
  perDecade: z.number().int().min(1).max(40).default(10),
  /** GD's iterate must equal the spectral-filter formula to this relative accuracy */
  filterThreshold: z.number().positive().default(1e-8),
  /** |best GD test error / best ridge test error − 1| must be at most this */
  bestTolerance: z.number().positive().default(0.15),
});
type Params = z.infer<typeof params>;

function testError(w: Float64Array, test: PlantedRegression, scratch: Float64Array): number {
  gemv(test.X, w, scratch);
  let s = 0;
  for (let i = 0; i < scratch.length; i++) s += (scratch[i] - test.y[i]) ** 2;
  return s / scratch.length;
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const { train, test } = powerLawRegression(ctx.rng, {
    n: p.n, nTest: p.nTest, d: p.d, eigenDecay: p.eigenDecay, signalDecay: p.signalDecay, noise: p.noise,
  });
  const { X, y } = train;
  const d = p.d, N = p.n;
  // spectral decomposition of XᵀX/N and the coordinates b = Vᵀ Xᵀy/N
  const S = gemmTN(X, X);
  for (let i = 0; i < S.data.length; i++) S.data[i] /= N;
  const { values: mu, vectors: V } = eigSym(S);
  const muMax = mu[d - 1];
  const eta = p.stepFraction / muMax;
  const b = gemvT(V, gemvT(X, y, new Float64Array(d)).map((v) => v / N), new Float64Array(d));
  const tiny = muMax * d * Number.EPSILON * 10;
  const coef = new Float64Array(d), wFilter = new Float64Array(d);
  /** Σᵢ filter(μᵢ) (bᵢ/μᵢ) vᵢ, with bᵢ/μᵢ → 0 on the numerical null space (b has no component there) */
  const filtered = (filter: (m: number) => number, out: Float64Array): Float64Array => {
    for (let i = 0; i < d; i++) coef[i] = mu[i] > tiny ? (filter(mu[i]) * b[i]) / mu[i] : 0;
    return gemv(V, coef, out);
  };

  const scratch = new Float64Array(p.nTest);
  const interpolant = d >= N ? minNormL2(X, y).solution : filtered(() => 1, new Float64Array(d));
  const interpolantError = testError(interpolant, test, scratch);
  const nullError = testError(new Float64Array(d), test, scratch);

  ctx.progress(0, "gradient descent");
  const objective = leastSquares(train, linearModel(d));
  const tr = await trajectory({
    name: `gd (η = ${p.stepFraction}/μ_max)`,
    objective,
    optimizer: gd({ lr: eta }),
    theta0: new Float64Array(d),
    rng: ctx.rng.fork(1),
    maxIter: p.maxIter,
    perDecade: p.perDecade,
    metrics: {
      "test error": (w) => testError(w, test, scratch),
      "relative distance to the filter formula": (w, t) =>
        t === 0 ? 0 : relativeDistance(w, filtered((m) => spectralFilterGd(m, eta, t), wFilter)),
    },
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const rows = tr.trace.rows.filter((r) => r[0] >= 1);
  const ts = rows.map((r) => r[0]);
  const gdErrors = rows.map((r) => r[2]);

  // the ridge path at λ = 1/(ηt) for the same t, by the reference solver
  ctx.progress(0.8, "ridge path");
  const lambdas = ts.map((t) => 1 / (eta * t));
  const path = ridgePath(X, y, lambdas);
  const ridgeErrors = path.map((r) => testError(r.solution, test, scratch));
  // how close GD(t) is to ridge(1/(ηt)), the competitor of the exact filter formula
  const gdVsRidge: number[] = [];
  {
    const w = new Float64Array(d);
    for (let k = 0; k < ts.length; k++) {
      gdVsRidge.push(relativeDistance(filtered((m) => spectralFilterGd(m, eta, ts[k]), w), path[k].solution));
    }
  }
  let filterGap = 0;
  for (const t of ts) for (let i = 0; i < d; i++) {
    filterGap = Math.max(filterGap, Math.abs(spectralFilterGd(mu[i], eta, t) - spectralFilterRidge(mu[i], 1 / (eta * t))));
  }

  const argmin = (a: number[]) => a.reduce((bi, v, i) => (v < a[bi] ? i : bi), 0);
  const iG = argmin(gdErrors), iR = argmin(ridgeErrors);
  const bestGd = gdErrors[iG], bestRidge = ridgeErrors[iR];
  const checks: Check[] = [
    checkCloser({
      name: "GD iterate vs the spectral filter 1 − (1 − ημᵢ)^t of w_LS: largest relative distance over recorded t",
      predicted: "w_t = Σ (1 − (1 − ημᵢ)^t) ⟨vᵢ, w_LS⟩ vᵢ",
      measured: maxOf(rows.map((r) => r[3])),
      threshold: p.filterThreshold,
      competitor: { name: "ridge with λ = 1/(ηt) (the filter μ/(μ + λ))", measured: Math.min(...gdVsRidge) },
    }),
    checkCloser({
      name: "best test error of early-stopped GD relative to the best of ridge: |GD/ridge − 1|",
      predicted: "early stopping regularizes like ridge",
      measured: Math.abs(bestGd / bestRidge - 1),
      threshold: p.bestTolerance,
      competitor: { name: "the interpolant (t → ∞, λ → 0)", measured: Math.abs(interpolantError / bestRidge - 1) },
      note: `best test errors: GD ${bestGd.toFixed(4)} at t = ${ts[iG]}, ridge ${bestRidge.toFixed(4)} at λ = ${lambdas[iR].toExponential(2)}; interpolant ${interpolantError.toFixed(4)}; noise variance ${(p.noise ** 2).toFixed(4)}`,
    }),
  ];
  const summary: Record<string, number | string | boolean> = {
    "η": eta,
    "gd run": tr.note,
    "μ_max": muMax,
    "μ_min": mu[0],
    "best test error, early-stopped GD": bestGd,
    "best stopping time t*": ts[iG],
    "best test error, ridge": bestRidge,
    "best ridge penalty λ*": lambdas[iR],
    "λ*·η·t* (1 when λ = 1/(ηt) matches exactly)": lambdas[iR] * eta * ts[iG],
    "test error of the min-norm interpolant": interpolantError,
    "test error of w = 0": nullError,
    "noise variance σ²": p.noise ** 2,
    "sup over μᵢ and t of |GD filter − ridge filter at λ = 1/(ηt)|": filterGap,
  };

  const traces: Trace[] = [
    tr.trace,
    {
      name: "ridge path (λ = 1/(ηt))",
      columns: ["t", "lambda", "ridge test error", "gd test error", "relative distance gd(t) to ridge(1/(ηt))"],
      rows: ts.map((t, k) => [t, lambdas[k], ridgeErrors[k], gdErrors[k], gdVsRidge[k]]),
    },
  ];
  const showT = [1, 10, 100, 1000, 10000].filter((t) => t <= p.maxIter);
  // the filters on a log grid spanning the nonzero eigenvalues of XᵀX/N
  const muLo = Math.log10(Math.max(mu.find((m) => m > tiny) ?? muMax, muMax * 1e-8)), muHi = Math.log10(muMax);
  const grid = Array.from({ length: 121 }, (_, i) => Math.pow(10, muLo + ((muHi - muLo) * i) / 120));
  const filterSeries: Series[] = showT.flatMap((t) => [
    { name: `GD, t = ${t}`, x: grid, y: grid.map((m) => spectralFilterGd(m, eta, t)) },
    { name: `ridge, 1/(ηλ) = ${t}`, x: grid, y: grid.map((m) => spectralFilterRidge(m, 1 / (eta * t))) },
  ]);
  const figures = [
    lineFigure({
      name: "spectral-filters",
      title: "Spectral filters on the eigenvalues μᵢ of XᵀX/N: GD 1 − (1 − ημ)^t and ridge μ/(μ + λ), λ = 1/(ηt)",
      x: { title: "eigenvalue μ (from the smallest to the largest μᵢ)", log: true },
      y: { title: "filter value" },
      series: filterSeries,
      points: false,
    }),
    lineFigure({
      name: "test-error-paths",
      title: "Test error along the GD path (vs t) and the ridge path (vs 1/(ηλ))",
      x: { title: "t (GD) or 1/(ηλ) (ridge)", log: true },
      y: { title: "test mean squared error", log: true },
      series: [
        traceSeries(tr.trace, "t", "test error", "early-stopped GD"),
        { name: "ridge", x: lambdas.map((l) => 1 / (eta * l)), y: ridgeErrors },
      ],
      rules: [
        { y: interpolantError, label: "min-norm interpolant" },
        { y: p.noise ** 2, label: "noise variance σ²" },
      ],
    }),
  ];
  ctx.progress(1);
  return { id: "early-stopping-ridge", params: p, checks, traces, figures, summary };
}

export const earlyStoppingRidge: Experiment<Params> = {
  id: "early-stopping-ridge",
  section: "A",
  seeds: ["004"],
  claim:
    "early-stopped GD behaves like ridge with λ ≈ 1/(ηt): spectral filters 1 − (1 − ημᵢ)^t vs μᵢ/(μᵢ + λ); the best test errors along both paths match",
  params,
  quick: { n: 50, d: 50, nTest: 500, maxIter: 3000 },
  run,
};
