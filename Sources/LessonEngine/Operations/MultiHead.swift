import AttentionKernel

extension SceneOp { public static let multiHead = SceneOp("multiHead") }

extension OperationDeclaration {
    /// Multi-head attention: H heads with their own projections, concatenated and mixed by W_O.
    static let multiHead = OperationDeclaration(
        op: .multiHead,
        summary: "H heads with their own projections, concatenated and mixed by W_O (MHA, GQA, MQA)",
        inputs: [
            InputDeclaration(slot: "x", defaultTensor: "X", doc: "the token vectors, one row per token"),
            InputDeclaration(slot: "xkv", defaultTensor: "X_kv", doc: "the key/value side, for cross-attention", optional: true),
            InputDeclaration(slot: "wQ", defaultTensor: "W_Q", doc: "D × H·d_h", optional: true),
            InputDeclaration(slot: "wK", defaultTensor: "W_K", doc: "D × H_kv·d_h", optional: true),
            InputDeclaration(slot: "wV", defaultTensor: "W_V", doc: "D × H_kv·d_h", optional: true),
            InputDeclaration(slot: "wO", defaultTensor: "W_O", doc: "H·d_h × D", optional: true),
        ],
        options: OptionDeclaration.maskOptions + [
            .temperature, .softcap, .numHeads,
            OptionDeclaration(name: "numKVHeads", type: .integer, defaultValue: .none, range: 1...64, doc: "H_kv: H (MHA), 1 (MQA) or a divisor of H (GQA); default numHeads"),
            OptionDeclaration(name: "headDim", type: .integer, defaultValue: .value(2), range: 1...512, doc: "d_h"),
            .seed,
            OptionDeclaration(name: "alibi", type: .bool, defaultValue: .name("false"), doc: "add ALiBi biases per head"),
        ],
        outputs: [
            OutputDeclaration("W_Q", .parameter, caption: "the query projections of every head, side by side"),
            OutputDeclaration("W_K", .parameter, caption: "the key projections of every K/V head"),
            OutputDeclaration("W_V", .parameter, caption: "the value projections of every K/V head"),
            OutputDeclaration("W_O", .parameter, caption: "mixes the concatenated heads back to width D"),
            OutputDeclaration("mask", .mask, caption: "1 where a query may see a key, 0 where it is masked"),
            OutputDeclaration("Q", .projection, perHead: true, caption: "head h's queries"),
            OutputDeclaration("K", .projection, perHead: true, caption: "head h's keys"),
            OutputDeclaration("V", .projection, perHead: true, caption: "head h's values"),
            OutputDeclaration("weights", .weights, perHead: true, display: "attention weights", caption: "head h's attention map"),
            OutputDeclaration("output", .output, perHead: true, caption: "head h's output; without a head, the block's output concat·W_O"),
            OutputDeclaration("concat", .activation, caption: "the heads' outputs side by side"),
            OutputDeclaration("kvCacheFloatsPerToken", .summary, caption: "numbers a KV cache keeps per token: 2·H_kv·d_h"),
        ],
        defaultViews: [DefaultView(kind: .heatmap), DefaultView(kind: .softmaxRow)],
        pipeline: ["X", "Q", "K", "V", "weights", "concat", "output"],
        takesKeyTokens: true,
        queriesAreTokens: true,
        cost: { c in
            let T = c.queryCount, D = c.modelWidth
            let env = c.env
            let h = Double(max(1, env.integer("numHeads")))
            let hkv = Double(max(1, env.isSet("numKVHeads") ? env.integer("numKVHeads") : env.integer("numHeads")))
            let dh = Double(max(1, env.integer("headDim")))
            let cross = env.scene.inputs["xkv"] != nil
            let keys = cross ? c.keyCount : T
            let weights = D * dh * (h + 2 * hkv) + h * dh * D
            let perHead = T * dh + 2 * keys * dh + 2 * T * keys + T * dh
            let values = T * D + weights + h * perHead + T * h * dh + T * D + (cross ? keys * D : 0)
            let flops = 2 * T * D * h * dh + 4 * keys * D * hkv * dh + h * (4 * T * keys * dh + 10 * T * keys) + 2 * T * h * dh * D
            return SceneCost(values: values, flops: flops, sizes: "T = \(Int(T)), H = \(Int(h)), d_h = \(Int(dh)), d_model = \(Int(D))")
        },
        run: { try $0.runMultiHead() })
}

extension SceneEvaluator {
    mutating func runMultiHead() throws {
        let x = try input("x")
        try checkRows(x, slot: "x", against: tokens, side: .tokens)
        let cross = scene.inputs["xkv"] != nil
        let xkv = cross ? try input("xkv") : x
        if cross { try checkRows(xkv, slot: "xkv", against: keyTokens, side: .keyTokens) }
        let columnsLabels = cross ? keyTokens : tokens
        let h = env.integer("numHeads")
        let hkv = env.isSet("numKVHeads") ? env.integer("numKVHeads") : h
        // Bounds before allocating: random weights are d_model × H·d_h, so an override of
        // numHeads = 10⁹ must be refused here, not discovered by the allocator.
        for (name, value, limit) in [("numHeads", h, 64), ("numKVHeads", hkv, 64), ("headDim", env.integer("headDim"), SceneSchema.maximumDimension)]
        where value < 1 || value > limit {
            throw SceneError(.mustBeFromOneTo(parameter: name, limit: limit, got: value), at: env.location(of: name))
        }
        let weights: MultiHeadWeights
        if ["wQ", "wK", "wV", "wO"].allSatisfy(hasInput) {
            weights = try MultiHeadWeights(
                numHeads: h, numKVHeads: hkv, headDim: env.integer("headDim"),
                wQ: try input("wQ"), wK: try input("wK"), wV: try input("wV"), wO: try input("wO"))
        } else {
            let seed = env.integer("seed")
            guard seed >= 0 else { throw SceneError(.seedNegative(seed), at: env.location(of: "seed")) }
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
            result.add("Q", head: i, head.q, rows: tokens)
            result.add("K", head: i, head.k, rows: columnsLabels)
            result.add("V", head: i, head.v, rows: columnsLabels)
            result.add("weights", head: i, head.attention.weights, rows: tokens, columns: columnsLabels)
            result.add("output", head: i, head.attention.output, rows: tokens)
        }
        result.add("concat", r.concatenated, rows: tokens)
        result.add("output", r.output, rows: tokens)
        let floats = weights.kvCacheFloatsPerToken
        result.add("kvCacheFloatsPerToken", Tensor(vector: [Float(floats)]))
        let kind = hkv == h ? "MHA" : (hkv == 1 ? "MQA" : "GQA")
        result.notes.append("\(kind): \(h) query heads share \(hkv) K/V head\(hkv == 1 ? "" : "s"); the KV cache keeps 2·\(hkv)·\(weights.headDim) = \(floats) numbers per token")
    }
}
