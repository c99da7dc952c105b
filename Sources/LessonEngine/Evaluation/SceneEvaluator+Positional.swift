import AttentionKernel

/// Positional information: sinusoidal tables, RoPE rotations, ALiBi biases.
extension SceneEvaluator {
    /// A length that defaults to the number of tokens, checked against the size limit.
    private func length() throws -> Int {
        let n = env.integer("length")
        guard n >= 1, n <= SceneSchema.maximumTokens else {
            throw SceneError("length must be from 1 to \(SceneSchema.maximumTokens), got \(n)", at: env.location(of: "length"))
        }
        return n
    }

    /// PE (T, d): sin and cos columns at geometric wavelengths.
    mutating func runSinusoidal() throws {
        let n = try length()
        let d = env.integer("dim")
        guard d >= 1, d <= SceneSchema.maximumDimension else {
            throw SceneError("dim must be from 1 to \(SceneSchema.maximumDimension), got \(d)", at: env.location(of: "dim"))
        }
        let pe = try sinusoidalEncoding(length: n, dim: d, base: env.number("base"))
        let columns = (0..<d).map { $0 % 2 == 0 ? "sin\($0 / 2)" : "cos\($0 / 2)" }
        result.add("PE", pe, rows: tokens.count == n ? tokens : (0..<n).map(String.init), columns: columns)
    }

    /// X (T, d) rotated by RoPE at positions position … position + T − 1.
    ///
    /// Outputs X, `angles` (T, d/2), `X_rot`, and `scores` = X_rot·X_rotᵀ, whose entries depend
    /// only on m − n when the rows of X are equal.
    mutating func runRoPE() throws {
        let x = try input("x")
        try checkRows(x, slot: "x", against: tokens, side: "tokens")
        let offset = env.integer("position")
        guard abs(offset) <= 1_000_000 else {
            throw SceneError("position must be within ±1000000, got \(offset)", at: env.location(of: "position"))
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

    /// ALiBi: per-head slopes m_h and biases B_ij = −m_h·|i − j|, with the weights those biases
    /// alone would give (queries and keys all zero, so the scores are only the bias).
    mutating func runALiBi() throws {
        let n = try length()
        let h = env.integer("numHeads")
        guard h >= 1, h <= 64 else {
            throw SceneError("numHeads must be from 1 to 64, got \(h)", at: env.location(of: "numHeads"))
        }
        let slopes = try alibiSlopes(numHeads: h)
        let labels = tokens.count == n ? tokens : (0..<n).map(String.init)
        result.add("slopes", Tensor(vector: slopes))
        let mask: AttentionMask? = env.bool("causal") ? .causal(queries: n, keys: n) : nil
        let zeros = Tensor.zeros([n, 1])
        for (i, slope) in slopes.enumerated() {
            let bias = try alibiBias(slope: slope, queries: n, keys: n)
            result.add("bias[\(i)]", bias, rows: labels, columns: labels)
            let a = try scaledDotProductAttention(q: zeros, k: zeros, v: .identity(n), mask: mask, bias: bias, scale: 1)
            result.add("weights[\(i)]", a.weights, rows: labels, columns: labels)
        }
    }
}
