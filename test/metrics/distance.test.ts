import { test } from "node:test";
import assert from "node:assert/strict";
import { angleBetween, directionGap, relativeDistance } from "../../src/metrics/index.ts";
import { Rng } from "../../src/random/index.ts";

const v = (...xs: number[]) => Float64Array.from(xs);

test("relativeDistance is ‖a − b‖/‖b‖, absolute when b = 0", () => {
  assert.equal(relativeDistance(v(3, 4), v(0, 0)), 5);
  assert.equal(relativeDistance(v(1, 1), v(1, 0)), 1);
  assert.ok(Math.abs(relativeDistance(v(6, 8), v(3, 4)) - 1) < 1e-15);
  assert.throws(() => relativeDistance(v(1), v(1, 2)), /lengths/);
});

test("directionGap ignores scale: 0 for positive multiples, 2 for opposite, √2 for orthogonal", () => {
  assert.ok(directionGap(v(1, 2, 3), v(1e-200 * 2, 1e-200 * 4, 1e-200 * 6)) < 1e-15);
  assert.ok(directionGap(v(1e200, 0), v(1, 0)) < 1e-15);
  assert.ok(Math.abs(directionGap(v(1, 1), v(-2, -2)) - 2) < 1e-15);
  assert.ok(Math.abs(directionGap(v(1, 0), v(0, 5)) - Math.SQRT2) < 1e-15);
  assert.ok(Number.isNaN(directionGap(v(0, 0), v(1, 0))));
});

test("angleBetween recovers 1e-12 rad, where acos of the cosine returns 0", () => {
  for (const eps of [1e-12, 3e-10, 1e-15]) {
    const a = v(1, 0, 0), b = v(1, Math.tan(eps), 0);
    const acos = Math.acos(Math.min(1, (a[0] * b[0] + a[1] * b[1]) / Math.hypot(...b)));
    const got = angleBetween(a, b);
    assert.ok(Math.abs(got - eps) <= 1e-12 * eps, `angle ${eps}: got ${got}`);
    if (eps <= 1e-12) assert.ok(Math.abs(acos - eps) > 0.5 * eps, "acos should fail here, else the test proves nothing");
  }
  // nearly opposite: π − 1e-12
  const got = angleBetween(v(1, 0), v(-1, 1e-12));
  assert.ok(Math.abs(Math.PI - got - 1e-12) < 1e-12 * 1e-12 + 4e-16, `${Math.PI - got}`);
});

test("angleBetween agrees with acos for well-separated random vectors and is symmetric and scale-free", () => {
  const rng = new Rng(3);
  for (let k = 0; k < 50; k++) {
    const a = rng.fillNormal(new Float64Array(7)), b = rng.fillNormal(new Float64Array(7));
    let d = 0, na = 0, nb = 0;
    for (let i = 0; i < 7; i++) { d += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
    const ref = Math.acos(d / Math.sqrt(na * nb));
    const got = angleBetween(a, b);
    assert.ok(Math.abs(got - ref) < 1e-13, `${got} vs ${ref}`);
    assert.equal(angleBetween(b, a), got);
    const a2 = a.map((x) => x * 1e150);
    assert.ok(Math.abs(angleBetween(a2, b) - got) < 1e-14);
  }
  assert.ok(Number.isNaN(angleBetween(v(0, 0), v(1, 0))));
});
