// AssemblyScript, compiled by scripts/build-wasm.sh into kernels-wasm-bytes.ts (BLAS_WASM_BASE64).
// WebAssembly SIMD (f64x2) BLAS on float64 row-major matrices in linear memory: the GEMMs
// C ← A B and C ← Aᵀ B (or only its upper triangle, for Gram matrices such as Aᵀ D A and the
// Schur complements of the interior-point methods), 4×4 blocks of C in eight f64x2 registers;
// the GEMVs y ← A x and y ← Aᵀ x. Addresses and strides are in bytes.

import { dot23, dot4 } from "./dot4";

/**
 * One 4×4 block of C ← (rows of A) · B, C's rows r..r+3 at c, c + bRow, …: the block lives in eight
 * f64x2 registers while p runs over len; per p, two loads of B's row (b01, b23) and four broadcast
 * loads of A give 16 multiply-adds, then a += aStep. gemm_nn walks along A's rows (its four entries
 * a row apart, aRow bytes); gemm_tn down its columns (`adjacent`: four neighbours in A's row, read
 * with constant offsets). `adjacent` is a literal at each call, so only one branch is compiled.
 */
// @ts-ignore: decorator
@inline function block4x4(adjacent: bool, a: usize, aRow: usize, aStep: usize, b: usize, bRow: usize, len: i32, c: usize): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  for (let p = 0; p < len; p++) {
    const b01 = v128.load(b), b23 = v128.load(b, 16);
    let x = v128.load64_splat(a);
    c00 = f64x2.add(c00, f64x2.mul(x, b01)); c01 = f64x2.add(c01, f64x2.mul(x, b23));
    x = adjacent ? v128.load64_splat(a, 8) : v128.load64_splat(a + aRow);
    c10 = f64x2.add(c10, f64x2.mul(x, b01)); c11 = f64x2.add(c11, f64x2.mul(x, b23));
    x = adjacent ? v128.load64_splat(a, 16) : v128.load64_splat(a + (aRow << 1));
    c20 = f64x2.add(c20, f64x2.mul(x, b01)); c21 = f64x2.add(c21, f64x2.mul(x, b23));
    x = adjacent ? v128.load64_splat(a, 24) : v128.load64_splat(a + aRow * 3);
    c30 = f64x2.add(c30, f64x2.mul(x, b01)); c31 = f64x2.add(c31, f64x2.mul(x, b23));
    a += aStep;
    b += bRow;
  }
  v128.store(c, c00); v128.store(c, c01, 16); c += bRow;
  v128.store(c, c10); v128.store(c, c11, 16); c += bRow;
  v128.store(c, c20); v128.store(c, c21, 16); c += bRow;
  v128.store(c, c30); v128.store(c, c31, 16);
}

/** Σₚ a[p·aStep] · b[p·bStep] for p < len, summed in order (C's entries outside the 4×4 blocks). */
// @ts-ignore: decorator
@inline function dot(a: usize, aStep: usize, b: usize, bStep: usize, len: i32): f64 {
  let s = 0.0;
  for (let p = 0; p < len; p++) {
    s += load<f64>(a) * load<f64>(b);
    a += aStep;
    b += bStep;
  }
  return s;
}

/**
 * gemm_nn(a, b, c, n, m, k): C ← A B with A n×k, B k×m, C n×m, in 4×4 blocks; leftover columns
 * (m mod 4) and rows (n mod 4) go scalar.
 */
export function gemm_nn(a: usize, b: usize, c: usize, n: i32, m: i32, k: i32): void {
  const sa = <usize>k << 3; // bytes per row of A
  const sb = <usize>m << 3; // bytes per row of B and of C
  const n4 = n & -4, m4 = m & -4;
  for (let i = 0; i < n4; i += 4) {
    for (let j = 0; j < m4; j += 4) {
      block4x4(false, a + <usize>i * sa, sa, 8, b + (<usize>j << 3), sb, k, c + (<usize>i * sb + (<usize>j << 3)));
    }
  }
  // scalar rest: every (i, j) with i ≥ n4 or j ≥ m4
  for (let i = 0; i < n; i++) {
    for (let j = i >= n4 ? 0 : m4; j < m; j++) {
      store<f64>(c + (<usize>i * sb + (<usize>j << 3)), dot(a + <usize>i * sa, 8, b + (<usize>j << 3), sb, k));
    }
  }
}

/**
 * gemm_tn(a, b, c, n, m, q, upper): C ← Aᵀ B with A n×m, B n×q, C m×q; the same 4×4 register block
 * as gemm_nn, with A read down its columns (four adjacent entries of a row of A per step). upper = 1
 * (C square, upper must be 0 or 1): only the blocks and entries with j ≥ i (and the few below the
 * diagonal inside its 4×4 blocks) are written, half the work when AᵀB is known to be symmetric.
 */
export function gemm_tn(a: usize, b: usize, c: usize, n: i32, m: i32, q: i32, upper: i32): void {
  const sa = <usize>m << 3; // bytes per row of A
  const sb = <usize>q << 3; // bytes per row of B and of C
  const m4 = m & -4, q4 = q & -4;
  // C rows i..i+3 (columns i..i+3 of A), C columns j..j+3
  for (let i = 0; i < m4; i += 4) {
    for (let j = upper ? i : 0; j < q4; j += 4) {
      block4x4(true, a + (<usize>i << 3), 0, sa, b + (<usize>j << 3), sb, n, c + (<usize>i * sb + (<usize>j << 3)));
    }
  }
  // scalar rest: every (i, j) with i ≥ m4 or j ≥ q4 (and j ≥ i when upper)
  for (let i = 0; i < m; i++) {
    let j = i >= m4 ? 0 : q4;
    if (upper & <i32>(j < i)) j = i;
    for (; j < q; j++) {
      store<f64>(c + (<usize>i * sb + (<usize>j << 3)), dot(a + (<usize>i << 3), sa, b + (<usize>j << 3), sb, n));
    }
  }
}

/**
 * gemv_n(a, x, y, n, d): y ← A x for A n×d, four rows at a time (dot4.ts), the last n mod 4 rows one at
 * a time in the same order: every yᵢ is the same function of row i and x, in a block of four or not,
 * so the GEMV of any range of rows equals those entries of the whole one bit for bit (the balanced
 * phases of the two-thread loops rely on this).
 */
export function gemv_n(a: usize, x: usize, y: usize, n: i32, d: i32): void {
  const row = <usize>d << 3, quad = <usize>(d & -4) << 3;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    v128.store(y, dot4(a, row, d, x));
    v128.store(y, dot23, 16);
    y += 32;
    a += row << 2;
  }
  // the last n mod 4 rows
  for (; i < n; i++) {
    let s = f64x2.splat(0);
    let j: usize = 0;
    for (; j < quad; j += 32) {
      s = f64x2.add(s, f64x2.add(f64x2.mul(v128.load(a + j), v128.load(x + j)),
                                 f64x2.mul(v128.load(a + j, 16), v128.load(x + j, 16))));
    }
    // the last d mod 4 columns summed apart and then added, as in a quad: a row's sum is the same
    // wherever it sits, so any range of rows gives the same bits as the whole product
    let p = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    if (quad < row) {
      let t = 0.0;
      for (; j < row; j += 8) t += load<f64>(a + j) * load<f64>(x + j);
      p += t;
    }
    store<f64>(y, p);
    y += 8;
    a += row;
  }
}

/**
 * gemv_t(a, x, y, n, d): y ← Aᵀ x for A n×d (x of length n, y of length d). Four rows per step:
 * each pair of y is loaded and stored once per four rows, y += (x₀a₀ + x₁a₁) + (x₂a₂ + x₃a₃);
 * the last d mod 2 column and n mod 4 rows scalar or one at a time.
 */
export function gemv_t(a: usize, x: usize, y: usize, n: i32, d: i32): void {
  const row = <usize>d << 3, even = <usize>(d & -2) << 3;
  for (let j: usize = 0; j < row; j += 8) store<f64>(y + j, 0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a0 = a, a1 = a0 + row, a2 = a1 + row, a3 = a2 + row;
    const p0 = load<f64>(x), p1 = load<f64>(x, 8), p2 = load<f64>(x, 16), p3 = load<f64>(x, 24);
    const v0 = f64x2.splat(p0), v1 = f64x2.splat(p1), v2 = f64x2.splat(p2), v3 = f64x2.splat(p3);
    let j: usize = 0;
    for (; j < even; j += 16) {
      v128.store(y + j, f64x2.add(v128.load(y + j), f64x2.add(
        f64x2.add(f64x2.mul(v0, v128.load(a0 + j)), f64x2.mul(v1, v128.load(a1 + j))),
        f64x2.add(f64x2.mul(v2, v128.load(a2 + j)), f64x2.mul(v3, v128.load(a3 + j))))));
    }
    if (j < row) {
      store<f64>(y + j, load<f64>(y + j) + (
        (p0 * load<f64>(a0 + j) + p1 * load<f64>(a1 + j)) +
        (p2 * load<f64>(a2 + j) + p3 * load<f64>(a3 + j))));
    }
    x += 32;
    a = a3 + row;
  }
  for (; i < n; i++) {
    const p = load<f64>(x), v = f64x2.splat(p);
    let j: usize = 0;
    for (; j < even; j += 16) v128.store(y + j, f64x2.add(v128.load(y + j), f64x2.mul(v, v128.load(a + j))));
    if (j < row) store<f64>(y + j, load<f64>(y + j) + p * load<f64>(a + j));
    x += 8;
    a += row;
  }
}
