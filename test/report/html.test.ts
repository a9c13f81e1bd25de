import { test } from "node:test";
import assert from "node:assert/strict";
import { figureKey, lineChart, renderSvg, reportHtml } from "../../src/report/index.ts";
import { checkAtLeast, checkAtMost, checkCloser } from "../../src/metrics/index.ts";
import type { Result } from "../../src/run/types.ts";

function results(): Result[] {
  const fig = lineChart({ name: "dist", title: "distance vs t", x: "t", y: "d", logY: true, data: [{ t: 1, d: 1 }, { t: 2, d: 0.1 }] });
  return [
    {
      id: "ls-gd-min-norm", params: { n: 50, lrs: [0.1, 0.2] }, seconds: 1.5, seed: 3, quick: true,
      claim: "GD converges to argmin ‖w − w0‖ s.t. Xw = y & nothing <else>",
      checks: [
        checkCloser({ name: "distance <to> min-ℓ2", predicted: "argmin ‖w‖₂", measured: 3e-12, threshold: 1e-8, competitor: { name: "min-ℓ1 <LP>", measured: 0.4 } }),
        checkAtLeast("gap to ℓ1", 0.4, 0.1),
      ],
      traces: [{ name: "gd", columns: ["t", "d"], rows: [[1, 1], [2, 0.1]] }],
      figures: [fig],
      summary: { "<b>bold</b>": 1, iterations: 1e4, note: "a & b" },
    },
    {
      id: "ls-rowspace", params: {}, checks: [checkAtMost("orthogonal component", 2e-9, 1e-10)], traces: [], figures: [], summary: {},
    },
  ];
}

test("the report lists every check with its numbers and verdict, and escapes all text", async () => {
  const rs = results();
  const svg = await renderSvg(rs[0].figures[0]);
  const html = reportHtml(rs, { [figureKey("ls-gd-min-norm", "dist")]: svg }, { claims: { "ls-rowspace": "iterates stay in w0 + span(x_n) <Lemma 3>" } });
  assert.match(html, /^<!doctype html>/);
  for (const r of rs) for (const c of r.checks) assert.ok(html.includes(c.name.replace(/</g, "&lt;").replace(/>/g, "&gt;")), c.name);
  assert.match(html, /distance &lt;to&gt; min-ℓ2/);
  assert.match(html, /min-ℓ1 &lt;LP&gt;: <span class="num" title="0.4">0.4<\/span>/);
  assert.match(html, /must be ≥ 10× measured/);
  assert.match(html, /title="3e-12">3e-12</);
  assert.match(html, /≤ 1e-8/);
  assert.match(html, /≥ 0.1/);
  assert.match(html, /&lt;b&gt;bold&lt;\/b&gt;/);
  assert.match(html, /a &amp; b/);
  assert.match(html, /nothing &lt;else&gt;/);
  assert.match(html, /span\(x_n\) &lt;Lemma 3&gt;/, "statement from the lookup");
  assert.ok(!html.includes("<b>bold"), "no raw markup from data");
  // verdicts: the first claim passes, the second fails (2e-9 > 1e-10)
  assert.match(html, /<code>ls-gd-min-norm<\/code> <span class="badge pass">PASS<\/span>/);
  assert.match(html, /<code>ls-rowspace<\/code> <span class="badge fail">FAIL<\/span>/);
  assert.match(html, /1 of 2 claims pass, 1 fail/);
  // self-contained: the figure is inline, nothing is fetched, no scripts
  assert.match(html, /<figure><svg /);
  assert.ok(!/<script|<link|\ssrc=|@import/i.test(html));
  assert.ok(!/id="clip1"/.test(html) && /id="r0f0-clip1"/.test(html), "SVG ids are prefixed per figure");
});

test("a missing figure is reported, an SVG carrying scripts is defused", () => {
  const rs = results();
  const html = reportHtml(rs.slice(0, 1), {});
  assert.match(html, /figure dist was not rendered/);
  const evil = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><rect/></a></svg>';
  const html2 = reportHtml(rs.slice(0, 1), { [figureKey("ls-gd-min-norm", "dist")]: evil });
  assert.ok(!/alert/.test(html2));
});

test("a result without checks gets no verdict rather than a pass", () => {
  const html = reportHtml([{ id: "poly-net", params: {}, checks: [], traces: [], figures: [], summary: { explored: true } }]);
  assert.match(html, /NO CHECKS/);
  assert.match(html, /0 of 1 claim pass, 1 without checks/);
});
