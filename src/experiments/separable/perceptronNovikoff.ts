// perceptron-novikoff (seeds 003, 004): the perceptron from 0 with bias augmentation (the constant
// feature R appended to every xᵢ) makes k ≤ (2R/γ)² updates, R = maxᵢ‖xᵢ‖ and γ the margin of the
// best affine separator, max_{‖u‖=1, b} minᵢ yᵢ(⟨u, xᵢ⟩ + b). Checked on many random shifted
// instances (separable only with a bias) in both update orders. γ is computed as the ℓ2 SVM margin of
// the data augmented by a constant C = cR, γ_C ≤ γ ≤ γ_C·√(1 + b²/C²): using γ_C keeps the bound
// conservative by a relative 1/(2c²) at most.
import { z } from "zod";
import { separableData, type BinaryClassificationData } from "../../data/index.ts";
import { Matrix } from "../../linalg/index.ts";
import { perceptronLoss } from "../../losses/index.ts";
import { checkAtLeast, checkAtMost, type Check } from "../../metrics/index.ts";
import { linearModel, marginObjective } from "../../models/index.ts";
import { biasAugment, perceptron, type PerceptronOptions } from "../../optimizers/margin/index.ts";
import { hardMarginSvm } from "../../references/index.ts";
import { Rng } from "../../random/index.ts";
import type { Result } from "../../run/index.ts";
import type { Experiment, RunContext } from "../types.ts";
import { lineFigure } from "../figures.ts";
import { maxOf } from "../verdicts.ts";
import { maxRowNorm } from "./setup.ts";

const params = z.object({
  instances: z.number().int().min(1).default(1000),
  n: z.number().int().min(2).default(50),
  /** dimensions cycled over the instances */
  dims: z.array(z.number().int().min(1)).min(1).default([2, 5, 10]),
  /** margin of the planted separator (before the shift) */
  gap: z.number().positive().default(0.1),
  /** the data are shifted by s ~ N(0, shift²·I): separable by an affine hyperplane, not through 0 */
  shift: z.number().min(0).default(3),
  /** C = augmentC·R in the SVM that measures γ */
  augmentC: z.number().positive().default(100),
  /** the claimed bound is k ≤ (boundFactor·R/γ)² (the claim: 2) */
  boundFactor: z.number().positive().default(2),
  /** a run that has not separated the data after this many updates counts as not converged */
  maxUpdates: z.number().int().min(1).default(10000000),
  /** control runs without the bias feature (on the first instances) */
  controls: z.number().int().min(0).default(5),
});
type Params = z.infer<typeof params>;

function train(data: BinaryClassificationData, opts: PerceptronOptions, maxUpdates: number): { updates: number; converged: boolean } {
  const objective = marginObjective(data, linearModel(data.X.cols), perceptronLoss);
  const opt = perceptron(opts);
  const s = opt.init(objective, new Float64Array(data.X.cols), new Rng(0)); // deterministic: the Rng is unused
  while (!s.converged && s.updates < maxUpdates) opt.step(s);
  return { updates: s.updates, converged: s.converged };
}

/** the margin of the best affine separator, as the ℓ2 SVM margin on (x, C) */
function affineMargin(data: BinaryClassificationData, C: number): number {
  const { X, y } = data;
  const Z = new Matrix(X.rows, X.cols + 1);
  for (let i = 0; i < X.rows; i++) {
    Z.row(i).set(X.row(i));
    Z.set(i, X.cols, C);
  }
  return hardMarginSvm(Z, y).margin;
}

async function run(p: Params, ctx: RunContext): Promise<Result> {
  const rows: number[][] = [];
  const ratios: number[] = [];
  const sharp: number[] = [];
  let converged = 0, runs = 0, controlsStuck = 0;
  for (let k = 0; k < p.instances; k++) {
    if (k % 10 === 0) ctx.progress(k / p.instances, `instance ${k + 1}`);
    const d = p.dims[k % p.dims.length];
    const rng = ctx.rng.fork(1000 + k);
    const base = separableData(rng, { n: p.n, d, gap: p.gap });
    const s = rng.fillNormal(new Float64Array(d), p.shift);
    const X = new Matrix(p.n, d);
    for (let i = 0; i < p.n; i++) for (let j = 0; j < d; j++) X.set(i, j, base.X.get(i, j) + s[j]);
    const data = { X, y: base.y };
    const R = maxRowNorm(X);
    const gamma = affineMargin(data, p.augmentC * R);
    const bound = (p.boundFactor * R / gamma) ** 2;
    const aug = biasAugment(data);
    for (const order of ["cyclic", "first"] as const) {
      const r = train(aug, { order }, p.maxUpdates);
      runs++;
      if (r.converged) converged++;
      ratios.push(r.converged ? r.updates / bound : NaN);
      sharp.push(r.updates / (R / gamma) ** 2);
      rows.push([k, d, order === "cyclic" ? 0 : 1, r.updates, bound, r.updates / bound, R, gamma, r.converged ? 1 : 0]);
    }
    if (k < p.controls) {
      // without the bias feature the data are (typically) not separable through 0: the run does not stop
      const raw = train(data, { order: "cyclic" }, Math.min(p.maxUpdates, Math.max(1000, Math.ceil(2 * bound))));
      if (!raw.converged) controlsStuck++;
    }
  }
  const worst = maxOf(ratios);
  const checks: Check[] = [
    checkAtMost(`largest k/(${p.boundFactor}R/γ)² over ${runs} runs (${p.instances} instances × 2 update orders)`, worst, 1, {
      predicted: `k ≤ (${p.boundFactor}R/γ)²`,
      note: `largest k/(R/γ)² ${maxOf(sharp).toPrecision(3)}; median k/(${p.boundFactor}R/γ)² ${median(ratios).toPrecision(3)}`,
    }),
    checkAtLeast("fraction of runs with bias augmentation that separate the data", converged / runs, 1),
  ];
  const summary: Record<string, number | string | boolean> = {
    runs,
    "largest k/(2R/γ)²": worst,
    "median k/(2R/γ)²": median(ratios),
    "largest k/(R/γ)²": maxOf(sharp),
    [`control runs without the bias feature that did not stop (of ${Math.min(p.controls, p.instances)})`]: controlsStuck,
  };
  const figures = [
    lineFigure({
      name: "updates-vs-bound",
      title: `Perceptron with bias augmentation: updates k against the bound (2R/γ)² (${runs} runs)`,
      x: { title: "(2R/γ)²", log: true },
      y: { title: "k / (2R/γ)²", log: true },
      series: [0, 1].map((o) => {
        const sel = rows.filter((r) => r[2] === o);
        return { name: o === 0 ? "cyclic order" : "first-mistake order", x: sel.map((r) => r[4]), y: sel.map((r) => r[5]) };
      }),
      pointsOnly: true,
      rules: [{ y: 1, label: "bound" }],
    }),
  ];
  ctx.progress(1);
  return {
    id: "perceptron-novikoff", params: p, checks,
    traces: [{ name: "perceptron runs", columns: ["instance", "d", "order (0 cyclic, 1 first)", "updates k", "(2R/γ)²", "k/(2R/γ)²", "R", "γ", "converged"], rows }],
    figures, summary,
  };
}

function median(v: number[]): number {
  const s = v.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length > 0 ? s[Math.floor(s.length / 2)] : NaN;
}

export const perceptronNovikoff: Experiment<Params> = {
  id: "perceptron-novikoff",
  section: "B",
  seeds: ["003", "004"],
  claim: "The perceptron from 0 with bias augmentation makes k ≤ (2R/γ)² updates (Novikoff), γ the margin of the best affine separator",
  params,
  quick: { instances: 30, controls: 3 },
  run,
};
