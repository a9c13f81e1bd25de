// Fused least-squares gradient pass: r ← Ax − y and out ← Aᵀr in one pass over A's rows
// (the gradient of ½‖Ax − y‖²). Rows go four at a time, so each xⱼ and outⱼ is loaded once
// per four rows and each row is read from memory once. Plain TypeScript; the naive form is
// gemv, subtract, gemvT.
import type { Matrix } from "./matrix.ts";
import type { Vec } from "./vector.ts";

/** r ← Ax − y, out ← Aᵀr; returns out. */
export function residualGradT(A: Matrix, x: Vec, y: Vec, r: Vec, out: Vec): Vec {
  const n = A.rows, d = A.cols, a = A.data;
  if (x.length !== d || out.length !== d || y.length !== n || r.length !== n) {
    throw new RangeError(`residualGradT: A is ${n}×${d}, x has ${x.length} entries, y ${y.length}, r ${r.length}, out ${out.length}`);
  }
  out.fill(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < d; j++) {
      const xj = x[j];
      s0 += a[o0 + j] * xj;
      s1 += a[o1 + j] * xj;
      s2 += a[o2 + j] * xj;
      s3 += a[o3 + j] * xj;
    }
    const r0 = s0 - y[i], r1 = s1 - y[i + 1], r2 = s2 - y[i + 2], r3 = s3 - y[i + 3];
    r[i] = r0;
    r[i + 1] = r1;
    r[i + 2] = r2;
    r[i + 3] = r3;
    for (let j = 0; j < d; j++) out[j] += r0 * a[o0 + j] + r1 * a[o1 + j] + r2 * a[o2 + j] + r3 * a[o3 + j];
  }
  for (; i < n; i++) {
    const o = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += a[o + j] * x[j];
    const ri = s - y[i];
    r[i] = ri;
    for (let j = 0; j < d; j++) out[j] += ri * a[o + j];
  }
  return out;
}
