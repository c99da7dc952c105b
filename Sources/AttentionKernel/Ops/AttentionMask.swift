/// Which keys each query may attend to: a boolean matrix of shape (T_q, T_k), true = allowed.
///
/// Rectangular masks align queries with the *end* of the key sequence: query i sits at position
/// p_i = i + (T_k − T_q). With T_q = T_k this is the usual square mask; with a KV cache it makes
/// the last query see every cached key (the convention of FlashAttention ≥ 2.1).
/// A disallowed entry becomes −∞ before the softmax, hence exactly 0 weight.
public struct AttentionMask: Sendable, Equatable {
    public let queries: Int
    public let keys: Int
    /// Row-major (T_q, T_k); true where query i may see key j.
    public private(set) var allowed: [Bool]

    /// A mask from a predicate on (i, p_i, j): query index, query position, key index.
    init(queries: Int, keys: Int, _ rule: (Int, Int, Int) -> Bool) {
        self.queries = queries
        self.keys = keys
        var a = [Bool](repeating: false, count: queries * keys)
        for i in 0..<queries {
            let p = i + (keys - queries)
            for j in 0..<keys { a[i * keys + j] = rule(i, p, j) }
        }
        allowed = a
    }

    /// Any boolean matrix: rows are queries, columns keys. Throws when rows differ in length.
    public init(allowed rows: [[Bool]]) throws {
        let width = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != width {
            throw KernelError("AttentionMask", "row \(i) has \(row.count) entries, row 0 has \(width)")
        }
        queries = rows.count
        keys = width
        allowed = rows.flatMap { $0 }
    }

    public func isAllowed(_ i: Int, _ j: Int) -> Bool { allowed[i * keys + j] }

    /// Rows with no allowed key at all: their softmax row is all zeros.
    public var fullyMaskedRows: [Int] {
        (0..<queries).filter { i in !(0..<keys).contains { isAllowed(i, $0) } }
    }

    /// The mask as an additive bias: 0 where allowed, −∞ where masked. Shape (T_q, T_k).
    public var additiveBias: Tensor {
        Tensor(uncheckedShape: [queries, keys], scalars: allowed.map { $0 ? 0 : -.infinity })
    }

    /// Both masks allow the entry.
    public func intersection(_ other: AttentionMask) throws -> AttentionMask {
        guard other.queries == queries, other.keys == keys else {
            throw KernelError("AttentionMask", "cannot combine a \(queries)×\(keys) mask with a \(other.queries)×\(other.keys) mask")
        }
        var m = self
        for i in allowed.indices { m.allowed[i] = allowed[i] && other.allowed[i] }
        return m
    }

    // MARK: The lecture's masks

    /// Every key allowed.
    public static func none(queries: Int, keys: Int) -> AttentionMask {
        AttentionMask(queries: queries, keys: keys) { _, _, _ in true }
    }

    /// Causal: query at position p sees keys j ≤ p (−∞ above the diagonal).
    public static func causal(queries: Int, keys: Int) -> AttentionMask {
        AttentionMask(queries: queries, keys: keys) { _, p, j in j <= p }
    }

    /// Padding: only the first `validKeys` keys are real tokens; the rest are padding.
    public static func padding(queries: Int, keys: Int, validKeys: Int) throws -> AttentionMask {
        guard validKeys >= 0, validKeys <= keys else {
            throw KernelError("AttentionMask.padding", "valid length \(validKeys) must be between 0 and T_k = \(keys)")
        }
        return AttentionMask(queries: queries, keys: keys) { _, _, j in j < validKeys }
    }

    /// Sliding window of width W.
    ///
    /// Causal: the W most recent keys, 0 ≤ p − j < W (Mistral-style). Not causal: the keys within
    /// ⌊W/2⌋ positions on either side, |p − j| ≤ ⌊W/2⌋ (Longformer-style).
    public static func slidingWindow(queries: Int, keys: Int, width: Int, causal: Bool = true) throws -> AttentionMask {
        try dilatedSlidingWindow(queries: queries, keys: keys, width: width, dilation: 1, causal: causal)
    }

    /// Dilated sliding window: like the sliding window, but only every `dilation`-th key, so the same
    /// W keys reach W·dilation positions back. Causal: p − j = t·dilation for t in 0..<W.
    public static func dilatedSlidingWindow(queries: Int, keys: Int, width: Int, dilation: Int, causal: Bool = true) throws -> AttentionMask {
        guard width >= 1 else { throw KernelError("AttentionMask.slidingWindow", "window width must be at least 1, got \(width)") }
        guard dilation >= 1 else { throw KernelError("AttentionMask.dilatedSlidingWindow", "dilation must be at least 1, got \(dilation)") }
        return AttentionMask(queries: queries, keys: keys) { _, p, j in
            windowAllows(p: p, j: j, width: width, dilation: dilation, causal: causal)
        }
    }

    /// Global + sliding: the sliding window, plus global positions that see every key and that
    /// every query sees (Longformer). Causal masks still forbid looking ahead.
    public static func globalSliding(queries: Int, keys: Int, width: Int, global: [Int], causal: Bool = true) throws -> AttentionMask {
        guard width >= 1 else { throw KernelError("AttentionMask.globalSliding", "window width must be at least 1, got \(width)") }
        if let bad = global.first(where: { $0 < 0 || $0 >= keys }) {
            throw KernelError("AttentionMask.globalSliding", "global position \(bad) is outside 0..<\(keys)")
        }
        let g = Set(global)
        return AttentionMask(queries: queries, keys: keys) { _, p, j in
            if causal && j > p { return false }
            return g.contains(j) || g.contains(p) || windowAllows(p: p, j: j, width: width, dilation: 1, causal: causal)
        }
    }
}

private func windowAllows(p: Int, j: Int, width: Int, dilation: Int, causal: Bool) -> Bool {
    let delta = p - j
    if causal {
        return delta >= 0 && delta % dilation == 0 && delta / dilation < width
    }
    return abs(delta) % dilation == 0 && abs(delta) / dilation <= width / 2
}
