import AttentionKernel

extension SceneOp { public static let attention = SceneOp("attention") }

extension OperationDeclaration {
    /// Scaled dot-product attention, softmax(QKᵀ/√d_k)·V, given Q, K, V or projected from X.
    static let attention = OperationDeclaration(
        op: .attention,
        summary: "scaled dot-product attention softmax(QKᵀ/√d_k)·V, from Q, K, V or projected from X",
        inputs: InputDeclaration.selfAttention,
        options: OptionDeclaration.maskOptions + [.temperature, .scale, .softcap],
        outputs: OutputDeclaration.attentionStages,
        defaultViews: [DefaultView(kind: .heatmap), DefaultView(kind: .softmaxRow)],
        pipeline: ["X", "Q", "K", "V", "scores", "scaled", "masked", "weights", "output"],
        queriesAreTokens: true,
        cost: attentionCost,
        run: { try $0.runAttention() })
}

extension InputDeclaration {
    /// What self-attention reads: Q, K, V as given, or X with the three projections.
    static let selfAttention = [
        InputDeclaration(slot: "q", defaultTensor: "Q", doc: "the queries, one row per token", optional: true),
        InputDeclaration(slot: "k", defaultTensor: "K", doc: "the keys", optional: true),
        InputDeclaration(slot: "v", defaultTensor: "V", doc: "the values", optional: true),
        InputDeclaration(slot: "x", defaultTensor: "X", doc: "the token vectors, one row per token (when projecting)", optional: true),
        InputDeclaration(slot: "wQ", defaultTensor: "W_Q", doc: "D × d_k query projection", optional: true),
        InputDeclaration(slot: "wK", defaultTensor: "W_K", doc: "D × d_k key projection", optional: true),
        InputDeclaration(slot: "wV", defaultTensor: "W_V", doc: "D × d_v value projection", optional: true),
    ]
}

extension OutputDeclaration {
    /// The stages of scaled dot-product attention, Q, K, V → S = QKᵀ → S/√d_k → + M → A → Z = A·V,
    /// as `attention` and `crossAttention` both give them.
    static let attentionStages = [
        OutputDeclaration("Q", .projection, caption: "the queries, one row per token"),
        OutputDeclaration("K", .projection, caption: "the keys, one row per key token"),
        OutputDeclaration("V", .projection, caption: "the values, one row per key token"),
        OutputDeclaration("mask", .mask, caption: "1 where a query may see a key, 0 where it is masked"),
        OutputDeclaration("scores", .scores, display: "scores S = QKᵀ", caption: "every query's dot product with every key"),
        OutputDeclaration("scaled", .scores, display: "S/√d_k", caption: "the scores scaled so their spread does not grow with d_k"),
        OutputDeclaration("masked", .scores, display: "scores + M", caption: "the scaled scores with −∞ where the mask forbids a key"),
        OutputDeclaration("weights", .weights, display: "attention weights A", caption: "softmax of each row: how much each query reads each key"),
        OutputDeclaration("output", .output, display: "output Z = A·V", caption: "each query's weighted average of the values"),
    ]
}

/// What one attention computes: the projections when it projects, the T × T_k maps, the output.
@Sendable func attentionCost(_ c: CostEstimator) -> SceneCost {
    let T = c.queryCount, Tk = c.keyCount, D = c.modelWidth
    let projects = c.columns("wQ") != nil
    let d = Double(c.columns(projects ? "wQ" : "q") ?? 1)
    let dv = Double(c.columns(projects ? "wV" : "v") ?? 1)
    let inputs = projects ? T * D + Tk * D + D * (2 * d + dv) : 0
    let values = inputs + T * d + Tk * (d + dv) + 5 * T * Tk + T * dv
    let projection = projects ? 2 * (T * D * d + Tk * D * (d + dv)) : 0
    let flops = projection + 2 * T * Tk * (d + dv) + 10 * T * Tk
    return SceneCost(values: values, flops: flops, sizes: "T = \(Int(T)), keys = \(Int(Tk)), d = \(Int(d))")
}

extension SceneEvaluator {
    /// Whether the scene projects from X rather than giving Q, K, V.
    var projects: Bool {
        ["x", "wQ", "wK", "wV"].contains { scene.inputs[$0] != nil }
            || (scene.inputs["q"] == nil && scene.tensorSpec(inputName("q")) == nil && hasInput("x"))
    }

    /// Q, K, V for self-attention, recording the inputs (and X, W when projecting).
    mutating func selfAttentionInputs() throws -> (q: Tensor, k: Tensor, v: Tensor) {
        if projects {
            let x = try input("x")
            try checkRows(x, slot: "x", against: tokens, side: .tokens)
            let wQ = try input("wQ"), wK = try input("wK"), wV = try input("wV")
            result.add(inputName("x"), x, rows: tokens)
            result.add(inputName("wQ"), wQ)
            result.add(inputName("wK"), wK)
            result.add(inputName("wV"), wV)
            let q = try matmul(x, wQ), k = try matmul(x, wK), v = try matmul(x, wV)
            return (q, k, v)
        }
        let q = try input("q"), k = try input("k"), v = try input("v")
        try checkRows(q, slot: "q", against: tokens, side: .tokens)
        try checkRows(k, slot: "k", against: keyTokens, side: .tokens)
        try checkRows(v, slot: "v", against: keyTokens, side: .tokens)
        return (q, k, v)
    }

    mutating func runAttention() throws {
        let (q, k, v) = try selfAttentionInputs()
        result.add("Q", q, rows: tokens)
        result.add("K", k, rows: keyTokens)
        result.add("V", v, rows: keyTokens)
        let m = try mask(queries: q.rows, keys: k.rows)
        if let m { result.add("mask", Self.maskTensor(m), rows: tokens, columns: keyTokens) }
        let softcap: Float? = env.isSet("softcap") ? env.float("softcap") : nil
        let a = try scaledDotProductAttention(q: q, k: k, v: v, mask: m, scale: scale(), softcap: softcap, temperature: try temperature())
        addStages(a, rows: tokens, columns: keyTokens)
    }
}
