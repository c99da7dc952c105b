import Foundation

/// Which coordinates RoPE rotates together.
public enum RoPEPairing: String, Sendable, CaseIterable {
    /// Pairs (2i, 2i+1), as in the lecture and the RoFormer paper.
    case interleaved
    /// Pairs (i, i + d/2), as GPT-NeoX and Llama code lay them out.
    case halfSplit
}

/// RoPE frequencies θ_i = base^(−2(i−1)/d) for i = 1 … d/2 (stored 0-based). Shape (d/2,).
public func ropeFrequencies(dim: Int, base: Double = 10000) throws -> [Double] {
    guard dim >= 2, dim % 2 == 0 else {
        throw KernelError("rope", "the dimension must be even (RoPE rotates pairs), got d = \(dim)")
    }
    guard base.isFinite, base > 1 else { throw KernelError("rope", "base must be > 1, got \(base)") }
    return (0..<(dim / 2)).map { pow(base, -2 * Double($0) / Double(dim)) }
}

/// Rotation angles m·θ_i for each position m and pair i. Shape (T, d/2).
public func ropeAngles(positions: [Int], dim: Int, base: Double = 10000) throws -> Tensor {
    let theta = try ropeFrequencies(dim: dim, base: base)
    var t = Tensor.zeros([positions.count, dim / 2])
    for (r, m) in positions.enumerated() {
        for i in theta.indices { t[r, i] = Float(Double(m) * theta[i]) }
    }
    return t
}

/// Rotary position embedding: rotates each pair of x_m by the angle m·θ_i.
///
/// Shapes: x is (T, d) with d even; `positions` has T entries (default 0 … T−1); out is (T, d).
/// For a pair (a, b) at angle φ = m·θ_i: a' = a·cos φ − b·sin φ, b' = a·sin φ + b·cos φ.
/// Rotations keep norms, and q_m·k_n depends only on m − n.
public func applyRoPE(_ x: Tensor, positions: [Int]? = nil, base: Double = 10000, pairing: RoPEPairing = .interleaved) throws -> Tensor {
    try x.require(rank: 2, "x", in: "rope")
    try x.requireFinite("x", in: "rope")
    let pos = positions ?? Array(0..<x.rows)
    guard pos.count == x.rows else {
        throw KernelError("rope", "\(pos.count) positions given for x \(formatShape(x.shape)) with \(x.rows) rows")
    }
    let d = x.columns
    let theta = try ropeFrequencies(dim: d, base: base)
    var y = x
    for (r, m) in pos.enumerated() {
        for i in theta.indices {
            let phi = Double(m) * theta[i]
            let (c, s) = (cos(phi), sin(phi))
            let (ia, ib) = pairing == .interleaved ? (2 * i, 2 * i + 1) : (i, i + d / 2)
            let a = Double(x[r, ia]), b = Double(x[r, ib])
            y[r, ia] = Float(a * c - b * s)
            y[r, ib] = Float(a * s + b * c)
        }
    }
    return y
}
