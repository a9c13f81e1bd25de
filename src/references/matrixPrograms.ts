// Matrix reference programs by name, for `biaslab solve <program>` on matrix data: linear measurements
// ⟨Aᵢ, W⟩ = yᵢ (A stacked m × n1·n2, row i = vec(Aᵢ)) or observed entries W_ij = value. Each returns its
// solution with a certificate measured on the whole system:
//   nuclear         argmin ‖W‖_* s.t. A(W) = y                  (SDP; redundant measurements dropped first)
//   nuclear-psd     argmin tr W s.t. A(W) = y, W ⪰ 0             (SDP; only the symmetric part of Aᵢ acts)
//   nuclear-margin  argmin ‖W‖_* s.t. yᵢ⟨Aᵢ, W⟩ ≥ 1, yᵢ = ±1      (SDP)
//   min-frobenius   argmin ‖W‖_F s.t. A(W) = y                  (normal equations)
//   nonneg-l1       argmin ‖x‖₁ s.t. Ax = b, x ≥ 0               (LP; x is the d×1 unknown)
import { Matrix } from "../linalg/index.ts";
import { checkOptions, positiveNumber, type ProgramOptions } from "./programs.ts";
import type { ReferenceSolution } from "./types.ts";
import { independentSystem } from "./measurementSystem.ts";
import { nonnegL1 } from "./nonnegL1.ts";
import { matrixCompletionNuclear, minFrobenius, minNuclearNorm, nuclearMaxMargin, nuclearNormCertificate, nuclearNormPsd } from "./sdp/index.ts";
import type { NuclearOptions, ObservedEntry } from "./sdp/index.ts";

export type MatrixProgramData =
  | {
      readonly kind: "measurements";
      readonly n1: number;
      readonly n2: number;
      /** m × n1·n2: row i is vec(Aᵢ), row-major */
      readonly A: Matrix;
      readonly y: Float64Array;
    }
  | {
      readonly kind: "entries";
      readonly n1: number;
      readonly n2: number;
      /** 0-based, each position once (for psd programs, each unordered pair once) */
      readonly entries: readonly ObservedEntry[];
    };

export interface MatrixProgram {
  readonly description: string;
  /** option name → meaning and default */
  readonly options: Readonly<Record<string, string>>;
  /** "matrix": W is n1×n2; "vector": x is a d×1 column, the rows of the data are (aᵢ, bᵢ) */
  readonly unknown: "matrix" | "vector";
  /** W is symmetric PSD: square, only the symmetric part of each Aᵢ matters, (i, j) and (j, i) are one entry */
  readonly psd: boolean;
  /** the yᵢ (or entry values) are labels −1 or +1 */
  readonly labels: boolean;
  solve(data: MatrixProgramData, options?: ProgramOptions): Promise<ReferenceSolution<Matrix>>;
}

/** vec(Aᵢ) of every measurement as a stacked m × n1·n2 matrix (observed entry k: Aₖ = e_i e_jᵀ) */
export function stackedMeasurements(data: MatrixProgramData): Matrix {
  if (data.kind === "measurements") return data.A;
  const { n1, n2, entries } = data;
  const A = new Matrix(entries.length, n1 * n2);
  entries.forEach((e, k) => { A.data[k * n1 * n2 + e.i * n2 + e.j] = 1; });
  return A;
}

/** the measured values y (the observed values for entries) */
export function measuredValues(data: MatrixProgramData): Float64Array {
  return data.kind === "measurements" ? data.y : Float64Array.from(data.entries, (e) => e.value);
}

/** the rows of a stacked m × n1·n2 matrix as n1×n2 matrices (views, no copies) */
function unstack(A: Matrix, n1: number, n2: number): Matrix[] {
  const d = n1 * n2;
  return Array.from({ length: A.rows }, (_, i) => new Matrix(n1, n2, A.data.subarray(i * d, (i + 1) * d)));
}

/** rows vec((Aᵢ + Aᵢᵀ)/2) of stacked n×n measurements: the same ⟨Aᵢ, W⟩ on symmetric W */
export function symmetrizeMeasurements(A: Matrix, n: number): Matrix {
  const d = n * n, S = new Matrix(A.rows, d);
  for (let i = 0; i < A.rows; i++) {
    const o = i * d;
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) S.data[o + r * n + c] = 0.5 * (A.data[o + r * n + c] + A.data[o + c * n + r]);
  }
  return S;
}

const SDP_OPTIONS = {
  tol: "solver and certificate tolerance on the relative residuals and gap (default 1e-9)",
  maxIterations: "interior-point iterations before giving up (default 100)",
};

function sdpOptions(program: string, o: ProgramOptions): NuclearOptions {
  const tol = positiveNumber(program, "tol", o.tol, 1e-9);
  if (!(tol < 1)) throw new RangeError(`program "${program}": option tol must be below 1, got ${tol}`);
  const maxIterations = positiveNumber(program, "maxIterations", o.maxIterations, 100);
  if (!Number.isInteger(maxIterations)) throw new RangeError(`program "${program}": option maxIterations must be an integer, got ${maxIterations}`);
  return { tol, maxIterations };
}

/**
 * min ‖W‖_* (or, psd, min tr W over W ⪰ 0) on measurements: the SDP runs on an independent, consistent
 * subsystem, and the certificate is measured on all of them with multiplier 0 for the dropped ones.
 */
function nuclearOnMeasurements(program: string, n1: number, n2: number, A: Matrix, y: Float64Array, psd: boolean, options: NuclearOptions): ReferenceSolution<Matrix> {
  const sys = independentSystem(program, psd ? symmetrizeMeasurements(A, n1) : A, y);
  if (sys.kept.length === 0) throw new RangeError(`${program}: every Aᵢ is zero${psd ? " in its symmetric part" : ""}; W = 0 is the only solution, there is no program to solve`);
  const list = unstack(sys.A, n1, n2);
  const sol = psd ? nuclearNormPsd(list, sys.y, options) : minNuclearNorm(list, sys.y, options);
  if (sys.kept.length === A.rows) return sol;
  const lambda = new Float64Array(A.rows);
  sys.kept.forEach((i, r) => { lambda[i] = sol.dual![r]; });
  const full = nuclearNormCertificate(unstack(A, n1, n2), y, sol.solution, lambda, { psd, tol: options.tol ?? 1e-9 });
  return {
    ...sol,
    dual: lambda,
    certificate: {
      ...full,
      iterations: sol.certificate.iterations,
      details: { ...sol.certificate.details, ...full.details, "redundant measurements dropped": A.rows - sys.kept.length },
    },
  };
}

function define(
  name: string,
  spec: Omit<MatrixProgram, "solve">,
  run: (data: MatrixProgramData, options: ProgramOptions) => ReferenceSolution<Matrix> | Promise<ReferenceSolution<Matrix>>,
): MatrixProgram {
  return {
    ...spec,
    async solve(data, opts = {}) {
      checkOptions(name, spec.options, opts);
      if (spec.psd && data.n1 !== data.n2) throw new RangeError(`${name}: a PSD W is square, the data are ${data.n1}×${data.n2}`);
      try {
        return await run(data, opts);
      } catch (e) {
        // the solvers' RangeErrors (no solution, inconsistent data) under the program's name
        if (e instanceof RangeError && !e.message.startsWith(`${name}: `)) throw new RangeError(`${name}: ${e.message.replace(/^[A-Za-z]\w*: /, "")}`, { cause: e });
        throw e;
      }
    },
  };
}

const MATRIX = { unknown: "matrix", psd: false, labels: false } as const;

export const matrixProgramRegistry: Readonly<Record<string, MatrixProgram>> = {
  nuclear: define("nuclear", { ...MATRIX, description: "argmin ‖W‖_* s.t. ⟨Aᵢ, W⟩ = yᵢ (SDP)", options: SDP_OPTIONS }, (data, o) =>
    data.kind === "entries"
      ? matrixCompletionNuclear(data.n1, data.n2, data.entries, false, sdpOptions("nuclear", o))
      : nuclearOnMeasurements("nuclear", data.n1, data.n2, data.A, data.y, false, sdpOptions("nuclear", o)),
  ),
  "nuclear-psd": define("nuclear-psd", { ...MATRIX, psd: true, description: "argmin tr W s.t. ⟨Aᵢ, W⟩ = yᵢ, W ⪰ 0 (= min ‖W‖_* over PSD W; SDP)", options: SDP_OPTIONS }, (data, o) =>
    data.kind === "entries"
      ? matrixCompletionNuclear(data.n1, data.n2, data.entries, true, sdpOptions("nuclear-psd", o))
      : nuclearOnMeasurements("nuclear-psd", data.n1, data.n2, data.A, data.y, true, sdpOptions("nuclear-psd", o)),
  ),
  "nuclear-margin": define(
    "nuclear-margin",
    { ...MATRIX, labels: true, description: "argmin ‖W‖_* s.t. yᵢ⟨Aᵢ, W⟩ ≥ 1 for labels yᵢ = ±1 (nuclear-norm max margin; SDP)", options: SDP_OPTIONS },
    (data, o) => nuclearMaxMargin(unstack(stackedMeasurements(data), data.n1, data.n2), measuredValues(data), sdpOptions("nuclear-margin", o)),
  ),
  "min-frobenius": define(
    "min-frobenius",
    { ...MATRIX, description: "argmin ‖W‖_F s.t. ⟨Aᵢ, W⟩ = yᵢ (normal equations)", options: { tol: "certificate tolerance (default 1e-10)" } },
    (data, o) => minFrobenius(unstack(stackedMeasurements(data), data.n1, data.n2), measuredValues(data), { tol: positiveNumber("min-frobenius", "tol", o.tol, 1e-10) }),
  ),
  "nonneg-l1": define(
    "nonneg-l1",
    { ...MATRIX, unknown: "vector", description: "argmin ‖x‖₁ s.t. Ax = b, x ≥ 0 (LP, HiGHS)", options: { timeLimit: "HiGHS wall-clock limit in seconds (default 60)" } },
    async (data, o) => {
      const sol = await nonnegL1(stackedMeasurements(data), measuredValues(data), { timeLimit: positiveNumber("nonneg-l1", "timeLimit", o.timeLimit, 60) });
      return { program: sol.program, solution: new Matrix(data.n1, data.n2, sol.solution), certificate: sol.certificate, dual: sol.dual };
    },
  ),
};

/** The matrix program named `id`; throws an Error listing the allowed names. */
export function matrixProgramFromId(id: string): MatrixProgram {
  if (!Object.prototype.hasOwnProperty.call(matrixProgramRegistry, id)) {
    throw new Error(`unknown matrix program "${id}"; allowed: ${Object.keys(matrixProgramRegistry).join(", ")}`);
  }
  return matrixProgramRegistry[id];
}
