import AttentionKernel
import Foundation
import Models

extension SceneOp { public static let model = SceneOp("model") }

extension OptionDeclaration {
    static let modelName = OptionDeclaration(name: "model", type: .choice(SceneModel.allCases.map(\.rawValue)), defaultValue: .name("minilm"),
                                             doc: "the trained model: `minilm` (BERT encoder, 6 layers × 12 heads) or `smollm2` (Llama decoder, 30 layers, 9 query heads sharing 3 KV heads)")
    static let sentence = OptionDeclaration(name: "sentence", type: .text, defaultValue: .none,
                                            doc: "the text the model reads (any language); the learner can type their own in the explorer")
    static let layer = OptionDeclaration(name: "layer", type: .integer, defaultValue: .value(0), range: 0...29,
                                         doc: "the layer whose heads `weights[h]` are (0-based)")
    static let generate = OptionDeclaration(name: "generate", type: .integer, defaultValue: .value(0), range: 0...32,
                                            doc: "SmolLM2: greedy tokens appended to the sentence and fed back (the map grows by a row each)")
}

extension OperationDeclaration {
    /// A trained model (MiniLM or SmolLM2) run on a sentence by attn's kernel: its real tokens and
    /// the attention weights of every layer and head.
    static let model = OperationDeclaration(
        op: .model,
        summary: "a trained model (MiniLM or SmolLM2) run on a sentence: its real tokens and the attention weights of every layer and head",
        inputs: [],
        options: [.modelName, .sentence, .layer, .generate],
        required: ["model", "sentence"],
        outputs: [
            OutputDeclaration("ids", .summary, display: "token ids", caption: "each token's id in the model's vocabulary"),
            OutputDeclaration("weights", .weights, perHead: true, display: "attention weights", caption: "head h of the chosen layer: each row sums to 1"),
            OutputDeclaration("kvHead", .summary, display: "KV head of each query head", caption: "the KV head each query head reads (GQA); in BERT, its own"),
            OutputDeclaration("previousToken", .summary, display: "weight on token i−1, per layer and head", caption: "(layer, head): mean weight a token gives the token just before it (queries 1…T−1)"),
            OutputDeclaration("firstToken", .summary, display: "weight on the first token, per layer and head", caption: "(layer, head): mean weight queries 1…T−1 give the first token ([CLS] in BERT)"),
            OutputDeclaration("lastToken", .summary, display: "weight on the last token, per layer and head", caption: "(layer, head): mean weight queries 0…T−2 give the last token ([SEP] in BERT)"),
        ],
        defaultViews: [DefaultView(kind: .heatmap), DefaultView(kind: .heads)],
        pipeline: ["weights"],
        vectors: .names(["ids"]),
        cost: { c in
            // The forward pass is bounded by the token limit (ModelRuns.maximumTokens) and kept for
            // the life of the process; what a scene holds is one layer's maps and the summaries.
            let m = SceneModel(rawValue: c.env.choice("model")) ?? .minilm
            let T = Double(ModelRuns.shared.tokenBound(m, sentence: c.env.modelSentence, generate: max(0, c.env.integer("generate"))))
            let values = Double(m.heads) * T * T + 3 * Double(m.layers * m.heads) + T + Double(m.heads)
            return SceneCost(values: values, flops: 3 * Double(m.layers * m.heads) * T * T,
                             sizes: "T ≤ \(Int(T)), \(m.layers) layers × \(m.heads) heads")
        },
        run: { try $0.runModel() })
}

extension SceneEnvironment {
    /// The model's sentence: a value from outside (`attn eval --set`), else the scene's own.
    var modelSentence: String {
        if case .name(let s)? = values["sentence"] { return s }
        if case .name(let s)? = scene.options["sentence"]?.value { return s }
        return ""
    }
}

extension SceneEvaluator {
    mutating func runModel() throws {
        let model = SceneModel(rawValue: env.choice("model")) ?? .minilm
        let layer = env.integer("layer"), generate = env.integer("generate")
        // The architecture is pinned, so the controls are checked without the weights.
        guard layer >= 0, layer < model.layers else {
            throw SceneError(.modelLayerOutside(layer: layer, model: model.title, layers: model.layers), at: env.location(of: "layer"))
        }
        guard generate >= 0, generate <= 32 else {
            throw SceneError(.modelGenerateRange(got: generate, limit: 32), at: env.location(of: "generate"))
        }
        if generate > 0, !model.causal {
            throw SceneError(.modelDoesNotGenerate(model: model.title), at: env.location(of: "generate"))
        }
        let sentence = env.modelSentence
        guard !sentence.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SceneError(.modelSentenceEmpty, at: env.location(of: "sentence"))
        }
        let run: ModelRun
        do {
            run = try ModelRuns.shared.run(model, sentence: sentence, generate: generate)
        } catch let e as ModelError {
            if !isModelInstalled(model) {
                throw SceneError(.modelNotInstalled(model: model.title, command: SceneModel.installCommand),
                                 at: scene.opLocation, missingModel: model.rawValue)
            }
            throw SceneError(.modelFailed(model: model.title, reason: e.description), at: env.location(of: "sentence"))
        }
        let labels = run.labels
        let T = run.tokens.count, H = model.heads
        result.add("ids", Tensor(vector: run.tokens.map { Float($0.id) }), rows: labels)
        for h in 0..<H {
            result.add("weights", head: h, run.maps[layer][h], rows: labels, columns: labels)
            let i = result.tensors.count - 1
            result.tensors[i].displayName = headTitle(model, layer: layer, head: h)
            result.tensors[i].caption = ""
        }
        result.add("kvHead", Tensor(vector: (0..<H).map { Float(model.kvHead(of: $0)) }), rows: (0..<H).map { "head \($0)" })
        // Per (layer, head) summaries, so a question can range over the whole model.
        func summary(_ f: (Tensor) -> Float) throws -> Tensor {
            try Tensor(run.maps.map { $0.map(f) })
        }
        let previous = try summary { a in
            T < 2 ? 0 : (1..<T).reduce(Float(0)) { $0 + a[$1, $1 - 1] } / Float(T - 1)
        }
        // The other tokens' weight on the first (last) token: query 0 of a causal map can only
        // see token 0, which would count a forced 1 as if it were a choice.
        let first = try summary { a in T < 2 ? 0 : (1..<T).reduce(Float(0)) { $0 + a[$1, 0] } / Float(T - 1) }
        let last = try summary { a in T < 2 ? 0 : (0..<(T - 1)).reduce(Float(0)) { $0 + a[$1, T - 1] } / Float(T - 1) }
        let layerLabels = (0..<model.layers).map { "L\($0)" }, headLabels = (0..<H).map { "h\($0)" }
        result.add("previousToken", previous, rows: layerLabels, columns: headLabels)
        result.add("firstToken", first, rows: layerLabels, columns: headLabels)
        result.add("lastToken", last, rows: layerLabels, columns: headLabels)
        let generated = run.tokens.count - run.promptCount
        var note = "\(model.title) read \(run.promptCount) tokens"
        if generated > 0 { note += " and generated \(generated)" }
        if let next = run.next { note += "; greedy next token: \(next.text.debugDescription)" }
        result.notes.append(note)
    }

    /// A head's title: in SmolLM2 the KV head it reads and the query heads that share it
    /// (`head 4 · KV head 1, shared with 3, 5`).
    func headTitle(_ model: SceneModel, layer: Int, head h: Int) -> String {
        guard model.kvHeads < model.heads else { return "layer \(layer) · head \(h)" }
        let others = model.sharing(with: h).filter { $0 != h }.map(String.init).joined(separator: ", ")
        // Short enough for an 80-column screen's box title; the layer is on the heads view.
        return "head \(h) · KV head \(model.kvHead(of: h)), shared with \(others)"
    }
}
