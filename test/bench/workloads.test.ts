import { test } from "node:test";
import assert from "node:assert/strict";
import {
  diagNetGd, diagNetProblem, logregGd, relu2Gd, relu2Problem, runSolverWorkload, runWorkload, sensingGd, sensingProblem, separableMarginRows, solverWorkloads, workloads,
} from "../../src/bench/index.ts";
import { Rng } from "../../src/random/index.ts";
import { naiveDiagNet, naiveLogreg, naiveRelu2, naiveSensing } from "./naive.ts";
import { allocatedBytes } from "../helpers/heap.ts";

function close(got: number, want: number, rel: number, what: string): void {
  assert.ok(Number.isFinite(got), `${what}: ${got} is not finite`);
  assert.ok(Math.abs(got - want) <= rel * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);
}

function closeVec(got: ArrayLike<number>, want: ArrayLike<number>, rel: number, what: string): void {
  assert.equal(got.length, want.length, what);
  let scale = 0;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]));
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= rel * Math.max(scale, 1e-300), `${what}[${i}]: ${got[i]} vs ${want[i]}`);
}

test("separable data: unit w*, every row's margin ⟨zᵢ, w*⟩ at least the gap, Gaussian-sized rows", () => {
  const { Z, wStar } = separableMarginRows(new Rng(5), 300, 4, 0.3);
  close(Math.hypot(...wStar), 1, 1e-15, "‖w*‖");
  let sq = 0;
  for (let i = 0; i < Z.rows; i++) {
    let m = 0;
    for (let j = 0; j < 4; j++) {
      m += Z.get(i, j) * wStar[j];
      sq += Z.get(i, j) ** 2;
    }
    assert.ok(m >= 0.3, `row ${i}: margin ${m}`);
  }
  assert.ok(Math.abs(sq / Z.rows / 4 - 1) < 0.2, `mean square ${sq / Z.rows / 4}`);
});

test("logreg GD (both the d = 2 and the general kernel) matches the naive loop, and the margin is the min over rows", () => {
  // odd and even n (d = 2 runs two rows per lane pair), every row tail n mod 4 and column tail d mod 4
  for (const [n, d, iters] of [[7, 2, 300], [8, 2, 100], [10, 5, 60], [9, 3, 50], [13, 1, 40], [6, 8, 40]] as const) {
    const { Z } = separableMarginRows(new Rng(6), n, d);
    const want = naiveLogreg(Z, iters);
    for (const simd of [true, false]) {
      const inst = logregGd(Z, 1, { simd });
      assert.equal(inst.simd, simd);
      inst.run(iters);
      closeVec(inst.w, want.w, 1e-12, `w (${n}×${d}, simd ${simd})`);
      close(inst.check(), want.check, 1e-12, `margin (${n}×${d}, simd ${simd})`);
      assert.ok(inst.check() > 0, "separable data end with a positive margin");
    }
  }
});

test("sensing GD on packed symmetric operators matches full-matrix GD; the problem is the peer's", () => {
  const [n, m, iters] = [5, 12, 100];
  const problem = sensingProblem(new Rng(7), n, m);
  // Aᵢ symmetric, X* of rank ≤ 2 with unit Frobenius norm, y = A(X*)
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) assert.equal(problem.A[i * n * n + j * n + k], problem.A[i * n * n + k * n + j]);
  close(Math.hypot(...problem.xStar), 1, 1e-14, "‖X*‖_F");
  const eta = 0.05 / m;
  const want = naiveSensing(problem.A, problem.y, n, m, iters, eta, 0.1);
  for (const simd of [true, false]) {
    const inst = sensingGd(problem, eta, 0.1, { simd });
    assert.equal(inst.simd, simd);
    const initial = inst.check();
    inst.run(iters);
    closeVec(inst.U.data, want.U, 1e-11, `U (simd ${simd})`);
    close(inst.check(), want.check, 1e-10, `loss (simd ${simd})`);
    assert.ok(inst.check() < initial, `the loss falls: ${initial} → ${inst.check()}`);
  }
});

test("diagonal-net GD matches the naive loop (w = u² − v² kept in step)", () => {
  for (const [N, d] of [[9, 23], [4, 8], [7, 1], [5, 2]] as const) {
    const problem = diagNetProblem(new Rng(8), N, d, Math.min(3, d));
    const want = naiveDiagNet(problem.X, problem.y, 200, 0.1, 0.1);
    for (const simd of [true, false]) {
      const inst = diagNetGd(problem, 0.1, 0.1, { simd });
      assert.equal(inst.simd, simd);
      inst.run(200);
      closeVec(inst.w, want.w, 1e-11, `w (simd ${simd})`);
      for (let j = 0; j < inst.w.length; j++) assert.equal(inst.w[j], inst.u[j] ** 2 - inst.v[j] ** 2);
      close(inst.check(), want.check, 1e-11, `‖w‖₁ (simd ${simd})`);
    }
  }
});

test("two-layer ReLU GD matches the whole-matrix loop; data are ±1/√d with y = sign(x₁x₂)", () => {
  // odd and even d (the SIMD path pads rows to even), n and width off the kernels' chunks of six and groups of four
  for (const [n, d, width, iters] of [[13, 4, 9, 50], [14, 3, 6, 40]] as const) {
    const p = relu2Problem(new Rng(9), n, d, width);
    for (const v of p.X) assert.equal(Math.abs(v), 1 / Math.sqrt(d));
    for (let i = 0; i < n; i++) assert.equal(p.y[i], Math.sign(p.X[i * d] * p.X[i * d + 1]));
    const want = naiveRelu2(p.X, p.y, p.W0, p.a0, n, d, width, iters, 0.5);
    for (const simd of [true, false]) {
      const inst = relu2Gd(p, 0.5, { simd });
      assert.equal(inst.simd, simd);
      inst.run(iters);
      closeVec(inst.W, want.W, 1e-12, `W (${n}×${d}×${width}, simd ${simd})`);
      closeVec(inst.a, want.a, 1e-12, `a (${n}×${d}×${width}, simd ${simd})`);
      close(inst.check(), want.check, 0, `accuracy (simd ${simd})`);
      assert.notDeepEqual(Array.from(inst.W), Array.from(p.W0), "W moved (and W0, which the naive loop started from, was left as it was)");
    }
  }
});

test("every registered workload runs at a tiny iteration count and returns a finite, well-formed result", () => {
  for (const w of workloads) {
    const r = runWorkload(w, 1, { iters: 3 });
    assert.equal(r.kernels, "wasm-simd");
    assert.equal(runWorkload(w, 1, { iters: 1, simd: false }).kernels, "plain");
    assert.equal(r.workload, w.name);
    assert.equal(r.scale, 1);
    assert.equal(r.iters, 3);
    for (const k of ["seconds", "iters_per_s", "check"] as const) assert.ok(Number.isFinite(r[k]), `${w.name}.${k} = ${r[k]}`);
    assert.ok(r.seconds >= 0 && r.iters_per_s > 0);
    assert.ok(w.target >= 1 && w.iters > 0 && w.summary.length > 0);
  }
  assert.deepEqual(workloads.map((w) => w.name), ["logreg-2d", "logreg-gd", "sensing-gd", "diag-net-gd", "relu2-gd"]);
  assert.throws(() => runWorkload(workloads[0], 0), RangeError);
  assert.throws(() => runWorkload(workloads[0], 1, { iters: 1.5 }), RangeError);
});

test("--scale multiplies the peer's sizes as numpy_bench.py does", () => {
  const sizes = Object.fromEntries(workloads.map((w) => [w.name, w.sizes(2)]));
  assert.deepEqual(sizes, {
    "logreg-2d": { n: 200, d: 2 },
    "logreg-gd": { n: 2000, d: 100 },
    "sensing-gd": { n: 100, m: 600 },
    "diag-net-gd": { N: 200, d: 2000 },
    "relu2-gd": { n: 400, d: 20, width: 200 },
  });
  assert.deepEqual(workloads.map((w) => w.iters), [200_000, 20_000, 2000, 20_000, 5000]);
});

test("the solver workloads on their own instances (the peer's sizes): certified optima, the SVM margin at least the data's gap, the SDP recovers the rank-2 truth", () => {
  for (const w of solverWorkloads) {
    const res = runSolverWorkload(w, w.instance(new Rng(0)), { repeats: 0 });
    assert.equal(res.workload, w.name);
    assert.equal(res.instance, "own");
    assert.equal(res.status, "optimal");
    assert.ok(res.certificate.ok, JSON.stringify(res.certificate));
    assert.equal(res.warm_seconds, null);
    if (w.name === "svm-l2") {
      assert.ok((res.margin as number) >= 0.1, `margin ${res.margin}`);
      assert.ok(Math.abs((res.norm_w as number) * (res.margin as number) - 1) < 1e-9);
    } else {
      assert.ok((res.rel_err_to_truth as number) < 1e-6, `relative error ${res.rel_err_to_truth}`);
    }
  }
});

test("1e5 steps of every loop (small sizes, SIMD and plain kernels) grow the heap by less than 1 MB", () => {
  const MB = 1 << 20;
  const makers: [string, (simd: boolean) => { run(n: number): void }][] = [
    ["logreg-2d", (simd) => logregGd(separableMarginRows(new Rng(20), 21, 2).Z, 1, { simd })],
    ["logreg-gd", (simd) => logregGd(separableMarginRows(new Rng(21), 22, 5).Z, 1, { simd })],
    ["sensing-gd", (simd) => { const p = sensingProblem(new Rng(22), 4, 10); return sensingGd(p, 0.05 / p.m, 1e-3, { simd }); }],
    ["diag-net-gd", (simd) => diagNetGd(diagNetProblem(new Rng(23), 5, 13), 0.01, 0.05, { simd })],
    ["relu2-gd", (simd) => relu2Gd(relu2Problem(new Rng(24), 9, 4, 7), 0.5, { simd })],
  ];
  for (const [name, make] of makers) {
    for (const simd of [true, false]) {
      const inst = make(simd);
      const bytes = allocatedBytes(1e5, (n) => inst.run(n));
      assert.ok(bytes < MB, `${name} (simd ${simd}): ${bytes} bytes over 1e5 steps`);
    }
  }
});
