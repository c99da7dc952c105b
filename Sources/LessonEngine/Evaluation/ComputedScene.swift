import AttentionKernel

/// Which result a tensor is: the stage that made it, its name there, and its layer and head.
///
/// Views, exercises and `attn eval` all find results by key; the name `attn eval` prints is
/// derived from the key in one place (`evalName`), so instructors' scripts keep their names.
public struct ResultKey: Sendable, Hashable, CustomStringConvertible {
    /// The stage's name in a scene of several stages; nil in a single-op scene.
    public var stage: String?
    /// The name the operation gives it (`weights`, `Q`, `output`) or the input's tensor name.
    public var name: String
    /// The layer of a repeated block, when the scene stacks layers.
    public var layer: Int?
    /// The head, for per-head results.
    public var head: Int?

    public init(stage: String? = nil, name: String, layer: Int? = nil, head: Int? = nil) {
        self.stage = stage
        self.name = name
        self.layer = layer
        self.head = head
    }

    /// The same stage, layer and head, another name: the `masked` that goes with `weights[2]`.
    public func sibling(_ name: String) -> ResultKey {
        ResultKey(stage: stage, name: name, layer: layer, head: head)
    }

    /// The name `attn eval` prints: `weights`, `weights[2]`, `attn.weights[2]`, `layer1.ffn.output`.
    ///
    /// The only place a key becomes a string; single-op scenes give exactly the names of the first
    /// version of the format.
    public var evalName: String {
        var out = ""
        if let layer { out += "layer\(layer)." }
        if let stage { out += stage + "." }
        out += name
        if let head { out += "[\(head)]" }
        return out
    }

    public var description: String { evalName }
}

/// A tensor the evaluation produced, with the token labels a view puts beside it.
public struct NamedTensor: Sendable, Equatable {
    public var key: ResultKey
    /// `Q`, `weights`, `weights[1]`, `PE`, … : `key.evalName` (see `Lessons/FORMAT.md`).
    public var name: String
    public var tensor: Tensor
    /// What the tensor is, from the operation's declaration (`.input` for what it was given).
    public var role: ResultRole
    /// A short name for titles (`attention weights A`) and a one-line caption.
    public var displayName: String
    public var caption: String
    /// One label per row (query tokens), when the rows are tokens.
    public var rowLabels: [String]?
    /// One label per column (key tokens), when the columns are tokens.
    public var columnLabels: [String]?

    public var shape: [Int] { tensor.shape }

    // The values, for the screen: ExplorerUI reads tensors through these, never the kernel's type.

    /// 1 for a vector, 2 for a matrix.
    public var rank: Int { tensor.rank }
    /// Rows of a matrix, or the length of a vector (as the kernel's `Tensor.rows`).
    public var rows: Int { tensor.rows }
    /// Columns of a matrix (the last dimension).
    public var columns: Int { tensor.columns }
    /// Every value, row-major.
    public var scalars: [Float] { tensor.scalars }
    /// The number of values.
    public var count: Int { tensor.count }
    /// The shape as the lecture writes it: `(3, 4)`.
    public var shapeText: String { formatShape(tensor.shape) }
    /// A matrix as its rows; a vector as one row.
    public var matrixRows: [[Float]] { tensor.matrixRows }
    /// Element (i, j) of a matrix.
    public subscript(i: Int, j: Int) -> Float { tensor[i, j] }
    /// Row `i` of the tensor viewed as a matrix.
    public func row(_ i: Int) -> [Float] { tensor.row(i) }
    /// Whether `other` holds the same numbers (shape and values).
    public func hasSameValues(as other: NamedTensor) -> Bool { tensor == other.tensor }
}

/// A view ready to draw: its kind and the computed tensors it shows.
public struct ResolvedView: Sendable, Equatable {
    public var kind: ViewKind
    public var title: String
    /// The results it shows (one for heatmap, softmaxRow, matrix; several for vectors, pipeline
    /// and rope, which shows the tensor before and after rotation).
    public var keys: [ResultKey]
    /// The same as names in the computed scene (`keys.map(\.evalName)`).
    public var tensors: [String] { keys.map(\.evalName) }
    /// The query row a softmaxRow (or rope position) shows.
    public var query: Int?
    /// The key row a rope view draws beside its query row (nil: before and after of one row).
    public var keyRow: Int? = nil
    /// The head a multi-head tensor was taken from.
    public var head: Int?
}

/// Everything a step's scene computed: named tensors in pipeline order, the resolved views,
/// plain-sentence notes (e.g. "no key matches"), and the parameter values used.
public struct ComputedScene: Sendable, Equatable {
    public var tensors: [NamedTensor] = []
    public var views: [ResolvedView] = []
    /// Facts the prose may point at: a read that found nothing, rows that were fully masked, …
    public var notes: [String] = []
    /// The value of every parameter after overrides (choices as indices), for `$name` in exercises.
    public var parameters: [String: Double] = [:]
    /// The same values typed: choices and tokens by name.
    public var parameterValues: [String: ParameterValue] = [:]
    /// The stage results are being added for (set by the evaluator while a stage runs).
    var currentStage: String?
    var currentLayer: Int?
    /// The op running, whose declaration gives roles and captions.
    var currentOp: SceneOp?

    public init() {}

    /// The tensor whose `attn eval` name is `name` (`weights[1]`).
    public subscript(name: String) -> NamedTensor? { tensors.first { $0.name == name } }

    /// The tensor under `key`.
    public subscript(key key: ResultKey) -> NamedTensor? { tensors.first { $0.key == key } }

    /// The results of `name` in `stage` (any layer), one per head when it is per head.
    public func results(named name: String, stage: String? = nil, layer: Int? = nil) -> [NamedTensor] {
        tensors.filter { $0.key.name == name && $0.key.stage == stage && $0.key.layer == layer }
    }

    /// Whether `name` exists only per head (`weights[0]`, `weights[1]`, … but no `weights`).
    public func isPerHead(_ name: String, stage: String? = nil, layer: Int? = nil) -> Bool {
        let r = results(named: name, stage: stage, layer: layer)
        return !r.isEmpty && r.allSatisfy { $0.key.head != nil }
    }

    /// Adds or replaces a tensor of the running stage.
    mutating func add(_ name: String, head: Int? = nil, _ tensor: Tensor, rows: [String]? = nil, columns: [String]? = nil) {
        let key = ResultKey(stage: currentStage, name: name, layer: currentLayer, head: head)
        let declared = currentOp?.declaration.output(name)
        add(key, tensor, role: declared?.role ?? .input, display: declared?.display ?? name, caption: declared?.caption ?? "",
            rows: rows, columns: columns)
    }

    mutating func add(_ key: ResultKey, _ tensor: Tensor, role: ResultRole, display: String, caption: String, rows: [String]? = nil, columns: [String]? = nil) {
        let rowLabels = rows.flatMap { tensor.rank >= 1 && $0.count == tensor.shape[tensor.rank == 1 ? 0 : tensor.rank - 2] ? $0 : nil }
        let columnLabels = columns.flatMap { tensor.rank >= 2 && $0.count == tensor.columns ? $0 : nil }
        let displayName = key.head.map { "\(display), head \($0)" } ?? display
        let named = NamedTensor(key: key, name: key.evalName, tensor: tensor, role: role, displayName: displayName, caption: caption,
                                rowLabels: rowLabels, columnLabels: columnLabels)
        if let i = tensors.firstIndex(where: { $0.key == key }) { tensors[i] = named } else { tensors.append(named) }
    }
}

/// Why a scene could not be computed, at the scene line to fix.
public struct SceneError: Error, Sendable, Equatable, CustomStringConvertible, Localizable {
    /// What is wrong, as a value.
    public var problem: SceneProblem
    public var location: SourceLocation
    /// The trained model (`minilm`, `smollm2`) the scene needs and this machine lacks: not a
    /// mistake in the lesson, so `attn validate` notes it and the explorer shows the install command.
    public var missingModel: String?

    public init(_ problem: SceneProblem, at location: SourceLocation, missingModel: String? = nil) {
        self.problem = problem
        self.location = location
        self.missingModel = missingModel
    }

    /// An error with a fixed sentence, the same in every language.
    public init(_ message: String, at location: SourceLocation) {
        self.init(.verbatim(message), at: location)
    }

    /// The English sentence; setting it replaces the problem with that sentence.
    public var message: String {
        get { problem.text(.en) }
        set { problem = .verbatim(newValue) }
    }

    /// The sentence in `language`, without the location.
    public func text(_ language: Language) -> String { problem.text(language) }

    public var description: String { "\(location): \(message)" }

    /// The error as a diagnostic for `file`.
    public func diagnostic(file: String) -> LessonDiagnostic {
        LessonDiagnostic(file: file, at: location, .scene(problem))
    }
}
