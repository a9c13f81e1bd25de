// Vega-Lite line charts with inlined data for experiment results (FigureSpec), in
// the same shape as the report layer's charts (fields x, y, series; dashed,
// labelled reference lines). Built here because experiments sit below report, whose
// index also loads the Vega renderer. Points a log axis cannot show (≤ 0, NaN, ±∞)
// are dropped, not clamped, and the spec's description says how many.
import type { FigureSpec, Trace } from "../run/index.ts";

export interface Axis {
  readonly title: string;
  readonly log?: boolean;
}

export interface Series {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export interface LineFigure {
  readonly name: string;
  readonly title: string;
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly Series[];
  /** horizontal reference lines, e.g. a threshold */
  readonly rules?: readonly { readonly y: number; readonly label: string }[];
  /** draw points without connecting lines */
  readonly pointsOnly?: boolean;
  /** mark the data points on the lines (default true: recorded iterations are sparse) */
  readonly points?: boolean;
}

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

const WIDTH = 520;
const HEIGHT = 320;

function shown(v: number, log: boolean | undefined): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

function axisEncoding(field: string, a: Axis): Record<string, unknown> {
  return { field, type: "quantitative", title: a.title, scale: a.log ? { type: "log" } : { zero: false } };
}

export function lineFigure(f: LineFigure): FigureSpec {
  const values: { x: number; y: number; series: string }[] = [];
  let dropped = 0;
  for (const s of f.series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      if (shown(s.x[i], f.x.log) && shown(s.y[i], f.y.log)) values.push({ x: s.x[i], y: s.y[i], series: s.name });
      else dropped++;
    }
  }
  const lines: Record<string, unknown> = {
    data: { values },
    mark: f.pointsOnly ? { type: "point", filled: true, clip: true } : { type: "line", point: f.points ?? true, clip: true, strokeWidth: 1.5 },
    encoding: {
      x: axisEncoding("x", f.x),
      y: axisEncoding("y", f.y),
      color: { field: "series", type: "nominal", title: null, legend: { labelLimit: 320 } },
    },
  };
  const rules = (f.rules ?? []).filter((r) => shown(r.y, f.y.log));
  const layers: Record<string, unknown>[] = [lines];
  if (rules.length > 0) {
    const ruleValues = rules.map((r) => ({ y: r.y, label: r.label }));
    const y = { field: "y", type: "quantitative", title: f.y.title };
    layers.push(
      { data: { values: ruleValues }, mark: { type: "rule", strokeDash: [6, 4], color: "#777" }, encoding: { y } },
      {
        data: { values: ruleValues },
        mark: { type: "text", align: "right", baseline: "bottom", dx: -3, dy: -2, color: "#555", fontSize: 10 },
        encoding: { y, x: { value: WIDTH }, text: { field: "label" } },
      },
    );
  }
  const spec: Record<string, unknown> = { $schema: SCHEMA, title: f.title, width: WIDTH, height: HEIGHT, background: "white", layer: layers };
  if (dropped > 0) spec.description = `${dropped} point${dropped === 1 ? "" : "s"} not shown (non-finite, or ≤ 0 on a log axis)`;
  return { name: f.name, title: f.title, spec };
}

/** A series from two columns of a trace. */
export function traceSeries(trace: Trace, x: string, y: string, name = trace.name): Series {
  const ix = trace.columns.indexOf(x), iy = trace.columns.indexOf(y);
  if (ix < 0 || iy < 0) throw new RangeError(`traceSeries: trace "${trace.name}" has no column ${ix < 0 ? x : y} (columns: ${trace.columns.join(", ")})`);
  return { name, x: trace.rows.map((r) => r[ix]), y: trace.rows.map((r) => r[iy]) };
}

export interface Bar {
  /** the category on the x axis, e.g. a sparsity pattern */
  readonly category: string;
  /** the stacked part, e.g. "matched" or "exception" */
  readonly series: string;
  readonly value: number;
}

export interface BarFigure {
  readonly name: string;
  readonly title: string;
  readonly x: { readonly title: string };
  readonly y: { readonly title: string };
  /** categories keep their first-appearance order; the series of one category are stacked */
  readonly bars: readonly Bar[];
}

/** A stacked bar chart of counts by category (a table of outcomes, drawn). Non-finite values are dropped. */
export function barFigure(f: BarFigure): FigureSpec {
  const values = f.bars.filter((b) => Number.isFinite(b.value)).map((b) => ({ x: b.category, y: b.value, series: b.series }));
  const dropped = f.bars.length - values.length;
  const order = [...new Set(values.map((v) => v.x))];
  const bars: Record<string, unknown> = {
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: { field: "x", type: "nominal", title: f.x.title, sort: order, axis: { labelAngle: -45, labelLimit: 200 } },
      y: { field: "y", type: "quantitative", title: f.y.title, stack: "zero" },
      color: { field: "series", type: "nominal", title: null, legend: { labelLimit: 320 } },
    },
  };
  const spec: Record<string, unknown> = { $schema: SCHEMA, title: f.title, width: WIDTH, height: HEIGHT, background: "white", layer: [bars] };
  if (dropped > 0) spec.description = `${dropped} bar${dropped === 1 ? "" : "s"} not shown (non-finite)`;
  return { name: f.name, title: f.title, spec };
}
