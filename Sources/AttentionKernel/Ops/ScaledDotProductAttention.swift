import Foundation

/// Every intermediate of scaled dot-product attention, as the lessons show them.
public struct AttentionResult: Sendable, Equatable {
    /// S = QKᵀ, shape (T_q, T_k).
    public var scores: Tensor
    /// S·scale (+ bias, then soft-capped when asked), shape (T_q, T_k).
    public var scaledScores: Tensor
    /// The scaled scores with −∞ where the mask forbids, shape (T_q, T_k).
    public var maskedScores: Tensor
    /// A = softmax(masked scores / τ) along keys, shape (T_q, T_k). Rows sum to 1 (or are 0).
    public var weights: Tensor
    /// Z = A·V, shape (T_q, d_v).
    public var output: Tensor
    /// Queries that could see no key: their weights and output rows are all zeros.
    public var fullyMaskedRows: [Int]
    /// The scale that was applied (1/√d_k unless given).
    public var scale: Float
}

/// Scaled dot-product attention: Z = softmax(QKᵀ/√d_k + B)·V.
///
/// Shapes: q is (T_q, d_k), k is (T_k, d_k), v is (T_k, d_v); `mask` is (T_q, T_k); `bias` (for
/// ALiBi) is (T_q, T_k) and is added after scaling; the output is (T_q, d_v).
/// Order of the stages: S = QKᵀ → S·scale + B → softcap σ·tanh(x/σ) → mask (−∞) → softmax(·/τ) → ·V.
public func scaledDotProductAttention(
    q: Tensor, k: Tensor, v: Tensor, mask: AttentionMask? = nil, bias: Tensor? = nil,
    scale: Float? = nil, softcap: Float? = nil, temperature: Float = 1
) throws -> AttentionResult {
    let op = "scaledDotProductAttention"
    let s = try checkAttentionInputs(op, q: q, k: k, v: v, mask: mask, bias: bias, scale: scale, softcap: softcap)
    let scores = try matmul(q, k, transposeB: true)                      // (T_q, T_k)
    var scaled = scores.map { $0 * s }
    if let bias { for i in 0..<scaled.count { scaled.scalars[i] += bias.scalars[i] } }
    if let softcap { scaled = try logitSoftcap(scaled, cap: softcap) }
    var masked = scaled
    if let mask { for i in 0..<masked.count where !mask.allowed[i] { masked.scalars[i] = -.infinity } }
    let sm = try softmax(masked, temperature: temperature)              // (T_q, T_k)
    let output = try matmul(sm.weights, v)                              // (T_q, d_v)
    return AttentionResult(
        scores: scores, scaledScores: scaled, maskedScores: masked, weights: sm.weights,
        output: output, fullyMaskedRows: sm.fullyMaskedRows, scale: s)
}

/// The naive reference for `scaledDotProductAttention`: loops and Double accumulation throughout.
public func attentionNaive(
    q: Tensor, k: Tensor, v: Tensor, mask: AttentionMask? = nil, bias: Tensor? = nil,
    scale: Float? = nil, softcap: Float? = nil, temperature: Float = 1
) throws -> AttentionResult {
    let op = "attentionNaive"
    let s = try checkAttentionInputs(op, q: q, k: k, v: v, mask: mask, bias: bias, scale: scale, softcap: softcap)
    let scores = try matmulNaive(q, k, transposeB: true)
    var scaled = scores.map { $0 * s }
    if let bias { for i in 0..<scaled.count { scaled.scalars[i] += bias.scalars[i] } }
    if let softcap { scaled = scaled.map { softcap * Float(tanh(Double($0 / softcap))) } }
    var masked = scaled
    if let mask { for i in 0..<masked.count where !mask.allowed[i] { masked.scalars[i] = -.infinity } }
    let sm = try softmaxNaive(masked, temperature: temperature)
    let output = try matmulNaive(sm.weights, v)
    return AttentionResult(
        scores: scores, scaledScores: scaled, maskedScores: masked, weights: sm.weights,
        output: output, fullyMaskedRows: sm.fullyMaskedRows, scale: s)
}

/// Validates attention inputs and returns the scale to use.
func checkAttentionInputs(
    _ op: String, q: Tensor, k: Tensor, v: Tensor, mask: AttentionMask?, bias: Tensor?, scale: Float?, softcap: Float?
) throws -> Float {
    try q.require(rank: 2, "q", in: op)
    try k.require(rank: 2, "k", in: op)
    try v.require(rank: 2, "v", in: op)
    guard q.rows > 0, k.rows > 0 else {
        throw KernelError(op, "empty sequence: q \(formatShape(q.shape)), k \(formatShape(k.shape))")
    }
    guard q.columns == k.columns, q.columns > 0 else {
        throw KernelError(op, "q \(formatShape(q.shape)) and k \(formatShape(k.shape)) need the same non-zero width d_k")
    }
    guard k.rows == v.rows else {
        throw KernelError(op, "k \(formatShape(k.shape)) and v \(formatShape(v.shape)) need the same length T_k")
    }
    if let mask, mask.queries != q.rows || mask.keys != k.rows {
        throw KernelError(op, "mask is \(mask.queries)×\(mask.keys) but q \(formatShape(q.shape)) and k \(formatShape(k.shape)) need \(q.rows)×\(k.rows)")
    }
    if let bias, bias.shape != [q.rows, k.rows] {
        throw KernelError(op, "bias \(formatShape(bias.shape)) must be (\(q.rows), \(k.rows)) for q \(formatShape(q.shape)) and k \(formatShape(k.shape))")
    }
    try q.requireFinite("q", in: op)
    try k.requireFinite("k", in: op)
    try v.requireFinite("v", in: op)
    if let bias { try bias.requireFinite("bias", in: op) }
    if let softcap, !(softcap.isFinite && softcap > 0) {
        throw KernelError(op, "softcap must be a positive finite number, got \(softcap)")
    }
    let s = scale ?? 1 / Float(q.columns).squareRoot()
    guard s.isFinite else { throw KernelError(op, "scale must be finite, got \(s)") }
    return s
}
