/// A vectorised exp(x) for the softmax inner loop.
///
/// The polynomial is Cephes' `expf` (relative error about 1e-7 on [−87, 88]): write
/// x = n·ln2 + r with |r| ≤ ln2/2, approximate e^r by a degree-6 polynomial, and multiply by 2ⁿ
/// by adding n to the exponent bits. Inputs below −87.3 (including −∞) give exactly 0, so masked
/// scores get exactly zero weight.
@inline(__always)
func exp16(_ input: SIMD16<Float>) -> SIMD16<Float> {
    let tiny = input .< SIMD16<Float>(repeating: -87.3)
    var x = input.clamped(lowerBound: SIMD16(repeating: -87.3), upperBound: SIMD16(repeating: 88.7))
    let n = (x * 1.442_695_04 + 0.5).rounded(.down)
    x = x - n * 0.693_359_375
    x = x - n * -2.121_944_4e-4
    let z = x * x
    var y = SIMD16<Float>(repeating: 1.987_569_15e-4)
    y = y * x + 1.398_199_95e-3
    y = y * x + 8.333_451_9e-3
    y = y * x + 4.166_579_59e-2
    y = y * x + 1.666_666_55e-1
    y = y * x + 5.000_000_12e-1
    y = y * z + x + 1
    let bits = (SIMD16<Int32>(n, rounding: .towardZero) &+ 127) &<< 23
    let scale = unsafeBitCast(bits, to: SIMD16<Float>.self)
    return (y * scale).replacing(with: 0, where: tiny)
}

/// Scalar companion of `exp16` for loop tails, so every element goes through the same polynomial.
@inline(__always)
func exp1(_ x: Float) -> Float {
    exp16(SIMD16(repeating: x))[0]
}
