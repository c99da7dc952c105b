import Foundation

// The lecture's path from a dictionary to attention. A memory holds n (key, value) pairs:
// keys K is (n, d_k), values V is (n, d_v); a query q is (d_k,).

/// Hard read: the value whose key equals the query exactly, or nil when no key matches.
///
/// Like a dictionary lookup. When several keys match, the first one wins; `avgRead` averages them.
public func hardRead(query: Tensor, keys: Tensor, values: Tensor) throws -> Tensor? {
    try checkMemory("hardRead", query: query, keys: keys, values: values)
    guard let i = matchingRows(query: query, keys: keys).first else { return nil }
    return Tensor(vector: values.row(i))
}

/// Average read: the mean of the values of every exactly matching key, or nil when none match.
///
/// Equivalently weights w_i = 1/m on the m matches and 0 elsewhere, output Σ_i w_i v_i.
public func avgRead(query: Tensor, keys: Tensor, values: Tensor) throws -> Tensor? {
    try checkMemory("avgRead", query: query, keys: keys, values: values)
    let matches = matchingRows(query: query, keys: keys)
    guard !matches.isEmpty else { return nil }
    var out = [Float](repeating: 0, count: values.columns)
    for i in matches {
        for j in 0..<values.columns { out[j] += values[i, j] }
    }
    return Tensor(vector: out.map { $0 / Float(matches.count) })
}

/// How a soft read scores a key against the query.
public enum Similarity: String, Sendable, CaseIterable {
    /// q·k, which can be negative.
    case dot
    /// q·k / (‖q‖‖k‖), in [−1, 1]; 0 for a zero vector.
    case cosine
    /// 1 when k equals q exactly, else 0: the soft read becomes the average read.
    case exactMatch
    /// exp(q·k / τ): always positive; normalising it is the softmax.
    case expDot
}

/// The output of `softRead`: every intermediate the lecture shows.
public struct SoftReadResult: Sendable, Equatable {
    /// s_i = sim(q, k_i), shape (n,).
    public var rawWeights: Tensor
    /// Σ_i s_i.
    public var weightSum: Float
    /// w_i = s_i / Σ s, shape (n,); nil when the sum is 0 (the lecture's `sum_weights == 0`).
    public var weights: Tensor?
    /// Σ_i w_i v_i, shape (d_v,); nil when the sum is 0.
    public var output: Tensor?
    /// Indices of keys with a negative raw weight: dot products can be negative, and then the
    /// "weights" are no longer a weighted average. Reported, not hidden.
    public var negativeWeightIndices: [Int]
}

/// Soft read: every key contributes its value, weighted by its similarity to the query.
///
/// w_i = sim(q, k_i) / Σ_j sim(q, k_j), output = Σ_i w_i v_i. `temperature` τ divides the dot
/// product for `.expDot` (τ → 0 approaches the hard read, τ → ∞ the plain average).
public func softRead(query: Tensor, keys: Tensor, values: Tensor, similarity: Similarity, temperature: Float = 1) throws -> SoftReadResult {
    try checkMemory("softRead", query: query, keys: keys, values: values)
    guard temperature.isFinite, temperature > 0 else {
        throw KernelError("softRead", "temperature must be a positive finite number, got \(temperature)")
    }
    let n = keys.rows
    var raw = [Float](repeating: 0, count: n)
    let qNorm = sqrt(query.scalars.reduce(0) { $0 + $1 * $1 })
    var dots = [Float](repeating: 0, count: n)
    for i in 0..<n {
        let k = keys.row(i)
        dots[i] = zip(query.scalars, k).reduce(0) { $0 + $1.0 * $1.1 }
        switch similarity {
        case .dot: raw[i] = dots[i]
        case .cosine:
            let kNorm = sqrt(k.reduce(0) { $0 + $1 * $1 })
            raw[i] = (qNorm == 0 || kNorm == 0) ? 0 : dots[i] / (qNorm * kNorm)
        case .exactMatch: raw[i] = k == query.scalars ? 1 : 0
        case .expDot: break
        }
    }
    if similarity == .expDot {
        // exp(q·k/τ) overflows Float for large scores; subtracting the max cancels in the ratio,
        // so the normalised weights are the softmax. The raw weights keep the true exponentials
        // (in Double, then rounded: very large ones become +∞ and are reported as such).
        raw = dots.map { Float(Foundation.exp(Double($0) / Double(temperature))) }
        let sm = try softmax(Tensor(vector: dots), temperature: temperature).weights
        let out = try matmul(try sm.reshaped([1, n]), values).reshaped([values.columns])
        return SoftReadResult(
            rawWeights: Tensor(vector: raw), weightSum: raw.reduce(0, +), weights: sm, output: out,
            negativeWeightIndices: [])
    }
    let sum = raw.reduce(0, +)
    let negatives = raw.indices.filter { raw[$0] < 0 }
    guard sum != 0 else {
        return SoftReadResult(rawWeights: Tensor(vector: raw), weightSum: 0, weights: nil, output: nil, negativeWeightIndices: negatives)
    }
    let w = Tensor(vector: raw.map { $0 / sum })
    let out = try matmul(try w.reshaped([1, n]), values).reshaped([values.columns])
    return SoftReadResult(rawWeights: Tensor(vector: raw), weightSum: sum, weights: w, output: out, negativeWeightIndices: negatives)
}

private func matchingRows(query: Tensor, keys: Tensor) -> [Int] {
    (0..<keys.rows).filter { keys.row($0) == query.scalars }
}

private func checkMemory(_ op: String, query: Tensor, keys: Tensor, values: Tensor) throws {
    try query.require(rank: 1, "query", in: op)
    try keys.require(rank: 2, "keys", in: op)
    try values.require(rank: 2, "values", in: op)
    try keys.requireNonEmpty("keys", in: op)
    guard keys.columns == query.count else {
        throw KernelError(op, "query \(formatShape(query.shape)) and keys \(formatShape(keys.shape)) need the same width d_k")
    }
    guard keys.rows == values.rows else {
        throw KernelError(op, "keys \(formatShape(keys.shape)) and values \(formatShape(values.shape)) need the same number of rows n")
    }
    try query.requireFinite("query", in: op)
    try keys.requireFinite("keys", in: op)
    try values.requireFinite("values", in: op)
}
