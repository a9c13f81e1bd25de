// Shared helpers for the experiment tests: run a claim at its --quick sizes and
// check the shape every Result must have.
import assert from "node:assert/strict";
import { getExperiment } from "../../src/experiments/index.ts";
import { runExperiment, type Check, type Result } from "../../src/run/index.ts";

export async function runQuick(id: string, overrides: Record<string, unknown> = {}, seed = 0): Promise<Result> {
  return runExperiment(getExperiment(id), { quick: true, seed, overrides });
}

/** checks whose name contains every given fragment */
export function checksNamed(r: Result, ...fragments: string[]): Check[] {
  return r.checks.filter((c) => fragments.every((f) => c.name.includes(f)));
}

/** The shape of a result: checks, traces recorded at increasing (log-spaced) t, 1–3 figures, a summary. */
export function assertWellFormed(r: Result, id: string): void {
  assert.equal(r.id, id);
  assert.ok(r.checks.length > 0, "has checks");
  for (const c of r.checks) {
    assert.equal(typeof c.pass, "boolean");
    assert.ok(c.comparator === "<=" || c.comparator === ">=");
    assert.ok(Number.isFinite(c.threshold), `${c.name}: finite threshold`);
  }
  assert.ok(r.traces.length > 0, "has traces");
  for (const t of r.traces) {
    assert.ok(t.columns.length >= 2 && t.rows.length > 0, `trace ${t.name} has data`);
    for (const row of t.rows) assert.equal(row.length, t.columns.length, `trace ${t.name}: row width`);
    if (t.columns[0] === "t") {
      const ts = t.rows.map((row) => row[0]);
      for (let i = 1; i < ts.length; i++) assert.ok(ts[i] > ts[i - 1], `trace ${t.name}: t increasing`);
      // log-spaced: from 10 on, consecutive recorded iterations are at least ~1.2× apart
      for (let i = 1; i < ts.length; i++) if (ts[i - 1] >= 10 && i < ts.length - 1) assert.ok(ts[i] / ts[i - 1] > 1.2, `trace ${t.name}: log-spaced at t = ${ts[i]}`);
    }
  }
  assert.ok(r.figures.length >= 1 && r.figures.length <= 3, "1–3 figures");
  for (const f of r.figures) {
    assert.ok(f.name.length > 0 && f.title.length > 0);
    const layers = f.spec.layer as { data: { values: unknown[] } }[];
    assert.ok(Array.isArray(layers) && layers[0].data.values.length > 0, `figure ${f.name} has data`);
  }
  assert.ok(Object.keys(r.summary).length > 0, "has a summary");
}

export function assertAllPass(r: Result): void {
  const failed = r.checks.filter((c) => !c.pass);
  assert.deepEqual(failed.map((c) => `${c.name}: ${c.measured}`), [], "every check passes");
}
