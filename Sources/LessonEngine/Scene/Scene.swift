/// A step's scene as declared in its ```` ```scene ```` block: inputs, one operation, its
/// options, the views to draw and the parameters a learner may change.
///
/// Decoded and checked field by field by `decodeScene`; computed by `evaluate(_:overrides:)`.
/// Every part keeps its file location so evaluation errors point at the right line.
public struct Scene: Sendable {
    /// Line of the opening ```` ```scene ```` fence.
    public var location: SourceLocation
    /// Query-side tokens: row labels of maps, and the source of `embed`/`onehot` tensors.
    public var tokens: [String] = []
    /// Key-side tokens for cross-attention (the encoder's sentence); default: `tokens`.
    public var keyTokens: [String]?
    /// Declared tensors in file order.
    public var tensors: [TensorSpec] = []
    public var op: SceneOp
    public var opLocation: SourceLocation
    /// Input slot (`q`, `x`, `wQ`, …) → tensor name, for slots set explicitly.
    public var inputs: [String: NamedReference] = [:]
    /// Options set in the scene (`mask`, `temperature`, `window`, …).
    public var options: [String: SceneOption] = [:]
    /// Instructor-declared numeric parameters (`params:`), usable as `$name` in tensors.
    public var params: [String: SceneOption] = [:]
    public var views: [ViewSpec] = []
    public var controls: [ControlSpec] = []
    /// The stages of a scene that chains operations (`stages:`); empty for a single-op scene,
    /// whose `op`, `inputs` and `options` are then its one stage. In a staged scene, `op` and
    /// `opLocation` are the last stage's.
    public var stages: [StageSpec] = []

    /// The key-side tokens: `keyTokens` when given, else `tokens`.
    public var effectiveKeyTokens: [String] { keyTokens ?? tokens }

    /// The tensor declared under `name`.
    public func tensorSpec(_ name: String) -> TensorSpec? { tensors.first { $0.name == name } }
}

/// A tensor name used as an input, with where it was written.
public struct NamedReference: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
}

/// A declared tensor: its name and how to make it.
public struct TensorSpec: Sendable, Hashable {
    public var name: String
    public var source: TensorSource
    public var location: SourceLocation
}

/// Where a declared tensor's numbers come from.
public enum TensorSource: Sendable, Hashable {
    /// A literal matrix, row by row.
    case rows([[Double]])
    /// A literal vector.
    case vector([Double])
    /// Seeded normal samples N(mean, std²).
    case normal(shape: [NumberRef], seed: NumberRef, mean: NumberRef, std: NumberRef)
    /// Seeded uniform samples in [low, high).
    case uniform(shape: [NumberRef], seed: NumberRef, low: NumberRef, high: NumberRef)
    /// Toy embeddings: one seeded normal vector per distinct token, so equal tokens get equal rows.
    case embed(tokens: TokenSide, dim: NumberRef, seed: NumberRef, std: NumberRef)
    /// One-hot rows over the distinct tokens, in order of first appearance.
    case onehot(tokens: TokenSide)
}

/// Which token list an `embed` or `onehot` tensor follows.
public enum TokenSide: String, Sendable, Hashable, CaseIterable {
    case tokens, keyTokens
}

/// A scene option's value as written.
public struct SceneOption: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case number(Double)
        case name(String)
        case bool(Bool)
        case integers([Int])
    }
    public var value: Value
    public var location: SourceLocation

    public var number: Double? { if case .number(let x) = value { return x } else { return nil } }
}

/// The kinds of attention mask a scene can ask for.
public enum MaskKind: String, CaseIterable, Sendable {
    case none, causal, padding, sliding, dilated, globalSliding
}

/// The views a step can show: a closed set, each drawn by one ExplorerUI widget.
public enum ViewKind: String, CaseIterable, Sendable {
    /// A matrix as a shaded map with token labels (the attention map).
    case heatmap
    /// One query's row of weights as bars.
    case softmaxRow
    /// A few vectors side by side (queries, keys, values).
    case vectors
    /// A matrix as numbers.
    case matrix
    /// RoPE rotations of (2i, 2i+1) pairs.
    case rope
    /// The stages of the computation, X → Q, K, V → scores → weights → Z.
    case pipeline
    /// The step's prose on its own.
    case prose
    /// Every head of a per-head tensor as a small map, the current head marked (a model's layer).
    case heads
}

/// A view as declared: its kind and the tensors and rows it shows.
public struct ViewSpec: Sendable, Hashable {
    public var kind: ViewKind
    /// The tensor for single-tensor views (`heatmap`, `softmaxRow`, `matrix`, `rope`).
    public var tensor: String?
    /// The tensors for `vectors` and `pipeline`.
    public var tensors: [String]?
    /// The query row for `softmaxRow` (default `$query`).
    public var query: NumberRef?
    /// For `rope`: the key row drawn with the query row, each rotated to its position, with
    /// the angle between them (none: the query row before and after rotation).
    public var key: NumberRef?
    /// The head for multi-head tensors (default `$head`).
    public var head: NumberRef?
    public var title: String?
    public var location: SourceLocation
}

/// A parameter the learner may change live, with its range.
public struct ControlSpec: Sendable, Hashable {
    /// The parameter: an option (`temperature`, `window`, `mask`, …), `query`, `head`, or a `params:` name.
    public var param: String
    public var min: Double
    public var max: Double
    public var step: Double
    /// The starting value: the scene's own value for the parameter, else its built-in default.
    public var defaultValue: Double
    /// For choice parameters (`mask`, `similarity`, `pairing`): the names, indexed by value; for
    /// token parameters (`follow`): the tokens, so a position shows as its text.
    public var values: [String]?
    public var label: String
    public var location: SourceLocation
}
