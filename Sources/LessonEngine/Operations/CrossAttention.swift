import AttentionKernel

extension SceneOp { public static let crossAttention = SceneOp("crossAttention") }

extension OperationDeclaration {
    /// Cross-attention: queries from the decoder's X, keys and values from the encoder's X_kv.
    static let crossAttention = OperationDeclaration(
        op: .crossAttention,
        summary: "cross-attention: queries from the decoder side X, keys and values from the encoder side X_kv",
        inputs: [
            InputDeclaration(slot: "x", defaultTensor: "X", doc: "the decoder side, one row per token"),
            InputDeclaration(slot: "xkv", defaultTensor: "X_kv", doc: "the encoder side, one row per key token"),
            InputDeclaration(slot: "wQ", defaultTensor: "W_Q", doc: "D × d_k query projection"),
            InputDeclaration(slot: "wK", defaultTensor: "W_K", doc: "D × d_k key projection"),
            InputDeclaration(slot: "wV", defaultTensor: "W_V", doc: "D × d_v value projection"),
        ],
        options: OptionDeclaration.maskOptions + [.temperature, .scale],
        outputs: [
            OutputDeclaration("Q", .projection, caption: "the queries, one row per token"),
            OutputDeclaration("K", .projection, caption: "the keys, one row per key token"),
            OutputDeclaration("V", .projection, caption: "the values, one row per key token"),
            OutputDeclaration("mask", .mask, caption: "1 where a query may see a key, 0 where it is masked"),
            OutputDeclaration("scores", .scores, display: "scores S = QKᵀ", caption: "every query's dot product with every key"),
            OutputDeclaration("scaled", .scores, display: "S/√d_k", caption: "the scores scaled so their spread does not grow with d_k"),
            OutputDeclaration("masked", .scores, display: "scores + M", caption: "the scaled scores with −∞ where the mask forbids a key"),
            OutputDeclaration("weights", .weights, display: "attention weights A", caption: "softmax of each row: how much each query reads each key"),
            OutputDeclaration("output", .output, display: "output Z = A·V", caption: "each query's weighted average of the values"),
        ],
        defaultViews: [DefaultView(kind: .heatmap), DefaultView(kind: .softmaxRow)],
        pipeline: ["X", "Q", "K", "V", "scores", "scaled", "masked", "weights", "output"],
        takesKeyTokens: true,
        queriesAreTokens: true,
        cost: { c in
            let T = c.queryCount, Tk = c.keyCount, D = c.modelWidth
            let projects = c.columns("wQ") != nil
            let d = Double(c.columns(projects ? "wQ" : "q") ?? 1)
            let dv = Double(c.columns(projects ? "wV" : "v") ?? 1)
            let inputs = projects ? T * D + Tk * D + D * (2 * d + dv) : 0
            let values = inputs + T * d + Tk * (d + dv) + 5 * T * Tk + T * dv
            let projection = projects ? 2 * (T * D * d + Tk * D * (d + dv)) : 0
            let flops = projection + 2 * T * Tk * (d + dv) + 10 * T * Tk
            return SceneCost(values: values, flops: flops, sizes: "T = \(Int(T)), keys = \(Int(Tk)), d = \(Int(d))")
        },
        run: { try $0.runCrossAttention() })
}

extension SceneEvaluator {
    mutating func runCrossAttention() throws {
        let x = try input("x"), xkv = try input("xkv")
        try checkRows(x, slot: "x", against: tokens, side: "query tokens")
        try checkRows(xkv, slot: "xkv", against: keyTokens, side: "key tokens")
        let wQ = try input("wQ"), wK = try input("wK"), wV = try input("wV")
        result.add(inputName("x"), x, rows: tokens)
        result.add(inputName("xkv"), xkv, rows: keyTokens)
        // The projections too, as `attention` prints them: eval shows every input an op reads.
        result.add(inputName("wQ"), wQ)
        result.add(inputName("wK"), wK)
        result.add(inputName("wV"), wV)
        let m = try mask(queries: x.rows, keys: xkv.rows)
        if let m { result.add("mask", Self.maskTensor(m), rows: tokens, columns: keyTokens) }
        let p = try crossAttention(decoder: x, encoder: xkv, wQ: wQ, wK: wK, wV: wV, mask: m, scale: scale(), temperature: try temperature())
        result.add("Q", p.q, rows: tokens)
        result.add("K", p.k, rows: keyTokens)
        result.add("V", p.v, rows: keyTokens)
        addStages(p.attention, rows: tokens, columns: keyTokens)
    }
}
