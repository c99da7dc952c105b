import AttentionKernel

extension SceneOp { public static let rmsNorm = SceneOp("rmsNorm") }

extension OperationDeclaration {
    /// RMSNorm: each row divided by its root mean square, then γ ⊙ ·. No centring, no β.
    static let rmsNorm = OperationDeclaration(
        op: .rmsNorm,
        summary: "RMSNorm of each row: x/√(mean(x²) + ε) ⊙ γ",
        inputs: [
            InputDeclaration(slot: "x", defaultTensor: "X", doc: "rows to normalise, (T, d)"),
            InputDeclaration(slot: "gamma", defaultTensor: "gamma", doc: "learned scale γ (d,); default all 1", optional: true),
        ],
        options: [.eps],
        outputs: [
            OutputDeclaration("rms", .summary, display: "RMS", caption: "each row's root mean square √(mean(x²))"),
            OutputDeclaration("output", .output, display: "RMSNorm(x)", caption: "each row divided by its RMS (the mean is kept), then scaled by γ"),
        ],
        defaultViews: [DefaultView(kind: .matrix, tensor: "output")],
        pipeline: ["X", "output"],
        vectors: .names(["rms", "output"]),
        cost: { c in
            let n = Double(c.shape("x")?.reduce(1, *) ?? 1)
            return SceneCost(values: 3 * n, flops: 6 * n, sizes: "\(Int(n)) values")
        },
        run: { e in
            let x = try e.input("x")
            let gamma = e.hasInput("gamma") ? try e.input("gamma") : nil
            let eps = e.env.isSet("eps") ? e.env.float("eps") : 1e-6
            let rows = x.rank == 1 ? [x.scalars] : x.matrixRows
            let rms = rows.map { r in (r.reduce(0) { $0 + $1 * $1 } / Float(max(r.count, 1))).squareRoot() }
            e.result.add(e.inputName("x"), x, rows: e.tokens)
            e.result.add("rms", Tensor(vector: rms), rows: e.tokens)
            e.result.add("output", try AttentionKernel.rmsNorm(x, gamma: gamma, eps: eps), rows: e.tokens)
        })
}
