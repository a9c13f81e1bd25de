// Independent, textbook implementations of the peer's loops (numpy_bench.py line by line,
// full matrices, Math.exp/log1p), to check the fused workloads against.
import type { Matrix } from "../../src/linalg/index.ts";

/** −exp(−logaddexp(0, m)) as NumPy computes it. */
export function logisticDeriv(m: number): number {
  return -Math.exp(-(Math.max(0, m) + Math.log1p(Math.exp(-Math.abs(m)))));
}

/** GD on the mean logistic loss from w = 0; returns w and min(Zw)/‖w‖. */
export function naiveLogreg(Z: Matrix, iters: number, eta = 1): { w: number[]; check: number } {
  const n = Z.rows, d = Z.cols;
  const w = new Array<number>(d).fill(0);
  const margins = () => Array.from({ length: n }, (_, i) => w.reduce((s, wj, j) => s + Z.get(i, j) * wj, 0));
  for (let t = 0; t < iters; t++) {
    const g = margins().map(logisticDeriv);
    const grad = w.map((_, j) => g.reduce((s, gi, i) => s + Z.get(i, j) * gi, 0));
    for (let j = 0; j < d; j++) w[j] -= (eta * grad[j]) / n;
  }
  const nrm = Math.hypot(...w);
  return { w, check: Math.min(...margins()) / nrm };
}

/** n×n row-major product of a (n×k) and b (k×m). */
function mul(a: number[], b: number[], n: number, k: number, m: number): number[] {
  const c = new Array<number>(n * m).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let p = 0; p < k; p++) c[i * m + j] += a[i * k + p] * b[p * m + j];
  return c;
}

function transpose(a: number[], n: number, m: number): number[] {
  const t = new Array<number>(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) t[j * n + i] = a[i * m + j];
  return t;
}

/** Symmetric sensing GD on full matrices: W = UUᵀ, r = A_flat W − y, U −= η·4·(A_flatᵀ r) U; returns U and Σr². */
export function naiveSensing(A: Float64Array, y: Float64Array, n: number, m: number, iters: number, eta: number, init: number): { U: number[]; check: number } {
  let U = new Array<number>(n * n).fill(0);
  for (let j = 0; j < n; j++) U[j * n + j] = init;
  const residual = (): number[] => {
    const W = mul(U, transpose(U, n, n), n, n, n);
    return Array.from({ length: m }, (_, i) => W.reduce((s, wp, p) => s + A[i * n * n + p] * wp, 0) - y[i]);
  };
  for (let t = 0; t < iters; t++) {
    const r = residual();
    const G = Array.from({ length: n * n }, (_, p) => r.reduce((s, ri, i) => s + A[i * n * n + p] * ri, 0));
    const GU = mul(G, U, n, n, n);
    U = U.map((u, p) => u - eta * 4 * GU[p]);
  }
  return { U, check: residual().reduce((s, ri) => s + ri * ri, 0) };
}

/** Diagonal-net GD: r = X(u² − v²) − y, g = Xᵀr, (u, v) ← (u − 2ηu g, v + 2ηv g); returns w and ‖w‖₁. */
export function naiveDiagNet(X: Matrix, y: Float64Array, iters: number, alpha: number, eta: number): { w: number[]; check: number } {
  const N = X.rows, d = X.cols;
  let u = new Array<number>(d).fill(alpha), v = new Array<number>(d).fill(alpha);
  for (let t = 0; t < iters; t++) {
    const w = u.map((uj, j) => uj * uj - v[j] * v[j]);
    const r = Array.from({ length: N }, (_, i) => w.reduce((s, wj, j) => s + X.get(i, j) * wj, 0) - y[i]);
    const g = w.map((_, j) => r.reduce((s, ri, i) => s + X.get(i, j) * ri, 0));
    [u, v] = [u.map((uj, j) => uj - eta * 2 * uj * g[j]), v.map((vj, j) => vj + eta * 2 * vj * g[j])];
  }
  const w = u.map((uj, j) => uj * uj - v[j] * v[j]);
  return { w, check: w.reduce((s, wj) => s + Math.abs(wj), 0) };
}

/** Two-layer ReLU GD as the peer writes it with whole matrices (H = XWᵀ, …); returns W, a and the accuracy. */
export function naiveRelu2(
  X: Float64Array, y: Float64Array, W0: Float64Array, a0: Float64Array, n: number, d: number, width: number, iters: number, eta: number,
): { W: number[]; a: number[]; check: number } {
  const x = Array.from(X), W = Array.from(W0), a = Array.from(a0);
  const forward = () => {
    const H = mul(x, transpose(W, width, d), n, d, width);
    const act = H.map((h) => Math.max(h, 0));
    const f = Array.from({ length: n }, (_, i) => a.reduce((s, aj, j) => s + act[i * width + j] * aj, 0));
    return { H, act, f };
  };
  for (let t = 0; t < iters; t++) {
    const { H, act, f } = forward();
    const gl = f.map((fi, i) => (y[i] * logisticDeriv(y[i] * fi)) / n); // −y·exp(−logaddexp(0, y f))/n
    const ga = a.map((_, j) => gl.reduce((s, g, i) => s + act[i * width + j] * g, 0));
    const gh = H.map((h, p) => (h > 0 ? gl[Math.floor(p / width)] * a[p % width] : 0));
    const gw = mul(transpose(gh, n, width), x, width, n, d);
    for (let j = 0; j < width; j++) a[j] -= eta * ga[j];
    for (let p = 0; p < width * d; p++) W[p] -= eta * gw[p];
  }
  const { f } = forward();
  return { W, a, check: f.filter((fi, i) => Math.sign(fi) === y[i]).length / n };
}
