import AttentionKernel

extension SceneOp { public static let add = SceneOp("add") }

extension OperationDeclaration {
    /// The residual connection: a + b, elementwise.
    static let add = OperationDeclaration(
        op: .add,
        summary: "the residual connection a + b, elementwise (same shapes)",
        inputs: [
            InputDeclaration(slot: "a", defaultTensor: "A", doc: "the residual stream"),
            InputDeclaration(slot: "b", defaultTensor: "B", doc: "what a sublayer adds to it"),
        ],
        options: [],
        outputs: [OutputDeclaration("output", .output, display: "a + b", caption: "the sublayer's result added back to the stream")],
        defaultViews: [DefaultView(kind: .matrix, tensor: "output")],
        pipeline: ["output"],
        vectors: .names(["output"]),
        cost: { c in
            let n = Double(c.shape("a")?.reduce(1, *) ?? 1)
            return SceneCost(values: 3 * n, flops: n, sizes: "\(Int(n)) values")
        },
        run: { e in
            let a = try e.input("a"), b = try e.input("b")
            e.result.add("output", try AttentionKernel.add(a, b), rows: e.tokens)
        })
}
