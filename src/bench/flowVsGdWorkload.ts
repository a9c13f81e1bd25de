// Beyond the peers (BENCHMARKS.md), gradient flow: on sensing-gd's instance from U₀ = α·I,
// α = 1e-6, the adaptive Dormand–Prince 5(4) integrator of dU/dt = −∇L(U) runs to L ≤ 1e-10
// (absolute); then GD U ← U − η∇L(U), the flow's Euler discretization, runs to the same target at
// η, η/2, η/4, … from sensing-gd's η = 0.05/m until its end point agrees with the flow's,
// ‖W_GD − W_flow‖_F/‖W_flow‖_F ≤ 1e-3 (W = UUᵀ). Both use the same ∇L (one fused pass of packed
// sensing rows, as sensing-gd), so the times compare the methods, not the kernels.
import { Matrix, WasmArena, gemmBlocked, gemmNT, prepareResidualGradT } from "../linalg/index.ts";
import { DormandPrince54 } from "../optimizers/index.ts";
import { Rng } from "../random/index.ts";
import { packUpperDoubled, packedGram, packedLength, sensingProblem, unpackSymmetric, type SensingProblem } from "./sensingGd.ts";
import type { InstanceOptions } from "./types.ts";

export interface FlowVsGdOptions extends InstanceOptions {
  /** initialization scale: U₀ = alpha·I (default 1e-6) */
  readonly alpha?: number;
  /** absolute loss target L(U) ≤ lossTarget for the flow and every GD run (default 1e-10) */
  readonly lossTarget?: number;
  /** relative distance of W_GD to W_flow that counts as agreement (default 1e-3) */
  readonly agreement?: number;
  /** first GD step (default sensing-gd's 0.05/m); each further run halves it */
  readonly eta0?: number;
  /** integrator tolerances (defaults rtol 1e-9, atol 1e-6·alpha) */
  readonly rtol?: number;
  readonly atol?: number;
  /** wall-clock budget in seconds for the flow and all GD runs together (default 120) */
  readonly maxSeconds?: number;
  /** most GD runs (default 20 halvings) */
  readonly maxRuns?: number;
}

export interface FlowRun {
  readonly seconds: number;
  readonly loss: number;
  readonly reached: boolean;
  /** flow time at the stop */
  readonly time: number;
  readonly steps: number;
  readonly rejected_steps: number;
  /** evaluations of ∇L (right-hand sides) */
  readonly rhs_evaluations: number;
}

export interface GdRun {
  readonly eta: number;
  readonly iterations: number;
  readonly seconds: number;
  /** L at the stop (non-finite or huge: GD diverged) */
  readonly loss: number;
  /** the loss target was met (else the time budget stopped it, or GD diverged) */
  readonly reached: boolean;
  /** ‖W_GD − W_flow‖_F / ‖W_flow‖_F at the stop (null when the target was not met) */
  readonly distance: number | null;
  /** GD time ηt against the flow's time at the stop */
  readonly gd_time: number;
}

export interface FlowVsGdResult {
  readonly workload: "flow-vs-gd";
  readonly n: number;
  readonly m: number;
  readonly init: string;
  readonly loss_target: string;
  readonly agreement: number;
  readonly max_seconds: number;
  readonly kernels: "wasm-simd" | "plain";
  readonly flow: FlowRun;
  readonly gd: readonly GdRun[];
  /** the first GD run within `agreement` of the flow, or "not reached" (the budget or run count ran out first) */
  readonly agreeing: { readonly eta: number; readonly seconds: number; readonly iterations: number } | "not reached";
  /** the agreeing GD run's seconds over the flow's (null when none agreed) */
  readonly speedup: number | null;
}

/** L(U) = Σᵢ(⟨Aᵢ, UUᵀ⟩ − yᵢ)² and ∇L = 4A*(r)U on U (n×n row-major) with reused buffers. */
export interface SensingFactorLoss {
  readonly dim: number;
  readonly simd: boolean;
  /** out ← ∇L(U); returns L(U) */
  gradient(u: Float64Array, out: Float64Array): number;
}

export function sensingFactorLoss(problem: SensingProblem, options: InstanceOptions = {}): SensingFactorLoss {
  const { n, m, A, y } = problem;
  const np = packedLength(n);
  const P = new Matrix(m, np); // packed upper triangles of the Aᵢ
  for (let i = 0; i < m; i++) {
    let q = i * np;
    for (let j = 0; j < n; j++) for (let k = j; k < n; k++) P.data[q++] = A[i * n * n + j * n + k];
  }
  const pass = prepareResidualGradT(P, options);
  const wPacked = new Float64Array(np), r = new Float64Array(m), gPacked = new Float64Array(np);
  const arena = pass.simd ? WasmArena.create(5 * n * n, options) : null;
  const products = arena ? simdProducts(arena, n) : plainProducts(n);
  return {
    dim: n * n,
    simd: pass.simd,
    gradient(u, out) {
      products.gram(u, wPacked); // W = UUᵀ packed, off-diagonal doubled so ⟨Aᵢ, W⟩ is one packed dot
      pass.run(wPacked, y, r, gPacked); // r = A(W) − y, gPacked = A*(r)
      products.times(gPacked, u, out); // ∇L = 4 A*(r) U
      let L = 0;
      for (let i = 0; i < m; i++) L += r[i] * r[i];
      return L;
    },
  };
}

/** The two n×n products of a gradient: the packed Gram matrix of U's rows, and 4·G·U for G given packed. */
interface FactorProducts {
  gram(u: Float64Array, wPacked: Float64Array): void;
  times(gPacked: Float64Array, u: Float64Array, out: Float64Array): void;
}

function plainProducts(n: number): FactorProducts {
  const G = new Matrix(n, n), U = new Matrix(n, n), GU = new Matrix(n, n);
  return {
    gram: (u, wPacked) => packedGram(u, n, wPacked),
    times(gPacked, u, out) {
      unpackSymmetric(gPacked, n, G.data, 4);
      U.data.set(u);
      gemmBlocked(G, U, GU);
      out.set(GU.data);
    },
  };
}

/** WebAssembly SIMD: V = Uᵀ in the arena, UUᵀ = VᵀV (upper-triangle GEMM), G·U by the blocked GEMM. */
function simdProducts(arena: WasmArena, n: number): FactorProducts {
  const V = arena.matrix(n, n), U = arena.matrix(n, n), W = arena.matrix(n, n), G = arena.matrix(n, n), GU = arena.matrix(n, n);
  const v = V.data;
  return {
    gram(u, wPacked) {
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) v[k * n + j] = u[j * n + k];
      arena.gemmTNUpper(V, V, W);
      packUpperDoubled(W.data, n, wPacked);
    },
    times(gPacked, u, out) {
      unpackSymmetric(gPacked, n, G.data, 4);
      U.data.set(u);
      arena.gemm(G, U, GU);
      out.set(GU.data);
    },
  };
}

/** UUᵀ (u: n×n row-major) */
function gram(u: Float64Array, n: number): Float64Array {
  const U = new Matrix(n, n, u);
  return gemmNT(U, U).data;
}

function relativeFrobenius(a: Float64Array, b: Float64Array): number {
  let d = 0, s = 0;
  for (let p = 0; p < a.length; p++) {
    d += (a[p] - b[p]) ** 2;
    s += b[p] * b[p];
  }
  return Math.sqrt(d / s);
}

/** Runs the comparison on `problem` (see the file's head); every time is wall-clock performance.now(). */
export function flowVsGd(problem: SensingProblem, options: FlowVsGdOptions = {}): FlowVsGdResult {
  const { n, m } = problem;
  const alpha = options.alpha ?? 1e-6, target = options.lossTarget ?? 1e-10, agreement = options.agreement ?? 1e-3;
  const eta0 = options.eta0 ?? 0.05 / m, maxSeconds = options.maxSeconds ?? 120, maxRuns = options.maxRuns ?? 20;
  const loss = sensingFactorLoss(problem, options);
  const u0 = new Float64Array(n * n);
  for (let j = 0; j < n; j++) u0[j * n + j] = alpha;
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;

  // the flow: dU/dt = −∇L(U)
  const t0 = performance.now();
  const dp = new DormandPrince54(
    (_t, u, dudt) => {
      const L = loss.gradient(u, dudt);
      for (let p = 0; p < dudt.length; p++) dudt[p] = -dudt[p];
      return L;
    },
    0, u0, { rtol: options.rtol ?? 1e-9, atol: options.atol ?? 1e-6 * alpha, autonomous: true },
  );
  while (dp.aux > target && elapsed() < maxSeconds) {
    if (dp.step() !== "accepted") break;
  }
  const flow: FlowRun = {
    seconds: (performance.now() - t0) / 1000,
    loss: dp.aux,
    reached: dp.aux <= target,
    time: dp.t,
    steps: dp.accepted,
    rejected_steps: dp.rejected,
    rhs_evaluations: dp.evaluations,
  };
  const wFlow = gram(dp.y, n);

  // GD at η, η/2, … to the same target
  const gd: GdRun[] = [];
  let agreeing: FlowVsGdResult["agreeing"] = "not reached";
  const u = new Float64Array(n * n), g = new Float64Array(n * n);
  for (let k = 0, eta = eta0; flow.reached && k < maxRuns && elapsed() < maxSeconds; k++, eta /= 2) {
    u.set(u0);
    const t1 = performance.now();
    let it = 0, L = loss.gradient(u, g);
    const blowUp = 1e6 * L; // a step too large for this instance: GD diverges
    while (L > target && L < blowUp) {
      for (let p = 0; p < u.length; p++) u[p] -= eta * g[p];
      it++;
      L = loss.gradient(u, g);
      if ((it & 1023) === 0 && elapsed() >= maxSeconds) break;
    }
    const reached = L <= target;
    const run: GdRun = {
      eta, iterations: it, seconds: (performance.now() - t1) / 1000, loss: L, reached,
      distance: reached ? relativeFrobenius(gram(u, n), wFlow) : null, gd_time: eta * it,
    };
    gd.push(run);
    if (run.distance !== null && run.distance <= agreement) {
      agreeing = { eta, seconds: run.seconds, iterations: it };
      break;
    }
  }
  return {
    workload: "flow-vs-gd", n, m, init: `U0 = ${alpha}·I`, loss_target: `L(U) <= ${target} (absolute)`,
    agreement, max_seconds: maxSeconds, kernels: loss.simd ? "wasm-simd" : "plain",
    flow, gd, agreeing, speedup: agreeing === "not reached" ? null : agreeing.seconds / flow.seconds,
  };
}

export interface FlowVsGdWorkload {
  readonly name: "flow-vs-gd";
  readonly summary: string;
  sizes(): { readonly n: number; readonly m: number };
  run(options?: FlowVsGdOptions & { readonly seed?: number }): FlowVsGdResult;
}

/** sensing-gd's instance (n = 50, m = 300, seed 0) under the flow and under GD with halving steps. */
export const flowVsGdWorkload: FlowVsGdWorkload = {
  name: "flow-vs-gd",
  summary: "sensing-gd's instance from U0 = 1e-6·I: Dormand–Prince gradient flow to L ≤ 1e-10 against GD at η = 0.05/m, η/2, … until ‖W_GD − W_flow‖_F/‖W_flow‖_F ≤ 1e-3, 25 min in all (≈ 17 here)",
  sizes: () => ({ n: 50, m: 300 }),
  run(options = {}) {
    const problem = sensingProblem(new Rng(options.seed ?? 0), 50, 300);
    // the flow takes ≈ 8.5 min here and GD at η as long (explicit steps held to ≈ 1e-3 by the stiff last phase), so 25 min in all
    return flowVsGd(problem, { ...options, maxSeconds: options.maxSeconds ?? 1500 });
  },
};
