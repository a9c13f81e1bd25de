// The demos are isomorphic: the worker runs them in the browser, these tests in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/index.ts";
import { demos } from "../../web/demos/index.ts";
import type { FrameMessage, SetupMessage } from "../../web/protocol.ts";
import { defaultState, type State } from "../../web/state.ts";

async function runDemo(state: State, controller?: AbortController, abortAfterFrames = Infinity) {
  let setup: SetupMessage | undefined;
  const frames: FrameMessage[] = [];
  const post = (m: SetupMessage | FrameMessage) => {
    if (m.type === "setup") setup = m;
    else if (frames.push(m) >= abortAfterFrames) controller?.abort();
  };
  const done = await demos[state.demo](state, new Rng(state.seed), post, controller?.signal);
  assert.ok(setup, "a setup message comes first");
  const row = (method: string) => {
    const r = done.rows.find((x) => x.method.startsWith(method));
    assert.ok(r, `a row for ${method}`);
    return Object.fromEntries(done.columns.map((c, k) => [c, r.values[k]]));
  };
  return { setup, frames, done, row };
}

test("separable: both angles to ŵ fall, normalized GD's far below GD's; frames arrive at increasing t for each method", async () => {
  const { setup, frames, done, row } = await runDemo({ ...defaultState(), demo: "separable", steps: 20000 });
  assert.ok(setup.picture && setup.picture.points.length === 2 * setup.picture.labels.length);
  const gd = row("gradient descent"), ngd = row("normalized GD");
  for (const r of [gd, ngd]) {
    assert.equal(r.t, 20000);
    assert.ok(r["angle at t"] < r["angle at t = 1"] / 10, `angle ${r["angle at t"]} vs ${r["angle at t = 1"]} at t = 1`);
  }
  assert.ok(ngd["angle at t"] < gd["angle at t"] / 100, `normalized GD ${ngd["angle at t"]} vs GD ${gd["angle at t"]}`);
  const svmMargin = setup.references.find((r) => r.label.startsWith("SVM margin"))!.value;
  assert.ok(Math.abs(ngd["margin γ(w_t)"] - svmMargin) < 1e-3 * svmMargin);
  for (const method of setup.methods.map((m) => m.name)) {
    const ts = frames.filter((f) => f.method === method).map((f) => f.t);
    assert.ok(ts.length >= 40 && ts[0] === 1 && ts.at(-1) === 20000 && ts.every((t, i) => i === 0 || t > ts[i - 1]), method);
    assert.ok(frames.filter((f) => f.method === method).every((f) => f.direction?.length === 2));
  }
  assert.equal(done.stopped, false);
});

test("least squares: GD ends at the min-ℓ2 interpolant, mirror descent nearest the min-ℓ1 one; SIMD and plain kernels agree to 1e-12", async () => {
  const state: State = { ...defaultState(), demo: "least-squares", steps: 10000 };
  const simd = await runDemo(state), plain = await runDemo({ ...state, simd: false });
  assert.equal(simd.setup.kernels, "WebAssembly SIMD (fused residual pass)");
  assert.match(plain.setup.kernels, /^plain TypeScript \(SIMD switched off\)/);
  const gd = simd.row("gradient descent"), md = simd.row("mirror descent"), cd = simd.row("coordinate descent");
  assert.ok(gd["to min-ℓ2"] < 1e-12 && gd["L(w_t)"] < 1e-28);
  assert.ok(md["to min-ℓ1"] < 0.15 && md["to min-ℓ1"] < cd["to min-ℓ1"] / 2 && md["to min-ℓ1"] < gd["to min-ℓ1"] / 5, JSON.stringify({ md, cd, gd }));
  assert.ok(cd["to min-ℓ2"] > 0.5 && cd["to min-ℓ1"] > 0.1, "coordinate descent reaches neither");
  for (let i = 0; i < simd.done.rows.length; i++) {
    simd.done.rows[i].values.forEach((v, k) => {
      const w = plain.done.rows[i].values[k];
      assert.ok(Math.abs(v - w) <= 1e-12 * Math.max(1, Math.abs(v)), `${simd.done.rows[i].method}, ${simd.done.columns[k]}: ${v} vs ${w}`);
    });
  }
});

test("a run aborted during its first method stops there and says so", async () => {
  const { done } = await runDemo({ ...defaultState(), demo: "separable", steps: 10_000_000 }, new AbortController(), 5);
  assert.equal(done.stopped, true);
  assert.equal(done.rows.length, 1, "the second method does not start");
  assert.ok(done.rows[0].values[0] >= 5 && done.rows[0].values[0] < 10_000_000);
});
