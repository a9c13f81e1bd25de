// Falsifiable verdicts. Every experiment builds its checks with these helpers so
// that the pass rule is the same everywhere: NaN never passes, and a "closer to
// the prediction" check demands a margin over the competing solution.

/** A falsifiable verdict: `measured` against `threshold` and, where given, a competitor. */
export interface Check {
  readonly name: string;
  /** what was measured, e.g. relative distance to the predicted solution */
  readonly measured: number;
  /** how it is compared: measured ≤ threshold or measured ≥ threshold */
  readonly comparator: "<=" | ">=";
  readonly threshold: number;
  /** the prediction's name, e.g. "argmin ‖w − w0‖₂ s.t. Xw = y" */
  readonly predicted?: string;
  /** the competing solution and the same metric measured against it */
  readonly competitor?: { readonly name: string; readonly measured: number };
  /** for competitor checks: required ratio competitor.measured / measured */
  readonly margin?: number;
  readonly pass: boolean;
  readonly note?: string;
}

export interface CheckExtra {
  readonly predicted?: string;
  readonly competitor?: { readonly name: string; readonly measured: number };
  readonly note?: string;
}

/** Passes iff measured ≤ threshold (NaN fails). */
export function checkAtMost(name: string, measured: number, threshold: number, extra: CheckExtra = {}): Check {
  return { name, measured, comparator: "<=", threshold, ...extra, pass: measured <= threshold };
}

/** Passes iff measured ≥ threshold (NaN fails). */
export function checkAtLeast(name: string, measured: number, threshold: number, extra: CheckExtra = {}): Check {
  return { name, measured, comparator: ">=", threshold, ...extra, pass: measured >= threshold };
}

export interface CloserSpec {
  readonly name: string;
  /** the predicted solution's name */
  readonly predicted: string;
  /** distance (or any error) to the predicted solution */
  readonly measured: number;
  readonly threshold: number;
  /** the competing solution and the same distance to it */
  readonly competitor: { readonly name: string; readonly measured: number };
  /** required ratio competitor.measured / measured (default 10) */
  readonly margin?: number;
  readonly note?: string;
}

/**
 * The prediction is clearly closer: passes iff measured ≤ threshold AND
 * competitor.measured ≥ margin·measured. Swapping the two distances fails it.
 */
export function checkCloser(spec: CloserSpec): Check {
  const margin = spec.margin ?? 10;
  if (!(margin >= 1)) throw new RangeError(`checkCloser(${spec.name}): margin must be ≥ 1, got ${margin}`);
  const pass = spec.measured <= spec.threshold && spec.competitor.measured >= margin * spec.measured;
  return {
    name: spec.name,
    measured: spec.measured,
    comparator: "<=",
    threshold: spec.threshold,
    predicted: spec.predicted,
    competitor: { name: spec.competitor.name, measured: spec.competitor.measured },
    margin,
    pass,
    ...(spec.note !== undefined ? { note: spec.note } : {}),
  };
}

/** true iff there is at least one check and all pass (a claim with no checks has no verdict). */
export function allPass(checks: readonly Check[]): boolean {
  return checks.length > 0 && checks.every((c) => c.pass);
}
