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
/// terminals can jump to it.
public struct LessonDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// A plain sentence, without the location.
    public var message: String

    /// `message` is kept on one line: any line break or control character that came in with a
    /// value from the file is escaped (see `MessageText`).
    public init(file: String, line: Int, column: Int = 1, message: String) {
        self.file = MessageText.escaped(file)
        self.line = line
        self.column = column
        self.message = MessageText.escaped(message)
    }

    public init(file: String, at location: SourceLocation, _ message: String) {
        self.init(file: file, line: location.line, column: location.column, message: message)
    }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
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

    func error(_ location: SourceLocation, _ message: String) {
        guard diagnostics.count < Self.limit else { return }
        diagnostics.append(LessonDiagnostic(file: file, at: location, message))
    }

    var isEmpty: Bool { diagnostics.isEmpty }
    var count: Int { diagnostics.count }
}
