/// Projection weights of a multi-head attention layer.
///
/// MHA has one K/V head per query head (numKVHeads = numHeads); GQA shares each K/V head among
/// numHeads/numKVHeads query heads; MQA keeps a single K/V head (numKVHeads = 1).
public struct MultiHeadWeights: Sendable, Equatable {
    public let numHeads: Int
    public let numKVHeads: Int
    public let headDim: Int
    /// W_Q, shape (d_model, H·d_h): query head h uses columns h·d_h ..< (h+1)·d_h.
    public var wQ: Tensor
    /// W_K, shape (d_model, H_kv·d_h).
    public var wK: Tensor
    /// W_V, shape (d_model, H_kv·d_h).
    public var wV: Tensor
    /// W_O, shape (H·d_h, d_model).
    public var wO: Tensor

    /// Weights from given matrices; throws when the shapes and head counts do not fit together.
    public init(numHeads: Int, numKVHeads: Int, headDim: Int, wQ: Tensor, wK: Tensor, wV: Tensor, wO: Tensor) throws {
        let op = "multiHeadAttention"
        guard numHeads >= 1, numKVHeads >= 1, headDim >= 1 else {
            throw KernelError(op, "numHeads, numKVHeads and headDim must be ≥ 1, got \(numHeads), \(numKVHeads), \(headDim)")
        }
        guard numHeads % numKVHeads == 0 else {
            throw KernelError(op, "numKVHeads = \(numKVHeads) must divide numHeads = \(numHeads) (each K/V head serves a whole group of query heads)")
        }
        for (name, w) in [("W_Q", wQ), ("W_K", wK), ("W_V", wV), ("W_O", wO)] {
            try w.require(rank: 2, name, in: op)
            try w.requireFinite(name, in: op)
        }
        let dModel = wQ.rows
        let checks: [(String, Tensor, [Int])] = [
            ("W_Q", wQ, [dModel, numHeads * headDim]), ("W_K", wK, [dModel, numKVHeads * headDim]),
            ("W_V", wV, [dModel, numKVHeads * headDim]), ("W_O", wO, [numHeads * headDim, dModel]),
        ]
        for (name, w, expected) in checks where w.shape != expected {
            throw KernelError(op, "\(name) is \(formatShape(w.shape)), expected \(formatShape(expected)) for d_model = \(dModel), H = \(numHeads), H_kv = \(numKVHeads), d_h = \(headDim)")
        }
        self.numHeads = numHeads
        self.numKVHeads = numKVHeads
        self.headDim = headDim
        self.wQ = wQ
        self.wK = wK
        self.wV = wV
        self.wO = wO
    }

    /// Seeded random weights, N(0, 1/d_model), reproducible for a seed.
    public static func random(dModel: Int, numHeads: Int, numKVHeads: Int, headDim: Int, seed: UInt64) throws -> MultiHeadWeights {
        guard dModel >= 1 else { throw KernelError("multiHeadAttention", "d_model must be ≥ 1, got \(dModel)") }
        let std = 1 / Float(dModel).squareRoot()
        return try MultiHeadWeights(
            numHeads: numHeads, numKVHeads: numKVHeads, headDim: headDim,
            wQ: .normal([dModel, numHeads * headDim], std: std, seed: seed),
            wK: .normal([dModel, max(1, numKVHeads) * headDim], std: std, seed: seed &+ 1),
            wV: .normal([dModel, max(1, numKVHeads) * headDim], std: std, seed: seed &+ 2),
            wO: .normal([numHeads * headDim, dModel], std: std, seed: seed &+ 3))
    }

    /// Query heads per K/V head.
    public var groupSize: Int { numHeads / numKVHeads }

    /// Floats kept per token in a KV cache: 2 (K and V) · H_kv · d_h.
    public var kvCacheFloatsPerToken: Int { 2 * numKVHeads * headDim }
}

/// Everything multi-head attention computed.
public struct MultiHeadResult: Sendable, Equatable {
    /// Per query head h: its Q_h (T_q, d_h), the K_g/V_g (T_k, d_h) of its group, and its attention.
    public var heads: [ProjectedAttention]
    /// Which K/V head each query head read: g = h / (H / H_kv).
    public var kvHeadOfHead: [Int]
    /// concat(Z_1 … Z_H), shape (T_q, H·d_h).
    public var concatenated: Tensor
    /// concat(…)·W_O, shape (T_q, d_model).
    public var output: Tensor
}

/// Multi-head attention: head h attends with Q_h = X·W_Q^h, K_g = X·W_K^g, V_g = X·W_V^g,
/// g = h / (H/H_kv); the heads' outputs are concatenated and projected by W_O.
///
/// Shapes: X is (T_q, d_model); `keyValueInput` (cross-attention) is (T_k, d_model); the mask is
/// (T_q, T_k); `headBias` (ALiBi) holds H tensors of (T_q, T_k); the output is (T_q, d_model).
public func multiHeadAttention(
    input x: Tensor, keyValueInput: Tensor? = nil, weights w: MultiHeadWeights,
    mask: AttentionMask? = nil, headBias: [Tensor]? = nil, softcap: Float? = nil, temperature: Float = 1
) throws -> MultiHeadResult {
    let op = "multiHeadAttention"
    let xkv = keyValueInput ?? x
    for (name, t) in [("X", x), ("X_kv", xkv)] {
        try t.require(rank: 2, name, in: op)
        guard t.columns == w.wQ.rows else {
            throw KernelError(op, "\(name) \(formatShape(t.shape)) has width \(t.columns) but the weights expect d_model = \(w.wQ.rows)")
        }
    }
    if let headBias, headBias.count != w.numHeads {
        throw KernelError(op, "\(headBias.count) bias matrices given for \(w.numHeads) heads")
    }
    let q = try matmul(x, w.wQ)                                             // (T_q, H·d_h)
    let k = try matmul(xkv, w.wK)                                           // (T_k, H_kv·d_h)
    let v = try matmul(xkv, w.wV)                                           // (T_k, H_kv·d_h)
    let d = w.headDim
    var heads: [ProjectedAttention] = []
    var groups: [Int] = []
    var concat = Tensor.zeros([x.rows, w.numHeads * d])                     // (T_q, H·d_h)
    for h in 0..<w.numHeads {
        let g = h / w.groupSize
        let qh = columns(q, from: h * d, count: d)
        let kg = columns(k, from: g * d, count: d)
        let vg = columns(v, from: g * d, count: d)
        let a = try scaledDotProductAttention(q: qh, k: kg, v: vg, mask: mask, bias: headBias?[h], softcap: softcap, temperature: temperature)
        for t in 0..<x.rows {
            for c in 0..<d { concat[t, h * d + c] = a.output[t, c] }
        }
        heads.append(ProjectedAttention(q: qh, k: kg, v: vg, attention: a))
        groups.append(g)
    }
    let out = try matmul(concat, w.wO)                                      // (T_q, d_model)
    return MultiHeadResult(heads: heads, kvHeadOfHead: groups, concatenated: concat, output: out)
}

/// Columns [from, from + count) of a matrix.
func columns(_ m: Tensor, from: Int, count: Int) -> Tensor {
    var out = Tensor.zeros([m.rows, count])
    for r in 0..<m.rows {
        for c in 0..<count { out[r, c] = m[r, from + c] }
    }
    return out
}
