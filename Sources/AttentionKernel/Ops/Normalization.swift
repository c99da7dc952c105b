import Foundation

/// Logit soft-capping: σ·tanh(x/σ), elementwise (Gemma 2). Keeps scores in (−σ, σ) smoothly.
///
/// Shapes: any; same shape out. −∞ stays −∞, so it can follow a mask.
public func logitSoftcap(_ x: Tensor, cap: Float) throws -> Tensor {
    guard cap.isFinite, cap > 0 else { throw KernelError("logitSoftcap", "cap σ must be a positive finite number, got \(cap)") }
    return x.map { cap * Float(tanh(Double($0 / cap))) }
}

/// LayerNorm over the last axis: y = (x − μ)/√(σ² + ε)·γ + β, μ and σ² the mean and variance of the row.
///
/// Shapes: x is (…, d); γ and β are (d,) (default 1 and 0); y has the shape of x.
/// Float sums in eight lanes over the row, in place on y:
/// pass 1: μ = Σx/d; pass 2: σ² = Σ(x − μ)²/d (two passes, so a large mean does not cancel the
/// variance away); pass 3: y = (x − μ)·(1/√(σ² + ε))·γ + β. `layerNormNaive` does the same in Double.
public func layerNorm(_ x: Tensor, gamma: Tensor? = nil, beta: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
    let d = try checkNorm("layerNorm", x, gamma, beta, eps)
    var y = x
    let g = gamma?.scalars ?? [Float](repeating: 1, count: d), b = beta?.scalars ?? [Float](repeating: 0, count: d)
    y.scalars.withUnsafeMutableBufferPointer { py in
        g.withUnsafeBufferPointer { pg in
            b.withUnsafeBufferPointer { pb in
                for r in 0..<(py.count / d) {
                    let row = py.baseAddress! + r * d
                    let mean = rowSum(row, count: d) / Float(d)                      // pass 1
                    let variance = centredSquareSum(row, count: d, mean: mean) / Float(d)  // pass 2
                    let inv = inverseRoot(variance + eps)
                    for j in 0..<d { row[j] = (row[j] - mean) * inv * pg[j] + pb[j] }  // pass 3
                }
            }
        }
    }
    return y
}

/// The naive reference for `layerNorm`: the formula row by row, accumulated in Double.
public func layerNormNaive(_ x: Tensor, gamma: Tensor? = nil, beta: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
    let d = try checkNorm("layerNorm", x, gamma, beta, eps)
    var y = x
    for r in 0..<(x.count / d) {
        let row = x.scalars[(r * d)..<((r + 1) * d)].map(Double.init)
        let mean = row.reduce(0, +) / Double(d)
        let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d)
        let inv = inverseRoot(variance + Double(eps))
        for j in 0..<d {
            let g = gamma?.scalars[j] ?? 1, b = beta?.scalars[j] ?? 0
            y.scalars[r * d + j] = Float((row[j] - mean) * inv * Double(g) + Double(b))
        }
    }
    return y
}

/// RMSNorm over the last axis: y = x/√(mean(x²) + ε)·γ (Zhang & Sennrich 2019; no mean, no β).
///
/// Shapes: x is (…, d); γ is (d,) (default 1); y has the shape of x.
/// pass 1: mean(x²) in eight Float lanes; pass 2: y = x·(1/√(mean(x²) + ε))·γ, in place on y.
public func rmsNorm(_ x: Tensor, gamma: Tensor? = nil, eps: Float = 1e-6) throws -> Tensor {
    let d = try checkNorm("rmsNorm", x, gamma, nil, eps)
    var y = x
    let g = gamma?.scalars ?? [Float](repeating: 1, count: d)
    y.scalars.withUnsafeMutableBufferPointer { py in
        g.withUnsafeBufferPointer { pg in
            for r in 0..<(py.count / d) {
                let row = py.baseAddress! + r * d
                let inv = inverseRoot(centredSquareSum(row, count: d, mean: 0) / Float(d) + eps)  // pass 1
                for j in 0..<d { row[j] = row[j] * inv * pg[j] }                     // pass 2
            }
        }
    }
    return y
}

/// The naive reference for `rmsNorm`: the formula row by row, accumulated in Double.
public func rmsNormNaive(_ x: Tensor, gamma: Tensor? = nil, eps: Float = 1e-6) throws -> Tensor {
    let d = try checkNorm("rmsNorm", x, gamma, nil, eps)
    var y = x
    for r in 0..<(x.count / d) {
        let row = x.scalars[(r * d)..<((r + 1) * d)].map(Double.init)
        let inv = inverseRoot(row.reduce(0) { $0 + $1 * $1 } / Double(d) + Double(eps))
        for j in 0..<d { y.scalars[r * d + j] = Float(row[j] * inv * Double(gamma?.scalars[j] ?? 1)) }
    }
    return y
}

/// 1/√v, and 0 for v = 0: with ε = 0 a constant row has x − μ = 0 everywhere, and 0·∞ would be NaN.
/// So LayerNorm maps such a row to β and RMSNorm maps a zero row to 0, instead of NaN as PyTorch does.
@inline(__always)
private func inverseRoot<F: BinaryFloatingPoint>(_ v: F) -> F {
    v > 0 ? 1 / v.squareRoot() : 0
}

/// Σ (row[j] − mean)² with eight partial sums, so the loop vectorises.
@inline(__always)
private func centredSquareSum(_ row: UnsafePointer<Float>, count n: Int, mean: Float) -> Float {
    var acc = SIMD8<Float>(repeating: 0)
    let m = SIMD8<Float>(repeating: mean)
    var j = 0
    while j + 8 <= n {
        let v = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self) - m
        acc += v * v
        j += 8
    }
    var s = acc.sum()
    while j < n { let v = row[j] - mean; s += v * v; j += 1 }
    return s
}

private func checkNorm(_ op: String, _ x: Tensor, _ gamma: Tensor?, _ beta: Tensor?, _ eps: Float) throws -> Int {
    guard x.rank >= 1, x.columns > 0 else { throw KernelError(op, "needs a non-empty last axis, got shape \(formatShape(x.shape))") }
    try x.requireFinite("x", in: op)
    guard eps.isFinite, eps >= 0 else { throw KernelError(op, "eps must be finite and ≥ 0, got \(eps)") }
    for (name, p) in [("gamma", gamma), ("beta", beta)] {
        guard let p else { continue }
        if p.shape != [x.columns] {
            throw KernelError(op, "\(name) \(formatShape(p.shape)) must be (\(x.columns),) for x \(formatShape(x.shape))")
        }
        try p.requireFinite(name, in: op)
    }
    return x.columns
}
