import AttentionKernel

extension SceneOp {
    public static let encoderBlock = SceneOp("encoderBlock")
    public static let decoderBlock = SceneOp("decoderBlock")
}

extension OptionDeclaration {
    static let norm = OptionDeclaration(name: "norm", type: .choice(["post", "pre"]), defaultValue: .name("post"),
                                        doc: "post: x = Norm(x + Sublayer(x)) (Vaswani et al. 2017); pre: x = x + Sublayer(Norm(x)) (GPT-2, Llama)")
    static let normType = OptionDeclaration(name: "normType", type: .choice(["layerNorm", "rmsNorm"]), defaultValue: .name("layerNorm"),
                                            doc: "the norm after (post) or before (pre) each sublayer")
    static let ffnType = OptionDeclaration(name: "ffnType", type: .choice(Activation.allCases.map(\.rawValue) + ["swiglu"]), defaultValue: .name("gelu"),
                                           doc: "the FFN: two linears around relu, gelu, geluTanh or silu, or SwiGLU")
    static let layers = OptionDeclaration(name: "layers", type: .integer, defaultValue: .value(1), range: 1...12, doc: "blocks stacked, each with its own weights")
    static let follow = OptionDeclaration(name: "follow", type: .token, defaultValue: .value(0),
                                          doc: "the token whose vector the `stream` result follows through the block (its text or position)")
    static let blockHeadDim = OptionDeclaration(name: "headDim", type: .integer, defaultValue: .value(2), range: 1...512, doc: "d_h")
}

extension OperationDeclaration {
    static let blockOptions: [OptionDeclaration] = [.norm, .normType, .ffnType, .numHeads, .blockHeadDim, .hiddenDim, .seed, .eps, .layers, .follow]

    static let blockOutputs: [OutputDeclaration] = [
        OutputDeclaration("stream", .activation, display: "the residual stream", caption: "the followed token's vector after each stage, top to bottom"),
        OutputDeclaration("output", .output, display: "block output", caption: "what the block hands to the next one"),
    ]

    /// The Transformer's encoder block: self-attention and an FFN, each with a residual and a norm.
    static let encoderBlock = OperationDeclaration(
        op: .encoderBlock,
        summary: "the encoder block: multi-head self-attention → Add & Norm → FFN → Add & Norm (post-LN), or pre-LN; stages attn, add1, norm1, ffn, add2, norm2",
        inputs: [InputDeclaration(slot: "x", defaultTensor: "X", doc: "the token vectors, one row per token")],
        options: blockOptions,
        outputs: blockOutputs,
        defaultViews: [DefaultView(kind: .heatmap, tensor: "attn.weights"), DefaultView(kind: .heatmap, tensor: "stream")],
        pipeline: ["X", "attn.output", "add1.output", "norm1.output", "ffn.output", "add2.output", "norm2.output"],
        queriesAreTokens: true,
        cost: { c in blockCost(c, sublayers: 1) },
        run: { try $0.runBlock(decoder: false) })

    /// The Transformer's decoder block: masked self-attention, cross-attention to the encoder, an FFN.
    static let decoderBlock = OperationDeclaration(
        op: .decoderBlock,
        summary: "the decoder block: masked self-attention → Add & Norm → cross-attention → Add & Norm → FFN → Add & Norm; stages self, add1, norm1, cross, add2, norm2, ffn, add3, norm3",
        inputs: [
            InputDeclaration(slot: "x", defaultTensor: "X", doc: "the decoder's token vectors"),
            InputDeclaration(slot: "xkv", defaultTensor: "X_kv", doc: "the encoder's output, one row per key token"),
        ],
        options: blockOptions,
        outputs: blockOutputs,
        defaultViews: [DefaultView(kind: .heatmap, tensor: "self.weights"), DefaultView(kind: .heatmap, tensor: "cross.weights"), DefaultView(kind: .heatmap, tensor: "stream")],
        pipeline: ["X", "self.output", "norm1.output", "cross.output", "norm2.output", "ffn.output", "norm3.output"],
        takesKeyTokens: true,
        queriesAreTokens: true,
        cost: { c in blockCost(c, sublayers: 2) },
        run: { try $0.runBlock(decoder: true) })
}

private func blockCost(_ c: CostEstimator, sublayers: Double) -> SceneCost {
    let T = c.queryCount, D = c.modelWidth, Tk = c.keyCount
    let L = Double(max(1, c.env.integer("layers")))
    let h = Double(c.env.isSet("hiddenDim") ? max(1, c.env.integer("hiddenDim")) : 4 * Int(D))
    let perLayer = sublayers * (12 * T * D + 4 * D * D + 3 * T * max(T, Tk) * max(1, Double(c.env.integer("numHeads")))) + 3 * T * h + 3 * D * h + 6 * T * D
    let flops = sublayers * (8 * T * D * D + 4 * T * max(T, Tk) * D) + 6 * T * D * h
    return SceneCost(values: L * perLayer, flops: L * flops, sizes: "T = \(Int(T)), d = \(Int(D)), layers = \(Int(L))")
}

extension SceneEvaluator {
    /// Expands the block into stages (per layer: sublayers with their residuals and norms, in the
    /// order `norm` says), runs them through the memo, and follows one token down the stream.
    mutating func runBlock(decoder: Bool) throws {
        let x = try input("x")
        try checkRows(x, slot: "x", against: tokens, side: .tokens)
        var xkvName: String?
        if decoder {
            let xkv = try input("xkv")
            try checkRows(xkv, slot: "xkv", against: keyTokens, side: .keyTokens)
            xkvName = inputName("xkv")
        }
        let layers = env.integer("layers")
        let h = env.integer("numHeads")
        for (name, value, limit) in [("layers", layers, 12), ("numHeads", h, 64)] where value < 1 || value > limit {
            throw SceneError(.mustBeFromOneTo(parameter: name, limit: limit, got: value), at: env.location(of: name))
        }
        let follow = env.integer("follow")
        guard follow >= 0, follow < x.rows else {
            throw SceneError(.followOutside(follow: follow, last: x.rows - 1), at: env.location(of: "follow"))
        }
        let pre = env.choice("norm") == "pre"
        let normOp: SceneOp = env.choice("normType") == "rmsNorm" ? .rmsNorm : .layerNorm
        let ffnType = env.choice("ffnType")
        let headDim = env.isSet("headDim") ? env.integer("headDim") : max(1, x.columns / h)
        let at = scene.opLocation
        var normOptions: [String: SceneOption.Value] = [:]
        if env.isSet("eps") { normOptions["eps"] = .number(env.number("eps")) }

        var stages: [StageSpec] = []
        var current = inputName("x")
        var streamRows: [(label: String, name: String)] = [("x", current)]
        for l in 0..<layers {
            let layer = layers > 1 ? l : nil
            let prefix = layer.map { "L\($0) " } ?? ""
            @discardableResult
            func stage(_ name: String, _ op: SceneOp, _ inputs: [String: String], _ options: [String: SceneOption.Value]) -> String {
                stages.append(StageSpec(
                    name: name, op: op, opLocation: at,
                    inputs: inputs.mapValues { NamedReference(name: $0, location: at) },
                    options: options.mapValues { SceneOption(value: $0, location: at) }, layer: layer, location: at))
                return ResultKey(stage: name, name: "output", layer: layer).evalName
            }
            func sublayer(_ add: String, _ norm: String, _ body: (String) -> String) {
                if pre {
                    let n = stage(norm, normOp, ["x": current], normOptions)
                    streamRows.append((prefix + norm, n))
                    let s = body(n)
                    current = stage(add, .add, ["a": current, "b": s], [:])
                    streamRows.append((prefix + add, current))
                } else {
                    let s = body(current)
                    let a = stage(add, .add, ["a": current, "b": s], [:])
                    streamRows.append((prefix + add, a))
                    current = stage(norm, normOp, ["x": a], normOptions)
                    streamRows.append((prefix + norm, current))
                }
            }
            let seed = Double(max(0, env.integer("seed")) + 101 * l)
            let attention: [String: SceneOption.Value] = ["numHeads": .number(Double(h)), "headDim": .number(Double(headDim)), "seed": .number(seed)]
            var ffnOptions: [String: SceneOption.Value] = ["seed": .number(seed + 50)]
            if env.isSet("hiddenDim") { ffnOptions["hiddenDim"] = .number(env.number("hiddenDim")) }
            func feedForward(_ input: String) -> String {
                if ffnType == "swiglu" { return stage("ffn", .swiglu, ["x": input], ffnOptions) }
                var o = ffnOptions
                o["activation"] = .name(ffnType)
                return stage("ffn", .ffn, ["x": input], o)
            }
            if decoder {
                var masked = attention
                masked["mask"] = .name("causal")
                sublayer("add1", "norm1") { stage("self", .multiHead, ["x": $0], masked) }
                var cross = attention
                cross["seed"] = .number(seed + 25)
                sublayer("add2", "norm2") { stage("cross", .multiHead, ["x": $0, "xkv": xkvName!], cross) }
                sublayer("add3", "norm3", feedForward)
            } else {
                sublayer("add1", "norm1") { stage("attn", .multiHead, ["x": $0], attention) }
                sublayer("add2", "norm2", feedForward)
            }
        }

        var staged = scene
        staged.stages = stages
        staged.inputs = [:]
        staged.options = [:]
        staged.views = []
        staged.controls = []
        let params = env.values.filter { scene.params[$0.key] != nil }
        let stagedEnv = try SceneEnvironment(scene: staged, values: params)
        try runStaged(stagedEnv, into: &result)

        // The residual stream: the followed token's row after each stage that writes to it.
        let rows = streamRows.compactMap { row -> (String, [Float])? in
            guard let t = result[row.name]?.tensor ?? (row.name == inputName("x") ? x : nil), t.rank == 2, follow < t.rows else { return nil }
            return (row.label, t.row(follow))
        }
        let followed = tokens.indices.contains(follow) ? tokens[follow] : "\(follow)"
        result.add("stream", try Tensor(rows.map(\.1)), rows: rows.map(\.0))
        if let out = result[current] { result.add("output", out.tensor, rows: tokens) }
        result.notes.append("the stream follows '\(followed)' (token \(follow)) through \(pre ? "pre" : "post")-LN stages")
    }
}
