;; WebAssembly SIMD (f64x2) kernels: the logistic weight of kernels-exp.ts (for tests: it must
;; equal the TypeScript one bit for bit) and the fused logistic-loss output layer of a two-layer
;; ReLU net. The row passes and GD loops are in kernels-wasm-gd.wat, the GEMMs and GEMVs in
;; kernels-wasm-blas.wat (browsers compile at most 4 KB synchronously, so the modules stay small).
;; Source of KERNELS_WASM_BASE64 in kernels-wasm-bytes.ts; regenerate with scripts/build-wasm.sh.
;; The exp is kernels-exp.ts's, operation for operation (tables at byte address tab: 256 values
;; 2^(j/256), then 2201 values 2^q, q = −1100…1100).
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
