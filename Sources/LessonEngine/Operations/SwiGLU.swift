import AttentionKernel

extension SceneOp { public static let swiglu = SceneOp("swiglu") }

extension OperationDeclaration {
    /// SwiGLU: (SiLU(x·W_1) ⊙ x·W_3)·W_2, the FFN of Llama and most recent models.
    static let swiglu = OperationDeclaration(
        op: .swiglu,
        summary: "the SwiGLU FFN (SiLU(x·W_1) ⊙ x·W_3)·W_2, each row alone",
        inputs: [
            InputDeclaration(slot: "x", defaultTensor: "X", doc: "rows to transform, (T, d)"),
            InputDeclaration(slot: "w1", defaultTensor: "W_1", doc: "(d, H), the gate; seeded random when absent", optional: true),
            InputDeclaration(slot: "w3", defaultTensor: "W_3", doc: "(d, H), the linear branch", optional: true),
            InputDeclaration(slot: "w2", defaultTensor: "W_2", doc: "(H, d)", optional: true),
        ],
        options: [.hiddenDim, .seed],
        outputs: [
            OutputDeclaration("gate", .activation, display: "x·W_1", caption: "the branch that goes through SiLU"),
            OutputDeclaration("up", .activation, display: "x·W_3", caption: "the linear branch"),
            OutputDeclaration("gated", .activation, display: "SiLU(gate) ⊙ up", caption: "the gate opens or closes each hidden unit of the linear branch"),
            OutputDeclaration("output", .output, display: "SwiGLU(x)", caption: "each row back to width d, from that row alone"),
        ],
        defaultViews: [DefaultView(kind: .heatmap, tensor: "gated"), DefaultView(kind: .matrix, tensor: "output")],
        pipeline: ["X", "gate", "up", "gated", "output"],
        vectors: .names(["output"]),
        cost: { c in feedForwardCost(c, branches: 2) },
        run: { e in
            let x = try e.input("x")
            let w1: Tensor, w2: Tensor, w3: Tensor
            if e.hasInput("w1"), e.hasInput("w2"), e.hasInput("w3") {
                w1 = try e.input("w1"); w2 = try e.input("w2"); w3 = try e.input("w3")
            } else {
                (w1, w2) = try e.ffnWeights(x, names: ("w1", "w2"))
                w3 = Tensor.normal(w1.shape, std: 1 / Float(x.columns).squareRoot(), seed: UInt64(max(0, e.env.integer("seed"))) &* 7919 &+ 17)
            }
            let r = try swiGLU(x, w1: w1, w3: w3, w2: w2)
            e.result.add(e.inputName("x"), x, rows: e.tokens)
            e.result.add("gate", r.gate, rows: e.tokens)
            e.result.add("up", r.up, rows: e.tokens)
            e.result.add("gated", r.gated, rows: e.tokens)
            e.result.add("output", r.output, rows: e.tokens)
        })
}
