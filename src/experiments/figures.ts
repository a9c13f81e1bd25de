// Vega-Lite line charts with inlined data for experiment results (FigureSpec).
// Points that a log axis cannot show (≤ 0, NaN, ±∞) are dropped, not clamped.
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
}

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

function shown(v: number, log: boolean | undefined): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

function axisEncoding(field: string, a: Axis): Record<string, unknown> {
  return { field, type: "quantitative", title: a.title, ...(a.log ? { scale: { type: "log" } } : {}), axis: { format: a.log ? "~e" : "~g" } };
}

export function lineFigure(f: LineFigure): FigureSpec {
  const values: { x: number; y: number; series: string }[] = [];
  for (const s of f.series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      if (shown(s.x[i], f.x.log) && shown(s.y[i], f.y.log)) values.push({ x: s.x[i], y: s.y[i], series: s.name });
    }
  }
  const lines: Record<string, unknown> = {
    data: { values },
    mark: f.pointsOnly ? { type: "point", filled: true } : { type: "line", point: true },
    encoding: {
      x: axisEncoding("x", f.x),
      y: axisEncoding("y", f.y),
      color: { field: "series", type: "nominal", title: null },
    },
  };
  const rules = (f.rules ?? []).filter((r) => shown(r.y, f.y.log));
  const layers: Record<string, unknown>[] = [lines];
  if (rules.length > 0) {
    layers.push({
      data: { values: rules.map((r) => ({ y: r.y, label: r.label })) },
      mark: { type: "rule", strokeDash: [4, 4], color: "gray" },
      encoding: { y: { field: "y", type: "quantitative" }, tooltip: [{ field: "label", type: "nominal" }] },
    });
  }
  return {
    name: f.name,
    title: f.title,
    spec: { $schema: SCHEMA, title: f.title, width: 480, height: 300, layer: layers },
  };
}

/** A series from two columns of a trace. */
export function traceSeries(trace: Trace, x: string, y: string, name = trace.name): Series {
  const ix = trace.columns.indexOf(x), iy = trace.columns.indexOf(y);
  if (ix < 0 || iy < 0) throw new RangeError(`traceSeries: trace "${trace.name}" has no column ${ix < 0 ? x : y} (columns: ${trace.columns.join(", ")})`);
  return { name, x: trace.rows.map((r) => r[ix]), y: trace.rows.map((r) => r[iy]) };
}
