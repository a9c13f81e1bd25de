// AssemblyScript (compiled by scripts/build-wasm.sh into kernels-wasm-bytes.ts as GD_WASM_BASE64, and
// GD_SHARED_WASM_BASE64 with its memory imported as shared, for two threads).
// WebAssembly SIMD (f64x2) row passes and whole gradient-descent loops that run inside the module, their
// data resident in its memory (no copies between steps). All addresses are byte addresses.
//
// fused_pass(a, n, d, x, y, r, out, tab, mode): one pass over the n rows of A (n×d row-major at a), four rows
//   per step: sᵢ = ⟨aᵢ, x⟩ (dot4.ts, shared with blas.ts's gemv_n); then, two rows per f64x2,
//   mode 0: ρᵢ = sᵢ − yᵢ, stored in r;   mode 1: ρᵢ = ℓ′(sᵢ) = −1/(1 + e^sᵢ) (exp.ts, tables at tab);
//   and out = Σᵢ ρᵢ aᵢ while the four rows are still in L1 cache.
// logreg_gd(z, n, d, w, g, tab, c, iters): iters steps of w ← w − c Σᵢ ℓ′(⟨zᵢ, w⟩) zᵢ (g: scratch).
// logreg2_gd(z0, z1, n, w, tab, c, iters): the same for d = 2 with Z by columns (z0, z1): two rows per f64x2
//   throughout, w in registers.
// sub_scaled(w, g, d, c): w ← w − c·g over d entries.
// diag_update(u, v, w, g, d, c): one step's update of diag_gd after its pass (for a caller that sums g).
// diag_gd(x, n, d, y, r, u, v, w, g, c, iters): iters steps of GD on ½‖Xw − y‖² over w = u⊙u − v⊙v:
//   g = Xᵀ(Xw − y), u ← u − c g⊙u, v ← v + c g⊙v, w ← u⊙u − v⊙v (c = 2η), the order of the TypeScript loop.
// sym_pack(w0, w1, n, out): out ← the upper triangle of W₀ + W₁ (n×n) row by row, off-diagonal entries doubled
//   (so ⟨A, W₀ + W₁⟩ for a symmetric A is one dot with A's packed upper triangle).
// sym_unpack(g0, g1, n, out): out (n×n) ← the symmetric matrix whose packed upper triangle is g₀ + g₁.
//
// Each step's work is in functions called once per step (fused, sub_scaled, diagUpdate, logreg2Step; they
// contain loops, so Binaryen with --shrinkLevel 1 keeps them separate): V8 compiles a WebAssembly function
// with its baseline compiler first and swaps in the optimized code between calls, never inside a running call.

import { dot23, dot4 } from "./dot4";
import { ell2, ell2Inline } from "./exp";

/** (lane 0, lane 0) of v */
// @ts-ignore: decorator
@inline function lane0(v: v128): v128 {
  return i8x16.shuffle(v, v, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7);
}
/** (lane 1, lane 1) of v */
// @ts-ignore: decorator
@inline function lane1(v: v128): v128 {
  return i8x16.shuffle(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15);
}

/** ρ for rows i, i+1 from their sums s: mode 0 → s − y (stored in r), mode 1 → ℓ′(s). */
function rho2(s: v128, i: i32, y: usize, r: usize, tab: usize, mode: i32): v128 {
  if (mode) return ell2(s, tab);
  const at = <usize>i << 3;
  const v = f64x2.sub(s, v128.load(y + at));
  v128.store(r + at, v);
  return v;
}

/** ρᵢ a₀ + ρᵢ₊₁ a₁ + ρᵢ₊₂ a₂ + ρᵢ₊₃ a₃ for one column pair, ρ splatted in v0…v3 (pairs summed first). */
// @ts-ignore: decorator
@inline function combine4(v0: v128, v1: v128, v2: v128, v3: v128, a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  return f64x2.add(f64x2.add(f64x2.mul(v0, a0), f64x2.mul(v1, a1)),
                   f64x2.add(f64x2.mul(v2, a2), f64x2.mul(v3, a3)));
}

/** The pass of fused_pass (see the header); out (d entries) is overwritten. */
function fused(a: usize, n: i32, d: i32, x: usize, y: usize, r: usize, out: usize, tab: usize, mode: i32): void {
  const row = <usize>d << 3, quad = <usize>(d & -4) << 3, even = <usize>(d & -2) << 3;
  for (let j: usize = 0; j < row; j += 8) store<f64>(out + j, 0);
  let i = 0;
  let a0 = a;
  for (; i + 4 <= n; i += 4) {
    const a1 = a0 + row, a2 = a1 + row, a3 = a2 + row, qend = a0 + quad;
    // ρ of rows i, i+1 and i+2, i+3
    let v1 = rho2(dot4(a0, row, d, x), i, y, r, tab, mode);
    let v3 = rho2(dot23, i + 2, y, r, tab, mode);
    const v0 = lane0(v1), v2 = lane0(v3);
    v1 = lane1(v1); v3 = lane1(v3);
    // out += ρᵢ aᵢ + ρᵢ₊₁ aᵢ₊₁ + ρᵢ₊₂ aᵢ₊₂ + ρᵢ₊₃ aᵢ₊₃:
    // two pairs per loop step (advancing pointers), then the last pair and the odd column
    let q0 = a0, q1 = a1, q2 = a2, q3 = a3, qo = out;
    while (q0 < qend) {
      v128.store(qo, f64x2.add(v128.load(qo),
        combine4(v0, v1, v2, v3, v128.load(q0), v128.load(q1), v128.load(q2), v128.load(q3))));
      v128.store(qo, f64x2.add(v128.load(qo, 16),
        combine4(v0, v1, v2, v3, v128.load(q0, 16), v128.load(q1, 16), v128.load(q2, 16), v128.load(q3, 16))), 16);
      q0 += 32; q1 += 32; q2 += 32; q3 += 32; qo += 32;
    }
    let j = quad;
    if (j < even) {
      v128.store(out + j, f64x2.add(v128.load(out + j),
        combine4(v0, v1, v2, v3, v128.load(a0 + j), v128.load(a1 + j), v128.load(a2 + j), v128.load(a3 + j))));
      j += 16;
    }
    if (j < row) {
      store<f64>(out + j, load<f64>(out + j) + f64x2.extract_lane(
        combine4(v0, v1, v2, v3, v128.load64_zero(a0 + j), v128.load64_zero(a1 + j),
                 v128.load64_zero(a2 + j), v128.load64_zero(a3 + j)), 0));
    }
    a0 = a3 + row;
  }
  // the last n mod 4 rows, one at a time (ρ from lane 0 of a pair whose lane 1 repeats it)
  for (; i < n; i++) {
    let s = f64x2.splat(0);
    let j: usize = 0;
    for (; j < even; j += 16) s = f64x2.add(s, f64x2.mul(v128.load(a0 + j), v128.load(x + j)));
    let p = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    if (j < row) p += load<f64>(a0 + j) * load<f64>(x + j);
    const at = <usize>i << 3;
    if (mode) {
      p = f64x2.extract_lane(ell2(f64x2.splat(p), tab), 0);
    } else {
      p -= load<f64>(y + at);
      store<f64>(r + at, p);
    }
    const pv = f64x2.splat(p);
    for (j = 0; j < even; j += 16) v128.store(out + j, f64x2.add(v128.load(out + j), f64x2.mul(pv, v128.load(a0 + j))));
    if (j < row) store<f64>(out + j, load<f64>(out + j) + p * load<f64>(a0 + j));
    a0 += row;
  }
}

export function fused_pass(a: usize, n: i32, d: i32, x: usize, y: usize, r: usize, out: usize, tab: usize, mode: i32): void {
  fused(a, n, d, x, y, r, out, tab, mode);
}

/** w ← w − c·g over d entries (pairs, then the odd one). */
export function sub_scaled(w: usize, g: usize, d: i32, c: f64): void {
  const row = <usize>d << 3;
  const cv = f64x2.splat(c);
  let j: usize = 0;
  for (; j + 16 <= row; j += 16) v128.store(w + j, f64x2.sub(v128.load(w + j), f64x2.mul(cv, v128.load(g + j))));
  if (j < row) store<f64>(w + j, load<f64>(w + j) - c * load<f64>(g + j));
}

export function logreg_gd(z: usize, n: i32, d: i32, w: usize, g: usize, tab: usize, c: f64, iters: i32): void {
  for (; iters > 0; iters--) {
    fused(z, n, d, w, 0, 0, g, tab, 1);
    sub_scaled(w, g, d, c);
  }
}

/**
 * One step of logreg2_gd: w ← w − c Σᵢ ℓ′(⟨zᵢ, w⟩) zᵢ for w = (w[0], w[1]), two rows per lane pair, with
 * ℓ′ written into the loop (a call would spill the accumulators).
 */
function logreg2Step(z0: usize, z1: usize, n: i32, w: usize, tab: usize, c: f64): void {
  const w0 = v128.load64_splat(w), w1 = v128.load64_splat(w, 8);
  const end = <usize>n << 3;
  let a = f64x2.splat(0), b = f64x2.splat(0);
  for (let i: usize = 0; i < end; i += 16) {
    let zv0: v128, zv1: v128;
    if (i + 8 < end) {
      zv0 = v128.load(z0 + i); zv1 = v128.load(z1 + i);
    } else {
      // an odd n's last row in lane 0 (lane 1 zero: it adds 0 to both sums)
      zv0 = v128.load64_zero(z0 + i); zv1 = v128.load64_zero(z1 + i);
    }
    const rho = ell2Inline(f64x2.add(f64x2.mul(zv0, w0), f64x2.mul(zv1, w1)), tab);
    a = f64x2.add(a, f64x2.mul(rho, zv0));
    b = f64x2.add(b, f64x2.mul(rho, zv1));
  }
  store<f64>(w, f64x2.extract_lane(w0, 0) - c * (f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1)));
  store<f64>(w, f64x2.extract_lane(w1, 0) - c * (f64x2.extract_lane(b, 0) + f64x2.extract_lane(b, 1)), 8);
}

export function logreg2_gd(z0: usize, z1: usize, n: i32, w: usize, tab: usize, c: f64, iters: i32): void {
  for (; iters > 0; iters--) logreg2Step(z0, z1, n, w, tab, c);
}

/** u ← u − cv⊙g⊙u, v ← v + cv⊙g⊙v, w ← u⊙u − v⊙v over d entries (a step of diag_gd after its pass). */
function diagUpdate(u: usize, v: usize, w: usize, g: usize, d: i32, cv: v128): void {
  const row = <usize>d << 3;
  let j: usize = 0;
  for (; j + 16 <= row; j += 16) {
    const cg = f64x2.mul(cv, v128.load(g + j));
    let uj = v128.load(u + j), vj = v128.load(v + j);
    uj = f64x2.sub(uj, f64x2.mul(cg, uj));
    vj = f64x2.add(vj, f64x2.mul(cg, vj));
    v128.store(u + j, uj);
    v128.store(v + j, vj);
    v128.store(w + j, f64x2.sub(f64x2.mul(uj, uj), f64x2.mul(vj, vj)));
  }
  // odd d: the last entry in lane 0
  if (j < row) {
    const cg = f64x2.mul(cv, v128.load64_zero(g + j));
    let uj = v128.load64_zero(u + j), vj = v128.load64_zero(v + j);
    uj = f64x2.sub(uj, f64x2.mul(cg, uj));
    vj = f64x2.add(vj, f64x2.mul(cg, vj));
    v128.store64_lane(u + j, uj, 0);
    v128.store64_lane(v + j, vj, 0);
    v128.store64_lane(w + j, f64x2.sub(f64x2.mul(uj, uj), f64x2.mul(vj, vj)), 0);
  }
}

export function diag_update(u: usize, v: usize, w: usize, g: usize, d: i32, c: f64): void {
  diagUpdate(u, v, w, g, d, f64x2.splat(c));
}

export function diag_gd(x: usize, n: i32, d: i32, y: usize, r: usize,
                        u: usize, v: usize, w: usize, g: usize, c: f64, iters: i32): void {
  const cv = f64x2.splat(c);
  for (; iters > 0; iters--) {
    fused(x, n, d, w, y, r, g, 0, 0);
    diagUpdate(u, v, w, g, d, cv);
  }
}

export function sym_pack(w0: usize, w1: usize, n: usize, out: usize): void {
  const row = n << 3;
  for (let j: usize = 0; j < n; j++) {
    // p: byte offset of entry (j, j); end: of entry (j, n)
    let p = j * (row + 8);
    const end = (j + 1) * row;
    store<f64>(out, load<f64>(w0 + p) + load<f64>(w1 + p));
    out += 8;
    for (p += 8; p < end; p += 8) {
      store<f64>(out, 2 * (load<f64>(w0 + p) + load<f64>(w1 + p)));
      out += 8;
    }
  }
}

export function sym_unpack(g0: usize, g1: usize, n: usize, out: usize): void {
  const row = n << 3;
  for (let j: usize = 0; j < n; j++) {
    for (let k = j; k < n; k++) {
      const v = load<f64>(g0) + load<f64>(g1);
      store<f64>(out + (j * row + (k << 3)), v);
      store<f64>(out + (k * row + (j << 3)), v);
      g0 += 8; g1 += 8;
    }
  }
}
