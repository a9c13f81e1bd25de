// What the run loop reports and the shapes every experiment returns.

export type StopReason = "max-iterations" | "loss-target" | "time-limit" | "diverged" | "aborted";

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
  readonly pass: boolean;
  readonly note?: string;
}

/** A table of metrics recorded at (log-spaced) iterations. */
export interface Trace {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: number[][];
}

/** A Vega-Lite specification with its data inlined. */
export interface FigureSpec {
  readonly name: string;
  readonly title: string;
  readonly spec: Record<string, unknown>;
}

export interface Result {
  readonly id: string;
  readonly params: Record<string, unknown>;
  readonly checks: Check[];
  readonly traces: Trace[];
  readonly figures: FigureSpec[];
  readonly summary: Record<string, number | string | boolean>;
  readonly seconds?: number;
}
