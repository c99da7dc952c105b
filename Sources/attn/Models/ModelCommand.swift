import ArgumentParser
import AttentionKernel
import Foundation
import LessonEngine
import Models

/// `attn model minilm|smollm2 "TEXT"`: runs a trained model on the text with attn's own kernel.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: say(.modelAbstract),
        discussion: """
            minilm: tokens, ids, the sentence embedding (mean-pooled, L2-normalised, 384 values) and \
            attentions (layers × heads × T × T). smollm2: tokens, ids, the generated tokens and \
            attentions over the prompt and every generated token that was fed back (causal: zeros \
            above the diagonal). Install the models first: attn models install all.
            """
    )

    @Argument(help: "minilm or smollm2.")
    var model: String

    @Argument(help: "The text (any language; SmolLM2's special tokens such as <|im_start|> are recognised).")
    var text: String

    @Option(help: "SmolLM2: how many tokens to generate.")
    var generate: Int = 0

    @Option(help: "SmolLM2: sample from the top-k tokens with this seed instead of greedy decoding.")
    var seed: UInt64?

    @Option(name: .customLong("top-k"), help: "SmolLM2: k for seeded sampling.")
    var topK: Int = 40

    @Option(help: "SmolLM2: sampling temperature.")
    var temperature: Float = 1

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        guard ["minilm", "smollm2"].contains(model) else { throw ValidationError("unknown model \(model): choose minilm or smollm2") }
        guard (0...512).contains(generate) else { throw ValidationError("--generate must be between 0 and 512, got \(generate)") }
        guard topK >= 1, temperature > 0, temperature.isFinite else { throw ValidationError("--top-k must be ≥ 1 and --temperature > 0") }
    }

    func run() throws {
        do {
            if model == "minilm" { try runMiniLM() } else { try runSmolLM2() }
        } catch let e as ModelError {
            throw CommandFailure(e.description)
        }
    }

    private func runMiniLM() throws {
        let m = try MiniLM.installed()
        let (tokens, out) = try m.run(text)
        if json {
            var o = JSONOut()
            o.field("model", string: "minilm")
            o.field("tokens", raw: jsonList(tokens.map { jsonString($0.piece) }))
            o.field("ids", raw: jsonList(tokens.map { String($0.id) }))
            o.field("embedding", raw: jsonList(out.embedding.map(NumberFormat.json)))
            o.field("attentions", raw: jsonAttentions(out.attentions.map { $0 }))
            print(o.finish())
            return
        }
        let c = m.model.config
        print("MiniLM (BERT, \(c.numLayers) layers × \(c.numHeads) heads, d = \(c.hiddenSize)) on \(tokens.count) tokens:")
        print("  " + tokens.map { "\($0.piece)(\($0.id))" }.joined(separator: " "))
        print("embedding (\(out.embedding.count) values, L2 norm 1): " + out.embedding.prefix(8).map { formatScalar($0) }.joined(separator: " ") + " …")
        print("\nwhere each head of the last layer looks most (query → key with the largest weight):")
        for (h, a) in out.attentions.last!.enumerated() {
            let picks = (0..<a.rows).map { i -> String in
                let row = a.row(i)
                let j = row.indices.max { row[$0] < row[$1] }!
                return "\(tokens[j].piece)"
            }
            print("  head \(h + 1): " + picks.joined(separator: " "))
        }
    }

    private func runSmolLM2() throws {
        let m = try SmolLM2.installed()
        let sampling: Sampling = seed.map { .topK(k: topK, temperature: temperature, seed: $0) } ?? .greedy
        let (prompt, generated, session) = try m.generate(text, count: generate, sampling: sampling)
        let c = m.model.config
        let fed = session.ids
        if json {
            var o = JSONOut()
            o.field("model", string: "smollm2")
            o.field("tokens", raw: jsonList(prompt.map { jsonString($0.piece) }))
            o.field("ids", raw: jsonList(prompt.map { String($0.id) }))
            o.field("generated", raw: jsonList(generated.map { "{\"id\":\($0.id),\"token\":\(jsonString($0.piece)),\"text\":\(jsonString($0.text))}" }))
            o.field("text", string: m.tokenizer.decode(generated.map(\.id)))
            o.field("attention_ids", raw: jsonList(fed.map(String.init)))
            o.field("attentions", raw: jsonAttentions((0..<c.numLayers).map { l in (0..<c.numHeads).map { session.attentionMap(layer: l, head: $0) } }))
            print(o.finish())
            return
        }
        print("SmolLM2 (Llama, \(c.numLayers) layers, \(c.numHeads) query heads sharing \(c.numKVHeads) KV heads) on \(prompt.count) tokens:")
        print("  " + prompt.map { "\($0.text.debugDescription)(\($0.id))" }.joined(separator: " "))
        if !generated.isEmpty {
            print("generated (\(seed.map { "top-\(topK), seed \($0)" } ?? "greedy")): \(m.tokenizer.decode(generated.map(\.id)).debugDescription)")
        }
        print("\nlast layer, last token: the key each head weights most")
        for h in 0..<c.numHeads {
            let a = session.attentionMap(layer: c.numLayers - 1, head: h)
            let row = a.row(a.rows - 1)
            let j = row.indices.max { row[$0] < row[$1] }!
            print("  head \(h + 1) (KV head \(h / c.groupSize + 1)): \(m.tokenizer.text(fed[j]).debugDescription) \(formatScalar(row[j], decimals: 3))")
        }
    }
}

struct JSONOut {
    private var parts: [String] = []
    mutating func field(_ k: String, raw: String) { parts.append("\(jsonString(k)):\(raw)") }
    mutating func field(_ k: String, string: String) { field(k, raw: jsonString(string)) }
    func finish() -> String { "{" + parts.joined(separator: ",") + "}" }
}

func jsonList(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }


func jsonAttentions(_ maps: [[Tensor]]) -> String {
    jsonList(maps.map { layer in jsonList(layer.map { a in jsonList((0..<a.rows).map { jsonList(a.row($0).map(NumberFormat.json)) }) }) })
}
