// The Newton system of the Bregman-projection dual: (X ∇²ψ*(z) Xᵀ) Δ = r.
import { Matrix, dot } from "../linalg/index.ts";
import type { Potential } from "../geometry/index.ts";
import { dampedCholeskySolve, type DampedSolveStatus } from "./dampedCholesky.ts";

/** delta ← (X H Xᵀ + μI)⁻¹ r with H = ∇²ψ*(z), built column by column from hessConjVec */
export function newtonSystem(X: Matrix, potential: Potential, z: Float64Array, r: Float64Array, delta: Float64Array): DampedSolveStatus {
  const N = X.rows, d = X.cols;
  const M = new Matrix(N, N);
  const hx = new Float64Array(d);
  for (let j = 0; j < N; j++) {
    potential.hessConjVec(z, X.row(j), hx);
    for (let i = 0; i <= j; i++) {
      const v = dot(X.row(i), hx);
      M.data[i * N + j] = v;
      M.data[j * N + i] = v;
    }
  }
  return dampedCholeskySolve(M, r, delta);
}
