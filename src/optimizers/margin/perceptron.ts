// The perceptron (Rosenblatt): on a mistake yᵢ⟨w, xᵢ⟩ ≤ 0, w ← w + yᵢxᵢ. Novikoff: from w = 0, on
// data with ‖xᵢ‖ ≤ R separable through the origin with margin γ, it makes k ≤ (R/γ)² updates.
// With a bias, biasAugment appends the constant feature c = R to every xᵢ: if (u, b), ‖u‖ = 1, |b| ≤ R,
// separates with margin γ, then (u, b/R) separates the augmented data (norms ≤ √2·R) and
// ‖(u, b/R)‖ ≤ √2, so k ≤ (2R/γ)².
// One step makes at most one update: "cyclic" scans from the example after the last one visited,
// "first" takes the lowest-index mistake. When a full scan finds none, state.converged is set and
// steps leave θ unchanged. The rows zᵢ = yᵢxᵢ are read off the objective once at init:
// for a linear model margins(e_j) is column j of Z.
import { Matrix } from "../../linalg/index.ts";
import type { MarginObjective, Objective } from "../../models/index.ts";
import type { BinaryClassificationData } from "../../data/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkTheta0 } from "../gradientOracle.ts";
import type { Optimizer, OptimizerState } from "../types.ts";

export interface PerceptronOptions {
  /** which mistake to update on: the next one after the last visited example ("cyclic", default) or the first ("first") */
  order?: "cyclic" | "first";
}

export interface PerceptronState extends OptimizerState {
  /** number of updates k */
  updates: number;
  /** true once a full pass over the data found no mistake (θ separates the data) */
  converged: boolean;
  /** the example of the last update (−1 before any) */
  lastExample: number;
  /** rows zᵢ = yᵢxᵢ */
  readonly Z: Matrix;
  /** where the next cyclic scan starts */
  cursor: number;
  readonly objective: Objective;
}

function signedRowsFrom(objective: MarginObjective): Matrix {
  const n = objective.nExamples, d = objective.dim;
  const Z = new Matrix(n, d);
  const e = new Float64Array(d), col = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    e.fill(0);
    e[j] = 1;
    objective.margins(e, col);
    for (let i = 0; i < n; i++) Z.data[i * d + j] = col[i];
  }
  return Z;
}

export function perceptron(opts: PerceptronOptions = {}): Optimizer<PerceptronState> {
  const order = opts.order ?? "cyclic";
  if (order !== "cyclic" && order !== "first") throw new RangeError(`perceptron: order must be "cyclic" or "first", got ${String(order)}`);
  const name = `perceptron(${order})`;
  return {
    name,
    init(objective: Objective, theta0: Float64Array, _rng: Rng): PerceptronState {
      checkTheta0(name, objective, theta0);
      const m = objective as Partial<MarginObjective>;
      if (typeof m.margins !== "function" || !objective.parameterization.identity) {
        throw new RangeError(`${name}: needs a binary margin objective on a linear model (got ${objective.name})`);
      }
      const Z = signedRowsFrom(objective as MarginObjective);
      return { theta: theta0.slice(), t: 0, loss: NaN, updates: 0, converged: false, lastExample: -1, Z, cursor: 0, objective };
    },
    step(s) {
      const { Z, theta } = s;
      const n = Z.rows, d = Z.cols, z = Z.data;
      s.loss = s.objective.value(theta);
      let found = -1;
      const start = order === "first" ? 0 : s.cursor;
      if (!s.converged) {
        for (let k = 0; k < n; k++) {
          const i = start + k < n ? start + k : start + k - n;
          const o = i * d;
          let u = 0;
          for (let j = 0; j < d; j++) u += z[o + j] * theta[j];
          if (u <= 0) {
            found = i;
            break;
          }
        }
      }
      if (found >= 0) {
        const o = found * d;
        for (let j = 0; j < d; j++) theta[j] += z[o + j];
        s.updates++;
        s.lastExample = found;
        s.cursor = found + 1 < n ? found + 1 : 0;
      } else {
        s.converged = true;
      }
      s.t++;
    },
  };
}

/** Appends the constant feature c to every example (default c = maxᵢ‖xᵢ‖₂, the choice behind Novikoff's (2R/γ)² with a bias). */
export function biasAugment(data: BinaryClassificationData, c?: number): BinaryClassificationData {
  const { X, y } = data;
  const n = X.rows, d = X.cols;
  let value = c;
  if (value === undefined) {
    let r2 = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X.data[i * d + j] ** 2;
      r2 = Math.max(r2, s);
    }
    value = Math.sqrt(r2);
  }
  if (!Number.isFinite(value)) throw new RangeError(`biasAugment: the constant feature must be finite, got ${value}`);
  const A = new Matrix(n, d + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) A.data[i * (d + 1) + j] = X.data[i * d + j];
    A.data[i * (d + 1) + d] = value;
  }
  return { X: A, y: y.slice(), features: data.features ? [...data.features, "bias"] : undefined };
}
