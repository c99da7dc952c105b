import Foundation

/// The output of `softmax`: the weights and which rows had nothing to attend to.
public struct SoftmaxResult: Sendable, Equatable {
    /// Same shape as the input; each row sums to 1, or is all zeros when fully masked.
    public var weights: Tensor
    /// Indices of rows whose every entry was −∞. Their weights are all 0 (never NaN).
    public var fullyMaskedRows: [Int]
}

/// Softmax along the last axis with a temperature: a_ij = exp(x_ij/τ) / Σ_j' exp(x_ij'/τ).
///
/// Shapes: x is (…, n); the result has the same shape.
/// Numerically stable: pass 1 finds the row max m, pass 2 sums exp((x − m)/τ), pass 3 divides,
/// so logits around 1e4 do not overflow. −∞ entries get exactly 0. A row of only −∞ gets all zeros
/// and is listed in `fullyMaskedRows`. τ → 0 approaches argmax (hard read), τ → ∞ a plain average.
public func softmax(_ x: Tensor, temperature: Float = 1) throws -> SoftmaxResult {
    try checkSoftmaxInput(x, temperature: temperature)
    var weights = x
    var masked: [Int] = []
    let n = x.columns
    guard n > 0 else { return SoftmaxResult(weights: weights, fullyMaskedRows: []) }
    weights.scalars.withUnsafeMutableBufferPointer { p in
        for r in 0..<(p.count / n) where !softmaxRowInPlace(p.baseAddress! + r * n, count: n, inverseTemperature: 1 / temperature) {
            masked.append(r)
        }
    }
    return SoftmaxResult(weights: weights, fullyMaskedRows: masked)
}

/// The naive reference for `softmax`: the same three passes, scalar `exp` in Double.
public func softmaxNaive(_ x: Tensor, temperature: Float = 1) throws -> SoftmaxResult {
    try checkSoftmaxInput(x, temperature: temperature)
    var weights = x
    var masked: [Int] = []
    let n = x.columns
    guard n > 0 else { return SoftmaxResult(weights: weights, fullyMaskedRows: []) }
    for r in 0..<(x.count / n) {
        let row = Array(x.scalars[(r * n)..<((r + 1) * n)])
        let m = row.max()!
        if m == -.infinity {
            masked.append(r)
            for j in 0..<n { weights.scalars[r * n + j] = 0 }
            continue
        }
        let e = row.map { exp(Double($0 - m) / Double(temperature)) }
        let s = e.reduce(0, +)
        for j in 0..<n { weights.scalars[r * n + j] = Float(e[j] / s) }
    }
    return SoftmaxResult(weights: weights, fullyMaskedRows: masked)
}

func checkSoftmaxInput(_ x: Tensor, temperature: Float) throws {
    guard x.rank >= 1 else { throw KernelError("softmax", "needs at least one dimension, got a scalar") }
    guard temperature.isFinite, temperature > 0 else {
        throw KernelError("softmax", "temperature must be a positive finite number, got \(temperature)")
    }
    if let i = x.scalars.firstIndex(where: { $0.isNaN || $0 == .infinity }) {
        throw KernelError("softmax", "input \(formatShape(x.shape)) has \(x.scalars[i]) at flat index \(i); only −∞ (masked) is allowed besides finite values")
    }
}

/// Softmax of one row in place; returns false when the row was fully masked (then all zeros).
///
/// `inverseTemperature` multiplies (x − max), so attention can fold 1/τ in for free.
@inline(__always)
func softmaxRowInPlace(_ row: UnsafeMutablePointer<Float>, count n: Int, inverseTemperature: Float = 1) -> Bool {
    // pass 1: max
    let m = rowMax(row, count: n)
    if m == -.infinity {
        row.update(repeating: 0, count: n)
        return false
    }
    // pass 2: exp((x − m)/τ) and its sum
    let s = expShiftedInPlace(row, count: n, shift: m, scale: inverseTemperature)
    // pass 3: divide by the sum
    scaleRow(row, count: n, by: 1 / s)
    return true
}
