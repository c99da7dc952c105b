/// A key/value cache for generating one token at a time.
///
/// At step t the new token's k_t and v_t are appended; its query attends over all cached keys,
/// which equals row t of full causal attention without recomputing earlier rows.
/// Shapes: keys (n, d_k), values (n, d_v) after n appends.
public struct KVCache: Sendable, Equatable {
    public let keyDim: Int
    public let valueDim: Int
    public private(set) var keys: Tensor
    public private(set) var values: Tensor

    public init(keyDim: Int, valueDim: Int) throws {
        guard keyDim >= 1, valueDim >= 1 else {
            throw KernelError("KVCache", "key and value widths must be ≥ 1, got d_k = \(keyDim), d_v = \(valueDim)")
        }
        self.keyDim = keyDim
        self.valueDim = valueDim
        keys = .zeros([0, keyDim])
        values = .zeros([0, valueDim])
    }

    /// Cached tokens.
    public var count: Int { keys.rows }

    /// Appends one token's key (d_k,) and value (d_v,).
    public mutating func append(key: Tensor, value: Tensor) throws {
        guard key.count == keyDim, value.count == valueDim, key.rank <= 2, value.rank <= 2 else {
            throw KernelError("KVCache.append", "expected k (\(keyDim),) and v (\(valueDim),), got k \(formatShape(key.shape)) and v \(formatShape(value.shape))")
        }
        try key.requireFinite("k", in: "KVCache.append")
        try value.requireFinite("v", in: "KVCache.append")
        let n = count + 1
        keys = Tensor(uncheckedShape: [n, keyDim], scalars: keys.scalars + key.scalars)
        values = Tensor(uncheckedShape: [n, valueDim], scalars: values.scalars + value.scalars)
    }

    /// The newest query (d_k,) against every cached key: a (1, n) attention row.
    public func attend(query: Tensor, scale: Float? = nil) throws -> AttentionResult {
        guard count > 0 else { throw KernelError("KVCache.attend", "the cache is empty: append a key and value first") }
        guard query.count == keyDim else {
            throw KernelError("KVCache.attend", "query \(formatShape(query.shape)) must have d_k = \(keyDim) values")
        }
        return try scaledDotProductAttention(q: query.reshaped([1, keyDim]), k: keys, v: values, scale: scale)
    }
}
