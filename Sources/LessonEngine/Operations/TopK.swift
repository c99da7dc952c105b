import AttentionKernel

extension SceneOp { public static let topK = SceneOp("topK") }

extension OperationDeclaration {
    /// The k largest entries of each row, with their column indices (a MoE router's choice).
    static let topK = OperationDeclaration(
        op: .topK,
        summary: "the k largest entries of each row and their indices",
        inputs: [InputDeclaration(slot: "x", defaultTensor: "X", doc: "rows to rank, (T, n)")],
        options: [OptionDeclaration(name: "k", type: .integer, defaultValue: .value(2), range: 1...512, doc: "how many entries to keep per row")],
        outputs: [
            OutputDeclaration("values", .output, caption: "each row's k largest entries, largest first"),
            OutputDeclaration("indices", .summary, caption: "their columns (ties: the lower index first)"),
        ],
        defaultViews: [DefaultView(kind: .matrix, tensor: "values"), DefaultView(kind: .matrix, tensor: "indices")],
        pipeline: ["X", "values", "indices"],
        vectors: .names(["values", "indices"]),
        cost: { c in
            let n = Double(c.shape("x")?.reduce(1, *) ?? 1)
            return SceneCost(values: 3 * n, flops: 4 * n, sizes: "\(Int(n)) values")
        },
        run: { e in
            let x = try e.input("x")
            let k = e.env.integer("k")
            let r = try AttentionKernel.topK(x, k: k)
            e.result.add(e.inputName("x"), x, rows: e.tokens)
            e.result.add("values", r.values, rows: e.tokens)
            e.result.add("indices", try Tensor(r.indices.map { $0.map(Float.init) }), rows: e.tokens)
        })
}
