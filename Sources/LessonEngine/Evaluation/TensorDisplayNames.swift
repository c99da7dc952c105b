/// What a student reads for a computed tensor: a display name in the lecture's notation and a
/// one-line caption, so names from the code (`weightSum`, `cacheK`) never reach the screen.
///
/// Per-head tensors (`weights[2]`) take their base's name with the head appended. The table
/// is keyed by the names of `Lessons/FORMAT.md`; an unknown name is shown as it is.
public struct TensorDisplay: Sendable, Equatable {
    /// Short, for titles and column headers: `A = softmax(S)`, `q·k`.
    public var name: String
    /// One line saying what the numbers are.
    public var caption: String
}

/// The display name and caption of tensor `name` in `scene` (the scene decides, e.g., whether
/// `output` is A·V or concat·W_O).
public func tensorDisplay(_ name: String, in scene: ComputedScene) -> TensorDisplay {
    // The result's key says what it is; a name the scene did not compute is shown as it is.
    guard let tensor = scene[name] else { return TensorDisplay(name: name, caption: "") }
    // A staged scene's results are named by their stage; the op's declaration gives the caption.
    if tensor.key.stage != nil { return TensorDisplay(name: name, caption: tensor.caption) }
    // A trained model's results name their layer and head (and KV head) themselves.
    if scene["kvHead"] != nil, scene["previousToken"] != nil {
        return TensorDisplay(name: tensor.displayName, caption: tensor.role == .summary ? "" : tensor.caption)
    }
    let base = tensor.key.name
    let head = tensor.key.head
    let headText = head.map { ", head \($0)" } ?? ""
    let multiHead = scene["concat"] != nil
    // Reads (hard, average, soft) have one query q and no projections.
    let read = scene["weightSum"] != nil || scene["matches"] != nil
    let projected = !read && (scene["X"] != nil || scene["W_Q"] != nil)
    var d: TensorDisplay
    switch base {
    case "X": d = .init(name: "X", caption: "token embeddings, one row per token")
    case "X_kv": d = .init(name: "X_kv", caption: "encoder-side embeddings: the sentence the keys come from")
    case "X_rot": d = .init(name: "X rotated", caption: "X after RoPE: each pair turned by m·θ_i")
    case "q": d = .init(name: "q", caption: "the query vector")
    case "k": d = .init(name: "k", caption: "one key per token")
    case "v": d = .init(name: "v", caption: "one value per token")
    // Projected from X (attention ops), or given as they are (reads, which have no X).
    case "Q": d = .init(name: projected ? "Q = X·W_Q" : "Q", caption: "queries, one row per token")
    case "K": d = .init(name: projected ? (scene["X_kv"] != nil ? "K = X_kv·W_K" : "K = X·W_K") : "K", caption: "keys, one row per token")
    case "V": d = .init(name: projected ? (scene["X_kv"] != nil ? "V = X_kv·W_V" : "V = X·W_V") : "V", caption: "values, one row per token")
    case "W_Q", "W_K", "W_V", "W_O": d = .init(name: base, caption: "learned projection matrix")
    case "scores":
        d = scene["X_rot"] != nil ? .init(name: "S = X_rot·X_rotᵀ", caption: "scores after RoPE: equal along each diagonal (m − n fixed)")
            : read ? .init(name: "q·k", caption: "the query's dot product with each key")
            : .init(name: "S = Q·Kᵀ", caption: "scores: query i's dot product with key j")
    case "scoresUnrotated": d = .init(name: "S without RoPE", caption: "X·Xᵀ before rotation: the same score everywhere")
    case "expScores": d = .init(name: "exp(q·k)", caption: "the softmax's numerators")
    case "scaled": d = .init(name: "S/√d_k", caption: "scores divided by √d_k (what the softmax sees)")
    case "masked": d = .init(name: "S + M", caption: "scaled scores with −∞ where the mask hides a key")
    case "mask": d = .init(name: "mask M", caption: "1 where query i may read key j, 0 where it may not")
    case "weights", "row", "causalWeights":
        d = .init(name: "A = softmax", caption: "attention weights: each row sums to 1")
        if base == "causalWeights" { d = .init(name: "A, full causal", caption: "the whole causal map computed at once") }
        if base == "row" { d = .init(name: "new query's weights", caption: "the last token's attention over the cache") }
        if read, base == "weights" {
            d = scene["expScores"] != nil ? .init(name: "w = softmax(q·k)", caption: "exp(q·k) over its sum: how much of each value the read takes")
                : scene["weightSum"] != nil ? .init(name: "w = s/Σs", caption: "each score over the sum of the scores")
                : .init(name: "weight", caption: "how much of each value the read takes")
        }
    case "matches": d = .init(name: "match", caption: "1 where the key equals the query")
    case "weightSum": d = .init(name: "Σ weights", caption: "the sum of the weights: 1 only for a softmax")
    case "output":
        d = multiHead ? .init(name: "output = concat·W_O", caption: "the heads' outputs mixed by W_O")
            : read ? .init(name: "output = Σ w_i·v_i", caption: "the read value: the values mixed by the weights")
            : .init(name: "Z = A·V", caption: "each row is a weighted mix of the values")
        if head != nil { d = .init(name: "Z_h = A_h·V_h", caption: "this head's output") }
    case "concat": d = .init(name: "concat(Z₀…Z_H)", caption: "the heads' outputs side by side, width H·d_h")
    case "kvCacheFloatsPerToken": d = .init(name: "KV cache per token", caption: "numbers stored per token per layer: 2·H_kv·d_h")
    case "cacheK": d = .init(name: "cached K", caption: "the keys kept from earlier tokens")
    case "cacheV": d = .init(name: "cached V", caption: "the values kept from earlier tokens")
    case "query": d = .init(name: "new q", caption: "the query of the token being generated")
    case "PE": d = .init(name: "PE", caption: "sinusoidal position encodings: row m, columns sin/cos pairs")
    case "angles": d = .init(name: "m·θ_i", caption: "rotation angle of pair i at position m (radians)")
    case "bias": d = .init(name: "ALiBi bias", caption: "−slope·|i − j|: far keys get a lower score")
    case "slopes": d = .init(name: "slopes", caption: "one ALiBi slope per head")
    default: d = .init(name: name, caption: tensor.caption)
    }
    if head != nil, base != "output" { d.name += headText; }
    return d
}

/// The display name and caption of tensor `name` in `scene`, in `language` (`TensorText`).
public func tensorDisplay(_ name: String, in scene: ComputedScene, language: Language) -> TensorDisplay {
    tensorDisplay(name, in: scene).localized(language)
}

extension TensorDisplay {
    /// The name and caption in `language`.
    public func localized(_ language: Language) -> TensorDisplay {
        TensorDisplay(name: TensorText.localized(name, language), caption: TensorText.localized(caption, language))
    }

    /// The display name in `language`.
    public func name(_ language: Language) -> String { TensorText.localized(name, language) }

    /// The one-line caption in `language`.
    public func caption(_ language: Language) -> String { TensorText.localized(caption, language) }
}

extension NamedTensor {
    /// The declared display name in `language`.
    public func displayName(_ language: Language) -> String { TensorText.localized(displayName, language) }

    /// The declared caption in `language`.
    public func caption(_ language: Language) -> String { TensorText.localized(caption, language) }
}
