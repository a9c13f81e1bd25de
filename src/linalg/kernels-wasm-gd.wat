;; WebAssembly SIMD (f64x2) row passes and whole gradient-descent loops that run inside the module,
;; their data resident in its memory (no copies between steps):
;;
;; fused_pass(a, n, d, x, y, r, out, tab, mode): one pass over the n rows of A (n×d row-major at a),
;; four rows per step: sᵢ = ⟨aᵢ, x⟩ (one f64x2 accumulator per row, four columns per loop step;
;; eight accumulators spill registers and run 10 % slower); then, two rows per f64x2,
;;   mode 0: ρᵢ = sᵢ − yᵢ, stored in r;   mode 1: ρᵢ = −1/(1 + e^sᵢ) (the logistic loss's ℓ′);
;; and out = Σᵢ ρᵢ aᵢ while the four rows are still in L1 cache.
;; The exp is kernels-exp.ts's, operation for operation, two lanes at a time (2^(j/256) from the
;; table at byte address tab; 2^q built from its exponent bits, the same exact power of two as the
;; table's), so each ρᵢ equals the TypeScript one bit for bit.
;;
;; logreg_gd(z, n, d, w, g, tab, c, iters):  iters steps of w ← w − c Σᵢ ℓ′(⟨zᵢ, w⟩) zᵢ (g: scratch).
;; logreg2_gd(z0, z1, n, w, tab, c, iters):  the same for d = 2 with Z by columns (z0, z1): two rows
;;   per f64x2 throughout, w in registers.
;; sub_scaled(w, g, d, c): w ← w − c·g over d entries.
;; diag_update(u, v, w, g, d, c): one step's update of diag_gd after its pass (for a caller that sums g).
;; diag_gd(x, n, d, y, r, u, v, w, g, c, iters): iters steps of GD on ½‖Xw − y‖² over w = u⊙u − v⊙v:
;;   g = Xᵀ(Xw − y), u ← u − c g⊙u, v ← v + c g⊙v, w ← u⊙u − v⊙v (c = 2η), the order of the TypeScript loop.
;; sym_pack(w0, w1, n, out): out ← the upper triangle of W₀ + W₁ (n×n) row by row, off-diagonal entries doubled
;;   (so ⟨A, W₀ + W₁⟩ for a symmetric A is one dot with A's packed upper triangle).
;; sym_unpack(g0, g1, n, out): out (n×n) ← the symmetric matrix whose packed upper triangle is g₀ + g₁.
;; Each step's work is in functions called once per step: V8 compiles a WebAssembly function with its
;; baseline compiler first and swaps in the optimized code between calls, never inside a running call.
;; Source of GD_WASM_BASE64 in kernels-wasm-bytes.ts, and of GD_SHARED_WASM_BASE64 (the same module with its
;; memory imported as shared, for two threads); regenerate with scripts/build-wasm.sh.
(module
  (import "env" "memory" (memory 1))

  ;; (−1/(1 + e^m₀), −1/(1 + e^m₁)), m clamped to [−708, 709] (NaN stays NaN)
  (func $ell2 (param $m v128) (param $tab i32) (result v128)
    (local $x v128) (local $k v128) (local $r v128) (local $ki v128) (local $t v128) (local $p v128)
    ;; pmax/pmin with m first: m < −708 ? −708 : m, then x > 709 ? 709 : x (NaN and −0 kept, as the TypeScript ternary)
    (local.set $x (f64x2.pmin (f64x2.pmax (local.get $m) (v128.const f64x2 -708 -708)) (v128.const f64x2 709 709)))
    (local.set $k (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 369.3299304675746 369.3299304675746))))
    (local.set $r (f64x2.sub (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 0.0027076061815023422 0.0027076061815023422)))
                             (f64x2.mul (local.get $k) (v128.const f64x2 -7.440055859210031e-12 -7.440055859210031e-12))))
    (local.set $ki (i32x4.trunc_sat_f64x2_s_zero (local.get $k)))
    (local.set $t (f64x2.replace_lane 1
      (v128.load64_splat (i32.add (local.get $tab) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $ki)) (i32.const 255)) (i32.const 3))))
      (f64.load (i32.add (local.get $tab) (i32.shl (i32.and (i32x4.extract_lane 1 (local.get $ki)) (i32.const 255)) (i32.const 3))))))
    (local.set $p (f64x2.add (local.get $r)
      (f64x2.mul (f64x2.mul (local.get $r) (local.get $r))
        (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r)
          (f64x2.add (v128.const f64x2 0.16666666666666666 0.16666666666666666) (f64x2.mul (local.get $r) (v128.const f64x2 0.041666666666666664 0.041666666666666664))))))))
    ;; 2^q, q = k >> 8, as the bits (q + 1023) << 52 (q ∈ [−1022, 1022] here)
    (f64x2.neg (f64x2.div (v128.const f64x2 1 1)
      (f64x2.add (v128.const f64x2 1 1)
        (f64x2.mul (f64x2.add (local.get $t) (f64x2.mul (local.get $t) (local.get $p)))
          (i64x2.shl (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $ki) (i32.const 8)) (v128.const i32x4 1023 1023 1023 1023))) (i32.const 52)))))))

  ;; ρ for rows i, i+1 from their sums s: mode 0 → s − y (stored in r), mode 1 → ℓ′(s)
  (func $rho2 (param $s v128) (param $i i32) (param $y i32) (param $r i32) (param $tab i32) (param $mode i32) (result v128)
    (local $v v128)
    (if (result v128) (local.get $mode)
      (then (call $ell2 (local.get $s) (local.get $tab)))
      (else
        (local.set $v (f64x2.sub (local.get $s) (v128.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))))
        (v128.store (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3))) (local.get $v))
        (local.get $v))))

  ;; (lane 0 + lane 1 of a, lane 0 + lane 1 of b)
  (func $hadd2 (param $a v128) (param $b v128) (result v128)
    (f64x2.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b))))

  (func $fused
    (param $a i32) (param $n i32) (param $d i32) (param $x i32) (param $y i32) (param $r i32) (param $out i32) (param $tab i32) (param $mode i32)
    (local $i i32) (local $j i32) (local $row i32) (local $quad i32) (local $even i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $qx i32) (local $qo i32) (local $qend i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $xv v128) (local $xw v128)
    (local $p0 f64) (local $p1 f64) (local $p2 f64) (local $p3 f64) (local $xs f64)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (local.set $quad (i32.shl (i32.and (local.get $d) (i32.const -4)) (i32.const 3)))
    (local.set $even (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $z (loop $zl
      (br_if $z (i32.ge_u (local.get $j) (local.get $row)))
      (f64.store (i32.add (local.get $out) (local.get $j)) (f64.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $zl)))
    (local.set $a0 (local.get $a))
    (block $done4 (loop $rows4
      (br_if $done4 (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
      (local.set $a1 (i32.add (local.get $a0) (local.get $row)))
      (local.set $a2 (i32.add (local.get $a1) (local.get $row)))
      (local.set $a3 (i32.add (local.get $a2) (local.get $row)))
      (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
      (local.set $s2 (v128.const f64x2 0 0)) (local.set $s3 (v128.const f64x2 0 0))
      (local.set $j (i32.const 0))
      ;; pointers that advance (one add each per step, not one per load)
      (local.set $q0 (local.get $a0)) (local.set $q1 (local.get $a1)) (local.set $q2 (local.get $a2)) (local.set $q3 (local.get $a3))
      (local.set $qx (local.get $x))
      (local.set $qend (i32.add (local.get $a0) (local.get $quad)))
      (block $dd (loop $dl
        (br_if $dd (i32.ge_u (local.get $q0) (local.get $qend)))
        ;; two products summed before the accumulator: one add per accumulator per loop step on the
        ;; loop-carried chain (two serial adds made the adds' latency the bound)
        (local.set $xv (v128.load (local.get $qx)))
        (local.set $xw (v128.load offset=16 (local.get $qx)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.add (f64x2.mul (v128.load (local.get $q0)) (local.get $xv))
                                                        (f64x2.mul (v128.load offset=16 (local.get $q0)) (local.get $xw)))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.add (f64x2.mul (v128.load (local.get $q1)) (local.get $xv))
                                                        (f64x2.mul (v128.load offset=16 (local.get $q1)) (local.get $xw)))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.add (f64x2.mul (v128.load (local.get $q2)) (local.get $xv))
                                                        (f64x2.mul (v128.load offset=16 (local.get $q2)) (local.get $xw)))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.add (f64x2.mul (v128.load (local.get $q3)) (local.get $xv))
                                                        (f64x2.mul (v128.load offset=16 (local.get $q3)) (local.get $xw)))))
        (local.set $q0 (i32.add (local.get $q0) (i32.const 32))) (local.set $q1 (i32.add (local.get $q1) (i32.const 32)))
        (local.set $q2 (i32.add (local.get $q2) (i32.const 32))) (local.set $q3 (i32.add (local.get $q3) (i32.const 32)))
        (local.set $qx (i32.add (local.get $qx) (i32.const 32)))
        (br $dl)))
      (local.set $j (local.get $quad))
      ;; the last d mod 4 columns
      (local.set $p0 (f64.const 0)) (local.set $p1 (f64.const 0)) (local.set $p2 (f64.const 0)) (local.set $p3 (f64.const 0))
      (block $td (loop $tl
        (br_if $td (i32.ge_u (local.get $j) (local.get $row)))
        (local.set $xs (f64.load (i32.add (local.get $x) (local.get $j))))
        (local.set $p0 (f64.add (local.get $p0) (f64.mul (f64.load (i32.add (local.get $a0) (local.get $j))) (local.get $xs))))
        (local.set $p1 (f64.add (local.get $p1) (f64.mul (f64.load (i32.add (local.get $a1) (local.get $j))) (local.get $xs))))
        (local.set $p2 (f64.add (local.get $p2) (f64.mul (f64.load (i32.add (local.get $a2) (local.get $j))) (local.get $xs))))
        (local.set $p3 (f64.add (local.get $p3) (f64.mul (f64.load (i32.add (local.get $a3) (local.get $j))) (local.get $xs))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $tl)))
      ;; ρ of rows i, i+1 and i+2, i+3
      (local.set $v1 (call $rho2
        (f64x2.add (call $hadd2 (local.get $s0) (local.get $s1)) (f64x2.replace_lane 1 (f64x2.splat (local.get $p0)) (local.get $p1)))
        (local.get $i) (local.get $y) (local.get $r) (local.get $tab) (local.get $mode)))
      (local.set $v3 (call $rho2
        (f64x2.add (call $hadd2 (local.get $s2) (local.get $s3)) (f64x2.replace_lane 1 (f64x2.splat (local.get $p2)) (local.get $p3)))
        (i32.add (local.get $i) (i32.const 2)) (local.get $y) (local.get $r) (local.get $tab) (local.get $mode)))
      (local.set $v0 (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1)))
      (local.set $v1 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v1) (local.get $v1)))
      (local.set $v2 (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $v3) (local.get $v3)))
      (local.set $v3 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v3) (local.get $v3)))
      ;; out += ρᵢ aᵢ + ρᵢ₊₁ aᵢ₊₁ + ρᵢ₊₂ aᵢ₊₂ + ρᵢ₊₃ aᵢ₊₃
      ;; two pairs per loop step (advancing pointers), then the last pair and the odd column
      (local.set $q0 (local.get $a0)) (local.set $q1 (local.get $a1)) (local.set $q2 (local.get $a2)) (local.set $q3 (local.get $a3))
      (local.set $qo (local.get $out))
      (block $ad (loop $al
        (br_if $ad (i32.ge_u (local.get $q0) (local.get $qend)))
        (v128.store (local.get $qo)
          (f64x2.add (v128.load (local.get $qo))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (v128.load (local.get $q0)))
                         (f64x2.mul (local.get $v1) (v128.load (local.get $q1))))
              (f64x2.add (f64x2.mul (local.get $v2) (v128.load (local.get $q2)))
                         (f64x2.mul (local.get $v3) (v128.load (local.get $q3)))))))
        (v128.store offset=16 (local.get $qo)
          (f64x2.add (v128.load offset=16 (local.get $qo))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (v128.load offset=16 (local.get $q0)))
                         (f64x2.mul (local.get $v1) (v128.load offset=16 (local.get $q1))))
              (f64x2.add (f64x2.mul (local.get $v2) (v128.load offset=16 (local.get $q2)))
                         (f64x2.mul (local.get $v3) (v128.load offset=16 (local.get $q3)))))))
        (local.set $q0 (i32.add (local.get $q0) (i32.const 32))) (local.set $q1 (i32.add (local.get $q1) (i32.const 32)))
        (local.set $q2 (i32.add (local.get $q2) (i32.const 32))) (local.set $q3 (i32.add (local.get $q3) (i32.const 32)))
        (local.set $qo (i32.add (local.get $qo) (i32.const 32)))
        (br $al)))
      (local.set $j (local.get $quad))
      (if (i32.lt_u (local.get $j) (local.get $even)) (then
        (v128.store (i32.add (local.get $out) (local.get $j))
          (f64x2.add (v128.load (i32.add (local.get $out) (local.get $j)))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $a0) (local.get $j))))
                         (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $a1) (local.get $j)))))
              (f64x2.add (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $a2) (local.get $j))))
                         (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $a3) (local.get $j))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))))
      (if (i32.lt_u (local.get $j) (local.get $row)) (then
        (f64.store (i32.add (local.get $out) (local.get $j))
          (f64.add (f64.load (i32.add (local.get $out) (local.get $j)))
            (f64x2.extract_lane 0 (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (v128.load64_zero (i32.add (local.get $a0) (local.get $j))))
                         (f64x2.mul (local.get $v1) (v128.load64_zero (i32.add (local.get $a1) (local.get $j)))))
              (f64x2.add (f64x2.mul (local.get $v2) (v128.load64_zero (i32.add (local.get $a2) (local.get $j))))
                         (f64x2.mul (local.get $v3) (v128.load64_zero (i32.add (local.get $a3) (local.get $j)))))))))))
      (local.set $a0 (i32.add (local.get $a3) (local.get $row)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows4)))
    ;; the last n mod 4 rows, one at a time (ρ from lane 0 of a pair whose lane 1 repeats it)
    (block $done1 (loop $rows1
      (br_if $done1 (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $s0 (v128.const f64x2 0 0))
      (local.set $j (i32.const 0))
      (block $dd1 (loop $dl1
        (br_if $dd1 (i32.ge_u (local.get $j) (local.get $even)))
        (local.set $s0 (f64x2.add (local.get $s0)
          (f64x2.mul (v128.load (i32.add (local.get $a0) (local.get $j))) (v128.load (i32.add (local.get $x) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $dl1)))
      (local.set $p0 (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
      (if (i32.lt_u (local.get $j) (local.get $row)) (then
        (local.set $p0 (f64.add (local.get $p0)
          (f64.mul (f64.load (i32.add (local.get $a0) (local.get $j))) (f64.load (i32.add (local.get $x) (local.get $j))))))))
      (if (local.get $mode)
        (then (local.set $p0 (f64x2.extract_lane 0 (call $ell2 (f64x2.splat (local.get $p0)) (local.get $tab)))))
        (else
          (local.set $p0 (f64.sub (local.get $p0) (f64.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))))
          (f64.store (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3))) (local.get $p0))))
      (local.set $v0 (f64x2.splat (local.get $p0)))
      (local.set $j (i32.const 0))
      (block $ad1 (loop $al1
        (br_if $ad1 (i32.ge_u (local.get $j) (local.get $even)))
        (v128.store (i32.add (local.get $out) (local.get $j))
          (f64x2.add (v128.load (i32.add (local.get $out) (local.get $j)))
                     (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $a0) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $al1)))
      (if (i32.lt_u (local.get $j) (local.get $row)) (then
        (f64.store (i32.add (local.get $out) (local.get $j))
          (f64.add (f64.load (i32.add (local.get $out) (local.get $j)))
                   (f64.mul (local.get $p0) (f64.load (i32.add (local.get $a0) (local.get $j))))))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $row)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows1))))

  (func (export "fused_pass")
    (param $a i32) (param $n i32) (param $d i32) (param $x i32) (param $y i32) (param $r i32) (param $out i32) (param $tab i32) (param $mode i32)
    (call $fused (local.get $a) (local.get $n) (local.get $d) (local.get $x) (local.get $y) (local.get $r) (local.get $out) (local.get $tab) (local.get $mode)))

  ;; w ← w − c·g over d entries (pairs, then the odd one)
  (func $axpy (export "sub_scaled") (param $w i32) (param $g i32) (param $d i32) (param $c f64)
    (local $j i32) (local $row i32) (local $cv v128)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (local.set $cv (f64x2.splat (local.get $c)))
    (block $e (loop $l
      (br_if $e (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $row)))
      (v128.store (i32.add (local.get $w) (local.get $j))
        (f64x2.sub (v128.load (i32.add (local.get $w) (local.get $j))) (f64x2.mul (local.get $cv) (v128.load (i32.add (local.get $g) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $j) (local.get $row)) (then
      (f64.store (i32.add (local.get $w) (local.get $j))
        (f64.sub (f64.load (i32.add (local.get $w) (local.get $j))) (f64.mul (local.get $c) (f64.load (i32.add (local.get $g) (local.get $j)))))))))

  (func (export "logreg_gd") (param $z i32) (param $n i32) (param $d i32) (param $w i32) (param $g i32) (param $tab i32) (param $c f64) (param $iters i32)
    (block $e (loop $l
      (br_if $e (i32.le_s (local.get $iters) (i32.const 0)))
      (call $fused (local.get $z) (local.get $n) (local.get $d) (local.get $w) (i32.const 0) (i32.const 0) (local.get $g) (local.get $tab) (i32.const 1))
      (call $axpy (local.get $w) (local.get $g) (local.get $d) (local.get $c))
      (local.set $iters (i32.sub (local.get $iters) (i32.const 1)))
      (br $l))))

  ;; one step of logreg2_gd: w ← w − c Σᵢ ℓ′(⟨zᵢ, w⟩) zᵢ for w = (w[0], w[1]), two rows per lane pair with
  ;; $ell2 written out in the loop (a call would spill the accumulators). (Each step is a call: V8 tiers a
  ;; WebAssembly function up to its optimizing compiler between calls, never inside one.)
  (func $logreg2_step (param $z0 i32) (param $z1 i32) (param $n i32) (param $w i32) (param $tab i32) (param $c f64)
    (local $i i32) (local $end i32) (local $a v128) (local $b v128) (local $zv0 v128) (local $zv1 v128) (local $rho v128) (local $w0 v128) (local $w1 v128)
    (local $x v128) (local $k v128) (local $r v128) (local $ki v128) (local $t v128) (local $p v128)
    (local.set $w0 (v128.load64_splat (local.get $w)))
    (local.set $w1 (v128.load64_splat offset=8 (local.get $w)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $re (loop $rl
      (br_if $re (i32.ge_u (local.get $i) (local.get $end)))
      ;; an odd n's last row in lane 0 (lane 1 zero: it adds 0 to both sums)
      (if (i32.lt_u (i32.add (local.get $i) (i32.const 8)) (local.get $end))
        (then
          (local.set $zv0 (v128.load (i32.add (local.get $z0) (local.get $i))))
          (local.set $zv1 (v128.load (i32.add (local.get $z1) (local.get $i)))))
        (else
          (local.set $zv0 (v128.load64_zero (i32.add (local.get $z0) (local.get $i))))
          (local.set $zv1 (v128.load64_zero (i32.add (local.get $z1) (local.get $i))))))
      (local.set $x (f64x2.pmin (f64x2.pmax
        (f64x2.add (f64x2.mul (local.get $zv0) (local.get $w0)) (f64x2.mul (local.get $zv1) (local.get $w1)))
        (v128.const f64x2 -708 -708)) (v128.const f64x2 709 709)))
      (local.set $k (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 369.3299304675746 369.3299304675746))))
      (local.set $r (f64x2.sub (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 0.0027076061815023422 0.0027076061815023422)))
                               (f64x2.mul (local.get $k) (v128.const f64x2 -7.440055859210031e-12 -7.440055859210031e-12))))
      (local.set $ki (i32x4.trunc_sat_f64x2_s_zero (local.get $k)))
      (local.set $t (f64x2.replace_lane 1
        (v128.load64_splat (i32.add (local.get $tab) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $ki)) (i32.const 255)) (i32.const 3))))
        (f64.load (i32.add (local.get $tab) (i32.shl (i32.and (i32x4.extract_lane 1 (local.get $ki)) (i32.const 255)) (i32.const 3))))))
      (local.set $p (f64x2.add (local.get $r)
        (f64x2.mul (f64x2.mul (local.get $r) (local.get $r))
          (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r)
            (f64x2.add (v128.const f64x2 0.16666666666666666 0.16666666666666666) (f64x2.mul (local.get $r) (v128.const f64x2 0.041666666666666664 0.041666666666666664))))))))
      (local.set $rho (f64x2.neg (f64x2.div (v128.const f64x2 1 1)
        (f64x2.add (v128.const f64x2 1 1)
          (f64x2.mul (f64x2.add (local.get $t) (f64x2.mul (local.get $t) (local.get $p)))
            (i64x2.shl (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $ki) (i32.const 8)) (v128.const i32x4 1023 1023 1023 1023))) (i32.const 52)))))))
      (local.set $a (f64x2.add (local.get $a) (f64x2.mul (local.get $rho) (local.get $zv0))))
      (local.set $b (f64x2.add (local.get $b) (f64x2.mul (local.get $rho) (local.get $zv1))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $rl)))
    (f64.store (local.get $w) (f64.sub (f64x2.extract_lane 0 (local.get $w0))
      (f64.mul (local.get $c) (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))))))
    (f64.store offset=8 (local.get $w) (f64.sub (f64x2.extract_lane 0 (local.get $w1))
      (f64.mul (local.get $c) (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))))))

  (func (export "logreg2_gd") (param $z0 i32) (param $z1 i32) (param $n i32) (param $w i32) (param $tab i32) (param $c f64) (param $iters i32)
    (block $e (loop $l
      (br_if $e (i32.le_s (local.get $iters) (i32.const 0)))
      (call $logreg2_step (local.get $z0) (local.get $z1) (local.get $n) (local.get $w) (local.get $tab) (local.get $c))
      (local.set $iters (i32.sub (local.get $iters) (i32.const 1)))
      (br $l))))

  ;; u ← u − cv⊙g⊙u, v ← v + cv⊙g⊙v, w ← u⊙u − v⊙v over d entries (a step of diag_gd after its pass)
  (func $diag_update (param $u i32) (param $v i32) (param $w i32) (param $g i32) (param $d i32) (param $cv v128)
    (local $j i32) (local $row i32) (local $cg v128) (local $uj v128) (local $vj v128)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $ue (loop $ul
      (br_if $ue (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $row)))
      (local.set $cg (f64x2.mul (local.get $cv) (v128.load (i32.add (local.get $g) (local.get $j)))))
      (local.set $uj (v128.load (i32.add (local.get $u) (local.get $j))))
      (local.set $vj (v128.load (i32.add (local.get $v) (local.get $j))))
      (local.set $uj (f64x2.sub (local.get $uj) (f64x2.mul (local.get $cg) (local.get $uj))))
      (local.set $vj (f64x2.add (local.get $vj) (f64x2.mul (local.get $cg) (local.get $vj))))
      (v128.store (i32.add (local.get $u) (local.get $j)) (local.get $uj))
      (v128.store (i32.add (local.get $v) (local.get $j)) (local.get $vj))
      (v128.store (i32.add (local.get $w) (local.get $j))
        (f64x2.sub (f64x2.mul (local.get $uj) (local.get $uj)) (f64x2.mul (local.get $vj) (local.get $vj))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $ul)))
    ;; odd d: the last entry in lane 0
    (if (i32.lt_u (local.get $j) (local.get $row)) (then
      (local.set $cg (f64x2.mul (local.get $cv) (v128.load64_zero (i32.add (local.get $g) (local.get $j)))))
      (local.set $uj (v128.load64_zero (i32.add (local.get $u) (local.get $j))))
      (local.set $vj (v128.load64_zero (i32.add (local.get $v) (local.get $j))))
      (local.set $uj (f64x2.sub (local.get $uj) (f64x2.mul (local.get $cg) (local.get $uj))))
      (local.set $vj (f64x2.add (local.get $vj) (f64x2.mul (local.get $cg) (local.get $vj))))
      (v128.store64_lane 0 (i32.add (local.get $u) (local.get $j)) (local.get $uj))
      (v128.store64_lane 0 (i32.add (local.get $v) (local.get $j)) (local.get $vj))
      (v128.store64_lane 0 (i32.add (local.get $w) (local.get $j))
        (f64x2.sub (f64x2.mul (local.get $uj) (local.get $uj)) (f64x2.mul (local.get $vj) (local.get $vj)))))))

  (func (export "diag_update") (param $u i32) (param $v i32) (param $w i32) (param $g i32) (param $d i32) (param $c f64)
    (call $diag_update (local.get $u) (local.get $v) (local.get $w) (local.get $g) (local.get $d) (f64x2.splat (local.get $c))))

  (func (export "diag_gd") (param $x i32) (param $n i32) (param $d i32) (param $y i32) (param $r i32)
    (param $u i32) (param $v i32) (param $w i32) (param $g i32) (param $c f64) (param $iters i32)
    (local $cv v128)
    (local.set $cv (f64x2.splat (local.get $c)))
    (block $e (loop $l
      (br_if $e (i32.le_s (local.get $iters) (i32.const 0)))
      (call $fused (local.get $x) (local.get $n) (local.get $d) (local.get $w) (local.get $y) (local.get $r) (local.get $g) (i32.const 0) (i32.const 0))
      (call $diag_update (local.get $u) (local.get $v) (local.get $w) (local.get $g) (local.get $d) (local.get $cv))
      (local.set $iters (i32.sub (local.get $iters) (i32.const 1)))
      (br $l))))
  (func (export "sym_pack") (param $w0 i32) (param $w1 i32) (param $n i32) (param $out i32)
    (local $j i32) (local $p i32) (local $end i32) (local $row i32)
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (block $je (loop $jl
      (br_if $je (i32.ge_u (local.get $j) (local.get $n)))
      ;; p: byte offset of entry (j, j); end: of entry (j, n)
      (local.set $p (i32.mul (local.get $j) (i32.add (local.get $row) (i32.const 8))))
      (local.set $end (i32.mul (i32.add (local.get $j) (i32.const 1)) (local.get $row)))
      (f64.store (local.get $out) (f64.add (f64.load (i32.add (local.get $w0) (local.get $p))) (f64.load (i32.add (local.get $w1) (local.get $p)))))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (block $ke (loop $kl
        (br_if $ke (i32.ge_u (local.get $p) (local.get $end)))
        (f64.store (local.get $out) (f64.mul (f64.const 2)
          (f64.add (f64.load (i32.add (local.get $w0) (local.get $p))) (f64.load (i32.add (local.get $w1) (local.get $p))))))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $kl)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $jl))))

  (func (export "sym_unpack") (param $g0 i32) (param $g1 i32) (param $n i32) (param $out i32)
    (local $j i32) (local $k i32) (local $v f64) (local $row i32)
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (block $je (loop $jl
      (br_if $je (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $k (local.get $j))
      (block $ke (loop $kl
        (br_if $ke (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $v (f64.add (f64.load (local.get $g0)) (f64.load (local.get $g1))))
        (f64.store (i32.add (local.get $out) (i32.add (i32.mul (local.get $j) (local.get $row)) (i32.shl (local.get $k) (i32.const 3)))) (local.get $v))
        (f64.store (i32.add (local.get $out) (i32.add (i32.mul (local.get $k) (local.get $row)) (i32.shl (local.get $j) (i32.const 3)))) (local.get $v))
        (local.set $g0 (i32.add (local.get $g0) (i32.const 8)))
        (local.set $g1 (i32.add (local.get $g1) (i32.const 8)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kl)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $jl))))
)
