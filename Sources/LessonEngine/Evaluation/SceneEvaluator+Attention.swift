import AttentionKernel

/// Scaled dot-product attention in its scene forms: given Q, K, V; projected from X; cross;
/// multi-head; and token by token through a KV cache.
extension SceneEvaluator {
    /// Whether the scene projects from X rather than giving Q, K, V.
    private var projects: Bool {
        ["x", "wQ", "wK", "wV"].contains { scene.inputs[$0] != nil }
            || (scene.inputs["q"] == nil && scene.tensorSpec(inputName("q")) == nil && hasInput("x"))
    }

    /// Q, K, V for self-attention, recording the inputs (and X, W when projecting).
    private mutating func selfAttentionInputs() throws -> (q: Tensor, k: Tensor, v: Tensor) {
        if projects {
            let x = try input("x")
            try checkRows(x, slot: "x", against: tokens, side: "tokens")
            let wQ = try input("wQ"), wK = try input("wK"), wV = try input("wV")
            result.add(inputName("x"), x, rows: tokens)
            result.add(inputName("wQ"), wQ)
            result.add(inputName("wK"), wK)
            result.add(inputName("wV"), wV)
            let q = try matmul(x, wQ), k = try matmul(x, wK), v = try matmul(x, wV)
            return (q, k, v)
        }
        let q = try input("q"), k = try input("k"), v = try input("v")
        try checkRows(q, slot: "q", against: tokens, side: "tokens")
        try checkRows(k, slot: "k", against: keyTokens, side: "tokens")
        try checkRows(v, slot: "v", against: keyTokens, side: "tokens")
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

    mutating func runMultiHead() throws {
        let x = try input("x")
        try checkRows(x, slot: "x", against: tokens, side: "tokens")
        let cross = scene.inputs["xkv"] != nil
        let xkv = cross ? try input("xkv") : x
        if cross { try checkRows(xkv, slot: "xkv", against: keyTokens, side: "key tokens") }
        let columnsLabels = cross ? keyTokens : tokens
        let h = env.integer("numHeads")
        let hkv = env.isSet("numKVHeads") ? env.integer("numKVHeads") : h
        // Bounds before allocating: random weights are d_model × H·d_h, so an override of
        // numHeads = 10⁹ must be refused here, not discovered by the allocator.
        for (name, value, limit) in [("numHeads", h, 64), ("numKVHeads", hkv, 64), ("headDim", env.integer("headDim"), SceneSchema.maximumDimension)]
        where value < 1 || value > limit {
            throw SceneError("\(name) must be from 1 to \(limit), got \(value)", at: env.location(of: name))
        }
        let weights: MultiHeadWeights
        if ["wQ", "wK", "wV", "wO"].allSatisfy(hasInput) {
            weights = try MultiHeadWeights(
                numHeads: h, numKVHeads: hkv, headDim: env.integer("headDim"),
                wQ: try input("wQ"), wK: try input("wK"), wV: try input("wV"), wO: try input("wO"))
        } else {
            let seed = env.integer("seed")
            guard seed >= 0 else { throw SceneError("seed must be 0 or more, got \(seed)", at: env.location(of: "seed")) }
            weights = try MultiHeadWeights.random(
                dModel: x.columns, numHeads: h, numKVHeads: hkv, headDim: env.integer("headDim"), seed: UInt64(seed))
        }
        var bias: [Tensor]?
        if env.bool("alibi") {
            bias = try alibiSlopes(numHeads: h).map { try alibiBias(slope: $0, queries: x.rows, keys: xkv.rows) }
        }
        let m = try mask(queries: x.rows, keys: xkv.rows)
        let softcap: Float? = env.isSet("softcap") ? env.float("softcap") : nil
        let r = try multiHeadAttention(input: x, keyValueInput: cross ? xkv : nil, weights: weights, mask: m, headBias: bias, softcap: softcap, temperature: try temperature())
        result.add(inputName("x"), x, rows: tokens)
        if cross { result.add(inputName("xkv"), xkv, rows: keyTokens) }
        result.add("W_Q", weights.wQ)
        result.add("W_K", weights.wK)
        result.add("W_V", weights.wV)
        result.add("W_O", weights.wO)
        if let m { result.add("mask", Self.maskTensor(m), rows: tokens, columns: columnsLabels) }
        for (i, head) in r.heads.enumerated() {
            result.add("Q[\(i)]", head.q, rows: tokens)
            result.add("K[\(i)]", head.k, rows: columnsLabels)
            result.add("V[\(i)]", head.v, rows: columnsLabels)
            result.add("weights[\(i)]", head.attention.weights, rows: tokens, columns: columnsLabels)
            result.add("output[\(i)]", head.attention.output, rows: tokens)
        }
        result.add("concat", r.concatenated, rows: tokens)
        result.add("output", r.output, rows: tokens)
        let floats = weights.kvCacheFloatsPerToken
        result.add("kvCacheFloatsPerToken", Tensor(vector: [Float(floats)]))
        let kind = hkv == h ? "MHA" : (hkv == 1 ? "MQA" : "GQA")
        result.notes.append("\(kind): \(h) query heads share \(hkv) K/V head\(hkv == 1 ? "" : "s"); the KV cache keeps 2·\(hkv)·\(weights.headDim) = \(floats) numbers per token")
    }

    mutating func runKVCache() throws {
        let (q, k, v) = try selfAttentionInputs()
        result.add("Q", q, rows: tokens)
        result.add("K", k, rows: tokens)
        result.add("V", v, rows: tokens)
        // Token by token, each step needs its own q_t, k_t and v_t.
        guard q.rank == 2, k.rank == 2, v.rank == 2, q.rows == k.rows, k.rows == v.rows else {
            throw SceneError("a KV cache needs Q, K and V with one row per token, got Q \(formatShape(q.shape)), K \(formatShape(k.shape)), V \(formatShape(v.shape))", at: scene.opLocation)
        }
        let step = env.integer("step")
        guard step >= 0, step < q.rows else {
            throw SceneError("step \(step) is outside 0…\(q.rows - 1) (one step per token)", at: env.location(of: "step"))
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
