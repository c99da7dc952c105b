import AttentionKernel
import Foundation
import ModelFormats

/// MiniLM with its tokenizer, loaded from an installed model folder.
public final class MiniLM: @unchecked Sendable {
    public let model: BertModel
    public let tokenizer: WordPieceTokenizer

    public init(directory: String) throws {
        model = try BertModel(directory: directory)
        tokenizer = try WordPieceTokenizer(vocabFile: directory + "/vocab.txt")
    }

    /// Loads the verified install, or throws the one command that installs it.
    public static func installed(_ store: ModelStore = .standard) throws -> MiniLM {
        try MiniLM(directory: store.requireInstalled(ModelCatalog.minilm))
    }

    public func run(_ text: String) throws -> (tokens: [Token], output: BertOutput) {
        var tokens = tokenizer.tokenize(text)
        if tokens.count > model.config.maxPositions { tokens = Array(tokens.prefix(model.config.maxPositions - 1)) + [tokens.last!] }
        return (tokens, try model.forward(ids: tokens.map(\.id)))
    }
}

/// SmolLM2 with its tokenizer, loaded from the installed GGUF.
public final class SmolLM2: @unchecked Sendable {
    public let model: LlamaModel
    public let tokenizer: ByteLevelBPETokenizer

    public init(path: String) throws {
        let g = try GGUFFile(path: path)
        model = try LlamaModel(gguf: g)
        tokenizer = try ByteLevelBPETokenizer(gguf: g)
    }

    public static func installed(_ store: ModelStore = .standard) throws -> SmolLM2 {
        let spec = ModelCatalog.smollm2
        return try SmolLM2(path: store.requireInstalled(spec) + "/" + spec.files[0].name)
    }

    /// Runs the prompt, then generates up to `count` tokens (stopping at end-of-text).
    public func generate(_ text: String, count: Int, sampling: Sampling) throws -> (prompt: [Token], generated: [Token], session: LlamaSession) {
        let prompt = tokenizer.tokenize(text)
        guard !prompt.isEmpty else { throw ModelError("the prompt is empty: SmolLM2 needs at least one token") }
        let s = try model.session()
        var logits = try s.append(prompt.map(\.id))
        var sampler = Sampler(sampling)
        var generated: [Token] = []
        for _ in 0..<max(0, count) {
            let id = sampler.next(logits)
            generated.append(Token(id: id, piece: tokenizer.piece(id), text: tokenizer.text(id)))
            if id == tokenizer.eosID { break }
            logits = try s.append([id])
        }
        return (prompt, generated, s)
    }
}
