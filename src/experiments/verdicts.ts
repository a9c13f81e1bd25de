// Verdict shapes used by several claims, built on the metrics layer's helpers.
import { checkCloser, type Check, type CloserSpec } from "../metrics/index.ts";

/**
 * checkCloser, and in addition the competitor must be at least `floor` away
 * (CLAIMS.md states both numbers: e.g. ≤ 1e-8 to the prediction, ≥ 1e-1 to the
 * competing solution).
 */
export function checkCloserWithFloor(spec: CloserSpec, floor: number): Check {
  const c = checkCloser(spec);
  const far = spec.competitor.measured >= floor;
  const rule = `passes iff measured ≤ ${spec.threshold}, ${spec.competitor.name} is ≥ ${c.margin ?? 10}× farther, and at least ${floor} away`;
  return { ...c, pass: c.pass && far, note: spec.note ? `${spec.note}; ${rule}` : rule };
}

/** Largest value, NaN if any value is NaN (so that a NaN never passes a ≤ check). */
export function maxOf(values: Iterable<number>): number {
  let m = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/** Smallest value, NaN if any value is NaN (so that a NaN never passes a ≥ check). */
export function minOf(values: Iterable<number>): number {
  let m = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < m) m = v;
  }
  return m;
}
