import Yams

/// Decodes one entry under `tensors:`.
///
/// Accepted forms (the first key decides the kind):
///   `[[1, 0], [0, 1]]` or `{rows: [[1, 0], [0, 1]]}` — a literal matrix;
///   `[1, 0]` or `{vector: [1, 0]}` — a literal vector;
///   `{random: normal, shape: [4, 2], seed: 1, std: 0.5}` — seeded samples;
///   `{embed: tokens, dim: 4, seed: 7}` — toy embeddings; `{onehot: tokens}`.
func decodeTensorSource(_ node: Node, name: String, reader r: NodeReader) -> TensorSource? {
    let what = "tensor '\(name)'"
    if case .sequence(let items) = node {
        if items.first.map({ if case .sequence = $0 { return true } else { return false } }) ?? false {
            return literalRows(node, what, reader: r)
        }
        return r.numbers(node, what).map(TensorSource.vector)
    }
    let kinds = ["rows", "vector", "random", "embed", "onehot"]
    guard let pairs = r.mapping(node, what) else { return nil }
    guard let kindPair = pairs.first(where: { kinds.contains($0.key) }) else {
        let first = pairs.first?.key ?? ""
        r.error(node, "\(what) needs one of \(listOfNames(kinds))\(suggestion(for: first, in: kinds))")
        return nil
    }
    let fields = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    func allow(_ allowed: [String]) -> Bool {
        var ok = true
        for (key, keyNode, _) in pairs where !allowed.contains(key) {
            r.error(keyNode, "unknown field '\(key)' in \(what)\(suggestion(for: key, in: allowed))")
            ok = false
        }
        return ok
    }
    func ref(_ key: String, default value: Double? = nil) -> NumberRef? {
        if let node = fields[key] { return r.numberRef(node, "'\(key)' of \(what)") }
        if let value { return .literal(value, at: r.location(kindPair.keyNode)) }
        r.error(kindPair.keyNode, "\(what) needs '\(key):'")
        return nil
    }
    switch kindPair.key {
    case "rows":
        guard allow(["rows"]) else { return nil }
        return literalRows(kindPair.value, what, reader: r)
    case "vector":
        guard allow(["vector"]) else { return nil }
        return r.numbers(kindPair.value, what).map(TensorSource.vector)
    case "random":
        guard let distribution = r.string(kindPair.value, "'random' of \(what)") else { return nil }
        guard let shapeNode = fields["shape"] else {
            r.error(kindPair.keyNode, "\(what) needs 'shape: [rows, columns]'")
            return nil
        }
        guard let shapeItems = r.sequence(shapeNode, "'shape' of \(what)") else { return nil }
        guard (1...2).contains(shapeItems.count) else {
            r.error(shapeNode, "'shape' of \(what) must have one or two sizes, got \(shapeItems.count)")
            return nil
        }
        let shape = shapeItems.compactMap { r.numberRef($0, "each size in 'shape' of \(what)") }
        switch distribution {
        case "normal":
            guard allow(["random", "shape", "seed", "mean", "std"]), shape.count == shapeItems.count,
                  let seed = ref("seed", default: 0), let mean = ref("mean", default: 0), let std = ref("std", default: 1)
            else { return nil }
            return .normal(shape: shape, seed: seed, mean: mean, std: std)
        case "uniform":
            guard allow(["random", "shape", "seed", "low", "high"]), shape.count == shapeItems.count,
                  let seed = ref("seed", default: 0), let low = ref("low", default: 0), let high = ref("high", default: 1)
            else { return nil }
            return .uniform(shape: shape, seed: seed, low: low, high: high)
        default:
            r.error(kindPair.value, "unknown distribution '\(distribution)' in \(what)\(suggestion(for: distribution, in: ["normal", "uniform"])); use normal or uniform")
            return nil
        }
    case "embed":
        guard allow(["embed", "dim", "seed", "std"]), let side = tokenSide(kindPair.value, what, reader: r),
              let dim = ref("dim"), let seed = ref("seed", default: 0), let std = ref("std", default: 1)
        else { return nil }
        return .embed(tokens: side, dim: dim, seed: seed, std: std)
    default:
        guard allow(["onehot"]), let side = tokenSide(kindPair.value, what, reader: r) else { return nil }
        return .onehot(tokens: side)
    }
}

private func tokenSide(_ node: Node, _ what: String, reader r: NodeReader) -> TokenSide? {
    guard let text = r.string(node, what) else { return nil }
    guard let side = TokenSide(rawValue: text) else {
        r.error(node, "\(what) must follow 'tokens' or 'keyTokens', got '\(text)'")
        return nil
    }
    return side
}

/// A literal matrix; rows must have equal lengths.
private func literalRows(_ node: Node, _ what: String, reader r: NodeReader) -> TensorSource? {
    guard let rowNodes = r.sequence(node, what) else { return nil }
    var rows: [[Double]] = []
    for rowNode in rowNodes {
        // Aliases can repeat a long row thousands of times in a few bytes; count before reading.
        if case .sequence(let items) = rowNode, (rows.count + 1) * items.count > SceneSchema.maximumElements {
            r.error(node, "\(what) has more than \(SceneSchema.maximumElements) values")
            return nil
        }
        guard let row = r.numbers(rowNode, "each row of \(what)") else { return nil }
        if let first = rows.first, first.count != row.count {
            r.error(rowNode, "row \(rows.count + 1) of \(what) has \(row.count) values, row 1 has \(first.count)")
            return nil
        }
        rows.append(row)
    }
    guard !rows.isEmpty, !rows[0].isEmpty else {
        r.error(node, "\(what) is empty")
        return nil
    }
    return .rows(rows)
}
