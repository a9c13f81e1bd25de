// Small separable problems for the margin methods, with their ℓ2 SVM (margin and direction).
import { separableData, type SeparableData } from "../../../src/data/index.ts";
import { norm2 } from "../../../src/linalg/index.ts";
import { exponentialLoss, type MarginLoss } from "../../../src/losses/index.ts";
import { linearModel, marginObjective, type BinaryMarginObjective } from "../../../src/models/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { hardMarginSvm, type MaxMarginSolution } from "../../../src/references/index.ts";

export interface SeparableProblem {
  readonly data: SeparableData;
  readonly objective: BinaryMarginObjective;
  readonly svm: MaxMarginSolution;
  /** maxᵢ‖xᵢ‖₂ */
  readonly R: number;
}

export function separableProblem(seed: number, opts: { n?: number; d?: number; gap?: number; loss?: MarginLoss } = {}): SeparableProblem {
  const { n = 30, d = 3, gap = 0.3, loss = exponentialLoss } = opts;
  const data = separableData(new Rng(seed), { n, d, gap });
  let R = 0;
  for (let i = 0; i < n; i++) R = Math.max(R, norm2(data.X.row(i)));
  return { data, objective: marginObjective(data, linearModel(d), loss), svm: hardMarginSvm(data.X, data.y), R };
}

/** 10, 20, 50, 100, … up to tMax (inclusive when on the grid) */
export function logSpaced(tMin: number, tMax: number): number[] {
  const out: number[] = [];
  for (let e = 1; ; e *= 10) {
    for (const m of [1, 2, 5]) {
      const t = m * e;
      if (t > tMax) return out;
      if (t >= tMin) out.push(t);
    }
  }
}
