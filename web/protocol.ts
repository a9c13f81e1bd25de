// The messages between the page and the worker that runs the optimizers (structured-clone data only).
import type { State } from "./state.ts";

/** A chart of metrics against the iteration t, both on log axes. */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** the y axis' label */
  readonly y: string;
}

/** The 2-D picture: points, labels and the predicted direction. */
export interface Picture {
  /** x₀, y₀, x₁, y₁, … */
  readonly points: readonly number[];
  /** ±1 per point */
  readonly labels: readonly number[];
  /** the predicted unit direction (the SVM's ŵ) */
  readonly predicted: readonly [number, number];
  readonly predictedLabel: string;
}

/** One optimizer of a demo: its name and the color its curves get. */
export interface Method {
  readonly name: string;
  readonly color: string;
}

/** A number in a table, with the label it is shown under. */
export interface Reading {
  readonly label: string;
  readonly value: number;
}

export interface SetupMessage {
  readonly type: "setup";
  readonly title: string;
  /** what the demo shows, in one or two sentences */
  readonly caption: string;
  readonly charts: readonly ChartSpec[];
  readonly methods: readonly Method[];
  /** the reference solutions' numbers (margins, norms, certificate residuals) */
  readonly references: readonly Reading[];
  /** which kernels the demo's gradients run on, e.g. "WebAssembly SIMD" or "plain TypeScript" */
  readonly kernels: string;
  /** whether this engine has WebAssembly SIMD at all */
  readonly simdAvailable: boolean;
  readonly picture?: Picture;
}

/** A checkpoint of one method: its metrics at iteration t (and its direction, for the picture). */
export interface FrameMessage {
  readonly type: "frame";
  readonly method: string;
  readonly t: number;
  /** by chart id */
  readonly values: Readonly<Record<string, number>>;
  readonly direction?: readonly [number, number];
}

/** The final numbers: one row per method. */
export interface DoneMessage {
  readonly type: "done";
  readonly columns: readonly string[];
  readonly rows: readonly { readonly method: string; readonly values: readonly number[] }[];
  readonly seconds: number;
  /** true when a stop request ended the runs early */
  readonly stopped: boolean;
}

export interface ErrorMessage {
  readonly type: "error";
  readonly message: string;
}

/** What the worker posts, tagged with the run it belongs to (the page ignores stale runs). */
export type FromWorker = (SetupMessage | FrameMessage | DoneMessage | ErrorMessage) & { readonly run: number };

/** Runs a demo (stopping any run under way first), or stops the current one. */
export type ToWorker = { readonly type: "run"; readonly run: number; readonly state: State } | { readonly type: "stop" };
