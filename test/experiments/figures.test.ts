import { test } from "node:test";
import assert from "node:assert/strict";
import { barFigure, lineFigure, traceSeries } from "../../src/experiments/figures.ts";
import { renderSvg } from "../../src/report/index.ts";

test("lineFigure: one datum per finite point, log axes drop ≤ 0 and say how many, reference lines labelled", () => {
  const f = lineFigure({
    name: "d", title: "distance",
    x: { title: "t", log: true }, y: { title: "dist", log: true },
    series: [{ name: "gd", x: [0, 1, 10, 100], y: [1, 0.1, 0, NaN] }, { name: "sgd", x: [1, 2], y: [0.5, 0.25] }],
    rules: [{ y: 1e-8, label: "threshold" }, { y: 0, label: "not drawable on a log axis" }],
  });
  const layers = f.spec.layer as { data: { values: { x: number; y: number; series?: string; label?: string }[] } }[];
  assert.deepEqual(layers[0].data.values, [{ x: 1, y: 0.1, series: "gd" }, { x: 1, y: 0.5, series: "sgd" }, { x: 2, y: 0.25, series: "sgd" }]);
  assert.equal(f.spec.description, "3 points not shown (non-finite, or ≤ 0 on a log axis)");
  assert.equal(layers.length, 3, "lines, rule, label");
  assert.deepEqual(layers[1].data.values, [{ y: 1e-8, label: "threshold" }]);
  const lin = lineFigure({ name: "e", title: "e", x: { title: "t" }, y: { title: "v" }, series: [{ name: "a", x: [0, 1], y: [-1, 0] }] });
  assert.equal((lin.spec.layer as { data: { values: unknown[] } }[])[0].data.values.length, 2, "linear axes keep 0 and negatives");
  assert.equal(lin.spec.description, undefined);
});

test("traceSeries picks two columns and names a missing one", () => {
  const tr = { name: "run", columns: ["t", "loss", "d"], rows: [[1, 2, 3], [2, 4, 6]] };
  assert.deepEqual(traceSeries(tr, "t", "d"), { name: "run", x: [1, 2], y: [3, 6] });
  assert.throws(() => traceSeries(tr, "t", "gap"), /no column gap \(columns: t, loss, d\)/);
});

test("experiment figures are valid Vega-Lite: the report layer renders them to SVG", async () => {
  const f = lineFigure({
    name: "d", title: "Relative distance to argmin ‖w − w0‖₂",
    x: { title: "iteration t", log: true }, y: { title: "‖w_t − w*‖/‖w*‖", log: true },
    series: [{ name: "gd", x: [1, 10, 100], y: [1, 1e-3, 1e-9] }, { name: "sgd", x: [1, 10, 100], y: [1, 1e-2, 1e-6] }],
    rules: [{ y: 1e-8, label: "threshold 1e-8" }],
  });
  const svg = await renderSvg(f);
  assert.match(svg, /^<svg/);
  assert.ok(svg.includes("threshold 1e-8"));
});

test("barFigure: stacked counts by category in first-appearance order, non-finite bars dropped, renders to SVG", async () => {
  const f = barFigure({
    name: "b", title: "outcomes by pattern", x: { title: "pattern" }, y: { title: "problems" },
    bars: [
      { category: "(1,1) (2,2)", series: "matched", value: 3 }, { category: "(1,1) (2,2)", series: "exception", value: 1 },
      { category: "(3,3) (1,2)", series: "matched", value: 4 }, { category: "(3,3) (1,2)", series: "exception", value: NaN },
    ],
  });
  const layers = f.spec.layer as { data: { values: { x: string; y: number; series: string }[] }; encoding: { x: { sort: string[] } } }[];
  assert.equal(layers[0].data.values.length, 3);
  assert.deepEqual(layers[0].encoding.x.sort, ["(1,1) (2,2)", "(3,3) (1,2)"]);
  assert.equal(f.spec.description, "1 bar not shown (non-finite)");
  const svg = await renderSvg(f);
  assert.match(svg, /^<svg/);
  assert.ok(svg.includes("exception"));
});
