import AttentionKernel

extension SceneOp { public static let layerNorm = SceneOp("layerNorm") }

extension OptionDeclaration {
    static let eps = OptionDeclaration(name: "eps", type: .number, defaultValue: .none, range: 0...1,
                                       doc: "ε under the square root (default 1e-5 for layerNorm, 1e-6 for rmsNorm)")
}

extension OperationDeclaration {
    /// LayerNorm: each row centred and scaled to unit variance, then γ ⊙ · + β.
    static let layerNorm = OperationDeclaration(
        op: .layerNorm,
        summary: "LayerNorm of each row: (x − μ)/√(σ² + ε) ⊙ γ + β",
        inputs: [
            InputDeclaration(slot: "x", defaultTensor: "X", doc: "rows to normalise, (T, d)"),
            InputDeclaration(slot: "gamma", defaultTensor: "gamma", doc: "learned scale γ (d,); default all 1", optional: true),
            InputDeclaration(slot: "beta", defaultTensor: "beta", doc: "learned shift β (d,); default all 0", optional: true),
        ],
        options: [.eps],
        outputs: [
            OutputDeclaration("mean", .summary, display: "μ", caption: "each row's mean"),
            OutputDeclaration("variance", .summary, display: "σ²", caption: "each row's variance (divided by d, not d − 1)"),
            OutputDeclaration("output", .output, display: "LayerNorm(x)", caption: "each row with mean 0 and variance 1, then scaled by γ and shifted by β"),
        ],
        defaultViews: [DefaultView(kind: .matrix, tensor: "output")],
        pipeline: ["X", "output"],
        vectors: .names(["mean", "variance", "output"]),
        cost: { c in
            let n = Double(c.shape("x")?.reduce(1, *) ?? 1)
            return SceneCost(values: 3 * n, flops: 8 * n, sizes: "\(Int(n)) values")
        },
        run: { e in
            let x = try e.input("x")
            let gamma = e.hasInput("gamma") ? try e.input("gamma") : nil
            let beta = e.hasInput("beta") ? try e.input("beta") : nil
            let eps = e.env.isSet("eps") ? e.env.float("eps") : 1e-5
            let (mean, variance) = rowMoments(x)
            e.result.add(e.inputName("x"), x, rows: e.tokens)
            e.result.add("mean", Tensor(vector: mean), rows: e.tokens)
            e.result.add("variance", Tensor(vector: variance), rows: e.tokens)
            e.result.add("output", try AttentionKernel.layerNorm(x, gamma: gamma, beta: beta, eps: eps), rows: e.tokens)
        })
}

/// Each row's mean and (biased) variance, for the views beside a norm.
func rowMoments(_ x: Tensor) -> (mean: [Float], variance: [Float]) {
    let rows = x.rank == 1 ? [x.scalars] : x.matrixRows
    let mean = rows.map { $0.reduce(0, +) / Float(max($0.count, 1)) }
    let variance = zip(rows, mean).map { r, m in r.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Float(max(r.count, 1)) }
    return (mean, variance)
}
