import Foundation

/// Logit soft-capping: σ·tanh(x/σ), elementwise (Gemma 2). Keeps scores in (−σ, σ) smoothly.
///
/// Shapes: any; same shape out. −∞ stays −∞, so it can follow a mask.
public func logitSoftcap(_ x: Tensor, cap: Float) throws -> Tensor {
    guard cap.isFinite, cap > 0 else { throw KernelError("logitSoftcap", "cap σ must be a positive finite number, got \(cap)") }
    return x.map { cap * Float(tanh(Double($0 / cap))) }
}

/// LayerNorm over the last axis: y = (x − μ)/√(σ² + ε)·γ + β.
///
/// Shapes: x is (…, d); γ and β are (d,) (default 1 and 0); y has the shape of x.
public func layerNorm(_ x: Tensor, gamma: Tensor? = nil, beta: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
    let d = try checkNorm("layerNorm", x, gamma, beta, eps)
    var y = x
    for r in 0..<(x.count / d) {
        let row = x.scalars[(r * d)..<((r + 1) * d)].map(Double.init)
        let mean = row.reduce(0, +) / Double(d)
        let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d)
        let inv = 1 / (variance + Double(eps)).squareRoot()
        for j in 0..<d {
            let g = gamma?.scalars[j] ?? 1, b = beta?.scalars[j] ?? 0
            y.scalars[r * d + j] = Float((row[j] - mean) * inv) * g + b
        }
    }
    return y
}

/// RMSNorm over the last axis: y = x/√(mean(x²) + ε)·γ.
///
/// Shapes: x is (…, d); γ is (d,) (default 1); y has the shape of x.
public func rmsNorm(_ x: Tensor, gamma: Tensor? = nil, eps: Float = 1e-6) throws -> Tensor {
    let d = try checkNorm("rmsNorm", x, gamma, nil, eps)
    var y = x
    for r in 0..<(x.count / d) {
        let row = x.scalars[(r * d)..<((r + 1) * d)].map(Double.init)
        let inv = 1 / (row.reduce(0) { $0 + $1 * $1 } / Double(d) + Double(eps)).squareRoot()
        for j in 0..<d { y.scalars[r * d + j] = Float(row[j] * inv) * (gamma?.scalars[j] ?? 1) }
    }
    return y
}

private func checkNorm(_ op: String, _ x: Tensor, _ gamma: Tensor?, _ beta: Tensor?, _ eps: Float) throws -> Int {
    guard x.rank >= 1, x.columns > 0 else { throw KernelError(op, "needs a non-empty last axis, got shape \(formatShape(x.shape))") }
    try x.requireFinite("x", in: op)
    guard eps.isFinite, eps >= 0 else { throw KernelError(op, "eps must be finite and ≥ 0, got \(eps)") }
    for (name, p) in [("gamma", gamma), ("beta", beta)] {
        if let p, p.shape != [x.columns] {
            throw KernelError(op, "\(name) \(formatShape(p.shape)) must be (\(x.columns),) for x \(formatShape(x.shape))")
        }
    }
    return x.columns
}
