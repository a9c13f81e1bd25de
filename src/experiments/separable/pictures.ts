// The 2-D picture of a separable instance: the points coloured by label, and for each direction w
// its decision boundary {x: ⟨w, x⟩ = 0} (solid) and the unit direction from the origin scaled to R (dashed).
import type { BinaryClassificationData } from "../../data/index.ts";
import type { FigureSpec } from "../../run/index.ts";
import { maxRowNorm } from "./setup.ts";

export interface Direction {
  readonly name: string;
  readonly w: ArrayLike<number>;
}

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

export function dataFigure(name: string, title: string, data: BinaryClassificationData, directions: readonly Direction[]): FigureSpec {
  if (data.X.cols !== 2) throw new RangeError(`dataFigure: the picture needs 2-D data, got ${data.X.cols} columns`);
  const R = maxRowNorm(data.X);
  const points = Array.from({ length: data.X.rows }, (_, i) => ({
    x: data.X.get(i, 0), y: data.X.get(i, 1), label: data.y[i] > 0 ? "y = +1" : "y = −1",
  }));
  const lines: { x: number; y: number; series: string; kind: string; order: number }[] = [];
  for (const d of directions) {
    const nw = Math.hypot(d.w[0], d.w[1]);
    if (!(nw > 0) || !Number.isFinite(nw)) continue;
    const u0 = d.w[0] / nw, u1 = d.w[1] / nw;
    // boundary: the line through 0 orthogonal to w, across the data
    lines.push({ x: -R * u1, y: R * u0, series: d.name, kind: "boundary", order: 0 });
    lines.push({ x: R * u1, y: -R * u0, series: d.name, kind: "boundary", order: 1 });
    lines.push({ x: 0, y: 0, series: d.name, kind: "direction", order: 0 });
    lines.push({ x: R * u0, y: R * u1, series: d.name, kind: "direction", order: 1 });
  }
  const scale = { domain: [-R * 1.05, R * 1.05] };
  const spec: Record<string, unknown> = {
    $schema: SCHEMA,
    title,
    width: 420,
    height: 420,
    background: "white",
    layer: [
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 30 },
        encoding: {
          x: { field: "x", type: "quantitative", title: "x₁", scale },
          y: { field: "y", type: "quantitative", title: "x₂", scale },
          shape: { field: "label", type: "nominal", legend: null },
          color: { field: "label", type: "nominal", title: "label", scale: { range: ["#d62728", "#1f77b4"] } },
        },
      },
      {
        data: { values: lines },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "x", type: "quantitative", scale },
          y: { field: "y", type: "quantitative", scale },
          detail: [{ field: "series" }, { field: "kind" }],
          order: { field: "order" },
          strokeDash: { field: "kind", type: "nominal", title: "line", scale: { domain: ["boundary", "direction"], range: [[1, 0], [6, 4]] } },
          stroke: { field: "series", type: "nominal", title: "direction", legend: { labelLimit: 320 } },
        },
      },
    ],
    resolve: { scale: { color: "independent" } },
  };
  return { name, title, spec };
}
