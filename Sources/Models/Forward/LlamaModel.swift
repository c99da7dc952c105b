import AttentionKernel
import Foundation
import ModelFormats

/// Llama hyper-parameters, from a GGUF's `<arch>.*` metadata.
public struct LlamaConfig: Sendable, Equatable {
    public var numLayers: Int
    public var dModel: Int
    public var ffnSize: Int
    public var numHeads: Int
    public var numKVHeads: Int
    public var ropeBase: Double
    public var rmsEps: Float
    public var contextLength: Int
    public var vocabSize: Int
    public var headDim: Int { dModel / numHeads }
    /// Query heads per KV head (GQA group size).
    public var groupSize: Int { numHeads / numKVHeads }
}

/// A Llama decoder (SmolLM2) on AttentionKernel, weights from a GGUF (dequantised to Float32).
///
/// Pre-norm blocks: x += W_O·Attn(RoPE(W_Q·RMSNorm(x)), RoPE(W_K·…), W_V·…); x += W_down·(SiLU(W_gate·h) ⊙ W_up·h).
/// RoPE rotates adjacent pairs (2i, 2i+1): llama.cpp's converter permutes the rows of W_Q and W_K
/// so that this pairing equals Hugging Face's rotate-half on the original weights.
public final class LlamaModel: @unchecked Sendable {
    public let config: LlamaConfig
    struct Layer {
        let attnNorm, ffnNorm: Tensor
        let wq, wk, wv, wo, wGate, wUp, wDown: Weight
    }
    let tokenEmbeddings: Weight   // (V, d)
    let outputNorm: Tensor        // (d,)
    let lmHead: Weight?           // (V, d), nil when tied to the embeddings
    let layers: [Layer]
    /// Whether Q4_1/Q8_0 matrices stay quantised (the default) or are dequantised to Float32 at load.
    public let keepsQuantized: Bool

    /// Loads the weights; `keepQuantized` leaves Q4_1/Q8_0 blocks in the mapped file (fast, small).
    public init(gguf g: GGUFFile, keepQuantized: Bool = true) throws {
        keepsQuantized = keepQuantized
        guard let arch = g.metadata["general.architecture"]?.string else { throw ModelFileError(g.path, "general.architecture is missing") }
        guard arch == "llama" else { throw ModelFileError(g.path, "architecture \(arch) is not llama") }
        let nh = try g.requireInt("llama.attention.head_count"), d = try g.requireInt("llama.embedding_length")
        let embd = try g.info("token_embd.weight")
        config = LlamaConfig(
            numLayers: try g.requireInt("llama.block_count"), dModel: d,
            ffnSize: try g.requireInt("llama.feed_forward_length"), numHeads: nh,
            numKVHeads: g.metadata["llama.attention.head_count_kv"]?.int ?? nh,
            ropeBase: g.metadata["llama.rope.freq_base"]?.double ?? 10000,
            rmsEps: Float(g.metadata["llama.attention.layer_norm_rms_epsilon"]?.double ?? 1e-5),
            contextLength: g.metadata["llama.context_length"]?.int ?? 2048,
            vocabSize: embd.shape[0])
        let c = config
        guard c.numHeads > 0, c.numKVHeads > 0, c.numHeads % c.numKVHeads == 0, d % c.numHeads == 0, c.headDim % 2 == 0 else {
            throw ModelFileError(g.path, "head counts \(c.numHeads)/\(c.numKVHeads) do not fit d = \(d)")
        }
        func t(_ name: String, _ shape: [Int]) throws -> Tensor {
            let info = try g.info(name)
            guard info.shape == shape else { throw ModelFileError(g.path, "tensor \(name) is \(info.shape), expected \(shape)") }
            return try Tensor(shape: shape, scalars: g.floats(name))
        }
        func w(_ name: String, _ shape: [Int]) throws -> Weight { try Weight.load(g, name, shape, keepQuantized: keepQuantized) }
        let kv = c.numKVHeads * c.headDim
        tokenEmbeddings = try w("token_embd.weight", [c.vocabSize, d])
        outputNorm = try t("output_norm.weight", [d])
        lmHead = g.tensors["output.weight"] == nil ? nil : try w("output.weight", [c.vocabSize, d])
        layers = try (0..<c.numLayers).map { i in
            let p = "blk.\(i)."
            return Layer(
                attnNorm: try t(p + "attn_norm.weight", [d]), ffnNorm: try t(p + "ffn_norm.weight", [d]),
                wq: try w(p + "attn_q.weight", [d, d]), wk: try w(p + "attn_k.weight", [kv, d]), wv: try w(p + "attn_v.weight", [kv, d]),
                wo: try w(p + "attn_output.weight", [d, d]),
                wGate: try w(p + "ffn_gate.weight", [c.ffnSize, d]), wUp: try w(p + "ffn_up.weight", [c.ffnSize, d]),
                wDown: try w(p + "ffn_down.weight", [d, c.ffnSize]))
        }
    }

    public func session() throws -> LlamaSession { try LlamaSession(model: self) }
}

/// One sequence being run: the KV caches of every layer and KV head, and every attention row.
public final class LlamaSession: @unchecked Sendable {
    public let model: LlamaModel
    /// caches[layer][kvHead].
    var caches: [[KVCache]]
    /// Token ids so far.
    public private(set) var ids: [Int] = []
    /// rows[layer][head][query] = that query's attention over keys 0…query.
    public private(set) var rows: [[[[Float]]]]
    /// The last token's hidden state after the final norm, (d,).
    public private(set) var lastHidden: [Float] = []

    init(model: LlamaModel) throws {
        self.model = model
        let c = model.config
        caches = try (0..<c.numLayers).map { _ in try (0..<c.numKVHeads).map { _ in try KVCache(keyDim: c.headDim, valueDim: c.headDim) } }
        rows = Array(repeating: Array(repeating: [], count: c.numHeads), count: c.numLayers)
    }

    /// Runs the new tokens through every layer (a whole prompt at once, or one generated token),
    /// appends their keys and values to the caches, and returns the logits of the last one (V,).
    @discardableResult
    public func append(_ newIDs: [Int]) throws -> [Float] {
        let c = model.config, m = model
        let T = newIDs.count, start = ids.count, dh = c.headDim
        guard T > 0 else { throw ModelError("no tokens to run") }
        guard start + T <= c.contextLength else { throw ModelError("\(start + T) tokens exceed the context of \(c.contextLength)") }
        let positions = Array(start..<(start + T))
        var x = try embeddingRows(m.tokenEmbeddings, newIDs)                              // (T, d)
        for (l, L) in m.layers.enumerated() {
            let h = try rmsNorm(x, gamma: L.attnNorm, eps: c.rmsEps)
            let q = try linear(h, L.wq), k = try linear(h, L.wk), v = try linear(h, L.wv)   // (T, d), (T, kv), (T, kv)
            // RoPE on each KV head's keys, then into the cache.
            for g in 0..<c.numKVHeads {
                let kg = try applyRoPE(headSlice(k, head: g, dim: dh), positions: positions, base: c.ropeBase, pairing: .interleaved)
                let vg = headSlice(v, head: g, dim: dh)
                for r in 0..<T {
                    try caches[l][g].append(key: Tensor(vector: Array(kg.scalars[(r * dh)..<((r + 1) * dh)])),
                                            value: Tensor(vector: Array(vg.scalars[(r * dh)..<((r + 1) * dh)])))
                }
            }
            var ctx = Tensor.zeros([T, c.dModel])
            for hq in 0..<c.numHeads {
                let g = hq / c.groupSize                                                     // GQA: query head → its KV head
                let qh = try applyRoPE(headSlice(q, head: hq, dim: dh), positions: positions, base: c.ropeBase, pairing: .interleaved)
                let cache = caches[l][g]
                let r: AttentionResult
                if T == 1 {
                    r = try cache.attend(query: qh)                                            // (1, n)
                } else {
                    // Query i (position start + i) sees keys 0 … start + i.
                    let n = cache.count
                    let mask = try AttentionMask(allowed: (0..<T).map { i in (0..<n).map { $0 <= start + i } })
                    r = try scaledDotProductAttention(q: qh, k: cache.keys, v: cache.values, mask: mask)
                }
                for i in 0..<T {
                    let row = r.weights.row(i)
                    rows[l][hq].append(Array(row[0...(start + i)]))
                }
                setHeadSlice(&ctx, r.output, head: hq)
            }
            x = try added(x, linear(ctx, L.wo))
            let h2 = try rmsNorm(x, gamma: L.ffnNorm, eps: c.rmsEps)
            var gate = try linear(h2, L.wGate)
            let up = try linear(h2, L.wUp)
            for i in 0..<gate.count { gate.scalars[i] = silu(gate.scalars[i]) * up.scalars[i] }   // SwiGLU
            x = try added(x, linear(gate, L.wDown))
        }
        ids += newIDs
        let last = try Tensor(shape: [1, c.dModel], scalars: Array(x.scalars[((T - 1) * c.dModel)..<(T * c.dModel)]))
        let normed = try rmsNorm(last, gamma: m.outputNorm, eps: c.rmsEps)
        lastHidden = normed.scalars
        return try linear(normed, m.lmHead ?? m.tokenEmbeddings).scalars                  // tied LM head: logits = h·Eᵀ
    }

    /// The full causal map of layer l, head h over every token so far: (n, n), zeros above the diagonal.
    public func attentionMap(layer l: Int, head h: Int) -> Tensor {
        let n = rows[l][h].count
        var t = Tensor.zeros([n, n])
        for (i, row) in rows[l][h].enumerated() { for (j, w) in row.enumerated() { t[i, j] = w } }
        return t
    }
}

/// How the next token is chosen.
public enum Sampling: Sendable, Equatable {
    case greedy
    /// Sample from the k most likely tokens (softmax at temperature τ over them), seeded.
    case topK(k: Int, temperature: Float, seed: UInt64)
}

/// Picks next tokens from logits.
public struct Sampler: Sendable {
    public let sampling: Sampling
    private var rng: SeededGenerator

    public init(_ sampling: Sampling) {
        self.sampling = sampling
        if case .topK(_, _, let seed) = sampling { rng = SeededGenerator(seed: seed) } else { rng = SeededGenerator(seed: 0) }
    }

    public mutating func next(_ logits: [Float]) -> Int {
        switch sampling {
        case .greedy:
            var best = 0
            for i in logits.indices where logits[i] > logits[best] { best = i }
            return best
        case .topK(let k, let tau, _):
            let top = logits.indices.sorted { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }.prefix(max(1, k))
            let mx = Double(logits[top.first!])
            let w = top.map { exp((Double(logits[$0]) - mx) / Double(max(tau, 1e-6))) }
            let total = w.reduce(0, +)
            var u = rng.nextUnit() * total
            for (i, id) in top.enumerated() {
                u -= w[i]
                if u < 0 { return id }
            }
            return top.last!
        }
    }
}
