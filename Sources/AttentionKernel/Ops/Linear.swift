/// How a linear layer's weight matrix is stored.
///
/// The two layouts hold the same numbers transposed; `linear` reads either without copying.
public enum LinearLayout: String, Sendable, CaseIterable {
    /// W is (out, in), as PyTorch's `nn.Linear` and safetensors files store it: y = x·Wᵀ + b.
    case outIn
    /// W is (in, out), as the lecture writes it (`Q = X·W_Q`): y = x·W + b.
    case inOut
}

/// A linear layer on OpenBLAS: y = x·W + b (lecture layout) or y = x·Wᵀ + b (PyTorch layout).
///
/// Shapes: x is (T, in); W is (in, out) for `.inOut` or (out, in) for `.outIn`; b is (out,);
/// y is (T, out). The bias is written into every row of y first and sgemm adds the product onto
/// it (beta = 1), so the bias costs no extra pass over y.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil, layout: LinearLayout = .inOut) throws -> Tensor {
    let (t, inFeatures, outFeatures) = try checkLinear("linear", x: x, "x", weight: weight, "weight", bias: bias, "bias", layout: layout)
    return linearUnchecked(x, weight: weight, bias: bias, layout: layout, t: t, inFeatures: inFeatures, outFeatures: outFeatures)
}

/// The naive reference for `linear`: y_tj = b_j + Σ_i x_ti·W_ij, three loops accumulated in Double.
public func linearNaive(_ x: Tensor, weight: Tensor, bias: Tensor? = nil, layout: LinearLayout = .inOut) throws -> Tensor {
    let (t, inFeatures, outFeatures) = try checkLinear("linear", x: x, "x", weight: weight, "weight", bias: bias, "bias", layout: layout)
    return linearNaiveUnchecked(x, weight: weight, bias: bias, layout: layout, t: t, inFeatures: inFeatures, outFeatures: outFeatures)
}

/// Residual add: y = a + b, elementwise, as in the block's `x + Sublayer(x)`.
///
/// Shapes: a and b have the same shape (any rank); y has that shape. No broadcasting: a residual
/// stream and its update always match, so a mismatch is a wiring mistake worth reporting.
public func add(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    guard a.shape == b.shape else {
        throw KernelError("add", "shapes differ: a is \(formatShape(a.shape)), b is \(formatShape(b.shape)); a residual add needs equal shapes")
    }
    var y = a
    y.scalars.withUnsafeMutableBufferPointer { py in
        b.scalars.withUnsafeBufferPointer { pb in
            for i in 0..<py.count { py[i] += pb[i] }
        }
    }
    return y
}

// MARK: - Shared by linear, feedForward and swiGLU

/// (T, in, out) for one linear layer, or a KernelError from `op` naming the tensors and shapes.
///
/// The names let `feedForward` say "w2" rather than "weight" when its second layer is wrong.
func checkLinear(
    _ op: String, x: Tensor, _ xName: String, weight: Tensor, _ wName: String, bias: Tensor?, _ bName: String,
    layout: LinearLayout
) throws -> (Int, Int, Int) {
    try x.require(rank: 2, "\(xName) (T, in)", in: op)
    let layoutName = layout == .inOut ? "(in, out)" : "(out, in)"
    guard weight.rank == 2 else {
        throw KernelError(op, "\(wName) must be a matrix \(layoutName), got shape \(formatShape(weight.shape))")
    }
    let (wIn, wOut) = layout == .inOut ? (weight.shape[0], weight.shape[1]) : (weight.shape[1], weight.shape[0])
    guard wIn == x.shape[1] else {
        throw KernelError(op, "\(xName) \(formatShape(x.shape)) has in = \(x.shape[1]) features, but \(wName) \(formatShape(weight.shape)) in the \(layoutName) layout expects in = \(wIn)")
    }
    if let bias, bias.shape != [wOut] {
        throw KernelError(op, "\(bName) \(formatShape(bias.shape)) must be (\(wOut),) for \(wName) \(formatShape(weight.shape)) in the \(layoutName) layout (out = \(wOut))")
    }
    try x.requireFinite(xName, in: op)
    try weight.requireFinite(wName, in: op)
    try bias?.requireFinite(bName, in: op)
    return (x.shape[0], wIn, wOut)
}

/// y = x·op(W) + b on sgemm, for shapes already checked.
func linearUnchecked(_ x: Tensor, weight: Tensor, bias: Tensor?, layout: LinearLayout, t: Int, inFeatures: Int, outFeatures: Int) -> Tensor {
    var y = Tensor.zeros([t, outFeatures])                       // (T, out)
    guard t > 0, outFeatures > 0 else { return y }
    if let bias {
        y.scalars.withUnsafeMutableBufferPointer { py in
            bias.scalars.withUnsafeBufferPointer { pb in
                for r in 0..<t { (py.baseAddress! + r * outFeatures).update(from: pb.baseAddress!, count: outFeatures) }
            }
        }
    }
    guard inFeatures > 0 else { return y }
    x.scalars.withUnsafeBufferPointer { px in
        weight.scalars.withUnsafeBufferPointer { pw in
            y.scalars.withUnsafeMutableBufferPointer { py in
                sgemm(
                    transposeA: false, transposeB: layout == .outIn, m: t, n: outFeatures, k: inFeatures, alpha: 1,
                    a: px.baseAddress!, lda: inFeatures, b: pw.baseAddress!, ldb: weight.columns,
                    beta: bias == nil ? 0 : 1, c: py.baseAddress!, ldc: outFeatures)
            }
        }
    }
    return y
}

/// y = x·op(W) + b in three loops (Double sums), for shapes already checked.
func linearNaiveUnchecked(_ x: Tensor, weight: Tensor, bias: Tensor?, layout: LinearLayout, t: Int, inFeatures: Int, outFeatures: Int) -> Tensor {
    var y = Tensor.zeros([t, outFeatures])
    for r in 0..<t {
        for j in 0..<outFeatures {
            var sum = Double(bias?.scalars[j] ?? 0)
            for i in 0..<inFeatures {
                let w = layout == .inOut ? weight.scalars[i * outFeatures + j] : weight.scalars[j * inFeatures + i]
                sum += Double(x.scalars[r * inFeatures + i]) * Double(w)
            }
            y.scalars[r * outFeatures + j] = Float(sum)
        }
    }
    return y
}
