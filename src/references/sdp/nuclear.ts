// Nuclear-norm programs as SDPs, with certificates measured on the returned matrix and multipliers:
//   PSD:     min tr X s.t. ⟨Aᵢ, X⟩ = yᵢ, X ⪰ 0;        dual max yᵀλ s.t. A*(λ) ⪯ I
//   general: min ‖W‖_* s.t. ⟨Aᵢ, W⟩ = yᵢ;             dual max yᵀλ s.t. ‖A*(λ)‖₂ ≤ 1
//            via min ½(tr P + tr Q) s.t. [[P, W], [Wᵀ, Q]] ⪰ 0 (Fazel), Âᵢ = ½[[0, Aᵢ], [Aᵢᵀ, 0]]
//   margin:  min ‖W‖_* s.t. cᵢ⟨Aᵢ, W⟩ ≥ 1 (labels cᵢ = ±1); dual max Σλᵢ s.t. ‖Σ λᵢcᵢAᵢ‖₂ ≤ 1, λ ≥ 0
//            with slacks sᵢ ≥ 0 in the orthant: cᵢ⟨Âᵢ, X⟩ − sᵢ = 1
import { Matrix, eigvalsSym, nuclearNorm, spectralNorm } from "../../linalg/index.ts";
import type { Certificate, ReferenceSolution } from "../types.ts";
import { solveSdp } from "./interiorPoint.ts";
import { checkMeasurements, denseMeasurements, type MatrixMeasurements } from "./measurements.ts";
import { SdpError, SparseSymmetric, type SdpOptions } from "./types.ts";
import { dualityCertificate } from "../duality.ts";

export type NuclearOptions = SdpOptions;

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

function frob(W: Matrix): number {
  return norm(W.data);
}

function symmetricPart(M: Matrix): Matrix {
  const n = M.rows, out = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.data[i * n + j] = 0.5 * (M.data[i * n + j] + M.data[j * n + i]);
  return out;
}

function asOperator(A: readonly Matrix[] | MatrixMeasurements): MatrixMeasurements {
  return Array.isArray(A) ? denseMeasurements(A as readonly Matrix[]) : (A as MatrixMeasurements);
}

/**
 * Duality certificate of W (primal) and λ (dual) for min ‖W‖_* s.t. A(W) = y, or with psd for min tr W s.t.
 * A(W) = y, W ⪰ 0: primal residual max(‖A(W) − y‖/(1 + ‖y‖), PSD violation max(0, −λ_min(W))/(1 + ‖W‖_F)), dual
 * infeasibility max(0, ‖A*(λ)‖₂ − 1) (psd: max(0, λ_max(sym A*(λ)) − 1)), gap |objective − yᵀλ|/max(1, objective).
 */
export function nuclearNormCertificate(
  A: readonly Matrix[] | MatrixMeasurements,
  y: Float64Array,
  W: Matrix,
  lambda: Float64Array,
  options: { readonly psd?: boolean; readonly tol?: number } = {},
): Certificate {
  const op = asOperator(A);
  const { psd = false, tol = 1e-9 } = options;
  if (W.rows !== op.rows || W.cols !== op.cols) throw new RangeError(`nuclearNormCertificate: W is ${W.rows}×${W.cols}, the measurements act on ${op.rows}×${op.cols}`);
  if (y.length !== op.count || lambda.length !== op.count) throw new RangeError(`nuclearNormCertificate: y and λ need ${op.count} entries`);
  const r = op.apply(W);
  for (let i = 0; i < r.length; i++) r[i] -= y[i];
  const equality = norm(r) / (1 + norm(y));
  let primalObjective: number, dualResidual: number, psdViolation = 0, lambdaMinW = NaN;
  const D = op.adjoint(lambda);
  if (psd) {
    const Ws = symmetricPart(W);
    const ev = eigvalsSym(Ws);
    lambdaMinW = ev[0];
    psdViolation = Math.max(0, -ev[0]) / (1 + frob(W));
    primalObjective = 0;
    for (let i = 0; i < W.rows; i++) primalObjective += W.data[i * W.cols + i];
    const dv = eigvalsSym(symmetricPart(D));
    dualResidual = Math.max(0, dv[dv.length - 1] - 1);
  } else {
    primalObjective = nuclearNorm(W);
    dualResidual = Math.max(0, spectralNorm(D) - 1);
  }
  let dualObjective = 0;
  for (let i = 0; i < y.length; i++) dualObjective += y[i] * lambda[i];
  const primalResidual = Math.max(equality, psdViolation);
  return dualityCertificate({
    kind: psd ? "SDP duality: A*(λ) ⪯ I" : "nuclear/spectral duality: ‖A*(λ)‖₂ ≤ 1",
    primalResidual, dualResidual, primalObjective, dualObjective, tol,
    details: psd ? { equalityResidual: equality, lambdaMinW } : { equalityResidual: equality },
  });
}

/**
 * Certificate for min ‖W‖_* s.t. cᵢ⟨Aᵢ, W⟩ ≥ 1: primal residual max(0, 1 − minᵢ cᵢ⟨Aᵢ, W⟩), dual infeasibility
 * max(0, ‖Σ λᵢcᵢAᵢ‖₂ − 1, −minᵢ λᵢ), gap |‖W‖_* − Σλᵢ|/max(1, ‖W‖_*).
 */
export function nuclearMarginCertificate(
  A: readonly Matrix[] | MatrixMeasurements,
  labels: Float64Array,
  W: Matrix,
  lambda: Float64Array,
  options: { readonly tol?: number } = {},
): Certificate {
  const op = asOperator(A);
  const tol = options.tol ?? 1e-9;
  if (labels.length !== op.count || lambda.length !== op.count) throw new RangeError(`nuclearMarginCertificate: labels and λ need ${op.count} entries`);
  const z = op.apply(W);
  let minMargin = Infinity, dualObjective = 0, minLambda = Infinity;
  const cl = new Float64Array(op.count);
  for (let i = 0; i < op.count; i++) {
    minMargin = Math.min(minMargin, labels[i] * z[i]);
    dualObjective += lambda[i];
    minLambda = Math.min(minLambda, lambda[i]);
    cl[i] = labels[i] * lambda[i];
  }
  const primalObjective = nuclearNorm(W);
  const primalResidual = Math.max(0, 1 - minMargin);
  const dualResidual = Math.max(0, spectralNorm(op.adjoint(cl)) - 1, -minLambda);
  return dualityCertificate({
    kind: "nuclear/spectral duality: ‖Σ λᵢcᵢAᵢ‖₂ ≤ 1, λ ≥ 0",
    primalResidual, dualResidual, primalObjective, dualObjective, tol,
    details: { minMargin, normalizedMargin: minMargin / primalObjective },
  });
}

/** Runs the SDP, turning a proof of primal infeasibility into the program's own RangeError. */
function runSdp(where: string, infeasible: string, problem: Parameters<typeof solveSdp>[0], options: SdpOptions): ReturnType<typeof solveSdp> {
  try {
    return solveSdp(problem, options);
  } catch (e) {
    if (e instanceof SdpError && e.status === "primal infeasible") throw new RangeError(`${where}: ${infeasible}`, { cause: e });
    throw e;
  }
}

/** The symmetric block the PSD program uses for measurement i (dense Aᵢ, or an entry). */
export type PsdBlockOf = (i: number) => Matrix | SparseSymmetric;

/** min tr X s.t. ⟨Aᵢ, X⟩ = yᵢ, X ⪰ 0 for measurements given by op and their symmetric SDP blocks. */
export function solveNuclearPsd(where: string, program: string, op: MatrixMeasurements, blockOf: PsdBlockOf, y: Float64Array, options: NuclearOptions): ReferenceSolution<Matrix> {
  const n = op.rows;
  const sol = runSdp(where, "no X ⪰ 0 satisfies the measurements (the SDP is infeasible)", {
    blocks: [n],
    C: { psd: [Matrix.identity(n)] },
    A: Array.from({ length: op.count }, (_, i) => ({ psd: [blockOf(i)] })),
    b: y,
  }, options);
  const X = symmetricPart(sol.X.psd[0]);
  const certificate = nuclearNormCertificate(op, y, X, sol.y, { psd: true, tol: options.tol ?? 1e-9 });
  return {
    program,
    solution: X,
    certificate: { ...certificate, iterations: sol.certificate.iterations, details: { ...certificate.details, ...sdpDetails(sol.certificate) } },
    dual: sol.y,
  };
}

/** min ‖W‖_* s.t. ⟨Aᵢ, W⟩ = yᵢ through the block SDP; blockOf(i) is Âᵢ on the (n₁ + n₂)-block. */
export function solveNuclear(where: string, program: string, op: MatrixMeasurements, blockOf: PsdBlockOf, y: Float64Array, options: NuclearOptions): ReferenceSolution<Matrix> {
  const { rows: n1, cols: n2 } = op, N = n1 + n2;
  const half = Matrix.identity(N);
  for (let i = 0; i < N; i++) half.data[i * N + i] = 0.5;
  const sol = runSdp(where, "no W satisfies the measurements (the linear system A(W) = y is inconsistent)", {
    blocks: [N],
    C: { psd: [half] },
    A: Array.from({ length: op.count }, (_, i) => ({ psd: [blockOf(i)] })),
    b: y,
  }, options);
  const W = offDiagonalBlock(sol.X.psd[0], n1, n2);
  const certificate = nuclearNormCertificate(op, y, W, sol.y, { tol: options.tol ?? 1e-9 });
  return {
    program,
    solution: W,
    certificate: { ...certificate, iterations: sol.certificate.iterations, details: { ...certificate.details, ...sdpDetails(sol.certificate) } },
    dual: sol.y,
  };
}

function sdpDetails(c: Certificate): Record<string, number | string | boolean> {
  const d = c.details ?? {};
  return {
    solver: String(d.solver),
    seconds: Number(d.seconds),
    sdpPrimalObjective: c.primalObjective,
    sdpDualityGap: c.dualityGap ?? NaN,
    sdpDualResidual: c.dualResidual,
  };
}

/** W = X[0..n₁, n₁..n₁+n₂] */
function offDiagonalBlock(X: Matrix, n1: number, n2: number): Matrix {
  const N = n1 + n2, W = new Matrix(n1, n2);
  for (let i = 0; i < n1; i++) for (let j = 0; j < n2; j++) W.data[i * n2 + j] = 0.5 * (X.data[i * N + n1 + j] + X.data[(n1 + j) * N + i]);
  return W;
}

/** Âᵢ = ½[[0, Aᵢ], [Aᵢᵀ, 0]] so that ⟨Âᵢ, [[P, W], [Wᵀ, Q]]⟩ = ⟨Aᵢ, W⟩ */
function embed(A: Matrix, scale = 1): Matrix {
  const n1 = A.rows, n2 = A.cols, N = n1 + n2, out = new Matrix(N, N);
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n2; j++) {
      const v = 0.5 * scale * A.data[i * n2 + j];
      out.data[i * N + n1 + j] = v;
      out.data[(n1 + j) * N + i] = v;
    }
  }
  return out;
}

/** argmin tr X s.t. ⟨Aᵢ, X⟩ = yᵢ, X ⪰ 0 (= min ‖X‖_* over PSD X); only the symmetric part of each Aᵢ matters. */
export function nuclearNormPsd(A: readonly Matrix[], y: Float64Array, options: NuclearOptions = {}): ReferenceSolution<Matrix> {
  const { rows, cols } = checkMeasurements("nuclearNormPsd", A, y);
  if (rows !== cols) throw new RangeError(`nuclearNormPsd: measurement matrices are ${rows}×${cols}, must be square`);
  return solveNuclearPsd("nuclearNormPsd", "min tr X s.t. ⟨Aᵢ, X⟩ = yᵢ, X ⪰ 0", denseMeasurements(A), (i) => A[i], y, options);
}

/**
 * argmin ‖W‖_* s.t. ⟨Aᵢ, W⟩ = yᵢ for n₁×n₂ measurement matrices Aᵢ (named min… like minNormL2: linalg's
 * nuclearNorm(W) is the norm itself).
 */
export function minNuclearNorm(A: readonly Matrix[], y: Float64Array, options: NuclearOptions = {}): ReferenceSolution<Matrix> {
  checkMeasurements("minNuclearNorm", A, y);
  return solveNuclear("minNuclearNorm", "min ‖W‖_* s.t. ⟨Aᵢ, W⟩ = yᵢ", denseMeasurements(A), (i) => embed(A[i]), y, options);
}

/** argmin ‖W‖_* s.t. cᵢ⟨Aᵢ, W⟩ ≥ 1 for labels cᵢ ∈ {−1, +1}: the nuclear-norm max-margin predictor (up to scale). */
export function nuclearMaxMargin(A: readonly Matrix[], labels: Float64Array, options: NuclearOptions = {}): ReferenceSolution<Matrix> {
  const { rows: n1, cols: n2 } = checkMeasurements("nuclearMaxMargin", A, labels);
  labels.forEach((c, i) => {
    if (c !== 1 && c !== -1) throw new RangeError(`nuclearMaxMargin: label ${i} is ${c}, labels must be −1 or +1`);
  });
  const m = A.length, N = n1 + n2;
  const half = Matrix.identity(N);
  for (let i = 0; i < N; i++) half.data[i * N + i] = 0.5;
  const sol = runSdp("nuclearMaxMargin", "no W has cᵢ⟨Aᵢ, W⟩ ≥ 1 for every i (the labelled measurements are not separable)", {
    blocks: [N],
    nonneg: m,
    C: { psd: [half], nonneg: null },
    A: A.map((Ai, i) => {
      const slack = new Float64Array(m);
      slack[i] = -1;
      return { psd: [embed(Ai, labels[i])], nonneg: slack };
    }),
    b: new Float64Array(m).fill(1),
  }, options);
  const W = offDiagonalBlock(sol.X.psd[0], n1, n2);
  const certificate = nuclearMarginCertificate(A, labels, W, sol.y, { tol: options.tol ?? 1e-9 });
  return {
    program: "min ‖W‖_* s.t. cᵢ⟨Aᵢ, W⟩ ≥ 1",
    solution: W,
    certificate: { ...certificate, iterations: sol.certificate.iterations, details: { ...certificate.details, ...sdpDetails(sol.certificate) } },
    dual: sol.y,
  };
}
