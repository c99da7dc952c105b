import AttentionKernel

extension SceneOp { public static let kvCache = SceneOp("kvCache") }

extension OperationDeclaration {
    /// Attention token by token through a KV cache: each new query reads every cached key.
    static let kvCache = OperationDeclaration(
        op: .kvCache,
        summary: "causal attention token by token through a KV cache",
        inputs: InputDeclaration.selfAttention,
        options: [
            OptionDeclaration(name: "step", type: .integer, defaultValue: .lastToken, doc: "the generation step to show (0-based)"),
            .scale,
        ],
        outputs: [
            OutputDeclaration("Q", .projection, caption: "the queries, one row per token"),
            OutputDeclaration("K", .projection, caption: "the keys, one row per key token"),
            OutputDeclaration("V", .projection, caption: "the values, one row per key token"),
            OutputDeclaration("cacheK", .activation, caption: "the keys cached so far"),
            OutputDeclaration("cacheV", .activation, caption: "the values cached so far"),
            OutputDeclaration("query", .projection, caption: "the newest query"),
            OutputDeclaration("row", .weights, caption: "the newest query's weights over the cached keys"),
            OutputDeclaration("weights", .weights, caption: "steps × T, zeros for keys not yet cached"),
            OutputDeclaration("output", .output, caption: "one output row per step so far"),
            OutputDeclaration("causalWeights", .weights, caption: "full causal attention, for comparison"),
        ],
        defaultViews: [DefaultView(kind: .heatmap), DefaultView(kind: .softmaxRow)],
        pipeline: ["X", "Q", "K", "V", "scores", "scaled", "masked", "weights", "output"],
        queriesAreTokens: true,
        cost: { c in
            let T = c.queryCount, D = c.modelWidth
            let d = Double(c.columns("wQ") ?? c.columns("q") ?? 1)
            let values = 3 * T * d + 2 * T * d + 2 * T * T + T * d + T * D
            let flops = 6 * T * D * d + 4 * T * T * d + 20 * T * T
            return SceneCost(values: values, flops: flops, sizes: "T = \(Int(T)), d = \(Int(d))")
        },
        run: { try $0.runKVCache() })
}

extension SceneEvaluator {
    mutating func runKVCache() throws {
        let (q, k, v) = try selfAttentionInputs()
        result.add("Q", q, rows: tokens)
        result.add("K", k, rows: tokens)
        result.add("V", v, rows: tokens)
        // Token by token, each step needs its own q_t, k_t and v_t.
        guard q.rank == 2, k.rank == 2, v.rank == 2, q.rows == k.rows, k.rows == v.rows else {
            throw SceneError(.kvCacheShapes(q: q.shape, k: k.shape, v: v.shape), at: scene.opLocation)
        }
        let step = env.integer("step")
        guard step >= 0, step < q.rows else {
            throw SceneError(.stepOutside(step: step, last: q.rows - 1), at: env.location(of: "step"))
        }
        var cache = try KVCache(keyDim: k.columns, valueDim: v.columns)
        var weights = Tensor.zeros([step + 1, k.rows])                      // (t+1, T), zeros for keys not yet cached
        var outputs: [[Float]] = []
        var last: AttentionResult?
        for t in 0...step {
            // Step t: cache k_t and v_t, then the new query q_t reads every cached key.
            try cache.append(key: Tensor(vector: k.row(t)), value: Tensor(vector: v.row(t)))
            let a = try cache.attend(query: Tensor(vector: q.row(t)), scale: scale())
            for j in 0...t { weights[t, j] = a.weights[0, j] }
            outputs.append(a.output.row(0))
            last = a
        }
        let seen = Array(tokens.prefix(step + 1))
        result.add("cacheK", cache.keys, rows: seen)
        result.add("cacheV", cache.values, rows: seen)
        result.add("query", Tensor(vector: q.row(step)))
        if let last { result.add("row", last.weights, rows: [tokens.indices.contains(step) ? tokens[step] : "q"], columns: seen) }
        result.add("weights", weights, rows: seen, columns: tokens)
        result.add("output", try Tensor(outputs), rows: seen)
        // Full causal attention for comparison: its first t+1 rows equal the cached steps.
        let full = try scaledDotProductAttention(q: q, k: k, v: v, mask: .causal(queries: q.rows, keys: k.rows), scale: scale())
        result.add("causalWeights", full.weights, rows: tokens, columns: tokens)
        result.notes.append("step \(step): the cache holds \(cache.count) key\(cache.count == 1 ? "" : "s") and values; the new query reads all of them")
    }
}
