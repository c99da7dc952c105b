/// The three tensors of a position-wise feed-forward network, in the order they are computed.
public struct FeedForwardResult: Sendable, Equatable {
    /// x·W_1 + b_1, shape (T, H) with H the hidden width (4·d in Vaswani et al. 2017).
    public var hidden: Tensor
    /// σ(hidden), the activation applied elementwise, shape (T, H).
    public var activated: Tensor
    /// activated·W_2 + b_2, shape (T, d).
    public var output: Tensor

    public init(hidden: Tensor, activated: Tensor, output: Tensor) {
        self.hidden = hidden
        self.activated = activated
        self.output = output
    }
}

/// The position-wise FFN: FFN(x) = W_2·σ(W_1·x + b_1) + b_2, applied to every row of x alone.
///
/// Shapes: x is (T, d); W_1 is (d, H) in `.inOut` or (H, d) in `.outIn`, b_1 is (H,); W_2 is (H, d)
/// in `.inOut` or (d, H) in `.outIn`, b_2 is (d,). Result: hidden and activated (T, H), output (T, d).
/// H is whatever W_1 says (4·d in the original Transformer); W_2 must map it back to d, so the
/// output can be added to the residual stream.
public func feedForward(
    _ x: Tensor, w1: Tensor, b1: Tensor? = nil, w2: Tensor, b2: Tensor? = nil,
    activation: Activation = .gelu, layout: LinearLayout = .inOut
) throws -> FeedForwardResult {
    let s = try checkFeedForward(x, w1: w1, b1: b1, w2: w2, b2: b2, layout: layout)
    // pass 1: hidden = x·W_1 + b_1                                            (T, H)
    let hidden = linearUnchecked(x, weight: w1, bias: b1, layout: layout, t: s.t, inFeatures: s.d, outFeatures: s.h)
    // pass 2: activated = σ(hidden)                                            (T, H)
    let activated = activate(hidden, activation)
    // pass 3: output = activated·W_2 + b_2                                     (T, d)
    let output = linearUnchecked(activated, weight: w2, bias: b2, layout: layout, t: s.t, inFeatures: s.h, outFeatures: s.d)
    return FeedForwardResult(hidden: hidden, activated: activated, output: output)
}

/// The naive reference for `feedForward`: the same three passes with `linearNaive`'s loops.
public func feedForwardNaive(
    _ x: Tensor, w1: Tensor, b1: Tensor? = nil, w2: Tensor, b2: Tensor? = nil,
    activation: Activation = .gelu, layout: LinearLayout = .inOut
) throws -> FeedForwardResult {
    let s = try checkFeedForward(x, w1: w1, b1: b1, w2: w2, b2: b2, layout: layout)
    let hidden = linearNaiveUnchecked(x, weight: w1, bias: b1, layout: layout, t: s.t, inFeatures: s.d, outFeatures: s.h)
    let activated = activate(hidden, activation)
    let output = linearNaiveUnchecked(activated, weight: w2, bias: b2, layout: layout, t: s.t, inFeatures: s.h, outFeatures: s.d)
    return FeedForwardResult(hidden: hidden, activated: activated, output: output)
}

private func checkFeedForward(
    _ x: Tensor, w1: Tensor, b1: Tensor?, w2: Tensor, b2: Tensor?, layout: LinearLayout
) throws -> (t: Int, d: Int, h: Int) {
    let (t, d, h) = try checkLinear("feedForward", x: x, "x", weight: w1, "w1", bias: b1, "b1", layout: layout)
    let hiddenShape = Tensor.zeros([t, h])
    let (_, _, dOut) = try checkLinear("feedForward", x: hiddenShape, "hidden x·W_1", weight: w2, "w2", bias: b2, "b2", layout: layout)
    guard dOut == d else {
        throw KernelError("feedForward", "w2 \(formatShape(w2.shape)) maps the hidden width H = \(h) to \(dOut), but x \(formatShape(x.shape)) has d = \(d); FFN(x) must have the shape of x")
    }
    return (t, d, h)
}

/// The three tensors of a SwiGLU FFN, in the order they are computed.
public struct SwiGLUResult: Sendable, Equatable {
    /// x·W_1, shape (T, H): the branch that goes through SiLU.
    public var gate: Tensor
    /// x·W_3, shape (T, H): the linear branch.
    public var up: Tensor
    /// SiLU(gate) ⊙ up, shape (T, H).
    public var gated: Tensor
    /// gated·W_2, shape (T, d).
    public var output: Tensor

    public init(gate: Tensor, up: Tensor, gated: Tensor, output: Tensor) {
        self.gate = gate
        self.up = up
        self.gated = gated
        self.output = output
    }
}

/// The SwiGLU FFN of LLaMA and its kin: SwiGLU(x) = W_2·(SiLU(x·W_1) ⊙ x·W_3), no biases.
///
/// Shapes: x is (T, d); W_1 and W_3 are (d, H) in `.inOut` or (H, d) in `.outIn`; W_2 is (H, d) in
/// `.inOut` or (d, H) in `.outIn`. Result: gate, up and gated (T, H), output (T, d). (Shazeer 2020;
/// the W_1/W_3/W_2 names follow LLaMA's `w1`, `w3`, `w2`, i.e. gate_proj, up_proj, down_proj.)
public func swiGLU(_ x: Tensor, w1: Tensor, w3: Tensor, w2: Tensor, layout: LinearLayout = .inOut) throws -> SwiGLUResult {
    let s = try checkSwiGLU(x, w1: w1, w3: w3, w2: w2, layout: layout)
    // pass 1: gate = x·W_1, up = x·W_3                                         (T, H) each
    let gate = linearUnchecked(x, weight: w1, bias: nil, layout: layout, t: s.t, inFeatures: s.d, outFeatures: s.h)
    let up = linearUnchecked(x, weight: w3, bias: nil, layout: layout, t: s.t, inFeatures: s.d, outFeatures: s.h)
    // pass 2: gated = SiLU(gate) ⊙ up                                          (T, H)
    let gated = hadamard(silu(gate), up)
    // pass 3: output = gated·W_2                                               (T, d)
    let output = linearUnchecked(gated, weight: w2, bias: nil, layout: layout, t: s.t, inFeatures: s.h, outFeatures: s.d)
    return SwiGLUResult(gate: gate, up: up, gated: gated, output: output)
}

/// The naive reference for `swiGLU`: the same three passes with `linearNaive`'s loops.
public func swiGLUNaive(_ x: Tensor, w1: Tensor, w3: Tensor, w2: Tensor, layout: LinearLayout = .inOut) throws -> SwiGLUResult {
    let s = try checkSwiGLU(x, w1: w1, w3: w3, w2: w2, layout: layout)
    let gate = linearNaiveUnchecked(x, weight: w1, bias: nil, layout: layout, t: s.t, inFeatures: s.d, outFeatures: s.h)
    let up = linearNaiveUnchecked(x, weight: w3, bias: nil, layout: layout, t: s.t, inFeatures: s.d, outFeatures: s.h)
    let gated = hadamard(silu(gate), up)
    let output = linearNaiveUnchecked(gated, weight: w2, bias: nil, layout: layout, t: s.t, inFeatures: s.h, outFeatures: s.d)
    return SwiGLUResult(gate: gate, up: up, gated: gated, output: output)
}

private func checkSwiGLU(_ x: Tensor, w1: Tensor, w3: Tensor, w2: Tensor, layout: LinearLayout) throws -> (t: Int, d: Int, h: Int) {
    let (t, d, h) = try checkLinear("swiGLU", x: x, "x", weight: w1, "w1", bias: nil, "", layout: layout)
    guard w3.shape == w1.shape else {
        throw KernelError("swiGLU", "w3 \(formatShape(w3.shape)) must have the shape of w1 \(formatShape(w1.shape)): SiLU(x·W_1) ⊙ x·W_3 multiplies them elementwise")
    }
    try w3.requireFinite("w3", in: "swiGLU")
    let (_, _, dOut) = try checkLinear("swiGLU", x: Tensor.zeros([t, h]), "gated", weight: w2, "w2", bias: nil, "", layout: layout)
    guard dOut == d else {
        throw KernelError("swiGLU", "w2 \(formatShape(w2.shape)) maps the hidden width H = \(h) to \(dOut), but x \(formatShape(x.shape)) has d = \(d); SwiGLU(x) must have the shape of x")
    }
    return (t, d, h)
}

/// a ⊙ b for two tensors of one shape (checked by the caller).
private func hadamard(_ a: Tensor, _ b: Tensor) -> Tensor {
    var y = a
    for i in 0..<y.count { y.scalars[i] *= b.scalars[i] }
    return y
}
