import { test } from "node:test";
import assert from "node:assert/strict";
import { lineChart, renderSvg, scatterChart, traceRows } from "../../src/report/index.ts";

/** the items (path, line or text elements) inside the first group whose class starts with `cls` */
function markItems(svg: string, cls: string): string[] {
  const start = svg.indexOf(`<g class="${cls}`);
  if (start < 0) return [];
  const end = svg.indexOf("</g>", start);
  return svg.slice(start, end).match(/<(path|line|text) [^>]*>/g) ?? [];
}

const data = [
  { t: 1, "dist.l2": 1, method: "gd" },
  { t: 10, "dist.l2": 0.1, method: "gd" },
  { t: 100, "dist.l2": 0.01, method: "gd" },
  { t: 1, "dist.l2": 2, method: "sgd" },
  { t: 10, "dist.l2": 0.5, method: "sgd" },
  { t: 100, "dist.l2": 0.25, method: "sgd" },
  { t: 0, "dist.l2": 3, method: "sgd" }, // not on a log axis
  { t: 1000, "dist.l2": NaN, method: "sgd" }, // not finite
];

test("lineChart: log axes, one color per series, labelled reference lines, dropped points counted", () => {
  const fig = lineChart({ name: "dist", title: "Distance", x: "t", y: "dist.l2", series: "method", logX: true, logY: true, data, referenceLines: [{ y: 1e-2, label: "threshold" }, { x: 50, label: "t = 50" }] });
  assert.equal(fig.name, "dist");
  const spec = fig.spec as { layer: { mark: { type: string }; encoding: Record<string, { scale?: { type?: string }; title?: string; field?: string }>; data: { values: unknown[] } }[]; width: number; description: string };
  assert.equal(spec.width, 520);
  const main = spec.layer[0];
  assert.equal(main.mark.type, "line");
  assert.equal(main.encoding.x.scale?.type, "log");
  assert.equal(main.encoding.y.scale?.type, "log");
  assert.equal(main.encoding.y.title, "dist.l2");
  assert.equal(main.encoding.y.field, "y", "safe field names: a dotted column is not read as a nested field");
  assert.equal(main.encoding.color.field, "series");
  assert.equal(main.data.values.length, 6);
  assert.match(spec.description, /2 points not shown/);
  assert.deepEqual(spec.layer.map((l) => l.mark.type), ["line", "rule", "text", "rule", "text"]);
});

test("renderSvg draws an <svg> with one symbol per datum, the lines, labels, legend and titles", async () => {
  const fig = lineChart({ name: "dist", title: "Distance <to> min-norm", x: "t", y: "dist.l2", yTitle: "relative distance", series: "method", logX: true, logY: true, data, referenceLines: [{ y: 1e-2, label: "threshold 1e-2" }] });
  const svg = await renderSvg(fig);
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal(markItems(svg, "mark-symbol role-mark").length, 6, "a point per plotted datum");
  assert.equal((svg.match(/<g class="mark-line role-mark/g) ?? []).length, 2, "a line per series");
  assert.equal(markItems(svg, "mark-rule role-mark").length, 1);
  assert.match(svg, /threshold 1e-2/);
  assert.match(svg, /relative distance/);
  assert.match(svg, /Distance &lt;to&gt; min-norm/, "titles are escaped by the renderer");
  assert.match(svg, /aria-label="Symbol legend titled 'method'[^"]*2 values: gd, sgd"/);
  assert.ok(!/<script/i.test(svg));
});

test("scatterChart with equal axes and a labelled segment renders every point", async () => {
  const pts = Array.from({ length: 25 }, (_, i) => ({ x1: Math.cos(i), x2: Math.sin(i) * 2, y: i % 2 ? "+1" : "−1" }));
  const fig = scatterChart({ name: "pic", title: "2-D data", x: "x1", y: "x2", series: "y", data: pts, equalAxes: true, segments: [{ x1: 0, y1: 0, x2: 1, y2: 0.5, label: "ŵ" }] });
  const spec = fig.spec as { height: number; width: number; layer: { encoding: { x: { scale: { domain: number[] } } } }[] };
  assert.equal(spec.height, spec.width);
  const all = [...pts.flatMap((p) => [p.x1, p.x2]), 0, 1, 0.5];
  assert.deepEqual(spec.layer[0].encoding.x.scale.domain, [Math.min(...all), Math.max(...all)]);
  const svg = await renderSvg(fig);
  assert.equal(markItems(svg, "mark-symbol role-mark").length, 25);
  assert.equal(markItems(svg, "mark-rule role-mark").length, 1);
  assert.match(svg, />ŵ</);
});

test("traceRows turns trace columns into series", () => {
  const rows = traceRows({ name: "tr", columns: ["t", "a", "b"], rows: [[1, 2, 3], [2, 4, 6]] }, "t", ["a", "b"], { b: "B" });
  assert.deepEqual(rows, [
    { t: 1, value: 2, series: "a" }, { t: 1, value: 3, series: "B" },
    { t: 2, value: 4, series: "a" }, { t: 2, value: 6, series: "B" },
  ]);
  assert.throws(() => traceRows({ name: "tr", columns: ["t"], rows: [] }, "t", ["z"]), /no column z/);
});
