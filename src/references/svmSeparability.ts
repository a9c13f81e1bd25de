// Linear separability through the origin, decided by one LP with a certificate either way:
//   max t  s.t.  Zw ≥ t·1,  ‖w‖_∞ ≤ 1           (zᵢ = yᵢxᵢ)
// whose value equals, by LP duality, min_{λ ∈ simplex} ‖Zᵀλ‖₁. If t* > 0, w/t* has
// every margin ≥ 1 (separable); if t* = 0, the optimal dual λ ≥ 0, Σλ = 1, has
// Σλᵢyᵢxᵢ = 0: a Farkas certificate that no w has all margins positive (Gordan).
import { Matrix, norm1, normInf } from "../linalg/index.ts";
import { solveLp, type LpOptions } from "./highs.ts";
import { checkClassification, marginsOf, signedRows } from "./svmCertificate.ts";

/** Non-separable data where separability is required: one line saying so; `farkas` is the certificate when known. */
export class NotSeparableError extends RangeError {
  readonly farkas?: Float64Array;
  constructor(message: string, farkas?: Float64Array) {
    super(message);
    this.name = "NotSeparableError";
    this.farkas = farkas;
  }
}

export interface SeparabilityResult {
  readonly separable: boolean;
  /** when separable: w with yᵢ⟨w, xᵢ⟩ ≥ 1 for every i */
  readonly w?: Float64Array;
  /** when not: λ ≥ 0, Σλᵢ = 1, with ‖Σλᵢyᵢxᵢ‖ ≈ 0 */
  readonly farkas?: Float64Array;
  /** the LP value max_{‖w‖_∞ ≤ 1} minᵢ yᵢ⟨w, xᵢ⟩ (the ℓ∞-normalized margin; 0 when not separable) */
  readonly linfMargin: number;
  /** separable: minᵢ yᵢ⟨w, xᵢ⟩ (≥ 1); not separable: ‖Σλᵢyᵢxᵢ‖₁ / maxᵢ‖xᵢ‖₁ (≈ 0) */
  readonly residual: number;
  /** one line for people */
  readonly message: string;
}

export interface SeparabilityOptions extends LpOptions {
  /** margins t* ≤ tol·maxᵢ‖xᵢ‖₁ count as 0, i.e. not separable (default 1e-9) */
  readonly tol?: number;
}

/** Decides whether some w has yᵢ⟨w, xᵢ⟩ ≥ 1 for all i (no bias), with a certificate either way. */
export async function separabilityCheck(X: Matrix, y: Float64Array, options: SeparabilityOptions = {}): Promise<SeparabilityResult> {
  checkClassification("separabilityCheck", X, y);
  const n = X.rows, d = X.cols;
  const tol = options.tol ?? 1e-9;
  const Z = signedRows(X, y);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, norm1(Z.row(i)));
  // variables (w, t); rows: zᵢᵀw − t ≥ 0
  const cols = d + 1;
  const A = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    A.set(Z.row(i), i * cols);
    A[i * cols + d] = -1;
  }
  const cost = new Float64Array(cols);
  cost[d] = -1; // maximize t
  const colLower = new Float64Array(cols).fill(-1), colUpper = new Float64Array(cols).fill(1);
  colLower[d] = -Infinity;
  colUpper[d] = Infinity;
  const lp = await solveLp(
    { cost, A, rows: n, cols, rowLower: new Float64Array(n), rowUpper: new Float64Array(n).fill(Infinity), colLower, colUpper },
    options,
  );
  if (lp.status !== "optimal") throw new Error(`separabilityCheck: HiGHS ended with status "${lp.status}"${lp.status === "timeLimit" ? "; raise timeLimit" : ""}`);
  const t = lp.x[d];
  if (t > tol * scale) {
    const w = Float64Array.from(lp.x.subarray(0, d), (v) => v / t);
    const u = marginsOf(X, y, w);
    let minU = Infinity;
    for (const v of u) minU = Math.min(minU, v);
    // rescale so that every margin is ≥ 1 exactly (the LP meets its rows to its tolerance)
    if (minU < 1 && minU > 0) for (let j = 0; j < d; j++) w[j] /= minU;
    return {
      separable: true,
      w,
      linfMargin: t,
      residual: marginsOf(X, y, w).reduce((a, v) => Math.min(a, v), Infinity),
      message: `linearly separable through the origin: ℓ∞-normalized margin ${t.toPrecision(6)}`,
    };
  }
  // not separable: λ from the row duals (sign conventions vary; the certificate is measured on |λ|)
  const lambda = Float64Array.from(lp.rowDual, Math.abs);
  let sum = 0;
  for (const v of lambda) sum += v;
  if (!(sum > 0)) throw new Error("separabilityCheck: HiGHS returned no dual multipliers for a non-separable problem");
  for (let i = 0; i < n; i++) lambda[i] /= sum;
  const v = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) v[j] += lambda[i] * Z.data[i * d + j];
  const residual = norm1(v) / Math.max(scale, Number.MIN_VALUE);
  const support = lambda.reduce((c, l) => c + (l > 1e-9 ? 1 : 0), 0);
  return {
    separable: false,
    farkas: lambda,
    linfMargin: Math.max(0, t),
    residual,
    message: `not linearly separable through the origin: ${support} example${support === 1 ? "" : "s"} have a convex combination of yᵢxᵢ equal to 0 (‖Σλᵢyᵢxᵢ‖∞ = ${normInf(v).toExponential(1)}), so no w classifies them all with a positive margin`,
  };
}

/** Resolves when the data are separable; otherwise throws NotSeparableError with the Farkas certificate and the check's message. */
export async function requireSeparable(X: Matrix, y: Float64Array, options: SeparabilityOptions = {}): Promise<SeparabilityResult> {
  const r = await separabilityCheck(X, y, options);
  if (!r.separable) throw new NotSeparableError(`${r.message}; this needs separable data`, r.farkas);
  return r;
}
