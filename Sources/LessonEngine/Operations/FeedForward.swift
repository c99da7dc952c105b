import AttentionKernel

extension SceneOp { public static let ffn = SceneOp("ffn") }

extension OptionDeclaration {
    static let activation = OptionDeclaration(name: "activation", type: .choice(Activation.allCases.map(\.rawValue)), defaultValue: .name("gelu"),
                                              doc: "σ between the two linears: relu, gelu (erf), geluTanh (GPT-2's), silu")
    static let hiddenDim = OptionDeclaration(name: "hiddenDim", type: .integer, defaultValue: .none, range: 1...2048,
                                             doc: "the hidden width of random FFN weights; default 4·d")
}

extension OperationDeclaration {
    /// The position-wise FFN: W_2·σ(W_1·x + b_1) + b_2 on every row alone.
    static let ffn = OperationDeclaration(
        op: .ffn,
        summary: "the position-wise feed-forward network σ(x·W_1 + b_1)·W_2 + b_2, each row alone",
        inputs: [
            InputDeclaration(slot: "x", defaultTensor: "X", doc: "rows to transform, (T, d)"),
            InputDeclaration(slot: "w1", defaultTensor: "W_1", doc: "(d, H); seeded random (H = hiddenDim) when absent", optional: true),
            InputDeclaration(slot: "b1", defaultTensor: "b_1", doc: "(H,)", optional: true),
            InputDeclaration(slot: "w2", defaultTensor: "W_2", doc: "(H, d); seeded random when absent", optional: true),
            InputDeclaration(slot: "b2", defaultTensor: "b_2", doc: "(d,)", optional: true),
        ],
        options: [.activation, .hiddenDim, .seed],
        outputs: [
            OutputDeclaration("W_1", .parameter, caption: "the first linear, d → H"),
            OutputDeclaration("W_2", .parameter, caption: "the second linear, H → d"),
            OutputDeclaration("hidden", .activation, display: "x·W_1 + b_1", caption: "each row widened to H"),
            OutputDeclaration("activated", .activation, display: "σ(hidden)", caption: "the activation, elementwise"),
            OutputDeclaration("output", .output, display: "FFN(x)", caption: "each row back to width d, computed from that row alone"),
        ],
        defaultViews: [DefaultView(kind: .heatmap, tensor: "activated"), DefaultView(kind: .matrix, tensor: "output")],
        pipeline: ["X", "hidden", "activated", "output"],
        vectors: .names(["output"]),
        cost: { c in feedForwardCost(c, branches: 1) },
        run: { e in
            let x = try e.input("x")
            let (w1, w2) = try e.ffnWeights(x, names: ("w1", "w2"))
            let b1 = e.hasInput("b1") ? try e.input("b1") : nil
            let b2 = e.hasInput("b2") ? try e.input("b2") : nil
            let activation = Activation(rawValue: e.env.choice("activation")) ?? .gelu
            let r = try feedForward(x, w1: w1, b1: b1, w2: w2, b2: b2, activation: activation)
            e.result.add(e.inputName("x"), x, rows: e.tokens)
            e.result.add("W_1", w1)
            e.result.add("W_2", w2)
            e.result.add("hidden", r.hidden, rows: e.tokens)
            e.result.add("activated", r.activated, rows: e.tokens)
            e.result.add("output", r.output, rows: e.tokens)
        })
}

/// Values and products of an FFN with `branches` first linears (2 for SwiGLU).
func feedForwardCost(_ c: CostEstimator, branches: Double) -> SceneCost {
    let T = c.queryCount, d = c.modelWidth
    let h = Double(c.env.isSet("hiddenDim") ? max(1, c.env.integer("hiddenDim")) : 4 * Int(d))
    return SceneCost(values: T * d * 2 + (branches + 1) * (T * h + d * h), flops: 2 * T * d * h * (branches + 1), sizes: "T = \(Int(T)), d = \(Int(d)), H = \(Int(h))")
}

extension SceneEvaluator {
    /// The FFN's declared weights, or seeded random ones of width `hiddenDim` (4·d by default),
    /// scaled by 1/√fan-in so activations keep their size.
    mutating func ffnWeights(_ x: Tensor, names: (String, String)) throws -> (Tensor, Tensor) {
        if hasInput(names.0), hasInput(names.1) { return (try input(names.0), try input(names.1)) }
        let d = x.columns
        let h = env.isSet("hiddenDim") ? env.integer("hiddenDim") : 4 * d
        guard h >= 1, h <= 2048 else { throw SceneError(.mustBeFromOneTo(parameter: "hiddenDim", limit: 2048, got: h), at: env.location(of: "hiddenDim")) }
        let seed = UInt64(max(0, env.integer("seed")))
        let w1 = Tensor.normal([d, h], std: 1 / Float(d).squareRoot(), seed: seed &* 7919 &+ 11)
        let w2 = Tensor.normal([h, d], std: 1 / Float(h).squareRoot(), seed: seed &* 7919 &+ 13)
        return (w1, w2)
    }
}
