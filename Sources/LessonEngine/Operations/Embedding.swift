import AttentionKernel

extension SceneOp { public static let embedding = SceneOp("embedding") }

extension OptionDeclaration {
    static let dim = OptionDeclaration(name: "dim", type: .integer, defaultValue: .value(8), range: 1...512, doc: "d")
}

extension OperationDeclaration {
    /// Embedding lookup: token ids (over the scene's distinct tokens) → rows of a table.
    static let embedding = OperationDeclaration(
        op: .embedding,
        summary: "embedding lookup: each token's id picks a row of the table",
        inputs: [InputDeclaration(slot: "table", defaultTensor: "E", doc: "(vocabulary, d); seeded random (d = dim) when absent", optional: true)],
        options: [.dim, .seed],
        outputs: [
            OutputDeclaration("ids", .summary, caption: "each token's id: its place among the distinct tokens, in order of first appearance"),
            OutputDeclaration("table", .parameter, caption: "one row per distinct token"),
            OutputDeclaration("output", .output, display: "embeddings", caption: "row ids[t] of the table for every token t"),
        ],
        defaultViews: [DefaultView(kind: .matrix, tensor: "output")],
        pipeline: ["table", "output"],
        vectors: .names(["output"]),
        cost: { c in
            let T = c.queryCount, d = Double(max(1, c.env.integer("dim")))
            return SceneCost(values: 3 * T * d, flops: T * d, sizes: "T = \(Int(T)), d = \(Int(d))")
        },
        run: { e in
            var vocabulary: [String] = []
            for t in e.tokens where !vocabulary.contains(t) { vocabulary.append(t) }
            let ids = e.tokens.map { vocabulary.firstIndex(of: $0)! }
            let table: Tensor
            if e.hasInput("table") {
                table = try e.input("table")
            } else {
                let d = e.env.integer("dim")
                guard d >= 1, d <= SceneSchema.maximumDimension else { throw SceneError(.mustBeFromOneTo(parameter: "dim", limit: SceneSchema.maximumDimension, got: d), at: e.env.location(of: "dim")) }
                table = Tensor.normal([max(vocabulary.count, 1), d], seed: UInt64(max(0, e.env.integer("seed"))))
            }
            e.result.add("ids", Tensor(vector: ids.map(Float.init)), rows: e.tokens)
            e.result.add("table", table, rows: vocabulary.count == table.rows ? vocabulary : nil)
            e.result.add("output", try AttentionKernel.embedding(ids, table: table), rows: e.tokens)
        })
}
