// Figure builders: Vega-Lite specs with the data inlined. Data are remapped to
// safe field names (x, y, series), so column names with dots or brackets
// ("w[0]", "dist.l1") cannot be misread as nested fields; the original names
// become the axis and legend titles. Points a log axis cannot show (≤ 0) and
// non-finite values are dropped, and the spec's description says how many.
import type { FigureSpec, Trace } from "../run/types.ts";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const WIDTH = 520;
const HEIGHT = 320;

export type Datum = Readonly<Record<string, number | string | boolean | null | undefined>>;

/** A horizontal (y) or vertical (x) reference line with a label. */
export type ReferenceLine = { readonly y: number; readonly label: string } | { readonly x: number; readonly label: string };

/** A segment drawn on a scatter chart (a separating direction, a path between points). */
export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly label?: string;
}

export interface ChartOptions {
  /** file-safe name, e.g. "distance-vs-t" */
  readonly name: string;
  readonly title: string;
  /** field of `data` on the horizontal axis */
  readonly x: string;
  /** field of `data` on the vertical axis */
  readonly y: string;
  /** field whose values name the series (one color each) */
  readonly series?: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  readonly seriesTitle?: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly data: readonly Datum[];
  readonly referenceLines?: readonly ReferenceLine[];
  readonly width?: number;
  readonly height?: number;
}

export interface LineChartOptions extends ChartOptions {
  /** draw a point at each datum (default true: recorded iterations are sparse) */
  readonly points?: boolean;
}

export interface ScatterChartOptions extends ChartOptions {
  readonly segments?: readonly Segment[];
  /** the same scale on both axes and a square plot (2-D pictures) */
  readonly equalAxes?: boolean;
  /** point area in px² (default 40) */
  readonly size?: number;
}

interface Cleaned {
  rows: { x: number; y: number; series?: string }[];
  dropped: number;
}

function clean(o: ChartOptions): Cleaned {
  const rows: Cleaned["rows"] = [];
  let dropped = 0;
  for (const d of o.data) {
    const x = d[o.x], y = d[o.y];
    const ok = typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)
      && (!o.logX || x > 0) && (!o.logY || y > 0);
    if (!ok) { dropped++; continue; }
    rows.push(o.series === undefined ? { x, y } : { x, y, series: String(d[o.series] ?? "") });
  }
  return { rows, dropped };
}

function axisScale(log: boolean | undefined, domain?: [number, number]): Record<string, unknown> {
  const s: Record<string, unknown> = log ? { type: "log" } : { zero: false };
  if (domain) s.domain = domain;
  return s;
}

function encodingXY(o: ChartOptions, xDomain?: [number, number], yDomain?: [number, number]): Record<string, unknown> {
  const enc: Record<string, unknown> = {
    x: { field: "x", type: "quantitative", title: o.xTitle ?? o.x, scale: axisScale(o.logX, xDomain) },
    y: { field: "y", type: "quantitative", title: o.yTitle ?? o.y, scale: axisScale(o.logY, yDomain) },
  };
  if (o.series !== undefined) enc.color = { field: "series", type: "nominal", title: o.seriesTitle ?? o.series };
  return enc;
}

function referenceLayers(o: ChartOptions): Record<string, unknown>[] {
  const ys = (o.referenceLines ?? []).filter((r): r is { y: number; label: string } => "y" in r && Number.isFinite(r.y) && (!o.logY || r.y > 0));
  const xs = (o.referenceLines ?? []).filter((r): r is { x: number; label: string } => "x" in r && Number.isFinite(r.x) && (!o.logX || r.x > 0));
  const layers: Record<string, unknown>[] = [];
  const yTitle = o.yTitle ?? o.y, xTitle = o.xTitle ?? o.x;
  if (ys.length > 0) {
    const values = ys.map((r) => ({ y: r.y, label: r.label }));
    layers.push(
      { data: { values }, mark: { type: "rule", strokeDash: [6, 4], color: "#777" }, encoding: { y: { field: "y", type: "quantitative", title: yTitle } } },
      {
        data: { values },
        mark: { type: "text", align: "right", baseline: "bottom", dx: -3, dy: -2, color: "#555", fontSize: 10 },
        encoding: { y: { field: "y", type: "quantitative", title: yTitle }, x: { value: o.width ?? WIDTH }, text: { field: "label" } },
      },
    );
  }
  if (xs.length > 0) {
    const values = xs.map((r) => ({ x: r.x, label: r.label }));
    layers.push(
      { data: { values }, mark: { type: "rule", strokeDash: [6, 4], color: "#777" }, encoding: { x: { field: "x", type: "quantitative", title: xTitle } } },
      {
        data: { values },
        mark: { type: "text", align: "left", baseline: "top", dx: 3, dy: 3, color: "#555", fontSize: 10 },
        encoding: { x: { field: "x", type: "quantitative", title: xTitle }, y: { value: 0 }, text: { field: "label" } },
      },
    );
  }
  return layers;
}

function topLevel(o: ChartOptions, layers: Record<string, unknown>[], dropped: number, square = false): FigureSpec {
  const width = o.width ?? WIDTH;
  const spec: Record<string, unknown> = {
    $schema: SCHEMA,
    title: o.title,
    width,
    height: square ? width : (o.height ?? HEIGHT),
    background: "white",
    config: {
      font: "Helvetica, Arial, sans-serif",
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#eee" },
      legend: { labelFontSize: 11, titleFontSize: 12, orient: "right" },
      title: { fontSize: 14, anchor: "start" },
      view: { stroke: "#ccc" },
    },
    layer: layers,
  };
  if (dropped > 0) spec.description = `${dropped} point${dropped === 1 ? "" : "s"} not shown (non-finite, or ≤ 0 on a log axis)`;
  return { name: o.name, title: o.title, spec };
}

/** Lines over x (one per series), points at the data, optional labelled reference lines; log axes on request. */
export function lineChart(o: LineChartOptions): FigureSpec {
  const { rows, dropped } = clean(o);
  const main = {
    data: { values: rows },
    mark: { type: "line", point: o.points ?? true, clip: true, strokeWidth: 1.5 },
    encoding: encodingXY(o),
  };
  return topLevel(o, [main, ...referenceLayers(o)], dropped);
}

/** Points (colored by series), with optional segments and reference lines; `equalAxes` for 2-D pictures. */
export function scatterChart(o: ScatterChartOptions): FigureSpec {
  const { rows, dropped } = clean(o);
  let xDomain: [number, number] | undefined, yDomain: [number, number] | undefined;
  const segs = (o.segments ?? []).filter((s) => [s.x1, s.y1, s.x2, s.y2].every(Number.isFinite));
  if (o.equalAxes && !o.logX && !o.logY) {
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) { lo = Math.min(lo, r.x, r.y); hi = Math.max(hi, r.x, r.y); }
    for (const s of segs) { lo = Math.min(lo, s.x1, s.x2, s.y1, s.y2); hi = Math.max(hi, s.x1, s.x2, s.y1, s.y2); }
    if (lo < hi) { xDomain = [lo, hi]; yDomain = [lo, hi]; }
  }
  const layers: Record<string, unknown>[] = [{
    data: { values: rows },
    mark: { type: "point", filled: true, size: o.size ?? 40, opacity: 0.8, clip: true },
    encoding: encodingXY(o, xDomain, yDomain),
  }];
  if (segs.length > 0) {
    layers.push({
      data: { values: segs.map((s) => ({ x: s.x1, y: s.y1, x2: s.x2, y2: s.y2, label: s.label ?? "" })) },
      mark: { type: "rule", color: "#222", strokeWidth: 1.5, clip: true },
      encoding: {
        x: { field: "x", type: "quantitative", title: o.xTitle ?? o.x },
        y: { field: "y", type: "quantitative", title: o.yTitle ?? o.y },
        x2: { field: "x2" },
        y2: { field: "y2" },
      },
    });
    if (segs.some((s) => s.label)) {
      layers.push({
        data: { values: segs.filter((s) => s.label).map((s) => ({ x: s.x2, y: s.y2, label: s.label })) },
        mark: { type: "text", align: "left", dx: 4, color: "#222", fontSize: 10 },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" }, text: { field: "label" } },
      });
    }
  }
  return topLevel(o, [...layers, ...referenceLayers(o)], dropped, o.equalAxes);
}

/**
 * Long rows for plotting several columns of a trace against one: one row
 * { [x]: t, value, series: column } per row and column (series = `rename[column] ?? column`).
 */
export function traceRows(trace: Trace, x: string, ys: readonly string[], rename: Readonly<Record<string, string>> = {}): Datum[] {
  const ix = trace.columns.indexOf(x);
  if (ix < 0) throw new RangeError(`traceRows: trace ${trace.name} has no column ${x} (columns: ${trace.columns.join(", ")})`);
  const iys = ys.map((y) => {
    const i = trace.columns.indexOf(y);
    if (i < 0) throw new RangeError(`traceRows: trace ${trace.name} has no column ${y} (columns: ${trace.columns.join(", ")})`);
    return i;
  });
  const out: Datum[] = [];
  for (const row of trace.rows) {
    for (let k = 0; k < ys.length; k++) out.push({ [x]: row[ix], value: row[iys[k]], series: rename[ys[k]] ?? ys[k] });
  }
  return out;
}
