// The bench loops as two-thread step programs (./team.ts): the same maths as the one-thread loops of
// src/bench, the work of each step cut into independent tasks, every cross-task sum a task's own call in a
// fixed order (so the result is the same on every run, and equals the one-thread loop's up to that order).
//   logreg-gd:   rows in two chunks, gₖ = Σ over chunk k of ℓ′(⟨zᵢ,w⟩) zᵢ | w ← w − c(g₀ + g₁)
//   diag-net-gd: balanced by rows: r = Xw − y | balanced by columns: g = Xᵀr (from a copy of Xᵀ), u, v, w
//                (each rᵢ and gⱼ one kernel's whole sum, so the moving splits change no bit); for an X past
//                the L2 caches, rows in two chunks, gₖ = Xₖᵀ(Xₖw − yₖ) | by column halves: u, v, w from g₀ + g₁
//   sensing-gd:  rows of the packed sensing matrix in two chunks, each packing W = W₀ + W₁ then
//                gₖ = A*ₖ(Aₖ(W) − yₖ) | by row halves of V = Uᵀ: G = g₀ + g₁ unpacked, Vₖ ← Vₖ − cVₖG,
//                Wₖ = VₖᵀVₖ (so W₀ + W₁ = VᵀV = UUᵀ)
//   relu2-gd:    by unit halves: Hᵀₖ = WₖXᵀ, fₖ = relu(Hᵀₖ)ᵀaₖ | by example halves: g from f₀ + f₁ |
//                by unit halves: the subset-sum tables, ∂aₖ, ∂Wₖ, then aₖ, Wₖ updated
import type { Matrix } from "../../linalg/index.ts";
import { diagNetProblem } from "../diagNetGd.ts";
import { separableMarginRows } from "../data.ts";
import { normalizedMargin } from "../logregGd.ts";
import { relu2Problem, type Relu2Problem } from "../relu2Gd.ts";
import { packedGram, packedLength, sensingProblem, type SensingProblem } from "../sensingGd.ts";
import type { BenchInstance, Workload } from "../types.ts";
import { SharedArena, startTeam as startTeamOn, type Phase, type SplitArg, type StepProgram, type Task, type TeamHost, type TeamOptions } from "./team.ts";

/** untimed warm-up of each instance (team.ts: TeamOptions.warmMs) */
const WARM_MS = 150;
const startTeam = (host: TeamHost, S: SharedArena, program: StepProgram, options: TeamOptions = {}) => startTeamOn(S, program, host, { warmMs: WARM_MS, ...options });

/** chunk boundaries 0 = b₀ < b₁ < … < b_K = n, inner ones multiples of 4 (K at most ⌈n/4⌉) */
export function chunkBounds(n: number, K: number): number[] {
  const k = Math.max(1, Math.min(K, Math.ceil(n / 4)));
  const b = [0];
  for (let i = 1; i < k; i++) b.push(Math.max(b[i - 1] + 4, 4 * Math.round((i * n) / (4 * k))));
  b.push(n);
  return b;
}

export interface TwoThreadInstance extends BenchInstance {
  /** ends the worker (the instance cannot run afterwards) */
  close(): void;
}

/** byte address of entry i of a shared vector */
const at = (v: Float64Array, i = 0) => v.byteOffset + 8 * i;

/** the calls g₀ += g₁, g₀ += g₂, … (in that order) over entries offset … offset + length − 1 of the outputs */
function sumInto(outs: readonly Float64Array[], offset: number, length: number): Task {
  return outs.slice(1).map((o) => ["gd", "sub_scaled", at(outs[0], offset), at(o, offset), length, -1] as const); // g₀ += gₖ (−1·gₖ is exact)
}

/** logreg-gd on two threads: w ← w − (η/n) Σₖ gₖ. */
export function logregGdTwoThreads(host: TeamHost, Z: Matrix, eta = 1): TwoThreadInstance & { readonly w: Float64Array } {
  const n = Z.rows, d = Z.cols, b = chunkBounds(n, 2), K = b.length - 1;
  const S = new SharedArena(n * d + (K + 1) * d + 8 * K);
  const Za = S.vector(n * d, Z.data), w = S.vector(d);
  const g = Array.from({ length: K }, () => S.vector(d));
  const pass: Phase = g.map((gk, k) => [["gd", "fused_pass", at(Za, b[k] * d), b[k + 1] - b[k], d, at(w), 0, 0, at(gk), 0, 1]]);
  const update: Phase = [[...sumInto(g, 0, d), ["gd", "sub_scaled", at(w), at(g[0]), d, eta / n]]];
  const team = startTeam(host, S, [pass, update]);
  const margins = new Float64Array(n);
  return { w, simd: true, run: team.run, close: team.close, check: () => normalizedMargin(Z, w, margins) };
}

/**
 * Entries 0 … n − 1 as a balanced phase over units of four entries (task k is `task(first, count)` with
 * split arguments; the last task also takes the n mod 4 left over), or one task over all when n < 8.
 */
function byQuads(n: number, task: (first: SplitArg, count: SplitArg) => Task, split?: number): Phase {
  const units = Math.floor(n / 4);
  if (units < 2) return [task([0, 0], [n, 0])];
  return { units, split: Math.min(Math.max(split ?? units >> 1, 1), units - 1), tasks: [task([0, 0], [0, 4]), task([0, 4], [n, -4])] };
}

/** the byte address base + bytes·i for a split argument i */
const shift = (base: number, bytes: number, i: SplitArg): SplitArg => [base + bytes * i[0], bytes * i[1]];

/**
 * The largest X (bytes) for which diag-net-gd runs balanced: X and its copy Xᵀ then fit the two 1 MB L2
 * caches. Past that both stream from L3 or memory every step, twice the bytes of the fused row pass,
 * which reads X once (at --scale 4, 12.8 MB: 2,220 iters/s balanced against 4,230 fused).
 */
export const DIAG_BALANCED_MAX_BYTES = 1 << 20;

export interface DiagNetTwoThreadOptions {
  /** "balanced" (the default while X fits DIAG_BALANCED_MAX_BYTES) or "fused" (the default past it) */
  readonly program?: "balanced" | "fused";
  /** balanced: where the splits start (units of four rows, four columns), and whether they move (team.ts) */
  readonly splits?: readonly [number, number];
  readonly balance?: boolean;
}

export type DiagNetTwoThreads = TwoThreadInstance & { readonly u: Float64Array; readonly v: Float64Array; readonly w: Float64Array; readonly program: "balanced" | "fused"; splits(): number[] };

/**
 * diag-net-gd on two threads. Balanced: r = Xw − y by rows of X, then g = Xᵀr by rows of a copy of Xᵀ with
 * u, v, w updated in the same task, both phases balanced; each rᵢ and gⱼ is one GEMV row's whole sum, so
 * the results are the same bits at every split. Fused (for an X past the caches): the fused row pass over
 * two fixed row chunks (rₖ, gₖ = Xₖᵀrₖ), then u, v, w by column halves from g₀ + g₁.
 */
export function diagNetGdTwoThreads(host: TeamHost, X: Matrix, y: Float64Array, alpha = 0.01, eta = 0.05, options: DiagNetTwoThreadOptions = {}): DiagNetTwoThreads {
  const N = X.rows, d = X.cols;
  const program = options.program ?? (8 * N * d <= DIAG_BALANCED_MAX_BYTES ? "balanced" : "fused");
  const S = new SharedArena((program === "balanced" ? 2 : 1) * N * d + 2 * N + 5 * d + 8 * 10);
  const state = { S, X, Xa: S.vector(N * d, X.data), y: S.vector(N, y), r: S.vector(N), u: S.vector(d).fill(alpha), v: S.vector(d).fill(alpha), w: S.vector(d), c: 2 * eta };
  const { u, v, w } = state;
  const steps = program === "balanced" ? diagBalanced(state, options) : diagFused(state);
  const team = startTeam(host, S, steps, { balance: options.balance });
  const check = () => {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.abs(w[j]);
    return s;
  };
  return { u, v, w, program, simd: true, run: team.run, close: team.close, splits: team.splits, check };
}

/** diag-net-gd's shared state: X (also in the arena, Xa), y, r, u, v, w; c = 2η */
interface DiagState {
  readonly S: SharedArena;
  readonly X: Matrix;
  readonly Xa: Float64Array;
  readonly y: Float64Array;
  readonly r: Float64Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly w: Float64Array;
  readonly c: number;
}

function diagBalanced({ S, X, Xa, y, r, u, v, w, c: cu }: DiagState, options: DiagNetTwoThreadOptions): StepProgram {
  const N = X.rows, d = X.cols;
  const XT = S.vector(N * d, X.transpose().data), g = S.vector(d);
  const residual = byQuads(N, (i, c) => [
    ["blas", "gemv_n", shift(at(Xa), 8 * d, i), at(w), shift(at(r), 8, i), c, d],
    ["gd", "sub_scaled", shift(at(r), 8, i), shift(at(y), 8, i), c, 1], // r − 1·y
  ], options.splits?.[0]);
  const update = byQuads(d, (j, c) => [
    ["blas", "gemv_n", shift(at(XT), 8 * N, j), at(r), shift(at(g), 8, j), c, N],
    ["gd", "diag_update", shift(at(u), 8, j), shift(at(v), 8, j), shift(at(w), 8, j), shift(at(g), 8, j), c, cu],
  ], options.splits?.[1]);
  return [residual, update];
}

function diagFused({ S, X, Xa, y, r, u, v, w, c }: DiagState): StepProgram {
  const N = X.rows, d = X.cols;
  const b = chunkBounds(N, 2), K = b.length - 1, cols = d >= 8 ? [0, 2 * Math.round(d / 4), d] : [0, d];
  const g = Array.from({ length: K }, () => S.vector(d));
  const pass: Phase = g.map((gk, k) => [["gd", "fused_pass", at(Xa, b[k] * d), b[k + 1] - b[k], d, at(w), at(y, b[k]), at(r, b[k]), at(gk), 0, 0]]);
  const update: Phase = cols.slice(1).map((e, h) => {
    const o = cols[h], len = e - o;
    return [...sumInto(g, o, len), ["gd", "diag_update", at(u, o), at(v, o), at(w, o), at(g[0], o), len, c]];
  });
  return [pass, update];
}

/** sensing-gd on two threads: U ← U − 4η A*(A(UUᵀ) − y) U from U₀ = init·I, kept as V = Uᵀ. */
export function sensingGdTwoThreads(host: TeamHost, problem: SensingProblem, eta = 0.05 / problem.m, init = 1e-3): TwoThreadInstance & { readonly U: Float64Array } {
  const { n, m, A, y } = problem;
  const np = packedLength(n), nn = n * n, b = chunkBounds(m, 2), rb = chunkBounds(n, 2);
  const S = new SharedArena(m * np + 2 * m + nn * (1 + 2 + 1 + 2) + 4 * np + 16 * 8);
  const P = S.vector(m * np);
  for (let i = 0, q = 0; i < m; i++) for (let j = 0; j < n; j++) for (let k = j; k < n; k++) P[q++] = A[i * nn + j * n + k];
  const ya = S.vector(m, y), r = S.vector(m);
  const V = S.vector(nn), VG = S.vector(nn);
  for (let j = 0; j < n; j++) V[j * n + j] = init;
  const G = [S.vector(nn), S.vector(nn)], W = [S.vector(nn), S.vector(nn)];
  const wp = [S.vector(np), S.vector(np)], gp = [S.vector(np), S.vector(np)];
  for (let j = 0; j < n; j++) W[0][j * n + j] = init * init; // W₀ + W₁ = VᵀV at the start
  const pass: Phase = b.slice(1).map((e, k) => [
    ["gd", "sym_pack", at(W[0]), at(W[1]), n, at(wp[k])],
    ["gd", "fused_pass", at(P, b[k] * np), e - b[k], np, at(wp[k]), at(ya, b[k]), at(r, b[k]), at(gp[k]), 0, 0],
  ]);
  const c = 4 * eta;
  const update: Phase = rb.slice(1).map((e, k) => {
    const rows = e - rb[k], Vk = at(V, rb[k] * n);
    return [
      ["gd", "sym_unpack", at(gp[0]), at(gp[1]), n, at(G[k])],
      ["blas", "gemm_nn", Vk, at(G[k]), at(VG, rb[k] * n), rows, n, n],
      ["gd", "sub_scaled", Vk, at(VG, rb[k] * n), rows * n, c],
      ["blas", "gemm_tn", Vk, Vk, at(W[k]), rows, n, n, 1],
    ];
  });
  const team = startTeam(host, S, [pass, update]);
  const w = new Float64Array(np);
  const U = () => {
    const u = new Float64Array(nn);
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) u[j * n + k] = V[k * n + j];
    return u;
  };
  return {
    get U() {
      return U();
    },
    simd: true,
    run: team.run,
    close: team.close,
    check() {
      packedGram(U(), n, w); // W = UUᵀ packed (off-diagonal doubled), then Σᵢ (⟨Pᵢ, W⟩ − yᵢ)²
      let s = 0;
      for (let i = 0; i < m; i++) {
        let ri = -y[i];
        for (let p = 0; p < np; p++) ri += P[i * np + p] * w[p];
        s += ri * ri;
      }
      return s;
    },
  };
}

/**
 * relu2-gd on two threads (d even: the gradient rows then have no padding column). Per step, by unit halves:
 * Hᵀₖ = WₖXᵀ and fₖ = relu(Hᵀₖ)ᵀaₖ; by example halves: g = y ℓ′(y(f₀ + f₁))/n; by unit halves: the
 * subset-sum tables of all examples (each task its own: the 340 KB of tables cost more to move between
 * cores than to build), ∂aₖ, ∂Wₖ from the mask, then aₖ, Wₖ updated.
 */
export function relu2GdTwoThreads(host: TeamHost, problem: Relu2Problem, eta = 0.5): TwoThreadInstance & { readonly W: Float64Array; readonly a: Float64Array } {
  const { n, d, width } = problem;
  if (d % 2 !== 0) throw new Error("relu2-gd on two threads needs an even d");
  const ub = chunkBounds(width, 2), U = ub.length - 1, chunks = Math.ceil(n / 6);
  const eb = chunkBounds(n, 2);
  const S = new SharedArena(2 * n * d + 2 * width * d + width * n + 2 * width + 5 * n + U * (64 * d * chunks + 6 * d + chunks) + 16 * 8);
  const X = S.vector(n * d, problem.X), XT = S.vector(d * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) XT[k * n + i] = problem.X[i * d + k];
  const W = S.vector(width * d, problem.W0), gW = S.vector(width * d), HT = S.vector(width * n);
  const a = S.vector(width, problem.a0), ga = S.vector(width), g = S.vector(n), ya = S.vector(n, problem.y);
  const f = [S.vector(n), S.vector(n)];
  const forward: Phase = ub.slice(1).map((e, k) => [
    ["blas", "gemm_nn", at(W, ub[k] * d), at(XT), at(HT, ub[k] * n), e - ub[k], n, d],
    ["kernels", "relu_out", at(HT, ub[k] * n), at(a, ub[k]), at(f[k]), n, e - ub[k]],
  ]);
  const head: Phase = eb.slice(1).map((e, h) => {
    const i0 = eb[h], len = e - i0;
    return [
      ...(U > 1 ? [["gd", "sub_scaled", at(f[0], i0), at(f[1], i0), len, -1] as const] : []), // f₀ += f₁
      ["kernels", "relu_g", at(f[0], i0), at(ya, i0), at(g, i0), len, 0, 1 / n],
    ];
  });
  const backward: Phase = ub.slice(1).map((e, k) => {
    const units = e - ub[k], tables = at(S.vector(64 * d * chunks));
    return [
      ["kernels", "relu_tables", at(X), at(g), n, d, tables, at(S.vector(6 * d))],
      ["kernels", "relu_units", at(HT, ub[k] * n), at(g), at(a, ub[k]), at(gW, ub[k] * d), at(ga, ub[k]), n, d, units, tables, at(S.vector(chunks))],
      ["gd", "sub_scaled", at(a, ub[k]), at(ga, ub[k]), units, eta],
      ["gd", "sub_scaled", at(W, ub[k] * d), at(gW, ub[k] * d), units * d, eta],
    ];
  });
  const team = startTeam(host, S, [forward, head, backward]);
  return {
    W,
    a,
    simd: true,
    run: team.run,
    close: team.close,
    check() {
      let correct = 0;
      for (let i = 0; i < n; i++) {
        let fi = 0;
        for (let j = 0; j < width; j++) {
          let h = 0;
          for (let k = 0; k < d; k++) h += W[j * d + k] * X[i * d + k];
          if (h > 0) fi += a[j] * h;
        }
        if (Math.sign(fi) === problem.y[i]) correct++;
      }
      return correct / n;
    },
  };
}

/** The workloads that have a two-thread variant, with that variant as their instance (same data, same check). */
export function twoThreadWorkload(w: Workload, host: TeamHost): Workload | null {
  switch (w.name) {
    case "logreg-gd":
      return { ...w, instance: (scale, rng) => logregGdTwoThreads(host, separableMarginRows(rng, w.sizes(scale).n, w.sizes(scale).d).Z) };
    case "diag-net-gd":
      return {
        ...w,
        instance: (scale, rng) => {
          const { X, y } = diagNetProblem(rng, w.sizes(scale).N, w.sizes(scale).d);
          return diagNetGdTwoThreads(host, X, y);
        },
      };
    case "sensing-gd":
      return { ...w, instance: (scale, rng) => sensingGdTwoThreads(host, sensingProblem(rng, w.sizes(scale).n, w.sizes(scale).m)) };
    case "relu2-gd":
      return w.sizes(1).d % 2 === 0 ? { ...w, instance: (scale, rng) => relu2GdTwoThreads(host, relu2Problem(rng, w.sizes(scale).n, w.sizes(scale).d, w.sizes(scale).width)) } : null;
    default:
      return null;
  }
}
