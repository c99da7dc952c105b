import AttentionKernel

extension SceneOp { public static let hardRead = SceneOp("hardRead") }

extension OperationDeclaration {
    /// The lecture's hard read: the value of the first key equal to the query.
    static let hardRead = OperationDeclaration(
        op: .hardRead,
        summary: "the lecture's hard read: the value of the first key equal to the query",
        inputs: InputDeclaration.memoryRead,
        options: [],
        outputs: [
            OutputDeclaration("matches", .scores, caption: "1 where a key equals the query exactly"),
            OutputDeclaration("weights", .weights, caption: "all the weight on the first match"),
            OutputDeclaration("output", .output, caption: "the first matching key's value; absent when nothing matches"),
        ],
        defaultViews: [DefaultView(kind: .vectors), DefaultView(kind: .softmaxRow)],
        pipeline: ["matches", "weights", "output"],
        vectors: .slots(["q", "k", "v"]),
        cost: memoryReadCost,
        run: { try $0.runExactRead() })
}

extension InputDeclaration {
    /// The lecture's memory reads (hard, average, soft) all read one query against keys and values.
    static let memoryRead = [
        InputDeclaration(slot: "q", defaultTensor: "q", doc: "the query vector"),
        InputDeclaration(slot: "k", defaultTensor: "K", doc: "the keys, one row per token"),
        InputDeclaration(slot: "v", defaultTensor: "V", doc: "the values, one row per token"),
    ]
}

/// What a memory read computes: the inputs, one score and weight per key, and one output row.
@Sendable func memoryReadCost(_ c: CostEstimator) -> SceneCost {
    let Tk = c.keyCount
    let d = Double(c.columns("k") ?? 1), dv = Double(c.columns("v") ?? 1)
    return SceneCost(values: Tk * (d + dv) + d + 4 * Tk + 2 * dv, flops: 2 * Tk * (d + dv) + 10 * Tk, sizes: "\(Int(Tk)) keys")
}

extension SceneEvaluator {
    /// Reads the query as a vector, accepting a one-row matrix too.
    mutating func memoryInputs() throws -> (q: Tensor, k: Tensor, v: Tensor) {
        var q = try input("q")
        if q.rank == 2, q.rows == 1 { q = try q.reshaped([q.columns]) }
        let k = try input("k"), v = try input("v")
        try checkRows(k, slot: "k", against: tokens, side: .tokensPerKey)
        result.add(inputName("q"), q)
        result.add(inputName("k"), k, rows: tokens)
        result.add(inputName("v"), v, rows: tokens)
        return (q, k, v)
    }

    /// hardRead and avgRead: exact matches only.
    mutating func runExactRead() throws {
        let (q, k, v) = try memoryInputs()
        let n = k.rows
        // Exact-match similarity gives 1 on matching keys; normalised, 1/m on each of m matches.
        let exact = try softRead(query: q, keys: k, values: v, similarity: .exactMatch)
        result.add("matches", try exact.rawWeights.reshaped([1, n]), rows: ["q"], columns: tokens)
        let output: Tensor?
        var weights = Tensor.zeros([1, n])
        if scene.op == .hardRead {
            output = try hardRead(query: q, keys: k, values: v)
            // The hard read returns the first matching key's value: all the weight on that key.
            if let first = exact.rawWeights.scalars.firstIndex(of: 1) { weights[0, first] = 1 }
        } else {
            output = try avgRead(query: q, keys: k, values: v)
            if let w = exact.weights { weights = try w.reshaped([1, n]) }
        }
        result.add("weights", weights, rows: ["q"], columns: tokens)
        if let output {
            result.add("output", output)
            let m = exact.rawWeights.scalars.filter { $0 == 1 }.count
            if m > 1 { result.notes.append("\(m) keys match the query") }
        } else {
            result.notes.append("no key matches the query: the \(scene.op == .hardRead ? "hard" : "average") read returns nothing")
        }
    }
}
