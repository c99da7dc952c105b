import CAttentionKernels

/// exp(x) for the softmax inner loops, written so that LLVM vectorises the loops that call it.
///
/// The polynomial is Cephes' `expf` (relative error about 1.2e-7, checked against numpy in the
/// tests): write x = n·ln2 + r with |r| ≤ ln2/2, approximate e^r by a degree-6 polynomial, and
/// multiply by 2ⁿ by building its exponent bits. n is rounded by adding and subtracting 1.5·2²³,
/// which needs no rounding instruction, so baseline x86-64 (SSE2) vectorises it. Swift's generic
/// SIMD16 helpers (`rounded`, `clamped`, `replacing`) were measured 35× slower here: they are not
/// specialised. Inputs below −87.3, including −∞, give exactly 0, so masked scores get exactly
/// zero weight.
@inline(__always)
func fastExp(_ input: Float) -> Float {
    let xc = min(max(input, -87.3), 88.7)
    let n = (xc * 1.442_695_04 + 12_582_912) - 12_582_912        // round(x·log₂e)
    var x = xc - n * 0.693_359_375                                 // r = x − n·ln2, in two parts
    x = x - n * -2.121_944_4e-4
    let z = x * x
    var y: Float = 1.987_569_15e-4
    y = y * x + 1.398_199_95e-3
    y = y * x + 8.333_451_9e-3
    y = y * x + 4.166_579_59e-2
    y = y * x + 1.666_666_55e-1
    y = y * x + 5.000_000_12e-1
    y = y * z + x + 1
    let twoToN = Float(bitPattern: UInt32(bitPattern: (Int32(n) &+ 127) &<< 23))
    return input < -87.3 ? 0 : y * twoToN
}

/// row[j] ← e^((row[j] − shift)·scale) for j < n; returns their sum.
@inline(__always)
func expShiftedInPlace(_ row: UnsafeMutablePointer<Float>, count n: Int, shift: Float, scale: Float = 1) -> Float {
    for j in 0..<n { row[j] = fastExp((row[j] - shift) * scale) }
    return rowSum(row, count: n)
}

/// Σ row[j] with eight partial sums (a plain Float loop cannot be reordered, so would not vectorise).
@inline(__always)
func rowSum(_ row: UnsafePointer<Float>, count n: Int) -> Float {
    var acc = SIMD8<Float>(repeating: 0)
    var j = 0
    while j + 8 <= n {
        acc += UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self)
        j += 8
    }
    var s = acc.sum()
    while j < n { s += row[j]; j += 1 }
    return s
}

/// max_j row[j], −∞ for an empty or fully masked row.
@inline(__always)
func rowMax(_ row: UnsafePointer<Float>, count n: Int) -> Float {
    var a0 = -Float.infinity, a1 = -Float.infinity, a2 = -Float.infinity, a3 = -Float.infinity
    var j = 0
    while j + 4 <= n {
        a0 = max(a0, row[j]); a1 = max(a1, row[j + 1]); a2 = max(a2, row[j + 2]); a3 = max(a3, row[j + 3])
        j += 4
    }
    while j < n { a0 = max(a0, row[j]); j += 1 }
    return max(max(a0, a1), max(a2, a3))
}

/// row[j] ← row[j]·factor.
@inline(__always)
func scaleRow(_ row: UnsafeMutablePointer<Float>, count n: Int, by factor: Float) {
    for j in 0..<n { row[j] *= factor }
}

/// x[i] ← 2^(x[i]) with the C kernels' vector exp2 (the tiled path's softmax step works in base 2),
/// in the variant `KernelISA.current` names.
///
/// Internal: the tests compare every variant with Foundation's exp2.
func kernelExp2InPlace(_ x: inout [Float]) {
    x.withUnsafeMutableBufferPointer { p in attn_exp2_inplace(p.baseAddress!, p.count) }
}
