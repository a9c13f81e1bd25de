// The closed form of the gradient flow on W = UUᵀ under commuting symmetric measurements.
// With sensingObjective's convention L = (1/2m)‖A(UUᵀ) − y‖² the flow is dU/dt = −(2/m) A*(r(t)) U.
// When the Aᵢ commute, all the A*(r(τ)) commute, so U_t = e^{A*(s_t)} U₀ and
//   X_t = U_t U_tᵀ = e^{A*(s_t)} X₀ e^{A*(s_t)},   s_t = −(2/m) ∫₀ᵗ r(τ) dτ
// (c = 2/m here; c = 4 under the seeds' L = ‖A(X) − y‖²). It holds for any U₀; with U₀ = αI, X₀ = α²I.
import { Matrix, expmSym, gemm } from "../../linalg/index.ts";
import type { MeasurementOperator } from "./operator.ts";

/** The constant c in s_t = −c ∫₀ᵗ r(τ) dτ for m measurements under sensingObjective's convention. */
export function commutingFlowConstant(m: number): number {
  return 2 / m;
}

/**
 * X_t = e^{A*(s)} X₀ e^{A*(s)} with s = −(2/m)·integratedResidual, for an operator whose Aᵢ are
 * symmetric and commute (not verified here: checking commutation costs m² products).
 */
export function commutingIdentity(op: MeasurementOperator, integratedResidual: Float64Array, X0: Matrix): Matrix {
  const { n1: n, m } = op;
  if (!op.symmetric) throw new RangeError(`commutingIdentity: ${op.name} is not symmetric (the identity needs commuting symmetric Aᵢ)`);
  if (integratedResidual.length !== m) throw new RangeError(`commutingIdentity: the integrated residual has ${integratedResidual.length} entries, need m = ${m}`);
  if (X0.rows !== n || X0.cols !== n) throw new RangeError(`commutingIdentity: X₀ is ${X0.rows}×${X0.cols}, need ${n}×${n}`);
  const c = commutingFlowConstant(m);
  const s = new Float64Array(m);
  for (let i = 0; i < m; i++) s[i] = -c * integratedResidual[i];
  const M = new Matrix(n, n);
  op.adjoint(s, M.data);
  const E = expmSym(M);
  const X = gemm(gemm(E, X0), E);
  // exactly symmetric (X₀ symmetric): average away the rounding of the two products
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const v = (X.data[a * n + b] + X.data[b * n + a]) / 2;
      X.data[a * n + b] = v;
      X.data[b * n + a] = v;
    }
  }
  return X;
}
