(module
  (import "env" "memory" (memory 1))
  ;; scores[l] += Σ_i weights[i] × codes[dims[i] × stride + l] for l < count (rounded up to 16), 16 labels per step.
  (func (export "scan")
    (param $codes i32) (param $stride i32) (param $count i32) (param $dims i32) (param $weights i32) (param $n i32) (param $scores i32)
    (local $i i32) (local $column i32) (local $weight v128) (local $label i32) (local $bytes v128) (local $out i32)
    (local $low v128) (local $high v128)
    (block $dimensionsDone
      (loop $eachDimension
        (br_if $dimensionsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $column
          (i32.add (local.get $codes)
            (i32.mul (i32.load (i32.add (local.get $dims) (i32.shl (local.get $i) (i32.const 2)))) (local.get $stride))))
        (local.set $weight (f32x4.splat (f32.load (i32.add (local.get $weights) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $label (i32.const 0))
        (block $labelsDone
          (loop $eachLabels
            (br_if $labelsDone (i32.ge_u (local.get $label) (local.get $count)))
            (local.set $bytes (v128.load (i32.add (local.get $column) (local.get $label))))
            (local.set $out (i32.add (local.get $scores) (i32.shl (local.get $label) (i32.const 2))))
            (local.set $low (i16x8.extend_low_i8x16_s (local.get $bytes)))
            (local.set $high (i16x8.extend_high_i8x16_s (local.get $bytes)))
            (v128.store offset=0 (local.get $out)
              (f32x4.add (v128.load offset=0 (local.get $out))
                (f32x4.mul (local.get $weight) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $low))))))
            (v128.store offset=16 (local.get $out)
              (f32x4.add (v128.load offset=16 (local.get $out))
                (f32x4.mul (local.get $weight) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $low))))))
            (v128.store offset=32 (local.get $out)
              (f32x4.add (v128.load offset=32 (local.get $out))
                (f32x4.mul (local.get $weight) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $high))))))
            (v128.store offset=48 (local.get $out)
              (f32x4.add (v128.load offset=48 (local.get $out))
                (f32x4.mul (local.get $weight) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $high))))))
            (local.set $label (i32.add (local.get $label) (i32.const 16)))
            (br $eachLabels)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachDimension))))
)
