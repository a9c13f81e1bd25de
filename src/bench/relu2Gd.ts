// B4: full-batch GD on a two-layer ReLU net f(x) = Σⱼ aⱼ relu(⟨wⱼ, x⟩), mean logistic loss,
// 2XOR-like data: x ∈ {±1}^d/√d, y = sign(x₁x₂); W Gaussian/√d, a Gaussian/√width, η = 0.5;
// check = the training accuracy at the end.
// One pass over the examples per step: example i's forward pass (hᵢ = Wxᵢ, f(xᵢ)), its loss
// derivative gᵢ = −yᵢσ(−yᵢf(xᵢ))/n and its backward pass (∂a += gᵢ relu(hᵢ), ∂wⱼ += gᵢaⱼxᵢ
// for the active units only: ReLU's zero derivative skips about half the backward work).
import { logisticWeight } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";
import type { BenchInstance, Workload } from "./types.ts";

export interface Relu2Problem {
  readonly n: number;
  readonly d: number;
  readonly width: number;
  /** inputs, n×d row-major */
  readonly X: Float64Array;
  readonly y: Float64Array;
  /** initial first layer, width×d row-major */
  readonly W0: Float64Array;
  /** initial second layer */
  readonly a0: Float64Array;
}

export function relu2Problem(rng: Rng, n: number, d: number, width: number): Relu2Problem {
  const s = 1 / Math.sqrt(d);
  const X = new Float64Array(n * d);
  for (let p = 0; p < n * d; p++) X[p] = rng.uniform() < 0.5 ? -s : s;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.sign(X[i * d] * X[i * d + 1]);
  const W0 = rng.fillNormal(new Float64Array(width * d), s);
  const a0 = rng.fillNormal(new Float64Array(width), 1 / Math.sqrt(width));
  return { n, d, width, X, y, W0, a0 };
}

export interface Relu2Gd extends BenchInstance {
  readonly W: Float64Array;
  readonly a: Float64Array;
}

export function relu2Gd(problem: Relu2Problem, eta = 0.5): Relu2Gd {
  const { n, d, width, X, y } = problem;
  const W = problem.W0.slice();
  const a = problem.a0.slice();
  const h = new Float64Array(width);
  const gW = new Float64Array(width * d);
  const ga = new Float64Array(width);

  /** h ← W xᵢ; returns f(xᵢ) = Σⱼ aⱼ relu(hⱼ). */
  function forward(i: number): number {
    const xo = i * d;
    let f = 0;
    for (let j = 0; j < width; j++) {
      const wo = j * d;
      let s0 = 0, s1 = 0;
      let k = 0;
      for (; k + 1 < d; k += 2) {
        s0 += W[wo + k] * X[xo + k];
        s1 += W[wo + k + 1] * X[xo + k + 1];
      }
      if (k < d) s0 += W[wo + k] * X[xo + k];
      const hj = s0 + s1;
      h[j] = hj;
      if (hj > 0) f += a[j] * hj;
    }
    return f;
  }

  return {
    W,
    a,
    run(iters) {
      const invN = 1 / n;
      for (let t = 0; t < iters; t++) {
        gW.fill(0);
        ga.fill(0);
        for (let i = 0; i < n; i++) {
          const f = forward(i);
          const yi = y[i];
          const gi = -yi * logisticWeight(yi * f) * invN; // ∂L/∂f(xᵢ)
          const xo = i * d;
          for (let j = 0; j < width; j++) {
            const hj = h[j];
            if (!(hj > 0)) continue;
            ga[j] += gi * hj;
            const c = gi * a[j], go = j * d;
            for (let k = 0; k < d; k++) gW[go + k] += c * X[xo + k];
          }
        }
        for (let j = 0; j < width; j++) a[j] -= eta * ga[j];
        for (let p = 0; p < width * d; p++) W[p] -= eta * gW[p];
      }
    },
    check() {
      let correct = 0;
      for (let i = 0; i < n; i++) if (Math.sign(forward(i)) === y[i]) correct++;
      return correct / n;
    },
  };
}

export const relu2GdWorkload: Workload = {
  name: "relu2-gd",
  summary: "full-batch GD, 2-layer ReLU net, mean logistic loss, 2XOR-like data, η = 0.5",
  iters: 5000,
  target: 1,
  sizes: (scale) => ({ n: 200 * scale, d: 20, width: 200 }),
  instance: (scale, rng) => relu2Gd(relu2Problem(rng, 200 * scale, 20, 200)),
};
