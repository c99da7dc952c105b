import AttentionKernel

extension SceneOp { public static let sinusoidal = SceneOp("sinusoidal") }

extension OperationDeclaration {
    /// The sinusoidal position table of Vaswani et al.
    static let sinusoidal = OperationDeclaration(
        op: .sinusoidal,
        summary: "the sinusoidal position table PE (length, dim)",
        inputs: [],
        options: [.length, OptionDeclaration(name: "dim", type: .integer, defaultValue: .value(8), range: 1...512, doc: "d"), .base],
        required: ["dim"],
        outputs: [OutputDeclaration("PE", .output, display: "PE", caption: "sin and cos columns at geometric wavelengths")],
        defaultViews: [DefaultView(kind: .heatmap, tensor: "PE")],
        pipeline: ["PE"],
        cost: { c in
            let n = Double(max(1, c.env.integer("length"))), d = Double(max(1, c.env.integer("dim")))
            return SceneCost(values: n * d, flops: 20 * n * d, sizes: "length = \(Int(n)), dim = \(Int(d))")
        },
        run: { try $0.runSinusoidal() })
}

extension SceneEvaluator {
    /// A length that defaults to the number of tokens, checked against the size limit.
    func length() throws -> Int {
        let n = env.integer("length")
        guard n >= 1, n <= SceneSchema.maximumTokens else {
            throw SceneError(.mustBeFromOneTo(parameter: "length", limit: SceneSchema.maximumTokens, got: n), at: env.location(of: "length"))
        }
        return n
    }

    /// PE (T, d): sin and cos columns at geometric wavelengths.
    mutating func runSinusoidal() throws {
        let n = try length()
        let d = env.integer("dim")
        guard d >= 1, d <= SceneSchema.maximumDimension else {
            throw SceneError(.mustBeFromOneTo(parameter: "dim", limit: SceneSchema.maximumDimension, got: d), at: env.location(of: "dim"))
        }
        let pe = try sinusoidalEncoding(length: n, dim: d, base: env.number("base"))
        let columns = (0..<d).map { $0 % 2 == 0 ? "sin\($0 / 2)" : "cos\($0 / 2)" }
        result.add("PE", pe, rows: tokens.count == n ? tokens : (0..<n).map(String.init), columns: columns)
    }
}
