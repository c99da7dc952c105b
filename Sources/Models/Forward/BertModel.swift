import AttentionKernel
import Foundation
import ModelFormats

/// BERT's hyper-parameters, from config.json.
public struct BertConfig: Sendable, Equatable, Codable {
    public var hiddenSize: Int
    public var numHeads: Int
    public var numLayers: Int
    public var intermediateSize: Int
    public var layerNormEps: Float
    public var maxPositions: Int
    public var vocabSize: Int
    public var headDim: Int { hiddenSize / numHeads }

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", numHeads = "num_attention_heads", numLayers = "num_hidden_layers"
        case intermediateSize = "intermediate_size", layerNormEps = "layer_norm_eps"
        case maxPositions = "max_position_embeddings", vocabSize = "vocab_size"
    }

    public static func load(_ path: String) throws -> BertConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError("\(path): cannot read") }
        if let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let act = obj["hidden_act"] as? String, act != "gelu" {
            throw ModelError("\(path): hidden_act is \(act); attn's BERT implements exact (erf) gelu")
        }
        do { return try JSONDecoder().decode(BertConfig.self, from: data) } catch { throw ModelError("\(path): not a BERT config (\(error))") }
    }
}

/// Everything one BERT forward pass computes that the lessons show.
public struct BertOutput: Sendable {
    /// The last layer's hidden states, (T, d).
    public var hidden: Tensor
    /// The hidden states after the embeddings and after each layer: numLayers + 1 tensors (T, d).
    public var hiddenStates: [Tensor]
    /// attentions[layer][head]: softmax(QKᵀ/√d_k), (T, T).
    public var attentions: [[Tensor]]
    /// Mean-pooled, L2-normalised sentence embedding, (d,).
    public var embedding: [Float]
}

/// A BERT encoder (all-MiniLM-L6-v2) on AttentionKernel: post-LN blocks with Q/K/V biases.
public final class BertModel: @unchecked Sendable {
    public let config: BertConfig
    struct Layer {
        let wq, bq, wk, bk, wv, bv, wo, bo, ln1g, ln1b, w1, b1, w2, b2, ln2g, ln2b: Tensor
    }
    let wordEmbeddings, positionEmbeddings, tokenTypeEmbeddings, embLNg, embLNb: Tensor
    let layers: [Layer]

    /// Loads config.json and model.safetensors from a model folder.
    public convenience init(directory: String) throws {
        try self.init(config: BertConfig.load(directory + "/config.json"), weights: SafeTensorsFile(path: directory + "/model.safetensors"))
    }

    public init(config: BertConfig, weights f: SafeTensorsFile) throws {
        self.config = config
        func t(_ name: String, _ shape: [Int]) throws -> Tensor {
            let full = f.tensors[name] != nil ? name : "bert." + name
            guard let info = f.tensors[full] else { throw ModelFileError(f.path, "missing tensor \(name)") }
            guard info.shape == shape else { throw ModelFileError(f.path, "tensor \(name) is \(info.shape), expected \(shape)") }
            return try Tensor(shape: shape, scalars: f.floats(full))
        }
        let d = config.hiddenSize, ff = config.intermediateSize
        guard d % config.numHeads == 0 else { throw ModelError("hidden size \(d) is not a multiple of \(config.numHeads) heads") }
        wordEmbeddings = try t("embeddings.word_embeddings.weight", [config.vocabSize, d])
        positionEmbeddings = try t("embeddings.position_embeddings.weight", [config.maxPositions, d])
        tokenTypeEmbeddings = try t("embeddings.token_type_embeddings.weight", [f.tensors["embeddings.token_type_embeddings.weight"]?.shape.first ?? 2, d])
        embLNg = try t("embeddings.LayerNorm.weight", [d])
        embLNb = try t("embeddings.LayerNorm.bias", [d])
        layers = try (0..<config.numLayers).map { i in
            let p = "encoder.layer.\(i)."
            return Layer(
                wq: try t(p + "attention.self.query.weight", [d, d]), bq: try t(p + "attention.self.query.bias", [d]),
                wk: try t(p + "attention.self.key.weight", [d, d]), bk: try t(p + "attention.self.key.bias", [d]),
                wv: try t(p + "attention.self.value.weight", [d, d]), bv: try t(p + "attention.self.value.bias", [d]),
                wo: try t(p + "attention.output.dense.weight", [d, d]), bo: try t(p + "attention.output.dense.bias", [d]),
                ln1g: try t(p + "attention.output.LayerNorm.weight", [d]), ln1b: try t(p + "attention.output.LayerNorm.bias", [d]),
                w1: try t(p + "intermediate.dense.weight", [ff, d]), b1: try t(p + "intermediate.dense.bias", [ff]),
                w2: try t(p + "output.dense.weight", [d, ff]), b2: try t(p + "output.dense.bias", [d]),
                ln2g: try t(p + "output.LayerNorm.weight", [d]), ln2b: try t(p + "output.LayerNorm.bias", [d]))
        }
    }

    /// The forward pass over token ids (token type 0 throughout, every token attended).
    public func forward(ids: [Int]) throws -> BertOutput {
        let T = ids.count, d = config.hiddenSize, H = config.numHeads, dk = config.headDim, eps = config.layerNormEps
        guard T >= 1 else { throw ModelError("BERT needs at least one token") }
        guard T <= config.maxPositions else { throw ModelError("\(T) tokens is more than BERT's \(config.maxPositions) positions") }
        // Embeddings: word + learned position + token type 0, then LayerNorm.
        var x = try embeddingRows(wordEmbeddings, ids)                                     // (T, d)
        x = try added(x, embeddingRows(positionEmbeddings, Array(0..<T)))
        x = try added(x, embeddingRows(tokenTypeEmbeddings, [Int](repeating: 0, count: T)))
        x = try layerNorm(x, gamma: embLNg, beta: embLNb, eps: eps)
        var states = [x]
        var attentions: [[Tensor]] = []
        for L in layers {
            let q = try linear(x, L.wq, L.bq), k = try linear(x, L.wk, L.bk), v = try linear(x, L.wv, L.bv)   // (T, d) each
            var ctx = Tensor.zeros([T, d])
            var maps: [Tensor] = []
            for h in 0..<H {
                let r = try scaledDotProductAttention(q: headSlice(q, head: h, dim: dk), k: headSlice(k, head: h, dim: dk), v: headSlice(v, head: h, dim: dk))
                maps.append(r.weights)                                                      // (T, T)
                setHeadSlice(&ctx, r.output, head: h)
            }
            attentions.append(maps)
            // Post-LN: x = LN(x + Attn(x)), x = LN(x + FFN(x)).
            x = try layerNorm(added(x, linear(ctx, L.wo, L.bo)), gamma: L.ln1g, beta: L.ln1b, eps: eps)
            let ffn = try linear(geluErf(linear(x, L.w1, L.b1)), L.w2, L.b2)
            x = try layerNorm(added(x, ffn), gamma: L.ln2g, beta: L.ln2b, eps: eps)
            states.append(x)
        }
        // Mean pooling over the tokens, then L2 normalisation.
        var pooled = [Double](repeating: 0, count: d)
        for r in 0..<T { for j in 0..<d { pooled[j] += Double(x.scalars[r * d + j]) } }
        let norm = max(1e-12, pooled.reduce(0) { $0 + ($1 / Double(T)) * ($1 / Double(T)) }.squareRoot())
        let embedding = pooled.map { Float($0 / Double(T) / norm) }
        return BertOutput(hidden: x, hiddenStates: states, attentions: attentions, embedding: embedding)
    }
}
