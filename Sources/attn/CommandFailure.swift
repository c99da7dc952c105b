import LessonEngine

/// A command that could not do its work (a broken lesson, an unreadable answers file): printed as
/// its message alone. Argument mistakes use ArgumentParser's ValidationError, which adds the usage.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// Every diagnostic, one `file:line:column: error: …` per line, each different line once: a
    /// YAML alias repeats the node it names, and so every error found in that node.
    init(_ diagnostics: [LessonDiagnostic]) {
        var seen: Set<String> = []
        description = diagnostics.map { diagnosticText($0, commandLanguage) }.filter { seen.insert($0).inserted }.joined(separator: "\n")
    }
}
