/// The k largest entries of each row and where they were.
public struct TopKResult: Sendable, Equatable {
    /// The values, largest first: shape (R, k) for x (R, C) (in general x's shape with C → k).
    public var values: Tensor
    /// indices[r][i] is the column of values[r, i] in row r of x.
    public var indices: [[Int]]

    public init(values: Tensor, indices: [[Int]]) {
        self.values = values
        self.indices = indices
    }
}

/// Top-k per row: the k largest entries, in descending order, ties broken towards the lower index.
///
/// Shapes: x is (R, C) (any rank ≥ 1 is read as rows of its last axis); values are (R, k), indices
/// R rows of k columns; 1 ≤ k ≤ C. −∞ (a masked logit) sorts last; NaN is refused, because it has
/// no place in an order. For a MoE router this picks the experts; for sampling, the top-k logits.
/// For k ≤ 32 (a router's experts, sampling's top-k) this path keeps a sorted buffer of the best k
/// seen so far, O(C·k) per row with no allocation; beyond that the buffer would cost O(C·k), so it
/// sorts the row as `topKNaive` does, O(C log C).
public func topK(_ x: Tensor, k: Int) throws -> TopKResult {
    let (rows, c) = try checkTopK(x, k: k)
    if k > 32 { return sortedTopK(x, k: k, rows: rows, c: c) }
    var values = [Float](), indices = [[Int]]()
    values.reserveCapacity(rows * k)
    indices.reserveCapacity(rows)
    var bestV = [Float](repeating: 0, count: k), bestI = [Int](repeating: 0, count: k)
    for r in 0..<rows {
        var filled = 0
        for j in 0..<c {
            let v = x.scalars[r * c + j]
            // A later entry enters only if strictly larger than the current k-th: ties keep the lower index.
            if filled == k && !(v > bestV[k - 1]) { continue }
            var p = filled == k ? k - 1 : filled
            while p > 0 && v > bestV[p - 1] {
                bestV[p] = bestV[p - 1]
                bestI[p] = bestI[p - 1]
                p -= 1
            }
            bestV[p] = v
            bestI[p] = j
            if filled < k { filled += 1 }
        }
        values.append(contentsOf: bestV)
        indices.append(bestI)
    }
    return TopKResult(values: Tensor(uncheckedShape: Array(x.shape.dropLast()) + [k], scalars: values), indices: indices)
}

/// The naive reference for `topK`: sort each row's indices by (value descending, index ascending), keep k.
public func topKNaive(_ x: Tensor, k: Int) throws -> TopKResult {
    let (rows, c) = try checkTopK(x, k: k)
    return sortedTopK(x, k: k, rows: rows, c: c)
}

private func sortedTopK(_ x: Tensor, k: Int, rows: Int, c: Int) -> TopKResult {
    var values = [Float](), indices = [[Int]]()
    for r in 0..<rows {
        let row = Array(x.scalars[(r * c)..<((r + 1) * c)])
        let order = row.indices.sorted { a, b in row[a] != row[b] ? row[a] > row[b] : a < b }
        let kept = Array(order.prefix(k))
        indices.append(kept)
        values.append(contentsOf: kept.map { row[$0] })
    }
    return TopKResult(values: Tensor(uncheckedShape: Array(x.shape.dropLast()) + [k], scalars: values), indices: indices)
}

/// (rows, C), or a KernelError naming k and the shape.
private func checkTopK(_ x: Tensor, k: Int) throws -> (Int, Int) {
    guard x.rank >= 1 else { throw KernelError("topK", "needs at least one dimension, got a scalar") }
    let c = x.columns
    guard k >= 1, k <= c else {
        throw KernelError("topK", "k = \(k) must be in 1...C, and x \(formatShape(x.shape)) has C = \(c)")
    }
    if let i = x.scalars.firstIndex(where: { $0.isNaN }) {
        throw KernelError("topK", "x \(formatShape(x.shape)) has NaN at flat index \(i); NaN has no place in an order")
    }
    return (x.count / c, c)
}
