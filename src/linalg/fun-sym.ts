// Spectral functions of symmetric matrices: f(A) = V diag(f(λ)) Vᵀ from A = V diag(λ) Vᵀ.
import { Matrix } from "./matrix.ts";
import { eigSymInto, EigSymWorkspace } from "./eig-sym.ts";

/**
 * f(A) = V diag(f(λ_i)) Vᵀ for symmetric A (the symmetric part is used, see eigSym). The result is exactly
 * symmetric. `out` (n×n, not aliasing A) and `ws` make it allocation-free.
 */
export function funSym(A: Matrix, f: (lambda: number) => number, out: Matrix = new Matrix(A.rows, A.rows),
  ws: EigSymWorkspace = new EigSymWorkspace(A.rows)): Matrix {
  const n = A.rows;
  if (out.rows !== n || out.cols !== n) throw new RangeError(`funSym: out is ${out.rows}×${out.cols}, need ${n}×${n}`);
  if (out === A) throw new RangeError("funSym: out must not alias A");
  if (ws.n !== n) throw new RangeError(`funSym: workspace is for n = ${ws.n}, matrix has n = ${n}`);
  // λ and f(λ) in the workspace's free buffers; V is copied from out into ws.z (free once eigSymInto returns)
  const lam = ws.values, fl = ws.scratch, V = ws.z;
  eigSymInto(A, lam, out, ws);
  V.set(out.data);
  for (let l = 0; l < n; l++) fl[l] = f(lam[l]);
  const o = out.data;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let l = 0; l < n; l++) s += V[i * n + l] * fl[l] * V[j * n + l];
      o[i * n + j] = s;
      o[j * n + i] = s;
    }
  }
  return out;
}

/** e^A for symmetric A via its eigendecomposition: V diag(e^λ) Vᵀ (entries overflow to ∞ past λ ≈ 709). */
export function expmSym(A: Matrix, out?: Matrix, ws?: EigSymWorkspace): Matrix {
  return funSym(A, Math.exp, out, ws);
}
