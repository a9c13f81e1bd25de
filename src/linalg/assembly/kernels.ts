// AssemblyScript, compiled by scripts/build-wasm.sh into kernels-wasm-bytes.ts.
// WebAssembly SIMD (f64x2) kernels: the logistic weight of kernels-exp.ts (for tests: it must equal the
// TypeScript one bit for bit), and the two-layer ReLU net's head and gradients. The row passes and GD
// loops are in gd.ts, the GEMMs and GEMVs in blas.ts (browsers compile at most 4 KB synchronously, so the
// modules stay small). The exp is exp.ts's (tables at byte address tab).
//
// The ReLU net f(x) = Σⱼ aⱼ relu(⟨wⱼ, x⟩) under the logistic loss works on the pre-activations stored
// unit by unit: Hᵀ (w×n), Hᵀⱼᵢ = ⟨wⱼ, xᵢ⟩. relu(h) = pmax(0, h) = 0 < h ? h : 0 (NaN counts as off, as
// in the TypeScript loop).
//
// relu_head = relu_out (f) then relu_g (g from f), exported apart for a caller that splits the units or
// the examples between threads. relu_grads = relu_tables then relu_units, the gradients
//   gaⱼ = Σᵢ gᵢ relu(Hᵀⱼᵢ)  and  gwⱼ = aⱼ Σᵢ [Hᵀⱼᵢ > 0] gᵢ xᵢ  (gw: w rows of dp = d rounded up to even).
// The mask [Hᵀ > 0] is binary (as every ReLU's), so the second sum goes by subset sums ("four Russians"):
// the examples in chunks of six, for every chunk a table of the 64 sums of its rows gᵢxᵢ (each one add
// from a smaller one), all tables kept; then unit by unit, the unit's six mask bits per chunk pick a row
// of each table and gwⱼ is the sum of the picked rows, accumulated in registers and stored once.

import { logistic, ell2 } from "./exp";

const ZERO: v128 = f64x2(0, 0);

/** ℓ′(m) = −1/(1 + eᵐ), m clamped to [−708, 709]. */
export function logistic_weight(m: f64, tab: usize): f64 {
  return logistic(m, tab);
}

/** The bytes of a row of dp = d rounded up to even numbers. */
// @ts-ignore: decorator
@inline function paddedRowBytes(d: i32): usize {
  return <usize>((d + 1) & -2) << 3;
}

/** The lanes' bits of [h > 0] (the ReLU's mask). */
// @ts-ignore: decorator
@inline function onBits(h: v128): i32 {
  return i64x2.bitmask(f64x2.gt(h, ZERO));
}

// ---- head: f and g ----

/**
 * f ← f + Σ_{j < cnt} aⱼ relu(Hᵀⱼ·) for cnt ≤ 4 units from unit j0, pairs of examples (an odd n's last in
 * lane 0). The weights of missing units are 0 and their rows are read from unit j0's (any finite row would do).
 */
function headUnits(ht: usize, a: usize, f: usize, n: i32, j0: i32, cnt: i32): void {
  const row = <usize>n << 3;
  const h0 = ht + <usize>j0 * row;
  let h1 = h0 + row, h2 = h1 + row, h3 = h2 + row;
  const aj = a + (<usize>j0 << 3);
  const a0 = v128.load64_splat(aj);
  let a1 = ZERO, a2 = ZERO, a3 = ZERO;
  if (cnt > 1) a1 = v128.load64_splat(aj, 8); else h1 = h0;
  if (cnt > 2) a2 = v128.load64_splat(aj, 16); else h2 = h0;
  if (cnt > 3) a3 = v128.load64_splat(aj, 24); else h3 = h0;
  let i: usize = 0;
  for (; i + 16 <= row; i += 16) {
    v128.store(f + i, f64x2.add(v128.load(f + i), f64x2.add(
      f64x2.add(f64x2.mul(a0, f64x2.pmax(ZERO, v128.load(h0 + i))), f64x2.mul(a1, f64x2.pmax(ZERO, v128.load(h1 + i)))),
      f64x2.add(f64x2.mul(a2, f64x2.pmax(ZERO, v128.load(h2 + i))), f64x2.mul(a3, f64x2.pmax(ZERO, v128.load(h3 + i)))))));
  }
  if (i < row) {
    v128.store64_lane(f + i, f64x2.add(v128.load64_zero(f + i), f64x2.add(
      f64x2.add(f64x2.mul(a0, f64x2.pmax(ZERO, v128.load64_zero(h0 + i))), f64x2.mul(a1, f64x2.pmax(ZERO, v128.load64_zero(h1 + i)))),
      f64x2.add(f64x2.mul(a2, f64x2.pmax(ZERO, v128.load64_zero(h2 + i))), f64x2.mul(a3, f64x2.pmax(ZERO, v128.load64_zero(h3 + i)))))), 0);
  }
}

/** relu_out(ht, a, f, n, w): f ← Σⱼ aⱼ relu(Hᵀⱼ·) over the w units, four per pass over the examples. */
export function relu_out(ht: usize, a: usize, f: usize, n: i32, w: i32): void {
  const row = <usize>n << 3;
  for (let i: usize = 0; i < row; i += 8) store<f64>(f + i, 0);
  for (let j = 0; j < w; j += 4) headUnits(ht, a, f, n, j, min(w - j, 4));
}

/**
 * relu_g(f, y, g, n, tab, scale): gᵢ = yᵢ ℓ′(yᵢ fᵢ)·scale (= −yᵢσ(−yᵢfᵢ)·scale), two examples at a time
 * (an odd n's last one in lane 0 of a pair); g may be f.
 */
export function relu_g(f: usize, y: usize, g: usize, n: i32, tab: usize, scale: f64): void {
  const row = <usize>n << 3;
  const sv = f64x2.splat(scale);
  for (let i: usize = 0; i < row; i += 16) {
    const pair = i + 8 < row;
    const yv = pair ? v128.load(y + i) : v128.load64_zero(y + i);
    const fv = pair ? v128.load(f + i) : v128.load64_zero(f + i);
    const gv = f64x2.mul(f64x2.mul(yv, ell2(f64x2.mul(yv, fv), tab)), sv);
    v128.store64_lane(g + i, gv, 0);
    if (pair) v128.store64_lane(g + i, gv, 1, 8);
  }
}

/** relu_head(ht, a, y, g, n, w, tab, scale): relu_out into g, then relu_g in place. */
export function relu_head(ht: usize, a: usize, y: usize, g: usize, n: i32, w: i32, tab: usize, scale: f64): void {
  relu_out(ht, a, g, n, w);
  relu_g(g, y, g, n, tab, scale);
}

// ---- gradients: the subset-sum tables, then unit by unit ----

/** The table of subset sums of the rows yb[0..cnt) (rowb bytes each): t[s] = t[s with its lowest bit cleared] + yb[that bit]. */
function subsetSums(t: usize, yb: usize, cnt: i32, rowb: usize): void {
  const quad = rowb & ~31;
  for (let p: usize = 0; p < rowb; p += 16) v128.store(t + p, ZERO);
  for (let s: usize = 1; s < (<usize>1 << cnt); s++) {
    const dst = t + s * rowb, src = t + (s & (s - 1)) * rowb, add = yb + ctz(s) * rowb;
    let p: usize = 0;
    for (; p < quad; p += 32) {
      v128.store(dst + p, f64x2.add(v128.load(src + p), v128.load(add + p)));
      v128.store(dst + p, f64x2.add(v128.load(src + p, 16), v128.load(add + p, 16)), 16);
    }
    if (p < rowb) v128.store(dst + p, f64x2.add(v128.load(src + p), v128.load(add + p)));
  }
}

/**
 * relu_tables(x, g, n, d, t, yb): every chunk's table for examples 0..n of x (n×d row-major) and g, chunk
 * c's at t + 64·rowb·c; yb: 6·dp scratch for the chunk's rows gᵢxᵢ.
 */
export function relu_tables(x: usize, g: usize, n: i32, d: i32, t: usize, yb: usize): void {
  const rowb = paddedRowBytes(d);
  for (let i0 = 0; i0 < n; i0 += 6) {
    const cnt = min(n - i0, 6);
    // yb[r] = g_{i0+r} x_{i0+r}, zero-padded to dp
    for (let r = 0; r < cnt; r++) {
      const gv = load<f64>(g + (<usize>(i0 + r) << 3));
      const src = x + (<usize>((i0 + r) * d) << 3);
      const dst = yb + <usize>r * rowb;
      store<f64>(dst + rowb - 8, 0);
      for (let k = 0; k < d; k++) store<f64>(dst + (<usize>k << 3), gv * load<f64>(src + (<usize>k << 3)));
    }
    subsetSums(t, yb, cnt, rowb);
    t += rowb << 6;
  }
}

/**
 * Unit j's mask (hp = Hᵀⱼ·): ix[c] ← the byte offset in t of chunk c's table row picked by the unit's mask
 * bits on the chunk's examples (row 0, all zeros, when none is on); returns gaⱼ = Σᵢ gᵢ relu(Hᵀⱼᵢ).
 */
function unitMask(hp: usize, g: usize, ix: usize, n: i32, rowb: usize): f64 {
  const cnt = <i32>(<u32>n % 6);
  const he = hp + (<usize>(n - cnt) << 3);
  const step = rowb << 6;
  let off: usize = 0;
  let acc = ZERO;
  for (; hp < he; hp += 48, g += 48, ix += 4, off += step) {
    const h0 = v128.load(hp), h1 = v128.load(hp, 16), h2 = v128.load(hp, 32);
    acc = f64x2.add(acc, f64x2.add(
      f64x2.add(f64x2.mul(f64x2.pmax(ZERO, h0), v128.load(g)), f64x2.mul(f64x2.pmax(ZERO, h1), v128.load(g, 16))),
      f64x2.mul(f64x2.pmax(ZERO, h2), v128.load(g, 32))));
    store<u32>(ix, off + rowb * <usize>(onBits(h0) | (onBits(h1) << 2 | onBits(h2) << 4)));
  }
  // the last, shorter chunk: pairs, an odd last example in lane 0 (lane 1 zero: off, relu 0)
  if (cnt) {
    let bits = 0;
    for (let r = 0; r < cnt; r += 2) {
      const o = <usize>r << 3, pair = r + 1 < cnt;
      const hv = pair ? v128.load(hp + o) : v128.load64_zero(hp + o);
      const gv = pair ? v128.load(g + o) : v128.load64_zero(g + o);
      acc = f64x2.add(acc, f64x2.mul(f64x2.pmax(ZERO, hv), gv));
      bits |= onBits(hv) << r;
    }
    store<u32>(ix, off + <usize>bits * rowb);
  }
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/**
 * dst ← aj Σ_c t[ix[c] + ·] over the nch chunks' picked rows (rowb bytes): 64-byte blocks in four f64x2
 * accumulators per chain, two chunks per step (eight chains, a + b at the end), then 32-byte ones.
 */
function unitRow(t: usize, ix: usize, nch: i32, dst: usize, rowb: usize, aj: v128): void {
  let e = ix + (<usize>nch << 2);
  let p: usize = 0;
  for (; p + 64 <= rowb; p += 64) {
    const tp = t + p;
    let a0 = ZERO, a1 = ZERO, a2 = ZERO, a3 = ZERO, b0 = ZERO, b1 = ZERO, b2 = ZERO, b3 = ZERO;
    let q = ix;
    for (; q + 4 < e; q += 8) {
      const s = tp + load<u32>(q), u = tp + load<u32>(q, 4);
      a0 = f64x2.add(a0, v128.load(s)); a1 = f64x2.add(a1, v128.load(s, 16));
      a2 = f64x2.add(a2, v128.load(s, 32)); a3 = f64x2.add(a3, v128.load(s, 48));
      b0 = f64x2.add(b0, v128.load(u)); b1 = f64x2.add(b1, v128.load(u, 16));
      b2 = f64x2.add(b2, v128.load(u, 32)); b3 = f64x2.add(b3, v128.load(u, 48));
    }
    if (q < e) {
      const s = tp + load<u32>(q);
      a0 = f64x2.add(a0, v128.load(s)); a1 = f64x2.add(a1, v128.load(s, 16));
      a2 = f64x2.add(a2, v128.load(s, 32)); a3 = f64x2.add(a3, v128.load(s, 48));
    }
    const o = dst + p;
    v128.store(o, f64x2.mul(aj, f64x2.add(a0, b0)));
    v128.store(o, f64x2.mul(aj, f64x2.add(a1, b1)), 16);
    v128.store(o, f64x2.mul(aj, f64x2.add(a2, b2)), 32);
    v128.store(o, f64x2.mul(aj, f64x2.add(a3, b3)), 48);
  }
  // the rest (16, 32 or 48 bytes): 32 bytes per pass; e is now the last chunk's entry
  e -= 4;
  for (; p < rowb; p += 32) {
    const tp = t + p;
    let a0 = ZERO, a1 = ZERO, b0 = ZERO, b1 = ZERO;
    let q = ix;
    for (; q < e; q += 8) {
      const s = tp + load<u32>(q), u = tp + load<u32>(q, 4);
      a0 = f64x2.add(a0, v128.load(s)); a1 = f64x2.add(a1, v128.load(s, 16));
      b0 = f64x2.add(b0, v128.load(u)); b1 = f64x2.add(b1, v128.load(u, 16));
    }
    if (q == e) {
      const s = tp + load<u32>(q);
      a0 = f64x2.add(a0, v128.load(s)); a1 = f64x2.add(a1, v128.load(s, 16));
    }
    const o = dst + p;
    v128.store(o, f64x2.mul(aj, f64x2.add(a0, b0)));
    // a 16-byte rest: the second f64x2 summed the next row's first one (or the padding past the last); not stored
    if (p + 16 < rowb) v128.store(o, f64x2.mul(aj, f64x2.add(a1, b1)), 16);
  }
}

/**
 * relu_units(ht, g, a, gw, ga, n, d, w, t, ix): unit by unit, its mask picks a row of each chunk's table
 * (the tables of all n examples at t; ix: ⌈n/6⌉ i32 scratch); gaⱼ, and gwⱼ = aⱼ Σ_c (the picked rows).
 */
export function relu_units(ht: usize, g: usize, a: usize, gw: usize, ga: usize, n: i32, d: i32, w: i32, t: usize, ix: usize): void {
  const rowb = paddedRowBytes(d);
  const nch = <i32>(<u32>(n + 5) / 6);
  for (let k = 0; k < w; k++) {
    store<f64>(ga + (<usize>k << 3), unitMask(ht + <usize>k * (<usize>n << 3), g, ix, n, rowb));
    unitRow(t, ix, nch, gw + <usize>k * rowb, rowb, v128.load64_splat(a + (<usize>k << 3)));
  }
}

/**
 * relu_grads(ht, x, g, a, gw, ga, n, d, w, t, yb, ix): the gradients of Σᵢ gᵢ f(xᵢ) in the layers
 * (t: ⌈n/6⌉·64·dp scratch; yb: 6·dp scratch; ix: ⌈n/6⌉ i32 scratch).
 */
export function relu_grads(ht: usize, x: usize, g: usize, a: usize, gw: usize, ga: usize, n: i32, d: i32, w: i32, t: usize, yb: usize, ix: usize): void {
  relu_tables(x, g, n, d, t, yb);
  relu_units(ht, g, a, gw, ga, n, d, w, t, ix);
}
