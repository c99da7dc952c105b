import AttentionKernel

extension SceneOp { public static let alibi = SceneOp("alibi") }

extension OperationDeclaration {
    /// ALiBi: per-head linear biases −m_h·|i − j|.
    static let alibi = OperationDeclaration(
        op: .alibi,
        summary: "ALiBi's per-head slopes and biases, with the weights the biases alone give",
        inputs: [],
        options: [.numHeads, .length, .causal],
        outputs: [
            OutputDeclaration("slopes", .summary, caption: "m_h for each head"),
            OutputDeclaration("bias", .scores, perHead: true, caption: "−m_h·|i−j|"),
            OutputDeclaration("weights", .weights, perHead: true, caption: "the softmax of the bias alone"),
        ],
        defaultViews: [DefaultView(kind: .heatmap, tensor: "bias"), DefaultView(kind: .heatmap, tensor: "weights")],
        pipeline: ["bias", "weights"],
        cost: { c in
            let n = Double(max(1, c.env.integer("length"))), h = Double(max(1, c.env.integer("numHeads")))
            return SceneCost(values: h * (2 * n * n) + h, flops: h * 20 * n * n, sizes: "length = \(Int(n)), H = \(Int(h))")
        },
        run: { try $0.runALiBi() })
}

extension SceneEvaluator {
    /// ALiBi: per-head slopes m_h and biases B_ij = −m_h·|i − j|, with the weights those biases
    /// alone would give (queries and keys all zero, so the scores are only the bias).
    mutating func runALiBi() throws {
        let n = try length()
        let h = env.integer("numHeads")
        guard h >= 1, h <= 64 else {
            throw SceneError(.mustBeFromOneTo(parameter: "numHeads", limit: 64, got: h), at: env.location(of: "numHeads"))
        }
        let slopes = try alibiSlopes(numHeads: h)
        let labels = tokens.count == n ? tokens : (0..<n).map(String.init)
        result.add("slopes", Tensor(vector: slopes))
        let mask: AttentionMask? = env.bool("causal") ? .causal(queries: n, keys: n) : nil
        let zeros = Tensor.zeros([n, 1])
        for (i, slope) in slopes.enumerated() {
            let bias = try alibiBias(slope: slope, queries: n, keys: n)
            result.add("bias", head: i, bias, rows: labels, columns: labels)
            let a = try scaledDotProductAttention(q: zeros, k: zeros, v: .identity(n), mask: mask, bias: bias, scale: 1)
            result.add("weights", head: i, a.weights, rows: labels, columns: labels)
        }
    }
}
