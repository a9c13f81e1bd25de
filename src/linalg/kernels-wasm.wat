;; WebAssembly SIMD (f64x2) kernels: the fused row passes of kernels-residual.ts and
;; kernels-logistic.ts, and the fused logistic-loss output layer of a two-layer ReLU net
;; (the GEMMs are in kernels-wasm-gemm.wat: browsers compile at most 4 KB synchronously).
;; Source of KERNELS_WASM_BASE64 in kernels-wasm-bytes.ts; regenerate with scripts/build-wasm.sh.
;;
;; fused_pass(a, n, d, x, y, r, out, tab, mode): one pass over the n rows of A (n×d row-major
;; float64 at byte address a), four rows per step, two columns per SIMD lane pair (the column
;; loops unrolled twice; eight rows per step spill registers and run slower):
;;   sᵢ = ⟨aᵢ, x⟩;  mode 0: ρᵢ = sᵢ − yᵢ, stored in r;  mode 1: ρᵢ = −1/(1 + e^sᵢ) (not stored);
;;   out = Σᵢ ρᵢ aᵢ.
;; The exp is kernels-exp.ts's, operation for operation (tables at byte address tab: 256 values
;; 2^(j/256), then 2201 values 2^q, q = −1100…1100), so each ρᵢ equals the TypeScript one exactly.
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

  ;; ρ from s: mode 0 → s − y[i] (and r[i] ← ρ), mode 1 → −1/(1 + e^s) ($logistic inlined: one call per row, not two)
  (func $rho (param $s f64) (param $i i32) (param $y i32) (param $r i32) (param $tab i32) (param $mode i32) (result f64)
    (local $v f64) (local $m f64) (local $x f64) (local $k f64) (local $ki i32) (local $t f64) (local $p f64) (local $rr f64)
    (if (result f64) (local.get $mode)
      (then
        (local.set $m (local.get $s))
        (local.set $x (f64.min (f64.max (local.get $m) (f64.const -708)) (f64.const 709)))
        (local.set $k (f64.nearest (f64.mul (local.get $x) (f64.const 369.3299304675746))))
        (local.set $rr (f64.sub (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 0.0027076061815023422)))
                               (f64.mul (local.get $k) (f64.const -7.440055859210031e-12))))
        (local.set $ki (i32.trunc_sat_f64_s (local.get $k)))
        (local.set $t (f64.load (i32.add (local.get $tab) (i32.shl (i32.and (local.get $ki) (i32.const 255)) (i32.const 3)))))
        (local.set $p (f64.add (local.get $rr)
          (f64.mul (f64.mul (local.get $rr) (local.get $rr))
            (f64.add (f64.const 0.5) (f64.mul (local.get $rr) (f64.add (f64.const 0.16666666666666666) (f64.mul (local.get $rr) (f64.const 0.041666666666666664))))))))
        (f64.neg (f64.div (f64.const 1)
          (f64.add (f64.const 1)
            (f64.mul (f64.add (local.get $t) (f64.mul (local.get $t) (local.get $p)))
                     (f64.load offset=2048 (i32.add (local.get $tab)
                       (i32.shl (i32.add (i32.shr_s (local.get $ki) (i32.const 8)) (i32.const 1100)) (i32.const 3)))))))))
      (else
        (local.set $v (f64.sub (local.get $s) (f64.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))))
        (f64.store (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3))) (local.get $v))
        (local.get $v))))

  (func (export "fused_pass")
    (param $a i32) (param $n i32) (param $d i32) (param $x i32) (param $y i32) (param $r i32) (param $out i32) (param $tab i32) (param $mode i32)
    (local $i i32) (local $j i32) (local $row i32) (local $even i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $xv v128)
    (local $p0 f64) (local $p1 f64) (local $p2 f64) (local $p3 f64) (local $xs f64)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (local.set $even (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    ;; out ← 0
    (local.set $j (i32.const 0))
    (block $z (loop $zl
      (br_if $z (i32.ge_u (local.get $j) (local.get $row)))
      (f64.store (i32.add (local.get $out) (local.get $j)) (f64.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $zl)))
    (local.set $a0 (local.get $a))
    ;; four rows per step
    (block $done4 (loop $rows4
      (br_if $done4 (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
      (local.set $a1 (i32.add (local.get $a0) (local.get $row)))
      (local.set $a2 (i32.add (local.get $a1) (local.get $row)))
      (local.set $a3 (i32.add (local.get $a2) (local.get $row)))
      (local.set $s0 (v128.const f64x2 0 0))
      (local.set $s1 (v128.const f64x2 0 0))
      (local.set $s2 (v128.const f64x2 0 0))
      (local.set $s3 (v128.const f64x2 0 0))
      (local.set $j (i32.const 0))
      (block $dd (loop $dl
        (br_if $dd (i32.gt_u (i32.add (local.get $j) (i32.const 32)) (local.get $even)))
        (local.set $xv (v128.load offset=0 (i32.add (local.get $x) (local.get $j))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load offset=0 (i32.add (local.get $a0) (local.get $j))) (local.get $xv))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=0 (i32.add (local.get $a1) (local.get $j))) (local.get $xv))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load offset=0 (i32.add (local.get $a2) (local.get $j))) (local.get $xv))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load offset=0 (i32.add (local.get $a3) (local.get $j))) (local.get $xv))))
        (local.set $xv (v128.load offset=16 (i32.add (local.get $x) (local.get $j))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load offset=16 (i32.add (local.get $a0) (local.get $j))) (local.get $xv))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (i32.add (local.get $a1) (local.get $j))) (local.get $xv))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load offset=16 (i32.add (local.get $a2) (local.get $j))) (local.get $xv))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load offset=16 (i32.add (local.get $a3) (local.get $j))) (local.get $xv))))
        (local.set $j (i32.add (local.get $j) (i32.const 32)))
        (br $dl)))
      (if (i32.lt_u (local.get $j) (local.get $even)) (then
        (local.set $xv (v128.load offset=0 (i32.add (local.get $x) (local.get $j))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load offset=0 (i32.add (local.get $a0) (local.get $j))) (local.get $xv))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=0 (i32.add (local.get $a1) (local.get $j))) (local.get $xv))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load offset=0 (i32.add (local.get $a2) (local.get $j))) (local.get $xv))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load offset=0 (i32.add (local.get $a3) (local.get $j))) (local.get $xv))))))
      (local.set $p0 (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
      (local.set $p1 (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
      (local.set $p2 (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))))
      (local.set $p3 (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3))))
      (if (i32.and (local.get $d) (i32.const 1)) (then
        (local.set $xs (f64.load (i32.add (local.get $x) (local.get $even))))
        (local.set $p0 (f64.add (local.get $p0) (f64.mul (f64.load (i32.add (local.get $a0) (local.get $even))) (local.get $xs))))
        (local.set $p1 (f64.add (local.get $p1) (f64.mul (f64.load (i32.add (local.get $a1) (local.get $even))) (local.get $xs))))
        (local.set $p2 (f64.add (local.get $p2) (f64.mul (f64.load (i32.add (local.get $a2) (local.get $even))) (local.get $xs))))
        (local.set $p3 (f64.add (local.get $p3) (f64.mul (f64.load (i32.add (local.get $a3) (local.get $even))) (local.get $xs))))))
      (local.set $p0 (call $rho (local.get $p0) (local.get $i) (local.get $y) (local.get $r) (local.get $tab) (local.get $mode)))
      (local.set $p1 (call $rho (local.get $p1) (i32.add (local.get $i) (i32.const 1)) (local.get $y) (local.get $r) (local.get $tab) (local.get $mode)))
      (local.set $p2 (call $rho (local.get $p2) (i32.add (local.get $i) (i32.const 2)) (local.get $y) (local.get $r) (local.get $tab) (local.get $mode)))
      (local.set $p3 (call $rho (local.get $p3) (i32.add (local.get $i) (i32.const 3)) (local.get $y) (local.get $r) (local.get $tab) (local.get $mode)))
      (local.set $v0 (f64x2.splat (local.get $p0)))
      (local.set $v1 (f64x2.splat (local.get $p1)))
      (local.set $v2 (f64x2.splat (local.get $p2)))
      (local.set $v3 (f64x2.splat (local.get $p3)))
      (local.set $j (i32.const 0))
      (block $ad (loop $al
        (br_if $ad (i32.gt_u (i32.add (local.get $j) (i32.const 32)) (local.get $even)))
        (v128.store offset=0 (i32.add (local.get $out) (local.get $j))
          (f64x2.add (v128.load offset=0 (i32.add (local.get $out) (local.get $j)))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (v128.load offset=0 (i32.add (local.get $a0) (local.get $j))))
                         (f64x2.mul (local.get $v1) (v128.load offset=0 (i32.add (local.get $a1) (local.get $j)))))
              (f64x2.add (f64x2.mul (local.get $v2) (v128.load offset=0 (i32.add (local.get $a2) (local.get $j))))
                         (f64x2.mul (local.get $v3) (v128.load offset=0 (i32.add (local.get $a3) (local.get $j))))))))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $j))
          (f64x2.add (v128.load offset=16 (i32.add (local.get $out) (local.get $j)))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (v128.load offset=16 (i32.add (local.get $a0) (local.get $j))))
                         (f64x2.mul (local.get $v1) (v128.load offset=16 (i32.add (local.get $a1) (local.get $j)))))
              (f64x2.add (f64x2.mul (local.get $v2) (v128.load offset=16 (i32.add (local.get $a2) (local.get $j))))
                         (f64x2.mul (local.get $v3) (v128.load offset=16 (i32.add (local.get $a3) (local.get $j))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 32)))
        (br $al)))
      (if (i32.lt_u (local.get $j) (local.get $even)) (then
        (v128.store offset=0 (i32.add (local.get $out) (local.get $j))
          (f64x2.add (v128.load offset=0 (i32.add (local.get $out) (local.get $j)))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $v0) (v128.load offset=0 (i32.add (local.get $a0) (local.get $j))))
                         (f64x2.mul (local.get $v1) (v128.load offset=0 (i32.add (local.get $a1) (local.get $j)))))
              (f64x2.add (f64x2.mul (local.get $v2) (v128.load offset=0 (i32.add (local.get $a2) (local.get $j))))
                         (f64x2.mul (local.get $v3) (v128.load offset=0 (i32.add (local.get $a3) (local.get $j))))))))))
      (if (i32.and (local.get $d) (i32.const 1)) (then
        (f64.store (i32.add (local.get $out) (local.get $even))
          (f64.add (f64.load (i32.add (local.get $out) (local.get $even)))
            (f64.add
              (f64.add (f64.mul (local.get $p0) (f64.load (i32.add (local.get $a0) (local.get $even))))
                       (f64.mul (local.get $p1) (f64.load (i32.add (local.get $a1) (local.get $even)))))
              (f64.add (f64.mul (local.get $p2) (f64.load (i32.add (local.get $a2) (local.get $even))))
                       (f64.mul (local.get $p3) (f64.load (i32.add (local.get $a3) (local.get $even))))))))))
      (local.set $a0 (i32.add (local.get $a3) (local.get $row)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows4)))
    ;; the last n mod 4 rows, one at a time
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
      (if (i32.and (local.get $d) (i32.const 1)) (then
        (local.set $p0 (f64.add (local.get $p0)
          (f64.mul (f64.load (i32.add (local.get $a0) (local.get $even))) (f64.load (i32.add (local.get $x) (local.get $even))))))))
      (local.set $p0 (call $rho (local.get $p0) (local.get $i) (local.get $y) (local.get $r) (local.get $tab) (local.get $mode)))
      (local.set $v0 (f64x2.splat (local.get $p0)))
      (local.set $j (i32.const 0))
      (block $ad1 (loop $al1
        (br_if $ad1 (i32.ge_u (local.get $j) (local.get $even)))
        (v128.store (i32.add (local.get $out) (local.get $j))
          (f64x2.add (v128.load (i32.add (local.get $out) (local.get $j)))
                     (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $a0) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $al1)))
      (if (i32.and (local.get $d) (i32.const 1)) (then
        (f64.store (i32.add (local.get $out) (local.get $even))
          (f64.add (f64.load (i32.add (local.get $out) (local.get $even)))
                   (f64.mul (local.get $p0) (f64.load (i32.add (local.get $a0) (local.get $even))))))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $row)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows1))))

  ;; relu_logistic_head(h, gh, a, ga, y, n, w, tab, scale): the output layer of a two-layer ReLU net
  ;; f(xᵢ) = Σⱼ aⱼ relu(Hᵢⱼ) under the logistic loss, for pre-activations H (n×w) and labels y:
  ;;   gᵢ = −yᵢ σ(−yᵢ fᵢ) · scale,  ga ← Σᵢ gᵢ relu(Hᵢ·),  Gₕ ← (g aᵀ) ⊙ [H > 0]  (n×w).
  ;; relu and the mask use H > 0 (NaN counts as off), as the TypeScript loop does.
  (func (export "relu_logistic_head")
    (param $h i32) (param $gh i32) (param $a i32) (param $ga i32) (param $y i32) (param $n i32) (param $w i32) (param $tab i32) (param $scale f64)
    (local $i i32) (local $j i32) (local $row i32) (local $even i32) (local $hi i32) (local $gi i32)
    (local $acc v128) (local $hv v128) (local $mask v128) (local $r v128) (local $gv v128)
    (local $f f64) (local $yi f64) (local $g f64) (local $hs f64)
    (local.set $row (i32.shl (local.get $w) (i32.const 3)))
    (local.set $even (i32.shl (i32.and (local.get $w) (i32.const -2)) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $z (loop $zl
      (br_if $z (i32.ge_u (local.get $j) (local.get $row)))
      (f64.store (i32.add (local.get $ga) (local.get $j)) (f64.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $zl)))
    (local.set $hi (local.get $h))
    (local.set $gi (local.get $gh))
    (block $id (loop $il
      (br_if $id (i32.ge_s (local.get $i) (local.get $n)))
      ;; f = Σⱼ aⱼ relu(hᵢⱼ)
      (local.set $acc (v128.const f64x2 0 0))
      (local.set $j (i32.const 0))
      (block $fd (loop $fl
        (br_if $fd (i32.ge_u (local.get $j) (local.get $even)))
        (local.set $hv (v128.load (i32.add (local.get $hi) (local.get $j))))
        (local.set $r (v128.and (local.get $hv) (f64x2.gt (local.get $hv) (v128.const f64x2 0 0))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $r) (v128.load (i32.add (local.get $a) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $fl)))
      (local.set $f (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
      (if (i32.and (local.get $w) (i32.const 1)) (then
        (local.set $hs (f64.load (i32.add (local.get $hi) (local.get $even))))
        (if (f64.gt (local.get $hs) (f64.const 0)) (then
          (local.set $f (f64.add (local.get $f) (f64.mul (local.get $hs) (f64.load (i32.add (local.get $a) (local.get $even))))))))))
      ;; g = −y σ(−y f)·scale  ($logistic(m) = −σ(−m))
      (local.set $yi (f64.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $g (f64.mul (f64.mul (local.get $yi) (call $logistic (f64.mul (local.get $yi) (local.get $f)) (local.get $tab))) (local.get $scale)))
      (local.set $gv (f64x2.splat (local.get $g)))
      ;; ga += g relu(hᵢ), Gₕᵢ = g a ⊙ [hᵢ > 0]
      (local.set $j (i32.const 0))
      (block $bd (loop $bl
        (br_if $bd (i32.ge_u (local.get $j) (local.get $even)))
        (local.set $hv (v128.load (i32.add (local.get $hi) (local.get $j))))
        (local.set $mask (f64x2.gt (local.get $hv) (v128.const f64x2 0 0)))
        (v128.store (i32.add (local.get $ga) (local.get $j))
          (f64x2.add (v128.load (i32.add (local.get $ga) (local.get $j)))
                     (f64x2.mul (local.get $gv) (v128.and (local.get $hv) (local.get $mask)))))
        (v128.store (i32.add (local.get $gi) (local.get $j))
          (v128.and (f64x2.mul (local.get $gv) (v128.load (i32.add (local.get $a) (local.get $j)))) (local.get $mask)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $bl)))
      (if (i32.and (local.get $w) (i32.const 1)) (then
        (local.set $hs (f64.load (i32.add (local.get $hi) (local.get $even))))
        (if (f64.gt (local.get $hs) (f64.const 0))
          (then
            (f64.store (i32.add (local.get $ga) (local.get $even))
              (f64.add (f64.load (i32.add (local.get $ga) (local.get $even))) (f64.mul (local.get $g) (local.get $hs))))
            (f64.store (i32.add (local.get $gi) (local.get $even))
              (f64.mul (local.get $g) (f64.load (i32.add (local.get $a) (local.get $even))))))
          (else (f64.store (i32.add (local.get $gi) (local.get $even)) (f64.const 0))))))
      (local.set $hi (i32.add (local.get $hi) (local.get $row)))
      (local.set $gi (i32.add (local.get $gi) (local.get $row)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $il)))))
