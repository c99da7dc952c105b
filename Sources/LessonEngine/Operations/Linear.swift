import AttentionKernel

extension SceneOp { public static let linear = SceneOp("linear") }

extension OptionDeclaration {
    static let layout = OptionDeclaration(name: "layout", type: .choice(["inOut", "outIn"]), defaultValue: .name("inOut"),
                                          doc: "W as (in, out), the lecture's x·W, or (out, in), PyTorch's and safetensors' layout")
}

extension OperationDeclaration {
    /// y = x·W + b, row by row.
    static let linear = OperationDeclaration(
        op: .linear,
        summary: "a linear layer y = x·W + b, each row alone",
        inputs: [
            InputDeclaration(slot: "x", defaultTensor: "X", doc: "rows to transform, (T, d_in)"),
            InputDeclaration(slot: "weight", defaultTensor: "W", doc: "(d_in, d_out) for inOut, (d_out, d_in) for outIn"),
            InputDeclaration(slot: "bias", defaultTensor: "b", doc: "(d_out,)", optional: true),
        ],
        options: [.layout],
        outputs: [OutputDeclaration("output", .output, display: "y = x·W + b", caption: "each row of x transformed alone")],
        defaultViews: [DefaultView(kind: .matrix, tensor: "output")],
        pipeline: ["X", "output"],
        vectors: .names(["output"]),
        cost: { c in
            let T = c.queryCount, d = c.modelWidth, o = Double(c.shape("weight").map { $0.count == 2 ? $0[0] * $0[1] : 1 } ?? 1) / max(d, 1)
            return SceneCost(values: T * (d + o) + d * o, flops: 2 * T * d * o, sizes: "T = \(Int(T)), d = \(Int(d))")
        },
        run: { e in
            let x = try e.input("x"), w = try e.input("weight")
            let b = e.hasInput("bias") ? try e.input("bias") : nil
            let layout = LinearLayout(rawValue: e.env.choice("layout")) ?? .inOut
            e.result.add(e.inputName("x"), x, rows: e.tokens)
            e.result.add("output", try AttentionKernel.linear(x, weight: w, bias: b, layout: layout), rows: e.tokens)
        })
}
