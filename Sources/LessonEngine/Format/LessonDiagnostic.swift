/// A position in a lesson file: 1-based line and column, as editors show them.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int = 1) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One problem found in a lesson file, pointing at the line an instructor has to fix.
///
/// Printed the way compilers print errors, `file:line:column: error: message`, so editors and
/// terminals can jump to it. The problem is a value (`LessonProblem`), rendered in a language at
/// the edge: `message` and `description` are English, `text(_:)` and `rendered(_:)` any language.
public struct LessonDiagnostic: Error, Hashable, Sendable, CustomStringConvertible, Localizable {
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong, as a value.
    public var problem: LessonProblem

    /// The English sentence, without the location, kept on one line: any line break or control
    /// character that came in with a value from the file is escaped (see `MessageText`).
    /// Setting it replaces the problem with that sentence, the same in every language.
    public var message: String {
        get { text(.en) }
        set { problem = .verbatim(newValue) }
    }

    public init(file: String, line: Int, column: Int = 1, problem: LessonProblem) {
        self.file = MessageText.escaped(file)
        self.line = line
        self.column = column
        self.problem = problem
    }

    public init(file: String, at location: SourceLocation, _ problem: LessonProblem) {
        self.init(file: file, line: location.line, column: location.column, problem: problem)
    }

    /// A diagnostic with a fixed sentence (one from outside the engine, or a test's).
    public init(file: String, line: Int, column: Int = 1, message: String) {
        self.init(file: file, line: line, column: column, problem: .verbatim(message))
    }

    public init(file: String, at location: SourceLocation, _ message: String) {
        self.init(file: file, line: location.line, column: location.column, message: message)
    }

    /// The sentence in `language`, on one line, without the location.
    public func text(_ language: Language) -> String {
        MessageText.escaped(problem.text(language))
    }

    /// `file:line:column: error: message` in `language` (`ошибка` in Russian).
    public func rendered(_ language: Language) -> String {
        "\(file):\(line):\(column): \(EngineText.errorWord.text(language)): \(text(language))"
    }

    public var description: String { rendered(.en) }
}

/// Collects diagnostics for one file, so every parser stage can report and carry on.
///
/// A class because the parsing helpers pass it down and all append to the same list.
final class DiagnosticSink {
    let file: String
    private(set) var diagnostics: [LessonDiagnostic] = []
    /// Stops a pathological file from producing millions of messages.
    static let limit = 200

    init(file: String) {
        self.file = file
    }

    func error(_ location: SourceLocation, _ problem: LessonProblem) {
        guard diagnostics.count < Self.limit else { return }
        diagnostics.append(LessonDiagnostic(file: file, at: location, problem))
    }

    /// A sentence not yet in the catalog: English in every language.
    func error(_ location: SourceLocation, _ message: String) { error(location, LessonProblem.verbatim(message)) }
    func error(_ location: SourceLocation, _ problem: FormatProblem) { error(location, .format(problem)) }
    func error(_ location: SourceLocation, _ problem: TranslationProblem) { error(location, .translation(problem)) }
    func error(_ location: SourceLocation, _ problem: SceneProblem) { error(location, .scene(problem)) }
    func error(_ location: SourceLocation, _ problem: ExerciseProblem) { error(location, .exercise(problem)) }

    var isEmpty: Bool { diagnostics.isEmpty }
    var count: Int { diagnostics.count }
}
