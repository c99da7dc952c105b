import Yams

/// Decodes one entry under `tensors:`.
///
/// Accepted forms (the first key decides the kind):
///   `[[1, 0], [0, 1]]` or `{rows: [[1, 0], [0, 1]]}` — a literal matrix;
///   `[1, 0]` or `{vector: [1, 0]}` — a literal vector;
///   `{random: normal, shape: [4, 2], seed: 1, std: 0.5}` — seeded samples;
///   `{embed: tokens, dim: 4, seed: 7}` — toy embeddings; `{onehot: tokens}`.
func decodeTensorSource(_ node: Node, name: String, reader r: NodeReader) -> TensorSource? {
    let what = Subject.tensor(name)
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
        r.error(node, SceneProblem.tensorNeedsKind(what, kinds: kinds, suggestion: closestName(to: first, in: kinds)))
        return nil
    }
    let fields = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    func allow(_ allowed: [String]) -> Bool {
        var ok = true
        for (key, keyNode, _) in pairs where !allowed.contains(key) {
            r.error(keyNode, FormatProblem.unknownField(key, in: what, suggestion: closestName(to: key, in: allowed)))
            ok = false
        }
        return ok
    }
    func ref(_ key: String, default value: Double? = nil) -> NumberRef? {
        if let node = fields[key] { return r.numberRef(node, .fieldOf(key, what)) }
        if let value { return .literal(value, at: r.location(kindPair.keyNode)) }
        r.error(kindPair.keyNode, SceneProblem.tensorNeedsField(what, field: key))
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
        guard let distribution = r.string(kindPair.value, .fieldOf("random", what)) else { return nil }
        guard let shapeNode = fields["shape"] else {
            r.error(kindPair.keyNode, SceneProblem.tensorNeedsShape(what))
            return nil
        }
        guard let shapeItems = r.sequence(shapeNode, .fieldOf("shape", what)) else { return nil }
        guard (1...2).contains(shapeItems.count) else {
            r.error(shapeNode, SceneProblem.shapeSizeCount(what, count: shapeItems.count))
            return nil
        }
        let shape = shapeItems.compactMap { r.numberRef($0, .eachSize(.fieldOf("shape", what))) }
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
            r.error(kindPair.value, SceneProblem.unknownDistribution(what, name: distribution, suggestion: closestName(to: distribution, in: ["normal", "uniform"])))
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

private func tokenSide(_ node: Node, _ what: Subject, reader r: NodeReader) -> TokenSide? {
    guard let text = r.string(node, what) else { return nil }
    guard let side = TokenSide(rawValue: text) else {
        r.error(node, SceneProblem.tokenSideInvalid(what, got: text))
        return nil
    }
    return side
}

/// A literal matrix; rows must have equal lengths.
private func literalRows(_ node: Node, _ what: Subject, reader r: NodeReader) -> TensorSource? {
    guard let rowNodes = r.sequence(node, what) else { return nil }
    var rows: [[Double]] = []
    for rowNode in rowNodes {
        // Aliases can repeat a long row thousands of times in a few bytes; count before reading.
        if case .sequence(let items) = rowNode, (rows.count + 1) * items.count > SceneSchema.maximumElements {
            r.error(node, SceneProblem.tensorTooManyValues(what, limit: SceneSchema.maximumElements))
            return nil
        }
        guard let row = r.numbers(rowNode, .eachRow(what)) else { return nil }
        if let first = rows.first, first.count != row.count {
            r.error(rowNode, SceneProblem.rowLengthMismatch(what, row: rows.count + 1, count: row.count, first: first.count))
            return nil
        }
        rows.append(row)
    }
    guard !rows.isEmpty, !rows[0].isEmpty else {
        r.error(node, SceneProblem.tensorEmpty(what))
        return nil
    }
    return .rows(rows)
}
