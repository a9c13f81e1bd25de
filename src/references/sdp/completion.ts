// Nuclear-norm matrix completion: min ‖W‖_* s.t. W_ij = value on the observed entries (Aₖ = e_i e_jᵀ), or with
// psd the PSD completion min tr X s.t. X_ij = value, X ⪰ 0 (an entry and its mirror are one observation).
// The SDP blocks are sparse, so the Schur complement costs O(1) per pair of observations.
import type { Matrix } from "../../linalg/index.ts";
import type { ReferenceSolution } from "../types.ts";
import { entryMeasurements, type ObservedEntry } from "./measurements.ts";
import { solveNuclear, solveNuclearPsd, type NuclearOptions } from "./nuclear.ts";
import { SparseSymmetric } from "./types.ts";

/** relative disagreement above which two observations of one entry are inconsistent */
const DUPLICATE_TOL = 1e-12;

/**
 * Checks the entries (integer indices in range, finite values) and merges repeated observations of one entry
 * (with psd, (i, j) and (j, i) are the same entry); RangeError on out-of-range indices or conflicting values.
 */
export function observedEntries(where: string, n1: number, n2: number, entries: readonly ObservedEntry[], psd: boolean): ObservedEntry[] {
  if (!Number.isInteger(n1) || !Number.isInteger(n2) || n1 < 1 || n2 < 1) throw new RangeError(`${where}: the matrix size ${n1}×${n2} must be positive integers`);
  if (psd && n1 !== n2) throw new RangeError(`${where}: a PSD completion needs a square matrix, got ${n1}×${n2}`);
  if (entries.length === 0) throw new RangeError(`${where}: no observed entries`);
  const seen = new Map<number, number>();
  const out: ObservedEntry[] = [];
  entries.forEach((e, k) => {
    const { i, j, value } = e;
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n1 || j >= n2) {
      throw new RangeError(`${where}: entry ${k} at (${i}, ${j}) is outside the ${n1}×${n2} matrix (indices are 0-based)`);
    }
    if (!Number.isFinite(value)) throw new RangeError(`${where}: entry ${k} at (${i}, ${j}) has value ${value}`);
    const [a, b] = psd && j < i ? [j, i] : [i, j];
    const key = a * n2 + b;
    const prev = seen.get(key);
    if (prev !== undefined) {
      const other = out[prev].value;
      if (Math.abs(other - value) > DUPLICATE_TOL * Math.max(1, Math.abs(other), Math.abs(value))) {
        throw new RangeError(`${where}: entry (${i}, ${j}) is observed twice with different values ${other} and ${value}`);
      }
      return;
    }
    seen.set(key, out.length);
    out.push({ i: a, j: b, value });
  });
  return out;
}

/**
 * argmin ‖W‖_* over n₁×n₂ matrices agreeing with the observed entries (0-based (i, j, value)); with psd = true,
 * argmin tr X over symmetric X ⪰ 0 agreeing with them.
 */
export function matrixCompletionNuclear(n1: number, n2: number, entries: readonly ObservedEntry[], psd = false, options: NuclearOptions = {}): ReferenceSolution<Matrix> {
  const where = "matrixCompletionNuclear";
  const obs = observedEntries(where, n1, n2, entries, psd);
  const y = Float64Array.from(obs, (e) => e.value);
  const op = entryMeasurements(n1, n2, obs);
  if (psd) {
    // ⟨Aₖ, X⟩ = X_ij with Aₖ = (e_i e_jᵀ + e_j e_iᵀ)/2
    const blockOf = (k: number) => new SparseSymmetric(n1, [[obs[k].i, obs[k].j, obs[k].i === obs[k].j ? 1 : 0.5]]);
    return solveNuclearPsd(where, "min tr X s.t. X_ij = M_ij (observed), X ⪰ 0", op, blockOf, y, options);
  }
  // Âₖ = ½(e_i e_{n₁+j}ᵀ + e_{n₁+j} e_iᵀ)
  const blockOf = (k: number) => new SparseSymmetric(n1 + n2, [[obs[k].i, n1 + obs[k].j, 0.5]]);
  return solveNuclear(where, "min ‖W‖_* s.t. W_ij = M_ij (observed)", op, blockOf, y, options);
}
