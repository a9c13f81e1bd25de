;; WebAssembly SIMD (f64x2) kernels: the logistic weight of kernels-exp.ts (for tests: it must
;; equal the TypeScript one bit for bit), and the two-layer ReLU net's head and gradients.
;; The row passes and GD loops are in kernels-wasm-gd.wat, the GEMMs and GEMVs in
;; kernels-wasm-blas.wat (browsers compile at most 4 KB synchronously, so the modules stay small).
;; The exp is kernels-exp.ts's, operation for operation (tables at byte address tab: 256 values
;; 2^(j/256), then 2201 values 2^q, q = −1100…1100; the SIMD $ell2 builds 2^q from its bits).
;;
;; The ReLU net f(x) = Σⱼ aⱼ relu(⟨wⱼ, x⟩) under the logistic loss works on the pre-activations
;; stored unit by unit: Hᵀ (w×n), Hᵀⱼᵢ = ⟨wⱼ, xᵢ⟩.
;;
;; relu(h) = pmax(0, h) = 0 < h ? h : 0 (NaN counts as off, as in the TypeScript loop).
;;
;; relu_head(ht, a, y, g, n, w, tab, scale): fᵢ = Σⱼ aⱼ relu(Hᵀⱼᵢ) (four units per pass over the
;;   examples), then gᵢ = yᵢ ℓ′(yᵢ fᵢ)·scale with ℓ′(m) = −1/(1 + eᵐ) (= −yᵢσ(−yᵢfᵢ)·scale), two
;;   examples per f64x2, the exp of kernels-exp.ts operation for operation (table of 2^(j/256) at tab).
;;
;; relu_head = relu_out (f) then relu_g (g from f), exported apart for a caller that splits the units or the
;;   examples between threads.
;; relu_grads(ht, x, g, a, gw, ga, n, d, w, t, yb, ix): the gradients of Σᵢ gᵢ f(xᵢ) in the layers,
;;   gaⱼ = Σᵢ gᵢ relu(Hᵀⱼᵢ)  and  gwⱼ = aⱼ Σᵢ [Hᵀⱼᵢ > 0] gᵢ xᵢ  (gw: w rows of dp = d rounded up to even).
;;   The mask [Hᵀ > 0] is binary, so the second sum goes by subset sums ("four Russians"): the examples
;;   in chunks of six, for every chunk a table of the 64 sums of its rows gᵢxᵢ (each one add from a
;;   smaller one), all tables kept; then unit by unit, the unit's six mask bits per chunk pick a row of
;;   each table and gwⱼ is the sum of the picked rows, accumulated in registers and stored once.
;;   x: n×d row-major; t: ⌈n/6⌉·64·dp scratch; yb: 6·dp scratch; ix: ⌈n/6⌉ i32 scratch.
;;   (Not specific to any data: the mask of a ReLU is always 0/1.)
;;   relu_grads = relu_tables (the tables; by ranges of whole chunks) then relu_units (by ranges of units).
;; Source of KERNELS_WASM_BASE64 in kernels-wasm-bytes.ts; regenerate with scripts/build-wasm.sh.
(module
  (import "env" "memory" (memory 1))

  ;; −1/(1 + e^m), m clamped to [−708, 709] (NaN stays NaN)
  (func $logistic (param $m f64) (param $tab i32) (result f64)
    (local $x f64) (local $k f64) (local $r f64) (local $ki i32) (local $t f64) (local $p f64)
    (local.set $x (f64.min (f64.max (local.get $m) (f64.const -708)) (f64.const 709)))
    (local.set $k (f64.nearest (f64.mul (local.get $x) (f64.const 369.3299304675746))))
    (local.set $r (f64.sub (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 0.0027076061815023422)))
                           (f64.mul (local.get $k) (f64.const -7.440055859210031e-12))))
    (local.set $ki (i32.trunc_sat_f64_s (local.get $k)))
    (local.set $t (f64.load (i32.add (local.get $tab) (i32.shl (i32.and (local.get $ki) (i32.const 255)) (i32.const 3)))))
    (local.set $p (f64.add (local.get $r)
      (f64.mul (f64.mul (local.get $r) (local.get $r))
        (f64.add (f64.const 0.5) (f64.mul (local.get $r) (f64.add (f64.const 0.16666666666666666) (f64.mul (local.get $r) (f64.const 0.041666666666666664))))))))
    (f64.neg (f64.div (f64.const 1)
      (f64.add (f64.const 1)
        (f64.mul (f64.add (local.get $t) (f64.mul (local.get $t) (local.get $p)))
                 (f64.load offset=2048 (i32.add (local.get $tab)
                   (i32.shl (i32.add (i32.shr_s (local.get $ki) (i32.const 8)) (i32.const 1100)) (i32.const 3)))))))))

  (func (export "logistic_weight") (param $m f64) (param $tab i32) (result f64)
    (call $logistic (local.get $m) (local.get $tab)))

  ;; (ℓ′(m₀), ℓ′(m₁)), ℓ′(m) = −1/(1 + eᵐ), m clamped to [−708, 709] (as kernels-wasm-gd.wat's $ell2)
  (func $ell2 (param $m v128) (param $tab i32) (result v128)
    (local $x v128) (local $k v128) (local $r v128) (local $ki v128) (local $t v128) (local $p v128)
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
    (f64x2.neg (f64x2.div (v128.const f64x2 1 1)
      (f64x2.add (v128.const f64x2 1 1)
        (f64x2.mul (f64x2.add (local.get $t) (f64x2.mul (local.get $t) (local.get $p)))
          (i64x2.shl (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $ki) (i32.const 8)) (v128.const i32x4 1023 1023 1023 1023))) (i32.const 52)))))))

  ;; f ← f + Σ_{j < cnt} aⱼ relu(Hᵀⱼ·) for cnt ≤ 4 units from unit j0 (pairs of examples; an odd n's last in lane 0)
  (func $head_units (param $ht i32) (param $a i32) (param $f i32) (param $n i32) (param $j0 i32) (param $cnt i32)
    (local $i i32) (local $row i32) (local $h0 i32) (local $h1 i32) (local $h2 i32) (local $h3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $z v128)
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (local.set $h0 (i32.add (local.get $ht) (i32.mul (local.get $j0) (local.get $row))))
    (local.set $h1 (i32.add (local.get $h0) (local.get $row)))
    (local.set $h2 (i32.add (local.get $h1) (local.get $row)))
    (local.set $h3 (i32.add (local.get $h2) (local.get $row)))
    ;; the weights of missing units are 0 and their rows are read from unit j0's (any finite row would do)
    (local.set $a0 (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $j0) (i32.const 3)))))
    (if (i32.gt_s (local.get $cnt) (i32.const 1)) (then (local.set $a1 (v128.load64_splat offset=8 (i32.add (local.get $a) (i32.shl (local.get $j0) (i32.const 3)))))) (else (local.set $h1 (local.get $h0))))
    (if (i32.gt_s (local.get $cnt) (i32.const 2)) (then (local.set $a2 (v128.load64_splat offset=16 (i32.add (local.get $a) (i32.shl (local.get $j0) (i32.const 3)))))) (else (local.set $h2 (local.get $h0))))
    (if (i32.gt_s (local.get $cnt) (i32.const 3)) (then (local.set $a3 (v128.load64_splat offset=24 (i32.add (local.get $a) (i32.shl (local.get $j0) (i32.const 3)))))) (else (local.set $h3 (local.get $h0))))
    (block $e (loop $l
      (br_if $e (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $row)))
      (v128.store (i32.add (local.get $f) (local.get $i))
        (f64x2.add (v128.load (i32.add (local.get $f) (local.get $i)))
          (f64x2.add
            (f64x2.add (f64x2.mul (local.get $a0) (f64x2.pmax (local.get $z) (v128.load (i32.add (local.get $h0) (local.get $i)))))
                       (f64x2.mul (local.get $a1) (f64x2.pmax (local.get $z) (v128.load (i32.add (local.get $h1) (local.get $i))))))
            (f64x2.add (f64x2.mul (local.get $a2) (f64x2.pmax (local.get $z) (v128.load (i32.add (local.get $h2) (local.get $i)))))
                       (f64x2.mul (local.get $a3) (f64x2.pmax (local.get $z) (v128.load (i32.add (local.get $h3) (local.get $i)))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $i) (local.get $row)) (then
      (v128.store64_lane 0 (i32.add (local.get $f) (local.get $i))
        (f64x2.add (v128.load64_zero (i32.add (local.get $f) (local.get $i)))
          (f64x2.add
            (f64x2.add (f64x2.mul (local.get $a0) (f64x2.pmax (local.get $z) (v128.load64_zero (i32.add (local.get $h0) (local.get $i)))))
                       (f64x2.mul (local.get $a1) (f64x2.pmax (local.get $z) (v128.load64_zero (i32.add (local.get $h1) (local.get $i))))))
            (f64x2.add (f64x2.mul (local.get $a2) (f64x2.pmax (local.get $z) (v128.load64_zero (i32.add (local.get $h2) (local.get $i)))))
                       (f64x2.mul (local.get $a3) (f64x2.pmax (local.get $z) (v128.load64_zero (i32.add (local.get $h3) (local.get $i))))))))))))

  ;; relu_out(ht, a, f, n, w): f ← Σⱼ aⱼ relu(Hᵀⱼ·) over the w units (four per pass over the examples)
  (func $relu_out (export "relu_out") (param $ht i32) (param $a i32) (param $f i32) (param $n i32) (param $w i32)
    (local $i i32) (local $j i32) (local $row i32)
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (block $z (loop $zl
      (br_if $z (i32.ge_u (local.get $i) (local.get $row)))
      (f64.store (i32.add (local.get $f) (local.get $i)) (f64.const 0))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $zl)))
    (block $e (loop $l
      (br_if $e (i32.ge_s (local.get $j) (local.get $w)))
      (call $head_units (local.get $ht) (local.get $a) (local.get $f) (local.get $n) (local.get $j)
        (select (i32.sub (local.get $w) (local.get $j)) (i32.const 4) (i32.lt_s (i32.sub (local.get $w) (local.get $j)) (i32.const 4))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $l))))

  ;; relu_g(f, y, g, n, tab, scale): gᵢ = yᵢ ℓ′(yᵢ fᵢ)·scale, two examples at a time (an odd n's last one
  ;; in lane 0 of a pair); g may be f
  (func $relu_g (export "relu_g") (param $f i32) (param $y i32) (param $g i32) (param $n i32) (param $tab i32) (param $scale f64)
    (local $i i32) (local $row i32) (local $yv v128) (local $fv v128) (local $sv v128)
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (local.set $sv (f64x2.splat (local.get $scale)))
    (block $ge (loop $gl
      (br_if $ge (i32.ge_u (local.get $i) (local.get $row)))
      (local.set $yv (v128.load64_zero (i32.add (local.get $y) (local.get $i))))
      (local.set $fv (v128.load64_zero (i32.add (local.get $f) (local.get $i))))
      (if (i32.lt_u (i32.add (local.get $i) (i32.const 8)) (local.get $row)) (then
        (local.set $yv (v128.load (i32.add (local.get $y) (local.get $i))))
        (local.set $fv (v128.load (i32.add (local.get $f) (local.get $i))))))
      (local.set $yv (f64x2.mul (f64x2.mul (local.get $yv)
        (call $ell2 (f64x2.mul (local.get $yv) (local.get $fv)) (local.get $tab))) (local.get $sv)))
      (v128.store64_lane 0 (i32.add (local.get $g) (local.get $i)) (local.get $yv))
      (if (i32.lt_u (i32.add (local.get $i) (i32.const 8)) (local.get $row)) (then
        (v128.store64_lane offset=8 1 (i32.add (local.get $g) (local.get $i)) (local.get $yv))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $gl))))

  (func (export "relu_head") (param $ht i32) (param $a i32) (param $y i32) (param $g i32) (param $n i32) (param $w i32) (param $tab i32) (param $scale f64)
    (call $relu_out (local.get $ht) (local.get $a) (local.get $g) (local.get $n) (local.get $w))
    (call $relu_g (local.get $g) (local.get $y) (local.get $g) (local.get $n) (local.get $tab) (local.get $scale)))

  ;; the table of subset sums of the rows yb[0..cnt) (each dp numbers): t[s] = t[s with its lowest bit cleared] + yb[that bit]
  (func $subset_sums (param $t i32) (param $yb i32) (param $cnt i32) (param $rowb i32)
    (local $s i32) (local $dst i32) (local $src i32) (local $add i32) (local $p i32) (local $quad i32)
    (local.set $quad (i32.and (local.get $rowb) (i32.const -32)))
    (local.set $p (i32.const 0))
    (block $z (loop $zl
      (br_if $z (i32.ge_u (local.get $p) (local.get $rowb)))
      (v128.store (i32.add (local.get $t) (local.get $p)) (v128.const f64x2 0 0))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $zl)))
    (local.set $s (i32.const 1))
    (block $e (loop $l
      (br_if $e (i32.ge_u (local.get $s) (i32.shl (i32.const 1) (local.get $cnt))))
      (local.set $dst (i32.add (local.get $t) (i32.mul (local.get $s) (local.get $rowb))))
      (local.set $src (i32.add (local.get $t) (i32.mul (i32.and (local.get $s) (i32.sub (local.get $s) (i32.const 1))) (local.get $rowb))))
      (local.set $add (i32.add (local.get $yb) (i32.mul (i32.ctz (local.get $s)) (local.get $rowb))))
      (local.set $p (i32.const 0))
      (block $pe (loop $pl
        (br_if $pe (i32.ge_u (local.get $p) (local.get $quad)))
        (v128.store (i32.add (local.get $dst) (local.get $p))
          (f64x2.add (v128.load (i32.add (local.get $src) (local.get $p))) (v128.load (i32.add (local.get $add) (local.get $p)))))
        (v128.store offset=16 (i32.add (local.get $dst) (local.get $p))
          (f64x2.add (v128.load offset=16 (i32.add (local.get $src) (local.get $p))) (v128.load offset=16 (i32.add (local.get $add) (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $pl)))
      (if (i32.lt_u (local.get $p) (local.get $rowb)) (then
        (v128.store (i32.add (local.get $dst) (local.get $p))
          (f64x2.add (v128.load (i32.add (local.get $src) (local.get $p))) (v128.load (i32.add (local.get $add) (local.get $p)))))))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $l))))

;; unit j's mask: ix[c] ← the byte offset in t of chunk c's table row picked by the unit's mask bits on
  ;; the chunk's examples (row 0, all zeros, when none is on); returns Σᵢ gᵢ relu(Hᵀⱼᵢ).
  (func $unit_mask (param $hp i32) (param $g i32) (param $ix i32) (param $n i32) (param $rowb i32) (result f64)
    (local $he i32) (local $off i32) (local $step i32) (local $cnt i32) (local $r i32) (local $idx i32) (local $hv v128) (local $h1 v128) (local $h2 v128) (local $acc v128) (local $gv v128)
    (local.set $cnt (i32.rem_u (local.get $n) (i32.const 6)))
    (local.set $he (i32.add (local.get $hp) (i32.shl (i32.sub (local.get $n) (local.get $cnt)) (i32.const 3))))
    (local.set $step (i32.shl (local.get $rowb) (i32.const 6)))
    (block $e (loop $l
      (br_if $e (i32.ge_u (local.get $hp) (local.get $he)))
      (local.set $hv (v128.load (local.get $hp)))
      (local.set $h1 (v128.load offset=16 (local.get $hp)))
      (local.set $h2 (v128.load offset=32 (local.get $hp)))
      (local.set $acc (f64x2.add (local.get $acc) (f64x2.add
        (f64x2.add (f64x2.mul (f64x2.pmax (v128.const f64x2 0 0) (local.get $hv)) (v128.load (local.get $g)))
                   (f64x2.mul (f64x2.pmax (v128.const f64x2 0 0) (local.get $h1)) (v128.load offset=16 (local.get $g))))
        (f64x2.mul (f64x2.pmax (v128.const f64x2 0 0) (local.get $h2)) (v128.load offset=32 (local.get $g))))))
      (i32.store (local.get $ix) (i32.add (local.get $off) (i32.mul (local.get $rowb)
        (i32.or (i64x2.bitmask (f64x2.gt (local.get $hv) (v128.const f64x2 0 0)))
          (i32.or (i32.shl (i64x2.bitmask (f64x2.gt (local.get $h1) (v128.const f64x2 0 0))) (i32.const 2))
                  (i32.shl (i64x2.bitmask (f64x2.gt (local.get $h2) (v128.const f64x2 0 0))) (i32.const 4)))))))
      (local.set $ix (i32.add (local.get $ix) (i32.const 4)))
      (local.set $off (i32.add (local.get $off) (local.get $step)))
      (local.set $hp (i32.add (local.get $hp) (i32.const 48)))
      (local.set $g (i32.add (local.get $g) (i32.const 48)))
      (br $l)))
    ;; the last, shorter chunk: pairs, an odd last example in lane 0 (lane 1 zero: off, relu 0)
    (if (local.get $cnt) (then
      (block $re (loop $rl
        (br_if $re (i32.ge_s (local.get $r) (local.get $cnt)))
        (if (i32.lt_s (i32.add (local.get $r) (i32.const 1)) (local.get $cnt))
          (then
            (local.set $hv (v128.load (i32.add (local.get $hp) (i32.shl (local.get $r) (i32.const 3)))))
            (local.set $gv (v128.load (i32.add (local.get $g) (i32.shl (local.get $r) (i32.const 3))))))
          (else
            (local.set $hv (v128.load64_zero (i32.add (local.get $hp) (i32.shl (local.get $r) (i32.const 3)))))
            (local.set $gv (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $r) (i32.const 3)))))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (f64x2.pmax (v128.const f64x2 0 0) (local.get $hv)) (local.get $gv))))
        (local.set $idx (i32.or (local.get $idx)
          (i32.shl (i64x2.bitmask (f64x2.gt (local.get $hv) (v128.const f64x2 0 0))) (local.get $r))))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $rl)))
      (i32.store (local.get $ix) (i32.add (local.get $off) (i32.mul (local.get $idx) (local.get $rowb))))))
    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))

  ;; dst ← aj Σ_c t[ix[c] + ·] over the nch chunks' picked rows, rowb bytes: 64-byte blocks in four
  ;; f64x2 accumulators (two chunks per step, eight chains), then 32-byte ones
  (func $unit_row (param $t i32) (param $ix i32) (param $nch i32) (param $dst i32) (param $rowb i32) (param $aj v128)
    (local $p i32) (local $q i32) (local $e i32) (local $s i32) (local $u i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $e (i32.add (local.get $ix) (i32.shl (local.get $nch) (i32.const 2))))
    (block $pe (loop $pl
      (br_if $pe (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $rowb)))
      (local.set $a0 (v128.const f64x2 0 0)) (local.set $a1 (local.get $a0)) (local.set $a2 (local.get $a0)) (local.set $a3 (local.get $a0))
      (local.set $b0 (local.get $a0)) (local.set $b1 (local.get $a0)) (local.set $b2 (local.get $a0)) (local.set $b3 (local.get $a0))
      (local.set $q (local.get $ix))
      (block $ce (loop $cl
        (br_if $ce (i32.ge_u (i32.add (local.get $q) (i32.const 4)) (local.get $e)))
        (local.set $s (i32.add (i32.add (local.get $t) (local.get $p)) (i32.load (local.get $q))))
        (local.set $u (i32.add (i32.add (local.get $t) (local.get $p)) (i32.load offset=4 (local.get $q))))
        (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $s))))
        (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $s))))
        (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $s))))
        (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $s))))
        (local.set $b0 (f64x2.add (local.get $b0) (v128.load (local.get $u))))
        (local.set $b1 (f64x2.add (local.get $b1) (v128.load offset=16 (local.get $u))))
        (local.set $b2 (f64x2.add (local.get $b2) (v128.load offset=32 (local.get $u))))
        (local.set $b3 (f64x2.add (local.get $b3) (v128.load offset=48 (local.get $u))))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $cl)))
      (if (i32.lt_u (local.get $q) (local.get $e)) (then
        (local.set $s (i32.add (i32.add (local.get $t) (local.get $p)) (i32.load (local.get $q))))
        (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $s))))
        (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $s))))
        (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $s))))
        (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $s))))))
      (local.set $s (i32.add (local.get $dst) (local.get $p)))
      (v128.store (local.get $s) (f64x2.mul (local.get $aj) (f64x2.add (local.get $a0) (local.get $b0))))
      (v128.store offset=16 (local.get $s) (f64x2.mul (local.get $aj) (f64x2.add (local.get $a1) (local.get $b1))))
      (v128.store offset=32 (local.get $s) (f64x2.mul (local.get $aj) (f64x2.add (local.get $a2) (local.get $b2))))
      (v128.store offset=48 (local.get $s) (f64x2.mul (local.get $aj) (f64x2.add (local.get $a3) (local.get $b3))))
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (br $pl)))
    ;; the rest (16, 32 or 48 bytes): 32 bytes per pass
    (local.set $e (i32.sub (local.get $e) (i32.const 4)))
    (block $re (loop $rl
      (br_if $re (i32.ge_u (local.get $p) (local.get $rowb)))
      (local.set $a0 (v128.const f64x2 0 0)) (local.set $a1 (local.get $a0)) (local.set $b0 (local.get $a0)) (local.set $b1 (local.get $a0))
      (local.set $q (local.get $ix))
      (block $ce (loop $cl
        (br_if $ce (i32.ge_u (local.get $q) (local.get $e)))
        (local.set $s (i32.add (i32.add (local.get $t) (local.get $p)) (i32.load (local.get $q))))
        (local.set $u (i32.add (i32.add (local.get $t) (local.get $p)) (i32.load offset=4 (local.get $q))))
        (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $s))))
        (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $s))))
        (local.set $b0 (f64x2.add (local.get $b0) (v128.load (local.get $u))))
        (local.set $b1 (f64x2.add (local.get $b1) (v128.load offset=16 (local.get $u))))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $cl)))
      (if (i32.eq (local.get $q) (local.get $e)) (then
        (local.set $s (i32.add (i32.add (local.get $t) (local.get $p)) (i32.load (local.get $q))))
        (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $s))))
        (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $s))))))
      (local.set $s (i32.add (local.get $dst) (local.get $p)))
      (v128.store (local.get $s) (f64x2.mul (local.get $aj) (f64x2.add (local.get $a0) (local.get $b0))))
      ;; a 16-byte rest: the second f64x2 summed the next row's first one (or the padding past the last); not stored
      (if (i32.lt_u (i32.add (local.get $p) (i32.const 16)) (local.get $rowb)) (then
        (v128.store offset=16 (local.get $s) (f64x2.mul (local.get $aj) (f64x2.add (local.get $a1) (local.get $b1))))))
      (local.set $p (i32.add (local.get $p) (i32.const 32)))
      (br $rl))))

  ;; relu_tables(x, g, n, d, t, yb): every chunk's table for examples 0..n of x, g (chunk c's at t + 64·rowb·c)
  (func $relu_tables (export "relu_tables") (param $x i32) (param $g i32) (param $n i32) (param $d i32) (param $t i32) (param $yb i32)
    (local $rowb i32) (local $i0 i32) (local $cnt i32) (local $r i32) (local $k i32) (local $gv f64) (local $src i32) (local $dst i32)
    (local.set $rowb (i32.shl (i32.and (i32.add (local.get $d) (i32.const 1)) (i32.const -2)) (i32.const 3)))
    (block $e (loop $l
      (br_if $e (i32.ge_s (local.get $i0) (local.get $n)))
      (local.set $cnt (select (i32.sub (local.get $n) (local.get $i0)) (i32.const 6) (i32.lt_s (i32.sub (local.get $n) (local.get $i0)) (i32.const 6))))
      ;; yb[r] = g_{i0+r} x_{i0+r}, zero-padded to dp
      (local.set $r (i32.const 0))
      (block $ye (loop $yl
        (br_if $ye (i32.ge_s (local.get $r) (local.get $cnt)))
        (local.set $gv (f64.load (i32.add (local.get $g) (i32.shl (i32.add (local.get $i0) (local.get $r)) (i32.const 3)))))
        (local.set $src (i32.add (local.get $x) (i32.shl (i32.mul (i32.add (local.get $i0) (local.get $r)) (local.get $d)) (i32.const 3))))
        (local.set $dst (i32.add (local.get $yb) (i32.mul (local.get $r) (local.get $rowb))))
        (f64.store (i32.sub (i32.add (local.get $dst) (local.get $rowb)) (i32.const 8)) (f64.const 0))
        (local.set $k (i32.const 0))
        (block $ke (loop $kl
          (br_if $ke (i32.ge_s (local.get $k) (local.get $d)))
          (f64.store (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 3)))
            (f64.mul (local.get $gv) (f64.load (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 3))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $yl)))
      (call $subset_sums (local.get $t) (local.get $yb) (local.get $cnt) (local.get $rowb))
      (local.set $t (i32.add (local.get $t) (i32.shl (local.get $rowb) (i32.const 6))))
      (local.set $i0 (i32.add (local.get $i0) (i32.const 6)))
      (br $l))))

  ;; relu_units(ht, g, a, gw, ga, n, d, w, t, ix): unit by unit, its mask picks a row of each chunk's table;
  ;; gaⱼ, and gwⱼ = aⱼ Σ_c (the picked rows) (tables of all n examples at t)
  (func $relu_units (export "relu_units") (param $ht i32) (param $g i32) (param $a i32) (param $gw i32) (param $ga i32)
    (param $n i32) (param $d i32) (param $w i32) (param $t i32) (param $ix i32)
    (local $rowb i32) (local $k i32) (local $nch i32)
    (local.set $rowb (i32.shl (i32.and (i32.add (local.get $d) (i32.const 1)) (i32.const -2)) (i32.const 3)))
    (local.set $nch (i32.div_u (i32.add (local.get $n) (i32.const 5)) (i32.const 6)))
    (block $ue (loop $ul
      (br_if $ue (i32.ge_s (local.get $k) (local.get $w)))
      (f64.store (i32.add (local.get $ga) (i32.shl (local.get $k) (i32.const 3)))
        (call $unit_mask (i32.add (local.get $ht) (i32.mul (local.get $k) (i32.shl (local.get $n) (i32.const 3)))) (local.get $g) (local.get $ix) (local.get $n) (local.get $rowb)))
      (call $unit_row (local.get $t) (local.get $ix) (local.get $nch) (i32.add (local.get $gw) (i32.mul (local.get $k) (local.get $rowb))) (local.get $rowb)
        (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $ul))))

  (func (export "relu_grads") (param $ht i32) (param $x i32) (param $g i32) (param $a i32) (param $gw i32) (param $ga i32)
    (param $n i32) (param $d i32) (param $w i32) (param $t i32) (param $yb i32) (param $ix i32)
    (call $relu_tables (local.get $x) (local.get $g) (local.get $n) (local.get $d) (local.get $t) (local.get $yb))
    (call $relu_units (local.get $ht) (local.get $g) (local.get $a) (local.get $gw) (local.get $ga) (local.get $n) (local.get $d) (local.get $w) (local.get $t) (local.get $ix)))
)
