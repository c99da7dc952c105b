import AttentionKernel

extension SceneOp { public static let avgRead = SceneOp("avgRead") }

extension OperationDeclaration {
    /// The average of the values whose keys equal the query.
    static let avgRead = OperationDeclaration(
        op: .avgRead,
        summary: "the average of the values whose keys equal the query",
        inputs: [
            InputDeclaration(slot: "q", defaultTensor: "q", doc: "the query vector"),
            InputDeclaration(slot: "k", defaultTensor: "K", doc: "the keys, one row per token"),
            InputDeclaration(slot: "v", defaultTensor: "V", doc: "the values, one row per token"),
        ],
        options: [],
        outputs: [
            OutputDeclaration("matches", .scores, caption: "1 where a key equals the query exactly"),
            OutputDeclaration("weights", .weights, caption: "1/m on each of m matches"),
            OutputDeclaration("output", .output, caption: "the average of the matching values; absent when nothing matches"),
        ],
        defaultViews: [DefaultView(kind: .vectors), DefaultView(kind: .softmaxRow)],
        pipeline: ["matches", "weights", "output"],
        vectors: .slots(["q", "k", "v"]),
        cost: { c in
            let Tk = c.keyCount
            let d = Double(c.columns("k") ?? 1), dv = Double(c.columns("v") ?? 1)
            return SceneCost(values: Tk * (d + dv) + d + 4 * Tk + 2 * dv, flops: 2 * Tk * (d + dv) + 10 * Tk, sizes: "\(Int(Tk)) keys")
        },
        run: { try $0.runExactRead() })
}
