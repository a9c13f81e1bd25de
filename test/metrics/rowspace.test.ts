import { test } from "node:test";
import assert from "node:assert/strict";
import { distanceToAffine, rowspaceProjector, rowspaceResidual } from "../../src/metrics/index.ts";
import { Matrix, gemv, gemvT, norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

/** Sylvester Hadamard matrix of order 16: entries ±1, columns exactly orthogonal. */
function hadamard16(): number[][] {
  let h = [[1]];
  while (h.length < 16) h = [...h.map((r) => [...r, ...r]), ...h.map((r) => [...r, ...r.map((x) => -x)])];
  return h;
}

test("rowspaceResidual equals the exact orthogonal component (Hadamard basis, integer X) to 1e-13 relative", () => {
  const H = hadamard16(); // H[i] is the i-th basis vector h_i, ‖h_i‖ = 4
  const d = 16, n = 6;
  const rng = new Rng(11);
  // rows of X: integer combinations of h_0..h_5, so the row space is exactly span(h_0..h_5)
  const X = new Matrix(n, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = i === j ? 5 : rng.int(5) - 2; // diagonally dominant: invertible
      for (let k = 0; k < d; k++) X.data[i * d + k] += c * H[j][k];
    }
  }
  const P = rowspaceProjector(X);
  assert.equal(P.rank, n);
  for (let trial = 0; trial < 20; trial++) {
    const scaleIn = trial % 2 === 0 ? 1e6 : 1;
    const v = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const c = rng.normal() * (j < n ? scaleIn : 1);
      for (let k = 0; k < d; k++) v[k] += c * H[j][k];
    }
    // exact orthogonal part: ‖Σ_{j≥n} (⟨h_j, v⟩/16) h_j‖ = sqrt(Σ_{j≥n} ⟨h_j, v⟩²)/4
    let s = 0;
    for (let j = n; j < d; j++) {
      let p = 0;
      for (let k = 0; k < d; k++) p += H[j][k] * v[k];
      s += p * p;
    }
    const exact = Math.sqrt(s) / 4;
    const got = P.residual(v);
    assert.ok(Math.abs(got - exact) <= 1e-13 * norm2(v), `trial ${trial}: ${got} vs ${exact}`);
    assert.equal(rowspaceResidual(X, v), got);
  }
});

test("vectors in the row space of an ill-conditioned X have residual ≤ 1e-13‖v‖ (normal equations would not)", () => {
  const rng = new Rng(5);
  const n = 8, d = 30;
  const X = new Matrix(n, d);
  const base = rng.fillNormal(new Float64Array(d));
  for (let i = 0; i < n; i++) {
    // nearly collinear rows of very different sizes: condition number ~1e12
    const s = Math.pow(10, -i);
    for (let k = 0; k < d; k++) X.data[i * d + k] = s * (base[k] + 1e-5 * rng.normal());
  }
  const P = rowspaceProjector(X);
  assert.equal(P.rank, n);
  for (let trial = 0; trial < 10; trial++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = rng.normal() * Math.pow(10, i);
    const v = gemvT(X, c, new Float64Array(d));
    assert.ok(P.residual(v) <= 1e-13 * norm2(v), `${P.residual(v) / norm2(v)}`);
  }
});

test("project returns Pv with X(v − Pv) = 0 and ‖v − Pv‖ = residual; rank of dependent rows", () => {
  const rng = new Rng(8);
  const n = 5, d = 9;
  const X = new Matrix(n, d);
  rng.fillNormal(X.data);
  X.row(4).set(X.row(1)); // duplicate row: rank 4
  X.row(3).fill(0); // zero row: rank 3
  const P = rowspaceProjector(X);
  assert.equal(P.rank, 3);
  const v = rng.fillNormal(new Float64Array(d));
  const pv = P.project(v);
  const r = v.map((x, i) => x - pv[i]);
  const Xr = gemv(X, r, new Float64Array(n));
  assert.ok(norm2(Xr) < 1e-13 * norm2(v));
  assert.ok(Math.abs(norm2(r) - P.residual(v)) < 1e-14 * norm2(v));
  // overdetermined full column rank: the row space is everything
  const Y = new Matrix(12, 4);
  rng.fillNormal(Y.data);
  assert.equal(rowspaceProjector(Y).rank, 4);
  assert.ok(rowspaceResidual(Y, rng.fillNormal(new Float64Array(4))) < 1e-15);
  assert.equal(rowspaceProjector(new Matrix(3, 4)).rank, 0);
});

test("distanceToAffine: w_s + Xᵀc is at distance ‖Xᵀc‖ from {w : Xw = Xw_s}", () => {
  const rng = new Rng(9);
  const n = 6, d = 20;
  const X = new Matrix(n, d);
  rng.fillNormal(X.data);
  const ws = rng.fillNormal(new Float64Array(d));
  const y = gemv(X, ws, new Float64Array(n));
  const c = rng.fillNormal(new Float64Array(n));
  const step = gemvT(X, c, new Float64Array(d));
  const w = ws.map((x, i) => x + step[i]);
  const got = distanceToAffine(X, y, w);
  assert.ok(Math.abs(got - norm2(step)) < 1e-12 * norm2(step), `${got} vs ${norm2(step)}`);
  assert.ok(distanceToAffine(X, y, ws) < 1e-13 * norm2(ws));
  // moving along the null space does not change the distance
  const z = rng.fillNormal(new Float64Array(d));
  const P = rowspaceProjector(X);
  const pz = P.project(z);
  const w2 = w.map((x, i) => x + z[i] - pz[i]);
  assert.ok(Math.abs(P.distanceToSolutionSet(w2, y) - got) < 1e-12 * got);
});
