// AssemblyScript, shared by blas.ts (gemv_n) and gd.ts (the fused pass; compiled into each). The dot
// products of four rows a₀, a₀ + row, a₀ + 2row, a₀ + 3row (row bytes apart) with x over d columns.

/** (lane 0 + lane 1 of a, lane 0 + lane 1 of b) */
// @ts-ignore: decorator
@inline export function hadd2(a: v128, b: v128): v128 {
  return f64x2.add(i8x16.shuffle(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23),
                   i8x16.shuffle(a, b, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31));
}

/** dot4's second result, (⟨a₂, x⟩, ⟨a₃, x⟩) (a global: a function returns one value) */
export let dot23: v128 = i64x2(0, 0);

/**
 * (⟨a₀, x⟩, ⟨a₁, x⟩), and sets dot23. One f64x2 accumulator per row, four columns per loop step with
 * the two products of a column pair summed before the accumulator (one add per accumulator per step on
 * the loop-carried chain); the last d mod 4 columns summed apart, then added to the rows' lanes. Four
 * accumulators, not eight: with eight, V8 spilled two of them to the stack inside the loop, at half the
 * speed.
 */
// @ts-ignore: decorator
@inline export function dot4(a0: usize, row: usize, d: i32, x: usize): v128 {
  const quad = <usize>(d & -4) << 3, a1 = a0 + row, a2 = a1 + row, a3 = a2 + row;
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
  // pointers that advance (one add each per step, not one per load)
  let q0 = a0, q1 = a1, q2 = a2, q3 = a3, qx = x;
  const qend = a0 + quad;
  while (q0 < qend) {
    const xv = v128.load(qx), xw = v128.load(qx, 16);
    s0 = f64x2.add(s0, f64x2.add(f64x2.mul(v128.load(q0), xv), f64x2.mul(v128.load(q0, 16), xw)));
    s1 = f64x2.add(s1, f64x2.add(f64x2.mul(v128.load(q1), xv), f64x2.mul(v128.load(q1, 16), xw)));
    s2 = f64x2.add(s2, f64x2.add(f64x2.mul(v128.load(q2), xv), f64x2.mul(v128.load(q2, 16), xw)));
    s3 = f64x2.add(s3, f64x2.add(f64x2.mul(v128.load(q3), xv), f64x2.mul(v128.load(q3, 16), xw)));
    q0 += 32; q1 += 32; q2 += 32; q3 += 32; qx += 32;
  }
  let y01 = hadd2(s0, s1), y23 = hadd2(s2, s3);
  const end = <usize>d << 3;
  if (quad < end) {
    let p0 = 0.0, p1 = 0.0, p2 = 0.0, p3 = 0.0;
    for (let j = quad; j < end; j += 8) {
      const xs = load<f64>(x + j);
      p0 += load<f64>(a0 + j) * xs;
      p1 += load<f64>(a1 + j) * xs;
      p2 += load<f64>(a2 + j) * xs;
      p3 += load<f64>(a3 + j) * xs;
    }
    y01 = f64x2.add(y01, f64x2.replace_lane(f64x2.splat(p0), 1, p1));
    y23 = f64x2.add(y23, f64x2.replace_lane(f64x2.splat(p2), 1, p3));
  }
  dot23 = y23;
  return y01;
}
