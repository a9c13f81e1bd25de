// B4: full-batch GD on a two-layer ReLU net f(x) = Σⱼ aⱼ relu(⟨wⱼ, x⟩), mean logistic loss,
// 2XOR-like data: x ∈ {±1}^d/√d, y = sign(x₁x₂); W Gaussian/√d, a Gaussian/√width, η = 0.5;
// check = the training accuracy at the end.
// With WebAssembly SIMD: a blocked GEMM forward, the head, and the backward pass by subset sums over
// the binary ReLU mask (relu2GdSimd). Without:
// one pass over the examples per step, four at a time: their forward passes (hᵢ = Wxᵢ, f(xᵢ);
// each row of W loaded once for the four), loss derivatives gᵢ = −yᵢσ(−yᵢf(xᵢ))/n and backward
// passes (∂a += gᵢ relu(hᵢ), ∂wⱼ += Σᵢ gᵢaⱼ[hᵢⱼ > 0] xᵢ, skipped when unit j is off for all four).
import { WasmArena, logisticWeight } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";
import type { BenchInstance, InstanceOptions, Workload } from "./types.ts";

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

/** GD on (W, a); WebAssembly SIMD where available (relu2GdSimd), else the plain loop below. */
export function relu2Gd(problem: Relu2Problem, eta = 0.5, options: InstanceOptions = {}): Relu2Gd {
  const { n, d, width } = problem;
  const dp = d + (d & 1);
  const arena = n > 0 && d > 0 && width > 0 ? WasmArena.create(2 * n * d + 2 * width * d + width * dp + width * n + 2 * n + 2 * width + WasmArena.reluGradsScratch(n, d), options) : null;
  return arena ? relu2GdSimd(problem, eta, arena) : relu2GdPlain(problem, eta);
}

/**
 * The step in WebAssembly memory, with the pre-activations unit by unit: Hᵀ = W Xᵀ (a 4×4-blocked
 * SIMD GEMM), the head g = (−yᵢσ(−yᵢfᵢ)/n)ᵢ with f = relu(H)a, then the layers' gradients
 * ∂a = relu(Hᵀ)g and ∂Wⱼ = aⱼ Σᵢ [Hᵀⱼᵢ > 0] gᵢxᵢ, the latter by subset-sum tables over the 0/1
 * mask (WasmArena.reluGrads), and the updates a ← a − η∂a, W ← W − η∂W.
 */
function relu2GdSimd(problem: Relu2Problem, eta: number, arena: WasmArena): Relu2Gd {
  const { n, d, width } = problem;
  const dp = d + (d & 1);
  const X = arena.matrix(n, d, problem.X);
  const XT = arena.matrix(d, n);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) XT.data[k * n + i] = problem.X[i * d + k];
  const W = arena.matrix(width, d, problem.W0);
  const HT = arena.matrix(width, n);
  const gW = arena.matrix(width, dp);
  const a = arena.vector(width, problem.a0);
  const ga = arena.vector(width);
  const g = arena.vector(n);
  const y = arena.vector(n, problem.y);
  const scratch = arena.vector(WasmArena.reluGradsScratch(n, d));
  const w = W.data, gw = gW.data;
  const invN = 1 / n; // computed once: a double computed in the loop and passed to the kernel would be boxed on the heap every step

  return {
    W: w,
    a,
    simd: true,
    run(iters) {
      for (let t = 0; t < iters; t++) {
        arena.gemm(W, XT, HT); // Hᵀ = W Xᵀ
        arena.reluHead(HT, a, y, invN, g);
        arena.reluGrads(HT, X, g, a, gW, ga, scratch);
        arena.subScaled(a, eta, ga);
        if (dp === d) arena.subScaled(w, eta, gw);
        else for (let j = 0; j < width; j++) for (let k = 0; k < d; k++) w[j * d + k] -= eta * gw[j * dp + k];
      }
    },
    check() {
      arena.gemm(W, XT, HT);
      const h = HT.data;
      let correct = 0;
      for (let i = 0; i < n; i++) {
        let f = 0;
        for (let j = 0; j < width; j++) if (h[j * n + i] > 0) f += a[j] * h[j * n + i];
        if (Math.sign(f) === y[i]) correct++;
      }
      return correct / n;
    },
  };
}

function relu2GdPlain(problem: Relu2Problem, eta: number): Relu2Gd {
  const { n, d, width, y } = problem;
  const Xt = problem.X;
  const Wt = problem.W0.slice();
  const at = problem.a0.slice();
  // pre-activations of four examples, unit-major: H[4j + e] = ⟨wⱼ, x_{i+e}⟩
  const Ht = new Float64Array(4 * width);
  const gWt = new Float64Array(width * d);
  const gat = new Float64Array(width);
  const invN = 1 / n;

  /** H[4j + e] ← ⟨wⱼ, x_{i+e}⟩ for e < 4 (each wⱼ is loaded once for the four); returns nothing. */
  function forward4(i: number): void {
    const W = Wt, X = Xt, H = Ht; // locals: the loops then keep the arrays in registers
    const x0 = i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
    for (let j = 0; j < width; j++) {
      const wo = j * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < d; k++) {
        const wk = W[wo + k];
        s0 += wk * X[x0 + k];
        s1 += wk * X[x1 + k];
        s2 += wk * X[x2 + k];
        s3 += wk * X[x3 + k];
      }
      const q = 4 * j;
      H[q] = s0;
      H[q + 1] = s1;
      H[q + 2] = s2;
      H[q + 3] = s3;
    }
  }

  // f values in, loss derivatives out, through this array: a double passed to or returned from a call
  // that V8 does not inline is boxed on the heap, once per example and step
  const fg = new Float64Array(4);

  /** fg[0] ← f(xᵢ) for one example, its pre-activations in H[4j]. */
  function forward1(i: number): void {
    const W = Wt, X = Xt, H = Ht, a = at;
    const xo = i * d;
    let f = 0;
    for (let j = 0; j < width; j++) {
      const wo = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += W[wo + k] * X[xo + k];
      H[4 * j] = s;
      if (s > 0) f += a[j] * s;
    }
    fg[0] = f;
  }

  /** fg[e] ← ∂L/∂f(x_{i+e}) = −y σ(−y f) / n for fg[e] = f(x_{i+e}), e < count */
  function lossDerivs(i: number, count: number): void {
    for (let e = 0; e < count; e++) {
      const yi = y[i + e];
      fg[e] = -yi * logisticWeight(yi * fg[e]) * invN;
    }
  }

  return {
    W: Wt,
    a: at,
    simd: false,
    run(iters) {
      const W = Wt, X = Xt, H = Ht, a = at, gW = gWt, ga = gat;
      for (let t = 0; t < iters; t++) {
        gW.fill(0);
        ga.fill(0);
        let i = 0;
        for (; i + 3 < n; i += 4) {
          forward4(i);
          let f0 = 0, f1 = 0, f2 = 0, f3 = 0;
          for (let j = 0; j < width; j++) {
            const q = 4 * j, aj = a[j];
            const h0 = H[q], h1 = H[q + 1], h2 = H[q + 2], h3 = H[q + 3];
            if (h0 > 0) f0 += aj * h0;
            if (h1 > 0) f1 += aj * h1;
            if (h2 > 0) f2 += aj * h2;
            if (h3 > 0) f3 += aj * h3;
          }
          fg[0] = f0;
          fg[1] = f1;
          fg[2] = f2;
          fg[3] = f3;
          lossDerivs(i, 4);
          const g0 = fg[0], g1 = fg[1], g2 = fg[2], g3 = fg[3];
          const x0 = i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
          for (let j = 0; j < width; j++) {
            const q = 4 * j;
            // relu′(h) = [h > 0]: inactive units get no gradient
            const r0 = H[q] > 0 ? H[q] : 0, r1 = H[q + 1] > 0 ? H[q + 1] : 0, r2 = H[q + 2] > 0 ? H[q + 2] : 0, r3 = H[q + 3] > 0 ? H[q + 3] : 0;
            ga[j] += g0 * r0 + g1 * r1 + g2 * r2 + g3 * r3;
            const aj = a[j];
            const c0 = r0 > 0 ? g0 * aj : 0, c1 = r1 > 0 ? g1 * aj : 0, c2 = r2 > 0 ? g2 * aj : 0, c3 = r3 > 0 ? g3 * aj : 0;
            if (c0 === 0 && c1 === 0 && c2 === 0 && c3 === 0) continue;
            const go = j * d;
            for (let k = 0; k < d; k++) gW[go + k] += c0 * X[x0 + k] + c1 * X[x1 + k] + c2 * X[x2 + k] + c3 * X[x3 + k];
          }
        }
        for (; i < n; i++) {
          forward1(i);
          lossDerivs(i, 1);
          const g = fg[0];
          const xo = i * d;
          for (let j = 0; j < width; j++) {
            const h = H[4 * j];
            if (!(h > 0)) continue;
            ga[j] += g * h;
            const c = g * a[j], go = j * d;
            for (let k = 0; k < d; k++) gW[go + k] += c * X[xo + k];
          }
        }
        for (let j = 0; j < width; j++) a[j] -= eta * ga[j];
        for (let p = 0; p < width * d; p++) W[p] -= eta * gW[p];
      }
    },
    check() {
      let correct = 0;
      for (let i = 0; i < n; i++) {
        forward1(i);
        if (Math.sign(fg[0]) === y[i]) correct++;
      }
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
  instance: (scale, rng, options) => relu2Gd(relu2Problem(rng, 200 * scale, 20, 200), 0.5, options),
};
