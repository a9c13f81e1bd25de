import { test } from "node:test";
import assert from "node:assert/strict";
import {
  diagNetGd, diagNetProblem, logregGd, relu2Gd, relu2Problem, sensingGd, sensingProblem, separableMarginRows,
} from "../../src/bench/index.ts";
import { chunkBounds, DIAG_BALANCED_MAX_BYTES, diagNetGdTwoThreads, logregGdTwoThreads, relu2GdTwoThreads, sensingGdTwoThreads, type TwoThreadInstance } from "../../src/bench/threads/programs.ts";
import { SharedArena, startTeam as startTeamOn, type StepProgram, type TeamOptions } from "../../src/bench/threads/team.ts";
import { nodeTeamHost } from "../../src/cli/threads/nodeHost.ts";
import { Rng } from "../../src/random/index.ts";
import { allocatedBytes } from "../helpers/heap.ts";

const startTeam = (S: SharedArena, program: StepProgram, options?: TeamOptions) => startTeamOn(S, program, nodeTeamHost, options);

/** max over j of |a_j − b_j| / ‖a‖_∞ */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0, s = 0;
  for (let j = 0; j < a.length; j++) {
    m = Math.max(m, Math.abs(a[j] - b[j]));
    s = Math.max(s, Math.abs(a[j]));
  }
  return m / s;
}

/** runs `body` on the instances, then ends their workers whatever happens */
function withClosed<T extends TwoThreadInstance>(runs: T[], body: (runs: T[]) => void): void {
  try {
    body(runs);
  } finally {
    for (const r of runs) r.close();
  }
}

test("chunk bounds cover the rows in order, inner bounds multiples of 4", () => {
  assert.deepEqual(chunkBounds(1000, 2), [0, 500, 1000]);
  assert.deepEqual(chunkBounds(100, 2), [0, 52, 100]);
  assert.deepEqual(chunkBounds(6, 4), [0, 4, 6]);
  assert.deepEqual(chunkBounds(3, 2), [0, 3]);
});

test("shared vectors sit on their own cache lines (128-byte aligned, 128 bytes apart)", () => {
  const S = new SharedArena(100);
  const a = S.vector(3), b = S.vector(5), c = S.vector(1);
  for (const v of [a, b, c]) assert.equal(v.byteOffset % 128, 0);
  assert.ok(b.byteOffset >= a.byteOffset + 8 * 3 + 128 && c.byteOffset >= b.byteOffset + 8 * 5 + 128);
  assert.throws(() => new SharedArena(10).vector(1e6), /no room for 1000000 doubles/);
});

test("logreg-gd on two threads: equal to the one-thread loop up to the sum's order, the same bits every run", () => {
  const Z = separableMarginRows(new Rng(0), 203, 17).Z;
  const one = logregGd(Z);
  one.run(500);
  withClosed([logregGdTwoThreads(nodeTeamHost, Z), logregGdTwoThreads(nodeTeamHost, Z)], (runs) => {
    for (const r of runs) {
      r.run(200); // two calls: the step count carries over
      r.run(300);
    }
    assert.deepEqual(Array.from(runs[0].w), Array.from(runs[1].w));
    const e = relDiff(one.w, runs[0].w);
    assert.ok(e < 1e-12, `relative difference ${e}`);
    assert.ok(Math.abs(one.check() - runs[0].check()) < 1e-12 * Math.abs(one.check()));
  });
});

test("diag-net-gd on two threads, balanced and fused: equal to the one-thread loop up to the sums' order, the same bits every run", () => {
  const P = diagNetProblem(new Rng(1), 37, 150);
  const one = diagNetGd(P);
  one.run(800);
  for (const program of ["balanced", "fused"] as const) {
    withClosed([diagNetGdTwoThreads(nodeTeamHost, P.X, P.y, 0.01, 0.05, { program }), diagNetGdTwoThreads(nodeTeamHost, P.X, P.y, 0.01, 0.05, { program })], (runs) => {
      for (const r of runs) r.run(800);
      assert.equal(runs[0].program, program);
      assert.deepEqual(Array.from(runs[0].w), Array.from(runs[1].w));
      assert.ok(relDiff(one.w, runs[0].w) < 1e-12, `${program} w: ${relDiff(one.w, runs[0].w)}`);
      assert.ok(relDiff(one.u, runs[0].u) < 1e-12 && relDiff(one.v, runs[0].v) < 1e-12);
      assert.ok(Math.abs(one.check() - runs[0].check()) < 1e-12 * one.check());
    });
  }
});

test("diag-net-gd on two threads runs balanced while X fits the L2 caches, fused past them", () => {
  const small = diagNetProblem(new Rng(7), 8, 16), big = diagNetProblem(new Rng(7), 8, DIAG_BALANCED_MAX_BYTES / 64 + 1);
  withClosed([diagNetGdTwoThreads(nodeTeamHost, small.X, small.y), diagNetGdTwoThreads(nodeTeamHost, big.X, big.y)], (runs) => {
    assert.deepEqual(runs.map((r) => r.program), ["balanced", "fused"]);
  });
});

test("diag-net-gd on two threads: the same bits at every split, fixed at either end or moving", () => {
  const P = diagNetProblem(new Rng(6), 37, 150); // 9 units of rows (the last with the odd row), 37 of columns (the last with 2 more)
  const runs = [
    diagNetGdTwoThreads(nodeTeamHost, P.X, P.y, 0.01, 0.05, { splits: [1, 1], balance: false }),
    diagNetGdTwoThreads(nodeTeamHost, P.X, P.y, 0.01, 0.05, { splits: [8, 36], balance: false }),
    diagNetGdTwoThreads(nodeTeamHost, P.X, P.y, 0.01, 0.05, { splits: [3, 20] }),
  ];
  withClosed(runs, () => {
    for (const r of runs) r.run(600);
    assert.deepEqual(runs[0].splits(), [1, 1]);
    assert.deepEqual(runs[1].splits(), [8, 36]);
    for (const r of runs.slice(1)) {
      assert.deepEqual(Array.from(r.w), Array.from(runs[0].w));
      assert.deepEqual(Array.from(r.u), Array.from(runs[0].u));
    }
  });
});

test("a balanced phase's split moves towards the task that finishes first, and stays in 1 … units − 1", () => {
  // task 1 also multiplies two 48×48 matrices, so task 0 finishes first and takes more units each step
  const S = new SharedArena(16 + 3 * 48 * 48);
  const x = S.vector(16), A = S.vector(48 * 48).fill(1), C = S.vector(48 * 48);
  const at = (v: Float64Array) => v.byteOffset;
  const program: StepProgram = [{
    units: 4,
    split: 1,
    tasks: [
      [["gd", "sub_scaled", at(x), at(x), [0, 4], 0]],
      [["gd", "sub_scaled", [at(x), 32], [at(x), 32], [16, -4], 0], ["blas", "gemm_nn", at(A), at(A), at(C), 48, 48, 48]],
    ],
  }];
  const team = startTeam(S, program);
  try {
    // after each 20 steps (a thread descheduled for a whole step can move it back one unit now and then)
    const seen: number[] = [];
    for (let k = 0; k < 10; k++) {
      team.run(20);
      seen.push(team.splits()[0]);
    }
    assert.ok(seen.every((s) => s >= 1 && s <= 3), `splits ${seen}`);
    assert.ok(seen.filter((s) => s === 3).length >= 5, `splits ${seen}`);
  } finally {
    team.close();
  }
  assert.throws(() => startTeam(S, [{ units: 1, split: 1, tasks: [[], []] }]), /units ≥ 2 and a split in 1 … units − 1 \(got 1, 1\)/);
  assert.throws(() => startTeam(S, [{ units: 4, split: 4, tasks: [[], []] }]), /got 4, 4/);
});

test("sensing-gd on two threads: U and the loss equal the one-thread loop's up to rounding, the same bits every run", () => {
  const P = sensingProblem(new Rng(2), 13, 70);
  const one = sensingGd(P);
  one.run(400);
  withClosed([sensingGdTwoThreads(nodeTeamHost, P), sensingGdTwoThreads(nodeTeamHost, P)], (runs) => {
    for (const r of runs) r.run(400);
    assert.deepEqual(Array.from(runs[0].U), Array.from(runs[1].U));
    const e = relDiff(one.U.data, runs[0].U);
    assert.ok(e < 1e-12, `U: relative difference ${e}`);
    assert.ok(Math.abs(one.check() - runs[0].check()) < 1e-10 * one.check(), `loss ${one.check()} vs ${runs[0].check()}`);
    assert.ok(one.check() < 0.5 * sensingGd(P).check(), "the loop made progress");
  });
});

test("relu2-gd on two threads: both layers equal the one-thread loop's up to rounding, the same bits every run", () => {
  // 40 examples, 24 units: even halves; 41 examples, 22 units: an odd example range, a unit half of 10 (not a multiple of 4)
  for (const [n, width] of [[40, 24], [41, 22]]) {
    const P = relu2Problem(new Rng(3), n, 6, width);
    const one = relu2Gd(P);
    one.run(300);
    withClosed([relu2GdTwoThreads(nodeTeamHost, P), relu2GdTwoThreads(nodeTeamHost, P)], (runs) => {
      for (const r of runs) r.run(300);
      assert.deepEqual(Array.from(runs[0].W), Array.from(runs[1].W));
      assert.ok(relDiff(one.W, runs[0].W) < 1e-12, `n = ${n}, W: ${relDiff(one.W, runs[0].W)}`);
      assert.ok(relDiff(one.a, runs[0].a) < 1e-12, `n = ${n}, a: ${relDiff(one.a, runs[0].a)}`);
      assert.equal(runs[0].check(), one.check());
    });
  }
  assert.throws(() => relu2GdTwoThreads(nodeTeamHost, relu2Problem(new Rng(3), 10, 5, 8)), /even d/);
});

test("the 1e-12 comparisons are sharp: one step fewer on one thread is far outside them", () => {
  const Z = separableMarginRows(new Rng(0), 203, 17).Z;
  const one = logregGd(Z);
  one.run(499);
  const P = relu2Problem(new Rng(3), 40, 6, 24);
  const oneR = relu2Gd(P);
  oneR.run(299);
  withClosed([logregGdTwoThreads(nodeTeamHost, Z)], ([two]) => {
    two.run(500);
    assert.ok(relDiff(one.w, two.w) > 1e-9);
  });
  withClosed([relu2GdTwoThreads(nodeTeamHost, P)], ([two]) => {
    two.run(300);
    assert.ok(relDiff(oneR.W, two.W) > 1e-9);
  });
});

test("the two-thread steps allocate nothing", () => {
  const runs: TwoThreadInstance[] = [
    logregGdTwoThreads(nodeTeamHost, separableMarginRows(new Rng(0), 64, 8).Z),
    (() => { const P = diagNetProblem(new Rng(1), 16, 40); return diagNetGdTwoThreads(nodeTeamHost, P.X, P.y); })(),
    sensingGdTwoThreads(nodeTeamHost, sensingProblem(new Rng(2), 6, 20)),
    relu2GdTwoThreads(nodeTeamHost, relu2Problem(new Rng(3), 12, 4, 8)),
  ];
  withClosed(runs, () => {
    for (const r of runs) {
      const bytes = allocatedBytes(2e4, (n) => r.run(n));
      assert.ok(bytes < 8 * 2e4, `${bytes} bytes over 20,000 steps (one object per step would be ≥ 16 each)`);
    }
  });
});

test("a kernel that traps fails the run with an error, not a hang, on whichever thread ran it", () => {
  const S = new SharedArena(64);
  const a = S.vector(8);
  // sub_scaled far past the memory's end: a WebAssembly trap
  const team = startTeam(S, [[[["gd", "sub_scaled", a.byteOffset, 2 ** 30, 8, 1]], [["gd", "sub_scaled", a.byteOffset, 2 ** 30, 8, 1]]]]);
  try {
    assert.throws(() => team.run(3), /out of bounds|worker thread failed/);
  } finally {
    team.close();
  }
  assert.throws(() => team.run(1), /run after close/);
  assert.throws(() => startTeam(S, [[[["gd", "no_such_kernel", 0, 0, 0]]]]), /no kernel gd\.no_such_kernel/);
  assert.throws(() => startTeam(S, [[]]), /every phase needs a task/);
});

test("the warm-up leaves the state as it was set up: a warmed instance's run equals a cold team's bit for bit", () => {
  const P = diagNetProblem(new Rng(4), 24, 60);
  const at = (v: Float64Array) => v.byteOffset;
  const runOn = (warmMs: number) => {
    const S = new SharedArena(24 * 60 + 6 * 60 + 3 * 24);
    const X = S.vector(24 * 60, P.X.data), y = S.vector(24, P.y), r = S.vector(24);
    const u = S.vector(60).fill(0.01), v = S.vector(60).fill(0.01), w = S.vector(60), g = S.vector(60);
    const team = startTeam(S, [[[["gd", "fused_pass", at(X), 24, 60, at(w), at(y), at(r), at(g), 0, 0]]], [[["gd", "diag_update", at(u), at(v), at(w), at(g), 60, 0.1]]]], { warmMs });
    try {
      team.run(50);
      return Array.from(w);
    } finally {
      team.close();
    }
  };
  const cold = runOn(0), warm = runOn(20);
  assert.deepEqual(warm, cold);
  assert.ok(cold.some((x) => x !== 0), "the 50 steps moved w");
});
