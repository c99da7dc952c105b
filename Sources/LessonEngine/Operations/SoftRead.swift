import AttentionKernel

extension SceneOp { public static let softRead = SceneOp("softRead") }

extension OptionDeclaration {
    static let similarity = OptionDeclaration(name: "similarity", type: .choice(["dot", "cosine", "exactMatch", "expDot"]), defaultValue: .name("dot"),
                                              doc: "how a key is scored (expDot = exp(q·k/τ), i.e. the softmax)")
}

extension OperationDeclaration {
    /// A soft read: similarities normalised into weights, a weighted sum of the values.
    static let softRead = OperationDeclaration(
        op: .softRead,
        summary: "a soft read: similarities normalised into weights, a weighted sum of the values",
        inputs: InputDeclaration.memoryRead,
        options: [.similarity, .temperature],
        required: ["similarity"],
        outputs: [
            OutputDeclaration("scores", .scores, caption: "the similarities (q·k for expDot)"),
            OutputDeclaration("expScores", .scores, caption: "exp(q·k/τ), expDot only"),
            OutputDeclaration("weightSum", .summary, caption: "the sum being normalised"),
            OutputDeclaration("weights", .weights, caption: "the similarities divided by their sum"),
            OutputDeclaration("output", .output, caption: "the weighted sum of the values"),
        ],
        defaultViews: [DefaultView(kind: .vectors), DefaultView(kind: .softmaxRow)],
        pipeline: ["scores", "weights", "output"],
        vectors: .slots(["q", "k", "v"]),
        cost: memoryReadCost,
        run: { try $0.runSoftRead() })
}

extension SceneEvaluator {
    /// softRead: similarities, normalised into weights.
    mutating func runSoftRead() throws {
        let (q, k, v) = try memoryInputs()
        let n = k.rows
        let similarity = Similarity(rawValue: env.choice("similarity")) ?? .dot
        let r = try softRead(query: q, keys: k, values: v, similarity: similarity, temperature: try temperature())
        if similarity == .expDot {
            // `scores` stays q·k in every read, so a view of it means the same thing; the
            // exponentials the weights normalise are `expScores`.
            let dots = try softRead(query: q, keys: k, values: v, similarity: .dot).rawWeights
            result.add("scores", try dots.reshaped([1, n]), rows: ["q"], columns: tokens)
            result.add("expScores", try r.rawWeights.reshaped([1, n]), rows: ["q"], columns: tokens)
        } else {
            result.add("scores", try r.rawWeights.reshaped([1, n]), rows: ["q"], columns: tokens)
        }
        result.add("weightSum", Tensor(vector: [r.weightSum]))
        if let w = r.weights { result.add("weights", try w.reshaped([1, n]), rows: ["q"], columns: tokens) }
        if let out = r.output { result.add("output", out) }
        if r.weights == nil {
            result.notes.append("the similarities sum to 0: dividing by the sum is impossible, so the read has no weights (sum_weights == 0)")
        }
        if !r.negativeWeightIndices.isEmpty {
            let names = r.negativeWeightIndices.map { $0 < tokens.count ? "'\(tokens[$0])'" : "\($0)" }
            result.notes.append("negative similarity for \(names.joined(separator: ", ")): these 'weights' are not a weighted average")
        }
    }
}
