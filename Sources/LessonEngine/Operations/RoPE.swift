import AttentionKernel

extension SceneOp { public static let rope = SceneOp("rope") }

extension OperationDeclaration {
    /// Rotary position embedding: each (2i, 2i+1) pair rotated by m·θ_i.
    static let rope = OperationDeclaration(
        op: .rope,
        summary: "rotary position embedding of X's rows",
        inputs: [InputDeclaration(slot: "x", defaultTensor: "X", doc: "the rows to rotate, width even")],
        options: [
            .base,
            OptionDeclaration(name: "pairing", type: .choice(["interleaved", "halfSplit"]), defaultValue: .name("interleaved"), doc: "pairs (2i, 2i+1), or (i, i+d/2) as in GPT-NeoX/Llama code"),
            OptionDeclaration(name: "position", type: .integer, defaultValue: .value(0), range: -1_000_000...1_000_000, doc: "offset added to every position (scores do not change)"),
        ],
        outputs: [
            OutputDeclaration("angles", .activation, caption: "m·θ_i with θ_i = base^(−2i/d)"),
            OutputDeclaration("X_rot", .output, caption: "the rows after rotation"),
            OutputDeclaration("scores", .scores, caption: "X_rot·X_rotᵀ"),
            OutputDeclaration("scoresUnrotated", .scores, caption: "XXᵀ, without RoPE"),
        ],
        defaultViews: [DefaultView(kind: .rope), DefaultView(kind: .heatmap, tensor: "scores")],
        pipeline: ["X", "angles", "X_rot", "scores"],
        queriesAreTokens: true,
        cost: { c in
            let T = c.queryCount, D = c.modelWidth
            return SceneCost(values: 2.5 * T * D + 2 * T * T, flops: 20 * T * D + 4 * T * T * D, sizes: "T = \(Int(T)), d = \(Int(D))")
        },
        run: { try $0.runRoPE() })
}

extension SceneEvaluator {
    /// X (T, d) rotated by RoPE at positions position … position + T − 1.
    ///
    /// Outputs X, `angles` (T, d/2), `X_rot`, and `scores` = X_rot·X_rotᵀ, whose entries depend
    /// only on m − n when the rows of X are equal.
    mutating func runRoPE() throws {
        let x = try input("x")
        try checkRows(x, slot: "x", against: tokens, side: .tokens)
        let offset = env.integer("position")
        guard abs(offset) <= 1_000_000 else {
            throw SceneError(.positionOutOfRange(offset), at: env.location(of: "position"))
        }
        let positions = (0..<x.rows).map { $0 + offset }
        let pairing = RoPEPairing(rawValue: env.choice("pairing")) ?? .interleaved
        let base = env.number("base")
        let rotated = try applyRoPE(x, positions: positions, base: base, pairing: pairing)
        let labels = tokens.isEmpty ? positions.map(String.init) : tokens
        result.add(inputName("x"), x, rows: labels)
        result.add("angles", try ropeAngles(positions: positions, dim: x.columns, base: base), rows: labels)
        result.add("X_rot", rotated, rows: labels)
        result.add("scores", try matmul(rotated, rotated, transposeB: true), rows: labels, columns: labels)
        result.add("scoresUnrotated", try matmul(x, x, transposeB: true), rows: labels, columns: labels)
    }
}
