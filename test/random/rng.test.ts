import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/index.ts";

// Reference xoshiro256** on BigInt, straight from the published algorithm.
function reference(state: bigint[], n: number): bigint[] {
  const M = (1n << 64n) - 1n;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M;
  const s = state.slice();
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    out.push((rotl((s[1] * 5n) & M, 7n) * 9n) & M);
    const t = (s[1] << 17n) & M;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
    s[3] = rotl(s[3], 45n);
  }
  return out;
}

test("xoshiro256** matches the reference stream, including the published first outputs", () => {
  const states: [bigint, bigint, bigint, bigint][] = [
    [1n, 2n, 3n, 4n],
    [0xdeadbeefcafebaben, 0x0123456789abcdefn, 0xffffffffffffffffn, 0x8000000000000001n],
  ];
  for (const st of states) {
    const r = Rng.fromState(st);
    const ref = reference(st, 1000);
    const b = new Uint32Array(2);
    for (let i = 0; i < ref.length; i++) {
      r.nextU64(b);
      assert.equal((BigInt(b[0]) << 32n) | BigInt(b[1]), ref[i], `output ${i}`);
    }
  }
  const first = reference([1n, 2n, 3n, 4n], 3);
  assert.deepEqual(first, [11520n, 0n, 1509978240n]);
});

test("same seed gives the same stream; different seeds and forks differ", () => {
  const a = new Rng(7), b = new Rng(7), c = new Rng(8), f = new Rng(7).fork(0);
  const xa = Array.from({ length: 5 }, () => a.uniform());
  const xb = Array.from({ length: 5 }, () => b.uniform());
  const xc = Array.from({ length: 5 }, () => c.uniform());
  const xf = Array.from({ length: 5 }, () => f.uniform());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
  assert.notDeepEqual(xa, xf);
});

test("uniforms lie in [0, 1) and normals have mean 0, variance 1", () => {
  const r = new Rng(123);
  let m = 0, v = 0;
  const n = 100000;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    const z = r.normal();
    m += z; v += z * z;
  }
  assert.ok(Math.abs(m / n) < 0.02, `mean ${m / n}`);
  assert.ok(Math.abs(v / n - 1) < 0.02, `variance ${v / n}`);
});

test("shuffle is a permutation and rejects bad seeds", () => {
  const r = new Rng(1);
  const a = Int32Array.from({ length: 50 }, (_, i) => i);
  r.shuffle(a);
  assert.deepEqual(Array.from(a).sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  assert.throws(() => new Rng(-1), /seed/);
  assert.throws(() => new Rng(1.5), /seed/);
});
