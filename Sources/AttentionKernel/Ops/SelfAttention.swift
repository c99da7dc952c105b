/// One attention head with its own projections, and what it computed.
public struct ProjectedAttention: Sendable, Equatable {
    /// Q = X_q·W_Q, shape (T_q, d_k).
    public var q: Tensor
    /// K = X_kv·W_K, shape (T_k, d_k).
    public var k: Tensor
    /// V = X_kv·W_V, shape (T_k, d_v).
    public var v: Tensor
    /// The attention over those projections.
    public var attention: AttentionResult
}

/// Single-head attention with projections: Q = X_q·W_Q, K = X_kv·W_K, V = X_kv·W_V.
///
/// Self-attention when `keyValueInput` is nil (X_kv = X_q); cross-attention otherwise.
/// Shapes: X_q is (T_q, d_model), X_kv is (T_k, d_model'), W_Q is (d_model, d_k),
/// W_K is (d_model', d_k), W_V is (d_model', d_v).
public func projectedAttention(
    input x: Tensor, keyValueInput: Tensor? = nil, wQ: Tensor, wK: Tensor, wV: Tensor,
    mask: AttentionMask? = nil, bias: Tensor? = nil, scale: Float? = nil, softcap: Float? = nil, temperature: Float = 1
) throws -> ProjectedAttention {
    let xkv = keyValueInput ?? x
    let q = try named("Q = X·W_Q") { try matmul(x, wQ) }                   // (T_q, d_k)
    let k = try named("K = X·W_K") { try matmul(xkv, wK) }                 // (T_k, d_k)
    let v = try named("V = X·W_V") { try matmul(xkv, wV) }                 // (T_k, d_v)
    let a = try scaledDotProductAttention(q: q, k: k, v: v, mask: mask, bias: bias, scale: scale, softcap: softcap, temperature: temperature)
    return ProjectedAttention(q: q, k: k, v: v, attention: a)
}

/// Cross-attention: queries from the decoder side, keys and values from the encoder side.
///
/// Shapes: decoder X_dec is (T_q, d_model), encoder X_enc is (T_k, d_model); the map is
/// (T_q, T_k), rectangular when the sequences differ in length.
public func crossAttention(
    decoder: Tensor, encoder: Tensor, wQ: Tensor, wK: Tensor, wV: Tensor,
    mask: AttentionMask? = nil, scale: Float? = nil, temperature: Float = 1
) throws -> ProjectedAttention {
    try projectedAttention(input: decoder, keyValueInput: encoder, wQ: wQ, wK: wK, wV: wV, mask: mask, scale: scale, temperature: temperature)
}

/// Re-labels a matmul shape error with the lecture's name for the product.
func named<T>(_ what: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as KernelError {
        throw KernelError(e.operation, "\(what): \(e.message)")
    }
}
