import AttentionKernel

/// What one scene operation is, declared in one place: its inputs, its options, what it
/// computes, how it is shown by default, and how it runs.
///
/// The decoder, validation, `attn eval`, the cost check, the exercise functions and the test that
/// checks `Lessons/FORMAT.md` all read these declarations (`OperationDeclaration.all`), so adding
/// an operation means one file under `Operations/` and one line in `Operations.swift`.
struct OperationDeclaration: Sendable {
    var op: SceneOp
    /// One sentence for FORMAT.md and error messages.
    var summary: String
    var inputs: [InputDeclaration]
    /// Options besides `query` and `head`, which every scene has.
    var options: [OptionDeclaration]
    /// Options the scene must set.
    var required: [String] = []
    /// What the operation computes, in pipeline order. Inputs are recorded under their own names.
    var outputs: [OutputDeclaration]
    /// The views a scene without `views:` gets (each kept only when its tensor was computed).
    var defaultViews: [DefaultView]
    /// The tensors a `pipeline` view shows by default.
    var pipeline: [String]
    /// The tensors a `vectors` view shows by default (input slots' tensor names when `slots`).
    var vectors: VectorsDefault = .names(["Q", "K", "V"])
    /// Whether `keyTokens` means something to this operation (cross-attention).
    var takesKeyTokens = false
    /// Whether the query rows are the scene's tokens (a `query` control must stay on them).
    var queriesAreTokens = false
    /// Rough size of the work before running, so an override cannot ask for a runaway scene.
    var cost: @Sendable (CostEstimator) -> SceneCost
    /// Runs the operation, adding its results to `evaluator.result`.
    var run: @Sendable (inout SceneEvaluator) throws -> Void

    static let everySceneOptions: [OptionDeclaration] = [.query, .head]

    /// Every option this op reads: `query`, `head`, then its own.
    var allOptions: [OptionDeclaration] { Self.everySceneOptions + options }

    func option(_ name: String) -> OptionDeclaration? { allOptions.first { $0.name == name } }
    func output(_ name: String) -> OutputDeclaration? { outputs.first { $0.name == name } }
}

/// An input slot: `x`, `wQ`, … and the tensor it reads when the scene does not name one.
struct InputDeclaration: Sendable {
    var slot: String
    var defaultTensor: String
    var doc: String
    /// An input the op can do without (e.g. multiHead's `wQ`…`wO`, drawn at random when absent).
    var optional = false
}

/// An option: its type, default, limits and what it means.
struct OptionDeclaration: Sendable {
    var name: String
    var type: OptionType
    var defaultValue: OptionDefault
    /// Accepted values for numbers and integers; checked when the scene is evaluated.
    var range: ClosedRange<Double>? = nil
    var doc: String
}

/// How an option's value is written.
enum OptionType: Sendable, Equatable {
    case number, integer, bool, integers
    case choice([String])
    /// A position in the scene's tokens, written as an index or as the token's text.
    case token
    /// Free text (a model's `sentence`): not a number, so no control drives it.
    case text
}

/// The value an option takes when the scene does not set it.
enum OptionDefault: Sendable, Equatable {
    case none
    case value(Double)
    /// A choice's name, a boolean, …
    case name(String)
    /// The number of (key) tokens, at least 1; the last token's index.
    case tokenCount, keyTokenCount, lastToken

    func resolve(tokens T: Int, keyTokens TK: Int, type: OptionType) -> Double? {
        switch self {
        case .none: return nil
        case .value(let x): return x
        case .name(let n):
            if case .choice(let names) = type { return names.firstIndex(of: n).map(Double.init) }
            return n == "true" ? 1 : 0
        case .tokenCount: return Double(max(T, 1))
        case .keyTokenCount: return Double(TK)
        case .lastToken: return Double(max(T - 1, 0))
        }
    }
}

/// What a result is, so views and exercises can ask for it by role rather than by spelling.
public enum ResultRole: String, Sendable, Hashable {
    /// A tensor the scene declared or an earlier stage made.
    case input
    /// Learned weights (W_Q, W_1, γ, …).
    case parameter
    /// Q, K, V.
    case projection
    /// Scores before the softmax (raw, scaled, masked, biases).
    case scores
    /// Attention weights: rows are distributions over keys.
    case weights
    /// A 0/1 mask.
    case mask
    /// An intermediate activation (hidden layer, normalised rows, …).
    case activation
    /// What the stage hands on.
    case output
    /// A small summary number or vector (sums, counts, slopes).
    case summary
}

/// One declared output: its name (the base of the name `attn eval` prints), role and captions.
struct OutputDeclaration: Sendable {
    var name: String
    var role: ResultRole
    /// Made once per head (`weights[h]`).
    var perHead = false
    var display: String
    var caption: String

    init(_ name: String, _ role: ResultRole, perHead: Bool = false, display: String? = nil, caption: String) {
        self.name = name
        self.role = role
        self.perHead = perHead
        self.display = display ?? name
        self.caption = caption
    }
}

/// A view a scene gets by default.
struct DefaultView: Sendable {
    var kind: ViewKind
    var tensor: String? = nil
}

/// What a `vectors` view shows when it names no tensors.
enum VectorsDefault: Sendable {
    case names([String])
    /// The tensors the input slots read (the memory reads' q, k, v).
    case slots([String])
}
