// Underdetermined least squares, three geometries from w = 0: gradient descent reaches the
// min-ℓ2 interpolant; mirror descent with the hyperbolic entropy ψ_β reaches argmin D_ψ(w, 0)
// s.t. Xw = y, which tends to the min-ℓ1 one as β → 0; coordinate descent (steepest descent for
// ‖·‖₁) also interpolates, but in general reaches neither.
import { gaussianRegression, sparseRegression } from "../../src/data/index.ts";
import { hyperbolicEntropy } from "../../src/geometry/index.ts";
import { Matrix, norm1, norm2, wasmSimdModule } from "../../src/linalg/index.ts";
import { relativeDistance } from "../../src/metrics/index.ts";
import { leastSquares, linearModel } from "../../src/models/index.ts";
import { gd, mirrorDescent, steepestDescent, type Optimizer } from "../../src/optimizers/index.ts";
import { minL1, minNormL2 } from "../../src/references/index.ts";
import { runMethod, type Demo } from "./demo.ts";

export const leastSquaresDemo: Demo = async (state, rng, post, signal) => {
  const start = performance.now();
  const { rows: n, cols: d } = state;
  const data = state.sparsity > 0 ? sparseRegression(rng.fork(1), { n, d, k: state.sparsity }) : gaussianRegression(rng.fork(1), { n, d });
  const { X, y } = data;
  // the library objective: value and gradient by the fused WebAssembly SIMD kernel unless state.simd is off
  const objective = leastSquares({ X, Y: new Matrix(n, 1, y) }, linearModel(d), undefined, { simd: state.simd });
  const l2 = minNormL2(X, y), l1 = await minL1(X, y);
  const betaL = objective.smoothness!(new Float64Array(d));
  // coordinate descent's smoothness w.r.t. ‖·‖₁ is max_j H_jj, H = XᵀX/N
  let hMax = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X.data[i * d + j] ** 2;
    hMax = Math.max(hMax, s / n);
  }
  // mirror descent's local smoothness λ_max(X ∇²ψ*(z) Xᵀ)/N ≤ β_L · maxᵢ √(wᵢ² + β²), taken at the min-ℓ1 limit
  let curvature = 0;
  for (const v of l1.solution) curvature = Math.max(curvature, Math.hypot(v, state.beta));
  const methods: { name: string; color: string; eta: number; optimizer: Optimizer }[] = [
    { name: "gradient descent", color: "#d95f02", eta: 1 / betaL, optimizer: gd({ lr: 1 / betaL }) },
    { name: `mirror descent, hyperbolic β = ${state.beta < 1e-3 ? state.beta.toExponential() : state.beta}`, color: "#7570b3", eta: 0.5 / (betaL * curvature),
      optimizer: mirrorDescent({ lr: 0.5 / (betaL * curvature), potential: hyperbolicEntropy(state.beta) }) },
    { name: "coordinate descent (steepest, ℓ1)", color: "#1b9e77", eta: 1 / hMax, optimizer: steepestDescent({ lr: 1 / hMax, norm: 1 }) },
  ];
  const simdAvailable = wasmSimdModule() !== null;
  post({
    type: "setup",
    title: `Least squares, ${n} examples × ${d} features: which interpolant?`,
    caption: `All three reach zero loss from w = 0. Gradient descent ends at the min-ℓ2 interpolant; mirror descent with ` +
      `the hyperbolic entropy at argmin D_ψ(w, 0) s.t. Xw = y, near the min-ℓ1 one for small β; coordinate descent ` +
      `interpolates too, at neither in general${state.sparsity > 0 ? ` (with a ${state.sparsity}-sparse w* it may find the sparse solution)` : ""}.`,
    charts: [
      { id: "l2", title: "distance to the min-ℓ2 interpolant", y: "‖w_t − w_ℓ2‖ / ‖w_ℓ2‖" },
      { id: "l1", title: "distance to the min-ℓ1 interpolant", y: "‖w_t − w_ℓ1‖ / ‖w_ℓ1‖" },
      { id: "loss", title: "loss", y: "L(w_t) = ‖Xw_t − y‖² / 2N" },
    ],
    methods: methods.map((m) => ({ name: m.name, color: m.color })),
    references: [
      { label: "‖w_ℓ2‖₂", value: norm2(l2.solution) },
      { label: "‖w_ℓ1‖₁", value: norm1(l1.solution) },
      { label: "‖w_ℓ1 − w_ℓ2‖ / ‖w_ℓ2‖", value: relativeDistance(l1.solution, l2.solution) },
      { label: "min-ℓ1 LP residual (max)", value: Math.max(l1.certificate.primalResidual, l1.certificate.dualResidual) },
    ],
    kernels: objective.simd ? "WebAssembly SIMD (fused residual pass)" : `plain TypeScript (${simdAvailable ? "SIMD switched off" : "no WebAssembly SIMD in this engine"})`,
    simdAvailable,
  });
  const rows = [];
  let stopped = false;
  for (const [k, m] of methods.entries()) {
    if (signal?.aborted) { stopped = true; break; }
    const run = await runMethod({
      method: m.name, objective, optimizer: m.optimizer, theta0: new Float64Array(d), rng: rng.fork(10 + k), steps: state.steps, post, signal,
      metrics: (w) => ({ l2: relativeDistance(w, l2.solution), l1: relativeDistance(w, l1.solution), loss: objective.value(w) }),
    });
    const w = run.outcome.state.theta;
    stopped ||= run.outcome.stopReason === "aborted";
    rows.push({ method: m.name, values: [run.outcome.iterations, m.eta, run.last.loss, run.last.l2, run.last.l1, norm1(w)] });
  }
  return {
    type: "done",
    columns: ["t", "step η", "L(w_t)", "to min-ℓ2", "to min-ℓ1", "‖w_t‖₁"],
    rows,
    seconds: (performance.now() - start) / 1000,
    stopped,
  };
};
