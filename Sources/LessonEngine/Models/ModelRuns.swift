import AttentionKernel
import Foundation
import Models

/// A trained model a scene can run (`op: model`, `model: minilm|smollm2`).
///
/// The architecture is known here from the pinned catalog, so a scene's `layer` and `head` can be
/// checked (and `attn validate` can pass) on a machine where the weights are not installed.
public enum SceneModel: String, CaseIterable, Sendable {
    case minilm, smollm2

    public var spec: ModelSpec { self == .minilm ? ModelCatalog.minilm : ModelCatalog.smollm2 }
    /// The name a learner reads.
    public var title: String { self == .minilm ? "MiniLM" : "SmolLM2" }
    public var layers: Int { self == .minilm ? 6 : 30 }
    /// Query heads.
    public var heads: Int { self == .minilm ? 12 : 9 }
    /// Key/value heads: as many as query heads in BERT, 3 in SmolLM2 (GQA).
    public var kvHeads: Int { self == .minilm ? 12 : 3 }
    /// SmolLM2 is a decoder: each token sees itself and the tokens before it.
    public var causal: Bool { self == .smollm2 }
    /// The one command that installs every model a lesson uses.
    public static let installCommand = "attn models install all"

    /// The KV head query head `h` reads: consecutive query heads share one (h·H_kv/H).
    public func kvHead(of h: Int) -> Int { h * kvHeads / heads }
    /// The query heads that read the same KV head as `h`, `h` included.
    public func sharing(with h: Int) -> [Int] { (0..<heads).filter { kvHead(of: $0) == kvHead(of: h) } }
}

/// One run of a model on a sentence: its tokens and every attention map.
struct ModelRun: Sendable {
    /// The tokens the maps are over: the sentence's, then any generated ones fed back.
    var tokens: [Token]
    /// Their labels on the maps: WordPiece pieces as they are, BPE tokens by `bpeLabel`.
    var labels: [String]
    /// How many of `tokens` came from the sentence.
    var promptCount: Int
    /// maps[layer][head]: (T, T), rows are queries.
    var maps: [[Tensor]]
    /// SmolLM2: the greedy next token after `tokens` (what the generate key appends next).
    var next: Token?
}

/// The models loaded in this process and the runs made with them.
///
/// Weights are loaded once per process and model folder (about a second for both; never per
/// evaluation). Runs are kept by model and sentence: a `layer` or `head` change re-slices a kept
/// run, and SmolLM2's session grows by one token per generated token (its KV cache), so pressing
/// the generate key costs one decoding step, not a new forward pass over everything.
///
/// The engine's `StageMemo` keys a stage by every value it is given, `layer` and `head` included,
/// so it cannot by itself keep the forward pass across those changes; this store is keyed only by
/// what the forward pass reads (model, sentence, tokens generated).
final class ModelRuns: @unchecked Sendable {
    static let shared = ModelRuns()

    private let lock = NSLock()
    private var minilms: [String: MiniLM] = [:]
    private var smollms: [String: SmolLM2] = [:]
    private var bertRuns: [String: ModelRun] = [:]
    private struct Generation {
        var session: LlamaSession
        var prompt: [Token]
        var generated: [Token]
        var logits: [Float]
        var ended: Bool
    }
    private var generations: [String: Generation] = [:]
    /// Forward computations made (a sentence run, or one generated token), for tests and `bench`.
    private(set) var forwardCount = 0
    let capacity = 32

    /// The most tokens a model step shows (sentence and generated tokens together).
    static let maximumTokens = 64

    var forwardPasses: Int { lock.lock(); defer { lock.unlock() }; return forwardCount }

    /// The model's run on `sentence`, with `generate` greedy tokens appended (SmolLM2).
    func run(_ model: SceneModel, sentence: String, generate: Int) throws -> ModelRun {
        lock.lock(); defer { lock.unlock() }
        let root = ModelStore.defaultRoot()
        switch model {
        case .minilm:
            let key = root + "\u{0}" + sentence
            if let r = bertRuns[key] { return r }
            let m = try loadMiniLM(root)
            let (tokens, out) = try m.run(sentence)
            try checkLength(tokens.count)
            forwardCount += 1
            let r = ModelRun(tokens: tokens, labels: tokens.map(\.piece), promptCount: tokens.count, maps: out.attentions, next: nil)
            if bertRuns.count >= capacity { bertRuns.removeAll() }
            bertRuns[key] = r
            return r
        case .smollm2:
            let key = root + "\u{0}" + sentence
            var g: Generation
            if let kept = generations[key] {
                g = kept
            } else {
                let m = try loadSmolLM2(root)
                let prompt = m.tokenizer.tokenize(sentence)
                guard !prompt.isEmpty else { throw ModelError("the sentence is empty: SmolLM2 needs at least one token") }
                try checkLength(prompt.count)
                let s = try m.model.session()
                let logits = try s.append(prompt.map(\.id))
                forwardCount += 1
                g = Generation(session: s, prompt: prompt, generated: [], logits: logits, ended: false)
            }
            let m = try loadSmolLM2(root)
            try checkLength(g.prompt.count + generate)
            while g.generated.count < generate && !g.ended {
                let id = greedy(g.logits)
                g.generated.append(Token(id: id, piece: m.tokenizer.piece(id), text: m.tokenizer.text(id)))
                if id == m.tokenizer.eosID { g.ended = true }
                g.logits = try g.session.append([id])
                forwardCount += 1
            }
            if generations[key] == nil, generations.count >= capacity { generations.removeAll() }
            generations[key] = g
            let shown = g.prompt + g.generated.prefix(generate)
            let n = shown.count
            let maps = g.session.rows.map { layer in
                layer.map { rows in
                    var t = Tensor.zeros([n, n])
                    for (i, row) in rows.prefix(n).enumerated() { for (j, w) in row.enumerated() where j < n { t[i, j] = w } }
                    return t
                }
            }
            // The token that would come next: generated already, or the greedy pick of the last logits.
            var next: Token?
            if g.generated.count > generate { next = g.generated[generate] }
            else if !g.ended { let id = greedy(g.logits); next = Token(id: id, piece: m.tokenizer.piece(id), text: m.tokenizer.text(id)) }
            return ModelRun(tokens: shown, labels: shown.map { bpeLabel($0, m.tokenizer) }, promptCount: g.prompt.count, maps: maps, next: next)
        }
    }

    /// At most how many tokens a run of `sentence` has, before running it: the count of a kept
    /// run, else a bound from the text (WordPiece: a token per character at most, plus [CLS] and
    /// [SEP]; byte-level BPE: a token per byte at most), never above the step limit.
    func tokenBound(_ model: SceneModel, sentence: String, generate: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        let key = ModelStore.defaultRoot() + "\u{0}" + sentence
        switch model {
        case .minilm:
            if let r = bertRuns[key] { return r.tokens.count }
            return min(Self.maximumTokens, sentence.unicodeScalars.count + 2)
        case .smollm2:
            if let g = generations[key] { return min(Self.maximumTokens, g.prompt.count + generate) }
            return min(Self.maximumTokens, sentence.utf8.count + generate)
        }
    }

    private func checkLength(_ n: Int) throws {
        guard n <= Self.maximumTokens else {
            throw ModelError("\(n) tokens is more than a model step shows (\(Self.maximumTokens)); use a shorter sentence")
        }
    }

    private func greedy(_ logits: [Float]) -> Int {
        var best = 0
        for i in logits.indices where logits[i] > logits[best] { best = i }
        return best
    }

    private func loadMiniLM(_ root: String) throws -> MiniLM {
        if let m = minilms[root] { return m }
        let store = ModelStore(root: root)
        let m = try MiniLM(directory: try store.requireInstalled(ModelCatalog.minilm))
        minilms[root] = m
        return m
    }

    private func loadSmolLM2(_ root: String) throws -> SmolLM2 {
        if let m = smollms[root] { return m }
        let store = ModelStore(root: root)
        let spec = ModelCatalog.smollm2
        let m = try SmolLM2(path: try store.requireInstalled(spec) + "/" + spec.files[0].name)
        smollms[root] = m
        return m
    }

    /// Whether the model's files are installed and verified in the current model folder.
    static func isInstalled(_ model: SceneModel) -> Bool {
        (try? ModelStore.standard.requireInstalled(model.spec)) != nil
    }
}

/// Whether `model` is installed here, for lessons, tests and the explorer.
public func isModelInstalled(_ model: SceneModel) -> Bool { ModelRuns.isInstalled(model) }

/// A byte-level BPE token as a map's label: the text it stands for without its leading space
/// (`Ġcat` → `cat`), a bare space as `␣`, a line break as `↵`, and a token that is part of a
/// character (a Cyrillic letter's first byte) as its bytes in hex (`<D0>`), never as `�`.
func bpeLabel(_ t: Token, _ tokenizer: ByteLevelBPETokenizer) -> String {
    var s = t.text
    if s.contains("\u{FFFD}") {
        return "<" + tokenizer.bytes(t.id).map { String($0, radix: 16, uppercase: true) }.joined(separator: " ") + ">"
    }
    s = s.replacingOccurrences(of: "\n", with: "↵").replacingOccurrences(of: "\t", with: "⇥")
    while s.hasPrefix(" ") { s.removeFirst() }
    return s.isEmpty ? "␣" : s
}
