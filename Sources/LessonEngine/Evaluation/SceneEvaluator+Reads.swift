import AttentionKernel

/// The lecture's memory reads: a query against a table of (key, value) rows.
///
/// Outputs: the inputs under their own names, `matches` or `scores` (1, n) (and `expScores`
/// for expDot), `weights` (1, n)
/// and `output` (d_v,). A read that finds nothing has no `output`, and a note says so.
extension SceneEvaluator {
    /// Reads the query as a vector, accepting a one-row matrix too.
    private mutating func memoryInputs() throws -> (q: Tensor, k: Tensor, v: Tensor) {
        var q = try input("q")
        if q.rank == 2, q.rows == 1 { q = try q.reshaped([q.columns]) }
        let k = try input("k"), v = try input("v")
        try checkRows(k, slot: "k", against: tokens, side: "tokens (one per key)")
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

    /// softRead: similarities, normalised into weights.
    mutating func runSoftRead() throws {
        let (q, k, v) = try memoryInputs()
        let n = k.rows
        let similarity = Similarity(rawValue: env.choice("similarity")) ?? .dot
        let r = try softRead(query: q, keys: k, values: v, similarity: similarity, temperature: try temperature())
        if similarity == .expDot {
            // `scores` stays q·k in every read, so a view of it means the same thing; the
            // exponentials the weights normalise are `expScores`.
            let dots = try softRead(query: q, keys: k, values: v, similarity: .dot).rawWeights
            result.add("scores", try dots.reshaped([1, n]), rows: ["q"], columns: tokens)
            result.add("expScores", try r.rawWeights.reshaped([1, n]), rows: ["q"], columns: tokens)
        } else {
            result.add("scores", try r.rawWeights.reshaped([1, n]), rows: ["q"], columns: tokens)
        }
        result.add("weightSum", Tensor(vector: [r.weightSum]))
        if let w = r.weights { result.add("weights", try w.reshaped([1, n]), rows: ["q"], columns: tokens) }
        if let out = r.output { result.add("output", out) }
        if r.weights == nil {
            result.notes.append("the similarities sum to 0: dividing by the sum is impossible, so the read has no weights (sum_weights == 0)")
        }
        if !r.negativeWeightIndices.isEmpty {
            let names = r.negativeWeightIndices.map { $0 < tokens.count ? "'\(tokens[$0])'" : "\($0)" }
            result.notes.append("negative similarity for \(names.joined(separator: ", ")): these 'weights' are not a weighted average")
        }
    }
}
