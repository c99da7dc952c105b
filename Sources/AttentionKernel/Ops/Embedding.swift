/// Embedding lookup: row ids[t] of the table becomes row t of the result, X_t = E[ids_t].
///
/// Shapes: table E is (V, d) — one row per token of a vocabulary of V; ids has T entries, each in
/// 0..<V; the result X is (T, d). It is the same as one-hot(ids)·E, without the (T, V) one-hot
/// matrix. An id outside the vocabulary is an error naming the id and its position.
public func embedding(_ ids: [Int], table: Tensor) throws -> Tensor {
    guard table.rank == 2 else {
        throw KernelError("embedding", "table must be a matrix (V, d), got shape \(formatShape(table.shape))")
    }
    let (v, d) = (table.shape[0], table.shape[1])
    if let position = ids.firstIndex(where: { $0 < 0 || $0 >= v }) {
        throw KernelError("embedding", "id \(ids[position]) at position \(position) is outside 0..<\(v) for table \(formatShape(table.shape))")
    }
    var x = Tensor.zeros([ids.count, d])                          // (T, d)
    guard d > 0 else { return x }
    table.scalars.withUnsafeBufferPointer { pe in
        x.scalars.withUnsafeMutableBufferPointer { px in
            for (t, id) in ids.enumerated() {
                (px.baseAddress! + t * d).update(from: pe.baseAddress! + id * d, count: d)
            }
        }
    }
    return x
}
