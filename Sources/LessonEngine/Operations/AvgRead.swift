import AttentionKernel

extension SceneOp { public static let avgRead = SceneOp("avgRead") }

extension OperationDeclaration {
    /// The average of the values whose keys equal the query.
    static let avgRead = OperationDeclaration(
        op: .avgRead,
        summary: "the average of the values whose keys equal the query",
        inputs: InputDeclaration.memoryRead,
        options: [],
        outputs: [
            OutputDeclaration("matches", .scores, caption: "1 where a key equals the query exactly"),
            OutputDeclaration("weights", .weights, caption: "1/m on each of m matches"),
            OutputDeclaration("output", .output, caption: "the average of the matching values; absent when nothing matches"),
        ],
        defaultViews: [DefaultView(kind: .vectors), DefaultView(kind: .softmaxRow)],
        pipeline: ["matches", "weights", "output"],
        vectors: .slots(["q", "k", "v"]),
        cost: memoryReadCost,
        run: { try $0.runExactRead() })
}
