import AttentionKernel

/// A tensor the evaluation produced, with the token labels a view puts beside it.
public struct NamedTensor: Sendable, Equatable {
    /// `Q`, `weights`, `weights[1]`, `PE`, … (see `Lessons/FORMAT.md` for each op's names).
    public var name: String
    public var tensor: Tensor
    /// One label per row (query tokens), when the rows are tokens.
    public var rowLabels: [String]?
    /// One label per column (key tokens), when the columns are tokens.
    public var columnLabels: [String]?

    public var shape: [Int] { tensor.shape }
}

/// A view ready to draw: its kind and the computed tensors it shows.
public struct ResolvedView: Sendable, Equatable {
    public var kind: ViewKind
    public var title: String
    /// Names of tensors in the computed scene (one for heatmap, softmaxRow, matrix; several for
    /// vectors, pipeline and rope, which shows the tensor before and after rotation).
    public var tensors: [String]
    /// The query row a softmaxRow (or rope position) shows.
    public var query: Int?
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
    /// The value of every parameter after overrides (choices as indices).
    public var parameters: [String: Double] = [:]

    public init() {}

    /// The tensor called `name`.
    public subscript(name: String) -> NamedTensor? { tensors.first { $0.name == name } }

    /// Adds or replaces a tensor.
    mutating func add(_ name: String, _ tensor: Tensor, rows: [String]? = nil, columns: [String]? = nil) {
        let rowLabels = rows.flatMap { tensor.rank >= 1 && $0.count == tensor.shape[tensor.rank == 1 ? 0 : tensor.rank - 2] ? $0 : nil }
        let columnLabels = columns.flatMap { tensor.rank >= 2 && $0.count == tensor.columns ? $0 : nil }
        let named = NamedTensor(name: name, tensor: tensor, rowLabels: rowLabels, columnLabels: columnLabels)
        if let i = tensors.firstIndex(where: { $0.name == name }) { tensors[i] = named } else { tensors.append(named) }
    }
}

/// Why a scene could not be computed, at the scene line to fix.
public struct SceneError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }

    /// The error as a diagnostic for `file`.
    public func diagnostic(file: String) -> LessonDiagnostic {
        LessonDiagnostic(file: file, at: location, message)
    }
}
