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
        outputs: OutputDeclaration.attentionStages,
        defaultViews: [DefaultView(kind: .heatmap), DefaultView(kind: .softmaxRow)],
        pipeline: ["X", "Q", "K", "V", "scores", "scaled", "masked", "weights", "output"],
        takesKeyTokens: true,
        queriesAreTokens: true,
        cost: attentionCost,
        run: { try $0.runCrossAttention() })
}

extension SceneEvaluator {
    mutating func runCrossAttention() throws {
        let x = try input("x"), xkv = try input("xkv")
        try checkRows(x, slot: "x", against: tokens, side: .queryTokens)
        try checkRows(xkv, slot: "xkv", against: keyTokens, side: .keyTokens)
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
