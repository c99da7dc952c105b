import Foundation

/// ALiBi head slopes (Press et al., 2022).
///
/// For n a power of two: m_h = 2^(−8h/n), h = 1 … n. Otherwise, with p the largest power of two
/// below n: the p slopes for p heads, then every other slope of the 2p-head schedule until n
/// slopes are reached (the reference implementation's interpolation).
public func alibiSlopes(numHeads n: Int) throws -> [Float] {
    guard n >= 1 else { throw KernelError("alibiSlopes", "needs at least one head, got \(n)") }
    func powerOfTwoSlopes(_ p: Int) -> [Double] {
        (1...p).map { pow(2, -8 * Double($0) / Double(p)) }
    }
    var p = 1
    while p * 2 <= n { p *= 2 }
    if p == n { return powerOfTwoSlopes(n).map(Float.init) }
    let extra = powerOfTwoSlopes(2 * p).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    return (powerOfTwoSlopes(p) + extra.prefix(n - p)).map(Float.init)
}

/// The ALiBi bias for one head: B_ij = −m·|p_i − j|, shape (T_q, T_k).
///
/// Queries align with the end of the keys (p_i = i + T_k − T_q), as in `AttentionMask`. Under a
/// causal mask this equals the paper's m·(j − i) for j ≤ i.
public func alibiBias(slope: Float, queries: Int, keys: Int) throws -> Tensor {
    guard queries >= 1, keys >= 1 else { throw KernelError("alibiBias", "needs T_q, T_k ≥ 1, got \(queries), \(keys)") }
    guard slope.isFinite else { throw KernelError("alibiBias", "slope must be finite, got \(slope)") }
    var b = Tensor.zeros([queries, keys])
    for i in 0..<queries {
        let p = i + keys - queries
        for j in 0..<keys { b[i, j] = -slope * Float(abs(p - j)) }
    }
    return b
}
